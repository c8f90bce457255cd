import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { verifyToken } from '@thidua/kit';

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
});
