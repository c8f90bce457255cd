import { gzipSync } from 'node:zlib';
import { serverAudits } from 'graphql-http';
import { MAX_TOKENS, SUBGRAPH_MAX_TOKENS } from '@thidua/kit';
import { startTestStack, type TestStack } from '../test/harness.js';

/*
 * The HTTP side of every server (the gateway and each subgraph): statuses as
 * GraphQL over HTTP asks, and JSON errors, never an HTML page, for requests
 * that fail before GraphQL. The stack runs with NODE_ENV=development, the mode
 * in which Express would print stack traces: NODE_ENV must not be what protects this.
 */

let t: TestStack;
/** Each server, with the most tokens it parses (a subgraph's limit is looser: query plans add to documents). */
const servers: [string, () => string, number][] = [
  ['gateway', () => t.url, MAX_TOKENS],
  ['provinces', () => t.stack.subgraphs.provinces.url, SUBGRAPH_MAX_TOKENS],
  ['awards', () => t.stack.subgraphs.awards.url, SUBGRAPH_MAX_TOKENS],
  ['metrics', () => t.stack.subgraphs.metrics.url, SUBGRAPH_MAX_TOKENS],
];
let nodeEnv: string | undefined;

beforeAll(async () => {
  nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'development';
  t = await startTestStack();
});
afterAll(async () => {
  await t.stop();
  process.env.NODE_ENV = nodeEnv;
});

const GRAPHQL_RESPONSE = 'application/graphql-response+json';

async function post(url: string, body: string | Buffer, headers: Record<string, string> = {}) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', text };
}

/**
 * MAY audits the servers do not meet, each with the reason. Apollo Server's
 * CSRF prevention refuses a GET that a browser could send cross-site without a
 * preflight (no Content-Type, no apollo-require-preflight header), which is
 * how these audits send theirs; clients use POST.
 */
const notApplicable: Record<string, string> = {
  '5A70': 'GET without a preflight header is refused by CSRF prevention',
  D6D5: 'GET without a preflight header is refused by CSRF prevention',
  '6A70': 'GET without a preflight header is refused by CSRF prevention',
};

test('the graphql-http audit of the gateway: 0 errors, 0 warnings, and a reason for every notice', async () => {
  const results = [];
  for (const audit of serverAudits({ url: t.url, fetchFn: fetch })) results.push(await audit.fn());
  const failed = results.filter((result) => result.status !== 'ok');
  expect(results.length).toBeGreaterThanOrEqual(60);
  expect(failed.filter((r) => r.status === 'error' || r.status === 'warn').map((r) => `${r.id} ${r.name}`)).toEqual([]);
  expect(failed.filter((r) => !(r.id in notApplicable)).map((r) => `${r.id} ${r.name}`)).toEqual([]);
});

describe.each(servers)('%s', (_name, url, maxTokens) => {
  const requestErrors: [string, object, string][] = [
    ['a syntax error', { query: '{ clusters { id }' }, 'GRAPHQL_PARSE_FAILED'],
    ['a document over the token limit', { query: `{ ${'__typename '.repeat(maxTokens)}}` }, 'GRAPHQL_PARSE_FAILED'],
    [
      'an operationName that names no operation',
      { query: 'query A { __typename }', operationName: 'B' },
      'OPERATION_RESOLUTION_FAILURE',
    ],
  ];

  test.each(requestErrors)(
    '%s is 400 in application/graphql-response+json and 200 in application/json, with its code',
    async (_case, body, code) => {
      const strict = await post(url(), JSON.stringify(body), { accept: GRAPHQL_RESPONSE });
      expect({ status: strict.status, type: strict.type }).toEqual({
        status: 400,
        type: `${GRAPHQL_RESPONSE}; charset=utf-8`,
      });
      expect(JSON.parse(strict.text).errors[0].extensions.code).toBe(code);
      const legacy = await post(url(), JSON.stringify(body), { accept: 'application/json' });
      expect(legacy.status).toBe(200);
      expect(JSON.parse(legacy.text).errors[0].extensions.code).toBe(code);
    },
  );

  const bodyErrors: [string, () => Promise<Awaited<ReturnType<typeof post>>>, number][] = [
    ['malformed JSON', () => post(url(), '{"query": "{ __typename }"'), 400],
    [
      'a body over the size limit',
      () => post(url(), JSON.stringify({ query: `{ __typename }${' '.repeat(34_000_000)}` })),
      413,
    ],
    [
      'an unknown charset',
      () => post(url(), '{"query":"{ __typename }"}', { 'content-type': 'application/json; charset=latin9' }),
      415,
    ],
    ['a bad gzip body', () => post(url(), Buffer.from('not gzip at all'), { 'content-encoding': 'gzip' }), 400],
    ['an unknown content encoding', () => post(url(), '{}', { 'content-encoding': 'zstd' }), 415],
    [
      'a gzip body that inflates past the size limit',
      () =>
        post(url(), gzipSync(JSON.stringify({ query: `{ __typename }${' '.repeat(34_000_000)}` })), {
          'content-encoding': 'gzip',
        }),
      413,
    ],
  ];

  test.each(bodyErrors)('%s is a JSON error with no stack trace or path', async (_case, send, status) => {
    const response = await send();
    expect(response.status).toBe(status);
    expect(response.type).toMatch(/^application\/json/);
    const body = JSON.parse(response.text);
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions.code).toBe('BAD_REQUEST');
    expect(response.text).not.toMatch(/<html|<pre|\sat\s|node_modules|\/work\/|\.js:\d+/i);
  });

  test('a gzip body that inflates to good JSON is read', async () => {
    const response = await post(url(), gzipSync(JSON.stringify({ query: '{ __typename }' })), {
      'content-encoding': 'gzip',
    });
    expect({ status: response.status, body: JSON.parse(response.text) }).toEqual({
      status: 200,
      body: { data: { __typename: 'Query' } },
    });
  });

  // A subgraph serves a JSON POST to /graphql without Express (graphql-post.ts); every other shape of request
  // takes the Express route. Both answer the same.
  test.each([
    ['a JSON POST', () => post(url(), JSON.stringify({ query: '{ __typename }' }))],
    [
      'a JSON POST with a charset',
      () =>
        post(url(), JSON.stringify({ query: '{ __typename }' }), { 'content-type': 'Application/JSON; charset=utf-8' }),
    ],
    [
      'a GET with a preflight header',
      async () => {
        const response = await fetch(`${url()}?query=${encodeURIComponent('{ __typename }')}`, {
          headers: { 'apollo-require-preflight': '1', accept: 'application/json' },
        });
        return {
          status: response.status,
          type: response.headers.get('content-type') ?? '',
          text: await response.text(),
        };
      },
    ],
  ])('%s is answered', async (_name, send) => {
    const response = await send();
    expect({ status: response.status, type: response.type, body: JSON.parse(response.text) }).toEqual({
      status: 200,
      type: 'application/json; charset=utf-8',
      body: { data: { __typename: 'Query' } },
    });
  });

  test('a POST in another content type gets a JSON error, not a crash', async () => {
    const response = await post(url(), '{ __typename }', { 'content-type': 'application/graphql' });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expect(response.text).not.toMatch(/<html|<pre|\sat\s|node_modules|\/work\/|\.js:\d+/i);
  });

  test('a path the server does not serve is a JSON 404', async () => {
    const response = await fetch(url().replace(/\/graphql$/, '/no-such-path'), { method: 'POST' });
    expect(response.status).toBe(404);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await response.json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0].extensions.code).toBe('NOT_FOUND');
  });
});

describe('bad input before anything runs is BAD_USER_INPUT naming the argument, 400 in application/graphql-response+json', () => {
  test.each([
    ['a date that is not one', '{ provinces(asOf: "not-a-date") { id } }', undefined, 'asOf', 'not-a-date'],
    [
      'a date variable that is not one',
      'query($d: Date) { provinces(asOf: $d) { id } }',
      { d: '2025-02-30' },
      'asOf',
      '2025-02-30',
    ],
    [
      'a Float literal too large for a double',
      'mutation { setCommendationPoints(form: PROVINCE_CERTIFICATE, points: 1e999) { points } }',
      undefined,
      'points',
      '1e999',
    ],
  ])('%s', async (_case, query, variables, field, value) => {
    const response = await post(t.url, JSON.stringify({ query, variables }), { accept: GRAPHQL_RESPONSE });
    expect(response.status).toBe(400);
    const error = JSON.parse(response.text).errors[0];
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field, value });
  });
});
