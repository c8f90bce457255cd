import { conflict, forbidden, notFound, refuseOnNode, requireViewer } from '@thidua/kit';
import { isUuid } from '../commendation/commendation.service.js';
import type { AwardsContext } from '../context.js';
import { Nomination, NominationStatus } from './nomination.entity.js';
import { requireSeason } from './nomination.service.js';

/**
 * A member changes the vote it cast, while the nomination is open: the
 * tallies follow, the vote shows the new choice and when it was made, and
 * the change is kept in `vote_change` with who made it.
 */
export async function changeVote(
  ctx: AwardsContext,
  nominationId: string,
  voterProvinceId: string,
  approve: boolean,
): Promise<Nomination> {
  refuseOnNode(ctx, 'changeVote');
  const who = requireViewer(ctx.viewer);
  if (who.role !== 'province') {
    throw forbidden(`changeVote: votes are the member provinces'; a ${who.role} token cannot change one`);
  }
  if (who.province !== voterProvinceId) {
    throw forbidden(`changeVote: voterProvinceId "${voterProvinceId}" is not this token's province "${who.province}"`);
  }
  const found = isUuid(nominationId) ? await ctx.db.getRepository(Nomination).findOneBy({ id: nominationId }) : null;
  if (!found) throw notFound('nomination', nominationId);
  const season = await requireSeason(ctx, found.clusterId, found.year);
  if (!season.memberIds.includes(voterProvinceId)) {
    throw forbidden(`changeVote: "${voterProvinceId}" is not a member of ${found.clusterId} in ${found.year}`);
  }
  return ctx.db.transaction(async (tx) => {
    const nomination = await tx
      .getRepository(Nomination)
      .createQueryBuilder('n')
      .setLock('pessimistic_write')
      .where('n.id = :id', { id: nominationId })
      .getOne();
    if (!nomination) throw notFound('nomination', nominationId);
    if (nomination.status !== NominationStatus.OPEN) {
      throw conflict(`nomination ${nomination.id} is closed (${nomination.status}): its votes can no longer change`);
    }
    const [vote]: { approve: boolean }[] = await tx.query(
      'SELECT approve FROM vote WHERE nomination_id = $1 AND voter_province_id = $2',
      [nomination.id, voterProvinceId],
    );
    if (!vote) throw conflict(`"${voterProvinceId}" has not voted on nomination ${nomination.id}: cast a vote first`);
    if (vote.approve === approve) return nomination;
    await tx.query(
      `UPDATE vote SET approve = $3, cast_by = $4, cast_at = now() WHERE nomination_id = $1 AND voter_province_id = $2`,
      [nomination.id, voterProvinceId, approve, who.sub],
    );
    await tx.query(
      `INSERT INTO vote_change (nomination_id, voter_province_id, approve_before, approve_after, changed_by)
       VALUES ($1, $2, $3, $4, $5)`,
      [nomination.id, voterProvinceId, vote.approve, approve, who.sub],
    );
    nomination.votesFor += approve ? 1 : -1;
    nomination.votesAgainst += approve ? -1 : 1;
    await tx
      .getRepository(Nomination)
      .update({ id: nomination.id }, { votesFor: nomination.votesFor, votesAgainst: nomination.votesAgainst });
    return nomination;
  });
}
