import type { ApolloServerPlugin, BaseContext as ApolloContext } from '@apollo/server';
import { Kind, type FragmentDefinitionNode, type GraphQLError } from 'graphql';
import { checkOperation, refused, type OperationLimits } from './query-limits.js';

function responseTooLarge(max: number): GraphQLError {
  return refused(
    `Response refused: it grew past ${max.toLocaleString('en')} values while it was built. Ask for less at once.`,
    'maxResponseSize',
    max + 1,
    max,
  );
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
    async requestDidStart() {
      let values = 0;
      let tooLarge = false;
      const count = (n: number) => {
        values += n;
        if (values > limits.maxResponseSize) tooLarge = true;
      };
      return {
        async didResolveOperation({ schema, document, operation, request }) {
          if (!operation) return;
          const fragments = document.definitions.filter(
            (definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION,
          );
          const { error } = checkOperation(schema, fragments, operation, request.variables ?? {}, limits);
          if (error) throw error;
        },
        async executionDidStart() {
          if (!options.countActual) return;
          return {
            willResolveField() {
              count(1);
              if (tooLarge) throw responseTooLarge(limits.maxResponseSize);
              return (_error, result) => {
                if (Array.isArray(result)) count(result.length);
              };
            },
          };
        },
        async willSendResponse({ response }) {
          // An execution error, not a bad request: HTTP 200, so a gateway passes it on as this subgraph's error.
          if (tooLarge && response.body.kind === 'single') {
            const { message, extensions } = responseTooLarge(limits.maxResponseSize);
            response.body.singleResult = { data: null, errors: [{ message, extensions }] };
          }
        },
      };
    },
  };
}
