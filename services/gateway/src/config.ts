import path from 'node:path';
import { defaultOperationLimits, defaultPorts, readAuthConfig, readPort, type AuthConfig } from '@thidua/kit';

type Env = Record<string, string | undefined>;

export const subgraphNames = ['provinces', 'awards', 'metrics'] as const;
export type SubgraphName = (typeof subgraphNames)[number];

export interface QueryLimits {
  /** Deepest selection nesting allowed. */
  maxDepth: number;
  /**
   * Largest estimated cost (graphql-armor: a scalar 1, an object 2 plus 1.5 ×
   * its selections, so nesting costs more the deeper it goes).
   */
  maxCost: number;
  maxAliases: number;
  /** How often one field may appear on one path (see limits.ts). */
  maxFieldRepeats: number;
  /** Largest estimated response, in values (see limits.ts). */
  maxResponseSize: number;
}

export interface GatewayConfig {
  port: number;
  host: string;
  auth: AuthConfig;
  /** Subgraph GraphQL endpoints; default the committed supergraph's URLs. */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  limits: QueryLimits;
  /** DASHBOARD_DIR: serve a dashboard build from here instead of @thidua/dashboard's. */
  dashboardDir?: string;
  /** FILES_DIR (default DATA_DIR/files, DATA_DIR default ./.data) and FILES_MAX_BYTES (default 20 MB). */
  files: { dir: string; maxBytes: number };
  /** IMPORT_MAX_BYTES: the largest file /import accepts. */
  importMaxBytes?: number;
}

function readLimit(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name}=${raw} must be a positive whole number`);
  return value;
}

export const defaultLimits: QueryLimits = {
  maxDepth: 12,
  maxCost: 5_000,
  maxAliases: 30,
  maxFieldRepeats: defaultOperationLimits.maxFieldRepeats,
  maxResponseSize: defaultOperationLimits.maxResponseSize,
};

/** 20 MB per uploaded file unless FILES_MAX_BYTES says otherwise: a scanned compact fits, a video does not. */
export const defaultMaxFileBytes = 20 * 1024 * 1024;

/** Where uploaded files are kept: FILES_DIR, else DATA_DIR/files (DATA_DIR default ./.data). */
export function readFilesConfig(env: Env, projectDir = process.cwd()): { dir: string; maxBytes: number } {
  const dataDir = env.DATA_DIR || path.join(projectDir, '.data');
  return {
    dir: path.resolve(env.FILES_DIR || path.join(dataDir, 'files')),
    maxBytes: readLimit(env, 'FILES_MAX_BYTES', defaultMaxFileBytes),
  };
}

/** Reads PORT, HOST, AUTH_SECRET, REQUIRE_AUTH, <NAME>_URL, the query limits, the file store and IMPORT_MAX_BYTES once. */
export function readGatewayConfig(env: Env): GatewayConfig {
  const subgraphUrls: Partial<Record<SubgraphName, string>> = {};
  for (const name of subgraphNames) {
    const url = env[`${name.toUpperCase()}_URL`];
    if (url) subgraphUrls[name] = url;
  }
  return {
    port: readPort(env, 'PORT', defaultPorts.gateway),
    host: env.HOST || '0.0.0.0',
    auth: readAuthConfig(env),
    subgraphUrls,
    dashboardDir: env.DASHBOARD_DIR || undefined,
    files: readFilesConfig(env),
    importMaxBytes: env.IMPORT_MAX_BYTES ? readLimit(env, 'IMPORT_MAX_BYTES', 0) : undefined,
    limits: {
      maxDepth: readLimit(env, 'MAX_QUERY_DEPTH', defaultLimits.maxDepth),
      maxCost: readLimit(env, 'MAX_QUERY_COST', defaultLimits.maxCost),
      maxAliases: readLimit(env, 'MAX_QUERY_ALIASES', defaultLimits.maxAliases),
      maxFieldRepeats: readLimit(env, 'MAX_FIELD_REPEATS', defaultLimits.maxFieldRepeats),
      maxResponseSize: readLimit(env, 'MAX_RESPONSE_SIZE', defaultLimits.maxResponseSize),
    },
  };
}
