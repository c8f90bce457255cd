import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { forbidden, unauthenticated } from './errors.js';
import { describeValidity, ProvinceRegistry } from './provinces.js';

export const roles = ['admin', 'ministry', 'province', 'viewer'] as const;
export type Role = (typeof roles)[number];

/** Who is asking, from a verified token. */
export interface Viewer {
  sub: string;
  role: Role;
  /** The Province id a `province` officer acts for. */
  province?: string;
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

/** Used when AUTH_SECRET is unset; fine on a laptop, never in a deployment. */
export const DEVELOPMENT_SECRET = 'thidua-development-secret-do-not-deploy';

const issuer = 'thidua';

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** Signs an HS256 token with the claims DESIGN.md names. */
export async function signToken(secret: string, viewer: Viewer, expiresIn: string | number = '30d'): Promise<string> {
  if (!viewer.sub) throw new Error('signToken: a token must name its subject (sub)');
  const claims: Record<string, unknown> = { role: viewer.role };
  if (viewer.province) claims.province = viewer.province;
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

/** Verifies a token and returns its viewer; any defect is UNAUTHENTICATED. */
export async function verifyToken(secret: string, token: string): Promise<Viewer> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, key(secret), { algorithms: ['HS256'], issuer }));
  } catch (error) {
    const reason = error instanceof joseErrors.JWTExpired ? 'the token has expired' : 'the token is not valid';
    throw unauthenticated(`Authorization rejected: ${reason}`);
  }
  const role = payload.role;
  if (typeof role !== 'string' || !(roles as readonly string[]).includes(role)) {
    throw unauthenticated(`Authorization rejected: role ${JSON.stringify(role)} is not one of ${roles.join(', ')}`);
  }
  const province = typeof payload.province === 'string' ? payload.province : undefined;
  if (role === 'province' && !province) {
    throw unauthenticated('Authorization rejected: a province token must name its province');
  }
  // Every write records who made it: a token that names nobody is refused rather than recorded as "anonymous".
  if (typeof payload.sub !== 'string' || payload.sub.trim() === '') {
    throw unauthenticated('Authorization rejected: the token names no subject (sub)');
  }
  const viewer: Viewer = { sub: payload.sub, role: role as Role, province };
  if (typeof payload.account === 'string') viewer.account = payload.account;
  if (typeof payload.session === 'string') viewer.session = payload.session;
  return viewer;
}

/** Reads `Authorization: Bearer …`; no header is an anonymous reader (null). */
export async function viewerFromHeader(secret: string, header: string | undefined | null): Promise<Viewer | null> {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthenticated('Authorization rejected: expected "Bearer <JWT>"');
  return verifyToken(secret, match[1]);
}

/** A signed-in viewer, or UNAUTHENTICATED. */
export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticated();
  return viewer;
}

/** The viewer has one of `allowed` roles, or FORBIDDEN. */
export function requireRole(viewer: Viewer | null, allowed: readonly Role[], action: string): Viewer {
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

let registry: ProvinceRegistry | undefined;

/**
 * A province officer acts for its province in the years the province existed:
 * an account of a unit merged away in 2025 keeps its rights for 2025 and
 * earlier, and has none for later years. FORBIDDEN otherwise.
 */
export function requireProvinceYear(who: Viewer, year: number, action: string): void {
  if (who.role !== 'province' || !who.province) return;
  registry ??= new ProvinceRegistry();
  const record = registry.get(who.province);
  if (record && !registry.existedIn(who.province, year)) {
    throw forbidden(
      `${action}: the account of "${who.province}" acts for the years that province existed ` +
        `(${describeValidity(record)}); ${year} is not one of them`,
    );
  }
}

/**
 * Writes of a province's own data: admin and ministry write any province,
 * a province officer only its own and, when the write names a `year`, only
 * for a year its province existed ({@link requireProvinceYear}). Anything
 * else is FORBIDDEN.
 */
export function requireProvinceWriter(
  viewer: Viewer | null,
  provinceId: string,
  action: string,
  year?: number,
): Viewer {
  const who = requireViewer(viewer);
  if (isNational(who)) return who;
  if (who.role === 'province' && who.province === provinceId) {
    if (year !== undefined) requireProvinceYear(who, year, action);
    return who;
  }
  if (who.role === 'province') {
    throw forbidden(`${action}: a token for province "${who.province}" cannot write data of "${provinceId}"`);
  }
  throw forbidden(`${action} needs an admin, ministry or province token; this token has ${who.role}`);
}
