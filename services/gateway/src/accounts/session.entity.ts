import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A signed-in browser. The cookie holds a random secret; only its SHA-256
 * lives here, so a copy of the table opens no session. `id` is a public handle.
 */
@Entity({ name: 'session' })
export class Session {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ name: 'secret_hash', type: 'text' })
  secretHash!: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId!: string;

  @Column({ type: 'text' })
  via!: 'password' | 'oidc';

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'last_seen_at', type: 'timestamptz' })
  lastSeenAt!: Date;
}
