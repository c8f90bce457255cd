import 'reflect-metadata';
import { userInfo } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  accountsSubgraph,
  createAccount,
  generatePassword,
  setPassword,
  updateAccount,
  Account,
} from '@thidua/gateway';
import {
  ConfigError,
  ensureDatabase,
  openDataSource,
  readDatabaseUrl,
  readPort,
  silentLogger,
  withDatabase,
} from '@thidua/kit';
import type { DataSource } from 'typeorm';
import { runningEmbeddedPostgres, startEmbeddedPostgres, type EmbeddedPostgres } from './embedded-postgres.js';
import { projectRoot } from './launcher.js';

const usage = `Manages the accounts people sign in with.

  npm run user -- add --username <u> --role <admin|ministry|province|viewer> [--province <id>] [--name <display name>]
  npm run user -- password --username <u>
  npm run user -- disable --username <u>
  npm run user -- enable --username <u>
  npm run user -- list

add and password read the new password from stdin (e.g. printf '%s' "$PASSWORD" | npm run -s user -- add …);
with nothing on stdin they print a generated one. It works whether or not npm start is running: it uses
DATABASE_URL, else the embedded Postgres in DATA_DIR (joining it when it runs). Accounts live in the database
<DATABASE_PREFIX>_gateway (default thidua_gateway).`;

/** The password on stdin, or null when stdin is a terminal or empty. */
async function passwordFromStdin(): Promise<string | null> {
  if (process.stdin.isTTY) return null;
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
  return text === '' ? null : text;
}

/** The gateway's database on the configured server, migrated; and what to stop afterwards. */
async function openAccounts(env: NodeJS.ProcessEnv): Promise<{ db: DataSource; close: () => Promise<void> }> {
  let serverUrl = readDatabaseUrl(env);
  let postgres: EmbeddedPostgres | undefined;
  if (!serverUrl) {
    const dataDir = path.resolve(env.DATA_DIR || path.join(projectRoot, '.data'), 'postgres');
    serverUrl = runningEmbeddedPostgres(dataDir);
    if (!serverUrl) {
      postgres = await startEmbeddedPostgres({
        dataDir,
        port: readPort(env, 'EMBEDDED_PG_PORT', 54329),
        logger: silentLogger,
      });
      serverUrl = postgres.url;
    }
  }
  const database = `${env.DATABASE_PREFIX || 'thidua'}_gateway`;
  try {
    await ensureDatabase(serverUrl, database);
    const db = await openDataSource({
      url: withDatabase(serverUrl, database),
      entities: accountsSubgraph.entities,
      migrations: accountsSubgraph.migrations,
      logger: silentLogger,
      poolSize: 2,
    });
    return {
      db,
      close: async () => {
        await db.destroy();
        await postgres?.stop();
      },
    };
  } catch (error) {
    await postgres?.stop();
    throw error;
  }
}

function describe(account: Account): string {
  const province = account.provinceId ? ` ${account.provinceId}` : '';
  return `${account.username} (${account.role}${province})${account.enabled ? '' : ' disabled'}`;
}

async function findByUsername(db: DataSource, username: string | undefined): Promise<Account> {
  if (!username) throw new ConfigError(`--username is required\n\n${usage}`);
  const account = await db.getRepository(Account).findOneBy({ username: username.toLowerCase() });
  if (!account) throw new ConfigError(`no account "${username}"`);
  return account;
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      username: { type: 'string' },
      role: { type: 'string' },
      province: { type: 'string' },
      name: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0];
  if (values.help || !command) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  if (!['add', 'password', 'disable', 'enable', 'list'].includes(command)) {
    throw new ConfigError(`unknown command "${command}"\n\n${usage}`);
  }
  const actor = `cli:${userInfo().username}`;
  const typed = command === 'add' || command === 'password' ? await passwordFromStdin() : null;
  const { db, close } = await openAccounts(process.env);
  try {
    switch (command) {
      case 'add': {
        if (!values.username || !values.role) throw new ConfigError(`--username and --role are required\n\n${usage}`);
        const password = typed ?? generatePassword();
        const account = await db.transaction((tx) =>
          createAccount(
            tx,
            actor,
            {
              username: values.username!,
              role: values.role!,
              provinceId: values.province ?? null,
              name: values.name ?? null,
              password,
            },
            '',
          ),
        );
        process.stdout.write(`created ${describe(account)}\n`);
        if (!typed) process.stdout.write(`password (shown once): ${password}\n`);
        return;
      }
      case 'password': {
        const account = await findByUsername(db, values.username);
        const { password } = await db.transaction((tx) => setPassword(tx, actor, account.id, typed));
        process.stdout.write(`new password set for ${describe(account)}; its sessions have ended\n`);
        if (!typed) process.stdout.write(`password (shown once): ${password}\n`);
        return;
      }
      case 'disable':
      case 'enable': {
        const found = await findByUsername(db, values.username);
        const { account } = await db.transaction((tx) =>
          updateAccount(tx, actor, found.id, { enabled: command === 'enable' }),
        );
        const ended = command === 'disable' ? '; its sessions have ended' : '';
        process.stdout.write(`${command}d ${account.username}${ended}\n`);
        return;
      }
      case 'list': {
        for (const account of await db.getRepository(Account).find({ order: { username: 'ASC' } })) {
          process.stdout.write(`${describe(account)}${account.name ? `  ${account.name}` : ''}\n`);
        }
        return;
      }
    }
  } finally {
    await close();
  }
}

main().catch((error: Error & { extensions?: { field?: string } }) => {
  process.stderr.write(`${error.message}\n`);
  process.exit(error instanceof ConfigError || error.extensions ? 2 : 1);
});
