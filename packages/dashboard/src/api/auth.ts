/*
 * Who the dashboard acts as. Until the sign-in pages land, a token kept in
 * this browser (localStorage "thidua.token") is sent as a Bearer header; a
 * sign-in session cookie travels by itself, so the sign-in work replaces
 * these two functions and nothing else.
 */
const tokenKey = 'thidua.token';

/** The headers that say who is asking; none for an anonymous reader. */
export function authHeaders(): Record<string, string> {
  try {
    const token = localStorage.getItem(tokenKey);
    return token ? { authorization: `Bearer ${token}` } : {};
  } catch {
    return {};
  }
}

/** What the dashboard knows of the signed-in person, to offer only what they may do (the API decides). */
export interface Viewer {
  sub: string;
  role: 'admin' | 'ministry' | 'province' | 'viewer';
  province?: string;
}

/** The signed-in person from the token's claims (not verified here: the gateway does), or null. */
export function currentViewer(): Viewer | null {
  try {
    const token = localStorage.getItem(tokenKey);
    const payload = token?.split('.')[1];
    if (!payload) return null;
    const json = decodeURIComponent(
      atob(payload.replace(/-/g, '+').replace(/_/g, '/'))
        .split('')
        .map((c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`)
        .join(''),
    );
    const claims = JSON.parse(json) as { sub?: string; role?: string; province?: string; exp?: number };
    if (!claims.sub || !claims.role || (claims.exp && claims.exp * 1000 < Date.now())) return null;
    return { sub: claims.sub, role: claims.role as Viewer['role'], province: claims.province };
  } catch {
    return null;
  }
}

/** The Ministry or an admin: acts for any province. */
export const isNational = (viewer: Viewer | null) => viewer?.role === 'ministry' || viewer?.role === 'admin';
