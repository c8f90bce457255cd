import { ConfigError, readFlag } from '@thidua/kit';

type Env = Record<string, string | undefined>;

/** Single sign-on through an OpenID Connect provider (optional). */
export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Shown on the button: "Đăng nhập bằng <label>". */
  label: string;
  /**
   * A claim that names a role for first-time users, e.g. `thidua_role`; its
   * value must be admin, ministry, province or viewer, and a province role
   * needs the province id in `provinceClaim`. Unset: no rights until an
   * admin assigns a role.
   */
  roleClaim?: string;
  provinceClaim?: string;
}

export interface IdentityConfig {
  /** A session ends after this long without a request (SESSION_IDLE_MINUTES, default 480 = 8 h). */
  sessionIdleMinutes: number;
  /** …and this long after sign-in whatever happens (SESSION_MAX_HOURS, default 168 = 7 days). */
  sessionMaxHours: number;
  /** Failed sign-ins per username and per client within the window before 429 (default 5). */
  signInMaxFailures: number;
  signInWindowSeconds: number;
  /** Cookies get `Secure` when the request came over HTTPS; COOKIE_SECURE=1 forces it always. */
  alwaysSecureCookies: boolean;
  /** Express's `trust proxy` (TRUST_PROXY), so the client address and HTTPS come from a reverse proxy. */
  trustProxy?: string;
  /**
   * The address people open (PUBLIC_URL, e.g. https://thidua.example.gov.vn): its origin may send cookie
   * requests, and single sign-on returns there. Unset: each request's own origin.
   */
  publicUrl?: string;
  oidc?: OidcConfig;
}

export const defaultIdentityConfig: IdentityConfig = {
  sessionIdleMinutes: 8 * 60,
  sessionMaxHours: 7 * 24,
  signInMaxFailures: 5,
  signInWindowSeconds: 60,
  alwaysSecureCookies: false,
};

function positive(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new ConfigError(`${name}=${raw} must be a positive whole number`);
  return value;
}

function readOidc(env: Env): OidcConfig | undefined {
  const issuer = env.OIDC_ISSUER;
  const clientId = env.OIDC_CLIENT_ID;
  const clientSecret = env.OIDC_CLIENT_SECRET;
  if (!issuer && !clientId && !clientSecret) return undefined;
  if (!issuer || !clientId || !clientSecret) {
    throw new ConfigError('single sign-on needs all three of OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET');
  }
  try {
    new URL(issuer);
  } catch {
    throw new ConfigError(`OIDC_ISSUER=${issuer} is not a URL`);
  }
  return {
    issuer,
    clientId,
    clientSecret,
    label: env.OIDC_LABEL || new URL(issuer).host,
    roleClaim: env.OIDC_ROLE_CLAIM || undefined,
    provinceClaim: env.OIDC_PROVINCE_CLAIM || undefined,
  };
}

function readPublicUrl(env: Env): string | undefined {
  const raw = env.PUBLIC_URL;
  if (!raw) return undefined;
  try {
    return new URL(raw).toString().replace(/\/$/, '');
  } catch {
    throw new ConfigError(`PUBLIC_URL=${raw} is not a URL (e.g. https://thidua.example.gov.vn)`);
  }
}

/** Reads the sign-in settings once; see .env.example. */
export function readIdentityConfig(env: Env): IdentityConfig {
  return {
    sessionIdleMinutes: positive(env, 'SESSION_IDLE_MINUTES', defaultIdentityConfig.sessionIdleMinutes),
    sessionMaxHours: positive(env, 'SESSION_MAX_HOURS', defaultIdentityConfig.sessionMaxHours),
    signInMaxFailures: positive(env, 'SIGN_IN_MAX_FAILURES', defaultIdentityConfig.signInMaxFailures),
    signInWindowSeconds: positive(env, 'SIGN_IN_WINDOW_SECONDS', defaultIdentityConfig.signInWindowSeconds),
    alwaysSecureCookies: readFlag(env, 'COOKIE_SECURE', false),
    trustProxy: env.TRUST_PROXY || undefined,
    publicUrl: readPublicUrl(env),
    oidc: readOidc(env),
  };
}
