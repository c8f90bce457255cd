import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { accountsSubgraph } from '@thidua/gateway';
import { defaultPorts, printSubgraphSdl } from '@thidua/kit';
import { parse, printSchema, type GraphQLSchema } from 'graphql';
import { subgraphs, type SubgraphName } from './stack.js';

export const projectRoot = path.resolve(__dirname, '..', '..', '..');

/** Every subgraph the supergraph composes: the three services and the gateway's own accounts subgraph. */
export const composedSubgraphs = { ...subgraphs, accounts: accountsSubgraph } as const;
export type ComposedName = keyof typeof composedSubgraphs;

/**
 * Where each subgraph answers in a default local run (the URLs the supergraph file records). The
 * gateway serves accounts itself on a loopback port picked at start and always replaces its URL.
 */
export const defaultUrls: Record<ComposedName, string> = {
  ...(Object.fromEntries(
    (Object.keys(subgraphs) as SubgraphName[]).map((name) => [name, `http://localhost:${defaultPorts[name]}/graphql`]),
  ) as Record<SubgraphName, string>),
  accounts: 'http://127.0.0.1:0/graphql',
};

export const schemaFile = (name: ComposedName) =>
  name === 'accounts'
    ? path.join(projectRoot, 'services', 'gateway', 'src', 'accounts', 'schema.graphql')
    : path.join(projectRoot, 'services', name, 'schema.graphql');
export const supergraphFile = path.join(projectRoot, 'services', 'gateway', 'supergraph.graphql');
/** The public API schema clients see through the gateway; the dashboard's typed client is checked against it. */
export const apiSchemaFile = path.join(projectRoot, 'services', 'gateway', 'api.graphql');

/** Each subgraph's SDL as built from its code. */
export async function subgraphSdls(): Promise<Record<ComposedName, string>> {
  const entries = await Promise.all(
    (Object.keys(composedSubgraphs) as ComposedName[]).map(
      async (name) => [name, printSubgraphSdl(await composedSubgraphs[name].buildSchema())] as const,
    ),
  );
  return Object.fromEntries(entries) as Record<ComposedName, string>;
}

/** Composes the supergraph from SDLs; throws with every composition error listed. */
export function composeSupergraph(sdls: Record<ComposedName, string>): string {
  const result = composeServices(
    (Object.keys(sdls) as ComposedName[]).map((name) => ({
      name,
      url: defaultUrls[name],
      typeDefs: parse(sdls[name]),
    })),
  );
  if (result.errors) {
    throw new Error(`composition failed:\n${result.errors.map((e) => `- ${e.message}`).join('\n')}`);
  }
  return `${result.supergraphSdl.trim()}\n`;
}

/**
 * The API schema of a supergraph: what introspection through the gateway
 * shows, without the join/link machinery or `@inaccessible` elements.
 */
export function apiSchemaOf(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toGraphQLJSSchema();
}

/**
 * api.graphql's text for a supergraph, formatted the way the repository's
 * Prettier settings want so `npm run check` accepts the generated file.
 */
export async function printApiSchema(supergraphSdl: string): Promise<string> {
  // Prettier is ESM-only; the dynamic import keeps this CommonJS package loading it lazily (compose only).
  const prettier = await import('prettier');
  const options = await prettier.resolveConfig(apiSchemaFile);
  return prettier.format(printSchema(apiSchemaOf(supergraphSdl)), { ...options, filepath: apiSchemaFile });
}
