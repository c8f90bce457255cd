import { randomUUID } from 'node:crypto';
import { HeaderMap, type ApolloServer } from '@apollo/server';
import type express from 'express';
import { unauthenticated, withStatus, type AuthConfig, type Logger } from '@thidua/kit';
import type { Caller } from './auth/caller.js';
import type { GatewayContext } from './context.js';
import { cacheKey, etagOf, scopeOf, type ResponseCache } from './response-cache.js';
import type { WriteEpoch } from './write-epoch.js';

export type CacheOutcome = 'hit' | 'miss' | 'bypass';

export interface GraphQLHandlerOptions {
  apollo: ApolloServer<GatewayContext>;
  auth: AuthConfig;
  logger: Logger;
  cache: ResponseCache;
  epoch: WriteEpoch;
  /**
   * Who calls (auth/caller.ts): a Bearer JWT or API token, else the session
   * cookie (with its CSRF check), else anonymous (null). Throws with an HTTP
   * status (401 for a bad token, 403 for a cross-site cookie request).
   */
  identify: (req: express.Request) => Promise<Caller | null>;
  /** Told how each request used the response cache (for /metrics). */
  onCache?: (outcome: CacheOutcome) => void;
}

interface GraphQLParams {
  query?: unknown;
  operationName?: unknown;
  variables?: unknown;
  extensions?: { persistedQuery?: { sha256Hash?: unknown } };
}

/** The request's operation, variables and extensions, as Apollo Server will read them; undefined when malformed. */
function paramsOf(req: express.Request): GraphQLParams | undefined {
  if (req.method === 'POST') {
    const body: unknown = req.body;
    return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as GraphQLParams) : undefined;
  }
  if (req.method !== 'GET') return undefined;
  const search = new URL(req.originalUrl, 'http://gateway').searchParams;
  try {
    const json = (name: string) => (search.has(name) ? JSON.parse(search.get(name)!) : undefined);
    return {
      query: search.get('query') ?? undefined,
      operationName: search.get('operationName') ?? undefined,
      variables: json('variables'),
      extensions: json('extensions'),
    };
  } catch {
    return undefined;
  }
}

/** Apollo Server refuses a GET without one of these headers (CSRF prevention); a cached answer must too. */
const preflightHeaders = ['apollo-require-preflight', 'x-apollo-operation-name'];

function cacheDirectives(header: string | undefined): Set<string> {
  return new Set((header ?? '').split(',').map((d) => d.trim().toLowerCase()));
}

/**
 * POST and GET /graphql: a cached answer when there is one for this
 * operation, variables and scope, else Apollo Server (which plans and asks
 * the subgraphs), storing what it answers when the answer may be kept.
 *
 * - `Cache-Control: no-cache` from the client: an answer from the subgraphs,
 *   not from the cache (it replaces the cached one); `no-store`: the same,
 *   and the answer is not kept. (Either may still share a subgraph call in
 *   flight: see subgraph-source.ts.)
 * - GET answers that may be cached carry an ETag and `Cache-Control: no-cache`
 *   (`private` unless anonymous), so a browser revalidates and gets 304
 *   while nothing changed (express answers the 304; its own weak ETags are
 *   off, see gateway.ts).
 * - An invalid token, or none when REQUIRE_AUTH=1, never reaches the cache:
 *   Apollo Server answers it with UNAUTHENTICATED; a cookie request from
 *   another site is refused (403) before it reaches anything.
 * - The scope is the resolved caller's: a session cookie counts as its
 *   account (see response-cache.ts scopeOf), so two signed-in people never
 *   share an answer, and the token forwarded to subgraphs (the merge key of
 *   subgraph-source.ts) is the one minted for that caller.
 */
export function graphqlHandler(options: GraphQLHandlerOptions): express.RequestHandler {
  const { apollo, auth, logger, cache, epoch } = options;

  return async (req, res, next) => {
    const epochAtStart = epoch.value;
    const directives = cacheDirectives(req.headers['cache-control']);
    const noStore = directives.has('no-store');
    const fresh = noStore || directives.has('no-cache');
    // The answer's scope is the RESOLVED caller's (a session's account, an API token's, a JWT's
    // subject), never a raw header: the cache key and the subgraph merge key follow from it.
    const verified: { caller: Caller | null } | { error: unknown } = await options.identify(req).then(
      (caller) => ({ caller }),
      (error: unknown) => ({ error }),
    );
    const viewer = 'caller' in verified ? (verified.caller?.viewer ?? null) : undefined;
    const authorization = 'caller' in verified ? verified.caller?.authorization : undefined;
    const isGet = req.method === 'GET';

    let key: string | undefined;
    let registering = false;
    const allowed = viewer !== undefined && !(auth.requireAuth && viewer === null);
    if (cache.enabled && allowed && (!isGet || preflightHeaders.some((h) => req.headers[h]))) {
      const params = paramsOf(req);
      // Malformed extensions are Apollo Server's to refuse (400), whatever answer the query has cached.
      const extensions: unknown = params?.extensions;
      const wellFormed = extensions == null || (typeof extensions === 'object' && !Array.isArray(extensions));
      if (params && wellFormed) {
        // A persisted query sent with its text registers it: Apollo Server must see that request.
        registering = typeof params.query === 'string' && params.extensions?.persistedQuery !== undefined;
        key = cacheKey({
          query: params.query,
          persistedHash: params.extensions?.persistedQuery?.sha256Hash,
          operationName: params.operationName,
          variables: params.variables,
          scope: scopeOf(viewer ?? null),
          accept: req.headers.accept,
        });
      }
    }
    const cacheControl = `${viewer ? 'private' : 'public'}, no-cache`;

    if (key && !fresh && !registering) {
      const hit = cache.get(key);
      if (hit) {
        options.onCache?.('hit');
        res.setHeader('content-type', hit.contentType);
        if (isGet) {
          res.setHeader('etag', etagOf(hit));
          res.setHeader('cache-control', cacheControl);
        }
        res.send(hit.body);
        return;
      }
    }
    options.onCache?.(key && !noStore ? 'miss' : 'bypass');

    let context: GatewayContext | undefined;
    try {
      const headers = new HeaderMap();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: req.method.toUpperCase(),
          headers,
          search: new URL(req.originalUrl, 'http://gateway').search,
          body: req.body,
        },
        context: async () => {
          if ('error' in verified) {
            const error = verified.error as Error & { extensions?: { http?: { status?: number } } };
            throw error.extensions?.http?.status ? error : withStatus(error, 401);
          }
          if (auth.requireAuth && !viewer) {
            throw withStatus(unauthenticated('This server requires a token for every request (REQUIRE_AUTH=1)'), 401);
          }
          const requestId = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
          context = {
            viewer: viewer ?? null,
            authorization,
            requestId,
            logger: logger.child({ requestId }),
            cache: key && !noStore ? { key, epoch: epochAtStart } : undefined,
          };
          return context;
        },
      });
      for (const [name, value] of response.headers) res.setHeader(name, value);
      res.statusCode = response.status ?? 200;
      if (response.body.kind === 'complete') {
        const body = response.body.string;
        if (key && context?.cache?.storable && res.statusCode === 200) {
          const contentType = response.headers.get('content-type') ?? 'application/json; charset=utf-8';
          const stored = cache.set(key, { body, contentType }, context.cache.epoch);
          if (isGet) {
            res.setHeader('etag', etagOf(stored));
            res.setHeader('cache-control', cacheControl);
          }
        }
        res.send(body);
        return;
      }
      for await (const chunk of response.body.asyncIterator) res.write(chunk);
      res.end();
    } catch (error) {
      next(error);
    } finally {
      // A mutation whose answer never went out still ends its write.
      if (context?.writing) {
        context.writing = false;
        epoch.bump();
      }
    }
  };
}
