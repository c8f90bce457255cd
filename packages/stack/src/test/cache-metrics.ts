/** The gateway's response-cache counter for one outcome, read from its /metrics. */
export async function responseCacheCount(baseUrl: string, outcome: 'hit' | 'miss' | 'bypass'): Promise<number> {
  const text = await (await fetch(`${baseUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`thidua_gateway_response_cache_total{outcome="${outcome}"} `));
  return line ? Number(line.split(' ')[1]) : 0;
}
