import type { Logger } from '@thidua/kit';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { DataSource } from 'typeorm';
import { Account, accountView } from '../accounts/account.entity.js';
import { verifyPassword } from '../accounts/password.js';
import { readCookie, requireSameSite, SESSION_COOKIE, type Caller } from './caller.js';
import type { IdentityConfig } from './config.js';
import type { FailureLimiter } from './rate-limit.js';
import type { SessionStore } from './sessions.js';

export interface AuthRoutesOptions {
  db: DataSource;
  sessions: SessionStore;
  limiter: FailureLimiter;
  config: IdentityConfig;
  logger: Logger;
  trustedOrigins: string[];
  resolveCaller: (req: Request) => Promise<Caller | null>;
  /** The single sign-on provider's button, when OIDC is configured. */
  oidc?: { label: string; startPath: string };
}

/** The one answer to every failed sign-in, whether the username exists or not. */
export const SIGN_IN_FAILED = 'Unknown username or wrong password';

/** Sets the session cookie: HttpOnly, SameSite=Lax, Secure over HTTPS. */
export function setSessionCookie(res: Response, req: Request, secret: string, config: IdentityConfig): void {
  res.cookie(SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.alwaysSecureCookies || req.secure,
    path: '/',
  });
}

function clearSessionCookie(res: Response, req: Request, config: IdentityConfig): void {
  res.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'lax',
    secure: config.alwaysSecureCookies || req.secure,
    path: '/',
  });
}

/** Answers an error raised with an HTTP status (see resolveCaller) as JSON, without internals. */
function sendError(res: Response, error: unknown, logger: Logger): void {
  const status = (error as { extensions?: { http?: { status?: number } } }).extensions?.http?.status;
  if (status) {
    res.status(status).json({ error: (error as Error).message });
    return;
  }
  logger.error({ err: error }, 'auth endpoint failed');
  res.status(500).json({ error: 'Internal server error' });
}

const wrap =
  (logger: Logger, handler: (req: Request, res: Response) => Promise<void>) =>
  (req: Request, res: Response, _next: NextFunction) =>
    handler(req, res).catch((error) => sendError(res, error, logger));

/**
 * POST /auth/sign-in, POST /auth/sign-out, GET /auth/me and GET /auth/options.
 * Nothing here logs or answers a password, a hash or a session secret.
 */
export function authRoutes(options: AuthRoutesOptions): express.Router {
  const { db, sessions, limiter, config, logger } = options;
  const router = express.Router();
  router.use('/auth', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });

  router.post(
    '/auth/sign-in',
    express.json({ limit: '16kb' }),
    wrap(logger, async (req, res) => {
      if (!req.is('application/json')) {
        res.status(415).json({ error: 'Send JSON: {"username": "…", "password": "…"}' });
        return;
      }
      const origin = req.headers.origin;
      if (origin && origin !== `${req.protocol}://${req.get('host')}` && !options.trustedOrigins.includes(origin)) {
        res.status(403).json({ error: 'Cross-site sign-in refused' });
        return;
      }
      const { username, password } = (req.body ?? {}) as { username?: unknown; password?: unknown };
      if (typeof username !== 'string' || typeof password !== 'string' || !username.trim() || !password) {
        res.status(400).json({ error: 'username and password are required' });
        return;
      }
      const name = username.trim().toLowerCase().slice(0, 100);
      const client = req.ip ?? 'unknown';
      const wait = Math.max(limiter.retryAfter(`user:${name}`), limiter.retryAfter(`client:${client}`));
      if (wait > 0) {
        logger.warn({ event: 'sign-in.throttled', username: name, client, retryAfter: wait }, 'sign-in throttled');
        res
          .status(429)
          .setHeader('Retry-After', String(wait))
          .json({ error: `Too many failed sign-ins: try again in ${wait} seconds`, retryAfter: wait });
        return;
      }
      const account = await db
        .getRepository(Account)
        .createQueryBuilder('a')
        .addSelect('a.passwordHash')
        .where('a.username = :name', { name })
        .getOne();
      // Always one scrypt, also for an unknown user, so the answer's timing does not tell them apart.
      const matches = await verifyPassword(password.slice(0, 1000), account?.passwordHash);
      if (!account || !matches || !account.enabled) {
        limiter.fail(`user:${name}`);
        limiter.fail(`client:${client}`);
        const reason = !account ? 'unknown username' : !matches ? 'wrong password' : 'account disabled';
        logger.warn({ event: 'sign-in.failed', username: name, client, reason }, 'sign-in failed');
        res.status(401).json({ error: SIGN_IN_FAILED });
        return;
      }
      limiter.clear(`user:${name}`);
      const previous = readCookie(req, SESSION_COOKIE);
      if (previous) await sessions.end(previous);
      const session = await sessions.start(account.id, 'password');
      setSessionCookie(res, req, session.secret, config);
      logger.info(
        { event: 'sign-in', username: account.username, role: account.role, client, via: 'password' },
        'signed in',
      );
      res.json({ user: accountView(account) });
    }),
  );

  router.post(
    '/auth/sign-out',
    wrap(logger, async (req, res) => {
      const secret = readCookie(req, SESSION_COOKIE);
      if (secret) {
        requireSameSite(req, options.trustedOrigins);
        const live = await sessions.find(secret);
        await sessions.end(secret);
        if (live) logger.info({ event: 'sign-out', username: live.account.username }, 'signed out');
      }
      clearSessionCookie(res, req, config);
      res.status(204).end();
    }),
  );

  router.get(
    '/auth/me',
    wrap(logger, async (req, res) => {
      const caller = await options.resolveCaller(req);
      if (!caller?.account) {
        res.status(401).json({ error: 'Not signed in' });
        return;
      }
      res.json({ user: accountView(caller.account) });
    }),
  );

  router.get('/auth/options', (_req, res) => {
    res.json({ password: true, oidc: options.oidc ?? null });
  });

  return router;
}
