import 'reflect-metadata';

export * from './auth.js';
export * from './config.js';
export * from './db.js';
export * from './embedded-postgres.js';
export * from './errors.js';
export * from './federation.js';
export * from './http.js';
export * from './logger.js';
export * from './provinces.js';
export * from './subgraph-server.js';
export * from './validation.js';
export * from './service.js';
export * from './standalone.js';
export * from './testing.js';
export * from './ports.js';
export * from './exchange.js';
