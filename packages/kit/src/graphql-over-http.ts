import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ErrorCode } from './errors.js';
import { inputGuard, type InputGuardOptions } from './input-guard.js';
import type { Logger } from './logger.js';

/*
 * The HTTP side of GraphQL over HTTP (https://graphql.github.io/graphql-over-http/):
 * which status a GraphQL error answers with, and JSON errors for requests
 * that never reach GraphQL (a body that is not JSON, too large, in an unknown
 * charset or encoding), the same in every NODE_ENV.
 */

export const APPLICATION_JSON = 'application/json';
export const GRAPHQL_RESPONSE_JSON = 'application/graphql-response+json';

interface Range {
  type: string;
  subtype: string;
  q: number;
  order: number;
}

function parseAccept(accept: string): Range[] {
  return accept.split(',').map((part, order) => {
    const [range = '', ...params] = part.split(';');
    const [type = '', subtype = ''] = range.trim().toLowerCase().split('/');
    const qParam = params.map((p) => p.trim().split('=')).find(([key]) => key?.toLowerCase() === 'q');
    const q = qParam ? Number(qParam[1]) : 1;
    return { type, subtype, q: Number.isFinite(q) ? q : 0, order };
  });
}

/**
 * The media type a response to this Accept header uses: the JSON type the
 * client ranks highest, `application/json` on a tie, a missing header or
 * `*\/*`; undefined when the client accepts neither.
 */
export function responseMediaType(accept: string | undefined): string | undefined {
  if (!accept?.trim()) return APPLICATION_JSON;
  const ranges = parseAccept(accept);
  const ranked = [APPLICATION_JSON, GRAPHQL_RESPONSE_JSON].map((offer, index) => {
    const [type, subtype] = offer.split('/');
    const specificity = (r: Range) =>
      r.type === type && r.subtype === subtype ? 2 : r.type === type && r.subtype === '*' ? 1 : 0;
    const matching = ranges
      .filter((r) => (r.type === type || r.type === '*') && (r.subtype === subtype || r.subtype === '*'))
      .sort((a, b) => specificity(b) - specificity(a) || a.order - b.order);
    const best = matching[0];
    return { offer, index, q: best?.q ?? 0, order: best?.order ?? Infinity };
  });
  const [first] = ranked.filter((r) => r.q > 0).sort((a, b) => b.q - a.q || a.order - b.order || a.index - b.index);
  return first?.offer;
}

/** Errors of a request that could not run: the document or the variables are wrong. */
const requestErrorCodes = new Set<string>([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'OPERATION_RESOLUTION_FAILURE',
  ErrorCode.BAD_USER_INPUT,
]);

/**
 * The status of a request that could not run follows the response's media
 * type, as the GraphQL-over-HTTP spec asks: 400 in
 * `application/graphql-response+json`, 200 in `application/json` (which
 * legacy clients read errors from whatever the status). Apollo Server answers
 * 400 for both; this plugin sets the legacy case to 200 and the content type
 * to match.
 */
export function graphqlOverHttpPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ request, response }) {
          if (response.http.status !== 400 || response.body.kind !== 'single') return;
          const { errors, data } = response.body.singleResult;
          if (data !== undefined || !errors?.length) return;
          if (!errors.every((error) => requestErrorCodes.has(String(error.extensions?.code)))) return;
          if (responseMediaType(request.http?.headers.get('accept')) !== APPLICATION_JSON) return;
          response.http.status = 200;
          response.http.headers.set('content-type', `${APPLICATION_JSON}; charset=utf-8`);
        },
      };
    },
  };
}

/** What a client is told for each way a request body can fail, by body-parser's error type. */
const bodyErrors: Record<string, string> = {
  'entity.parse.failed': 'The request body is not valid JSON',
  'entity.too.large': 'The request body is larger than this server reads',
  'entity.verify.failed': 'The request body could not be verified',
  'charset.unsupported': 'The request body is in a charset this server does not read: send UTF-8',
  'encoding.unsupported':
    'The request body has a Content-Encoding this server does not read: send gzip, deflate, br or none',
  'request.aborted': 'The request was aborted before its body arrived',
  'request.size.invalid': 'The request body is shorter or longer than its Content-Length',
};

function sendError(res: ServerResponse, accept: string | undefined, status: number, message: string, code: string) {
  const type = responseMediaType(accept) ?? APPLICATION_JSON;
  res.statusCode = status;
  res.setHeader('content-type', `${type}; charset=utf-8`);
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/**
 * Express's last error handler: a request that fails before GraphQL gets a
 * GraphQL-over-HTTP JSON error with its 4xx status and never an HTML page,
 * a stack trace or a file path, whatever NODE_ENV says. Anything that is not
 * the client's fault is logged and answers a bare 500.
 */
export function jsonErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    answerRequestError(logger, error, req, res);
  };
}

/** What {@link jsonErrorHandler} answers, for a request served without Express (see graphql-post.ts). */
export function answerRequestError(logger: Logger, error: unknown, req: IncomingMessage, res: ServerResponse): void {
  const { status, statusCode, type, code, limit } = (error ?? {}) as Record<string, unknown>;
  const httpStatus = Number(status ?? statusCode);
  if (httpStatus >= 400 && httpStatus < 500) {
    // A body that does not inflate is zlib's own error (Z_DATA_ERROR…), passed on by body-parser as a 400.
    const message =
      type === 'entity.too.large' && typeof limit === 'number'
        ? `The request body is larger than the ${limit} bytes this server reads`
        : (bodyErrors[String(type)] ??
          (String(code).startsWith('Z_') ? 'The request body does not decompress' : STATUS_CODES[httpStatus]));
    const errorCode = httpStatus === 404 ? ErrorCode.NOT_FOUND : 'BAD_REQUEST';
    sendError(res, req.headers.accept, httpStatus, message ?? 'Bad request', errorCode);
    return;
  }
  logger.error({ err: error }, 'request failed outside GraphQL');
  sendError(res, req.headers.accept, 500, 'Internal server error', ErrorCode.INTERNAL_SERVER_ERROR);
}

/** A JSON 404 for paths this server does not serve, in place of Express's HTML page. */
export function jsonNotFound(): RequestHandler {
  return (req, res) => {
    sendError(res, req.headers.accept, 404, `Nothing is served at ${req.method} ${req.path}`, ErrorCode.NOT_FOUND);
  };
}

/** Most tokens a client's document may have: parsing stops there with a syntax error (HTTP 400), before any work. */
export const MAX_TOKENS = 5000;

/**
 * A subgraph's token limit: looser than the gateway's, because the query plan
 * adds to what a client wrote (`__typename`, entity fetches), and a subgraph
 * must never refuse what the gateway let through.
 */
export const SUBGRAPH_MAX_TOKENS = 4 * MAX_TOKENS;

export interface RequestPolicyOptions extends InputGuardOptions {
  /** Default {@link MAX_TOKENS}. */
  maxTokens?: number;
}

/**
 * What every thidua ApolloServer runs requests with: the token limit, the
 * input guard, and statuses by media type. Spread into the server's options.
 */
export function requestPolicy<TContext extends BaseContext>(options: RequestPolicyOptions = {}) {
  const guard = inputGuard<TContext>(options);
  return {
    parseOptions: { maxTokens: options.maxTokens ?? MAX_TOKENS },
    validationRules: guard.validationRules,
    plugins: [...guard.plugins, graphqlOverHttpPlugin<TContext>()],
  };
}
