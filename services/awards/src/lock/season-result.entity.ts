import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { FrozenRecord } from './results.types.js';

/**
 * One lock of a season: the results as they stood, with the exact inputs used.
 * The row without `reopenedAt` is the lock in force; a reopened one stays as history.
 */
@Entity({ name: 'season_result' })
export class SeasonResult {
  @PrimaryColumn({ name: 'cluster_id', type: 'text' })
  clusterId!: string;

  @PrimaryColumn({ type: 'int' })
  year!: number;

  @PrimaryColumn({ type: 'int' })
  revision!: number;

  @Column({ name: 'locked_by', type: 'text' })
  lockedBy!: string;

  @Column({ name: 'locked_at', type: 'timestamptz' })
  lockedAt!: Date;

  /** The members at the lock: their figures and commendations of that year are frozen. */
  @Column({ name: 'member_ids', type: 'text', array: true })
  memberIds!: string[];

  @Column({ type: 'jsonb' })
  record!: FrozenRecord;

  @Column({ name: 'reopened_by', type: 'text', nullable: true })
  reopenedBy!: string | null;

  @Column({ name: 'reopened_at', type: 'timestamptz', nullable: true })
  reopenedAt!: Date | null;

  @Column({ name: 'reopen_reason', type: 'text', nullable: true })
  reopenReason!: string | null;
}
