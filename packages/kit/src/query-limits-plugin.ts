import type { ApolloServerPlugin, BaseContext as ApolloContext } from '@apollo/server';
import {
  defaultFieldResolver,
  getNamedType,
  getNullableType,
  isInterfaceType,
  isLeafType,
  isListType,
  isObjectType,
  Kind,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLResolveInfo,
  type GraphQLSchema,
  type SelectionSetNode,
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
 * Wraps the schema's field resolvers, once: while a request counts (its
 * context holds a {@link ResponseCount}), each field resolved counts one value
 * and each list its items. This is what Apollo Server's `willResolveField` hook
 * would do, without its per-field closures and promise bookkeeping: only a
 * field whose answer is a promise waits for it to count what it holds.
 *
 * A scalar field that only reads its object's property is not wrapped: a
 * compiled operation (executor.ts) reads it inline, and a wrapper would turn
 * every such value into a call. Those values are counted by the field that
 * returns their objects: each object counts one value plus the plain fields
 * selected on it ({@link plainFieldsSelected}).
 */
function countResolvedValues(schema: GraphQLSchema): void {
  const marked = schema as GraphQLSchema & { [counting]?: true };
  if (marked[counting]) return;
  marked[counting] = true;
  const plain = new WeakSet<GraphQLField<unknown, unknown>>();
  const selected = plainFieldsSelected(plain);
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const nullable = getNullableType(field.type);
      const isList = isListType(nullable);
      const leaf = isLeafType(getNamedType(field.type));
      if (leaf && !isList && !field.resolve) {
        plain.add(field);
        continue;
      }
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context, info) => {
        const count = (context as { [responseCount]?: ResponseCount } | undefined)?.[responseCount];
        if (!count) return resolve(source, args, context, info);
        add(count, 1);
        if (count.tooLarge) throw responseTooLarge(count.max);
        const result = resolve(source, args, context, info);
        const perObject = leaf ? 0 : selected(info);
        const held = (value: unknown) => {
          if (Array.isArray(value)) add(count, value.length * (1 + perObject));
          else if (value != null) add(count, perObject);
        };
        if (typeof (result as Promise<unknown> | undefined)?.then === 'function') {
          (result as Promise<unknown>).then(held, () => undefined);
        } else held(result);
        return result;
      };
    }
  }
}

/**
 * How many plain fields (see {@link countResolvedValues}) a field's selection
 * asks of each object it returns, through fragments; once per field of a
 * parsed operation (Apollo Server keeps parsed documents).
 */
function plainFieldsSelected(plain: WeakSet<GraphQLField<unknown, unknown>>) {
  const known = new WeakMap<FieldNode, number>();
  const within = (
    selections: SelectionSetNode | undefined,
    type: GraphQLNamedType | undefined,
    info: GraphQLResolveInfo,
  ): number => {
    let n = 0;
    for (const selection of selections?.selections ?? []) {
      if (selection.kind === Kind.FIELD) {
        const fields = isObjectType(type) || isInterfaceType(type) ? type.getFields() : undefined;
        const field = fields?.[selection.name.value];
        if (field && plain.has(field)) n += 1;
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? info.schema.getType(selection.typeCondition.name.value) : type;
        n += within(selection.selectionSet, on ?? undefined, info);
      } else {
        const fragment = info.fragments[selection.name.value];
        if (fragment) n += within(fragment.selectionSet, info.schema.getType(fragment.typeCondition.name.value), info);
      }
    }
    return n;
  };
  return (info: GraphQLResolveInfo): number => {
    const [first] = info.fieldNodes;
    const cached = info.fieldNodes.length === 1 ? known.get(first) : undefined;
    if (cached !== undefined) return cached;
    const type = getNamedType(info.returnType);
    const n = info.fieldNodes.reduce((sum, node) => sum + within(node.selectionSet, type, info), 0);
    if (info.fieldNodes.length === 1) known.set(first, n);
    return n;
  };
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
