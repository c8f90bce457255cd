import {
  badInput,
  checkSlug,
  conflict,
  forbidden,
  isNational,
  isUniqueViolation,
  notFound,
  refuseOnNode,
  requireViewer,
  type Viewer,
} from '@thidua/kit';
import { checkYear } from '@thidua/kit/reference';
import type { EntityManager } from 'typeorm';
import { IssuingLevel, RecipientKind, type CatalogueEntry } from '../catalogue/catalogue.entity.js';
import { isUuid } from '../commendation/commendation.service.js';
import type { AwardsContext } from '../context.js';
import { refuseIfLocked } from '../lock/lock.guard.js';
import type { SeasonFacts } from '../provinces-client/season-directory.js';
import { decideByVote } from '../review/decision.js';
import { quorumOf, refuseOverCap } from '../review/review.operations.js';
import { firstVoteAt } from '../year/year.operations.js';
import { AdoptionThreshold, defaultAdoptionThreshold } from '../season/threshold.entity.js';
import { Nomination, NominationStatus } from './nomination.entity.js';

/** A cluster proposes its members to the Ministry, which confers or forwards Government-level forms. */
const proposedLevels: ReadonlySet<IssuingLevel> = new Set([
  IssuingLevel.MINISTRY,
  IssuingLevel.PRIME_MINISTER,
  IssuingLevel.GOVERNMENT,
]);

/** Whether a cluster review may propose this form for a member department. */
export function isProposable(entry: CatalogueEntry): boolean {
  return proposedLevels.has(entry.issuingLevel) && entry.recipientKinds.includes(RecipientKind.DEPARTMENT);
}

/** The review is run by someone who signs in: a viewer token only reads. */
function requireActor(viewer: Viewer | null, action: string): Viewer {
  const who = requireViewer(viewer);
  if (who.role === 'viewer')
    throw forbidden(`${action} needs an admin, ministry or province token; this token has viewer`);
  return who;
}

/** The season as the provinces subgraph has it; an unknown season is bad input. */
export async function requireSeason(ctx: AwardsContext, clusterId: string, year: number): Promise<SeasonFacts> {
  const season = await ctx.seasons.season(clusterId, year, ctx.logger);
  if (!season) throw badInput('year', year, `has no season of cluster "${clusterId}"`);
  return season;
}

/** The season's head runs its review; the Ministry and admins may too. */
export function requireReviewManager(who: Viewer, season: SeasonFacts, action: string): void {
  if (isNational(who)) return;
  if (who.role === 'province' && season.headId !== null && who.province === season.headId) return;
  throw forbidden(
    `${action} for ${season.clusterId} ${season.year} may be done by the season's head` +
      `${season.headId ? ` ("${season.headId}")` : ''}, the Ministry or an admin`,
  );
}

async function lockNomination(db: EntityManager, id: string): Promise<Nomination> {
  const nomination = await db
    .getRepository(Nomination)
    .createQueryBuilder('n')
    .setLock('pessimistic_write')
    .where('n.id = :id', { id })
    .getOne();
  if (!nomination) throw notFound('nomination', id);
  return nomination;
}

async function findNomination(ctx: AwardsContext, id: string): Promise<Nomination> {
  const nomination = isUuid(id) ? await ctx.db.getRepository(Nomination).findOneBy({ id }) : null;
  if (!nomination) throw notFound('nomination', id);
  return nomination;
}

function closedError(nomination: Nomination, what: string): Error {
  return conflict(`nomination ${nomination.id} is closed (${nomination.status}): it ${what}`);
}

/** Proposes a member of a season for a form (the season's head, the Ministry or an admin). */
export async function nominate(
  ctx: AwardsContext,
  clusterId: string,
  year: number,
  provinceId: string,
  form: CatalogueEntry['form'],
): Promise<Nomination> {
  refuseOnNode(ctx, 'nominate');
  const who = requireActor(ctx.viewer, 'nominate');
  checkSlug('clusterId', clusterId);
  checkYear('year', year);
  const season = await requireSeason(ctx, clusterId, year);
  requireReviewManager(who, season, 'nominate');
  const entry = (await ctx.loaders.catalogueByForm()).get(form)!;
  if (!isProposable(entry)) {
    throw badInput(
      'form',
      form,
      `("${entry.name}") is not proposed by a cluster review: propose a Ministry or Government form for the department`,
    );
  }
  if (!season.memberIds.includes(provinceId)) {
    throw badInput(
      'provinceId',
      provinceId,
      `is not a member of ${clusterId} in ${year}; only members can be nominated`,
    );
  }
  try {
    return await ctx.db.transaction(async (tx) => {
      await refuseIfLocked(tx, clusterId, year, 'nominate');
      return tx.getRepository(Nomination).save(
        tx.getRepository(Nomination).create({
          clusterId,
          year,
          provinceId,
          form,
          status: NominationStatus.OPEN,
          votesFor: 0,
          votesAgainst: 0,
          nominatedBy: who.sub,
          nominatedAt: new Date(),
        }),
      );
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflict(`${provinceId} is already nominated for ${form} in ${clusterId} ${year}`);
    }
    throw error;
  }
}

/**
 * One member's vote, cast with its own province token. The Ministry and admins
 * do not vote: the review's votes are the member departments'.
 */
export async function castVote(
  ctx: AwardsContext,
  nominationId: string,
  voterProvinceId: string,
  approve: boolean,
): Promise<Nomination> {
  refuseOnNode(ctx, 'castVote');
  const who = requireViewer(ctx.viewer);
  if (who.role !== 'province') {
    throw forbidden(
      `castVote: votes are cast by member provinces with their own token; a ${who.role} token cannot vote, ` +
        'not even on behalf of a province',
    );
  }
  if (who.province !== voterProvinceId) {
    throw forbidden(`castVote: voterProvinceId "${voterProvinceId}" is not this token's province "${who.province}"`);
  }
  const nomination = await findNomination(ctx, nominationId);
  if (nomination.status !== NominationStatus.OPEN) throw closedError(nomination, 'takes no more votes');
  const season = await requireSeason(ctx, nomination.clusterId, nomination.year);
  if (!season.memberIds.includes(voterProvinceId)) {
    throw forbidden(
      `castVote: "${voterProvinceId}" is not a member of ${nomination.clusterId} in ${nomination.year}; only members vote`,
    );
  }
  return ctx.db.transaction(async (tx) => {
    await refuseIfLocked(tx, nomination.clusterId, nomination.year, 'castVote');
    const locked = await lockNomination(tx, nomination.id);
    if (locked.status !== NominationStatus.OPEN) throw closedError(locked, 'takes no more votes');
    const inserted: unknown[] = await tx.query(
      `INSERT INTO vote (nomination_id, voter_province_id, approve, cast_by) VALUES ($1, $2, $3, $4)
       ON CONFLICT DO NOTHING RETURNING 1`,
      [locked.id, voterProvinceId, approve, who.sub],
    );
    if (inserted.length === 0) {
      throw conflict(`"${voterProvinceId}" has already voted on nomination ${locked.id}; each member votes once`);
    }
    if (approve) locked.votesFor += 1;
    else locked.votesAgainst += 1;
    await tx
      .getRepository(Nomination)
      .update({ id: locked.id }, { votesFor: locked.votesFor, votesAgainst: locked.votesAgainst });
    return locked;
  });
}

/** The threshold in force for a season, read inside the deciding transaction. */
async function currentThreshold(db: EntityManager, clusterId: string, year: number): Promise<AdoptionThreshold> {
  const latest = await db
    .getRepository(AdoptionThreshold)
    .findOne({ where: { clusterId, year }, order: { revision: 'DESC' } });
  return latest ?? defaultAdoptionThreshold(clusterId, year);
}

/**
 * Decides a nomination: ADOPTED when the season's quorum voted (default: more
 * than half of the members) and the votes for meet its threshold (default:
 * more than half of the members), else REJECTED. Adopting beyond the season's
 * cap for the form is refused.
 */
export async function closeNomination(ctx: AwardsContext, nominationId: string): Promise<Nomination> {
  refuseOnNode(ctx, 'closeNomination');
  const who = requireActor(ctx.viewer, 'closeNomination');
  const nomination = await findNomination(ctx, nominationId);
  if (nomination.status !== NominationStatus.OPEN) throw closedError(nomination, 'cannot be closed again');
  const season = await requireSeason(ctx, nomination.clusterId, nomination.year);
  requireReviewManager(who, season, 'closeNomination');
  return ctx.db.transaction(async (tx) => {
    await refuseIfLocked(tx, nomination.clusterId, nomination.year, 'closeNomination');
    const locked = await lockNomination(tx, nomination.id);
    if (locked.status !== NominationStatus.OPEN) throw closedError(locked, 'cannot be closed again');
    const threshold = await currentThreshold(tx, locked.clusterId, locked.year);
    const members = season.memberIds.length;
    const decision = decideByVote({
      votesFor: locked.votesFor,
      votesAgainst: locked.votesAgainst,
      members,
      quorum: await quorumOf(tx, locked.clusterId, locked.year),
      isAdopted: (votes, of) => threshold.isMet(votes, of),
    });
    if (decision.adopted) await refuseOverCap(tx, locked.clusterId, locked.year, locked.form);
    Object.assign(locked, {
      status: decision.adopted ? NominationStatus.ADOPTED : NominationStatus.REJECTED,
      decisionNote: decision.note,
      membersAtClose: members,
      thresholdPercent: threshold.percent,
      thresholdInclusive: threshold.inclusive,
      closedBy: who.sub,
      closedAt: new Date(),
    });
    return tx.getRepository(Nomination).save(locked);
  });
}

/** Sets a season's adoption threshold (its head, the Ministry or an admin); earlier values stay as history. */
export async function setAdoptionThreshold(
  ctx: AwardsContext,
  clusterId: string,
  year: number,
  percent: number,
  inclusive: boolean,
): Promise<AdoptionThreshold> {
  refuseOnNode(ctx, 'setAdoptionThreshold');
  const who = requireActor(ctx.viewer, 'setAdoptionThreshold');
  checkSlug('clusterId', clusterId);
  checkYear('year', year);
  if (!Number.isFinite(percent) || percent <= 0 || percent > 100) {
    throw badInput('percent', percent, 'is not a percentage above 0 and at most 100');
  }
  if (percent === 100 && !inclusive) {
    throw badInput('percent', percent, 'can never be exceeded: for "every member" use inclusive: true');
  }
  const season = await requireSeason(ctx, clusterId, year);
  requireReviewManager(who, season, 'setAdoptionThreshold');
  return ctx.db.transaction(async (tx) => {
    // Serialises changes to one season's threshold so revisions stay consecutive.
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`adoption_threshold:${clusterId}:${year}`]);
    await refuseIfLocked(tx, clusterId, year, 'setAdoptionThreshold');
    const first = await firstVoteAt(tx, clusterId, year);
    if (first) {
      throw conflict(
        `The review of ${clusterId} ${year} had its first vote at ${first.toISOString()}: ` +
          'its adoption threshold is fixed from then on',
      );
    }
    const [{ next }] = await tx.query(
      'SELECT coalesce(max(revision), 0) + 1 AS next FROM adoption_threshold WHERE cluster_id = $1 AND year = $2',
      [clusterId, year],
    );
    return tx
      .getRepository(AdoptionThreshold)
      .save(
        tx
          .getRepository(AdoptionThreshold)
          .create({ clusterId, year, revision: next, percent, inclusive, actor: who.sub, at: new Date() }),
      );
  });
}
