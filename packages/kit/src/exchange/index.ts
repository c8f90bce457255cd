/**
 * `@thidua/kit/exchange`: how a provincial node's records reach the cluster.
 *
 * - `schema`: the tables of both sides (frozen migrations);
 * - `outbox`, `scope`: the node writes each change to its outbox in the same transaction;
 * - `shipper`: the node sends the outbox, oldest first, with backoff;
 * - `receiver`: the cluster applies each record once and in order, from registered nodes only;
 * - `registry`: the node registry (registerNode, revokeNode) the provinces subgraph keeps;
 * - `graphql`: the receiving mutation and `Province.node`; `node-outbox`: the node operator's view;
 * - `extension`: plugs the above into the generic subgraph bootstrap.
 */
export * from './types.js';
export * from './schema.js';
export * from './outbox.js';
export * from './scope.js';
export * from './shipper.js';
export * from './receiver.js';
export * from './graphql.js';
export * from './node-outbox.js';
export * from './registry.js';
export * from './extension.js';
