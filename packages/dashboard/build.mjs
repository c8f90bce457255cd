// Builds the dashboard into dist/: types generated from the gateway's public API schema
// (services/gateway/api.graphql), every document checked against it, tsc, then Vite.
// `npm start` and `npm test` build first, so an unchanged dashboard is not rebuilt: the
// inputs' hash is kept in dist/.build-hash (dotfiles are never served). --force rebuilds.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
const apiSchema = path.resolve(root, '../../services/gateway/api.graphql');
const lockFile = path.resolve(root, '../../package-lock.json');
const generated = path.join(root, 'src', 'graphql-env.d.ts');
const stampFile = path.join(root, 'dist', '.build-hash');

function filesUnder(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesUnder(file) : [file];
  });
}

function inputsHash() {
  const inputs = [
    ...filesUnder(path.join(root, 'src')).filter((file) => file !== generated),
    ...filesUnder(path.join(root, 'public')),
    ...['index.html', 'vite.config.ts', 'tsconfig.json', 'package.json', 'build.mjs'].map((f) => path.join(root, f)),
    apiSchema,
    lockFile,
  ].sort();
  const hash = createHash('sha256');
  for (const file of inputs) {
    hash.update(path.relative(root, file)).update('\0');
    if (existsSync(file)) hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** Runs one step; a quiet step's output is shown only when it fails. */
function run(command, args, { quiet = false } = {}) {
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: quiet ? 'pipe' : 'inherit',
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (result.status !== 0) {
    if (quiet) process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`);
    process.stderr.write(`dashboard build failed at: ${command} ${args.join(' ')}\n`);
    process.exit(result.status ?? 1);
  }
}

const hash = inputsHash();
const force = process.argv.includes('--force');
if (!force && existsSync(path.join(root, 'dist', 'index.html')) && existsSync(stampFile)) {
  if (readFileSync(stampFile, 'utf8').trim() === hash) process.exit(0);
}

// npm puts node_modules/.bin on PATH for scripts; these are the workspace's own tools.
run('gql.tada', ['generate', 'output'], { quiet: true });
run('gql.tada', ['check'], { quiet: true });
run('tsc', ['-p', 'tsconfig.json']);
run('vite', ['build', '--logLevel', 'warn']);
writeFileSync(stampFile, `${hash}\n`);
