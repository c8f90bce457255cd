import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { DateScalar } from '../common/scalars.js';
import { isoDay, todayInVietnam } from '../common/dates.js';
import type { ProvincesContext } from '../context.js';
import { Province } from '../province/province.entity.js';
import { Department } from './department.type.js';

/*
 * Departments are reference data held in memory (`ctx.reference.departments`):
 * answering them reads no table, so no query grows with the provinces asked.
 */

@Resolver(() => Department)
export class DepartmentResolver {
  @FieldResolver(() => [Department], { description: 'The departments it replaced (renamed or merged)' })
  predecessors(@Root() department: Department, @Ctx() ctx: ProvincesContext): Department[] {
    return department.predecessorKeys
      .map((key) => ctx.reference.departments.get(key))
      .filter((record) => record !== undefined)
      .map(Department.of);
  }
}

@Resolver(() => Province)
export class ProvinceDepartmentResolver {
  @FieldResolver(() => Department, {
    nullable: true,
    description: 'Its department on `asOf` (default: today in Vietnam); null when it had none that day',
  })
  department(
    @Root() province: Province,
    @Ctx() ctx: ProvincesContext,
    @Arg('asOf', () => DateScalar, { nullable: true }) asOf?: Date | null,
  ): Department | null {
    const record = ctx.reference.departments.at(province.id, asOf ? isoDay(asOf) : todayInVietnam());
    return record ? Department.of(record) : null;
  }

  @FieldResolver(() => [Department], { description: 'Its departments through the years, oldest first' })
  departments(@Root() province: Province, @Ctx() ctx: ProvincesContext): Department[] {
    return ctx.reference.departments.of(province.id).map(Department.of);
  }
}
