import { buildSchema, execute, parse, type GraphQLResolveInfo } from 'graphql';
import { selectedFields } from '../selection.js';

const schema = buildSchema(`
  type Province { id: ID! name: String! code: String! }
  type Query { members: [Province!]! }
`);

/** The fields `selectedFields` finds for `members` in `document`. */
function selectedIn(document: string): string[] {
  let found: ReadonlySet<string> | undefined;
  const rootValue = {
    members: (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
      found = selectedFields(info);
      return [];
    },
  };
  const result = execute({ schema, document: parse(document), rootValue });
  expect('errors' in result && result.errors).toBeFalsy();
  return [...found!].sort();
}

describe('selectedFields', () => {
  test('the fields asked directly', () => {
    expect(selectedIn('{ members { id name } }')).toEqual(['id', 'name']);
  });

  test('through inline and named fragments, nested ones too, and __typename', () => {
    expect(
      selectedIn(`{ members { __typename ... on Province { id } ...Named } }
        fragment Named on Province { name ...Coded }
        fragment Coded on Province { code }`),
    ).toEqual(['__typename', 'code', 'id', 'name']);
  });

  test('every occurrence of the field in one selection (the same field asked twice)', () => {
    expect(selectedIn('{ members { id } members { code } }')).toEqual(['code', 'id']);
  });

  test('a field resolved for many objects is walked once: each of them gets the same set', () => {
    const schemaOfMany = buildSchema(`
      type Province { id: ID! name: String! }
      type Season { members: [Province!]! }
      type Query { seasons: [Season!]! }
    `);
    const found: ReadonlySet<string>[] = [];
    const members = (_args: unknown, _context: unknown, info: GraphQLResolveInfo) => {
      found.push(selectedFields(info));
      return [];
    };
    const rootValue = { seasons: [{ members }, { members }, { members }] };
    execute({ schema: schemaOfMany, document: parse('{ seasons { members { id name } } }'), rootValue });
    expect(found).toHaveLength(3);
    expect([...found[0]].sort()).toEqual(['id', 'name']);
    expect(found[1]).toBe(found[0]);
    expect(found[2]).toBe(found[0]);
  });

  test('a fragment spread twice is read once', () => {
    expect(
      selectedIn(`{ members { ...A ...A } }
        fragment A on Province { id }`),
    ).toEqual(['id']);
  });
});
