import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { dropDatabase, signToken } from '@thidua/kit';
import { freePort, postGraphQL, testDatabaseUrl, uniquePrefix, type GraphQLResponse } from '@thidua/kit/testing';
import { loggedEvents } from '../test/auth-client.js';
import { describeInBrowser, launchChromium } from '../test/browser.js';
import { freeStackPorts, spawnNpmStart, untilOutput, type NpmStart } from '../test/npm-start.js';

// Single sign-on against a real OpenID Connect provider (the oidc-provider package, with its
// development login and consent pages), driven in Chromium. The federation runs as `npm start`
// runs it, in its own process configured by OIDC_* variables: openid-client is ESM-only and
// loads with import(), which Jest's module sandbox does not offer in-process.

const projectRoot = path.resolve(__dirname, '..', '..', '..', '..');
const CLIENT_SECRET = 'thidua-test-client-secret-0123456789';
const AUTH_SECRET = 'oidc-test-auth-secret-0123456789';
const LABEL = 'Cổng định danh thử nghiệm';

/** People the provider knows; one carries the role claims the gateway is configured to read. */
const people: Record<string, Record<string, string>> = {
  'tran.thi.c': { name: 'Trần Thị C', email: 'tran.thi.c@example.gov.vn' },
  'le.van.d': { name: 'Lê Văn D', thidua_role: 'province', thidua_province: 'ninh-binh' },
};

const prefix = uniquePrefix();
let baseUrl: string;
let stack: NpmStart | undefined;
let provider: ChildProcess;
let browser: Browser;

const query = (text: string, token?: string): Promise<GraphQLResponse> =>
  postGraphQL(`${baseUrl}/graphql`, text, { token });

/** The test provider, as its own process (see test/oidc-provider.ts). */
async function startProvider(port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      path.join(projectRoot, 'packages/stack/dist/test/oidc-provider.js'),
      String(port),
      `${baseUrl}/auth/oidc/callback`,
      CLIENT_SECRET,
    ],
    { env: { ...process.env, PEOPLE: JSON.stringify(people) }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let said = '';
  child.stdout!.on('data', (chunk) => (said += chunk));
  child.stderr!.on('data', (chunk) => (said += chunk));
  const deadline = Date.now() + 30_000;
  while (!said.includes('ready')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the provider did not start:\n${said}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return child;
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

/** The federation as a process, the way npm start runs it, on the test Postgres. */
async function startFederation(issuer: string): Promise<void> {
  const { ports, env: portsEnv } = await freeStackPorts();
  baseUrl = `http://127.0.0.1:${ports.gateway}`;
  stack = spawnNpmStart({
    ...process.env,
    DATABASE_URL: testDatabaseUrl(),
    DATABASE_PREFIX: prefix,
    SEED_DEMO: '0',
    AUTH_SECRET,
    HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    ...portsEnv,
    OIDC_ISSUER: issuer,
    OIDC_CLIENT_ID: 'thidua',
    OIDC_CLIENT_SECRET: CLIENT_SECRET,
    OIDC_LABEL: LABEL,
    OIDC_ROLE_CLAIM: 'thidua_role',
    OIDC_PROVINCE_CLAIM: 'thidua_province',
  });
  await untilOutput(stack, 'Ctrl-C stops everything', 90_000);
}

describeInBrowser('single sign-on with OpenID Connect', () => {
  beforeAll(async () => {
    const port = await freePort();
    const issuer = `http://127.0.0.1:${port}`;
    await startFederation(issuer);
    provider = await startProvider(port);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await stop(provider);
    await stop(stack?.child);
    await Promise.all(
      ['provinces', 'awards', 'metrics', 'gateway'].map((name) => dropDatabase(testDatabaseUrl(), `${prefix}_${name}`)),
    );
  });

  /** Through the sign-in page's button, the provider's login (any password) and consent, back to the gateway. */
  async function signInWithProvider(page: Page, login: string): Promise<void> {
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByRole('link', { name: `Đăng nhập bằng ${LABEL}` }).click();
    const loginField = page.locator('input[name=login]');
    await loginField.waitFor();
    await loginField.fill(login);
    await page.locator('input[name=password]').fill('whatever-the-provider-checks');
    await page.locator('button[type=submit]').click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL(`${baseUrl}/**`);
  }

  test('a first-time person gets no rights until an admin assigns a role; then they are signed in', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInWithProvider(page, 'tran.thi.c');
    await page.getByText('Tài khoản chưa được phân quyền').waitFor();
    expect(page.url()).toBe(`${baseUrl}/sign-in?error=pending`);
    expect((await context.cookies()).some((c) => c.name === 'thidua_session')).toBe(false);

    const admin = await signToken(AUTH_SECRET, { sub: 'oidc-test-admin', role: 'admin' }, '10m');
    const users: GraphQLResponse = await query('{ users { id username name role enabled singleSignOn } }', admin);
    const person = users.data!.users.find((u: any) => u.singleSignOn);
    expect(person).toMatchObject({ username: 'tran.thi.c', name: 'Trần Thị C', role: 'VIEWER', enabled: false });
    const assigned = await query(
      `mutation { updateUser(id: "${person.id}", role: MINISTRY, enabled: true) { role } }`,
      admin,
    );
    expect(assigned.errors).toBeUndefined();

    // The provider remembers the person: straight back, signed in as the Ministry.
    await page.goto(`${baseUrl}/sign-in`);
    await page.getByRole('link', { name: `Đăng nhập bằng ${LABEL}` }).click();
    const continued = page.getByRole('button', { name: 'Continue' });
    // Back from the provider, the callback sends the browser to `/`, and the dashboard may move on at once to the
    // person's cluster page (`/clusters/…`), before or after `/` has loaded: any page of ours but sign-in will do;
    // signed in or not, the checks below tell.
    const ours = (url: URL) =>
      url.origin === baseUrl && !url.pathname.startsWith('/sign-in') && !url.pathname.startsWith('/auth/');
    await Promise.race([continued.click().catch(() => undefined), page.waitForURL(ours)]).catch((error) => {
      // Say where the browser ended and what the gateway logged about signing in (a failed callback lands on /sign-in?error=…).
      const said = stack!
        .output()
        .split('\n')
        .filter((line) => line.includes('sign-in'));
      throw new Error(
        `${String(error)}\nThe page is at ${page.url()}. The gateway logged:\n${said.slice(-10).join('\n')}`,
      );
    });
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    await page.getByText('Trần Thị C').waitFor();
    await page.getByRole('navigation', { name: 'Công việc' }).getByRole('link', { name: 'Quản lý cụm' }).waitFor();
    await context.close();
  });

  test('a configured claim mapping gives a first-time person their role at once', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signInWithProvider(page, 'le.van.d');
    await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
    const me: any = await page.evaluate(async () => (await fetch('/auth/me')).json());
    expect(me.user).toMatchObject({
      username: 'le.van.d',
      name: 'Lê Văn D',
      role: 'PROVINCE',
      provinceId: 'ninh-binh',
    });
    await context.close();
  });

  test('a callback without the signed flow cookie is refused', async () => {
    const response = await fetch(`${baseUrl}/auth/oidc/callback?code=stolen&state=guess`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/sign-in?error=oidc');
  });

  test('sign-ins and first-time accounts are logged, and no client secret or session secret is', async () => {
    await new Promise((resolve) => setImmediate(resolve));
    const text = stack!.output();
    const events = loggedEvents(text);
    expect(events).toEqual(expect.arrayContaining(['account.created', 'sign-in', 'sign-in.failed']));
    expect(text).not.toContain(CLIENT_SECRET);
    expect(text).not.toMatch(/thidua_session=|thidua_oidc=/);
  });
});
