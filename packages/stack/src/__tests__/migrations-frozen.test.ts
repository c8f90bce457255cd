import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { exchangeMigrations, nodeRegistryMigrations } from '@thidua/kit/exchange';

/**
 * A migration that has been applied never changes: a deployed database has
 * already run it and will not run it again. Each migration's SQL is hashed and
 * compared with `migrations.lock.json`. A new migration is added to the lock
 * file in the same commit (the failure prints its line); changing an old one
 * fails here, and the fix is a new migration.
 */
const root = path.resolve(__dirname, '..', '..', '..', '..');
const lockFile = path.join(__dirname, 'migrations.lock.json');
const locked = JSON.parse(readFileSync(lockFile, 'utf8')) as Record<string, string>;

type MigrationClass = new () => MigrationInterface;

/** A service's migration folders: src/migrations, and src/<part>/migrations (the gateway's accounts). */
function migrationDirs(service: string): string[] {
  const src = path.join(root, 'services', service, 'src');
  let parts: string[];
  try {
    parts = readdirSync(src, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'migrations')
      .map((entry) => entry.name);
  } catch {
    return [];
  }
  return [path.join(src, 'migrations'), ...parts.map((part) => path.join(src, part, 'migrations'))];
}

function serviceMigrations(): [string, MigrationClass][] {
  const found: [string, MigrationClass][] = [];
  for (const service of readdirSync(path.join(root, 'services'))) {
    for (const dir of migrationDirs(service)) {
      let files: string[];
      try {
        files = readdirSync(dir).filter((file) => file.endsWith('.ts'));
      } catch {
        continue;
      }
      for (const file of files) {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const module = require(path.join(dir, file)) as Record<string, MigrationClass>;
        for (const exported of Object.values(module)) found.push([`${service}/${exported.name}`, exported]);
      }
    }
  }
  return found;
}

async function sqlOf(Migration: MigrationClass): Promise<string> {
  const statements: string[] = [];
  const recorder = { query: async (sql: string) => void statements.push(sql) } as unknown as QueryRunner;
  await new Migration().up(recorder);
  return statements.join(';\n');
}

const migrations: [string, MigrationClass][] = [
  ...serviceMigrations(),
  ...[...exchangeMigrations, ...nodeRegistryMigrations].map((m): [string, MigrationClass] => [`kit/${m.name}`, m]),
];

test('there are migrations to check', () => {
  expect(migrations.length).toBeGreaterThanOrEqual(8);
});

test.each(migrations)('%s is as it was applied', async (name, Migration) => {
  const hash = createHash('sha256')
    .update(await sqlOf(Migration))
    .digest('hex');
  if (!(name in locked)) {
    throw new Error(`${name} is new: add "${name}": "${hash}" to ${path.relative(root, lockFile)}`);
  }
  expect(hash).toBe(locked[name]);
});
