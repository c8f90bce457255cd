/**
 * The shape of a bad-input case. The corpus (index.ts) covers every mutation
 * of the public API and its main queries, each given inputs a careless or
 * hostile client sends. Every case must answer its code (BAD_USER_INPUT, or
 * CONFLICT for a duplicate), name the field and the value, and store nothing
 * (../bad-inputs.test.ts runs them).
 */

/** The subgraph databases a case could write to: every row of them is compared before and after. */
export type Store = 'provinces' | 'awards' | 'metrics';

/** What kind of mistake a case makes (the report counts failures by kind). */
export type Category =
  | 'number' // a number no double holds (1e999) or out of its range
  | 'text' // NUL, control or invisible characters, empty, too long, not well-formed
  | 'id' // a record id or slug of the wrong shape
  | 'date' // a Date or DateTime that is not one
  | 'type' // a value of the wrong GraphQL type, in a literal or a variable
  | 'reference' // something that does not exist (a province, an indicator, a season)
  | 'rule' // a domain rule (periods, units, members, thresholds)
  | 'duplicate'; // a copy of what is stored, differing only in ways a reader cannot see

/** What the runner creates first, for cases that need stored records. */
export interface Fixtures {
  commendationId: string;
  otherCommendationId: string;
  openNominationId: string;
  closedNominationId: string;
}

export interface BadInputCase {
  category: Category;
  name: string;
  query: string;
  variables?: Record<string, unknown> | ((f: Fixtures) => Record<string, unknown>);
  /** The variables as JSON text, for values JavaScript cannot write as JSON (1e999). */
  rawVariables?: string;
  /** Who sends it: an admin unless a province is named. */
  province?: string;
  code?: 'BAD_USER_INPUT' | 'CONFLICT';
  /** The field the error names, in extensions.field or in its message. */
  field: string;
  /** The value the error names, in extensions.value or in its message. */
  value: unknown | ((f: Fixtures) => unknown);
  stores: Store[];
}

export const A: Store[] = ['awards'];
export const M: Store[] = ['metrics'];
export const P: Store[] = ['provinces'];

export const long = (n: number) => 'x'.repeat(n);
/** What an error shows of a text too long to repeat: its first 40 characters. */
export const cut = (n: number) => `${long(Math.min(n, 40))}…`;
