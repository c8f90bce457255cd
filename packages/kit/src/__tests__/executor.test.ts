import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { execute, GraphQLError, parse, getOperationAST, type ExecutionResult, type GraphQLSchema } from 'graphql';
import { compiledExecutor, compiledSchemaGateway } from '../executor.js';
import { maskError } from '../errors.js';
import { DateScalar } from '../scalars.js';

// A subgraph with what execution errors are made of: a non-null field failing
// inside a list, a resolver throwing a GraphQLError with extensions, a plain
// Error (masked), promises, an entity with a reference resolver and a custom scalar.
const typeDefs = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
  scalar Date
  type Query {
    provinces: [Province!]!
    province(id: ID!): Province
    onDay(day: Date!): String!
    broken: String
    outage: String
  }
  type Province @key(fields: "id") {
    id: ID!
    name: String!
    code: Int!
    founded: Date
    scores: [Score!]
    locked: String
  }
  type Score {
    year: Int!
    value: Float!
  }
`);

interface Province {
  id: string;
  name: string | null;
  code: number;
}

const provinces: Province[] = [
  { id: 'ha-noi', name: 'Hà Nội', code: 1 },
  { id: 'can-tho', name: 'Cần Thơ', code: 92 },
  { id: 'hue', name: null, code: 46 },
];

const schema: GraphQLSchema = buildSubgraphSchema({
  typeDefs,
  resolvers: {
    Date: DateScalar,
    Query: {
      provinces: async () => provinces,
      province: (_: unknown, { id }: { id: string }) => provinces.find((p) => p.id === id) ?? null,
      onDay: (_: unknown, { day }: { day: string }) => `ngày ${day}`,
      broken: () => {
        throw new Error('connection reset by peer');
      },
      // Not an Error: graphql-js keeps it as thrownValue, where the kit's maskError finds a database outage.
      outage: () => Promise.reject({ code: '57P01', message: 'terminating connection due to administrator command' }),
    },
    Province: {
      __resolveReference: async ({ id }: { id: string }) => provinces.find((p) => p.id === id) ?? null,
      founded: (p: Province) => (p.code === 1 ? '1010-10-10' : null),
      scores: async (p: Province) =>
        p.code === 46
          ? [
              { year: 2019, value: 7.5 },
              { year: 2020, value: null },
            ]
          : [{ year: 2019, value: p.code / 10 }],
      locked: (p: Province) => {
        if (p.code === 92) {
          throw new GraphQLError('Mùa 2019 của Cần Thơ đã khoá', {
            extensions: { code: 'SEASON_LOCKED', clusterId: 'cum-3', year: 2019 },
          });
        }
        return null;
      },
    },
  } as never,
});

/** What a client sees: the result as JSON, errors as graphql-js formats them. */
function asJson(result: ExecutionResult): unknown {
  return JSON.parse(JSON.stringify(result));
}

async function both(query: string, variables?: Record<string, unknown>) {
  const document = parse(query);
  const operation = getOperationAST(document) ?? undefined;
  const fallbacks: string[] = [];
  const run = compiledExecutor(schema, { onFallback: (reason) => fallbacks.push(reason) });
  const compiled = await run({ document, operation, variables, contextValue: {} });
  const interpreted = await execute({ schema, document, variableValues: variables, contextValue: {} });
  return { compiled, interpreted, fallbacks };
}

describe('the compiled executor', () => {
  it('answers as graphql-js does when a non-null field fails inside a list and a resolver throws', async () => {
    const { compiled, interpreted, fallbacks } = await both(`
      query Page { provinces { id name code scores { year value } locked } broken }
    `);
    expect(fallbacks).toEqual([]);
    expect(asJson(compiled)).toEqual(asJson(interpreted));
    // Spelled out, so the comparison cannot pass on two equally wrong answers.
    expect(compiled.data).toBeNull();
    const byPath = new Map(compiled.errors!.map((error) => [error.path!.join('.'), error]));
    expect(byPath.get('provinces.2.name')!.message).toBe('Cannot return null for non-nullable field Province.name.');
    const locked = byPath.get('provinces.1.locked')!;
    expect(locked.extensions).toEqual({ code: 'SEASON_LOCKED', clusterId: 'cum-3', year: 2019 });
    expect(locked.locations).toEqual([{ line: 2, column: 67 }]);
    expect(byPath.get('broken')!.originalError?.message).toBe('connection reset by peer');

    // A nullable list whose item fails: the list is null, its siblings stay.
    const nested = await both(`{ province(id: "hue") { id scores { year value } } }`);
    expect(asJson(nested.compiled)).toEqual(asJson(nested.interpreted));
    expect(nested.compiled.data).toEqual({ province: { id: 'hue', scores: null } });
    expect(nested.compiled.errors!.map((error) => [error.message, error.path])).toEqual([
      ['Cannot return null for non-nullable field Score.value.', ['province', 'scores', 1, 'value']],
    ]);
  });

  it('gives every error the GraphQLError Apollo Server formats and masks', async () => {
    const { compiled, interpreted } = await both(`{ province(id: "can-tho") { id locked } broken }`);
    const format = (result: ExecutionResult) =>
      result.errors!.map((error) => {
        expect(error).toBeInstanceOf(GraphQLError);
        return maskError(
          { ...error.toJSON(), extensions: { code: 'INTERNAL_SERVER_ERROR', ...error.extensions } },
          error,
        );
      });
    expect(format(compiled)).toEqual(format(interpreted));
    expect(format(compiled).map((error) => error.message)).toEqual([
      'Mùa 2019 của Cần Thơ đã khoá',
      'Internal server error',
    ]);
  });

  it('keeps a thrown value that is not an Error where masking finds it: a database outage', async () => {
    const { compiled, interpreted } = await both(`{ outage }`);
    expect(asJson(compiled)).toEqual(asJson(interpreted));
    const masked = compiled.errors!.map((error) =>
      maskError({ ...error.toJSON(), extensions: { code: 'INTERNAL_SERVER_ERROR' } }, error, undefined, 'metrics'),
    );
    expect(masked.map((error) => error.extensions?.code)).toEqual(['SERVICE_UNAVAILABLE']);
  });

  it('answers an _entities fetch as graphql-js does, unknown references included', async () => {
    const { compiled, interpreted, fallbacks } = await both(
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) { ... on Province { id name code founded locked } }
      }`,
      {
        representations: [
          { __typename: 'Province', id: 'ha-noi' },
          { __typename: 'Province', id: 'nowhere' },
          { __typename: 'Province', id: 'can-tho' },
        ],
      },
    );
    expect(fallbacks).toEqual([]);
    expect(asJson(compiled)).toEqual(asJson(interpreted));
    expect((compiled.data as { _entities: unknown[] })._entities).toEqual([
      { id: 'ha-noi', name: 'Hà Nội', code: 1, founded: '1010-10-10', locked: null },
      null,
      { id: 'can-tho', name: 'Cần Thơ', code: 92, founded: null, locked: null },
    ]);
  });

  it("words refused variables as graphql-js does, custom scalars' included", async () => {
    for (const variables of [{ day: '2019-13-45' }, { day: 7 }, {}]) {
      const { compiled, interpreted } = await both(`query ($day: Date!) { onDay(day: $day) }`, variables);
      expect(compiled.data).toBeUndefined();
      expect(asJson(compiled)).toEqual(asJson(interpreted));
    }
  });

  it('leaves to graphql-js what it does not compile: introspection, and a document without the operation asked for', async () => {
    const { compiled, interpreted, fallbacks } = await both(`{ __schema { queryType { name } } __typename }`);
    expect(fallbacks).toEqual(['an introspection query']);
    expect(compiled).toEqual(interpreted);
    expect(compiled.data).toEqual({ __schema: { queryType: { name: 'Query' } }, __typename: 'Query' });

    const document = parse(`query A { provinces { id } } query B { broken }`);
    const reasons: string[] = [];
    const run = compiledExecutor(schema, { onFallback: (reason) => reasons.push(reason) });
    const result = await run({ document, operationName: 'C', operation: undefined, contextValue: {} });
    expect(reasons).toEqual(['no operation to run']);
    expect(result.errors!.map((error) => error.message)).toEqual(['Unknown operation named "C".']);
  });

  it('compiles an operation once per document and operation name', async () => {
    const document = parse(`query A { provinces { id } } query B { province(id: "hue") { code } }`);
    const run = compiledExecutor(schema);
    const a = await run({ document, operationName: 'A', operation: getOperationAST(document, 'A'), contextValue: {} });
    const b = await run({ document, operationName: 'B', operation: getOperationAST(document, 'B'), contextValue: {} });
    const again = await run({
      document,
      operationName: 'A',
      operation: getOperationAST(document, 'A'),
      contextValue: {},
    });
    expect(a.data).toEqual({ provinces: [{ id: 'ha-noi' }, { id: 'can-tho' }, { id: 'hue' }] });
    expect(b.data).toEqual({ province: { code: 46 } });
    expect(again).toEqual(a);
  });
});

describe('Apollo Server with the compiled executor', () => {
  async function serve(gateway: boolean) {
    const options = { formatError: maskError, plugins: [ApolloServerPluginInlineTraceDisabled()] };
    const server = new ApolloServer(
      gateway ? { ...options, gateway: compiledSchemaGateway(schema) } : { ...options, schema },
    );
    await server.start();
    return server;
  }

  it('answers requests exactly as with the plain schema: data, masked errors, BAD_USER_INPUT for variables', async () => {
    const plain = await serve(false);
    const compiled = await serve(true);
    try {
      const requests = [
        { query: `{ provinces { id name scores { value } } broken }` },
        { query: `{ province(id: "can-tho") { locked } }` },
        { query: `query ($day: Date!) { onDay(day: $day) }`, variables: { day: 'hôm qua' } },
        { query: `query ($day: Date!) { onDay(day: $day) }`, variables: { day: '2019-07-01' } },
        { query: `{ __type(name: "Score") { fields { name } } }` },
        { query: `query A { broken }`, operationName: 'B' },
        { query: `{ nothing }` },
      ];
      for (const request of requests) {
        const expected = await plain.executeOperation(request);
        const actual = await compiled.executeOperation(request);
        expect(actual.http.status).toBe(expected.http.status);
        expect(JSON.parse(JSON.stringify(actual.body))).toEqual(JSON.parse(JSON.stringify(expected.body)));
      }
      const refused = await compiled.executeOperation(requests[2]);
      expect(refused.body.kind === 'single' && refused.body.singleResult.errors?.[0]?.extensions?.code).toBe(
        'BAD_USER_INPUT',
      );
    } finally {
      await plain.stop();
      await compiled.stop();
    }
  });
});
