import type { Logger, Viewer } from '@thidua/kit';

export interface GatewayContext {
  viewer: Viewer | null;
  /** The caller's Authorization header, forwarded to subgraphs. */
  authorization: string | undefined;
  requestId: string;
  logger: Logger;
  /** The client sent `Cache-Control: no-cache`: no fetch merged with one already in flight. */
  fresh?: boolean;
  /** A mutation of this request has begun and not yet answered (see write-epoch.ts). */
  writing?: boolean;
}
