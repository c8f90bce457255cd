import type { IncomingMessage, ServerResponse } from 'node:http';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import type { RequestHandler } from 'express';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface GraphQLPostOptions<TContext extends BaseContext> {
  apollo: ApolloServer<TContext>;
  /** The JSON body parser the Express route uses (same limit, charsets, encodings, errors). */
  jsonBody: RequestHandler;
  /** The request's context, as the Express route builds it. */
  context: (req: IncomingMessage) => Promise<TContext>;
  /** Answers a body that could not be read, or a failure outside GraphQL. */
  onError: (error: unknown, req: IncomingMessage, res: ServerResponse) => void;
  /** Everything else: the Express app. */
  otherwise: Handler;
}

const JSON_TYPE = /^application\/json\s*(;|$)/i;

/**
 * The request a gateway sends a subgraph many times a second, `POST /graphql`
 * with a JSON body, served straight from node:http to Apollo Server: the
 * same body parser and the same Apollo request as the Express route, without
 * Express's router, its request and response decoration and `res.send`.
 * Measured on the 2-core machine, that is about 0.07–0.15 ms of CPU per
 * request (docs/operations.md). Any other request (GET, another content type,
 * another path) goes to the Express app unchanged.
 */
export function graphqlPostHandler<TContext extends BaseContext>(options: GraphQLPostOptions<TContext>): Handler {
  const { apollo, jsonBody, context, onError, otherwise } = options;
  const serve = async (req: IncomingMessage, res: ServerResponse) => {
    const headers = new HeaderMap();
    for (const key in req.headers) {
      const value = req.headers[key];
      if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
    }
    const answer = await apollo.executeHTTPGraphQLRequest({
      httpGraphQLRequest: { method: 'POST', headers, search: '', body: (req as { body?: unknown }).body },
      context: () => context(req),
    });
    for (const [key, value] of answer.headers) res.setHeader(key, value);
    res.statusCode = answer.status ?? 200;
    if (answer.body.kind === 'complete') {
      res.end(answer.body.string);
      return;
    }
    for await (const chunk of answer.body.asyncIterator) res.write(chunk);
    res.end();
  };
  return (req, res) => {
    const type = req.headers['content-type'];
    if (req.method !== 'POST' || req.url !== '/graphql' || !type || !JSON_TYPE.test(type)) {
      otherwise(req, res);
      return;
    }
    const fail = (error: unknown) => {
      if (res.headersSent) res.destroy(error instanceof Error ? error : undefined);
      else onError(error, req, res);
    };
    // body-parser reads only the request and sets `req.body`; it never touches the response.
    jsonBody(req as never, res as never, (error?: unknown) => {
      if (error) fail(error);
      else serve(req, res).catch(fail);
    });
  };
}
