import type { AwardsContext } from '../context.js';
import { indicatorScores } from '../metrics-client/figures.js';
import type { SeasonFacts } from '../provinces-client/season-directory.js';
import { Criterion } from '../sheet/criterion.entity.js';
import type { RuleScores } from './assessment.service.js';
import { ruleScore } from './scoring.js';

/**
 * The rule's score of each indicator-linked criterion for one member, from
 * metrics' figures now (one request; none when no criterion is linked).
 */
export async function ruleScoresFor(ctx: AwardsContext, season: SeasonFacts, provinceId: string): Promise<RuleScores> {
  const criteria = await ctx.db.getRepository(Criterion).findBy({ clusterId: season.clusterId, year: season.year });
  const linked = criteria.filter((c) => c.indicatorCode !== null);
  const scores = await indicatorScores(
    ctx.links.metrics,
    { clusterId: season.clusterId, year: season.year, memberIds: season.memberIds },
    [...new Set(linked.map((c) => c.indicatorCode!))],
    ctx.logger,
  );
  return new Map(linked.map((c) => [c.id, ruleScore(c.maxPoints, scores.get(c.indicatorCode!)?.get(provinceId))]));
}
