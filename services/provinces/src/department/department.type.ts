import type { DepartmentRecord, LeaderRecord } from '@thidua/kit/reference';
import { Field, Int, ObjectType } from 'type-graphql';
import { DateScalar } from '../common/scalars.js';

/** A person a report names as leading the department. */
@ObjectType({ description: 'A person a published report names as leading the department, as titled there' })
export class Leader implements LeaderRecord {
  @Field({ description: 'As published, e.g. "Phan Tấn Linh"' })
  name!: string;

  @Field({ description: 'As published, e.g. "Giám đốc Sở TT&TT Hà Tĩnh"' })
  title!: string;

  @Field(() => Int, { nullable: true, description: 'The year the report names them in this post' })
  year!: number | null;
}

/** A province's department in one period: the member of its emulation cluster. */
@ObjectType({
  description:
    "A province's department in one period, the member of its emulation cluster: the Department of Information and Communications until 2025-02-28, the Department of Science and Technology from 2025-03-01, or a combined department under its own name",
})
export class Department {
  key!: string;
  predecessorKeys!: string[];

  @Field({ description: 'As it was named then, e.g. "Sở Thông tin và Truyền thông tỉnh Hà Tĩnh"' })
  name!: string;

  @Field(() => DateScalar, { nullable: true, description: 'Its first day; null when the reports give none' })
  validFrom!: string | null;

  @Field(() => DateScalar, {
    nullable: true,
    description: 'Its last day; null while it exists, or where the reports give no day for a rename',
  })
  validUntil!: string | null;

  @Field({ description: 'The ministry it answered to, e.g. "Bộ Thông tin và Truyền thông"' })
  ministry!: string;

  @Field(() => DateScalar, { nullable: true, description: 'The day the department was founded, where published' })
  founded!: string | null;

  @Field(() => String, { nullable: true, description: 'The founding decision, as published' })
  foundingDecision!: string | null;

  @Field(() => [Leader], { description: 'Leaders the reports name for this period' })
  leaders!: Leader[];

  static of(record: DepartmentRecord): Department {
    return Object.assign(new Department(), record);
  }
}
