import { buildFederatedSchema, type SubgraphDefinition } from '@thidua/kit';
import type { GraphQLSchema } from 'graphql';
import { Account } from './account.entity.js';
import { AccountResolver } from './account.resolver.js';
import { ApiToken } from './api-token.entity.js';
import { ApiTokenResolver } from './api-token.resolver.js';
import type { AccountsContext } from './context.js';
import { Accounts1732600000000 } from './migrations/1732600000000-accounts.js';
import { seedAccounts } from './seed.js';
import { Session } from './session.entity.js';

let schema: Promise<GraphQLSchema> | undefined;

export function buildAccountsSchema(): Promise<GraphQLSchema> {
  schema ??= buildFederatedSchema({ resolvers: [AccountResolver, ApiTokenResolver] });
  return schema;
}

/**
 * Accounts and API tokens: a small subgraph the gateway process serves on a
 * loopback port, over the gateway's own database (thidua_gateway).
 */
export const accountsSubgraph: SubgraphDefinition<AccountsContext> = {
  name: 'accounts',
  entities: [Account, Session, ApiToken],
  migrations: [Accounts1732600000000],
  buildSchema: buildAccountsSchema,
  createContext: (base, db) => ({ ...base, db }),
  seed: seedAccounts,
};
