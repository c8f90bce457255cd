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

/** The SQL of 1732600000000, as it ships. */
const registeredStatements: readonly string[] = [
  // Cluster side: which registration (docs/provincial-nodes.md) last sent on a stream.
  `ALTER TABLE exchange_cursor ADD COLUMN registration_id uuid`,
  // Node side: numbers handed out under a row lock held until commit, so the
  // outbox has no holes and a number is visible before any later one.
  `CREATE TABLE exchange_sequence (
     singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
     last_seq bigint NOT NULL
   )`,
  // Before this, numbers came from a sequence and could have holes (a rolled
  // back write) or be seen out of order; what is still unsent is renumbered to
  // follow the last settled record, which is where the cluster's cursor is.
  `WITH settled AS (
     SELECT coalesce(max(seq), 0) AS last FROM exchange_outbox WHERE sent_at IS NOT NULL OR rejected_at IS NOT NULL
   ), unsent AS (
     SELECT seq, row_number() OVER (ORDER BY seq) AS n FROM exchange_outbox WHERE sent_at IS NULL AND rejected_at IS NULL
   )
   UPDATE exchange_outbox o SET seq = -(settled.last + unsent.n) FROM settled, unsent WHERE o.seq = unsent.seq`,
  `UPDATE exchange_outbox SET seq = -seq WHERE seq < 0`,
  `INSERT INTO exchange_sequence (last_seq) SELECT coalesce(max(seq), 0) FROM exchange_outbox`,
  // Node side: what the operator did with a record the cluster refused.
  `ALTER TABLE exchange_outbox
     ADD COLUMN resolved_at timestamptz,
     ADD COLUMN resolution text CHECK (resolution IN ('retried', 'discarded')),
     ADD COLUMN resolved_by text,
     ADD COLUMN resolution_note text,
     ADD COLUMN retried_as bigint`,
  `CREATE INDEX exchange_outbox_rejected ON exchange_outbox (resolved_at, seq) WHERE rejected_at IS NOT NULL`,
  // Node side: how the last exchange went, for /health, /metrics and the operator.
  `CREATE TABLE exchange_shipper (
     singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
     upstream text,
     cluster text CHECK (cluster IN ('reachable', 'unreachable', 'refusing')),
     last_attempt_at timestamptz,
     last_success_at timestamptz,
     last_error text
   )`,
];

/**
 * Registered nodes: the cluster binds each stream to the registration that
 * sends it; the node numbers its outbox without holes, keeps what the cluster
 * refused as dead letters its operator resolves, and records how its last
 * exchange went.
 */
export class ExchangeRegistered1732600000000 implements MigrationInterface {
  name = 'ExchangeRegistered1732600000000';

  async up(db: QueryRunner): Promise<void> {
    for (const statement of registeredStatements) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE exchange_shipper, exchange_sequence');
    await db.query('DROP INDEX exchange_outbox_rejected');
    await db.query(
      `ALTER TABLE exchange_outbox DROP COLUMN resolved_at, DROP COLUMN resolution, DROP COLUMN resolved_by,
         DROP COLUMN resolution_note, DROP COLUMN retried_as`,
    );
    await db.query('ALTER TABLE exchange_cursor DROP COLUMN registration_id');
  }
}

/** Every exchange migration, in order; a subgraph that exchanges appends these to its own. */
export const exchangeMigrations = [Exchange1732500000000, ExchangeRegistered1732600000000];

/** The SQL of 1732600000001, as it ships. */
const registryStatements: readonly string[] = [
  `CREATE TABLE node_registration (
     id uuid PRIMARY KEY,
     province_id text NOT NULL,
     name text NOT NULL,
     credential_hash text NOT NULL UNIQUE,
     registered_by text NOT NULL,
     registered_at timestamptz NOT NULL DEFAULT now(),
     revoked_at timestamptz,
     revoked_by text,
     revoke_reason text
   )`,
  // A province has one node: one registration in force at a time.
  `CREATE UNIQUE INDEX node_registration_active ON node_registration (province_id) WHERE revoked_at IS NULL`,
];

/**
 * The node registry (docs/provincial-nodes.md): which provincial nodes an
 * admin or the Ministry registered, with the SHA-256 of each credential.
 * It lives with the provinces subgraph; the exchanging subgraphs ask it.
 */
export class NodeRegistry1732600000001 implements MigrationInterface {
  name = 'NodeRegistry1732600000001';

  async up(db: QueryRunner): Promise<void> {
    for (const statement of registryStatements) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE node_registration');
  }
}

/** The registry's migrations, for the subgraph that keeps it (provinces). */
export const nodeRegistryMigrations = [NodeRegistry1732600000001];
