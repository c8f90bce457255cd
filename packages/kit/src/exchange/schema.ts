import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The SQL exactly as it shipped in 1732500000000. */
const statements: readonly string[] = [
  `CREATE TABLE exchange_identity (
     singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
     node_id uuid NOT NULL DEFAULT gen_random_uuid(),
     created_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE exchange_outbox (
     seq bigserial PRIMARY KEY,
     record_id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(),
     kind text NOT NULL,
     province_id text NOT NULL,
     payload jsonb NOT NULL,
     recorded_at timestamptz NOT NULL DEFAULT now(),
     sent_at timestamptz,
     rejected_at timestamptz,
     reject_reason text
   )`,
  `CREATE INDEX exchange_outbox_unsent ON exchange_outbox (seq) WHERE sent_at IS NULL AND rejected_at IS NULL`,
  `CREATE TABLE exchange_cursor (
     node_id text PRIMARY KEY,
     province_id text NOT NULL,
     last_seq bigint NOT NULL DEFAULT 0,
     reported_seq bigint NOT NULL DEFAULT 0,
     accepted_count bigint NOT NULL DEFAULT 0,
     rejected_count bigint NOT NULL DEFAULT 0,
     first_seen_at timestamptz NOT NULL DEFAULT now(),
     last_exchange_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX exchange_cursor_province ON exchange_cursor (province_id)`,
  `CREATE TABLE exchange_received (
     record_id uuid PRIMARY KEY,
     node_id text NOT NULL,
     seq bigint NOT NULL,
     received_at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE TABLE exchange_rejection (
     id bigserial PRIMARY KEY,
     node_id text NOT NULL,
     province_id text NOT NULL,
     seq bigint NOT NULL,
     record_id uuid NOT NULL,
     kind text NOT NULL,
     reason text NOT NULL,
     at timestamptz NOT NULL DEFAULT now()
   )`,
  `CREATE INDEX exchange_rejection_province ON exchange_rejection (province_id, at DESC)`,
];

/**
 * The outbox (on a provincial node) and the per-node cursor (on the cluster),
 * for every subgraph that exchanges records (docs/provincial-nodes.md).
 *
 * Frozen: this migration has been applied in deployed databases, so its SQL
 * stays exactly as it shipped. A later change to these tables is a new
 * migration appended to {@link exchangeMigrations}, never an edit here.
 */
export class Exchange1732500000000 implements MigrationInterface {
  name = 'Exchange1732500000000';

  async up(db: QueryRunner): Promise<void> {
    for (const statement of statements) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      'DROP TABLE exchange_rejection, exchange_received, exchange_cursor, exchange_outbox, exchange_identity',
    );
  }
}

/** Every exchange migration, in order; a subgraph that exchanges appends these to its own. */
export const exchangeMigrations = [Exchange1732500000000];
