export interface SubgraphHealth {
  name: string;
  status: 'ok' | 'unavailable';
  /** On a provincial node: how the subgraph's exchange with the cluster stands (see docs/provincial-nodes.md). */
  exchange?: Record<string, unknown>;
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
    Object.entries(urls).map(async ([name, url]): Promise<SubgraphHealth> => {
      try {
        const response = await fetch(healthUrl(url), { signal: AbortSignal.timeout(timeoutMs) });
        if (!response.ok) return { name, status: 'unavailable' };
        const body = (await response.json().catch(() => null)) as { exchange?: Record<string, unknown> } | null;
        return body?.exchange ? { name, status: 'ok', exchange: body.exchange } : { name, status: 'ok' };
      } catch {
        return { name, status: 'unavailable' };
      }
    }),
  );
}
