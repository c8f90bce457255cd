import type { Logger, Viewer } from '@thidua/kit';

export interface GatewayContext {
  viewer: Viewer | null;
  /** The caller's Authorization header, forwarded to subgraphs. */
  authorization: string | undefined;
  requestId: string;
  logger: Logger;
}
