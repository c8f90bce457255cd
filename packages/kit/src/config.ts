import { DEFAULT_MAX_TOKEN_LIFETIME_SECONDS, DEVELOPMENT_SECRET, type VerifyOptions } from './auth.js';

/** Thrown at start-up when the environment is wrong; the message says what to set. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

type Env = Record<string, string | undefined>;

/** A TCP port from `name`, or `fallback`; 0 asks the OS for a free one. */
export function readPort(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`${name}=${raw} is not a port number (0 to 65535)`);
  }
  return port;
}

/** A boolean flag: 1/true/yes or 0/false/no. */
export function readFlag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === '') return fallback;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new ConfigError(`${name}=${env[name]} is not a flag: use 1 or 0`);
}

/** A Postgres URL, checked for shape (the connection is tried later). */
export function readDatabaseUrl(env: Env, name = 'DATABASE_URL'): string | undefined {
  const raw = env[name];
  if (!raw) return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} is not a URL; expected postgres://user:password@host:5432/postgres`);
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new ConfigError(`${name} must start with postgres://, got ${url.protocol}//`);
  }
  return raw;
}

const durationUnits: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** A duration such as `30d`, `12h`, `90m`, `45s` or plain seconds, in seconds; null when it is none. */
export function parseDuration(raw: string): number | null {
  const match = /^(\d+)\s*([smhd]?)$/.exec(raw.trim());
  if (!match) return null;
  const seconds = Number(match[1]) * durationUnits[match[2] || 's'];
  return seconds > 0 ? seconds : null;
}

/** A positive duration from `name` (see {@link parseDuration}), in seconds, or `fallback`. */
export function readDuration(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const seconds = parseDuration(raw);
  if (seconds === null) throw new ConfigError(`${name}=${raw} is not a duration: use e.g. 30d, 12h, 90m or seconds`);
  return seconds;
}

/**
 * Who may do what, and what a deployment shows of itself. The optional fields
 * have safe defaults, so a literal with the first three stays valid.
 */
export interface AuthConfig {
  /** HS256 secret shared by the gateway and the subgraphs. */
  authSecret: string;
  /** Reads need a token too (REQUIRE_AUTH=1). */
  requireAuth: boolean;
  /** True when AUTH_SECRET was not set and the development secret is in use. */
  usingDevelopmentSecret: boolean;
  /** MAX_TOKEN_LIFETIME: tokens that live longer (exp − iat) are refused. Default 30 days. */
  maxTokenLifetimeSeconds?: number;
  /**
   * METRICS_TOKEN: when set, the gateway's /metrics needs `Authorization: Bearer <it>`.
   * Unset, /metrics is open unless REQUIRE_AUTH=1, which closes it.
   */
  metricsToken?: string;
  /** INTROSPECTION=0: the schema cannot be introspected (GraphiQL then has no schema). Default on. */
  introspection?: boolean;
  /** SUGGESTIONS=0: validation errors do not suggest field or type names. Default on. */
  suggestions?: boolean;
}

/** AUTH_SECRET, REQUIRE_AUTH, MAX_TOKEN_LIFETIME, METRICS_TOKEN, INTROSPECTION, SUGGESTIONS; refuses a short secret. */
export function readAuthConfig(env: Env): AuthConfig {
  const secret = env.AUTH_SECRET;
  if (secret !== undefined && secret !== '' && secret.length < 16) {
    throw new ConfigError('AUTH_SECRET must be at least 16 characters long');
  }
  const metricsToken = env.METRICS_TOKEN || undefined;
  if (metricsToken !== undefined && metricsToken.length < 16) {
    throw new ConfigError('METRICS_TOKEN must be at least 16 characters long, e.g. openssl rand -hex 24');
  }
  return {
    authSecret: secret || DEVELOPMENT_SECRET,
    requireAuth: readFlag(env, 'REQUIRE_AUTH', false),
    usingDevelopmentSecret: !secret,
    maxTokenLifetimeSeconds: readDuration(env, 'MAX_TOKEN_LIFETIME', DEFAULT_MAX_TOKEN_LIFETIME_SECONDS),
    metricsToken,
    introspection: readFlag(env, 'INTROSPECTION', true),
    suggestions: readFlag(env, 'SUGGESTIONS', true),
  };
}

/** The token rules of `auth`, for {@link verifyToken} and {@link viewerFromHeader}. */
export function tokenRules(auth: AuthConfig): VerifyOptions {
  return { maxLifetimeSeconds: auth.maxTokenLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS };
}
