import type { MigrationInterface, QueryRunner } from 'typeorm';
import { exchangeTablesSql } from './exchange.js';

/**
 * The outbox (on a provincial node) and the per-node cursor (on the cluster),
 * for every subgraph that exchanges records: docs/provincial-nodes.md.
 */
export class Exchange1732500000000 implements MigrationInterface {
  name = 'Exchange1732500000000';

  async up(db: QueryRunner): Promise<void> {
    for (const statement of exchangeTablesSql) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(
      'DROP TABLE exchange_rejection, exchange_received, exchange_cursor, exchange_outbox, exchange_identity',
    );
  }
}
