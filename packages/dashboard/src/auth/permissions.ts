import type { SessionUser } from './session';

/**
 * What the interface offers a signed-in account. The server decides (every
 * write is checked by the subgraph that owns the data); these only keep
 * controls away from people who could not use them.
 */
export const isAdmin = (user: SessionUser | null | undefined) => user?.role === 'ADMIN';

/** The Ministry and admins act for every cluster and province. */
export const isNational = (user: SessionUser | null | undefined) => user?.role === 'ADMIN' || user?.role === 'MINISTRY';

/** The unit's validity, as the API gives it ("YYYY-MM-DD" or null). */
export interface Validity {
  validFrom: string | null;
  validUntil: string | null;
}

/** Whether a unit existed at some time in `year`. */
export function existedIn(unit: Validity, year: number): boolean {
  const from = unit.validFrom ? Number(unit.validFrom.slice(0, 4)) : -Infinity;
  const until = unit.validUntil ? Number(unit.validUntil.slice(0, 4)) : Infinity;
  return from <= year && year <= until;
}

/**
 * Writes a province's figures and commendations for `year`: the Ministry and
 * admins any; a province account its own, in the years its province existed.
 */
export function canWriteProvince(user: SessionUser | null | undefined, provinceId: string): boolean {
  if (!user) return false;
  if (isNational(user)) return true;
  return user.role === 'PROVINCE' && user.provinceId === provinceId;
}

/** Runs a season's review: its head's account, the Ministry and admins. */
export function canManageReview(user: SessionUser | null | undefined, headId: string | null | undefined): boolean {
  if (!user) return false;
  if (isNational(user)) return true;
  return user.role === 'PROVINCE' && headId != null && user.provinceId === headId;
}

/** Votes in a season's review: a member province's own account. */
export function voterOf(user: SessionUser | null | undefined, memberIds: readonly string[]): string | null {
  if (user?.role !== 'PROVINCE' || !user.provinceId) return null;
  return memberIds.includes(user.provinceId) ? user.provinceId : null;
}
