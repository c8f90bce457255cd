import { Field, Float, ObjectType, registerEnumType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';

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

/** One form in the catalogue: its Vietnamese name and the points it earns in standings. */
@ObjectType({ description: 'A form of commendation and the points it earns in standings' })
@Entity({ name: 'catalogue_entry' })
export class CatalogueEntry {
  @Field(() => CommendationForm)
  @PrimaryColumn({ type: 'text' })
  form!: CommendationForm;

  @Field({ description: 'Vietnamese name, e.g. "Cờ thi đua của Bộ"' })
  @Column({ type: 'text' })
  name!: string;

  @Field(() => Float)
  @Column({ type: 'double precision' })
  points!: number;
}
