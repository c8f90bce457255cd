import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { GatewayContext } from './context.js';
import { subgraphRefused, subgraphUnavailable } from './errors.js';
import type { WriteEpoch } from './write-epoch.js';
import { SubgraphFailure, type SubgraphClient, type SubgraphReply } from './subgraph-fetch.js';

type GatewayGraphQLResponse = Awaited<ReturnType<GraphQLDataSource['process']>>;

/**
 * Calls one subgraph for the query planner: forwards the caller's token and
 * request id, merges identical in-flight reads, and says what went wrong in
 * the client's terms:
 * - unreachable, timed out, circuit open or 5xx: SERVICE_UNAVAILABLE naming the subgraph;
 * - a 4xx with GraphQL errors: those errors, code and message as the subgraph gave them;
 * - any other 4xx: UNAUTHENTICATED, FORBIDDEN or BAD_REQUEST by status.
 *
 * A fetch is merged with an identical one in flight only when the client's
 * operation is a query, the caller's Authorization is the same, and no write
 * through this gateway began or ended since that fetch started (the write
 * epoch is in the key), so a read after a write never gets an answer fetched
 * before it. Merging is not caching: every caller gets an answer the
 * subgraph produced while its own request was in flight or just before, and
 * each parses its own copy.
 */
export class SubgraphSource implements GraphQLDataSource<GatewayContext> {
  constructor(
    readonly name: string,
    private readonly client: SubgraphClient,
    private readonly epoch: WriteEpoch,
  ) {}

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    const context = options.context as Partial<GatewayContext> | undefined;
    const body = JSON.stringify({
      query: request.query,
      variables: request.variables,
      operationName: request.operationName,
    });
    const headers: Record<string, string> = {};
    if (context?.authorization) headers.authorization = context.authorization;
    if (context?.requestId) headers['x-request-id'] = context.requestId;
    const isQuery =
      'incomingRequestContext' in options && options.incomingRequestContext.operation?.operation === 'query';
    const mergeKey = isQuery ? `${this.epoch.value}\n${context?.authorization ?? ''}\n${body}` : undefined;
    let reply: SubgraphReply;
    try {
      reply = await this.client.send(body, headers, mergeKey);
    } catch (error) {
      if (!(error instanceof SubgraphFailure)) throw error;
      context?.logger?.warn({ err: error.cause, subgraph: this.name, reason: error.reason }, 'subgraph unavailable');
      throw subgraphUnavailable(this.name, error.reason);
    }
    return interpretReply(this.name, reply, (reason) =>
      context?.logger?.warn({ subgraph: this.name, status: reply.status, body: reply.text.slice(0, 300) }, reason),
    );
  }
}

/**
 * What a subgraph's HTTP answer means for the client: its GraphQL response,
 * or the error to report instead (thrown). `warn` hears why, for the log.
 */
export function interpretReply(
  subgraph: string,
  reply: SubgraphReply,
  warn: (reason: string) => void = () => undefined,
): GatewayGraphQLResponse {
  if (reply.status >= 500) {
    warn('subgraph answered with a server error');
    throw subgraphUnavailable(subgraph, 'server-error');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(reply.text);
  } catch {
    parsed = undefined;
  }
  const isResponse = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  const response = parsed as GatewayGraphQLResponse;
  if (reply.status >= 400) {
    if (isResponse && Array.isArray(response.errors) && response.errors.length > 0) return response;
    warn('subgraph refused the request');
    throw subgraphRefused(subgraph, reply.status);
  }
  if (!isResponse) {
    warn('subgraph answered something that is not GraphQL');
    throw subgraphUnavailable(subgraph, 'malformed');
  }
  return response;
}
