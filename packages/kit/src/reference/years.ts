import { badInput } from '../errors.js';

/** The first year thidua keeps data for. */
export const FIRST_YEAR = 2000;

/** The latest year data may be entered for: next year's season is planned ahead. */
export function lastYear(now = new Date()): number {
  return now.getUTCFullYear() + 1;
}

/** A year within 2000 … current year + 1, or BAD_USER_INPUT naming `field`. */
export function checkYear(field: string, year: number): number {
  if (!Number.isInteger(year) || year < FIRST_YEAR || year > lastYear()) {
    throw badInput(field, year, `is not a year between ${FIRST_YEAR} and ${lastYear()}`);
  }
  return year;
}
