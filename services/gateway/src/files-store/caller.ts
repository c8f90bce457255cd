import { viewerFromHeader, type AuthConfig, type Viewer } from '@thidua/kit';
import type { Request } from 'express';

/** Who is calling a plain HTTP route, and the credentials to act for them at a subgraph. */
export interface Caller {
  viewer: Viewer | null;
  /** The Authorization header to send to subgraphs on the caller's behalf. */
  authorization: string | undefined;
}

/**
 * The one place the file routes learn who is calling: today a Bearer JWT
 * (a service token is refused, as on /graphql). A sign-in session cookie
 * extends this function and nothing else.
 */
export async function resolveCaller(req: Request, auth: AuthConfig): Promise<Caller> {
  const authorization = req.headers.authorization;
  const viewer = await viewerFromHeader(auth.authSecret, authorization);
  return { viewer, authorization };
}
