import { execute, parse, type GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, Field, FieldResolver, ID, Info, Int, ObjectType, Query, Resolver, Root } from 'type-graphql';
import { buildFederatedSchema } from '../federation.js';

/** A type whose class adds nothing to a copy of its rows. */
@ObjectType()
class Row {
  @Field(() => ID)
  id!: string;

  @Field(() => Int)
  amount!: number;
}

/** A type whose class gives its rows a method: its resolvers must keep getting instances. */
@ObjectType()
class Rich {
  @Field(() => ID)
  id!: string;

  amount!: number;

  twice(): number {
    return this.amount * 2;
  }
}

/** What a federated reference holds: an interface, so type-graphql has no class for the root. */
interface RowRef {
  id: string;
}

interface TestContext {
  unit: string;
  seen: unknown[];
}

const rows: Row[] = [
  { id: 'a', amount: 1 },
  { id: 'b', amount: 2 },
];

@Resolver(() => Row)
class RowResolver {
  @Query(() => [Row])
  rows(): Row[] {
    return rows;
  }

  @FieldResolver(() => String)
  label(@Root() row: Row, @Ctx() ctx: TestContext): string {
    ctx.seen.push(row);
    return `${row.id}: ${row.amount} ${ctx.unit}`;
  }

  @FieldResolver(() => String)
  ref(@Root() row: RowRef, @Ctx() ctx: TestContext): string {
    ctx.seen.push(row);
    return `ref ${row.id}`;
  }

  @FieldResolver(() => String)
  unit(@Ctx('unit') unit: string, @Root() row: Row): string {
    return `${unit}/${row.id}`;
  }

  @FieldResolver(() => String)
  path(@Root() row: Row, @Info() info: GraphQLResolveInfo): string {
    return `${info.parentType.name}.${info.fieldName}(${row.id})`;
  }

  @FieldResolver(() => Int)
  scaled(@Root() row: Row, @Arg('by', () => Int) by: number): number {
    return row.amount * by;
  }
}

@Resolver(() => Rich)
class RichResolver {
  @Query(() => [Rich])
  riches(): Rich[] {
    return [{ id: 'r', amount: 21 } as Rich];
  }

  @FieldResolver(() => Int)
  doubled(@Root() rich: Rich): number {
    return rich.twice();
  }
}

async function run(query: string, context: TestContext) {
  const schema = await buildFederatedSchema({ resolvers: [RowResolver, RichResolver] });
  return execute({ schema, document: parse(query), contextValue: context });
}

describe('buildFederatedSchema: field resolvers without arguments', () => {
  test('get the row itself, the context, one property of it and info, as type-graphql hands them', async () => {
    const context: TestContext = { unit: 'ha', seen: [] };
    const result = await run('{ rows { id label ref unit path } }', context);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      rows: [
        { id: 'a', label: 'a: 1 ha', ref: 'ref a', unit: 'ha/a', path: 'Row.path(a)' },
        { id: 'b', label: 'b: 2 ha', ref: 'ref b', unit: 'ha/b', path: 'Row.path(b)' },
      ],
    });
    // Called straight: the very objects the list returned, not copies into `new Row()`,
    // whether the root's type is the class or an interface.
    expect(context.seen).toHaveLength(4);
    expect(context.seen[0]).toBe(rows[0]);
    expect(context.seen[1]).toBe(rows[0]);
    expect(context.seen[2]).toBe(rows[1]);
    expect(context.seen[3]).toBe(rows[1]);
  });

  test('a resolver with an argument keeps type-graphql’s handler and its argument', async () => {
    const result = await run('{ rows { id scaled(by: 10) } }', { unit: 'ha', seen: [] });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({
      rows: [
        { id: 'a', scaled: 10 },
        { id: 'b', scaled: 20 },
      ],
    });
  });

  test('a root whose class has methods is still made an instance of it', async () => {
    const result = await run('{ riches { id doubled } }', { unit: 'ha', seen: [] });
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ riches: [{ id: 'r', doubled: 42 }] });
  });
});
