import { initGraphQLTada } from 'gql.tada';
import type { introspection } from './graphql-env.js';

/**
 * Typed documents for the end-to-end tests, against the gateway's public API
 * (services/gateway/api.graphql). `graphql-env.d.ts` is generated from that
 * file before every build (packages/stack/graphql-env.mjs) and not committed:
 * a test that asks for a field the API dropped fails to compile.
 */
export const graphql = initGraphQLTada<{
  introspection: introspection;
  scalars: { Date: string; DateTime: string };
}>();

export type { ResultOf, VariablesOf } from 'gql.tada';
