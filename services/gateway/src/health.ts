export interface SubgraphHealth {
  name: string;
  status: 'ok' | 'unavailable';
}

/** The subgraph's health URL beside its GraphQL endpoint. */
export function healthUrl(graphqlUrl: string): string {
  const url = new URL(graphqlUrl);
  url.pathname = url.pathname.replace(/\/graphql\/?$/, '') + '/health';
  return url.toString();
}

/** Asks every subgraph's /health, each within `timeoutMs`. */
export async function checkSubgraphs(urls: Record<string, string>, timeoutMs = 2000): Promise<SubgraphHealth[]> {
  return Promise.all(
    Object.entries(urls).map(async ([name, url]) => {
      try {
        const response = await fetch(healthUrl(url), { signal: AbortSignal.timeout(timeoutMs) });
        return { name, status: response.ok ? 'ok' : 'unavailable' } as const;
      } catch {
        return { name, status: 'unavailable' } as const;
      }
    }),
  );
}
