import { existsSync, lstatSync, readFileSync, readdirSync, readlinkSync, rmSync } from 'node:fs';
import path from 'node:path';

const projectRoot = path.resolve(__dirname, '..', '..', '..');

/** `npm run reset`: deletes DATA_DIR (default .data/), refusing while its Postgres runs. */
function main(): void {
  const dataDir = path.resolve(process.env.DATA_DIR || path.join(projectRoot, '.data'));
  const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
  if (existsSync(pidFile)) {
    const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
    try {
      process.kill(pid, 0);
      process.stderr.write(`Postgres (pid ${pid}) is still using ${dataDir}: stop npm start first\n`);
      process.exit(1);
    } catch {
      // Not running: a stale pid file from a killed run.
    }
  }
  // As root, a cluster the postgres user could not reach here lives elsewhere, linked from here.
  for (const entry of existsSync(dataDir) ? readdirSync(dataDir) : []) {
    const file = path.join(dataDir, entry);
    if (lstatSync(file).isSymbolicLink()) {
      rmSync(path.resolve(dataDir, readlinkSync(file)), { recursive: true, force: true });
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
  process.stdout.write(`removed ${dataDir}; the next npm start loads reference and demo data afresh\n`);
}

main();
