import { buildSubgraphSchema, printSubgraphSchema } from '@apollo/subgraph';
import { printSchemaWithDirectives } from '@graphql-tools/utils';
import { type GraphQLSchema, parse } from 'graphql';
import { buildSchema, createResolversMap, getMetadataStorage, type BuildSchemaOptions } from 'type-graphql';

/** The Federation 2 directives the subgraphs use. */
const federationLink = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.5", import: ["@key", "@shareable", "@external", "@requires", "@provides", "@inaccessible"])`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ReferenceResolvers = Record<string, { __resolveReference: (...args: any[]) => unknown }>;

/**
 * Builds a type-graphql schema and turns it into an Apollo subgraph schema.
 * Every `__resolveReference` must be passed here: type-graphql's resolver map
 * does not carry them, and buildSubgraphSchema only wires what it is given.
 */
export async function buildFederatedSchema(
  options: Omit<BuildSchemaOptions, 'skipCheck'>,
  referenceResolvers: ReferenceResolvers = {},
): Promise<GraphQLSchema> {
  plainPropertyFields(options);
  const schema = await buildSchema({ ...options, skipCheck: true });
  const resolvers = createResolversMap(schema) as Record<string, Record<string, unknown>>;
  for (const [typeName, reference] of Object.entries(referenceResolvers)) {
    resolvers[typeName] = { ...resolvers[typeName], ...reference };
  }
  return buildSubgraphSchema({
    typeDefs: parse(`${federationLink}\n${printSchemaWithDirectives(schema)}`),
    // type-graphql's map is structurally a resolver map but typed loosely.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    resolvers: resolvers as any,
  });
}

/**
 * A field that only reads its object's property gets no resolver of its own.
 * Without this, type-graphql gives every such field a resolver that builds a
 * middleware call for each value (one object and one closure per field per
 * row), and a compiled operation (executor.ts) must call it where it could
 * read the property inline: about 5,000 calls for a province page's
 * observations. graphql-js's default resolver reads the same property (a
 * field's schema name is its property name: a type with a renamed field keeps
 * type-graphql's resolvers). Only when nothing runs around fields: no
 * middleware, no authorisation checks.
 */
function plainPropertyFields(options: Omit<BuildSchemaOptions, 'skipCheck'>): void {
  const storage = getMetadataStorage();
  if (options.globalMiddlewares?.length || options.authChecker) return;
  if (storage.middlewares.length || storage.authorizedFields.length || storage.authorizedResolver.length) return;
  const renamed = new Set(storage.fields.filter((field) => field.schemaName !== field.name).map((f) => f.target));
  for (const type of [...storage.objectTypes, ...storage.interfaceTypes]) {
    if (!renamed.has(type.target)) type.simpleResolvers ??= true;
  }
}

/** The subgraph SDL as the gateway sees it (what `schema.graphql` holds). */
export function printSubgraphSdl(schema: GraphQLSchema): string {
  return `${printSubgraphSchema(schema).trim()}\n`;
}
