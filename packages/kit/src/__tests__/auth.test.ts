import { SignJWT } from 'jose';
import { accountActor, requireProvinceWriter, signToken, verifyToken, type Viewer } from '../auth.js';

const secret = 'kit-auth-test-secret-0123456789';
const officer = (province: string): Viewer => ({ sub: `${province} (province)`, role: 'province', province });

describe('requireProvinceWriter: a province account writes its own province, in the years it existed', () => {
  const cases: { rule: string; viewer: Viewer; provinceId: string; year?: number; allowed: boolean }[] = [
    {
      rule: 'own province, a year it existed',
      viewer: officer('vinh-phuc'),
      provinceId: 'vinh-phuc',
      year: 2019,
      allowed: true,
    },
    {
      rule: 'merged away in 2025: keeps 2025',
      viewer: officer('vinh-phuc'),
      provinceId: 'vinh-phuc',
      year: 2025,
      allowed: true,
    },
    {
      rule: 'merged away in 2025: nothing after',
      viewer: officer('vinh-phuc'),
      provinceId: 'vinh-phuc',
      year: 2026,
      allowed: false,
    },
    {
      rule: 'a unit formed in 2025: nothing before',
      viewer: officer('phu-tho-2025'),
      provinceId: 'phu-tho-2025',
      year: 2024,
      allowed: false,
    },
    {
      rule: 'a unit formed in 2025: its first year',
      viewer: officer('phu-tho-2025'),
      provinceId: 'phu-tho-2025',
      year: 2025,
      allowed: true,
    },
    {
      rule: 'the successor does not inherit its predecessors',
      viewer: officer('phu-tho-2025'),
      provinceId: 'vinh-phuc',
      year: 2019,
      allowed: false,
    },
    { rule: 'another province', viewer: officer('ha-nam'), provinceId: 'vinh-phuc', year: 2019, allowed: false },
    { rule: 'a write that names no year', viewer: officer('vinh-phuc'), provinceId: 'vinh-phuc', allowed: true },
    {
      rule: 'the Ministry, any year',
      viewer: { sub: 'bo', role: 'ministry' },
      provinceId: 'vinh-phuc',
      year: 2026,
      allowed: true,
    },
    {
      rule: 'a viewer never writes',
      viewer: { sub: 'xem', role: 'viewer' },
      provinceId: 'vinh-phuc',
      year: 2019,
      allowed: false,
    },
  ];
  test.each(cases)('$rule', ({ viewer, provinceId, year, allowed }) => {
    const attempt = () => requireProvinceWriter(viewer, provinceId, 'write', year);
    if (allowed) expect(attempt()).toBe(viewer);
    else
      expect(attempt).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN' }) }));
  });

  test('the refusal says which years the account acts for', () => {
    expect(() => requireProvinceWriter(officer('vinh-phuc'), 'vinh-phuc', 'recordObservations input[0]', 2026)).toThrow(
      'recordObservations input[0]: the account of "vinh-phuc" acts for the years that province existed (it existed until 2025-06-30); 2026 is not one of them',
    );
  });
});

describe('tokens name who acts', () => {
  test('a token carries the account id through signing and verifying', async () => {
    const viewer: Viewer = {
      sub: accountActor('vinh-phuc', 'province'),
      role: 'province',
      province: 'vinh-phuc',
      account: 'a1',
    };
    expect(await verifyToken(secret, await signToken(secret, viewer, '2m'))).toEqual(viewer);
    expect(viewer.sub).toBe('vinh-phuc (province)');
  });

  test('a token without a subject is refused, never read as "anonymous"', async () => {
    const token = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('thidua')
      .setExpirationTime('5m')
      .sign(new TextEncoder().encode(secret));
    await expect(verifyToken(secret, token)).rejects.toMatchObject({
      extensions: { code: 'UNAUTHENTICATED' },
      message: 'Authorization rejected: the token names no subject (sub)',
    });
  });
});
