import pg from 'pg';
import { withDatabase } from '@thidua/kit';
import { authClient, loggedEvents } from '../test/auth-client.js';
import { capturingLogger, startTestStack, type TestStack } from '../test/harness.js';

// Sign-in, sessions, CSRF and the audit trail, over HTTP against a real stack. The gateway
// trusts X-Forwarded-For from loopback here, so each test plays its own client.

let t: TestStack;
let admin: string;
let c: ReturnType<typeof authClient>;
const logs = capturingLogger();

beforeAll(async () => {
  t = await startTestStack({ logger: logs.logger, identity: { trustProxy: 'loopback' } });
  admin = await t.token('admin');
  c = authClient(t, { forwardedFor: true });
}, 120_000);
afterAll(() => t?.stop());

const createUser = (input: Record<string, unknown>) => c.createUser(admin, input);

const recordFigure = (year: number, value: number) =>
  `mutation { recordObservations(input: [{ provinceId: "vinh-phuc", indicator: "nrd.criterion8_communes_pct",
     year: ${year}, value: ${value} }]) { value revision recordedBy } }`;

describe('POST /auth/sign-in', () => {
  let pw: string;
  beforeAll(async () => {
    pw = c.password('officer');
    await createUser({
      username: 'vp.officer',
      role: 'PROVINCE',
      provinceId: 'vinh-phuc',
      name: 'Cán bộ',
      password: pw,
    });
  });

  test('a right password answers 200 { user } and an HttpOnly, SameSite=Lax session cookie', async () => {
    const response = await c.signIn('vp.officer', pw);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      user: {
        id: expect.any(String),
        username: 'vp.officer',
        name: 'Cán bộ',
        role: 'PROVINCE',
        provinceId: 'vinh-phuc',
        enabled: true,
      },
    });
    const cookie = response.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^thidua_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax$/);
    c.sessionCookie(response);
  });

  test('the session cookie is Secure when the request came over HTTPS', async () => {
    const response = await c.signIn('vp.officer', pw, c.newClient(), { 'x-forwarded-proto': 'https' });
    expect(response.headers.get('set-cookie')).toMatch(/; Secure/);
    c.sessionCookie(response);
  });

  test('a wrong password and an unknown user get identical 401s', async () => {
    const wrong = await c.signIn('vp.officer', 'not-the-password');
    const unknown = await c.signIn('nobody.here', 'not-the-password');
    const shape = async (r: Response) => ({
      status: r.status,
      type: r.headers.get('content-type'),
      cookie: r.headers.get('set-cookie'),
      body: await r.text(),
    });
    const wrongShape = await shape(wrong);
    expect(wrongShape).toEqual(await shape(unknown));
    expect(wrongShape).toEqual({
      status: 401,
      type: 'application/json; charset=utf-8',
      cookie: null,
      body: '{"error":"Unknown username or wrong password"}',
    });
  });

  test('the 6th failure within a minute for one username gets 429 with Retry-After, even with the right password', async () => {
    const victim = c.password('victim');
    await createUser({ username: 'throttled', role: 'VIEWER', password: victim });
    for (let i = 1; i <= 5; i++) expect((await c.signIn('throttled', `wrong-${i}`)).status).toBe(401);
    const sixth = await c.signIn('throttled', victim);
    expect(sixth.status).toBe(429);
    const retryAfter = Number(sixth.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(sixth.headers.get('set-cookie')).toBeNull();
  });

  test('the 6th failure within a minute from one client gets 429, whatever usernames it tries', async () => {
    const client = c.newClient();
    for (let i = 1; i <= 5; i++) expect((await c.signIn(`guess-${i}`, 'x', client)).status).toBe(401);
    const sixth = await c.signIn('vp.officer', pw, client);
    expect(sixth.status).toBe(429);
    expect(Number(sixth.headers.get('retry-after'))).toBeGreaterThan(0);
    // Another client signs in to that account as usual.
    expect((await c.signIn('vp.officer', pw)).status).toBe(200);
  });

  test('refuses what is not a JSON body of strings', async () => {
    const form = await fetch(`${t.baseUrl}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=vp.officer&password=x',
    });
    expect(form.status).toBe(415);
    const missing = await fetch(`${t.baseUrl}/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'vp.officer' }),
    });
    expect(missing.status).toBe(400);
    // JSON.parse may quote the body in its message: the answer and the logs never do.
    const secret = c.password('broken-json');
    for (const [url, body] of [
      ['/auth/sign-in', secret],
      ['/graphql', `{"query":"mutation { changePassword(current: \\"${secret}`],
    ]) {
      const broken = await fetch(`${t.baseUrl}${url}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': c.newClient() },
        body,
      });
      expect({ url, status: broken.status }).toEqual({ url, status: 400 });
      expect(await broken.text()).not.toContain(secret);
    }
  });
});

describe('a session', () => {
  let pw: string;
  beforeAll(async () => {
    pw = c.password('session');
    await createUser({ username: 'vinh-phuc-2', role: 'PROVINCE', provinceId: 'vinh-phuc', password: pw });
  });

  test('GET /auth/me answers 200 { user } with the cookie and 401 without', async () => {
    const cookie = await c.signedIn('vinh-phuc-2', pw);
    const answer = await c.me(cookie);
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as any).user).toMatchObject({ username: 'vinh-phuc-2', role: 'PROVINCE' });
    expect((await fetch(`${t.baseUrl}/auth/me`)).status).toBe(401);
    expect((await c.me('thidua_session=made-up')).status).toBe(401);
  });

  test('GraphQL with the cookie acts as the account: writes record its username and role', async () => {
    const cookie = await c.signedIn('vinh-phuc-2', pw);
    const who = await c.graphql('{ me { username role province { id name } } }', { cookie });
    expect(who.body).toEqual({
      data: { me: { username: 'vinh-phuc-2', role: 'PROVINCE', province: { id: 'vinh-phuc', name: 'Vĩnh Phúc' } } },
    });
    const written = await c.graphql(recordFigure(2019, 71.5), { cookie });
    expect(written.body.errors).toBeUndefined();
    expect(written.body.data.recordObservations[0].recordedBy).toBe('vinh-phuc-2 (province)');
  });

  test('a province merged away in 2025: its account writes 2025 and earlier, and nothing after', async () => {
    const cookie = await c.signedIn('vinh-phuc-2', pw);
    expect((await c.graphql(recordFigure(2025, 80), { cookie })).body.errors).toBeUndefined();
    const later = await c.graphql(recordFigure(2026, 80), { cookie });
    expect(later.body.errors[0].extensions.code).toBe('FORBIDDEN');
    expect(later.body.errors[0].message).toContain('which has no rights for 2026');
    const stored = await t.query(
      '{ observations(provinceId: "vinh-phuc", indicator: "nrd.criterion8_communes_pct", year: 2026) { value } }',
    );
    expect(stored.data!.observations).toEqual([]);
  });

  test('a cross-site POST /graphql with the cookie and no CSRF header is refused, and changes nothing', async () => {
    const cookie = await c.signedIn('vinh-phuc-2', pw);
    const crafted = await c.graphql(recordFigure(2018, 12), { cookie, csrf: false, origin: 'https://evil.example' });
    expect(crafted.status).toBe(403);
    expect(crafted.body.errors[0].extensions.code).toBe('FORBIDDEN');
    const noHeader = await c.graphql(recordFigure(2018, 12), { cookie, csrf: false });
    expect(noHeader.status).toBe(403);
    const foreignOrigin = await c.graphql(recordFigure(2018, 12), { cookie, origin: 'https://evil.example' });
    expect(foreignOrigin.status).toBe(403);
    const stored = await t.query(
      '{ observations(provinceId: "vinh-phuc", indicator: "nrd.criterion8_communes_pct", year: 2018) { value } }',
    );
    expect(stored.data!.observations).toEqual([]);
    const sameOrigin = await c.graphql(recordFigure(2018, 12), { cookie, origin: t.baseUrl });
    expect(sameOrigin.body.errors).toBeUndefined();
  });

  test('sign-out ends the session on the server: the same cookie no longer opens anything', async () => {
    const cookie = await c.signedIn('vinh-phuc-2', pw);
    const out = await fetch(`${t.baseUrl}/auth/sign-out`, {
      method: 'POST',
      headers: { cookie, 'x-thidua-csrf': '1' },
    });
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/thidua_session=;/);
    expect((await c.me(cookie)).status).toBe(401);
    const after = await c.graphql(recordFigure(2017, 10), { cookie });
    expect(after.body.errors[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  test('a session ends after the idle time (8 h by default)', async () => {
    const cookie = await c.signedIn('vinh-phuc-2', pw);
    expect((await c.me(cookie)).status).toBe(200);
    const client = new pg.Client({ connectionString: withDatabase(t.databaseUrl, `${t.databasePrefix}_gateway`) });
    await client.connect();
    try {
      await client.query(
        `UPDATE session SET last_seen_at = now() - interval '8 hours 1 minute'
          WHERE account_id = (SELECT id FROM account WHERE username = 'vinh-phuc-2')`,
      );
    } finally {
      await client.end();
    }
    expect((await c.me(cookie)).status).toBe(401);
  });
});

describe('the audit trail', () => {
  test('sign-ins, failures and sign-outs are logged; no password, hash or session secret ever is', async () => {
    // Let pino flush what the tests above logged.
    await new Promise((resolve) => setImmediate(resolve));
    const text = logs.text();
    const events = loggedEvents(text);
    for (const event of ['sign-in', 'sign-in.failed', 'sign-in.throttled', 'sign-out', 'account.created']) {
      expect(events).toContain(event);
    }
    expect(c.secrets.size).toBeGreaterThan(10);
    for (const secret of c.secrets) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/scrypt\$/);
    expect(text).not.toMatch(/thidua_session=/);
    expect(text).not.toMatch(/"(password|next|current)":/);
  });
});
