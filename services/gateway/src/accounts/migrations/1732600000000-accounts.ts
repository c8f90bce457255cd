import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Accounts, their sessions and the API tokens admins issue; secrets are stored only as hashes. */
export class Accounts1732600000000 implements MigrationInterface {
  name = 'Accounts1732600000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE account (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        username text NOT NULL UNIQUE CHECK (username = lower(username)),
        name text,
        role text NOT NULL CHECK (role IN ('admin', 'ministry', 'province', 'viewer')),
        province_id text,
        enabled boolean NOT NULL DEFAULT true,
        password_hash text,
        oidc_issuer text,
        oidc_subject text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_by text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        password_changed_at timestamptz,
        last_sign_in_at timestamptz,
        CHECK ((role = 'province') = (province_id IS NOT NULL)),
        CHECK ((oidc_issuer IS NULL) = (oidc_subject IS NULL)),
        UNIQUE (oidc_issuer, oidc_subject)
      )`);
    await db.query(`
      CREATE TABLE session (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        secret_hash text NOT NULL UNIQUE,
        account_id uuid NOT NULL REFERENCES account (id) ON DELETE CASCADE,
        via text NOT NULL CHECK (via IN ('password', 'oidc')),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`CREATE INDEX session_account ON session (account_id)`);
    await db.query(`
      CREATE TABLE api_token (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        token_hash text NOT NULL UNIQUE,
        role text NOT NULL CHECK (role IN ('admin', 'ministry', 'province', 'viewer')),
        province_id text,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_by text,
        revoked_at timestamptz,
        last_used_at timestamptz,
        CHECK ((role = 'province') = (province_id IS NOT NULL))
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE api_token');
    await db.query('DROP TABLE session');
    await db.query('DROP TABLE account');
  }
}
