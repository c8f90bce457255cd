/** What tools outside the gateway (npm run user, tests) use of the accounts. */
export { Account, accountView } from './account.entity.js';
export { createAccount, setPassword, updateAccount } from './account.service.js';
export { generatePassword } from './password.js';
export { DEMO_PASSWORD } from './seed.js';
export { accountsSubgraph } from './subgraph.js';
