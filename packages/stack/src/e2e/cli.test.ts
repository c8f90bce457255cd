import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { newNodeCredential, verifyToken } from '@thidua/kit';

const projectRoot = path.resolve(__dirname, '..', '..', '..', '..');
const secret = 'cli-test-secret-0123456789';

function token(...args: string[]) {
  return tokenWith({}, ...args);
}

function tokenWith(env: Record<string, string>, ...args: string[]) {
  return spawnSync(process.execPath, [path.join(projectRoot, 'packages/stack/dist/token.js'), ...args], {
    env: { ...process.env, AUTH_SECRET: secret, ...env },
    encoding: 'utf8',
  });
}

describe('npm run token', () => {
  test('prints a province token that verifies with AUTH_SECRET and carries the province', async () => {
    const result = token('--role', 'province', '--province', 'vinh-phuc');
    expect(result.status).toBe(0);
    expect(await verifyToken(secret, result.stdout.trim())).toEqual({
      sub: 'vinh-phuc-officer',
      role: 'province',
      province: 'vinh-phuc',
    });
  });

  test('refuses a province token without a province, and an unknown role', () => {
    const missing = token('--role', 'province');
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('--province is required');
    const unknown = token('--role', 'mayor');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('--role must be one of admin, ministry, province, viewer');
  });

  test('respects MAX_TOKEN_LIFETIME: the default fits under it, a longer --expires is refused', async () => {
    const capped = tokenWith({ MAX_TOKEN_LIFETIME: '7d' }, '--role', 'ministry');
    expect(capped.status).toBe(0);
    const { exp, iat } = decodeJwt(capped.stdout.trim());
    expect(exp! - iat!).toBe(7 * 86400);
    await expect(verifyToken(secret, capped.stdout.trim(), { maxLifetimeSeconds: 7 * 86400 })).resolves.toMatchObject({
      role: 'ministry',
    });
    const tooLong = tokenWith({ MAX_TOKEN_LIFETIME: '7d' }, '--role', 'ministry', '--expires', '8d');
    expect(tooLong.status).toBe(2);
    expect(tooLong.stderr).toContain('longer than MAX_TOKEN_LIFETIME');
    const hours = token('--role', 'viewer', '--expires', '12h');
    expect(hours.status).toBe(0);
    const claims = decodeJwt(hours.stdout.trim());
    expect(claims.exp! - claims.iat!).toBe(12 * 3600);
  });

  test('refuses a node: subject (a node is registered, not given a token)', () => {
    const result = token('--role', 'province', '--province', 'quang-ninh', '--sub', 'node:quang-ninh');
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('reserved');
  });
});

describe('npm run node', () => {
  function node(...args: string[]) {
    return spawnSync(process.execPath, [path.join(projectRoot, 'packages/stack/dist/node.js'), ...args], {
      env: { ...process.env, AUTH_SECRET: secret, NODE_TOKEN: '', UPSTREAM_URL: '' },
      encoding: 'utf8',
    });
  }
  const upstream = ['--province', 'quang-ninh', '--upstream', 'http://127.0.0.1:9/graphql'];

  test.each<[string, string[], RegExp]>([
    ['an upstream without a credential', upstream, /--token is required with --upstream/],
    [
      "a person's token instead of a node credential",
      [...upstream, '--token', 'eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoicHJvdmluY2UifQ.x'],
      /not a node credential .* register it on the cluster \(registerNode\)/,
    ],
    [
      "another province's node credential",
      [...upstream, '--token', newNodeCredential('ha-nam')],
      /credential of a node of ha-nam, not of quang-ninh/,
    ],
    ['a damaged credential', [...upstream, '--token', 'tdn1.quang-ninh.abc.def'], /damaged/],
  ])('refuses %s, saying what to do', (_case, args, message) => {
    const result = node(...args);
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
