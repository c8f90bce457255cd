import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateScalar, ProvinceKind, Region } from '../common/scalars.js';

/** A provincial-level unit (tỉnh / thành phố trực thuộc trung ương). */
@Directive('@key(fields: "id")')
@ObjectType({
  description:
    'A provincial-level unit; its department (the Sở Thông tin và Truyền thông, from 2025-03-01 the Sở Khoa học và ' +
    'Công nghệ) is the cluster member: see `department(asOf)`',
})
@Entity({ name: 'province' })
export class Province {
  @Field(() => ID, { description: 'Stable slug, e.g. "vinh-phuc" or "phu-tho-2025"' })
  @PrimaryColumn({ type: 'text' })
  id!: string;

  @Field({ description: 'Official 2-digit code while it existed, e.g. "26"' })
  @Column({ type: 'text' })
  code!: string;

  @Field({ description: 'Vietnamese name, e.g. "Vĩnh Phúc"' })
  @Column({ type: 'text' })
  name!: string;

  @Field(() => ProvinceKind)
  @Column({ type: 'text' })
  kind!: ProvinceKind;

  @Field(() => Region)
  @Column({ type: 'text' })
  region!: Region;

  @Field(() => DateScalar, { nullable: true, description: 'Null: existed before records begin' })
  @Column({ name: 'valid_from', type: 'date', nullable: true })
  validFrom!: string | null;

  @Field(() => DateScalar, { nullable: true, description: 'Its last day; null while it exists' })
  @Column({ name: 'valid_until', type: 'date', nullable: true })
  validUntil!: string | null;

  @Column({ name: 'successor_id', type: 'text', nullable: true })
  successorId!: string | null;
}
