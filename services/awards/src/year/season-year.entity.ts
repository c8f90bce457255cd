import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CommendationForm } from '../catalogue/catalogue.entity.js';

/** A cap on adopted proposals of one form in a season. */
export interface FormCapValue {
  form: CommendationForm;
  max: number;
}

/** The season's defaults: a member needs 60 % ICT coverage to rank among the rest; more than half must vote. */
export const defaultRules = { minCoverage: 0.6, quorum: 0.5 } as const;

/** The combined standing's default weights when a season sets none (docs/ranking.md, combined standing: 0.7 ICT, 0.3 commendations). */
export const defaultWeights = { sheet: 0, ict: 0.7, award: 0.3 } as const;

/**
 * What awards keeps of one cluster season's year: its rules, its standing
 * weights, its scoring sheet's revision and its compact. The row also
 * serialises every write to the year (taken FOR UPDATE).
 */
@Entity({ name: 'season_year' })
export class SeasonYear {
  @PrimaryColumn({ name: 'cluster_id', type: 'text' })
  clusterId!: string;

  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Column({ name: 'min_coverage', type: 'double precision' })
  minCoverage!: number;

  @Column({ type: 'double precision' })
  quorum!: number;

  @Column({ type: 'jsonb' })
  caps!: FormCapValue[];

  @Column({ name: 'weight_sheet', type: 'double precision', nullable: true })
  weightSheet!: number | null;

  @Column({ name: 'weight_ict', type: 'double precision', nullable: true })
  weightIct!: number | null;

  @Column({ name: 'weight_award', type: 'double precision', nullable: true })
  weightAward!: number | null;

  @Column({ name: 'sheet_revision', type: 'int' })
  sheetRevision!: number;

  @Column({ name: 'sheet_defined_by', type: 'text', nullable: true })
  sheetDefinedBy!: string | null;

  @Column({ name: 'sheet_defined_at', type: 'timestamptz', nullable: true })
  sheetDefinedAt!: Date | null;

  @Column({ name: 'signed_on', type: 'date', nullable: true })
  signedOn!: string | null;

  @Column({ type: 'text', nullable: true })
  place!: string | null;

  @Column({ name: 'document_id', type: 'uuid', nullable: true })
  documentId!: string | null;

  @Column({ type: 'text', array: true })
  signatories!: string[];

  @Column({ name: 'signed_by', type: 'text', nullable: true })
  signedBy!: string | null;

  @Column({ name: 'signed_at', type: 'timestamptz', nullable: true })
  signedAt!: Date | null;

  /** Where the year's record comes from when it was not entered here ("demo: …" for the demo season). */
  @Column({ type: 'text', nullable: true })
  source!: string | null;
}

/** The weights in force: the season's, or the defaults. */
export function weightsOf(year: SeasonYear | null): { sheet: number; ict: number; award: number } {
  if (!year || year.weightIct === null || year.weightAward === null) return { ...defaultWeights };
  return { sheet: year.weightSheet ?? 0, ict: year.weightIct, award: year.weightAward };
}
