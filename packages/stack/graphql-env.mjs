// Generates packages/stack/src/test/graphql-env.d.ts (the e2e tests' typed view of
// services/gateway/api.graphql) with the gql.tada CLI, before `tsc -b` compiles the
// tests. It runs only when the file is missing or older than the schema, so an
// unchanged API costs nothing. The file is ignored by git, like the dashboard's.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
const schema = path.resolve(root, '../../services/gateway/api.graphql');
const output = path.join(root, 'src', 'test', 'graphql-env.d.ts');

if (!existsSync(output) || statSync(output).mtimeMs < statSync(schema).mtimeMs) {
  const cli = path.resolve(path.dirname(createRequire(import.meta.url).resolve('gql.tada')), '../bin/cli.js');
  const result = spawnSync(
    process.execPath,
    [cli, 'generate', 'output', '--tsconfig', path.join(root, 'tsconfig.json')],
    { stdio: 'pipe', encoding: 'utf8' },
  );
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout}${result.stderr}`);
    process.stderr.write('could not generate packages/stack/src/test/graphql-env.d.ts\n');
    process.exit(result.status ?? 1);
  }
}
