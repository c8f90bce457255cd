import { randomUUID } from 'node:crypto';
import type { ApolloServer } from '@apollo/server';
import type { Request } from 'express';
import type { GraphQLFormattedError } from 'graphql';
import { unauthenticated, type AuthConfig, type Logger, type Viewer } from '@thidua/kit';
import { resolveCaller } from '../auth/caller.js';
import type { GatewayContext } from '../context.js';

/** A file route's answer when it cannot do what was asked: an HTTP status and a message. */
export class HttpFailure extends Error {
  override name = 'HttpFailure';
  constructor(
    readonly status: number,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

const statusOfCode: Record<string, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  GRAPHQL_VALIDATION_FAILED: 400,
  CONFLICT: 409,
  SERVICE_UNAVAILABLE: 503,
};

/** The most telling HTTP status for a set of GraphQL errors. */
function statusOf(errors: readonly GraphQLFormattedError[]): number {
  for (const code of ['UNAUTHENTICATED', 'FORBIDDEN', 'SERVICE_UNAVAILABLE', 'BAD_USER_INPUT', 'NOT_FOUND']) {
    if (errors.some((e) => e.extensions?.code === code)) return statusOfCode[code];
  }
  const code = errors[0]?.extensions?.code;
  return (typeof code === 'string' && statusOfCode[code]) || 500;
}

/**
 * The gateway's own public API, as the file routes use it: each operation
 * runs through the same Apollo server, validation rules and subgraphs as a
 * request to /graphql, with the caller's credentials, so rights, checks and
 * history stay where they are. In-process, so a file of many thousand rows
 * is not held to the JSON body limit of /graphql.
 */
export class GatewayApi {
  constructor(
    private readonly apollo: ApolloServer<GatewayContext>,
    private readonly auth: AuthConfig,
    private readonly logger: Logger,
  ) {}

  /** The context /graphql would build for this caller (see gateway.ts). */
  private async contextFor(req: Request): Promise<GatewayContext> {
    // As on /graphql: a Bearer JWT or API token, else the session cookie (a POST with it needs the CSRF header).
    const caller = await resolveCaller(req).catch((error: Error & { extensions?: { http?: { status?: number } } }) => {
      throw new HttpFailure(error.extensions?.http?.status ?? 401, error.message);
    });
    const viewer = caller?.viewer ?? null;
    const authorization = caller?.authorization;
    if (this.auth.requireAuth && !viewer) throw new HttpFailure(401, unauthenticated().message);
    const requestId = (req.headers['x-request-id'] as string | undefined) ?? randomUUID();
    return { viewer, authorization, requestId, logger: this.logger.child({ requestId }) };
  }

  /** Who the caller is (null: anonymous), as the API will see it. */
  async viewer(req: Request): Promise<Viewer | null> {
    return (await this.contextFor(req)).viewer;
  }

  /** Runs one operation for the caller; any error fails it with the matching HTTP status. */
  async run<TData>(req: Request, query: string, variables: Record<string, unknown> = {}): Promise<TData> {
    const response = await this.apollo.executeOperation(
      { query, variables },
      { contextValue: await this.contextFor(req) },
    );
    if (response.body.kind !== 'single') throw new HttpFailure(500, 'unexpected incremental answer');
    const { data, errors } = response.body.singleResult;
    if (errors?.length) {
      throw new HttpFailure(statusOf(errors), errors.map((e) => e.message).join('; '), { errors });
    }
    return data as TData;
  }
}
