import { appendRevision, badInput, checkSlug, conflict, type Viewer } from '@thidua/kit';
import { checkYear } from '@thidua/kit/reference';
import type { EntityManager } from 'typeorm';
import { requireReviewer, requireReviewManager, requireSeason, type SeasonLookup } from '../nomination/review.js';
import { refuseIfLocked } from '../lock/lock.guard.js';
import { firstVoteAt } from '../year/year.service.js';
import { AdoptionThreshold } from './threshold.entity.js';

export interface ThresholdInput {
  clusterId: string;
  year: number;
  /** Percent of the season's members, above 0 and at most 100. */
  percent: number;
  /** True: reaching the percent adopts ("at least"); false: more than it is needed. */
  inclusive: boolean;
}

/**
 * Sets a season's adoption threshold (its head, the Ministry or an admin) as
 * the next revision of the season's thresholds; earlier values stay as history.
 * Fixed once the review's first vote is cast, and refused on a locked season.
 */
export async function setAdoptionThreshold(
  em: EntityManager,
  actor: Viewer,
  { clusterId, year, percent, inclusive }: ThresholdInput,
  seasons: SeasonLookup,
): Promise<number> {
  requireReviewer(actor, 'setAdoptionThreshold');
  checkSlug('clusterId', clusterId);
  checkYear('year', year);
  if (!Number.isFinite(percent) || percent <= 0 || percent > 100) {
    throw badInput('percent', percent, 'is not a percentage above 0 and at most 100');
  }
  if (percent === 100 && !inclusive) {
    throw badInput('percent', percent, 'can never be exceeded: for "every member" use inclusive: true');
  }
  const season = await requireSeason(seasons, clusterId, year);
  requireReviewManager(actor, season, 'setAdoptionThreshold');
  await refuseIfLocked(em, clusterId, year, 'setAdoptionThreshold');
  const first = await firstVoteAt(em, clusterId, year);
  if (first) {
    throw conflict(
      `The review of ${clusterId} ${year} had its first vote at ${first.toISOString()}: ` +
        'its adoption threshold is fixed from then on',
    );
  }
  return appendRevision(
    em,
    AdoptionThreshold,
    { clusterId, year },
    { percent, inclusive, actor: actor.sub, at: new Date() },
  );
}
