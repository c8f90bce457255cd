import { SignJWT, jwtVerify, errors as joseErrors } from 'jose';
import { forbidden, unauthenticated } from './errors.js';

/** The roles of people (and of the scripts and nodes acting for them). */
export const roles = ['admin', 'ministry', 'province', 'viewer'] as const;
export type Role = (typeof roles)[number];

/**
 * The role of one service calling another (awards asking provinces about a
 * season). It is never a person: it may run only the queries named in its
 * token's `scope`, never a mutation, and the gateway refuses it outright.
 */
export const SERVICE_ROLE = 'service';

/** Who is asking, from a verified token. */
export interface Viewer {
  /** `service:<name>` for a service; anything else is a person, script or node. */
  sub: string;
  role: Role | typeof SERVICE_ROLE;
  /** The Province id a `province` officer acts for. */
  province?: string;
  /** For a service: the root fields it may query; nothing else. */
  scope?: string[];
}

/** Whether the caller is a service rather than a person. */
export function isService(viewer: Viewer | null): boolean {
  return viewer?.role === SERVICE_ROLE;
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

export interface VerifyOptions {
  /** Accept service tokens (subgraphs do; the public gateway does not). Default false. */
  allowService?: boolean;
}

/** Verifies a token and returns its viewer; any defect is UNAUTHENTICATED. */
export async function verifyToken(secret: string, token: string, options: VerifyOptions = {}): Promise<Viewer> {
  let payload;
  try {
    ({ payload } = await jwtVerify(token, key(secret), { algorithms: ['HS256'], issuer }));
  } catch (error) {
    const reason = error instanceof joseErrors.JWTExpired ? 'the token has expired' : 'the token is not valid';
    throw unauthenticated(`Authorization rejected: ${reason}`);
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
  if (typeof payload.sub === 'string' && payload.sub.startsWith('service:')) {
    throw unauthenticated('Authorization rejected: a "service:" subject is reserved for service tokens');
  }
  return { sub: payload.sub ?? 'anonymous', role: role as Role, province };
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

/** Reads `Authorization: Bearer …`; no header is an anonymous reader (null). */
export async function viewerFromHeader(
  secret: string,
  header: string | undefined | null,
  options: VerifyOptions = {},
): Promise<Viewer | null> {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw unauthenticated('Authorization rejected: expected "Bearer <JWT>"');
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

/**
 * Writes of a province's own data: admin and ministry write any province,
 * a province officer only its own. Anything else is FORBIDDEN.
 */
export function requireProvinceWriter(
  viewer: Viewer | null,
  provinceId: string,
  action: string,
): Viewer & { role: Role } {
  const who = requireViewer(viewer);
  if (isNational(who)) return who;
  if (who.role === 'province' && who.province === provinceId) return who;
  if (who.role === 'province') {
    throw forbidden(`${action}: a token for province "${who.province}" cannot write data of "${provinceId}"`);
  }
  throw forbidden(`${action} needs an admin, ministry or province token; this token has ${who.role}`);
}
