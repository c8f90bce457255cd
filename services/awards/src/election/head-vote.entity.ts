import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One member's vote in one round; it may change it until the round closes. */
@Entity({ name: 'head_vote' })
export class HeadVote {
  @PrimaryColumn({ name: 'cluster_id', type: 'text' })
  clusterId!: string;

  @PrimaryColumn({ type: 'int' })
  year!: number;

  @PrimaryColumn({ type: 'int' })
  round!: number;

  @PrimaryColumn({ name: 'voter_province_id', type: 'text' })
  voterProvinceId!: string;

  @Column({ name: 'candidate_id', type: 'text' })
  candidateId!: string;

  @Column({ name: 'cast_by', type: 'text' })
  castBy!: string;

  @Column({ name: 'cast_at', type: 'timestamptz' })
  castAt!: Date;
}
