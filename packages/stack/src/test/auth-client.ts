import type { TestStack } from './harness.js';

/** What a signed-in call carries: the session cookie, and the header the dashboard sends. */
export interface CookieCall {
  cookie?: string;
  /** Send X-Thidua-CSRF (default true), as the dashboard does; false plays a cross-site request. */
  csrf?: boolean;
  origin?: string;
  variables?: Record<string, unknown>;
}

/**
 * A client of the gateway's sign-in endpoints for tests. It remembers every
 * password and session secret it saw, so a test can check none was logged.
 */
export function authClient(t: TestStack, options: { forwardedFor?: boolean } = {}) {
  const secrets = new Set<string>();
  let clients = 0;
  const newClient = () => `10.0.${Math.floor(++clients / 250)}.${clients % 250}`;

  /** A password that is remembered as a secret. */
  const password = (label: string) => {
    const value = `pw-${label}-${Math.random().toString(36).slice(2, 10)}`;
    secrets.add(value);
    return value;
  };

  async function createUser(admin: string, input: Record<string, unknown>): Promise<string> {
    if (typeof input.password === 'string') secrets.add(input.password);
    const answer = await t.query(`mutation($input: UserInput!) { createUser(input: $input) { id } }`, {
      token: admin,
      variables: { input },
    });
    if (answer.errors) throw new Error(`createUser failed: ${JSON.stringify(answer.errors)}`);
    return answer.data!.createUser.id;
  }

  /** POST /auth/sign-in; with forwardedFor each call comes from a new client address. */
  function signIn(username: string, pw: string, client = newClient(), headers: Record<string, string> = {}) {
    return fetch(`${t.baseUrl}/auth/sign-in`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(options.forwardedFor ? { 'x-forwarded-for': client } : {}),
        ...headers,
      },
      body: JSON.stringify({ username, password: pw }),
    });
  }

  /** The `name=value` of the session cookie a response sets. */
  function sessionCookie(response: Response): string {
    const header = response.headers.get('set-cookie') ?? '';
    const match = /thidua_session=([^;]+)/.exec(header);
    if (!match) throw new Error(`no session cookie in ${header}`);
    secrets.add(decodeURIComponent(match[1]));
    return `thidua_session=${match[1]}`;
  }

  async function signedIn(username: string, pw: string): Promise<string> {
    const response = await signIn(username, pw);
    if (response.status !== 200) throw new Error(`sign-in of ${username} answered ${response.status}`);
    return sessionCookie(response);
  }

  /** POST /graphql as the dashboard does (cookie + CSRF header), or as a crafted request. */
  async function graphql(query: string, call: CookieCall = {}) {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (call.cookie) headers.cookie = call.cookie;
    if (call.csrf ?? true) headers['x-thidua-csrf'] = '1';
    if (call.origin) headers.origin = call.origin;
    const response = await fetch(t.url, {
      method: 'POST',
      headers,
      body: JSON.stringify({ query, variables: call.variables }),
    });
    return { status: response.status, body: (await response.json()) as any };
  }

  const me = (cookie: string) => fetch(`${t.baseUrl}/auth/me`, { headers: { cookie } });

  return { secrets, newClient, password, createUser, signIn, sessionCookie, signedIn, graphql, me };
}

/** The `event` of every JSON log line (other output, such as a start banner, is skipped). */
export function loggedEvents(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line).event)
    .filter(Boolean);
}
