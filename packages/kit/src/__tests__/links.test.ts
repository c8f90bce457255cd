import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphQLError } from 'graphql';
import { verifyToken } from '../auth.js';
import { createServiceLinks } from '../links.js';
import { silentLogger } from '../logger.js';

const secret = 'unit-test-secret-0123456789';

/** The error a promise fails with (a promise that succeeds fails the test). */
const failure = (promise: Promise<unknown>): Promise<GraphQLError> =>
  promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: GraphQLError) => error,
  );

/** A real HTTP peer on loopback that answers with `reply` and remembers what it was sent. */
async function peer(reply: (req: IncomingMessage) => { status: number; body: unknown }) {
  const seen: { authorization?: string; body: unknown }[] = [];
  const server: Server = createServer((req, res) => {
    let raw = '';
    req.on('data', (chunk) => (raw += chunk));
    req.on('end', () => {
      seen.push({ authorization: req.headers.authorization, body: JSON.parse(raw) });
      const { status, body } = reply(req);
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  return { url, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

test('a link sends its query with a service token scoped to what it declared', async () => {
  const provinces = await peer(() => ({ status: 200, body: { data: { _entities: [{ id: 'x' }] } } }));
  try {
    const links = createServiceLinks({
      self: 'awards',
      declared: { provinces: { scope: ['_entities'] } },
      urls: { provinces: provinces.url },
      secret,
    });
    const data = await links.provinces.query(
      'query { _entities(representations: []) { __typename } }',
      {},
      silentLogger,
    );
    expect(data).toEqual({ _entities: [{ id: 'x' }] });
    const token = provinces.seen[0].authorization!.replace(/^Bearer /, '');
    const viewer = await verifyToken(secret, token, { allowService: true });
    expect(viewer).toEqual({ sub: 'service:awards', role: 'service', scope: ['_entities'] });
  } finally {
    await provinces.close();
  }
});

test.each([
  ['answers HTTP 503', { status: 503, body: { errors: [{ message: 'down' }] } }],
  ['answers with GraphQL errors', { status: 200, body: { errors: [{ message: 'boom' }] } }],
])('a peer that %s is SERVICE_UNAVAILABLE naming the peer, not its address', async (_case, answer) => {
  const provinces = await peer(() => answer);
  try {
    const links = createServiceLinks({
      self: 'awards',
      declared: { provinces: { scope: ['_entities'] } },
      urls: { provinces: provinces.url },
      secret,
    });
    const error = await failure(links.provinces.query('{ x }', {}, silentLogger));
    expect(error.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', serviceName: 'provinces' });
    expect(error.message).not.toContain('127.0.0.1');
  } finally {
    await provinces.close();
  }
});

test('a peer that cannot be reached, or was never configured, is SERVICE_UNAVAILABLE', async () => {
  const gone = await peer(() => ({ status: 200, body: {} }));
  await gone.close();
  const links = createServiceLinks({
    self: 'awards',
    declared: { provinces: { scope: ['_entities'] }, metrics: { scope: ['_entities'] } },
    urls: { provinces: gone.url },
    secret,
  });
  const unreachable = await failure(links.provinces.query('{ x }', {}, silentLogger));
  expect(unreachable.extensions.code).toBe('SERVICE_UNAVAILABLE');
  const unconfigured = await failure(links.metrics.query('{ x }', {}, silentLogger));
  expect(unconfigured.extensions.code).toBe('SERVICE_UNAVAILABLE');
  expect(unconfigured.message).toMatch(/METRICS_URL/);
});

test('a peer listed after the link was built is found when the link is used (peers may link both ways)', async () => {
  const awards = await peer(() => ({ status: 200, body: { data: { ok: true } } }));
  try {
    const urls: Record<string, string | undefined> = {};
    const links = createServiceLinks({
      self: 'metrics',
      declared: { awards: { scope: ['seasonLocks'] } },
      urls,
      secret,
    });
    const before = await failure(links.awards.query('{ ok }', {}, silentLogger));
    expect(before.extensions.code).toBe('SERVICE_UNAVAILABLE');
    urls.awards = awards.url;
    await expect(links.awards.query('{ ok }', {}, silentLogger)).resolves.toEqual({ ok: true });
  } finally {
    await awards.close();
  }
});
