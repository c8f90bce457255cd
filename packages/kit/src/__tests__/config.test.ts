import { ConfigError, parseDuration, readAuthConfig, readDatabaseUrl, readFlag, readPort } from '../config.js';
import { readLinkUrls, readSubgraphConfig } from '../standalone.js';

describe('settings are read once and a wrong one says what to set', () => {
  test.each([
    ['PORT=abc', () => readPort({ PORT: 'abc' }, 'PORT', 1), /PORT=abc is not a port number/],
    ['PORT=70000', () => readPort({ PORT: '70000' }, 'PORT', 1), /not a port number/],
    ['SEED_DEMO=maybe', () => readFlag({ SEED_DEMO: 'maybe' }, 'SEED_DEMO', false), /use 1 or 0/],
    ['DATABASE_URL=mysql://x', () => readDatabaseUrl({ DATABASE_URL: 'mysql://x' }), /must start with postgres/],
    ['DATABASE_URL=not a url', () => readDatabaseUrl({ DATABASE_URL: 'not a url' }), /is not a URL/],
    ['AUTH_SECRET too short', () => readAuthConfig({ AUTH_SECRET: 'short' }), /at least 16 characters/],
    ['PROVINCES_URL=ftp://x', () => readLinkUrls({ PROVINCES_URL: 'ftp://x' }, ['provinces']), /http/],
    ['no DATABASE_URL for a subgraph', () => readSubgraphConfig({}, 4001), /DATABASE_URL is not set/],
    ['MAX_TOKEN_LIFETIME=forever', () => readAuthConfig({ MAX_TOKEN_LIFETIME: 'forever' }), /not a duration/],
    ['MAX_TOKEN_LIFETIME=0', () => readAuthConfig({ MAX_TOKEN_LIFETIME: '0' }), /not a duration/],
    ['METRICS_TOKEN too short', () => readAuthConfig({ METRICS_TOKEN: 'abc' }), /at least 16 characters/],
    ['INTROSPECTION=maybe', () => readAuthConfig({ INTROSPECTION: 'maybe' }), /use 1 or 0/],
  ])('%s', (_case, read, message) => {
    expect(read).toThrow(ConfigError);
    expect(read).toThrow(message);
  });

  test('defaults and accepted spellings', () => {
    expect(readPort({}, 'PORT', 4000)).toBe(4000);
    expect(readPort({ PORT: '0' }, 'PORT', 4000)).toBe(0);
    expect(readFlag({ X: 'yes' }, 'X', false)).toBe(true);
    expect(readFlag({ X: 'off' }, 'X', true)).toBe(false);
    expect(readAuthConfig({})).toMatchObject({
      usingDevelopmentSecret: true,
      requireAuth: false,
      maxTokenLifetimeSeconds: 30 * 86400,
      introspection: true,
      suggestions: true,
    });
    expect(readAuthConfig({ MAX_TOKEN_LIFETIME: '12h', INTROSPECTION: '0', SUGGESTIONS: '0' })).toMatchObject({
      maxTokenLifetimeSeconds: 12 * 3600,
      introspection: false,
      suggestions: false,
    });
    expect([parseDuration('7d'), parseDuration('90m'), parseDuration('3600'), parseDuration('1w')]).toEqual([
      7 * 86400,
      5400,
      3600,
      null,
    ]);
    expect(readLinkUrls({}, ['provinces'])).toEqual({ provinces: 'http://localhost:4001/graphql' });
    expect(readLinkUrls({ PROVINCES_URL: 'http://provinces:4001/graphql' }, ['provinces'])).toEqual({
      provinces: 'http://provinces:4001/graphql',
    });
  });
});
