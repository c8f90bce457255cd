import {
  GraphQLError,
  isValueNode,
  Kind,
  valueFromASTUntyped,
  type ASTNode,
  type GraphQLFormattedError,
} from 'graphql';
import { literalPath } from './literal-paths.js';

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

/** Characters a message would show as nothing: C1 controls, format and invisible characters, separators. */
const UNSEEN = /[\u0080-\u009F\u00AD\u061C\u180E\u200B-\u200F\u2028-\u202E\u2060-\u206F\uFEFF]/g;

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const json = JSON.stringify(value) ?? String(value);
  // A reader sees "\u200B" where the value has a character that shows nothing.
  return json.replace(UNSEEN, (char) => `\\u${char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
}

function finiteOrName(value: unknown): unknown {
  return typeof value === 'number' && !Number.isFinite(value) ? String(value) : value;
}

/**
 * Bad input: names the field and the value it got, and says what was expected.
 * `field` is a path a client can follow, e.g. `input[2].value`.
 */
export function badInput(field: string, value: unknown, reason: string): GraphQLError {
  return new GraphQLError(`${field}: ${show(value)} ${reason}`, {
    // JSON has no Infinity: a non-finite number is shown as its name.
    extensions: { code: ErrorCode.BAD_USER_INPUT, field, value: finiteOrName(value) ?? null },
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

/**
 * A conflict with what is stored (a duplicate, a race another request won),
 * naming the field and the value that collide, as {@link badInput} does.
 */
export function conflictOn(field: string, value: unknown, reason: string): GraphQLError {
  return new GraphQLError(`${field}: ${show(value)} ${reason}`, {
    extensions: { code: ErrorCode.CONFLICT, field, value: finiteOrName(value) ?? null },
  });
}

const publicCodes = new Set<string>(Object.values(ErrorCode));
publicCodes.add('GRAPHQL_VALIDATION_FAILED');
publicCodes.add('GRAPHQL_PARSE_FAILED');
publicCodes.add('PERSISTED_QUERY_NOT_FOUND');
publicCodes.add('PERSISTED_QUERY_NOT_SUPPORTED');
publicCodes.add('OPERATION_RESOLUTION_FAILURE');
publicCodes.add('BAD_REQUEST');

/**
 * A validation error that is really bad input, as BAD_USER_INPUT naming the
 * argument and the value. Apollo gives every error found while validating the
 * document GRAPHQL_VALIDATION_FAILED: those the input rule or the kit's
 * scalars raised are BAD_USER_INPUT already; one about a literal value
 * (`year: "2019"` for an Int, an enum value that does not exist) is the same
 * mistake as that value in a variable, which graphql-js calls bad input.
 * Errors about the document itself (an unknown field, a variable used where
 * its type does not fit) stay validation errors.
 */
function asUserInput(formatted: GraphQLFormattedError, original: unknown): GraphQLFormattedError | undefined {
  const { originalError, nodes } = (original ?? {}) as { originalError?: unknown; nodes?: readonly ASTNode[] };
  if (originalError instanceof GraphQLError && originalError.extensions?.code === ErrorCode.BAD_USER_INPUT) {
    return { ...formatted, extensions: { ...formatted.extensions, code: ErrorCode.BAD_USER_INPUT } };
  }
  const node = nodes?.[0];
  if (!node || !isValueNode(node) || node.kind === Kind.VARIABLE) return undefined;
  const field = literalPath(node);
  if (field === undefined) return undefined;
  const value = valueFromASTUntyped(node);
  // A number literal too large for a double is shown as written (1e999), not as Infinity.
  const shown = typeof value === 'number' && !Number.isFinite(value) && 'value' in node ? node.value : value;
  return {
    ...formatted,
    message: `${field}: ${formatted.message}`,
    extensions: { code: ErrorCode.BAD_USER_INPUT, field, value: shown ?? null },
  };
}

/**
 * Errors that mean the database could not be reached or dropped the
 * connection (node's socket errors, Postgres' connection-exception class 08,
 * an administrator's or crash shutdown 57P0x, too many connections), as pg
 * and TypeORM report them. A query the database refused for its content is
 * not one of them.
 */
const outageCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  '53300',
  '57P01',
  '57P02',
  '57P03',
]);
const outageMessages =
  /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Connection refused)/i;

/** Whether `error` (or what it wraps) says the database is out of reach. */
export function isDatabaseOutage(error: unknown): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (current && typeof current === 'object' && !seen.has(current)) {
    seen.add(current);
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (outageCodes.has(code) || code.startsWith('08'))) return true;
    if (typeof message === 'string' && outageMessages.test(message)) return true;
    const next = current as {
      originalError?: unknown;
      driverError?: unknown;
      cause?: unknown;
      thrownValue?: unknown;
      errors?: unknown[];
    };
    if (Array.isArray(next.errors) && next.errors.some((e) => isDatabaseOutage(e))) return true;
    // graphql-js wraps what is not an Error of its realm as NonErrorThrown { thrownValue }.
    current = next.originalError ?? next.driverError ?? next.cause ?? next.thrownValue;
  }
  return false;
}

/**
 * Apollo `formatError`: errors we raised on purpose pass through; a database
 * out of reach is SERVICE_UNAVAILABLE naming `service` (nothing was stored:
 * the transaction did not commit); anything else (a bug) becomes
 * INTERNAL_SERVER_ERROR without internals.
 */
export function maskError(
  formatted: GraphQLFormattedError,
  original: unknown,
  onInternal?: (error: unknown) => void,
  service?: string,
): GraphQLFormattedError {
  if (formatted.extensions?.code === 'GRAPHQL_VALIDATION_FAILED')
    formatted = asUserInput(formatted, original) ?? formatted;
  const code = formatted.extensions?.code;
  if (typeof code === 'string' && publicCodes.has(code) && code !== ErrorCode.INTERNAL_SERVER_ERROR) {
    const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
    return { ...formatted, extensions };
  }
  if (service && isDatabaseOutage(original)) {
    return {
      message: `The ${service} service cannot reach its database; nothing was stored. Try again shortly.`,
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: ErrorCode.SERVICE_UNAVAILABLE, serviceName: service },
    };
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
