import type { ApolloServerOptionsWithGateway, BaseContext as ApolloContext } from '@apollo/server';
import { printSubgraphSchema } from '@apollo/subgraph';
import {
  execute,
  GraphQLError,
  Kind,
  locatedError,
  visit,
  BREAK,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

/*
 * Runs a subgraph's operations as JavaScript compiled once per operation
 * (graphql-jit) instead of graphql-js's interpreter, which makes a closure and
 * often a promise per field. The answer is graphql-js's: same data, same
 * errors (messages, locations, paths, extensions), so Apollo Server's error
 * handling after execution (BAD_USER_INPUT for variables, formatError, masking)
 * sees what it always saw. What graphql-jit does not do, graphql-js still does.
 */

/** One operation to run, as Apollo Server hands it over after parsing and validation. */
export interface OperationToRun {
  document: DocumentNode;
  /** The operation Apollo Server resolved from the document, if any. */
  operation?: OperationDefinitionNode | null;
  /** The name the request asked for (undefined or null when the document holds one operation). */
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
  contextValue: unknown;
  rootValue?: unknown;
}

export type OperationExecutor = (request: OperationToRun) => ExecutionResult | Promise<ExecutionResult>;

/** graphql-js runs it: an operation graphql-jit cannot compile, or one it should not (introspection, subscriptions). */
const interpreted = Symbol('thidua.interpreted');
type Plan = CompiledQuery | typeof interpreted;

export interface CompiledExecutorOptions {
  /** Told once per operation that graphql-js runs instead, with why. */
  onFallback?: (reason: string, operationName: string | undefined) => void;
}

/**
 * An executor for `schema` that compiles each operation on first use. Compiled
 * queries are kept per parsed document (a WeakMap: Apollo Server's document
 * store, an LRU, decides how long a document lives) and operation name.
 */
export function compiledExecutor(schema: GraphQLSchema, options: CompiledExecutorOptions = {}): OperationExecutor {
  const plans = new WeakMap<DocumentNode, Map<string, Plan>>();

  function planFor(request: OperationToRun): Plan {
    let byName = plans.get(request.document);
    if (!byName) plans.set(request.document, (byName = new Map()));
    const key = request.operationName ?? '';
    let plan = byName.get(key);
    if (!plan) {
      plan = compile(schema, request, options);
      byName.set(key, plan);
    }
    return plan;
  }

  function interpret(request: OperationToRun): ExecutionResult | Promise<ExecutionResult> {
    return execute({
      schema,
      document: request.document,
      rootValue: request.rootValue,
      contextValue: request.contextValue,
      variableValues: request.variables,
      operationName: request.operationName,
    });
  }

  return (request) => {
    const plan = planFor(request);
    if (plan === interpreted) return interpret(request);
    const result = plan.query(request.rootValue, request.contextValue, request.variables ?? {});
    const finish = (outcome: ExecutionResult): ExecutionResult | Promise<ExecutionResult> =>
      // No data at all: the variables were refused before anything ran. graphql-js
      // words those errors (and Apollo Server recognises them as BAD_USER_INPUT).
      'data' in outcome ? withGraphQLErrors(outcome) : interpret(request);
    return isPromise(result) ? result.then(finish) : finish(result);
  };
}

function compile(schema: GraphQLSchema, request: OperationToRun, options: CompiledExecutorOptions): Plan {
  const name = request.operationName ?? undefined;
  const fallback = (reason: string): Plan => {
    options.onFallback?.(reason, name);
    return interpreted;
  };
  const operation = request.operation;
  if (!operation) return fallback('no operation to run');
  if (operation.operation === 'subscription') return fallback('a subscription');
  if (asksForIntrospection(request.document)) return fallback('an introspection query');
  try {
    const compiled = compileQuery(schema, request.document, name);
    if (isCompiledQuery(compiled)) return compiled;
    return fallback(compiled.errors?.map((error) => error.message).join('; ') ?? 'not compiled');
  } catch (error) {
    return fallback(error instanceof Error ? error.message : String(error));
  }
}

/** `__schema` or `__type` anywhere (a fragment may hold them): graphql-js answers introspection as it always did. */
function asksForIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    [Kind.FIELD](node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * graphql-jit's errors are its own objects (GraphQLError's prototype, none of
 * its fields set by its constructor, no extensions when the error had none).
 * Each becomes the GraphQLError graphql-js would have made: what a resolver
 * threw goes through graphql-js's own `locatedError` (its message, extensions
 * and nodes; a value that is not an Error kept as graphql-js keeps it), at the
 * field's locations and path; graphql-jit's own errors (a null where the schema
 * promises none, a value a scalar cannot serialize) keep their message.
 */
function withGraphQLErrors(result: ExecutionResult): ExecutionResult {
  if (!result.errors?.length) return result;
  return { ...result, errors: result.errors.map(asGraphQLError) };
}

function asGraphQLError(error: GraphQLError): GraphQLError {
  const original = error.originalError as unknown;
  const rebuilt =
    original == null
      ? new GraphQLError(error.message, { path: error.path })
      : locatedError(original, undefined, error.path);
  if (rebuilt === original || rebuilt.locations) return rebuilt;
  Object.defineProperty(rebuilt, 'locations', { value: error.locations, enumerable: error.locations !== undefined });
  return rebuilt;
}

function isPromise<T>(value: T | Promise<T>): value is Promise<T> {
  return typeof (value as Promise<T> | undefined)?.then === 'function';
}

/**
 * Apollo Server runs a plain schema with graphql-js and takes no executor for
 * it; a gateway is its one way to take one. This "gateway" serves the
 * subgraph's own schema, once, and executes with {@link compiledExecutor}.
 * Everything before and after execution (parsing, validation, plugins, error
 * formatting) is Apollo Server's as for a schema.
 */
export function compiledSchemaGateway<TContext extends ApolloContext>(
  schema: GraphQLSchema,
  options: CompiledExecutorOptions = {},
): ApolloServerOptionsWithGateway<TContext>['gateway'] {
  const run = compiledExecutor(schema, options);
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: printSubgraphSchema(schema) });
      return () => undefined;
    },
    async load() {
      return {
        schema,
        executor: async (context) =>
          run({
            document: context.document,
            operation: context.operation,
            operationName: context.request.operationName,
            variables: context.request.variables,
            contextValue: context.context,
          }),
      };
    },
    async stop() {},
  };
}
