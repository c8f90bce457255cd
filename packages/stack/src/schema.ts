import path from 'node:path';
import { composeServices } from '@apollo/composition';
import { defaultPorts, printSubgraphSdl } from '@thidua/kit';
import { parse } from 'graphql';
import { subgraphs, type SubgraphName } from './stack.js';

export const projectRoot = path.resolve(__dirname, '..', '..', '..');

/** Where each subgraph answers in a default local run (the URLs the supergraph file records). */
export const defaultUrls = Object.fromEntries(
  (Object.keys(subgraphs) as SubgraphName[]).map((name) => [name, `http://localhost:${defaultPorts[name]}/graphql`]),
) as Record<SubgraphName, string>;

export const schemaFile = (name: SubgraphName) => path.join(projectRoot, 'services', name, 'schema.graphql');
export const supergraphFile = path.join(projectRoot, 'services', 'gateway', 'supergraph.graphql');

/** Each subgraph's SDL as built from its code. */
export async function subgraphSdls(): Promise<Record<SubgraphName, string>> {
  const entries = await Promise.all(
    (Object.keys(subgraphs) as SubgraphName[]).map(
      async (name) => [name, printSubgraphSdl(await subgraphs[name].buildSchema())] as const,
    ),
  );
  return Object.fromEntries(entries) as Record<SubgraphName, string>;
}

/** Composes the supergraph from SDLs; throws with every composition error listed. */
export function composeSupergraph(sdls: Record<SubgraphName, string>): string {
  const result = composeServices(
    (Object.keys(sdls) as SubgraphName[]).map((name) => ({
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
