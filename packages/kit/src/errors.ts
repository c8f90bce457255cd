import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/** The error codes clients can rely on, in `extensions.code`. */
export enum ErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  NOT_FOUND = 'NOT_FOUND',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  CONFLICT = 'CONFLICT',
  SERVICE_UNAVAILABLE = 'SERVICE_UNAVAILABLE',
  /** A write touches a season whose results are locked (the emulation year's record). */
  SEASON_LOCKED = 'SEASON_LOCKED',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  return JSON.stringify(value) ?? String(value);
}

/**
 * Bad input: names the field and the value it got, and says what was expected.
 * `field` is a path a client can follow, e.g. `input[2].value`.
 */
export function badInput(field: string, value: unknown, reason: string): GraphQLError {
  return new GraphQLError(`${field}: ${show(value)} ${reason}`, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, field, value: value ?? null },
  });
}

export function notFound(what: string, id: unknown): GraphQLError {
  return new GraphQLError(`${what} ${show(id)} does not exist`, {
    extensions: { code: ErrorCode.NOT_FOUND, id: id ?? null },
  });
}

export function unauthenticated(
  message = 'This operation needs a token: send Authorization: Bearer <JWT>',
): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.UNAUTHENTICATED } });
}

export function forbidden(message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.FORBIDDEN } });
}

/** `details` adds machine-readable facts to the extensions, e.g. what a step still needs. */
export function conflict(message: string, details: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { ...details, code: ErrorCode.CONFLICT } });
}

const publicCodes = new Set<string>(Object.values(ErrorCode));
publicCodes.add('GRAPHQL_VALIDATION_FAILED');
publicCodes.add('GRAPHQL_PARSE_FAILED');
publicCodes.add('PERSISTED_QUERY_NOT_FOUND');
publicCodes.add('PERSISTED_QUERY_NOT_SUPPORTED');
publicCodes.add('OPERATION_RESOLUTION_FAILURE');
publicCodes.add('BAD_REQUEST');

/**
 * Apollo `formatError`: errors we raised on purpose pass through; anything else
 * (a driver error, a bug) becomes INTERNAL_SERVER_ERROR without internals.
 */
export function maskError(
  formatted: GraphQLFormattedError,
  original: unknown,
  onInternal?: (error: unknown) => void,
): GraphQLFormattedError {
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && publicCodes.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  onInternal?.(original);
  return {
    message: 'Internal server error',
    locations: formatted.locations,
    path: formatted.path,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  };
}

/**
 * A service this answer depends on did not answer. The one constructor of
 * SERVICE_UNAVAILABLE: `service` is named, its address never is.
 */
export function serviceUnavailable(service: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, serviceName: service } });
}

/** A locked season, as a SEASON_LOCKED error names it. */
export interface SeasonLock {
  clusterId: string;
  year: number;
  lockedBy: string;
  lockedAt: Date | string;
}

/**
 * The one constructor of SEASON_LOCKED: `what` was refused because it would
 * change the record of a locked season. Names the season, who locked it and when.
 */
export function seasonLocked(lock: SeasonLock, what: string): GraphQLError {
  const lockedAt = typeof lock.lockedAt === 'string' ? lock.lockedAt : lock.lockedAt.toISOString();
  return new GraphQLError(
    `${what} is refused: the season ${lock.clusterId} ${lock.year} was locked by ${lock.lockedBy} at ${lockedAt}; ` +
      'its results are the record. Only the Ministry can reopen it (reopenSeason, with a reason)',
    {
      extensions: {
        code: ErrorCode.SEASON_LOCKED,
        clusterId: lock.clusterId,
        year: lock.year,
        lockedBy: lock.lockedBy,
        lockedAt,
      },
    },
  );
}

/**
 * Removes GraphQL's "Did you mean …?" hints from an error (SUGGESTIONS=0), so
 * a deployment that hides its schema does not spell it out in errors.
 */
export function stripSuggestions(formatted: GraphQLFormattedError): GraphQLFormattedError {
  const message = formatted.message.replace(/\s*Did you mean [^?]*\?\s*$/, '');
  return message === formatted.message ? formatted : { ...formatted, message };
}
