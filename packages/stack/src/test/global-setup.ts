import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { silentLogger } from '@thidua/kit';
import { freePort } from '@thidua/kit/testing';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../embedded-postgres.js';

declare global {
  var thiduaTestPostgres: { server: EmbeddedPostgres; dir: string } | undefined;
}

/**
 * One real Postgres for the whole run: DATABASE_URL when given, else an
 * embedded server in a temporary directory. Each test file makes its own
 * databases on it, so files run in parallel without sharing data.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.DATABASE_URL) return;
  const dir = mkdtempSync(path.join(tmpdir(), 'thidua-test-'));
  const server = await startEmbeddedPostgres({
    dataDir: path.join(dir, 'pg'),
    port: await freePort(),
    logger: silentLogger,
  });
  process.env.DATABASE_URL = server.url;
  globalThis.thiduaTestPostgres = { server, dir };
}
