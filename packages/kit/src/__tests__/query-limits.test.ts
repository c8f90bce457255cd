import { ApolloServer } from '@apollo/server';
import { buildSchema, Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { operationLimitsPlugin } from '../query-limits-plugin.js';
import {
  checkOperation,
  defaultOperationLimits,
  readOperationLimits,
  subgraphLimits,
  type OperationLimits,
} from '../query-limits.js';

// A small schema with the shapes that matter: a cycle through lists, an entity
// fetch with representations, and lists without an assumed size.
const schema = buildSchema(`
  type Query {
    cluster(id: ID!): Cluster
    clusters: [Cluster!]!
    provinces: [Province!]!
    _entities(representations: [JSON!]!): [Entity]!
    numbers(count: Int!): [Int!]!
  }
  scalar JSON
  union Entity = Province
  type Cluster { id: ID! seasons: [ClusterSeason!]! }
  type ClusterSeason { year: Int! cluster: Cluster! members: [Province!]! }
  type Province { id: ID! name: String! successor: Province predecessors: [Province!]! things: [Thing!]! }
  type Thing { id: ID! }
`);

function check(query: string, limits: Partial<OperationLimits> = {}, variables: Record<string, unknown> = {}) {
  const document = parse(query);
  const operation = document.definitions.find(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  )!;
  const fragments = document.definitions.filter(
    (d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION,
  );
  return checkOperation(schema, fragments, operation, variables, { ...defaultOperationLimits, ...limits });
}

/** `seasons { cluster { seasons { … } } }`, `depth` fields deep. */
const nest = (depth: number) => {
  let selection = (depth - 1) % 2 === 0 ? 'year' : 'id';
  for (let i = depth - 1; i >= 0; i--)
    selection = i % 2 === 0 ? `seasons { ${selection} }` : `cluster { ${selection} }`;
  return selection;
};

describe('checkOperation', () => {
  test('measures depth through fragments and refuses past the limit, naming both numbers', () => {
    expect(check('{ cluster(id: "a") { id } }').measure.depth).toBe(2);
    expect(check('{ cluster(id: "a") { ...F } } fragment F on Cluster { seasons { year } }').measure.depth).toBe(3);
    const deep = check(`{ cluster(id: "a") { ${nest(59)} } }`);
    expect(deep.measure.depth).toBe(61);
    expect(deep.error?.message).toBe('Query refused: it nests fields 61 levels deep, over the limit of 12');
    expect(deep.error?.extensions).toMatchObject({
      code: 'GRAPHQL_VALIDATION_FAILED',
      limit: 'maxDepth',
      http: { status: 400 },
    });
  });

  test('counts aliases, also inside fragments', () => {
    const aliases = Array.from({ length: 31 }, (_, i) => `a${i}: id`).join(' ');
    expect(check(`{ cluster(id: "a") { ${aliases} } }`).error?.extensions?.limit).toBe('maxAliases');
    expect(check(`{ cluster(id: "a") { ...F } } fragment F on Cluster { x: id y: id }`).measure.aliases).toBe(2);
  });

  test('estimates the response from assumed list sizes and refuses a circular query for its size', () => {
    // 20 seasons of 20 members each, two values per member plus the season's own.
    expect(check('{ cluster(id: "a") { seasons { year members { id name } } } }').measure.estimatedSize).toBe(
      1 + 20 * (1 + 1 + 20 * 3),
    );
    // Within the depth limit: the query that once answered 4.8 MB through the gateway.
    const circular = check(`{ cluster(id: "a") { ${nest(10)} } }`);
    expect(circular.measure.depth).toBe(12);
    expect(circular.error?.extensions?.limit).toBe('maxResponseSize');
    expect(circular.error?.message).toMatch(
      /^Query refused before it ran: its response could hold about [\d,]+ values/,
    );
  });

  test('bounds how often one field repeats on a path, saying which and where', () => {
    const twice = check(`{ cluster(id: "a") { ${nest(3)} } }`);
    expect(twice.error).toBeUndefined();
    expect(twice.measure.repeated).toMatchObject({ coordinate: 'Cluster.seasons', count: 2 });
    const thrice = check(`{ cluster(id: "a") { ${nest(5)} } }`);
    expect(thrice.error?.message).toBe(
      'Query refused: Cluster.seasons appears 3 times on one path (Query.cluster → Cluster.seasons → ' +
        'ClusterSeason.cluster → Cluster.seasons → ClusterSeason.cluster → Cluster.seasons), over the limit of 2',
    );
  });

  test('an entity fetch counts as many entities as the gateway sends', () => {
    const query = 'query ($r: [JSON!]!) { _entities(representations: $r) { ... on Province { id name } } }';
    const representations = (n: number) => ({
      r: Array.from({ length: n }, (_, i) => ({ __typename: 'Province', id: `p${i}` })),
    });
    expect(check(query, {}, representations(10)).measure.estimatedSize).toBe(10 * 3);
    expect(check(query, { maxResponseSize: 1000 }, representations(400)).error?.extensions?.limit).toBe(
      'maxResponseSize',
    );
  });

  test('a fragment bomb is measured once per fragment, so refusing it is cheap', () => {
    const fragments = Array.from(
      { length: 40 },
      (_, i) => `fragment F${i} on Province { successor { ...F${i + 1} } predecessors { ...F${i + 1} } }`,
    ).join('\n');
    const bomb = check(`{ provinces { ...F0 } } ${fragments} fragment F40 on Province { id }`, { maxDepth: 1000 });
    expect(bomb.measure.estimatedSize).toBeGreaterThan(1e20);
    expect(bomb.error?.extensions?.limit).toBe('maxResponseSize');
  });

  test('introspection is left to the schema that bounds it', () => {
    const typeRef = 'kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } }';
    const introspection = check(
      `{ __schema { types { name fields { name type { ${typeRef} } args { name type { ${typeRef} } } } } } }`,
    );
    expect(introspection.error).toBeUndefined();
  });
});

describe('limits from the environment', () => {
  test('default to the gateway defaults, read MAX_* and refuse what is not a positive whole number', () => {
    expect(readOperationLimits({})).toEqual(defaultOperationLimits);
    expect(readOperationLimits({ MAX_QUERY_DEPTH: '20', MAX_RESPONSE_SIZE: '1000' })).toMatchObject({
      maxDepth: 20,
      maxResponseSize: 1000,
    });
    expect(() => readOperationLimits({ MAX_FIELD_REPEATS: '0' })).toThrow(
      'MAX_FIELD_REPEATS=0 must be a positive whole number',
    );
  });

  test('a subgraph leaves room for what the query planner adds', () => {
    expect(subgraphLimits(defaultOperationLimits)).toEqual({
      maxDepth: 15,
      maxAliases: 50,
      maxFieldRepeats: 3,
      maxResponseSize: defaultOperationLimits.maxResponseSize,
    });
  });
});

describe('operationLimitsPlugin on a server', () => {
  // Province.things is not in the assumed sizes: 50 are assumed, but the resolver returns 5,000.
  const provinces = Array.from({ length: 3 }, (_, i) => ({
    id: `p${i}`,
    name: `Tỉnh ${i}`,
    things: Array.from({ length: 5_000 }, (_, j) => ({ id: `t${j}` })),
  }));
  let server: ApolloServer;
  beforeAll(async () => {
    server = new ApolloServer({
      schema,
      rootValue: {
        provinces: () => provinces,
        numbers: ({ count }: { count: number }) => Array.from({ length: count }, (_, i) => i),
      },
      plugins: [operationLimitsPlugin({ ...defaultOperationLimits, maxResponseSize: 10_000 }, { countActual: true })],
    });
    await server.start();
  });
  afterAll(() => server.stop());

  async function run(query: string) {
    const { body, http } = await server.executeOperation({ query });
    if (body.kind !== 'single') throw new Error('expected a single result');
    return { result: body.singleResult, status: http.status };
  }

  test('answers what is within the limits', async () => {
    const { result } = await run('{ provinces { id name } }');
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ provinces: provinces.map(({ id, name }) => ({ id, name })) });
  });

  test('refuses an estimate over the limit with 400 before running it', async () => {
    const { result, status } = await run(`{ cluster(id: "a") { ${nest(9)} } }`);
    expect(status).toBe(400);
    expect(result.data).toBeUndefined();
    expect(result.errors?.[0].extensions?.limit).toBe('maxResponseSize');
  });

  test('stops a response that grows past the limit while it is built, and answers one error', async () => {
    const { result, status } = await run('{ provinces { id things { id } } }');
    expect(status ?? 200).toBe(200);
    expect(result.data).toBeNull();
    expect(result.errors).toEqual([
      {
        message: 'Response refused: it grew past 10,000 values while it was built. Ask for less at once.',
        extensions: { code: 'GRAPHQL_VALIDATION_FAILED', limit: 'maxResponseSize', value: 10_001, max: 10_000 },
      },
    ]);
  });

  test('counts a long list of scalars too', async () => {
    const { result } = await run('{ numbers(count: 20000) }');
    expect(result.errors?.[0].extensions?.limit).toBe('maxResponseSize');
  });
});
