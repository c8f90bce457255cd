import type { Logger } from '@thidua/kit';
import { referenceData } from '@thidua/kit/reference';
import type { DataSource } from 'typeorm';
import { Account } from './account.entity.js';
import { createAccount } from './account.service.js';
import { hashPassword } from './password.js';

/** The one password of every demo account; documented in the README, and only ever set with SEED_DEMO. */
export const DEMO_PASSWORD = 'thidua-demo';

/** The members of Cluster 3 in 2019, the season the demo data follows: one officer account each. */
const clusterThreeMembers = [
  'bac-ninh',
  'ha-nam',
  'hai-duong',
  'hung-yen',
  'nam-dinh',
  'ninh-binh',
  'quang-ninh',
  'thai-binh',
  'vinh-phuc',
];

export const FIRST_ADMIN_HINT =
  'No admin account exists yet. Create the first one (it asks for a password, or prints a generated one):\n' +
  '  npm run user -- add --username admin --role admin --name "Quản trị hệ thống"';

/**
 * On a first start with demo data (no account at all yet) creates the demo
 * accounts: admin, ministry, one officer per Cluster 3 province and a
 * viewer, all with {@link DEMO_PASSWORD}. Without demo data nothing is
 * created: no default password exists.
 */
export async function seedAccounts(dataSource: DataSource, options: { demo: boolean; logger: Logger }): Promise<void> {
  if (!options.demo) return;
  await dataSource.transaction(async (tx) => {
    // One seeding at a time, and never over accounts people have made.
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', ['thidua:seed-accounts']);
    if (await tx.getRepository(Account).exists()) return;
    const names = new Map(
      referenceData()
        .provinces.all()
        .map((record) => [record.id, record.name]),
    );
    const demo = [
      { username: 'admin', role: 'admin', name: 'Quản trị hệ thống (demo)' },
      { username: 'ministry', role: 'ministry', name: 'Vụ Thi đua – Khen thưởng, Bộ TT&TT (demo)' },
      ...clusterThreeMembers.map((id) => ({
        username: id,
        role: 'province',
        provinceId: id,
        name: `Sở TT&TT ${names.get(id)} (demo)`,
      })),
      { username: 'viewer', role: 'viewer', name: 'Người xem (demo)' },
    ];
    for (const account of demo) await createAccount(tx, 'seed', { ...account, password: null });
    // One hash for the shared demo password: an scrypt per account would slow every demo start.
    await tx.query('UPDATE account SET password_hash = $1, password_changed_at = now()', [
      await hashPassword(DEMO_PASSWORD),
    ]);
    options.logger.warn(
      { accounts: demo.map((a) => a.username) },
      `demo accounts created with the password "${DEMO_PASSWORD}" (SEED_DEMO): never use demo data in a deployment`,
    );
  });
}

/** The start banner's line about the demo accounts, while they exist. */
export async function demoAccountsNotice(dataSource: DataSource): Promise<string | null> {
  const seeded = await dataSource.getRepository(Account).countBy({ createdBy: 'seed', enabled: true });
  if (seeded === 0) return null;
  return (
    `Demo accounts (password "${DEMO_PASSWORD}"): admin, ministry, viewer and one officer per Cluster 3 ` +
    'province named by its id, e.g. vinh-phuc (README, "Signing in"). Never deploy with SEED_DEMO.'
  );
}

/** Whether an enabled admin exists (else the first start says how to make one). */
export async function hasAdmin(dataSource: DataSource): Promise<boolean> {
  return dataSource.getRepository(Account).existsBy({ role: 'admin', enabled: true });
}
