/**
 * `@thidua/kit`: what every thidua service is built on: the subgraph bootstrap,
 * database, auth, errors, config and logging. The other parts have their own
 * entry points: `@thidua/kit/reference`, `@thidua/kit/exchange`, `@thidua/kit/testing`.
 */
import 'reflect-metadata';

export * from './auth.js';
export * from './config.js';
export * from './data.js';
export * from './db.js';
export * from './demo-pdf.js';
export * from './errors.js';
export * from './federation.js';
export * from './graphql-over-http.js';
export * from './held.js';
export * from './http.js';
export * from './input-guard.js';
export * from './keys.js';
export * from './links.js';
export * from './logger.js';
export * from './messages.js';
export * from './node-credential.js';
export * from './node-mode.js';
export * from './ports.js';
export * from './query-limits.js';
export * from './query-limits-plugin.js';
export * from './scalars.js';
export * from './selection.js';
export * from './service.js';
export * from './stable-hash.js';
export * from './standalone.js';
export * from './subgraph-server.js';
export * from './validation.js';
