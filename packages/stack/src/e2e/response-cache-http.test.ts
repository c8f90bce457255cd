import { createHash } from 'node:crypto';
import { request } from 'undici';
import { testToken, useTestStack } from '../test/harness.js';
import { responseCacheCount } from '../test/cache-metrics.js';

/*
 * The response cache over HTTP: what a write outside the gateway means for a
 * cached answer, and GET requests of persisted queries (ETag, 304, private).
 */
const t = useTestStack();
const cacheCount = (outcome: 'hit' | 'miss') => responseCacheCount(t.baseUrl, outcome);

async function ok(query: string, variables?: Record<string, unknown>, role?: 'admin') {
  const response = await t.query(query, { variables, token: role ? await testToken(role) : undefined });
  expect(response.errors).toBeUndefined();
  return response.data!;
}

describe('a write that does not pass through this gateway', () => {
  const read = '{ commendationCatalogue { form points } }';

  test('Cache-Control: no-cache gets it at once, and the fresh answer replaces the cached one', async () => {
    const before = await ok(read);
    await t.stack.subgraphs.awards.dataSource.query(
      `UPDATE catalogue_entry SET points = 3.5 WHERE form = 'PROVINCE_CERTIFICATE'`,
    );
    // The cache cannot know of it: until RESPONSE_CACHE_TTL_MS passes, a plain read is served as before.
    const hits = await cacheCount('hit');
    expect(await ok(read)).toEqual(before);
    expect(await cacheCount('hit')).toBe(hits + 1);

    const fresh = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cache-control': 'no-cache' },
      body: JSON.stringify({ query: read }),
    });
    const updated = { form: 'PROVINCE_CERTIFICATE', points: 3.5 };
    expect(((await fresh.json()) as any).data.commendationCatalogue).toContainEqual(updated);
    expect((await ok(read)).commendationCatalogue).toContainEqual(updated);
  });
});

describe('GET with a persisted query', () => {
  const query = '{ commendationCatalogue { form points } }';
  const hash = createHash('sha256').update(query).digest('hex');
  const getUrl = () =>
    `${t.url}?extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }))}`;
  /** A plain GET (fetch() would add Cache-Control: no-cache to a conditional request). */
  const get = async (headers: Record<string, string> = {}) => {
    const response = await request(getUrl(), { headers: { 'apollo-require-preflight': 'true', ...headers } });
    const text = await response.body.text();
    return {
      status: response.statusCode,
      header: (name: string) => response.headers[name] as string | undefined,
      json: () => JSON.parse(text),
    };
  };

  test('registers with its text once, then answers by hash with an ETag; an unchanged answer is 304', async () => {
    await ok(query); // its answer is cached: registering must still reach Apollo Server
    const unknown = (await get()).json();
    expect(unknown.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
    });
    expect(((await registered.json()) as any).errors).toBeUndefined();

    const first = await get();
    expect(first.status).toBe(200);
    const etag = first.header('etag')!;
    expect(etag).toBeTruthy();
    expect(first.header('cache-control')).toBe('public, no-cache');
    expect(first.json().data.commendationCatalogue.length).toBeGreaterThan(0);

    const again = await get({ 'if-none-match': etag });
    expect(again.status).toBe(304);

    await ok(
      'mutation { setCommendationPoints(form: EMULATION_FIGHTER, points: 1.25) { points } }',
      undefined,
      'admin',
    );
    const changed = await get({ 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.header('etag')).not.toBe(etag);
    expect(changed.json().data.commendationCatalogue).toContainEqual({
      form: 'EMULATION_FIGHTER',
      points: 1.25,
    });
  });

  test('a signed-in caller’s answer is private to them', async () => {
    const response = await get({ authorization: `Bearer ${await testToken('viewer')}` });
    expect(response.status).toBe(200);
    expect(response.header('cache-control')).toBe('private, no-cache');
  });

  test('a GET without a preflight header is refused as before, cached answer or not', async () => {
    const response = await request(getUrl());
    await response.body.text();
    expect(response.statusCode).toBe(400);
  });
});
