import { Entity, PrimaryColumn } from 'typeorm';

/** A file attached as evidence to one criterion of one member's assessment. */
@Entity({ name: 'item_evidence' })
export class ItemEvidence {
  @PrimaryColumn({ name: 'cluster_id', type: 'text' })
  clusterId!: string;

  @PrimaryColumn({ type: 'int' })
  year!: number;

  @PrimaryColumn({ name: 'province_id', type: 'text' })
  provinceId!: string;

  @PrimaryColumn({ name: 'criterion_id', type: 'uuid' })
  criterionId!: string;

  @PrimaryColumn({ name: 'file_id', type: 'uuid' })
  fileId!: string;
}
