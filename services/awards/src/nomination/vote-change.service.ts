import { conflictOn, forbidden, type Viewer } from '@thidua/kit';
import type { EntityManager } from 'typeorm';
import { refuseIfLocked } from '../lock/lock.guard.js';
import { Nomination, NominationStatus } from './nomination.entity.js';
import { closedError, findNomination, type VoteInput } from './nomination.service.js';
import { requireSeason, type SeasonLookup } from './review.js';

/**
 * A member changes the vote it cast, while the nomination is open: the
 * tallies follow, the vote shows the new choice and when it was made, and
 * the change is kept in `vote_change` with who made it.
 */
export async function changeVote(
  em: EntityManager,
  actor: Viewer,
  { nominationId, voterProvinceId, approve }: VoteInput,
  seasons: SeasonLookup,
): Promise<Nomination> {
  if (actor.role !== 'province') {
    throw forbidden(`changeVote: votes are the member provinces'; a ${actor.role} token cannot change one`);
  }
  if (actor.province !== voterProvinceId) {
    throw forbidden(
      `changeVote: voterProvinceId "${voterProvinceId}" is not this token's province "${actor.province}"`,
    );
  }
  const nomination = await findNomination(em, nominationId);
  if (nomination.status !== NominationStatus.OPEN) throw closedError(nomination, 'takes no more vote changes');
  const season = await requireSeason(seasons, nomination.clusterId, nomination.year);
  if (!season.memberIds.includes(voterProvinceId)) {
    throw forbidden(
      `changeVote: "${voterProvinceId}" is not a member of ${nomination.clusterId} in ${nomination.year}`,
    );
  }
  await refuseIfLocked(em, nomination.clusterId, nomination.year, 'changeVote');
  const locked = await findNomination(em, nomination.id, true);
  if (locked.status !== NominationStatus.OPEN) throw closedError(locked, 'takes no more vote changes');
  const [vote]: { approve: boolean }[] = await em.query(
    'SELECT approve FROM vote WHERE nomination_id = $1 AND voter_province_id = $2',
    [locked.id, voterProvinceId],
  );
  if (!vote) {
    throw conflictOn('voterProvinceId', voterProvinceId, `has not voted on nomination ${locked.id}: cast a vote first`);
  }
  if (vote.approve === approve) return locked;
  await em.query(
    `UPDATE vote SET approve = $3, cast_by = $4, cast_at = now() WHERE nomination_id = $1 AND voter_province_id = $2`,
    [locked.id, voterProvinceId, approve, actor.sub],
  );
  await em.query(
    `INSERT INTO vote_change (nomination_id, voter_province_id, approve_before, approve_after, changed_by)
     VALUES ($1, $2, $3, $4, $5)`,
    [locked.id, voterProvinceId, vote.approve, approve, actor.sub],
  );
  locked.votesFor += approve ? 1 : -1;
  locked.votesAgainst += approve ? -1 : 1;
  await em
    .getRepository(Nomination)
    .update({ id: locked.id }, { votesFor: locked.votesFor, votesAgainst: locked.votesAgainst });
  return locked;
}
