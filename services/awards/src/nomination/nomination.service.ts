import {
  badInput,
  checkSlug,
  checkUuid,
  conflictOn,
  forbidden,
  isUniqueViolation,
  notFound,
  type Viewer,
} from '@thidua/kit';
import { checkYear } from '@thidua/kit/reference';
import type { EntityManager } from 'typeorm';
import { CatalogueEntry, IssuingLevel, RecipientKind, type CommendationForm } from '../catalogue/catalogue.entity.js';
import { isUuid } from '../commendation/commendation.service.js';
import { refuseIfLocked } from '../lock/lock.guard.js';
import { decideByVote } from '../review/decision.js';
import { quorumOf, refuseOverCap } from '../review/review.service.js';
import { AdoptionThreshold, defaultAdoptionThreshold } from '../season/threshold.entity.js';
import { Nomination, NominationStatus } from './nomination.entity.js';
import { Vote } from './vote.entity.js';
import { requireReviewer, requireReviewManager, requireSeason, type SeasonLookup } from './review.js';

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

/** The nomination, unlocked (to check before asking provinces) or locked (to change it). */
export async function findNomination(em: EntityManager, id: string, lock = false): Promise<Nomination> {
  checkUuid('nominationId', id, 'a nomination');
  const nomination = isUuid(id)
    ? await em.findOne(Nomination, { where: { id }, ...(lock ? { lock: { mode: 'pessimistic_write' } } : {}) })
    : null;
  if (!nomination) throw notFound('nomination', id);
  return nomination;
}

export function closedError(nomination: Nomination, what: string): Error {
  return conflictOn('nominationId', nomination.id, `is a nomination already closed (${nomination.status}): it ${what}`);
}

export interface NominationInput {
  clusterId: string;
  year: number;
  provinceId: string;
  form: CommendationForm;
}

/** Proposes a member of a season for a Ministry or Government form (the season's head, the Ministry or an admin). */
export async function nominate(
  em: EntityManager,
  actor: Viewer,
  { clusterId, year, provinceId, form }: NominationInput,
  seasons: SeasonLookup,
): Promise<Nomination> {
  requireReviewer(actor, 'nominate');
  checkSlug('clusterId', clusterId);
  checkYear('year', year);
  const season = await requireSeason(seasons, clusterId, year);
  requireReviewManager(actor, season, 'nominate');
  const entry = await em.getRepository(CatalogueEntry).findOneByOrFail({ form });
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
  await refuseIfLocked(em, clusterId, year, 'nominate');
  try {
    const repository = em.getRepository(Nomination);
    return await repository.save(
      repository.create({
        clusterId,
        year,
        provinceId,
        form,
        status: NominationStatus.OPEN,
        votesFor: 0,
        votesAgainst: 0,
        nominatedBy: actor.sub,
        nominatedAt: new Date(),
      }),
    );
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflictOn('provinceId', provinceId, `is already nominated for ${form} in ${clusterId} ${year}`);
    }
    throw error;
  }
}

export interface VoteInput {
  nominationId: string;
  voterProvinceId: string;
  approve: boolean;
}

/**
 * One member's vote, cast with its own province token, once per nomination.
 * The Ministry and admins do not vote: the review's votes are the member departments'.
 */
export async function castVote(
  em: EntityManager,
  actor: Viewer,
  { nominationId, voterProvinceId, approve }: VoteInput,
  seasons: SeasonLookup,
): Promise<Nomination> {
  if (actor.role !== 'province') {
    throw forbidden(
      `castVote: votes are cast by member provinces with their own token; a ${actor.role} token cannot vote, ` +
        'not even on behalf of a province',
    );
  }
  if (actor.province !== voterProvinceId) {
    throw forbidden(`castVote: voterProvinceId "${voterProvinceId}" is not this token's province "${actor.province}"`);
  }
  const nomination = await findNomination(em, nominationId);
  if (nomination.status !== NominationStatus.OPEN) throw closedError(nomination, 'takes no more votes');
  const season = await requireSeason(seasons, nomination.clusterId, nomination.year);
  if (!season.memberIds.includes(voterProvinceId)) {
    throw forbidden(
      `castVote: "${voterProvinceId}" is not a member of ${nomination.clusterId} in ${nomination.year}; only members vote`,
    );
  }
  await refuseIfLocked(em, nomination.clusterId, nomination.year, 'castVote');
  const locked = await findNomination(em, nomination.id, true);
  if (locked.status !== NominationStatus.OPEN) throw closedError(locked, 'takes no more votes');
  const inserted = await em
    .createQueryBuilder()
    .insert()
    .into(Vote)
    .values({ nominationId: locked.id, voterProvinceId, approve, castBy: actor.sub })
    .orIgnore()
    .returning('nomination_id')
    .execute();
  if (inserted.raw.length === 0) {
    throw conflictOn(
      'voterProvinceId',
      voterProvinceId,
      `has already voted on nomination ${locked.id}; each member votes once`,
    );
  }
  if (approve) locked.votesFor += 1;
  else locked.votesAgainst += 1;
  await em
    .getRepository(Nomination)
    .update({ id: locked.id }, { votesFor: locked.votesFor, votesAgainst: locked.votesAgainst });
  return locked;
}

/** The threshold in force for a season, read inside the deciding transaction. */
async function currentThreshold(em: EntityManager, clusterId: string, year: number): Promise<AdoptionThreshold> {
  const latest = await em
    .getRepository(AdoptionThreshold)
    .findOne({ where: { clusterId, year }, order: { revision: 'DESC' } });
  return latest ?? defaultAdoptionThreshold(clusterId, year);
}

/**
 * Decides a nomination (its season's head, the Ministry or an admin): ADOPTED
 * when the season's quorum voted (default: more than half of the members) and
 * the votes for meet its threshold (default: more than half of the members),
 * else REJECTED. Adopting beyond the season's cap for the form is refused.
 */
export async function closeNomination(
  em: EntityManager,
  actor: Viewer,
  { nominationId }: { nominationId: string },
  seasons: SeasonLookup,
): Promise<Nomination> {
  requireReviewer(actor, 'closeNomination');
  const nomination = await findNomination(em, nominationId);
  if (nomination.status !== NominationStatus.OPEN) throw closedError(nomination, 'cannot be closed again');
  const season = await requireSeason(seasons, nomination.clusterId, nomination.year);
  requireReviewManager(actor, season, 'closeNomination');
  await refuseIfLocked(em, nomination.clusterId, nomination.year, 'closeNomination');
  const locked = await findNomination(em, nomination.id, true);
  if (locked.status !== NominationStatus.OPEN) throw closedError(locked, 'cannot be closed again');
  const threshold = await currentThreshold(em, locked.clusterId, locked.year);
  const members = season.memberIds.length;
  const decision = decideByVote({
    votesFor: locked.votesFor,
    votesAgainst: locked.votesAgainst,
    members,
    quorum: await quorumOf(em, locked.clusterId, locked.year),
    isAdopted: (votes, of) => threshold.isMet(votes, of),
  });
  if (decision.adopted) await refuseOverCap(em, locked.clusterId, locked.year, locked.form);
  Object.assign(locked, {
    status: decision.adopted ? NominationStatus.ADOPTED : NominationStatus.REJECTED,
    decisionNote: decision.note,
    membersAtClose: members,
    thresholdPercent: threshold.percent,
    thresholdInclusive: threshold.inclusive,
    closedBy: actor.sub,
    closedAt: new Date(),
  });
  return em.getRepository(Nomination).save(locked);
}
