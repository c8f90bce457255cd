import type { SessionUser } from '../auth/session';
import { csrfHeaders } from './client';

/*
 * Who the dashboard acts as: the signed-in session (GET /auth/me, kept by
 * auth/session.tsx). The session cookie travels by itself; what a request
 * adds is the CSRF header the gateway asks of every cookie request that
 * changes something (docs/accounts.md).
 */

/** The headers a request to the gateway's own routes (/files, /import) adds: the CSRF header. */
export function authHeaders(): Record<string, string> {
  return { ...csrfHeaders };
}

/** What the dashboard knows of the signed-in person, to offer only what they may do (the API decides). */
export interface Viewer {
  sub: string;
  role: 'admin' | 'ministry' | 'province' | 'viewer';
  province?: string;
}

let signedIn: Viewer | null = null;

/** Called by the SessionProvider whenever GET /auth/me, a sign-in or a sign-out says who is here. */
export function setSessionUser(user: SessionUser | null | undefined): void {
  signedIn = user
    ? {
        sub: user.username,
        role: user.role.toLowerCase() as Viewer['role'],
        ...(user.provinceId ? { province: user.provinceId } : {}),
      }
    : null;
}

/** The signed-in person, or null for an anonymous reader (and while the session is still being asked for). */
export function currentViewer(): Viewer | null {
  return signedIn;
}

/** The Ministry or an admin: acts for any province. */
export const isNational = (viewer: Viewer | null) => viewer?.role === 'ministry' || viewer?.role === 'admin';
