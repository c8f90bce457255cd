import { appendRevision, badInput, checkSlug, type Viewer } from '@thidua/kit';
import { checkYear } from '@thidua/kit/reference';
import type { EntityManager } from 'typeorm';
import { requireReviewer, requireReviewManager, requireSeason, type SeasonLookup } from '../nomination/review.js';
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
  return appendRevision(
    em,
    AdoptionThreshold,
    { clusterId, year },
    { percent, inclusive, actor: actor.sub, at: new Date() },
  );
}
