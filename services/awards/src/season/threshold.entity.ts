import { Field, Float, Int, ObjectType } from 'type-graphql';
import { Column, Entity, PrimaryColumn } from 'typeorm';
import { DateTimeScalar } from '../common/scalars.js';

/** The default rule: adopted when votes for are more than half of the season's members. */
export const defaultThreshold = { percent: 50, inclusive: false } as const;

/** How many votes for a nomination needs, as a share of the season's members. */
@ObjectType({ description: "How many votes for a nomination needs, as a share of the season's members" })
@Entity({ name: 'adoption_threshold' })
export class AdoptionThreshold {
  @PrimaryColumn({ name: 'cluster_id', type: 'text' })
  clusterId!: string;

  @PrimaryColumn({ type: 'int' })
  year!: number;

  @Field(() => Int, { description: '0 for the default rule, then 1, 2, … for each change' })
  @PrimaryColumn({ type: 'int' })
  revision!: number;

  @Field(() => Float, { description: 'Percent of the members, e.g. 50' })
  @Column({ type: 'double precision' })
  percent!: number;

  @Field({ description: 'True: reaching the percent is enough ("at least"); false: more than it is needed' })
  @Column({ type: 'boolean' })
  inclusive!: boolean;

  @Field({ description: 'Who set it ("default" for the built-in rule)' })
  @Column({ type: 'text' })
  actor!: string;

  @Field(() => DateTimeScalar, { nullable: true })
  @Column({ type: 'timestamptz', default: () => 'now()' })
  at!: Date | null;

  @Field({ description: 'The rule in words, e.g. "more than 50% of the members"' })
  get description(): string {
    return `${this.inclusive ? 'at least' : 'more than'} ${this.percent}% of the members`;
  }

  /** Whether `votesFor` out of `members` meets the rule (compared as votes × 100 against percent × members). */
  isMet(votesFor: number, members: number): boolean {
    const cast = votesFor * 100;
    const needed = this.percent * members;
    return this.inclusive ? cast >= needed : cast > needed;
  }

  /** The smallest number of votes for that adopts, with `members` members. */
  votesNeeded(members: number): number {
    for (let votes = 0; votes <= members; votes += 1) if (this.isMet(votes, members)) return votes;
    return members + 1;
  }
}

/** The default rule as a threshold value (revision 0, never stored). */
export function defaultAdoptionThreshold(clusterId: string, year: number): AdoptionThreshold {
  return Object.assign(new AdoptionThreshold(), {
    clusterId,
    year,
    revision: 0,
    ...defaultThreshold,
    actor: 'default',
    at: null,
  });
}
