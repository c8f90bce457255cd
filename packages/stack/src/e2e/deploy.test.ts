import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultPorts, dropDatabase } from '@thidua/kit';
import { eventually, freePort, postGraphQL, testDatabaseUrl, uniquePrefix } from '@thidua/kit/testing';
import { parse } from 'yaml';
import { subgraphs, type SubgraphName } from '../stack.js';
import { serviceNodeOptions } from '../supervisor-children.js';

const projectRoot = path.resolve(__dirname, '..', '..', '..', '..');
const read = (file: string) => readFileSync(path.join(projectRoot, file), 'utf8');

interface ComposeService {
  command?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  image?: string;
  build?: string;
}

// No Docker engine runs here, so check what can be checked without one: the
// file parses, and its services, ports, programs and settings agree with the code.
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, ComposeService> };
const names = Object.keys(subgraphs) as SubgraphName[];
const documented = new Set(
  read('.env.example')
    .split('\n')
    .map((line) => /^([A-Z_]+)=/.exec(line)?.[1])
    .filter(Boolean),
);

describe('docker-compose.yml', () => {
  test('has Postgres, the three subgraphs and the gateway, each with a healthcheck', () => {
    for (const name of ['postgres', ...names, 'gateway', 'node-quang-ninh']) {
      expect({ name, healthcheck: Boolean(compose.services[name]?.healthcheck?.test?.length) }).toEqual({
        name,
        healthcheck: true,
      });
    }
  });

  test.each(names)('%s runs its built program on its default port, after Postgres is healthy', (name) => {
    const service = compose.services[name];
    const program = `services/${name}/dist/index.js`;
    // With the V8 options `npm start` gives every service.
    expect(service.command).toEqual(['node', ...serviceNodeOptions, program]);
    expect(existsSync(path.join(projectRoot, program))).toBe(true);
    expect(service.environment!.PORT).toBe(String(defaultPorts[name]));
    expect(service.environment!.DATABASE_URL).toMatch(/@postgres:5432\//);
    expect(service.healthcheck!.test.join(' ')).toContain(`localhost:${defaultPorts[name]}/health`);
    expect(service.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
  });

  test('the gateway publishes 4000, keeps accounts in Postgres, and reaches each subgraph by service name and port', () => {
    const gateway = compose.services.gateway;
    expect(gateway.environment!.DATABASE_URL).toMatch(/@postgres:5432\//);
    expect(gateway.depends_on!.postgres).toEqual({ condition: 'service_healthy' });
    expect(gateway.command).toEqual(['node', ...serviceNodeOptions, 'services/gateway/dist/index.js']);
    expect(existsSync(path.join(projectRoot, gateway.command!.at(-1)!))).toBe(true);
    expect(gateway.environment!.PORT).toBe(String(defaultPorts.gateway));
    expect(gateway.ports).toEqual([`\${GATEWAY_PORT:-${defaultPorts.gateway}}:${defaultPorts.gateway}`]);
    for (const name of names) {
      expect(gateway.environment![`${name.toUpperCase()}_URL`]).toBe(`http://${name}:${defaultPorts[name]}/graphql`);
      expect(gateway.depends_on![name]).toEqual({ condition: 'service_healthy' });
    }
  });

  test('awards and metrics reach the node registry at provinces by service name', () => {
    for (const name of ['awards', 'metrics']) {
      expect({ name, url: compose.services[name].environment!.PROVINCES_URL }).toEqual({
        name,
        url: `http://provinces:${defaultPorts.provinces}/graphql`,
      });
    }
  });

  test('has an example provincial node (profile "node") that sends to the gateway', () => {
    const node = compose.services['node-quang-ninh'] as ComposeService & { profiles?: string[] };
    expect(node.profiles).toEqual(['node']);
    expect(node.command).toEqual([
      'node',
      ...serviceNodeOptions,
      'packages/stack/dist/node.js',
      '--province',
      'quang-ninh',
    ]);
    expect(existsSync(path.join(projectRoot, 'packages/stack/dist/node.js'))).toBe(true);
    expect(node.environment!.UPSTREAM_URL).toBe(`http://gateway:${defaultPorts.gateway}/graphql`);
    expect(node.healthcheck!.test.join(' ')).toContain(`localhost:${node.environment!.PORT}/health`);
    expect(node.depends_on!.gateway).toEqual({ condition: 'service_healthy' });
  });

  test('every setting it passes is documented in .env.example', () => {
    for (const [name, service] of Object.entries(compose.services)) {
      if (name === 'postgres') continue;
      for (const key of Object.keys(service.environment ?? {})) {
        expect({ service: name, key, documented: documented.has(key) }).toEqual({
          service: name,
          key,
          documented: true,
        });
      }
    }
  });
});

interface Instruction {
  op: string;
  args: string;
}

/** The Dockerfile's stages: each FROM starts one; continued lines are joined, comments dropped. */
function dockerStages(text: string): { from: string; name?: string; steps: Instruction[] }[] {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
  const stages: { from: string; name?: string; steps: Instruction[] }[] = [];
  for (const line of lines) {
    const [, op, args] = /^(\S+)\s+(.*)$/.exec(line)!;
    if (op.toUpperCase() === 'FROM') {
      const [, from, name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args)!;
      stages.push({ from, name, steps: [] });
    } else {
      stages.at(-1)!.steps.push({ op: op.toUpperCase(), args });
    }
  }
  return stages;
}

describe('Dockerfile', () => {
  const stages = dockerStages(read('Dockerfile'));
  const [build, final] = [stages[0], stages.at(-1)!];
  const runs = (stage: typeof build) =>
    stage.steps
      .filter((s) => s.op === 'RUN')
      .map((s) => s.args)
      .join(' && ');
  const nodeMajor = /\d+/.exec(JSON.parse(read('package.json')).engines.node)![0];

  test('two stages on the Node the README promises: one builds, the last only runs', () => {
    expect(stages).toHaveLength(2);
    for (const stage of stages) expect(stage.from).toMatch(new RegExp(`^node:${nodeMajor}[-.]`));
    expect(build.name).toBeDefined();
    expect(final.steps.filter((s) => s.op === 'RUN')).toEqual([]);
  });

  test('the build stage installs from the lock file, builds, then drops dev dependencies, in that order', () => {
    const commands = runs(build);
    const order = ['npm ci', 'npm run build', 'npm prune --omit=dev'].map((command) => commands.indexOf(command));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((x, y) => x - y)).toEqual(order);
  });

  test('the last stage takes only the build output, runs in production as a user that is not root', () => {
    const copies = final.steps.filter((s) => s.op === 'COPY' || s.op === 'ADD');
    expect(copies.length).toBeGreaterThan(0);
    for (const copy of copies) expect(copy.args).toContain(`--from=${build.name}`);
    expect(final.steps).toContainEqual({ op: 'ENV', args: 'NODE_ENV=production' });
    const users = final.steps.filter((s) => s.op === 'USER').map((s) => s.args);
    expect(users.length).toBeGreaterThan(0);
    expect(users.at(-1)).not.toMatch(/^(root|0)(:|$)/);
    // Nothing it copies belongs to root, so the service cannot change its own image.
    for (const copy of copies) expect(copy.args).toMatch(new RegExp(`--chown=${users.at(-1)}(:|\\s)`));
  });

  test("its default program is the gateway's built entry, in exec form; it exposes the default ports", () => {
    const [cmd] = final.steps.filter((s) => s.op === 'CMD');
    const program = JSON.parse(cmd.args) as string[];
    expect(program).toEqual(['node', ...serviceNodeOptions, 'services/gateway/dist/index.js']);
    expect(existsSync(path.join(projectRoot, program.at(-1)!))).toBe(true);
    const exposed = final.steps
      .filter((s) => s.op === 'EXPOSE')
      .flatMap((s) => s.args.split(/\s+/))
      .map(Number);
    expect(exposed.sort()).toEqual(Object.values(defaultPorts).sort());
  });

  test('.dockerignore keeps secrets, local data and host builds out of the image', () => {
    const ignored = read('.dockerignore').split('\n');
    for (const entry of ['.env', '.data', '**/node_modules', '**/dist', '.git']) expect(ignored).toContain(entry);
  });
});

describe('the services as separate processes, wired as docker-compose.yml wires them', () => {
  const children: ChildProcess[] = [];
  const prefix = uniquePrefix();
  let gatewayPort: number;

  /** Runs a service's compose `command` (`node` and its arguments) from the image's working directory. */
  function run(command: string[], env: Record<string, string>): ChildProcess {
    expect(command[0]).toBe('node');
    const child = spawn(process.execPath, command.slice(1), {
      cwd: projectRoot,
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        AUTH_SECRET: 'compose-test-secret-0123456789',
        HOST: '127.0.0.1',
        ...env,
      },
      stdio: 'ignore',
    });
    children.push(child);
    return child;
  }

  async function healthy(port: number): Promise<void> {
    await eventually(
      `port ${port} healthy`,
      () =>
        fetch(`http://127.0.0.1:${port}/health`).then(
          (r) => r.ok,
          () => false,
        ),
      { limitMs: 60_000, everyMs: 200 },
    );
  }

  beforeAll(async () => {
    const ports = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await freePort()] as const)));
    const urls = Object.fromEntries(
      names.map((name) => [`${name.toUpperCase()}_URL`, `http://127.0.0.1:${ports[name]}/graphql`]),
    );
    for (const name of names) {
      run(compose.services[name].command!, {
        DATABASE_URL: testDatabaseUrl(),
        DATABASE_NAME: `${prefix}_${name}`,
        PORT: String(ports[name]),
        PROVINCES_URL: urls.PROVINCES_URL,
      });
    }
    await Promise.all(names.map((name) => healthy(ports[name])));
    gatewayPort = await freePort();
    run(compose.services.gateway.command!, {
      DATABASE_URL: testDatabaseUrl(),
      DATABASE_NAME: `${prefix}_gateway`,
      PORT: String(gatewayPort),
      ...urls,
    });
    await healthy(gatewayPort);
  });

  afterAll(async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise((resolve) => {
            if (child.exitCode !== null) return resolve(null);
            child.once('exit', resolve);
            child.kill('SIGTERM');
          }),
      ),
    );
    await Promise.all([...names, 'gateway'].map((name) => dropDatabase(testDatabaseUrl(), `${prefix}_${name}`)));
  });

  test('answer through the gateway, and stop with exit code 0 on SIGTERM', async () => {
    const answer = await postGraphQL(
      `http://127.0.0.1:${gatewayPort}/graphql`,
      '{ cluster(id: "cum-3") { season(year: 2019) { head { id } } } }',
    );
    expect(answer).toEqual({ data: { cluster: { season: { head: { id: 'vinh-phuc' } } } } });
    const [first] = children;
    const exited = new Promise((resolve) => first.once('exit', resolve));
    first.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  test('a subgraph without DATABASE_URL refuses to start and says what to set', async () => {
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [path.join(projectRoot, 'services/metrics/dist/index.js')], { env });
    let output = '';
    child.stdout!.on('data', (chunk) => (output += chunk));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain('DATABASE_URL is not set');
  });
});
