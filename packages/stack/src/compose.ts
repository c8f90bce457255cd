import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  apiSchemaFile,
  composeSupergraph,
  printApiSchema,
  type ComposedName,
  projectRoot,
  schemaFile,
  subgraphSdls,
  supergraphFile,
} from './schema.js';

/**
 * `npm run compose`: writes each services/<name>/schema.graphql, the gateway's
 * supergraph.graphql and its public API schema api.graphql.
 */
async function main(): Promise<void> {
  const sdls = await subgraphSdls();
  for (const [name, sdl] of Object.entries(sdls)) {
    writeFileSync(schemaFile(name as ComposedName), sdl);
    process.stdout.write(`wrote ${path.relative(projectRoot, schemaFile(name as ComposedName))}\n`);
  }
  const supergraph = composeSupergraph(sdls);
  writeFileSync(supergraphFile, supergraph);
  process.stdout.write(`wrote ${path.relative(projectRoot, supergraphFile)}\n`);
  writeFileSync(apiSchemaFile, await printApiSchema(supergraph));
  process.stdout.write(`wrote ${path.relative(projectRoot, apiSchemaFile)}\n`);
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
});
