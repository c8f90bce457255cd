import { SignJWT } from 'jose';
import { dropDatabase, signToken, silentLogger, type AuthConfig } from '@thidua/kit';
import { postGraphQL, testAuth, testDatabaseUrl, testToken, uniquePrefix } from '@thidua/kit/testing';
import { startStack, subgraphs, type Stack, type SubgraphName } from '../stack.js';
import { errorCodes } from '../test/harness.js';

// A deployment that shows as little as it can: reads need a token, /metrics its
// own token, no introspection, no "did you mean", tokens live an hour at most.
const scrapeToken = 'exposure-scrape-token-0123456789';
const auth: AuthConfig = {
  ...testAuth,
  requireAuth: true,
  metricsToken: scrapeToken,
  introspection: false,
  suggestions: false,
  maxTokenLifetimeSeconds: 3600,
};

let stack: Stack;
let prefix: string;
let gatewayUrl: string;
let base: string;
let admin: string;

beforeAll(async () => {
  prefix = uniquePrefix();
  stack = await startStack({
    databaseUrl: testDatabaseUrl(),
    databasePrefix: prefix,
    auth,
    logger: silentLogger,
    host: '127.0.0.1',
  });
  gatewayUrl = stack.gateway.url;
  base = gatewayUrl.replace(/\/graphql$/, '');
  admin = await testToken('admin');
});

afterAll(async () => {
  await stack?.stop();
  await Promise.all(
    [...(Object.keys(subgraphs) as SubgraphName[]), 'gateway'].map((name) =>
      dropDatabase(testDatabaseUrl(), `${prefix}_${name}`),
    ),
  );
});

/** The gateway and each subgraph, as a client that reaches them directly would. */
function endpoints(): [string, string][] {
  return [['gateway', gatewayUrl], ...Object.values(stack.subgraphs).map((s): [string, string] => [s.name, s.url])];
}

describe('/metrics with REQUIRE_AUTH=1', () => {
  test('is closed to anonymous callers and to user tokens, and open with METRICS_TOKEN', async () => {
    const anonymous = await fetch(`${base}/metrics`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.text()).not.toMatch(/thidua_graphql/);
    const withAdmin = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${admin}` } });
    expect(withAdmin.status).toBe(401);
    const scraper = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${scrapeToken}` } });
    expect(scraper.status).toBe(200);
    expect(await scraper.text()).toMatch(/thidua_gateway_process_cpu/);
  });
});

describe('INTROSPECTION=0 and SUGGESTIONS=0', () => {
  test.each(['gateway', 'provinces', 'awards', 'metrics'])('%s answers no introspection', async (name) => {
    const url = endpoints().find(([n]) => n === name)![1];
    const response = await postGraphQL(url, '{ __schema { queryType { name } } }', { token: admin });
    expect(response.data ?? null).toBeNull();
    expect(errorCodes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(response.errors![0].message).toMatch(/introspection/i);
  });

  test.each(['gateway', 'provinces'])('%s names no field a misspelt one might have meant', async (name) => {
    const url = endpoints().find(([n]) => n === name)![1];
    const response = await postGraphQL(url, '{ provincs { id } }', { token: admin });
    expect(errorCodes(response)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(response.errors![0].message).toMatch(/provincs/);
    expect(response.errors![0].message).not.toMatch(/Did you mean|"provinces"/);
  });

  test('__typename still answers, and ordinary queries work', async () => {
    const response = await postGraphQL(gatewayUrl, '{ __typename province(id: "ha-nam") { name } }', {
      token: admin,
    });
    expect(response).toEqual({ data: { __typename: 'Query', province: { name: 'Hà Nam' } } });
  });
});

describe('tokens, through the gateway', () => {
  const secret = new TextEncoder().encode(testAuth.authSecret);
  const now = () => Math.floor(Date.now() / 1000);

  test.each<[string, () => Promise<string>, RegExp]>([
    [
      'a token without exp',
      () =>
        new SignJWT({ role: 'admin' })
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer('thidua')
          .setSubject('x')
          .setIssuedAt()
          .sign(secret),
      /no expiry/,
    ],
    [
      'a token without sub',
      () =>
        new SignJWT({ role: 'admin' })
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer('thidua')
          .setIssuedAt()
          .setExpirationTime('5m')
          .sign(secret),
      /subject/,
    ],
    [
      'a token issued an hour from now',
      () =>
        new SignJWT({ role: 'admin' })
          .setProtectedHeader({ alg: 'HS256' })
          .setIssuer('thidua')
          .setSubject('x')
          .setIssuedAt(now() + 3600)
          .setExpirationTime(now() + 5400)
          .sign(secret),
      /issued in the future/,
    ],
    [
      'a two-hour token where MAX_TOKEN_LIFETIME is an hour',
      () => signToken(testAuth.authSecret, { sub: 'x', role: 'admin' }, '2h'),
      /longer than/,
    ],
  ])('%s is UNAUTHENTICATED at the gateway and at a subgraph', async (_case, make, message) => {
    const token = await make();
    for (const url of [gatewayUrl, stack.subgraphs.provinces.url]) {
      const response = await postGraphQL(url, '{ provinces { id } }', { token });
      expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
      expect(response.errors![0].message).toMatch(message);
    }
  });

  test('a made-up node credential reads nothing where reads need a token', async () => {
    const made = 'tdn1.quang-ninh.2b0ac2b5-8a8f-4a8e-9b07-5f1f4f1f0a01.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA';
    for (const url of [gatewayUrl, stack.subgraphs.provinces.url]) {
      const response = await postGraphQL(url, '{ provinces { id } }', { token: made });
      expect(response.data ?? null).toBeNull();
      expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    }
  });
});
