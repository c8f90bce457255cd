import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startTestStack, type TestStack } from '../test/harness.js';
import { freeStackPorts, spawnNpmStart, untilOutput } from '../test/npm-start.js';

// `npm run user` as a person runs it: a child process, the password on stdin or generated,
// against DATABASE_URL, against a running `npm start`, and with nothing running at all.

const projectRoot = path.resolve(__dirname, '..', '..', '..', '..');

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function user(args: string[], env: NodeJS.ProcessEnv, stdin = ''): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(projectRoot, 'packages/stack/dist/user.js'), ...args], {
      env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

async function signIn(baseUrl: string, username: string, password: string): Promise<number> {
  const response = await fetch(`${baseUrl}/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  return response.status;
}

const generated = (run: Run) => /password \(shown once\): (\S+)/.exec(run.stdout)?.[1];

describe('npm run user against DATABASE_URL', () => {
  let t: TestStack;
  let env: NodeJS.ProcessEnv;
  beforeAll(async () => {
    t = await startTestStack();
    env = { ...process.env, DATABASE_URL: t.databaseUrl, DATABASE_PREFIX: t.databasePrefix };
  }, 120_000);
  afterAll(() => t?.stop());

  test('add with the password on stdin, then POST /auth/sign-in works', async () => {
    const run = await user(
      ['add', '--username', 'cli.officer', '--role', 'province', '--province', 'vinh-phuc', '--name', 'Cán bộ CLI'],
      env,
      'mật-khẩu-đủ-dài\n',
    );
    expect(run).toMatchObject({ code: 0, stdout: 'created cli.officer (province vinh-phuc)\n' });
    expect(await signIn(t.baseUrl, 'cli.officer', 'mật-khẩu-đủ-dài')).toBe(200);
    const listed = await t.query('{ users { username name role province { id } createdBy } }', {
      token: await t.token('admin'),
    });
    expect(listed.data!.users).toEqual([
      {
        username: 'cli.officer',
        name: 'Cán bộ CLI',
        role: 'PROVINCE',
        province: { id: 'vinh-phuc' },
        createdBy: expect.stringMatching(/^cli:/),
      },
    ]);
  });

  test('add with nothing on stdin prints a generated password that signs in', async () => {
    const run = await user(['add', '--username', 'cli.viewer', '--role', 'viewer'], env);
    expect(run.code).toBe(0);
    const password = generated(run);
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect(await signIn(t.baseUrl, 'cli.viewer', password!)).toBe(200);
  });

  test('bad input exits 2 naming the field; a taken username too', async () => {
    const unknown = await user(
      ['add', '--username', 'x.y.z', '--role', 'province', '--province', 'atlantis'],
      env,
      'dài-đủ-mười-ký-tự',
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('provinceId: "atlantis" is not a known province\n');
    const short = await user(['add', '--username', 'x.y.z', '--role', 'viewer'], env, 'ngắn');
    expect(short.code).toBe(2);
    expect(short.stderr).toBe('password: is shorter than 10 characters\n');
    const taken = await user(['add', '--username', 'cli.viewer', '--role', 'viewer'], env);
    expect(taken.code).toBe(2);
    expect(taken.stderr).toContain('the username "cli.viewer" is taken');
  });

  test('password and disable act on an existing account', async () => {
    const changed = await user(['password', '--username', 'cli.officer'], env, 'một-mật-khẩu-mới');
    expect(changed.code).toBe(0);
    expect(await signIn(t.baseUrl, 'cli.officer', 'mật-khẩu-đủ-dài')).toBe(401);
    expect(await signIn(t.baseUrl, 'cli.officer', 'một-mật-khẩu-mới')).toBe(200);
    expect((await user(['disable', '--username', 'cli.officer'], env)).stdout).toBe(
      'disabled cli.officer; its sessions have ended\n',
    );
    expect(await signIn(t.baseUrl, 'cli.officer', 'một-mật-khẩu-mới')).toBe(401);
  });
});

describe('npm run user with the embedded Postgres of DATA_DIR', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;
  let baseUrl: string;

  async function start(): Promise<{ child: ChildProcess; output: () => string; stop: () => Promise<void> }> {
    const started = spawnNpmStart(env);
    await untilOutput(started, 'Ctrl-C stops everything', 90_000);
    return {
      child: started.child,
      output: started.output,
      stop: async () => {
        started.child.kill('SIGTERM');
        await started.exited;
      },
    };
  }

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'thidua-user-'));
    chmodSync(dataDir, 0o755);
    const { ports, env: portsEnv } = await freeStackPorts();
    env = { ...process.env, DATA_DIR: dataDir, HOST: '127.0.0.1', LOG_LEVEL: 'warn', SEED_DEMO: '0', ...portsEnv };
    delete env.DATABASE_URL;
    baseUrl = `http://127.0.0.1:${ports.gateway}`;
  });

  afterAll(() => {
    const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
    if (existsSync(pidFile)) {
      try {
        process.kill(Number(readFileSync(pidFile, 'utf8').split('\n')[0]), 'SIGINT');
      } catch {
        // Already stopped.
      }
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('SEED_DEMO=0: the first start says how to make the first admin, and no default password exists', async () => {
    const stack = await start();
    try {
      expect(stack.output()).toContain('No admin account exists yet');
      expect(stack.output()).toContain('npm run user -- add --username admin --role admin');
      expect(await signIn(baseUrl, 'admin', 'thidua-demo')).toBe(401);
      // While it runs, npm run user joins its Postgres.
      const run = await user(['add', '--username', 'admin', '--role', 'admin'], env, 'quản-trị-viên-đầu-tiên');
      expect(run).toMatchObject({ code: 0, stdout: 'created admin (admin)\n' });
      expect(await signIn(baseUrl, 'admin', 'quản-trị-viên-đầu-tiên')).toBe(200);
    } finally {
      await stack.stop();
    }
  }, 150_000);

  test('with nothing running it starts the embedded Postgres itself; the next start signs the account in', async () => {
    const run = await user(['add', '--username', 'offline.added', '--role', 'ministry'], env);
    expect(run.code).toBe(0);
    const password = generated(run)!;
    expect(existsSync(path.join(dataDir, 'postgres', 'postmaster.pid'))).toBe(false);
    const stack = await start();
    try {
      expect(stack.output()).not.toContain('No admin account exists yet');
      expect(await signIn(baseUrl, 'offline.added', password)).toBe(200);
    } finally {
      await stack.stop();
    }
  }, 150_000);
});
