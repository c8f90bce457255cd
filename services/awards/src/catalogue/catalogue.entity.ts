import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeScalar } from '../common/scalars.js';

/** The forms of commendation (hình thức khen thưởng) the cluster counts. */
export enum CommendationForm {
  GOVERNMENT_EMULATION_FLAG = 'GOVERNMENT_EMULATION_FLAG',
  MINISTRY_EMULATION_FLAG = 'MINISTRY_EMULATION_FLAG',
  PROVINCE_EMULATION_FLAG = 'PROVINCE_EMULATION_FLAG',
  PRIME_MINISTER_CERTIFICATE = 'PRIME_MINISTER_CERTIFICATE',
  MINISTRY_CERTIFICATE = 'MINISTRY_CERTIFICATE',
  PROVINCE_CERTIFICATE = 'PROVINCE_CERTIFICATE',
  DEPARTMENT_CERTIFICATE = 'DEPARTMENT_CERTIFICATE',
  EXCELLENT_LABOUR_COLLECTIVE = 'EXCELLENT_LABOUR_COLLECTIVE',
  EMULATION_FIGHTER = 'EMULATION_FIGHTER',
  ADVANCED_MODEL = 'ADVANCED_MODEL',
}
registerEnumType(CommendationForm, { name: 'CommendationForm' });

/** Who a commendation goes to. */
export enum RecipientKind {
  DEPARTMENT = 'DEPARTMENT',
  COLLECTIVE = 'COLLECTIVE',
  INDIVIDUAL = 'INDIVIDUAL',
}
registerEnumType(RecipientKind, {
  name: 'RecipientKind',
  description: 'The department itself, a collective within it (an office, a centre), or a person',
});

/** The authority that confers a form. */
export enum IssuingLevel {
  GOVERNMENT = 'GOVERNMENT',
  PRIME_MINISTER = 'PRIME_MINISTER',
  MINISTRY = 'MINISTRY',
  PROVINCE = 'PROVINCE',
  DEPARTMENT = 'DEPARTMENT',
}
registerEnumType(IssuingLevel, {
  name: 'IssuingLevel',
  description:
    'Who confers a form: the Government, the Prime Minister, the Minister, the provincial chairman, the department director',
});

/** Levels whose forms a province officer records for its own department; the rest are the Ministry's to record. */
export const provinceRecordedLevels: ReadonlySet<IssuingLevel> = new Set([
  IssuingLevel.PROVINCE,
  IssuingLevel.DEPARTMENT,
]);

/** One form in the catalogue: its Vietnamese name, who confers it, to whom, and the points it earns in standings. */
@ObjectType({ description: 'A form of commendation and the points it earns in standings' })
@Entity({ name: 'catalogue_entry' })
export class CatalogueEntry {
  @Field(() => CommendationForm)
  @PrimaryColumn({ type: 'text' })
  form!: CommendationForm;

  @Field({ description: 'Vietnamese name, e.g. "Cờ thi đua của Bộ"' })
  @Column({ type: 'text' })
  name!: string;

  @Field(() => Float, { description: 'Points one award of this form earns in combined standings' })
  @Column({ type: 'double precision' })
  points!: number;

  @Field(() => IssuingLevel)
  @Column({ name: 'issuing_level', type: 'text' })
  issuingLevel!: IssuingLevel;

  @Field({ description: 'Who signs the decision, in Vietnamese, e.g. "Chủ tịch Ủy ban nhân dân tỉnh"' })
  @Column({ type: 'text' })
  issuer!: string;

  @Field(() => [RecipientKind], { description: 'Who this form may go to' })
  @Column({ name: 'recipient_kinds', type: 'text', array: true })
  recipientKinds!: RecipientKind[];

  @Field(() => Int, { description: 'Position in the catalogue, most senior first' })
  @Column({ name: 'display_order', type: 'int' })
  displayOrder!: number;

  @Field(() => String, { nullable: true, description: 'Who last changed the points (null: the documented default)' })
  @Column({ name: 'updated_by', type: 'text', nullable: true })
  updatedBy!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ name: 'updated_at', type: 'timestamptz', nullable: true })
  updatedAt!: Date | null;

  @Field({ description: "Whether a province officer records this form for its own department (else the Ministry's)" })
  get recordedByProvince(): boolean {
    return provinceRecordedLevels.has(this.issuingLevel);
  }
}
