import { createHmac, timingSafeEqual } from 'node:crypto';
import { isUniqueViolation, type Logger, type Role } from '@thidua/kit';
import express, { type Request, type Response } from 'express';
import type * as OpenIdClient from 'openid-client' with { 'resolution-mode': 'import' };
import type { DataSource } from 'typeorm';
import { Account } from '../accounts/account.entity.js';
import { createAccount, provinces } from '../accounts/account.service.js';
import { isRole } from '../accounts/role.js';
import { ownOrigin } from './caller.js';
import type { IdentityConfig, OidcConfig } from './config.js';
import { setSessionCookie } from './routes.js';
import type { SessionStore } from './sessions.js';

/** openid-client is ESM-only: loaded on first use, like Prettier in compose. */
type Client = typeof OpenIdClient;
let clientModule: Promise<Client> | undefined;
const loadClient = () => (clientModule ??= import('openid-client'));

/** Carries state, nonce, PKCE verifier and the page to return to across the provider's redirect. */
const FLOW_COOKIE = 'thidua_oidc';
const FLOW_PATH = '/auth/oidc';
const FLOW_MINUTES = 10;

interface Flow {
  state: string;
  nonce: string;
  verifier: string;
  next: string;
  expires: number;
}

/** A signed, short-lived value: the flow cookie cannot be forged or reused later. */
function seal(flow: Flow, secret: string): string {
  const body = Buffer.from(JSON.stringify(flow)).toString('base64url');
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

function unseal(value: string | undefined, secret: string): Flow | null {
  if (!value) return null;
  const [body, mac] = value.split('.');
  if (!body || !mac) return null;
  const expected = createHmac('sha256', secret).update(body).digest();
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  const flow = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Flow;
  return flow.expires > Date.now() ? flow : null;
}

/** Only a path on this site: a sign-in never sends anyone elsewhere. */
const safeNext = (next: unknown) =>
  typeof next === 'string' && next.startsWith('/') && !next.startsWith('//') ? next : '/';

const isLoopback = (url: URL) => ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);

/** The role a configured claim names for a first-time user, or null (no rights until an admin assigns one). */
function mappedRole(
  config: OidcConfig,
  claims: Record<string, unknown>,
): { role: Role; provinceId: string | null } | null {
  if (!config.roleClaim) return null;
  const role = claims[config.roleClaim];
  if (typeof role !== 'string' || !isRole(role)) return null;
  if (role !== 'province') return { role, provinceId: null };
  const province = config.provinceClaim ? claims[config.provinceClaim] : undefined;
  return typeof province === 'string' && provinces().get(province) ? { role, provinceId: province } : null;
}

/** A free username from what the provider says the person is called. */
async function usernameFor(db: DataSource, claims: Record<string, unknown>): Promise<string> {
  const wanted = [claims.preferred_username, typeof claims.email === 'string' ? claims.email.split('@')[0] : null]
    .find((value): value is string => typeof value === 'string' && value.length > 0)
    ?.normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[._-]+|[._-]+$/g, '')
    .slice(0, 50);
  const base = wanted && wanted.length >= 3 ? wanted : `sso-${String(claims.sub).slice(0, 12).toLowerCase()}`;
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await db.getRepository(Account).existsBy({ username: candidate }))) return candidate;
  }
}

export interface OidcRoutesOptions {
  config: IdentityConfig & { oidc: OidcConfig };
  db: DataSource;
  sessions: SessionStore;
  authSecret: string;
  logger: Logger;
}

/**
 * Single sign-on: GET /auth/oidc/start sends the browser to the provider
 * (authorization code with PKCE, state and nonce); GET /auth/oidc/callback
 * checks the answer, finds or makes the account, and starts a session. A
 * first-time person gets an account that cannot act (disabled, viewer) until
 * an admin assigns a role, unless a configured claim names one.
 */
export function oidcRoutes(options: OidcRoutesOptions): express.Router {
  const { config, db, sessions, authSecret, logger } = options;
  const oidc = config.oidc;
  const router = express.Router();
  let discovered: Promise<OpenIdClient.Configuration> | undefined;
  const configuration = async () => {
    const client = await loadClient();
    const issuer = new URL(oidc.issuer);
    discovered ??= client
      .discovery(issuer, oidc.clientId, oidc.clientSecret, undefined, {
        // Plain HTTP only for a provider on this machine (development and tests).
        execute: issuer.protocol === 'http:' && isLoopback(issuer) ? [client.allowInsecureRequests] : [],
      })
      .catch((error) => {
        discovered = undefined;
        throw error;
      });
    return discovered;
  };
  const base = (req: Request) => config.publicUrl ?? ownOrigin(req);
  const fail = (res: Response, reason: string) => res.redirect(302, `/sign-in?error=${reason}`);

  router.get(`${FLOW_PATH}/start`, async (req, res) => {
    try {
      const client = await loadClient();
      const flow: Flow = {
        state: client.randomState(),
        nonce: client.randomNonce(),
        verifier: client.randomPKCECodeVerifier(),
        next: safeNext(req.query.next),
        expires: Date.now() + FLOW_MINUTES * 60_000,
      };
      const url = client.buildAuthorizationUrl(await configuration(), {
        redirect_uri: `${base(req)}${FLOW_PATH}/callback`,
        scope: 'openid profile email',
        code_challenge: await client.calculatePKCECodeChallenge(flow.verifier),
        code_challenge_method: 'S256',
        state: flow.state,
        nonce: flow.nonce,
      });
      res.cookie(FLOW_COOKIE, seal(flow, authSecret), {
        httpOnly: true,
        sameSite: 'lax',
        secure: config.alwaysSecureCookies || req.secure,
        path: FLOW_PATH,
        maxAge: FLOW_MINUTES * 60_000,
      });
      res.redirect(302, url.href);
    } catch (error) {
      logger.warn({ event: 'sign-in.failed', via: 'oidc', err: error }, 'single sign-on could not start');
      fail(res, 'oidc');
    }
  });

  router.get(`${FLOW_PATH}/callback`, async (req, res) => {
    const cookie = /(?:^|;\s*)thidua_oidc=([^;]+)/.exec(req.headers.cookie ?? '')?.[1];
    const flow = unseal(cookie && decodeURIComponent(cookie), authSecret);
    res.clearCookie(FLOW_COOKIE, { path: FLOW_PATH });
    if (!flow) {
      logger.warn({ event: 'sign-in.failed', via: 'oidc', reason: 'no or expired flow' }, 'single sign-on failed');
      fail(res, 'oidc');
      return;
    }
    try {
      const client = await loadClient();
      const current = new URL(`${base(req)}${req.originalUrl}`);
      const server = await configuration();
      const tokens = await client.authorizationCodeGrant(server, current, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
        expectedNonce: flow.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims()!;
      // Providers put profile claims (and a role claim) in the ID token or only at userinfo: read both.
      const userInfo = await client.fetchUserInfo(server, tokens.access_token, idClaims.sub);
      const claims = { ...userInfo, ...idClaims } as Record<string, unknown>;
      const issuer = oidc.issuer;
      const subject = String(claims.sub);
      let account = await db.getRepository(Account).findOneBy({ oidcIssuer: issuer, oidcSubject: subject });
      if (!account) account = await firstSignIn(db, oidc, issuer, subject, claims, logger);
      if (!account.enabled) {
        logger.warn(
          { event: 'sign-in.failed', via: 'oidc', username: account.username, reason: 'awaiting a role' },
          'single sign-on: the account has no rights yet',
        );
        fail(res, 'pending');
        return;
      }
      const session = await sessions.start(account.id, 'oidc');
      setSessionCookie(res, req, session.secret, config);
      logger.info({ event: 'sign-in', username: account.username, role: account.role, via: 'oidc' }, 'signed in');
      res.redirect(302, flow.next);
    } catch (error) {
      logger.warn({ event: 'sign-in.failed', via: 'oidc', err: error }, 'single sign-on failed');
      fail(res, 'oidc');
    }
  });

  return router;
}

async function firstSignIn(
  db: DataSource,
  oidc: OidcConfig,
  issuer: string,
  subject: string,
  claims: Record<string, unknown>,
  logger: Logger,
): Promise<Account> {
  const mapped = mappedRole(oidc, claims);
  try {
    return await db.transaction(async (tx) => {
      const account = await createAccount(
        tx,
        `oidc:${new URL(issuer).host}`,
        {
          username: await usernameFor(db, claims),
          name: typeof claims.name === 'string' ? claims.name : null,
          role: mapped?.role ?? 'viewer',
          provinceId: mapped?.provinceId ?? null,
          password: null,
          oidc: { issuer, subject },
        },
        '',
      );
      if (!mapped) await tx.getRepository(Account).update({ id: account.id }, { enabled: false });
      account.enabled = Boolean(mapped);
      logger.info(
        {
          event: 'account.created',
          via: 'oidc',
          username: account.username,
          role: account.role,
          province: account.provinceId,
          enabled: account.enabled,
        },
        mapped ? 'account created from the provider’s role claim' : 'account created, awaiting a role from an admin',
      );
      return account;
    });
  } catch (error) {
    // Two first sign-ins at once: the other one made it.
    if (isUniqueViolation(error)) {
      const made = await db.getRepository(Account).findOneBy({ oidcIssuer: issuer, oidcSubject: subject });
      if (made) return made;
    }
    throw error;
  }
}
