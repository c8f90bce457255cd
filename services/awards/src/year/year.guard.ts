import { badInput, forbidden, isNational, requireViewer, type Role, type Viewer } from '@thidua/kit';
import type { EntityManager } from 'typeorm';
import type { SeasonFacts } from '../provinces-client/season-directory.js';
import { SeasonEvent } from './season-event.entity.js';
import { SeasonYear } from './season-year.entity.js';

/** A signed-in person (never a service), as operations receive them. */
export type Actor = Viewer & { role: Role };

/** Someone who signs in to act: a viewer token only reads. */
export function requireActor(viewer: Viewer | null, action: string): Actor {
  const who = requireViewer(viewer);
  if (who.role === 'viewer') {
    throw forbidden(`${action} needs an admin, ministry or province token; this token has viewer`);
  }
  return who;
}

/** The season's head, the Ministry or an admin. */
export function requireHeadOrMinistry(who: Actor, season: SeasonFacts, action: string): void {
  if (isNational(who)) return;
  if (who.role === 'province' && season.headId !== null && who.province === season.headId) return;
  throw forbidden(
    `${action} for ${season.clusterId} ${season.year} may be done by the season's head` +
      `${season.headId ? ` ("${season.headId}")` : ''}, the Ministry or an admin`,
  );
}

/** The Ministry's emulation office (role ministry) only. */
export function requireMinistry(who: Actor, action: string): void {
  if (who.role !== 'ministry') throw forbidden(`${action} is for the Ministry only; this token has ${who.role}`);
}

/** A member acting for itself, with its own province token. */
export function requireOwnMember(who: Actor, season: SeasonFacts, provinceId: string, action: string): void {
  if (who.role !== 'province' || who.province !== provinceId) {
    throw forbidden(`${action}: only "${provinceId}" itself, with its own province token, does this`);
  }
  requireMember(season, provinceId, 'provinceId');
}

/**
 * Who appraises a member's assessment: the head, or for the head's own
 * assessment the deputy head (nobody appraises itself); the Ministry and
 * admins always.
 */
export function requireAppraiser(who: Actor, season: SeasonFacts, provinceId: string, action: string): void {
  if (isNational(who)) return;
  const appraiser = provinceId === season.headId ? season.deputyHeadId : season.headId;
  if (who.role === 'province' && appraiser !== null && who.province === appraiser) return;
  const whom = provinceId === season.headId ? "the deputy head (the head's own assessment)" : "the season's head";
  throw forbidden(
    `${action} of "${provinceId}" in ${season.clusterId} ${season.year} is done by ${whom}` +
      `${appraiser ? ` ("${appraiser}")` : ''}, the Ministry or an admin`,
  );
}

/** The province is a member of the season, or BAD_USER_INPUT naming `field`. */
export function requireMember(season: SeasonFacts, provinceId: string, field: string): void {
  if (!season.memberIds.includes(provinceId)) {
    throw badInput(field, provinceId, `is not a member of ${season.clusterId} in ${season.year}`);
  }
}

/**
 * The season's year row, created when missing and locked FOR UPDATE: every
 * write to one season's year queues behind the others.
 */
export async function takeSeasonYear(tx: EntityManager, clusterId: string, year: number): Promise<SeasonYear> {
  await tx.query('INSERT INTO season_year (cluster_id, year) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
    clusterId,
    year,
  ]);
  return tx
    .getRepository(SeasonYear)
    .createQueryBuilder('y')
    .setLock('pessimistic_write')
    .where('y.cluster_id = :clusterId AND y.year = :year', { clusterId, year })
    .getOneOrFail();
}

/** Appends one step to the season's history. */
export async function recordEvent(
  tx: EntityManager,
  season: { clusterId: string; year: number },
  actor: string,
  action: string,
  detail: string | null = null,
): Promise<void> {
  await tx.getRepository(SeasonEvent).insert({ clusterId: season.clusterId, year: season.year, actor, action, detail });
}
