import { signServiceToken } from './auth.js';
import { serviceUnavailable } from './errors.js';
import type { Logger } from './logger.js';

/*
 * The one road for a subgraph to ask another subgraph something during a
 * write (reads go through federation with @requires). A subgraph declares the
 * links it needs and, for each, the root fields it may read there; the kit
 * signs a short-lived `service:<name>` token with exactly that scope, so the
 * other side can tell a service from a person and refuse it anything else.
 */

/** What a subgraph declares it needs of another: the root fields it reads there. */
export interface LinkDeclaration {
  scope: string[];
  /** Give up after this long (default 5 s): a hung peer must not hang a write. */
  timeoutMs?: number;
}

export interface LinkResponse<TData> {
  data?: TData | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** A configured link to another subgraph. */
export interface ServiceLink {
  /** The peer's name, e.g. `provinces`. */
  name: string;
  /**
   * Sends a query with the service identity. A peer that cannot be reached, or
   * answers with HTTP 5xx or errors, is SERVICE_UNAVAILABLE naming the peer.
   */
  query<TData>(query: string, variables: Record<string, unknown>, logger: Logger): Promise<TData>;
}

/** The links of one subgraph, by peer name; a link whose URL is not configured fails clearly when used. */
export type ServiceLinks = Record<string, ServiceLink>;

export interface ServiceLinksOptions {
  /** This subgraph's name: the token's subject is `service:<self>`. */
  self: string;
  declared: Record<string, LinkDeclaration>;
  /**
   * Where each peer answers (its GraphQL URL); from `<PEER>_URL` or the stack.
   * Read on every use: a peer that starts later is found once it is listed.
   */
  urls: Record<string, string | undefined>;
  secret: string;
}

/**
 * Builds a subgraph's links once per process; tokens are renewed before they
 * expire. A peer's URL is looked up when the link is used, not when it is
 * built, so two subgraphs may link to each other whatever their start order
 * (the stack fills `urls` as each one starts).
 */
export function createServiceLinks(options: ServiceLinksOptions): ServiceLinks {
  const links: ServiceLinks = {};
  for (const [name, declaration] of Object.entries(options.declared)) {
    links[name] = remoteLink(name, () => options.urls[name], declaration, options);
  }
  return links;
}

function remoteLink(
  name: string,
  urlOf: () => string | undefined,
  declaration: LinkDeclaration,
  options: ServiceLinksOptions,
): ServiceLink {
  const timeoutMs = declaration.timeoutMs ?? 5000;
  let token: { value: Promise<string>; renewAt: number } | undefined;
  const serviceToken = () => {
    const now = Date.now();
    if (!token || token.renewAt <= now) {
      token = {
        value: signServiceToken(options.secret, options.self, declaration.scope, '5m'),
        renewAt: now + 4 * 60_000,
      };
    }
    return token.value;
  };
  const unavailable = () =>
    serviceUnavailable(name, `The ${name} service did not answer; nothing was stored. Try again shortly.`);

  return {
    name,
    async query<TData>(query: string, variables: Record<string, unknown>, logger: Logger): Promise<TData> {
      const url = urlOf();
      if (!url) {
        throw serviceUnavailable(
          name,
          `This ${options.self} service was started without ${name.toUpperCase()}_URL, so it cannot ask ${name}`,
        );
      }
      let body: LinkResponse<TData>;
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${await serviceToken()}` },
          body: JSON.stringify({ query, variables }),
          signal: AbortSignal.timeout(timeoutMs),
        });
        if (response.status >= 500) throw new Error(`HTTP ${response.status}`);
        body = (await response.json()) as LinkResponse<TData>;
      } catch (error) {
        logger.warn({ err: error, peer: name }, 'a service link did not answer');
        throw unavailable();
      }
      if (body.errors?.length || !body.data) {
        logger.warn({ errors: body.errors, peer: name }, 'a service link answered with errors');
        throw unavailable();
      }
      return body.data;
    },
  };
}
