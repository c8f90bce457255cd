import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { cacheKey, etagOf, readsVolatile, ResponseCache, scopeOf } from '../response-cache.js';
import { WriteEpoch } from '../write-epoch.js';

function cache(options: { ttlMs?: number; maxBytes?: number } = {}) {
  const clock = { now: 0 };
  const epoch = new WriteEpoch();
  const c = new ResponseCache({ ttlMs: 1000, maxBytes: 1_000_000, ...options }, epoch, () => clock.now);
  return { clock, epoch, cache: c };
}
const answer = (body: string) => ({ body, contentType: 'application/json; charset=utf-8' });

describe('ResponseCache', () => {
  test('serves a stored answer with a stable ETag until it expires', () => {
    const { clock, cache: c } = cache({ ttlMs: 1000 });
    const stored = c.set('k', answer('{"data":{}}'), 0);
    expect(c.get('k')).toMatchObject(stored);
    expect(etagOf(stored)).toMatch(/^"[\w-]+"$/);
    expect(etagOf(c.set('k2', answer('{"data":{}}'), 0))).toBe(etagOf(stored));
    expect(etagOf(c.set('k3', answer('{"data":{"a":1}}'), 0))).not.toBe(etagOf(stored));
    clock.now = 1000;
    expect(c.get('k')).toBeUndefined();
  });

  test('a write beginning or ending empties it, and an answer from before a write is not stored', () => {
    const { epoch, cache: c } = cache();
    c.set('k', answer('old'), epoch.value);
    const started = epoch.value;
    epoch.bump();
    expect(c.get('k')).toBeUndefined();
    c.set('k', answer('read during the write'), started);
    expect(c.get('k')).toBeUndefined();
    const during = epoch.value;
    c.set('k', answer('read inside the write'), during);
    epoch.bump();
    expect(c.get('k')).toBeUndefined();
  });

  test('stays within its memory bound, dropping the least recently used first', () => {
    const body = 'x'.repeat(100);
    const perEntry = (1 + body.length) * 2;
    const { cache: c } = cache({ maxBytes: perEntry * 4 });
    for (const key of ['a', 'b', 'c', 'd']) c.set(key, answer(body), 0);
    c.get('a');
    c.set('e', answer(body), 0);
    expect(c.size).toBe(4);
    expect(c.get('b')).toBeUndefined();
    expect(c.get('a')).toBeDefined();
    expect(c.get('e')).toBeDefined();
  });

  test('an answer too big for a quarter of the bound is not kept', () => {
    const { cache: c } = cache({ maxBytes: 1000 });
    c.set('k', answer('x'.repeat(200)), 0);
    expect(c.get('k')).toBeUndefined();
  });

  test('a TTL of 0 turns it off', () => {
    const { cache: c } = cache({ ttlMs: 0 });
    expect(c.enabled).toBe(false);
    c.set('k', answer('{}'), 0);
    expect(c.get('k')).toBeUndefined();
  });
});

describe('cache keys', () => {
  const base = { query: '{ clusters { id } }', scope: 'public' };

  test('the same operation, variables and scope share a key; the text and the persisted hash name the same operation', () => {
    const key = cacheKey(base)!;
    expect(cacheKey({ ...base })).toBe(key);
    const hash = key.split('\n')[0];
    expect(cacheKey({ persistedHash: hash.toUpperCase(), scope: 'public' })).toBe(key);
  });

  test('variables, operation name, scope and Accept each make a different key', () => {
    const key = cacheKey(base);
    expect(cacheKey({ ...base, variables: { year: 2019 } })).not.toBe(key);
    expect(cacheKey({ ...base, operationName: 'Clusters' })).not.toBe(key);
    expect(cacheKey({ ...base, scope: 'viewer::u1' })).not.toBe(key);
    expect(cacheKey({ ...base, accept: 'application/graphql-response+json' })).not.toBe(key);
  });

  test('nothing to key without an operation text or a well-formed hash', () => {
    expect(cacheKey({ scope: 'public' })).toBeUndefined();
    expect(cacheKey({ persistedHash: 'abc', scope: 'public' })).toBeUndefined();
    expect(cacheKey({ ...base, operationName: 7 })).toBeUndefined();
  });

  test('anonymous readers share a scope; a signed-in caller has one of their own', () => {
    expect(scopeOf(null)).toBe('public');
    expect(scopeOf({ sub: 'u1', role: 'province', province: 'ha-nam' })).toBe('province:ha-nam:u1');
    expect(scopeOf({ sub: 'u2', role: 'province', province: 'ha-nam' })).not.toBe(
      scopeOf({ sub: 'u1', role: 'province', province: 'ha-nam' }),
    );
  });
});

describe('readsVolatile: reads the gateway never caches', () => {
  const check = (text: string) => {
    const document = parse(text);
    const operation = document.definitions.find(
      (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
    )!;
    const fragments = Object.fromEntries(
      document.definitions
        .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
        .map((d) => [d.name.value, d]),
    );
    return readsVolatile(operation, fragments);
  };

  test('a node outbox, asked directly, in an inline fragment or in a named one', () => {
    expect(check('{ nodeOutbox { provinceId } }')).toBe(true);
    expect(check('{ clusters { id } ... on Query { nodeOutbox { provinceId } } }')).toBe(true);
    expect(check('query { ...Outbox } fragment Outbox on Query { nodeOutbox { provinceId } }')).toBe(true);
  });

  test('everything else may be cached, including a nested field of the same name', () => {
    expect(check('{ clusters { id } }')).toBe(false);
    expect(check('{ clusters { nodeOutbox { id } } }')).toBe(false);
    expect(check('{ nodeOutbox: clusters { id } }')).toBe(false);
    expect(check('query { ...A } fragment A on Query { ...B } fragment B on Query { ...A clusters { id } }')).toBe(
      false,
    );
  });
});
