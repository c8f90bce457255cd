import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '@thidua/kit';
import type { GatewayContext } from './context.js';

/**
 * Calls one subgraph: forwards the caller's token and request id, and turns
 * a failed fetch (which names the internal URL) into an error that names the
 * subgraph and hides where it lives.
 */
export class SubgraphSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    readonly name: string,
    url: string,
  ) {
    super({ url });
  }

  override willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): void {
    if (!context || !('authorization' in context)) return;
    if (context.authorization) request.http?.headers.set('authorization', context.authorization);
    request.http?.headers.set('x-request-id', context.requestId);
  }

  override async process(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
  ): ReturnType<RemoteGraphQLDataSource['process']> {
    try {
      return await super.process(options);
    } catch (error) {
      const context = options.context as Partial<GatewayContext> | undefined;
      context?.logger?.warn({ err: error, subgraph: this.name }, 'subgraph request failed');
      throw new GraphQLError(`The ${this.name} service is unavailable; data it provides is missing from this answer`, {
        extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, serviceName: this.name },
      });
    }
  }
}
