import { SignJWT } from 'jose';
import {
  accountActor,
  CLOCK_SKEW_SECONDS,
  DEVELOPMENT_SECRET,
  isNode,
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
import { newNodeCredential, hashNodeCredential } from '../node-credential.js';
import { referenceData } from '../reference/index.js';

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

describe('the token rules: every token names its subject, expires, and was not issued in the future', () => {
  const now = Math.floor(Date.now() / 1000);
  const day = 86400;

  /** A token with exactly the claims given (jose adds none of its own). */
  function raw(claims: { sub?: string; iat?: number; exp?: number; role?: string }) {
    const jwt = new SignJWT({ role: claims.role ?? 'admin' }).setProtectedHeader({ alg: 'HS256' }).setIssuer('thidua');
    if (claims.sub !== undefined) jwt.setSubject(claims.sub);
    if (claims.iat !== undefined) jwt.setIssuedAt(claims.iat);
    if (claims.exp !== undefined) jwt.setExpirationTime(claims.exp);
    return jwt.sign(new TextEncoder().encode(secret));
  }

  const table: [string, Parameters<typeof raw>[0], number | undefined, 'ok' | RegExp][] = [
    ['an hour-long token', { sub: 'a', iat: now, exp: now + 3600 }, undefined, 'ok'],
    ['a token of exactly the default 30 days', { sub: 'a', iat: now, exp: now + 30 * day }, undefined, 'ok'],
    ['no exp', { sub: 'a', iat: now }, undefined, /no expiry \(exp\)/],
    ['no sub', { iat: now, exp: now + 3600 }, undefined, /subject \(sub\)/],
    ['an empty sub', { sub: ' ', iat: now, exp: now + 3600 }, undefined, /subject \(sub\)/],
    [
      'a year-long token (default maximum 30 days)',
      { sub: 'a', iat: now, exp: now + 365 * day },
      undefined,
      /longer than the 30 days/,
    ],
    ['no iat, and exp a year away', { sub: 'a', exp: now + 365 * day }, undefined, /longer than the 30 days/],
    ['no iat, and exp within the maximum', { sub: 'a', exp: now + day }, undefined, 'ok'],
    [
      '8 days with MAX_TOKEN_LIFETIME=7d',
      { sub: 'a', iat: now, exp: now + 8 * day },
      7 * day,
      /longer than the 7 days/,
    ],
    ['7 days with MAX_TOKEN_LIFETIME=7d', { sub: 'a', iat: now, exp: now + 7 * day }, 7 * day, 'ok'],
    [
      'a person token claiming a node subject',
      { sub: 'node:ha-nam/x', iat: now, exp: now + 60 },
      undefined,
      /reserved/,
    ],
    ['iat an hour in the future', { sub: 'a', iat: now + 3600, exp: now + 7200 }, undefined, /issued in the future/],
    ['iat within the clock skew', { sub: 'a', iat: now + CLOCK_SKEW_SECONDS - 5, exp: now + 3600 }, undefined, 'ok'],
  ];
  test.each(table)('%s', async (_rule, claims, maxLifetimeSeconds, expected) => {
    const verifying = verifyToken(secret, await raw(claims), { maxLifetimeSeconds, now });
    if (expected === 'ok') {
      await expect(verifying).resolves.toMatchObject({ sub: claims.sub, role: 'admin' });
    } else {
      const error = await rejection(verifying);
      expect(error.code).toBe('UNAUTHENTICATED');
      expect(error.message).toMatch(expected);
    }
  });

  test('the rules hold for service tokens as well', async () => {
    const token = await raw({ sub: 'service:awards', role: 'service', iat: now });
    expect((await rejection(verifyToken(secret, token, { allowService: true }))).message).toMatch(/no expiry/);
  });
});

describe('a node credential', () => {
  test('reads as a node viewer that claims its province and registration, and may write nothing', async () => {
    const credential = newNodeCredential('quang-ninh', '2b0ac2b5-8a8f-4a8e-9b07-5f1f4f1f0a01');
    const viewer = (await viewerFromHeader(secret, `Bearer ${credential}`))!;
    expect(viewer).toEqual({
      sub: 'node:quang-ninh/2b0ac2b5-8a8f-4a8e-9b07-5f1f4f1f0a01',
      role: 'node',
      province: 'quang-ninh',
      node: {
        registrationId: '2b0ac2b5-8a8f-4a8e-9b07-5f1f4f1f0a01',
        provinceId: 'quang-ninh',
        credentialHash: hashNodeCredential(credential),
      },
    });
    expect(isNode(viewer)).toBe(true);
    for (const guard of [
      () => requireViewer(viewer),
      () => requireProvinceWriter(viewer, 'quang-ninh', 'recordObservations'),
      () => requireRole(viewer, ['admin'], 'registerNode'),
    ]) {
      expect(thrown(guard)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/node credential/) });
    }
  });

  test.each([
    ['a wrong part count', 'tdn1.quang-ninh.abc'],
    ['a registration that is not a UUID', 'tdn1.quang-ninh.not-a-uuid.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['a short secret', 'tdn1.quang-ninh.2b0ac2b5-8a8f-4a8e-9b07-5f1f4f1f0a01.short'],
  ])('with %s is UNAUTHENTICATED', async (_case, credential) => {
    expect((await rejection(viewerFromHeader(secret, `Bearer ${credential}`))).code).toBe('UNAUTHENTICATED');
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

describe('a province token has rights only for the years its province existed', () => {
  // vinh-phuc and ha-nam were merged away on 2025-06-30 (into phu-tho-2025 and
  // ninh-binh-2025); phu-tho-2025 exists from 2025-07-01; quang-ninh always existed.
  const provinces = referenceData().provinces;
  const officer = (province: string): Viewer => ({ sub: 'o', role: 'province', province });
  const table: [string, Viewer, string, (number | null)[], 'ok' | 'FORBIDDEN'][] = [
    ['vinh-phuc writes its 2019 data', officer('vinh-phuc'), 'vinh-phuc', [2019], 'ok'],
    ['vinh-phuc writes its 2024 data', officer('vinh-phuc'), 'vinh-phuc', [2024], 'ok'],
    ['vinh-phuc writes its 2025 data (it existed until 30 June)', officer('vinh-phuc'), 'vinh-phuc', [2025], 'ok'],
    ['vinh-phuc writes 2026 data', officer('vinh-phuc'), 'vinh-phuc', [2026], 'FORBIDDEN'],
    ['vinh-phuc, a period that runs into 2026', officer('vinh-phuc'), 'vinh-phuc', [2025, 2024, 2026], 'FORBIDDEN'],
    ['vinh-phuc writes its successor phu-tho-2025', officer('vinh-phuc'), 'phu-tho-2025', [2025], 'FORBIDDEN'],
    ['ha-nam writes 2026 data', officer('ha-nam'), 'ha-nam', [2026], 'FORBIDDEN'],
    ['phu-tho-2025 writes its 2026 data', officer('phu-tho-2025'), 'phu-tho-2025', [2026], 'ok'],
    ['phu-tho-2025 writes 2024 data', officer('phu-tho-2025'), 'phu-tho-2025', [2024], 'FORBIDDEN'],
    ['quang-ninh writes 2026 data', officer('quang-ninh'), 'quang-ninh', [2026], 'ok'],
    ['a year the write does not name (null) is no limit', officer('vinh-phuc'), 'vinh-phuc', [null], 'ok'],
    [
      'the Ministry writes vinh-phuc 2026 (left to the data checks)',
      { sub: 'm', role: 'ministry' },
      'vinh-phuc',
      [2026],
      'ok',
    ],
  ];
  test.each(table)('%s', (_rule, viewer, province, years, expected) => {
    const write = () => requireProvinceWriter(viewer, province, 'recordObservations', { years, provinces });
    if (expected === 'ok') expect(write().sub).toBe(viewer.sub);
    else
      expect(thrown(write)).toMatchObject({ code: 'FORBIDDEN', message: expect.stringMatching(/recordObservations/) });
  });

  test('the refusal says which year and when the province existed', () => {
    const error = thrown(() =>
      requireProvinceWriter(officer('vinh-phuc'), 'vinh-phuc', 'recordCommendation', { years: [2026], provinces }),
    );
    expect(error.message).toBe(
      'recordCommendation: this token is for "vinh-phuc", which has no rights for 2026: it existed until 2025-06-30',
    );
  });
});

describe('a token of a signed-in account', () => {
  test('carries the account id through signing and verifying, and names the account with its role', async () => {
    const viewer: Viewer = {
      sub: accountActor('vinh-phuc', 'province'),
      role: 'province',
      province: 'vinh-phuc',
      account: 'a1',
    };
    expect(await verifyToken(secret, await signToken(secret, viewer, '2m'))).toEqual(viewer);
    expect(viewer.sub).toBe('vinh-phuc (province)');
  });
});
