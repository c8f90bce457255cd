import { print, type DocumentNode } from '@0no-co/graphql.web';
import { useCallback, useEffect, useRef, useState } from 'react';
import type { TadaDocumentNode } from '../graphql';

/** One entry of a GraphQL response's `errors`, as the gateway sends it. */
export interface ApiError {
  message: string;
  path?: readonly (string | number)[];
  extensions?: { code?: string; serviceName?: string; [key: string]: unknown };
}

/** A GraphQL response: data may be partial (a subgraph down) with errors beside it. */
export interface ApiResult<TData> {
  data: TData | null;
  errors: ApiError[];
}

/** The request never produced a GraphQL answer (network down, server error page). */
export class RequestFailure extends Error {
  override name = 'RequestFailure';
  constructor(
    message: string,
    /** The HTTP status when the server answered with something other than GraphQL. */
    readonly status?: number,
    /** True when the server could not be reached at all. */
    readonly network = false,
  ) {
    super(message);
  }
}

/** Every request goes to the gateway that served the page, and nowhere else. */
const endpoint = '/graphql';

/**
 * Sent with every request. The gateway refuses a request that carries the
 * session cookie and changes something without it: a cross-site page cannot
 * send it (docs/accounts.md, "Cross-site requests").
 */
export const csrfHeaders = { 'x-thidua-csrf': '1' } as const;

const printed = new WeakMap<DocumentNode, string>();
function queryText(document: DocumentNode | string): string {
  if (typeof document === 'string') return document;
  let text = printed.get(document);
  if (!text) {
    text = print(document);
    printed.set(document, text);
  }
  return text;
}

/** The interface language, which `I18nProvider` keeps on `<html lang>`: "vi" unless switched to English. */
function interfaceLanguage(): 'vi' | 'en' {
  return typeof document !== 'undefined' && document.documentElement.lang === 'en' ? 'en' : 'vi';
}

/** Sends one operation to the gateway. */
export async function request<TData, TVariables>(
  document: TadaDocumentNode<TData, TVariables> | string,
  variables: TVariables,
  signal?: AbortSignal,
): Promise<ApiResult<TData>> {
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        // The API's own messages in the interface language (Vietnamese unless the reader switched).
        'accept-language': interfaceLanguage(),
        ...csrfHeaders,
      },
      body: JSON.stringify({ query: queryText(document as DocumentNode | string), variables }),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new RequestFailure((error as Error).message, undefined, true);
  }
  let body: { data?: TData | null; errors?: ApiError[] };
  try {
    body = await response.json();
  } catch {
    throw new RequestFailure(`HTTP ${response.status}`, response.status);
  }
  if (body.data === undefined && !body.errors?.length)
    throw new RequestFailure(`HTTP ${response.status}`, response.status);
  return { data: body.data ?? null, errors: body.errors ?? [] };
}

/** Complete answers, by operation and variables, for the life of the page. */
const cache = new Map<string, ApiResult<unknown>>();
const cacheKey = (document: DocumentNode | string, variables: unknown) =>
  `${queryText(document)}\n${JSON.stringify(variables)}`;

/** Whether an answer is cached: pages use it to avoid a loading flash. */
export function cached<TData>(document: DocumentNode | string, variables: unknown): ApiResult<TData> | undefined {
  return cache.get(cacheKey(document, variables)) as ApiResult<TData> | undefined;
}

/** Bumped by every invalidation: an answer to a request sent before it is not cached. */
let generation = 0;

/** Every mounted query, so a write can have them ask again. */
const refreshers = new Set<() => void>();

/**
 * Forgets every cached answer and has every query on screen ask again, keeping
 * what it shows until the new answer arrives: after a write, or a sign-in or
 * sign-out (what a page shows may depend on who asks).
 */
export function invalidateAll(): void {
  generation += 1;
  cache.clear();
  pending.clear();
  for (const refresh of refreshers) refresh();
}

/**
 * Sends a mutation (never cached). A complete answer refreshes every query on
 * screen, so the figures, rankings and lists a write changed show at once.
 */
export async function mutate<TData, TVariables>(
  document: TadaDocumentNode<TData, TVariables>,
  variables: TVariables,
): Promise<ApiResult<TData>> {
  const result = await request(document, variables);
  if (result.errors.length === 0) invalidateAll();
  return result;
}

/** Requests in flight, so two components asking the same thing at once share one request. */
const pending = new Map<string, Promise<ApiResult<unknown>>>();

/**
 * Sends an operation unless the same one already answered completely (or is
 * on its way); answers with errors are never cached so a retry asks again.
 * A shared request is not cancelled when one of its askers goes away; the
 * asker's `signal` only stops it waiting.
 */
export async function cachedRequest<TData, TVariables>(
  document: TadaDocumentNode<TData, TVariables> | string,
  variables: TVariables,
  signal?: AbortSignal,
): Promise<ApiResult<TData>> {
  const key = cacheKey(document as DocumentNode | string, variables);
  const hit = cache.get(key) as ApiResult<TData> | undefined;
  if (hit) return hit;
  let shared = pending.get(key) as Promise<ApiResult<TData>> | undefined;
  if (!shared) {
    const sentIn = generation;
    shared = request(document, variables).then(
      (result) => {
        if (sentIn !== generation) return result;
        pending.delete(key);
        if (result.errors.length === 0) cache.set(key, result);
        return result;
      },
      (error) => {
        if (sentIn === generation) pending.delete(key);
        throw error;
      },
    );
    pending.set(key, shared);
  }
  if (!signal) return shared;
  return new Promise((resolve, reject) => {
    const stop = () => reject(new DOMException('The request was cancelled', 'AbortError'));
    if (signal.aborted) return stop();
    signal.addEventListener('abort', stop, { once: true });
    shared.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop));
  });
}

export interface QueryOptions {
  /**
   * Keeps the previous answer on screen while new variables load, as long as
   * this key stays the same (e.g. the season, while only the weights change).
   * Without it, new variables start from a blank loading state, so one
   * province's figures never show under another's name.
   */
  keepDataWhile?: string;
}

export interface QueryState<TData> {
  /** The latest answer's data; see {@link QueryOptions.keepDataWhile} for what shows while new variables load. */
  data: TData | null;
  /** Errors beside the data: with data they mean a partial answer. */
  errors: ApiError[];
  loading: boolean;
  /** True while `data` belongs to earlier variables. */
  stale: boolean;
  /** Set when no answer came at all, or an answer with errors and no data. */
  failure: Error | null;
  retry(): void;
}

/**
 * Runs a query whenever its variables change (compared by value); `null`
 * variables skip it. An answer to variables no longer current is ignored.
 */
export function useQuery<TData, TVariables>(
  document: TadaDocumentNode<TData, TVariables>,
  variables: TVariables | null,
  options: QueryOptions = {},
): QueryState<TData> {
  return useLoader<TData>(
    variables === null ? null : JSON.stringify(variables),
    (signal) => cachedRequest(document, variables as TVariables, signal),
    () => (variables === null ? undefined : cached<TData>(document, variables)),
    options,
  );
}

/**
 * The state machine behind {@link useQuery}, for loaders that are not one
 * document (e.g. several requests combined). `key` identifies the request;
 * `null` skips it.
 */
export function useLoader<TData>(
  key: string | null,
  load: (signal: AbortSignal) => Promise<ApiResult<TData>>,
  peek: () => ApiResult<TData> | undefined = () => undefined,
  options: QueryOptions = {},
): QueryState<TData> {
  const keep = options.keepDataWhile;
  const [attempt, setAttempt] = useState(0);
  /** The last settled answer, with the request (and keep key) it belongs to. */
  const [settled, setSettled] = useState<{
    key: string | null;
    keep: string | undefined;
    attempt: number;
    data: TData | null;
    errors: ApiError[];
    failure: Error | null;
  } | null>(null);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    if (key === null || peek()) return;
    const controller = new AbortController();
    loadRef.current(controller.signal).then(
      (result) => {
        if (controller.signal.aborted) return;
        const failure =
          result.data === null ? new RequestFailure(result.errors.map((e) => e.message).join('; ')) : null;
        setSettled({ key, keep, attempt, data: result.data, errors: result.errors, failure });
      },
      (error: Error) => {
        if (controller.signal.aborted) return;
        setSettled((previous) => ({
          key,
          keep,
          attempt,
          data: previous && keep !== undefined && previous.keep === keep ? previous.data : null,
          errors: [],
          failure: error,
        }));
      },
    );
    return () => controller.abort();
    // `peek` only reads the cache for `key`, so `key` stands for it here.
  }, [key, attempt, keep]);

  const retry = useCallback(() => {
    cache.clear();
    setAttempt((n) => n + 1);
  }, []);

  useEffect(() => {
    const refresh = () => setAttempt((n) => n + 1);
    refreshers.add(refresh);
    return () => {
      refreshers.delete(refresh);
    };
  }, []);

  // Derived during render, so a new key never shows the previous answer for a frame.
  if (key === null) return { data: null, errors: [], loading: false, stale: false, failure: null, retry };
  const hit = peek();
  if (hit) return { data: hit.data, errors: hit.errors, loading: false, stale: false, failure: null, retry };
  if (settled && settled.key === key && settled.attempt === attempt) {
    return {
      data: settled.data,
      errors: settled.errors,
      loading: false,
      stale: false,
      failure: settled.failure,
      retry,
    };
  }
  if (settled && keep !== undefined && settled.keep === keep && settled.data !== null) {
    return { data: settled.data, errors: settled.errors, loading: true, stale: true, failure: null, retry };
  }
  // Asking again for the same thing (after a write): keep showing the last answer, not a blank page.
  if (settled && settled.key === key && settled.data !== null) {
    return { data: settled.data, errors: settled.errors, loading: true, stale: false, failure: null, retry };
  }
  return { data: null, errors: [], loading: true, stale: false, failure: null, retry };
}
