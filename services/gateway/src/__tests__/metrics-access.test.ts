import type { AuthConfig } from '@thidua/kit';
import { metricsAccess } from '../metrics.js';

const base: AuthConfig = { authSecret: 'gateway-unit-secret-0123', requireAuth: false, usingDevelopmentSecret: false };
const scrapeToken = 'scrape-token-0123456789abcdef';

describe('who may read /metrics', () => {
  const table: [string, AuthConfig, string | undefined, 'ok' | RegExp][] = [
    ['open server, no METRICS_TOKEN: anyone', base, undefined, 'ok'],
    ['REQUIRE_AUTH=1, no METRICS_TOKEN: nobody', { ...base, requireAuth: true }, undefined, /set METRICS_TOKEN/],
    [
      'REQUIRE_AUTH=1, no METRICS_TOKEN, even with a bearer',
      { ...base, requireAuth: true },
      `Bearer ${scrapeToken}`,
      /set METRICS_TOKEN/,
    ],
    ['METRICS_TOKEN set: the scraper with it', { ...base, metricsToken: scrapeToken }, `Bearer ${scrapeToken}`, 'ok'],
    ['METRICS_TOKEN set: no header', { ...base, metricsToken: scrapeToken }, undefined, /Bearer <METRICS_TOKEN>/],
    [
      'METRICS_TOKEN set: a wrong token',
      { ...base, metricsToken: scrapeToken },
      'Bearer scrape-token-0123456789abcdeX',
      /Bearer <METRICS_TOKEN>/,
    ],
    [
      'METRICS_TOKEN with REQUIRE_AUTH=1: the scraper with it',
      { ...base, requireAuth: true, metricsToken: scrapeToken },
      `Bearer ${scrapeToken}`,
      'ok',
    ],
  ];
  test.each(table)('%s', (_rule, auth, header, expected) => {
    const access = metricsAccess(auth, header);
    if (expected === 'ok') expect(access).toBe('ok');
    else expect(access).toMatch(expected);
  });
});
