import { ErrorCode } from '@thidua/kit';
import { GraphQLError } from 'graphql';

/** A service this answer depends on did not answer; `service` is named, never its address. */
export function serviceUnavailable(service: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, serviceName: service } });
}
