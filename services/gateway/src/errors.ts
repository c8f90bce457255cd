import { ApolloServerErrorCode } from '@apollo/server/errors';
import { ErrorCode } from '@thidua/kit';
import { GraphQLError } from 'graphql';

/** Why a subgraph could not answer; said in the log, never in the client's message (it may name hosts). */
export type UnavailableReason = 'unreachable' | 'timeout' | 'circuit-open' | 'server-error' | 'malformed';

/**
 * The one place SERVICE_UNAVAILABLE is made: a subgraph that cannot be
 * reached, did not answer in time, has its circuit open, or answered 5xx.
 * The message names the subgraph and never where it lives.
 */
export function subgraphUnavailable(subgraph: string, reason: UnavailableReason): GraphQLError {
  const why: Record<UnavailableReason, string> = {
    unreachable: 'could not be reached',
    timeout: 'did not answer in time',
    'circuit-open': 'is failing; the gateway stops asking it for a few seconds',
    'server-error': 'answered with a server error',
    malformed: 'answered with something that is not GraphQL',
  };
  return new GraphQLError(
    `The ${subgraph} service is unavailable (it ${why[reason]}); data it provides is missing from this answer`,
    { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, serviceName: subgraph } },
  );
}

/**
 * A subgraph refused the request with a 4xx and no GraphQL errors to pass on
 * (GraphQL errors in a 4xx body reach the client as they are). The HTTP
 * status says what kind of refusal it was.
 */
export function subgraphRefused(subgraph: string, status: number): GraphQLError {
  const code =
    status === 401
      ? ErrorCode.UNAUTHENTICATED
      : status === 403
        ? ErrorCode.FORBIDDEN
        : ApolloServerErrorCode.BAD_REQUEST;
  return new GraphQLError(`The ${subgraph} service refused the request (HTTP ${status})`, {
    extensions: { code, serviceName: subgraph },
  });
}
