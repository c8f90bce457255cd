import {
  accountActor,
  forbidden,
  signToken,
  tokenRules,
  unauthenticated,
  viewerFromHeader,
  withStatus,
  type AuthConfig,
  type Viewer,
} from '@thidua/kit';
import type { Request } from 'express';
import type { DataSource } from 'typeorm';
import type { Account } from '../accounts/account.entity.js';
import { API_TOKEN_PREFIX, viewerOfApiToken } from '../accounts/api-token.service.js';
import type { SessionStore } from './sessions.js';

/** The cookie that carries a session's secret. */
export const SESSION_COOKIE = 'thidua_session';
/**
 * The header the dashboard sends with every request. A cross-site form cannot
 * send it, and a cross-site script cannot without a CORS preflight this
 * server never grants.
 */
export const CSRF_HEADER = 'x-thidua-csrf';
/** How long the token minted for one request lives: long enough for the request, no longer. */
const MINTED_TOKEN_LIFETIME = '5m';

/** Who is calling, as every route of the gateway sees it. */
export interface Caller {
  /** As the subgraphs will see it (from the token forwarded to them). */
  viewer: Viewer;
  /** The `Authorization` header to forward to subgraphs: a short-lived signed token, or the caller's own JWT. */
  authorization: string;
  /** A browser session, an API token an admin issued, or a signed JWT or node credential (`npm run token`, a node). */
  via: 'session' | 'api-token' | 'token';
  /** The signed-in account, for a session. */
  account?: Account;
}

/** One cookie's value from the Cookie header. */
export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return decodeURIComponent(part.slice(index + 1).trim());
  }
  return undefined;
}

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The origin this request was addressed to, as the browser sees it. */
export function ownOrigin(req: Request): string {
  return `${req.protocol}://${req.get('host')}`;
}

/**
 * Cross-site request forgery: a request that would act with the session
 * cookie and changes something must carry {@link CSRF_HEADER}, and when the
 * browser says where it comes from (Origin, Sec-Fetch-Site) that must be here.
 */
export function requireSameSite(req: Request, extraOrigins: readonly string[] = []): void {
  if (safeMethods.has(req.method)) return;
  const origin = req.headers.origin;
  const crossSite = req.headers['sec-fetch-site'] === 'cross-site';
  const foreignOrigin = origin !== undefined && origin !== ownOrigin(req) && !extraOrigins.includes(origin);
  if (!req.headers[CSRF_HEADER] || crossSite || foreignOrigin) {
    throw withStatus(
      forbidden(
        'Cross-site request refused: a request signed in with the session cookie must come from this ' +
          `server's own pages (the ${CSRF_HEADER} header, and the same Origin)`,
      ),
      403,
    );
  }
}

export interface CallerResolverOptions {
  db: DataSource;
  sessions: SessionStore;
  /** The secret tokens are signed with, and the token rules (tokenRules) a JWT is held to. */
  auth: AuthConfig;
  /** Origins besides the request's own that may send cookie requests (PUBLIC_URL behind a proxy). */
  trustedOrigins: string[];
}

/** The viewer a session stands for: its account's username and role now, with the account and session ids. */
export function sessionViewer(account: Account, sessionId: string): Viewer {
  return {
    sub: accountActor(account.username, account.role),
    role: account.role,
    ...(account.provinceId ? { province: account.provinceId } : {}),
    account: account.id,
    session: sessionId,
  };
}

/**
 * Resolves callers: `Authorization: Bearer` wins (a JWT is verified and
 * forwarded as is; an API token is looked up and replaced by a short-lived
 * JWT); else the session cookie (checked against cross-site use, then
 * replaced by a short-lived JWT); else anonymous (null). A bad bearer is 401.
 */
export function callerResolver(options: CallerResolverOptions): (req: Request) => Promise<Caller | null> {
  const mint = (viewer: Viewer) => signToken(options.auth.authSecret, viewer, MINTED_TOKEN_LIFETIME);
  return async (req) => {
    const header = req.headers.authorization;
    if (header) {
      const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
      if (!match) throw withStatus(unauthenticated('Authorization rejected: expected "Bearer <token>"'), 401);
      const token = match[1];
      if (token.startsWith(API_TOKEN_PREFIX)) {
        const viewer = await viewerOfApiToken(options.db.manager, token);
        if (!viewer) {
          throw withStatus(
            unauthenticated('Authorization rejected: the API token is unknown, revoked or expired'),
            401,
          );
        }
        return { viewer, via: 'api-token', authorization: `Bearer ${await mint(viewer)}` };
      }
      // A JWT (or a node's credential) as /graphql always took it: the kit's reading and token rules.
      const viewer = await viewerFromHeader(options.auth.authSecret, header, tokenRules(options.auth)).catch(
        (error: Error) => {
          throw withStatus(error, 401);
        },
      );
      return { viewer: viewer!, via: 'token', authorization: header };
    }
    const secret = readCookie(req, SESSION_COOKIE);
    if (!secret) return null;
    requireSameSite(req, options.trustedOrigins);
    const live = await options.sessions.find(secret);
    if (!live) return null;
    const viewer = sessionViewer(live.account, live.id);
    return { viewer, via: 'session', authorization: `Bearer ${await mint(viewer)}`, account: live.account };
  };
}

const localsKey = 'thiduaResolveCaller';

/** Makes {@link resolveCaller} work for requests to `app`. */
export function provideCallerResolver(
  locals: Record<string, unknown>,
  resolve: (req: Request) => Promise<Caller | null>,
): void {
  locals[localsKey] = resolve;
}

/**
 * Who is calling: THE one place every gateway route (GraphQL, the auth
 * endpoints, file and spreadsheet routes) learns it. Null is anonymous.
 * Throws a GraphQLError carrying an HTTP status (401 for a bad token, 403
 * for a cross-site request made with the session cookie).
 */
export async function resolveCaller(req: Request): Promise<Caller | null> {
  const resolve = req.app.locals[localsKey] as ((req: Request) => Promise<Caller | null>) | undefined;
  if (!resolve) throw new Error('resolveCaller: the gateway identity is not mounted on this app');
  return resolve(req);
}
