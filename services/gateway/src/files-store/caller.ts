import type { Viewer } from '@thidua/kit';
import type { Request } from 'express';
import { resolveCaller as resolveGatewayCaller } from '../auth/caller.js';

/** Who is calling a plain HTTP route, and the credentials to act for them at a subgraph. */
export interface Caller {
  viewer: Viewer | null;
  /** The Authorization header to send to subgraphs on the caller's behalf. */
  authorization: string | undefined;
}

/**
 * Who calls the file routes: the gateway's one answer (auth/caller.ts), a
 * Bearer JWT or API token, else the session cookie (an upload with it needs
 * the CSRF header), else anonymous.
 */
export async function resolveCaller(req: Request): Promise<Caller> {
  const caller = await resolveGatewayCaller(req);
  return { viewer: caller?.viewer ?? null, authorization: caller?.authorization };
}
