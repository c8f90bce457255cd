import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { forbidden, unauthenticated } from './errors.js';
import { looksLikeNodeCredential, parseNodeCredential, type NodeCredentialClaim } from './node-credential.js';
import { describeValidity, existedIn, type ProvinceRecord } from './reference/provinces.js';

/** The roles of people (and of the scripts and nodes acting for them). */
export const roles = ['admin', 'ministry', 'province', 'viewer'] as const;
export type Role = (typeof roles)[number];

/**
 * The role of one service calling another (awards asking provinces about a
 * season). It is never a person: it may run only the queries named in its
 * token's `scope`, never a mutation, and the gateway refuses it outright.
 */
export const SERVICE_ROLE = 'service';

/**
 * A provincial node sending its exchange stream with its node credential
 * (docs/provincial-nodes.md). It may run mutations only, and every mutation
 * but the exchange receivers refuses it; the receivers check the credential
 * against the node registry before they believe any of its claim.
 */
export const NODE_ROLE = 'node';

/** Who is asking, from a verified token (or, for a node, a credential still to be checked). */
export interface Viewer {
  /** `service:<name>` for a service, `node:<province>/<registration>` for a node; else a person or script. */
  sub: string;
  role: Role | typeof SERVICE_ROLE | typeof NODE_ROLE;
  /** The Province id a `province` officer acts for (for a node: the province its credential claims). */
  province?: string;
  /** For a service: the root fields it may query; nothing else. */
  scope?: string[];
  /** For a node: what its credential claims, unverified until the registry checks it. */
  node?: NodeCredentialClaim;
  /** The gateway account id, when the token stands for a person signed in at the gateway. */
  account?: string;
  /** The public id of that person's gateway session (never the session secret). */
  session?: string;
}

/**
 * How a signed-in account appears in what it writes (recordedBy, actor, castBy):
 * its username and its role at the time, e.g. "vinh-phuc (province)". The
 * gateway puts this in the `sub` of the tokens it mints, so every subgraph
 * records it as it records any token's subject.
 */
export function accountActor(username: string, role: Role): string {
  return `${username} (${role})`;
}

/** Whether the caller is a service rather than a person. */
export function isService(viewer: Viewer | null): boolean {
  return viewer?.role === SERVICE_ROLE;
}

/** Whether the caller presented a node credential (not yet checked against the registry). */
export function isNode(viewer: Viewer | null): boolean {
  return viewer?.role === NODE_ROLE;
}

/** Used when AUTH_SECRET is unset; fine on a laptop, never in a deployment. */
export const DEVELOPMENT_SECRET = 'thidua-development-secret-do-not-deploy';

const issuer = 'thidua';

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** Signs an HS256 token with the claims docs/architecture.md names (sub, role, province). */
export async function signToken(secret: string, viewer: Viewer, expiresIn: string | number = '30d'): Promise<string> {
  const claims: Record<string, unknown> = { role: viewer.role };
  if (viewer.province) claims.province = viewer.province;
  if (viewer.scope) claims.scope = viewer.scope;
  if (viewer.account) claims.account = viewer.account;
  if (viewer.session) claims.session = viewer.session;
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(viewer.sub)
    .setIssuer(issuer)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key(secret));
}

/**
 * A short-lived token for service `name` (sub `service:<name>`) that may query
 * the root fields in `scope` only, e.g. `['_entities']`.
 */
export function signServiceToken(secret: string, name: string, scope: string[], expiresIn = '5m'): Promise<string> {
  return signToken(secret, { sub: `service:${name}`, role: SERVICE_ROLE, scope }, expiresIn);
}

/** Longest a token may live (exp − iat) unless MAX_TOKEN_LIFETIME says otherwise: 30 days. */
export const DEFAULT_MAX_TOKEN_LIFETIME_SECONDS = 30 * 24 * 3600;

/** How far in the future a token's `iat` may be (the signer's clock may run ahead a little). */
export const CLOCK_SKEW_SECONDS = 60;

export interface VerifyOptions {
  /** Accept service tokens (subgraphs do; the public gateway does not). Default false. */
  allowService?: boolean;
  /** Refuse tokens that live longer than this (exp − iat, in seconds). Default 30 days. */
  maxLifetimeSeconds?: number;
  /** The current time, in seconds (tests). */
  now?: number;
}

function days(seconds: number): string {
  const value = seconds / 86400;
  return Number.isInteger(value) ? `${value} days` : `${seconds} seconds`;
}

/**
 * Verifies a token and returns its viewer; any defect is UNAUTHENTICATED.
 * A token must name its subject (`sub`) and expire (`exp`), may not be issued
 * in the future (`iat`, beyond a minute of clock skew), and may not live longer
 * than the configured maximum (MAX_TOKEN_LIFETIME).
 */
export async function verifyToken(secret: string, token: string, options: VerifyOptions = {}): Promise<Viewer> {
  let payload;
  const now = options.now ?? Math.floor(Date.now() / 1000);
  try {
    ({ payload } = await jwtVerify(token, key(secret), {
      algorithms: ['HS256'],
      issuer,
      requiredClaims: ['exp', 'sub'],
      currentDate: new Date(now * 1000),
    }));
  } catch (error) {
    throw unauthenticated(`Authorization rejected: ${rejectionReason(error)}`);
  }
  if (typeof payload.sub !== 'string' || payload.sub.trim() === '') {
    throw unauthenticated('Authorization rejected: the token does not name its subject (sub)');
  }
  if (typeof payload.iat === 'number' && payload.iat > now + CLOCK_SKEW_SECONDS) {
    throw unauthenticated("Authorization rejected: the token was issued in the future (iat); check the signer's clock");
  }
  const maxLifetime = options.maxLifetimeSeconds ?? DEFAULT_MAX_TOKEN_LIFETIME_SECONDS;
  const lifetime = payload.exp! - Math.min(typeof payload.iat === 'number' ? payload.iat : now, now);
  if (lifetime > maxLifetime) {
    throw unauthenticated(
      `Authorization rejected: the token lives ${days(lifetime)}, longer than the ${days(maxLifetime)} allowed (MAX_TOKEN_LIFETIME)`,
    );
  }
  const role = payload.role;
  if (role === SERVICE_ROLE) return verifiedService(payload, options);
  if (typeof role !== 'string' || !(roles as readonly string[]).includes(role)) {
    throw unauthenticated(`Authorization rejected: role ${JSON.stringify(role)} is not one of ${roles.join(', ')}`);
  }
  const province = typeof payload.province === 'string' ? payload.province : undefined;
  if (role === 'province' && !province) {
    throw unauthenticated('Authorization rejected: a province token must name its province');
  }
  // What the cluster records for a node's writes starts with "node:"; no person's token may look like it.
  if (payload.sub.startsWith('service:') || payload.sub.startsWith('node:')) {
    throw unauthenticated(
      'Authorization rejected: "service:" and "node:" subjects are reserved for services and registered nodes',
    );
  }
  const viewer: Viewer = { sub: payload.sub, role: role as Role, province };
  if (typeof payload.account === 'string') viewer.account = payload.account;
  if (typeof payload.session === 'string') viewer.session = payload.session;
  return viewer;
}

function rejectionReason(error: unknown): string {
  if (error instanceof joseErrors.JWTExpired) return 'the token has expired';
  if (error instanceof joseErrors.JWTClaimValidationFailed) {
    if (error.claim === 'exp' && error.reason === 'missing')
      return 'the token has no expiry (exp); every token must expire';
    if (error.claim === 'sub' && error.reason === 'missing') return 'the token does not name its subject (sub)';
  }
  return 'the token is not valid';
}

function verifiedService(payload: Record<string, unknown>, options: VerifyOptions): Viewer {
  if (!options.allowService) {
    throw unauthenticated(
      'Authorization rejected: service tokens are for calls between services, not for this endpoint',
    );
  }
  const { sub, scope } = payload;
  if (typeof sub !== 'string' || !sub.startsWith('service:')) {
    throw unauthenticated('Authorization rejected: a service token must have a "service:<name>" subject');
  }
  if (!Array.isArray(scope) || scope.length === 0 || !scope.every((field) => typeof field === 'string')) {
    throw unauthenticated('Authorization rejected: a service token must name the fields it may read (scope)');
  }
  return { sub, role: SERVICE_ROLE, scope: scope as string[] };
}

/**
 * Reads `Authorization: Bearer …`; no header is an anonymous reader (null).
 * A node credential becomes a `node` viewer whose claim the exchange receivers
 * check against the registry; it can do nothing else (see {@link requireViewer}).
 */
export async function viewerFromHeader(
  secret: string,
  header: string | undefined | null,
  options: VerifyOptions = {},
): Promise<Viewer | null> {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthenticated('Authorization rejected: expected "Bearer <JWT>"');
  if (looksLikeNodeCredential(match[1])) {
    const claim = parseNodeCredential(match[1]);
    if (!claim) throw unauthenticated('Authorization rejected: the node credential is malformed');
    return {
      sub: `node:${claim.provinceId}/${claim.registrationId}`,
      role: NODE_ROLE,
      province: claim.provinceId,
      node: claim,
    };
  }
  return verifyToken(secret, match[1], options);
}

/**
 * A signed-in person (or their script or node), or UNAUTHENTICATED. Every
 * write starts here, so a service identity is FORBIDDEN from every write.
 */
export function requireViewer(viewer: Viewer | null): Viewer & { role: Role } {
  if (!viewer) throw unauthenticated();
  if (viewer.role === SERVICE_ROLE) {
    throw forbidden(`${viewer.sub} is a service identity: it may read what it needs, never change data`);
  }
  if (viewer.role === NODE_ROLE) {
    throw forbidden(
      "A node credential may only send its node's exchange records; sign in as a person for anything else",
    );
  }
  return viewer as Viewer & { role: Role };
}

/** The viewer has one of `allowed` roles, or FORBIDDEN. */
export function requireRole(viewer: Viewer | null, allowed: readonly Role[], action: string): Viewer & { role: Role } {
  const who = requireViewer(viewer);
  if (!allowed.includes(who.role)) {
    throw forbidden(`${action} needs the role ${allowed.join(' or ')}; this token has ${who.role}`);
  }
  return who;
}

/** Whether the viewer may act for any province (the Ministry or an admin). */
export function isNational(viewer: Viewer | null): boolean {
  return viewer?.role === 'admin' || viewer?.role === 'ministry';
}

/** The years a write names, and the reference units to judge a province token by. */
export interface WriteYears {
  /** Every year the write is about (e.g. an observation's year, a commendation's year and period). */
  years: readonly (number | null | undefined)[];
  /** The reference units (`ctx.reference.provinces`). */
  provinces: { get(id: string): Pick<ProvinceRecord, 'validFrom' | 'validUntil'> | undefined };
}

/**
 * Writes of a province's own data: admin and ministry write any province,
 * a province officer only its own. Anything else is FORBIDDEN.
 *
 * Given the years the write names, a province token also has rights only for
 * the years its province existed (docs/architecture.md): a token for a
 * province merged away in 2025 still writes its 2024 data, and none for 2026.
 */
export function requireProvinceWriter(
  viewer: Viewer | null,
  provinceId: string,
  action: string,
  when?: WriteYears,
): Viewer & { role: Role } {
  const who = requireViewer(viewer);
  if (isNational(who)) return who;
  if (who.role === 'province' && who.province === provinceId) {
    requireTokenYears(who, action, when);
    return who;
  }
  if (who.role === 'province') {
    throw forbidden(`${action}: a token for province "${who.province}" cannot write data of "${provinceId}"`);
  }
  throw forbidden(`${action} needs an admin, ministry or province token; this token has ${who.role}`);
}

/**
 * A province token's rights end with its province: for every year `when`
 * names, the token's province must have existed in it, or FORBIDDEN. Tokens
 * of other roles, and unknown provinces (left to the data checks), pass.
 */
export function requireTokenYears(viewer: Viewer, action: string, when?: WriteYears): void {
  if (!when || viewer.role !== 'province' || !viewer.province) return;
  const record = when.provinces.get(viewer.province);
  if (!record) return;
  for (const year of when.years) {
    if (year === null || year === undefined || existedIn(record, year)) continue;
    throw forbidden(
      `${action}: this token is for "${viewer.province}", which has no rights for ${year}: ${describeValidity(record)}`,
    );
  }
}
