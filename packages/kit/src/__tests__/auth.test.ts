import { SignJWT } from 'jose';
import {
  DEVELOPMENT_SECRET,
  isService,
  requireProvinceWriter,
  requireRole,
  requireViewer,
  signServiceToken,
  signToken,
  verifyToken,
  viewerFromHeader,
  type Viewer,
} from '../auth.js';

const secret = 'unit-test-secret-0123456789';

async function rejection(promise: Promise<unknown>): Promise<{ code: unknown; message: string }> {
  try {
    await promise;
  } catch (error) {
    const e = error as { extensions?: { code?: unknown }; message: string };
    return { code: e.extensions?.code, message: e.message };
  }
  throw new Error('expected a rejection');
}

function thrown(fn: () => unknown): { code: unknown; message: string } {
  try {
    fn();
  } catch (error) {
    const e = error as { extensions?: { code?: unknown }; message: string };
    return { code: e.extensions?.code, message: e.message };
  }
  throw new Error('expected an error');
}

describe('tokens', () => {
  test('a signed person token verifies to its viewer', async () => {
    const token = await signToken(secret, { sub: 'officer-1', role: 'province', province: 'ha-nam' }, '5m');
    await expect(verifyToken(secret, token)).resolves.toEqual({
      sub: 'officer-1',
      role: 'province',
      province: 'ha-nam',
    });
  });

  test.each([
    ['another secret', async () => signToken(DEVELOPMENT_SECRET, { sub: 'x', role: 'admin' }, '5m')],
    [
      'an expired token',
      async () => signToken(secret, { sub: 'x', role: 'admin' }, Math.floor(Date.now() / 1000) - 10),
    ],
    [
      'an unknown role',
      async () =>
        new SignJWT({ role: 'superuser' })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('x')
          .setIssuer('thidua')
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode(secret)),
    ],
    [
      'a province token without its province',
      async () =>
        new SignJWT({ role: 'province' })
          .setProtectedHeader({ alg: 'HS256' })
          .setSubject('x')
          .setIssuer('thidua')
          .setExpirationTime('5m')
          .sign(new TextEncoder().encode(secret)),
    ],
  ])('%s is UNAUTHENTICATED', async (_case, make) => {
    expect((await rejection(verifyToken(secret, await make()))).code).toBe('UNAUTHENTICATED');
  });

  test('a header that is not "Bearer <token>" is UNAUTHENTICATED; no header is an anonymous reader', async () => {
    await expect(viewerFromHeader(secret, undefined)).resolves.toBeNull();
    expect((await rejection(viewerFromHeader(secret, 'Basic abc'))).code).toBe('UNAUTHENTICATED');
  });
});

describe('the service identity', () => {
  test('is accepted only where services call each other, with its scope', async () => {
    const token = await signServiceToken(secret, 'awards', ['_entities']);
    const viewer = await verifyToken(secret, token, { allowService: true });
    expect(viewer).toEqual({ sub: 'service:awards', role: 'service', scope: ['_entities'] });
    expect(isService(viewer)).toBe(true);
    const refused = await rejection(verifyToken(secret, token));
    expect(refused.code).toBe('UNAUTHENTICATED');
    expect(refused.message).toMatch(/calls between services/);
  });

  test('never has the admin role, and a person token cannot claim a service subject', async () => {
    const token = await signServiceToken(secret, 'awards', ['_entities']);
    const viewer = await verifyToken(secret, token, { allowService: true });
    expect(viewer.role).not.toBe('admin');
    const impostor = await signToken(secret, { sub: 'service:awards', role: 'admin' }, '5m');
    expect((await rejection(verifyToken(secret, impostor))).code).toBe('UNAUTHENTICATED');
  });

  test('a service token without a scope is refused', async () => {
    const token = await signToken(secret, { sub: 'service:awards', role: 'service' }, '5m');
    expect((await rejection(verifyToken(secret, token, { allowService: true }))).message).toMatch(/scope/);
  });

  const service: Viewer = { sub: 'service:awards', role: 'service', scope: ['_entities'] };
  test.each([
    ['requireViewer', () => requireViewer(service)],
    ['requireRole(admin, ministry)', () => requireRole(service, ['admin', 'ministry'], 'createCluster')],
    ['requireProvinceWriter', () => requireProvinceWriter(service, 'ha-nam', 'recordObservations')],
  ])('is FORBIDDEN by %s, so no user mutation accepts it', (_guard, guard) => {
    const error = thrown(guard);
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/service identity/);
  });
});

describe('who may write a province\u2019s data', () => {
  const table: [string, Viewer | null, string, 'ok' | 'FORBIDDEN' | 'UNAUTHENTICATED'][] = [
    ['anonymous', null, 'ha-nam', 'UNAUTHENTICATED'],
    ['an admin, any province', { sub: 'a', role: 'admin' }, 'ha-nam', 'ok'],
    ['the Ministry, any province', { sub: 'm', role: 'ministry' }, 'ha-nam', 'ok'],
    ['an officer, own province', { sub: 'o', role: 'province', province: 'ha-nam' }, 'ha-nam', 'ok'],
    ['an officer, another province', { sub: 'o', role: 'province', province: 'ha-nam' }, 'nam-dinh', 'FORBIDDEN'],
    ['a viewer', { sub: 'v', role: 'viewer' }, 'ha-nam', 'FORBIDDEN'],
  ];
  test.each(table)('%s', (_rule, viewer, province, expected) => {
    if (expected === 'ok') expect(requireProvinceWriter(viewer, province, 'write').sub).toBe(viewer!.sub);
    else expect(thrown(() => requireProvinceWriter(viewer, province, 'write')).code).toBe(expected);
  });
});
