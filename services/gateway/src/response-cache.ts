import { createHash } from 'node:crypto';
import type { ApolloServerPlugin } from '@apollo/server';
import { Kind, type FragmentDefinitionNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { Viewer } from '@thidua/kit';
import type { GatewayContext } from './context.js';
import type { WriteEpoch } from './write-epoch.js';

export interface CachedAnswer {
  body: string;
  contentType: string;
  /** Made on first use (only GET answers carry one): see {@link etagOf}. */
  etag?: string;
}

/** A strong ETag of an answer's body, computed once per answer. */
export function etagOf(answer: CachedAnswer): string {
  answer.etag ??= `"${createHash('sha1').update(answer.body).digest('base64url')}"`;
  return answer.etag;
}

export interface ResponseCacheOptions {
  /** How long an answer may be served; 0 turns the cache off. */
  ttlMs: number;
  /** The most memory the answers may take, counted as UTF-16 text. */
  maxBytes: number;
}

interface Entry extends CachedAnswer {
  expires: number;
  bytes: number;
}

/**
 * Complete answers to queries, by operation, variables and the caller's
 * scope (see {@link cacheKey}). Bounded by memory (least recently used
 * answers go first) and by age; emptied whenever a write through this
 * gateway begins or ends. Answers with errors are never stored.
 */
export class ResponseCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  readonly stats = { hits: 0, misses: 0, stores: 0, evictions: 0, clears: 0 };

  constructor(
    private readonly options: ResponseCacheOptions,
    private readonly epoch: WriteEpoch,
    private readonly now: () => number = Date.now,
  ) {
    epoch.onChange(() => this.clear());
  }

  get enabled(): boolean {
    return this.options.ttlMs > 0 && this.options.maxBytes > 0;
  }

  get size(): number {
    return this.entries.size;
  }

  get(key: string): CachedAnswer | undefined {
    const entry = this.entries.get(key);
    if (!entry || entry.expires <= this.now()) {
      if (entry) this.remove(key, entry);
      this.stats.misses++;
      return undefined;
    }
    // Most recently used last: Map keeps insertion order.
    this.entries.delete(key);
    this.entries.set(key, entry);
    this.stats.hits++;
    return entry;
  }

  /** Stores an answer unless a write began or ended since the request that produced it started. */
  set(key: string, answer: CachedAnswer, epochAtStart: number): CachedAnswer {
    const stored: Entry = { ...answer, expires: this.now() + this.options.ttlMs, bytes: 0 };
    if (!this.enabled || epochAtStart !== this.epoch.value) return stored;
    const bytes = (key.length + answer.body.length) * 2;
    stored.bytes = bytes;
    if (bytes > this.options.maxBytes / 4) return stored;
    const previous = this.entries.get(key);
    if (previous) this.remove(key, previous);
    while (this.bytes + bytes > this.options.maxBytes) {
      const [oldestKey, oldest] = this.entries.entries().next().value as [string, Entry];
      this.remove(oldestKey, oldest);
      this.stats.evictions++;
    }
    this.entries.set(key, stored);
    this.bytes += bytes;
    this.stats.stores++;
    return stored;
  }

  clear(): void {
    if (this.entries.size) this.stats.clears++;
    this.entries.clear();
    this.bytes = 0;
  }

  private remove(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.bytes -= entry.bytes;
  }
}

/**
 * Whose answer this is. Anonymous readers share one scope. A signed-in
 * caller's answers are kept per role, province and subject: today's reads
 * depend on role and province only, and keeping the subject too means a
 * read that one day depends on who the user is can never be served to
 * another user.
 */
export function scopeOf(viewer: Viewer | null): string {
  return viewer ? `${viewer.role}:${viewer.province ?? ''}:${viewer.sub}` : 'public';
}

export interface CacheKeyParts {
  /** The operation's text, or the persisted query's hash when the text is not sent. */
  query?: unknown;
  persistedHash?: unknown;
  operationName?: unknown;
  variables?: unknown;
  scope: string;
  /** The Accept header: it decides the answer's content type. */
  accept?: string;
}

/** The key of an answer, or undefined when the request does not name an operation the cache can key. */
export function cacheKey(parts: CacheKeyParts): string | undefined {
  let hash: string;
  if (typeof parts.query === 'string') hash = createHash('sha256').update(parts.query).digest('hex');
  else if (typeof parts.persistedHash === 'string' && /^[0-9a-f]{64}$/i.test(parts.persistedHash)) {
    hash = parts.persistedHash.toLowerCase();
  } else return undefined;
  if (parts.operationName !== undefined && parts.operationName !== null && typeof parts.operationName !== 'string') {
    return undefined;
  }
  const variables = parts.variables === undefined || parts.variables === null ? '{}' : JSON.stringify(parts.variables);
  return [hash, parts.operationName ?? '', variables, parts.scope, parts.accept ?? ''].join('\n');
}

/**
 * Root fields whose answers change between requests, with no write through
 * this gateway: a node's outbox moves as its shipper sends. They are never cached.
 */
export const volatileRootFields: ReadonlySet<string> = new Set(['nodeOutbox']);

/** Whether the operation asks for a root field of {@link volatileRootFields} (through fragments too). */
export function readsVolatile(operation: OperationDefinitionNode, fragments: Record<string, FragmentDefinitionNode>) {
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode): boolean =>
    set.selections.some((selection) => {
      if (selection.kind === Kind.FIELD) return volatileRootFields.has(selection.name.value);
      if (selection.kind === Kind.INLINE_FRAGMENT) return walk(selection.selectionSet);
      const name = selection.name.value;
      if (seen.has(name) || !fragments[name]) return false;
      seen.add(name);
      return walk(fragments[name].selectionSet);
    });
  return walk(operation.selectionSet);
}

/** Apollo plugin: marks a query answered without errors as storable, for the HTTP handler. */
export function responseCachePlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ operation, contextValue, response, document }) {
          const candidate = contextValue.cache;
          if (!candidate || operation?.operation !== 'query' || response.body.kind !== 'single') return;
          const fragments: Record<string, FragmentDefinitionNode> = {};
          for (const d of document?.definitions ?? [])
            if (d.kind === Kind.FRAGMENT_DEFINITION) fragments[d.name.value] = d;
          if (readsVolatile(operation, fragments)) return;
          if ((response.http.status ?? 200) !== 200 || response.body.singleResult.errors?.length) return;
          candidate.storable = true;
        },
      };
    },
  };
}
