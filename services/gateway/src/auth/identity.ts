import { runSubgraph, type AuthConfig, type Logger, type RunningSubgraph } from '@thidua/kit';
import type express from 'express';
import { demoAccountsNotice, FIRST_ADMIN_HINT, hasAdmin } from '../accounts/seed.js';
import { accountsSubgraph } from '../accounts/subgraph.js';
import { callerResolver, provideCallerResolver } from './caller.js';
import { oidcRoutes } from './oidc.js';
import { defaultIdentityConfig, type IdentityConfig } from './config.js';
import { FailureLimiter } from './rate-limit.js';
import { authRoutes } from './routes.js';
import { SessionStore } from './sessions.js';

/** Where the gateway keeps accounts, and how sign-in behaves. */
export interface AccountsOptions {
  /** A Postgres server URL; accounts live in `database` on it. */
  databaseUrl: string;
  /** Default `thidua_gateway`. */
  database?: string;
  /** Create the demo accounts on a first start (SEED_DEMO). */
  demo?: boolean;
  config?: Partial<IdentityConfig>;
}

export interface Identity {
  /** The accounts subgraph's GraphQL endpoint, on a loopback port. */
  url: string;
  /** Lines for the start banner (e.g. how to create the first admin). */
  notices: string[];
  /** Adds the auth endpoints and makes resolveCaller work on `app`. */
  mount(app: express.Express): void;
  stop(): Promise<void>;
}

/**
 * The gateway's identity: accounts, sessions and API tokens in its own
 * database, the accounts subgraph on 127.0.0.1 (port picked at start), and
 * the /auth endpoints.
 */
export async function startIdentity(
  options: AccountsOptions & { auth: AuthConfig; logger: Logger },
): Promise<Identity> {
  const config: IdentityConfig = { ...defaultIdentityConfig, ...options.config };
  const logger = options.logger.child({ component: 'identity' });
  const accounts: RunningSubgraph = await runSubgraph(accountsSubgraph, {
    databaseUrl: options.databaseUrl,
    database: options.database ?? 'thidua_gateway',
    port: 0,
    host: '127.0.0.1',
    auth: options.auth,
    logger: options.logger,
    demo: options.demo,
  });
  const db = accounts.dataSource;
  const notices: string[] = [];
  const demo = options.demo ? await demoAccountsNotice(db) : null;
  if (demo) notices.push(demo);
  if (!(await hasAdmin(db))) {
    logger.warn(FIRST_ADMIN_HINT);
    notices.push(FIRST_ADMIN_HINT);
  }
  const sessions = new SessionStore(db, config.sessionIdleMinutes, config.sessionMaxHours);
  const limiter = new FailureLimiter(config.signInMaxFailures, config.signInWindowSeconds * 1000);
  const trustedOrigins = config.publicUrl ? [new URL(config.publicUrl).origin] : [];
  const resolveCaller = callerResolver({ db, sessions, auth: options.auth, trustedOrigins });
  return {
    url: accounts.url,
    notices,
    mount(app) {
      if (config.trustProxy !== undefined) app.set('trust proxy', trustProxySetting(config.trustProxy));
      provideCallerResolver(app.locals, resolveCaller);
      const oidc = config.oidc;
      const sso = oidc ? { label: oidc.label, startPath: '/auth/oidc/start' } : undefined;
      app.use(authRoutes({ db, sessions, limiter, config, logger, trustedOrigins, resolveCaller, oidc: sso }));
      if (oidc) {
        app.use(oidcRoutes({ config: { ...config, oidc }, db, sessions, authSecret: options.auth.authSecret, logger }));
      }
    },
    stop: () => accounts.stop(),
  };
}

/** TRUST_PROXY as Express takes it: a hop count, true/false, or addresses and subnets. */
function trustProxySetting(raw: string): boolean | number | string {
  if (raw === 'true') return true;
  if (raw === 'false') return false;
  return /^\d+$/.test(raw) ? Number(raw) : raw;
}
