import { DEVELOPMENT_SECRET } from './auth.js';

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

export interface AuthConfig {
  /** HS256 secret shared by the gateway and the subgraphs. */
  authSecret: string;
  /** Reads need a token too (REQUIRE_AUTH=1). */
  requireAuth: boolean;
  /** True when AUTH_SECRET was not set and the development secret is in use. */
  usingDevelopmentSecret: boolean;
}

/** AUTH_SECRET and REQUIRE_AUTH; refuses a short secret. */
export function readAuthConfig(env: Env): AuthConfig {
  const secret = env.AUTH_SECRET;
  if (secret !== undefined && secret !== '' && secret.length < 16) {
    throw new ConfigError('AUTH_SECRET must be at least 16 characters long');
  }
  return {
    authSecret: secret || DEVELOPMENT_SECRET,
    requireAuth: readFlag(env, 'REQUIRE_AUTH', false),
    usingDevelopmentSecret: !secret,
  };
}
