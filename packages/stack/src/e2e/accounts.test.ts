import { authClient, loggedEvents } from '../test/auth-client.js';
import { capturingLogger, startTestStack, type TestStack } from '../test/harness.js';

// Account administration over GraphQL (admins), changing one's own password, and API tokens,
// against a real stack; with the log check of the audit trail.

let t: TestStack;
let admin: string;
let c: ReturnType<typeof authClient>;
const logs = capturingLogger();

beforeAll(async () => {
  t = await startTestStack({ logger: logs.logger });
  admin = await t.token('admin');
  c = authClient(t);
}, 120_000);
afterAll(() => t?.stop());

const createUser = (input: Record<string, unknown>) => c.createUser(admin, input);

const recordFigure = (year: number, value: number) =>
  `mutation { recordObservations(input: [{ provinceId: "vinh-phuc", indicator: "nrd.criterion8_communes_pct",
     year: ${year}, value: ${value} }]) { value revision recordedBy } }`;

describe('account administration', () => {
  test('disabling an account ends its sessions at once and it can no longer sign in', async () => {
    const pw = c.password('disabled');
    const id = await createUser({ username: 'soon.disabled', role: 'MINISTRY', password: pw });
    const cookie = await c.signedIn('soon.disabled', pw);
    const disabled = await t.query(`mutation { updateUser(id: "${id}", enabled: false) { enabled } }`, {
      token: admin,
    });
    expect(disabled.data).toEqual({ updateUser: { enabled: false } });
    expect((await c.me(cookie)).status).toBe(401);
    const again = await c.signIn('soon.disabled', pw);
    expect(again.status).toBe(401);
    expect(await again.json()).toEqual({ error: 'Unknown username or wrong password' });
  });

  test('bad input names the field, without echoing a password', async () => {
    const secret = c.password('x').slice(0, 6);
    const noProvince = await t.query(
      `mutation { createUser(input: { username: "officer.one", role: PROVINCE }) { id } }`,
      {
        token: admin,
      },
    );
    expect(noProvince.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.provinceId' });
    const short = await t.query(
      `mutation($pw: String) { createUser(input: { username: "viewer.two", role: VIEWER, password: $pw }) { id } }`,
      { token: admin, variables: { pw: secret } },
    );
    expect(short.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.password' });
    expect(JSON.stringify(short)).not.toContain(secret);
    await createUser({ username: 'twice', role: 'VIEWER' });
    const taken = await t.query(`mutation { createUser(input: { username: "twice", role: VIEWER }) { id } }`, {
      token: admin,
    });
    expect(taken.errors![0].extensions!.code).toBe('CONFLICT');
  });

  test('the password rules answer in Vietnamese when asked, in English otherwise, naming the field alone', async () => {
    const create = (username: string, pw: string, language?: string) =>
      t.query(
        `mutation($u: String!, $pw: String) { createUser(input: { username: $u, role: VIEWER, password: $pw }) { id } }`,
        { token: admin, variables: { u: username, pw }, language },
      );
    const cases = [
      ['rule.short', 'ngan', 'input.password: ngắn hơn 10 ký tự', 'input.password: is shorter than 10 characters'],
      [
        'rule.named',
        'xx-rule.named-xx',
        'input.password: không được chứa tên đăng nhập',
        'input.password: must not contain the username',
      ],
    ];
    for (const [username, pw, vietnamese, english] of cases) {
      const vi = await create(username, pw, 'vi');
      const en = await create(username, pw);
      expect([vi.errors![0].message, en.errors![0].message]).toEqual([vietnamese, english]);
      for (const answer of [vi, en]) {
        expect(answer.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.password' });
        expect(JSON.stringify(answer)).not.toContain(pw);
      }
    }
  });

  test('only an admin manages accounts', async () => {
    const pw = c.password('ministry');
    await createUser({ username: 'bo.ministry', role: 'MINISTRY', password: pw });
    const cookie = await c.signedIn('bo.ministry', pw);
    const listed = await c.graphql('{ users { username } }', { cookie });
    expect(listed.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  test('resetPassword answers a new password once and ends the old sessions', async () => {
    const pw = c.password('reset');
    const id = await createUser({ username: 'forgetful', role: 'VIEWER', password: pw });
    const cookie = await c.signedIn('forgetful', pw);
    const reset = await t.query(`mutation { resetPassword(id: "${id}") }`, { token: admin });
    const fresh: string = reset.data!.resetPassword;
    c.secrets.add(fresh);
    expect(fresh).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    expect((await c.me(cookie)).status).toBe(401);
    expect((await c.signIn('forgetful', pw)).status).toBe(401);
    expect((await c.signIn('forgetful', fresh)).status).toBe(200);
  });

  test('changePassword needs the current one, keeps this session and ends the others', async () => {
    const pw = c.password('change');
    const next = c.password('changed');
    await createUser({ username: 'changer', role: 'VIEWER', password: pw });
    const here = await c.signedIn('changer', pw);
    const elsewhere = await c.signedIn('changer', pw);
    const wrong = await c.graphql('mutation($c: String!, $n: String!) { changePassword(current: $c, next: $n) }', {
      cookie: here,
      variables: { c: 'not-it-at-all', n: next },
    });
    expect(wrong.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'current' });
    const changed = await c.graphql('mutation($c: String!, $n: String!) { changePassword(current: $c, next: $n) }', {
      cookie: here,
      variables: { c: pw, n: next },
    });
    expect(changed.body).toEqual({ data: { changePassword: true } });
    expect((await c.me(here)).status).toBe(200);
    expect((await c.me(elsewhere)).status).toBe(401);
    expect((await c.signIn('changer', next)).status).toBe(200);
  });

  test('the last enabled admin cannot be disabled or demoted', async () => {
    const pw = c.password('admin');
    const id = await createUser({ username: 'only.admin', role: 'ADMIN', password: pw });
    const demoted = await t.query(`mutation { updateUser(id: "${id}", role: VIEWER) { role } }`, { token: admin });
    expect(demoted.errors![0].extensions!.code).toBe('CONFLICT');
  });
});

describe('API tokens', () => {
  test('an admin issues a named token; it writes as "token:<name> (role)" until revoked', async () => {
    const expiresAt = new Date(Date.now() + 30 * 24 * 3600 * 1000).toISOString();
    const issued = await t.query(
      `mutation($at: DateTime!) { issueApiToken(name: "import-vp", role: PROVINCE, provinceId: "vinh-phuc", expiresAt: $at) {
         token apiToken { id name role province { id } active } } }`,
      { token: admin, variables: { at: expiresAt } },
    );
    expect(issued.errors).toBeUndefined();
    const { token, apiToken } = issued.data!.issueApiToken;
    c.secrets.add(token);
    expect(token).toMatch(/^thd_[A-Za-z0-9_-]{43}$/);
    expect(apiToken).toMatchObject({
      name: 'import-vp',
      role: 'PROVINCE',
      province: { id: 'vinh-phuc' },
      active: true,
    });

    const written = await t.query(recordFigure(2016, 40), { token });
    expect(written.data!.recordObservations[0].recordedBy).toBe('token:import-vp (province)');
    const listed = await t.query('{ apiTokens { name lastUsedAt } }', { token: admin });
    expect(JSON.stringify(listed.data)).not.toContain(token);
    expect(listed.data!.apiTokens.find((a: any) => a.name === 'import-vp').lastUsedAt).not.toBeNull();

    await t.query(`mutation { revokeApiToken(id: "${apiToken.id}") { active } }`, { token: admin });
    const refused = await t.query(recordFigure(2016, 41), { token });
    expect(refused.errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  test('JWTs from npm run token keep working', async () => {
    const written = await t.query(recordFigure(2015, 30), { token: await t.token('province', 'vinh-phuc') });
    expect(written.data!.recordObservations[0].recordedBy).toBe('test-province-vinh-phuc');
  });
});

describe('the audit trail', () => {
  test('account and token changes are logged; no password, hash or session secret ever is', async () => {
    await new Promise((resolve) => setImmediate(resolve));
    const text = logs.text();
    const events = loggedEvents(text);
    for (const event of [
      'account.created',
      'account.updated',
      'account.password-reset',
      'account.password-changed',
      'api-token.issued',
      'api-token.revoked',
    ]) {
      expect(events).toContain(event);
    }
    for (const secret of c.secrets) expect(text).not.toContain(secret);
    expect(text).not.toMatch(/scrypt\$/);
    expect(text).not.toMatch(/thd_[A-Za-z0-9_-]{43}/);
    expect(text).not.toMatch(/"(password|next|current)":/);
  });
});
