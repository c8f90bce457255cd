import type { ApolloServerPlugin, BaseContext as ApolloContext } from '@apollo/server';
import {
  defaultFieldResolver,
  getNullableType,
  isListType,
  isObjectType,
  Kind,
  type FragmentDefinitionNode,
  type GraphQLError,
  type GraphQLSchema,
} from 'graphql';
import { checkOperation, refused, type OperationLimits } from './query-limits.js';

function responseTooLarge(max: number): GraphQLError {
  return refused(
    `Response refused: it grew past ${max.toLocaleString('en')} values while it was built. Ask for less at once.`,
    'maxResponseSize',
    max + 1,
    max,
  );
}

/** What one request has built so far, kept in its context under {@link responseCount}. */
interface ResponseCount {
  values: number;
  max: number;
  tooLarge: boolean;
}

const responseCount = Symbol('thidua.responseCount');
const counting = Symbol('thidua.countingResolvers');

function add(count: ResponseCount, n: number): void {
  count.values += n;
  if (count.values > count.max) count.tooLarge = true;
}

/**
 * Wraps every field resolver of the schema, once: while a request counts
 * (its context holds a {@link ResponseCount}), each field resolved counts one
 * value and each list its items. This is what Apollo Server's `willResolveField`
 * hook would do, without its per-field closures and promise bookkeeping: only
 * a list field waits for its promise to count the items.
 */
function countResolvedValues(schema: GraphQLSchema): void {
  const marked = schema as GraphQLSchema & { [counting]?: true };
  if (marked[counting]) return;
  marked[counting] = true;
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve ?? defaultFieldResolver;
      const isList = isListType(getNullableType(field.type));
      field.resolve = (source, args, context, info) => {
        const count = (context as { [responseCount]?: ResponseCount } | undefined)?.[responseCount];
        if (!count) return resolve(source, args, context, info);
        add(count, 1);
        if (count.tooLarge) throw responseTooLarge(count.max);
        const result = resolve(source, args, context, info);
        if (Array.isArray(result)) add(count, result.length);
        else if (isList && typeof (result as Promise<unknown> | undefined)?.then === 'function') {
          (result as Promise<unknown>).then(
            (items) => Array.isArray(items) && add(count, items.length),
            () => undefined,
          );
        }
        return result;
      };
    }
  }
}

/**
 * An Apollo Server plugin that refuses an operation over `limits` before it
 * runs and, with `countActual`, stops building a response that grows past
 * `maxResponseSize` anyway (a list longer than assumed) and answers with one error.
 */
export function operationLimitsPlugin<TContext extends ApolloContext>(
  limits: OperationLimits,
  options: { countActual?: boolean } = {},
): ApolloServerPlugin<TContext> {
  return {
    async serverWillStart({ schema }) {
      if (options.countActual) countResolvedValues(schema);
    },
    async requestDidStart({ contextValue }) {
      const count: ResponseCount = { values: 0, max: limits.maxResponseSize, tooLarge: false };
      if (options.countActual) (contextValue as { [responseCount]?: ResponseCount })[responseCount] = count;
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const fragments = document.definitions.filter(
            (definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION,
          );
          const { error } = checkOperation(schema, fragments, operation, request.variables ?? {}, limits);
          if (error) throw error;
        },
        async willSendResponse({ response }) {
          // An execution error, not a bad request: HTTP 200, so a gateway passes it on as this subgraph's error.
          if (count.tooLarge && response.body.kind === 'single') {
            const { message, extensions } = responseTooLarge(limits.maxResponseSize);
            response.body.singleResult = { data: null, errors: [{ message, extensions }] };
          }
        },
      };
    },
  };
}
