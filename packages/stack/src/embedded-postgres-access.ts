import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readlinkSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ConfigError, type Logger } from '@thidua/kit';

/**
 * Postgres refuses to run as root, so as root the server runs as the
 * `postgres` user. That user must reach the binaries and the data directory,
 * which a clone in a folder only root can enter (`/root/thidua`, `mktemp -d`)
 * does not allow. This module finds the places it can reach.
 */
export interface Account {
  uid: number;
  gid: number;
}

/** Where the `postgres` user's copies live (defaults suit a real machine; tests point them elsewhere). */
export interface PostgresPlaces {
  /** Folder for the binaries' copy when the installed ones are out of reach (default /var/tmp, else the OS temp folder). */
  binaryCacheDir?: string;
  /** Folder for clusters whose data directory is out of reach (default /var/lib/thidua). */
  relocatedDataDir?: string;
}

function idOf(flag: '-u' | '-g'): number | undefined {
  const result = spawnSync('id', [flag, 'postgres'], { encoding: 'utf8' });
  return result.status === 0 ? Number(result.stdout.trim()) : undefined;
}

/** As root: the `postgres` account the server runs as, created when missing. Otherwise undefined. */
export function postgresAccount(logger: Logger): Account | undefined {
  if (process.getuid?.() !== 0) return undefined;
  if (idOf('-u') === undefined) {
    logger.info('creating the system user `postgres` to run the embedded Postgres (it refuses to run as root)');
    spawnSync('groupadd', ['--system', 'postgres'], { stdio: 'ignore' });
    spawnSync(
      'useradd',
      ['--system', '--gid', 'postgres', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'],
      {
        stdio: 'ignore',
      },
    );
  }
  const uid = idOf('-u');
  const gid = idOf('-g');
  if (uid === undefined || gid === undefined) {
    throw new ConfigError(
      'Postgres cannot run as root and the user `postgres` could not be created: create it (useradd --system postgres), ' +
        'run as an ordinary user, or set DATABASE_URL.',
    );
  }
  return { uid, gid };
}

/** Whether `account` passes `test <flag> <target>`: the kernel's own permission check, ACLs included. */
export function reachableBy(account: Account, target: string, flag: '-x' | '-r' = '-x'): boolean {
  const result = spawnSync('/bin/sh', ['-c', 'test "$1" "$2"', 'sh', flag, target], {
    uid: account.uid,
    gid: account.gid,
    cwd: '/',
    stdio: 'ignore',
  });
  return result.status === 0;
}

/** A cache folder root made and no one else can change, with every file in it. */
function trustworthyCopy(dir: string): boolean {
  try {
    const stat = lstatSync(dir);
    return (
      stat.isDirectory() &&
      stat.uid === 0 &&
      (stat.mode & 0o022) === 0 &&
      existsSync(path.join(dir, '.complete')) &&
      existsSync(path.join(dir, 'bin', 'postgres'))
    );
  } catch {
    return false;
  }
}

/** Opens a copied tree to every user, read and execute only. */
function openTree(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isSymbolicLink()) continue;
    if (entry.isDirectory()) {
      chmodSync(file, 0o755);
      openTree(file);
    } else {
      chmodSync(file, statSync(file).mode & 0o111 ? 0o755 : 0o644);
    }
  }
}

/**
 * The binaries' folder the `postgres` user can run: the installed one when it
 * can reach it, else a copy in a shared cache, made once per version by root
 * (built aside, then renamed into place, so no one sees a half copy).
 */
export function reachableBinaries(
  nativeDir: string,
  version: string,
  account: Account,
  logger: Logger,
  places: PostgresPlaces = {},
): string {
  if (
    reachableBy(account, path.join(nativeDir, 'bin', 'postgres')) &&
    reachableBy(account, path.join(nativeDir, 'share'), '-r')
  ) {
    return nativeDir;
  }
  const base = places.binaryCacheDir ?? (existsSync('/var/tmp') ? '/var/tmp' : tmpdir());
  const cache = path.join(base, `thidua-postgres-${version}-${process.platform}-${process.arch}`);
  if (!trustworthyCopy(cache)) {
    logger.info(
      { from: nativeDir, to: cache },
      'the postgres user cannot reach the Postgres binaries here: copying them',
    );
    rmSync(cache, { recursive: true, force: true });
    const staging = mkdtempSync(path.join(base, 'thidua-postgres-copy-'));
    try {
      cpSync(nativeDir, staging, { recursive: true, verbatimSymlinks: true });
      openTree(staging);
      writeFileSync(path.join(staging, '.complete'), `${version}\n`, { mode: 0o644 });
      chmodSync(staging, 0o755);
      renameSync(staging, cache);
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      // Another start may have put the same copy in place first.
      if (!trustworthyCopy(cache)) throw error;
    }
  }
  if (!reachableBy(account, path.join(cache, 'bin', 'postgres'))) {
    throw new ConfigError(
      `The postgres user cannot run the Postgres binaries, not even the copy in ${cache}: ` +
        'run as an ordinary user, or set DATABASE_URL to a Postgres server.',
    );
  }
  return cache;
}

/**
 * The data directory the `postgres` user can reach. The folder holding the
 * cluster (DATA_DIR) is opened to it; when a folder above that is closed (a
 * clone in /root), a new cluster goes to `relocatedDataDir` and `dataDir`
 * becomes a link to it, so the data is still found where the docs say.
 */
export function reachableDataDir(
  dataDir: string,
  account: Account,
  logger: Logger,
  places: PostgresPlaces = {},
): string {
  const linked = existsSync(dataDir) && lstatSync(dataDir).isSymbolicLink();
  const target = linked ? path.resolve(path.dirname(dataDir), readlinkSync(dataDir)) : dataDir;
  const holder = path.dirname(target);
  mkdirSync(holder, { recursive: true });
  if (!reachableBy(account, holder)) chmodSync(holder, statSync(holder).mode | 0o055);
  if (reachableBy(account, holder)) return target;
  if (linked || existsSync(dataDir)) {
    throw new ConfigError(
      `The embedded Postgres runs as the user postgres, who cannot reach ${target} because a folder above it is closed ` +
        'to other users: open that folder (chmod o+x), move the data and set DATA_DIR, or run as an ordinary user.',
    );
  }
  const home = places.relocatedDataDir ?? '/var/lib/thidua';
  mkdirSync(home, { recursive: true, mode: 0o755 });
  chmodSync(home, 0o755);
  const relocated = path.join(
    home,
    `${path.basename(dataDir)}-${createHash('sha256').update(dataDir).digest('hex').slice(0, 12)}`,
  );
  if (!reachableBy(account, home)) {
    throw new ConfigError(
      `The user postgres can reach neither ${holder} nor ${home}: set DATA_DIR to a folder it can reach, or run as an ordinary user.`,
    );
  }
  symlinkSync(relocated, dataDir);
  logger.warn(
    { dataDir, relocated },
    `the user postgres cannot reach ${holder} (a folder above it is closed), so the cluster lives in ${relocated}, linked from ${dataDir}`,
  );
  return relocated;
}
