import type { Logger, Viewer } from '@thidua/kit';

export interface GatewayContext {
  viewer: Viewer | null;
  /** The caller's Authorization header, forwarded to subgraphs. */
  authorization: string | undefined;
  requestId: string;
  logger: Logger;
  /** Set when this request's answer may be cached: its key, the write epoch it started in, and the verdict. */
  cache?: { key: string; epoch: number; storable?: boolean };
  /** A mutation of this request has begun and not yet answered (see response-cache.ts). */
  writing?: boolean;
}
