import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { setSessionUser } from '../api/auth';
import { csrfHeaders, invalidateAll } from '../api/client';

export type RoleName = 'ADMIN' | 'MINISTRY' | 'PROVINCE' | 'VIEWER';

/** The signed-in account, as GET /auth/me answers it. */
export interface SessionUser {
  id: string;
  username: string;
  name: string | null;
  role: RoleName;
  provinceId: string | null;
  enabled: boolean;
}

/** How people may sign in here (GET /auth/options). */
export interface SignInOptions {
  oidc: { label: string; startPath: string } | null;
}

export type SignInResult = { ok: true } | { ok: false; status: number; retryAfter?: number };

interface Session {
  /** Undefined while the first GET /auth/me is on its way. */
  user: SessionUser | null | undefined;
  options: SignInOptions;
  signIn(username: string, password: string): Promise<SignInResult>;
  signOut(): Promise<void>;
  /** Asks the server again who is signed in (after a 401, or a change of one's own account). */
  refresh(): Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

async function fetchMe(): Promise<SessionUser | null> {
  try {
    const response = await fetch('/auth/me', { headers: { accept: 'application/json' } });
    // Read the body either way: an answer left unread keeps its request open in the browser.
    const body = (await response.json().catch(() => null)) as { user?: SessionUser } | null;
    return response.ok ? (body?.user ?? null) : null;
  } catch {
    return null;
  }
}

/** Who is signed in, for the whole app; sign-in and sign-out refresh every query on screen. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);
  const [options, setOptions] = useState<SignInOptions>({ oidc: null });

  const refresh = useCallback(async () => {
    setUser(await fetchMe());
  }, []);

  useEffect(() => {
    void refresh();
    fetch('/auth/options')
      .then((response) => (response.ok ? response.json() : null))
      .then((body: SignInOptions | null) => body && setOptions({ oidc: body.oidc ?? null }))
      .catch(() => undefined);
  }, [refresh]);

  // The year pages read who is here through api/auth.ts's currentViewer(); App re-renders on every change.
  setSessionUser(user);

  const value = useMemo<Session>(
    () => ({
      user,
      options,
      refresh,
      async signIn(username, password) {
        const response = await fetch('/auth/sign-in', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...csrfHeaders },
          body: JSON.stringify({ username, password }),
        });
        if (!response.ok) {
          const retryAfter = Number(response.headers.get('retry-after')) || undefined;
          return { ok: false, status: response.status, retryAfter };
        }
        setUser(((await response.json()) as { user: SessionUser }).user);
        invalidateAll();
        return { ok: true };
      },
      async signOut() {
        await fetch('/auth/sign-out', { method: 'POST', headers: csrfHeaders }).catch(() => undefined);
        setUser(null);
        invalidateAll();
      },
    }),
    [user, options, refresh],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession needs a SessionProvider above it');
  return session;
}
