import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { verifyToken } from '@thidua/kit';

const projectRoot = path.resolve(__dirname, '..', '..', '..', '..');
const secret = 'cli-test-secret-0123456789';

function token(...args: string[]) {
  return spawnSync(process.execPath, [path.join(projectRoot, 'packages/stack/dist/token.js'), ...args], {
    env: { ...process.env, AUTH_SECRET: secret },
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
});
