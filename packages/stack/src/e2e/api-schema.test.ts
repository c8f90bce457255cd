import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import {
  buildClientSchema,
  buildSchema,
  getIntrospectionQuery,
  printSchema,
  type GraphQLSchema,
  type IntrospectionQuery,
} from 'graphql';
import { apiSchemaFile, apiSchemaOf, composeSupergraph, subgraphSdls, supergraphFile } from '../schema.js';
import { useTestStack } from '../test/harness.js';

/** Both sides go through graphql-js, so only meaning counts, not Prettier's layout of the file. */
const normalise = (sdl: string) => printSchema(buildSchema(sdl));
const typeNames = (schema: GraphQLSchema) =>
  Object.keys(schema.getTypeMap())
    .filter((name) => !name.startsWith('__'))
    .sort();

const t = useTestStack();

describe('services/gateway/api.graphql (the public API the dashboard is typed against)', () => {
  test('matches the API schema composed from the code; run `npm run compose` when this fails', async () => {
    const composed = printSchema(apiSchemaOf(composeSupergraph(await subgraphSdls())));
    expect(normalise(readFileSync(apiSchemaFile, 'utf8'))).toBe(composed);
  });

  test('is exactly what the running gateway serves: introspection gives the same schema, type for type', async () => {
    const response = await t.query<IntrospectionQuery>(
      getIntrospectionQuery({ specifiedByUrl: true, inputValueDeprecation: true }),
    );
    expect(response.errors).toBeUndefined();
    const served = buildClientSchema(response.data!);
    const committed = buildSchema(readFileSync(apiSchemaFile, 'utf8'));
    expect(typeNames(served)).toEqual(typeNames(committed));
    expect(printSchema(served)).toBe(printSchema(committed));
  });

  test("the public types are the supergraph's own, without the federation's types and root fields", async () => {
    const api = apiSchemaOf(composeSupergraph(await subgraphSdls()));
    const supergraph = buildSchema(readFileSync(supergraphFile, 'utf8'));
    const machinery = typeNames(supergraph).filter((name) => !typeNames(api).includes(name));
    // What composition adds for the routers: these are in the supergraph and nowhere in the API.
    expect(machinery).toEqual(expect.arrayContaining(['join__Graph', 'link__Purpose']));
    // Besides them, only types the subgraphs keep out of the public API on purpose (@inaccessible).
    const hidden = (name: string) =>
      supergraph.getType(name)?.astNode?.directives?.some((d) => d.name.value === 'inaccessible');
    expect(machinery.filter((name) => !/^(join__|link__)/.test(name) && !hidden(name))).toEqual([]);
    expect(typeNames(api)).toEqual(
      expect.arrayContaining(['Province', 'Cluster', 'ClusterSeason', 'Commendation', 'Observation', 'Indicator']),
    );
    expect(Object.keys(api.getQueryType()!.getFields())).not.toContain('_entities');
    expect(Object.keys(api.getQueryType()!.getFields())).toEqual(expect.arrayContaining(['clusters', 'provinces']));
  });
});
