import { accountActor, badInput, checkText, conflict, notFound, type Role } from '@thidua/kit';
import { referenceData, type ProvinceRegistry } from '@thidua/kit/reference';
import type { EntityManager } from 'typeorm';
import { Account } from './account.entity.js';
import { checkNewPassword, generatePassword, hashPassword, verifyPassword, badPassword } from './password.js';
import { isRole } from './role.js';
import { Session } from './session.entity.js';

/** The reference units (the process's one instance), for checking a province account's province. */
export function provinces(): ProvinceRegistry {
  return referenceData().provinces;
}

const USERNAME = /^[a-z0-9](?:[a-z0-9._-]{1,62})[a-z0-9]$/;

export function checkUsername(field: string, username: string): string {
  if (!USERNAME.test(username) || /[._-]{2}/.test(username)) {
    throw badInput(
      field,
      username,
      'is not a username: 3–64 lowercase letters, digits, ".", "_" or "-", starting and ending with a letter or digit',
    );
  }
  return username;
}

/** A role and the province that goes with it: a province account needs one, no other account has one. */
export function checkRoleAndProvince(
  prefix: string,
  role: string,
  provinceId: string | null | undefined,
): { role: Role; provinceId: string | null } {
  if (!isRole(role)) throw badInput(`${prefix}role`, role, 'is not one of admin, ministry, province, viewer');
  if (role !== 'province') {
    if (provinceId != null) {
      throw badInput(`${prefix}provinceId`, provinceId, `is only for PROVINCE accounts; a ${role} account has none`);
    }
    return { role, provinceId: null };
  }
  if (provinceId == null || provinceId === '') {
    throw badInput(`${prefix}provinceId`, provinceId ?? null, 'is needed for a PROVINCE account');
  }
  if (!provinces().get(provinceId)) throw badInput(`${prefix}provinceId`, provinceId, 'is not a known province');
  return { role, provinceId };
}

function optionalName(field: string, name: string | null | undefined): string | null {
  return name == null || name.trim() === '' ? null : checkText(field, name, 200);
}

export interface NewAccount {
  username: string;
  name?: string | null;
  role: string;
  provinceId?: string | null;
  /** Null: no password (single sign-on only, or until a reset gives one). */
  password: string | null;
  /** Accounts made by single sign-on have no password at all. */
  oidc?: { issuer: string; subject: string };
}

/** Creates an account; its password, if any, is stored only as a hash. */
export async function createAccount(
  db: EntityManager,
  actor: string,
  input: NewAccount,
  prefix = 'input.',
): Promise<Account> {
  const username = checkUsername(`${prefix}username`, input.username);
  const { role, provinceId } = checkRoleAndProvince(prefix, input.role, input.provinceId);
  const name = optionalName(`${prefix}name`, input.name);
  if (input.password !== null && input.oidc) throw new Error('a single sign-on account has no password');
  const passwordHash =
    input.password === null
      ? null
      : await hashPassword(checkNewPassword(`${prefix}password`, input.password, username));
  const taken = await db.getRepository(Account).existsBy({ username });
  if (taken) throw conflict(`the username "${username}" is taken`);
  const now = new Date();
  const account = await db.getRepository(Account).save(
    db.getRepository(Account).create({
      username,
      name,
      role,
      provinceId,
      enabled: true,
      passwordHash,
      oidcIssuer: input.oidc?.issuer ?? null,
      oidcSubject: input.oidc?.subject ?? null,
      createdBy: actor,
      createdAt: now,
      updatedBy: actor,
      updatedAt: now,
      passwordChangedAt: passwordHash ? now : null,
      lastSignInAt: null,
    }),
  );
  delete account.passwordHash;
  return account;
}

export async function findAccount(db: EntityManager, id: string): Promise<Account> {
  const valid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
  const account = valid ? await db.getRepository(Account).findOneBy({ id }) : null;
  if (!account) throw notFound('user', id);
  return account;
}

/** Ends every session of an account, or every one but `keep`. */
export async function endSessions(db: EntityManager, accountId: string, keep?: string): Promise<number> {
  const query = db.getRepository(Session).createQueryBuilder().delete().where('account_id = :accountId', { accountId });
  if (keep) query.andWhere('id <> :keep', { keep });
  return (await query.execute()).affected ?? 0;
}

export interface AccountChanges {
  role?: string | null;
  provinceId?: string | null;
  enabled?: boolean | null;
  name?: string | null;
}

/** Refuses a change that would leave no enabled admin to manage accounts. */
async function keepAnAdmin(db: EntityManager, account: Account, next: { role: Role; enabled: boolean }) {
  if (account.role !== 'admin' || !account.enabled || (next.role === 'admin' && next.enabled)) return;
  const [{ count }] = await db.query(
    `SELECT count(*)::int AS count FROM account WHERE role = 'admin' AND enabled AND id <> $1`,
    [account.id],
  );
  if (count === 0) {
    throw conflict(`"${account.username}" is the last enabled admin: make another admin first`);
  }
}

/**
 * Changes role, province, enabled or name. Disabling ends the account's
 * sessions at once; a session's rights are read from the account on every
 * request, so a role change applies from the next request.
 */
export async function updateAccount(
  db: EntityManager,
  actor: string,
  id: string,
  changes: AccountChanges,
): Promise<{ account: Account; endedSessions: number }> {
  if (changes.role === null) throw badInput('role', null, 'cannot be cleared');
  if (changes.enabled === null) throw badInput('enabled', null, 'cannot be cleared');
  const account = await findAccount(db, id);
  const role = changes.role ?? account.role;
  // Moving away from PROVINCE drops the province; moving to it needs one.
  const provinceId =
    changes.provinceId !== undefined ? changes.provinceId : role === 'province' ? account.provinceId : null;
  const checked = checkRoleAndProvince('', role, provinceId);
  const enabled = changes.enabled ?? account.enabled;
  await keepAnAdmin(db, account, { role: checked.role, enabled });
  Object.assign(account, {
    role: checked.role,
    provinceId: checked.provinceId,
    enabled,
    ...(changes.name !== undefined ? { name: optionalName('name', changes.name) } : {}),
    updatedBy: actor,
    updatedAt: new Date(),
  });
  await db.getRepository(Account).save(account);
  const endedSessions = enabled ? 0 : await endSessions(db, account.id);
  return { account, endedSessions };
}

/** Sets a password (an admin's reset, or `npm run user -- password`) and ends the account's sessions. */
export async function setPassword(
  db: EntityManager,
  actor: string,
  id: string,
  password: string | null,
): Promise<{ account: Account; password: string }> {
  const account = await findAccount(db, id);
  const next = password ?? generatePassword();
  if (password !== null) checkNewPassword('password', password, account.username);
  await db.getRepository(Account).update(
    { id },
    {
      passwordHash: await hashPassword(next),
      passwordChangedAt: new Date(),
      updatedBy: actor,
      updatedAt: new Date(),
    },
  );
  await endSessions(db, id);
  return { account, password: next };
}

/** A person changes their own password: the current one must match; their other sessions end. */
export async function changeOwnPassword(
  db: EntityManager,
  accountId: string,
  sessionId: string | undefined,
  current: string,
  next: string,
): Promise<void> {
  const account = await db
    .getRepository(Account)
    .createQueryBuilder('a')
    .addSelect('a.passwordHash')
    .where('a.id = :accountId', { accountId })
    .getOne();
  if (!account || !account.enabled) throw notFound('user', accountId);
  if (!(await verifyPassword(current, account.passwordHash))) {
    throw badPassword('current', 'is not the current password');
  }
  checkNewPassword('next', next, account.username);
  if (current === next) throw badPassword('next', 'is the current password: choose a new one');
  await db.getRepository(Account).update(
    { id: accountId },
    {
      passwordHash: await hashPassword(next),
      passwordChangedAt: new Date(),
      updatedBy: accountActor(account.username, account.role),
      updatedAt: new Date(),
    },
  );
  await endSessions(db, accountId, sessionId);
}
