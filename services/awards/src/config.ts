import { ConfigError, readAuthConfig, type AuthConfig } from '@thidua/kit';

type Env = Record<string, string | undefined>;

/** What awards needs beyond the common subgraph settings. */
export interface AwardsConfig {
  /** The provinces subgraph's GraphQL endpoint, for checking season members and heads. */
  provincesUrl: string;
  auth: AuthConfig;
}

/** Reads PROVINCES_URL (default the local provinces port) and the auth settings, once. */
export function readAwardsConfig(env: Env): AwardsConfig {
  const raw = env.PROVINCES_URL || 'http://localhost:4001/graphql';
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`PROVINCES_URL=${raw} is not a URL; expected e.g. http://provinces:4001/graphql`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`PROVINCES_URL must start with http:// or https://, got ${url.protocol}//`);
  }
  return { provincesUrl: raw, auth: readAuthConfig(env) };
}
