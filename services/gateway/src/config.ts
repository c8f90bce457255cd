import path from 'node:path';
import {
  ConfigError,
  defaultOperationLimits,
  defaultPorts,
  readAuthConfig,
  readPort,
  type AuthConfig,
} from '@thidua/kit';

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

/** How the gateway calls subgraphs and keeps answers (docs/operations.md, Performance). */
export interface CallSettings {
  /** SUBGRAPH_TIMEOUT_MS: a subgraph call that takes longer is abandoned; that subgraph's data is missing. */
  subgraphTimeoutMs: number;
  /** SUBGRAPH_BREAKER_FAILURES: consecutive failures that open a subgraph's circuit. */
  breakerFailures: number;
  /** SUBGRAPH_BREAKER_RESET_MS: how long an open circuit answers at once before it probes again. */
  breakerResetMs: number;
  /** RESPONSE_CACHE_TTL_MS: how long a query's answer may be served from memory; 0 turns the cache off. */
  responseCacheTtlMs: number;
  /** RESPONSE_CACHE_MAX_MB: the memory the cached answers may take. */
  responseCacheMaxMb: number;
}

export const defaultCallSettings: CallSettings = {
  subgraphTimeoutMs: 10_000,
  breakerFailures: 3,
  breakerResetMs: 5_000,
  responseCacheTtlMs: 10_000,
  responseCacheMaxMb: 64,
};

export interface GatewayConfig {
  port: number;
  host: string;
  auth: AuthConfig;
  /** Subgraph GraphQL endpoints; default the committed supergraph's URLs. */
  subgraphUrls: Partial<Record<SubgraphName, string>>;
  limits: QueryLimits;
  calls: CallSettings;
  /** DASHBOARD_DIR: serve a dashboard build from here instead of @thidua/dashboard's. */
  dashboardDir?: string;
  /** FILES_DIR (default DATA_DIR/files, DATA_DIR default ./.data) and FILES_MAX_BYTES (default 20 MB). */
  files: { dir: string; maxBytes: number };
  /** IMPORT_MAX_BYTES: the largest file /import accepts. */
  importMaxBytes?: number;
}

function readLimit(env: Env, name: string, fallback: number, minimum = 1): number {
  const raw = env[name];
  if (!raw) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < minimum) {
    throw new ConfigError(
      `${name}=${raw} must be ${minimum === 0 ? 'a whole number, 0 or more' : 'a positive whole number'}`,
    );
  }
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

/** Reads PORT, HOST, AUTH_SECRET, REQUIRE_AUTH, <NAME>_URL, the query limits, the call settings, the file store and IMPORT_MAX_BYTES once. */
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
    calls: {
      subgraphTimeoutMs: readLimit(env, 'SUBGRAPH_TIMEOUT_MS', defaultCallSettings.subgraphTimeoutMs),
      breakerFailures: readLimit(env, 'SUBGRAPH_BREAKER_FAILURES', defaultCallSettings.breakerFailures),
      breakerResetMs: readLimit(env, 'SUBGRAPH_BREAKER_RESET_MS', defaultCallSettings.breakerResetMs),
      responseCacheTtlMs: readLimit(env, 'RESPONSE_CACHE_TTL_MS', defaultCallSettings.responseCacheTtlMs, 0),
      responseCacheMaxMb: readLimit(env, 'RESPONSE_CACHE_MAX_MB', defaultCallSettings.responseCacheMaxMb, 0),
    },
  };
}
