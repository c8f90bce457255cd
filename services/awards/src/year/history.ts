import type { AwardsContext } from '../context.js';
import { NominationStatus } from '../nomination/nomination.entity.js';
import { SeasonEvent } from './season-event.entity.js';
import { DecisionMode } from './year.types.js';

function event(at: Date, actor: string, action: string, detail: string | null): SeasonEvent {
  return Object.assign(new SeasonEvent(), { at, actor, action, detail });
}

/**
 * Every step of a season's year in order: the year's own log (rules, sheet,
 * compact, assessments, election, lock, reopening), and the review's steps
 * read from its records (nominations, votes, decisions, thresholds), so no
 * step is written twice. Batched per request like every season field.
 */
export async function seasonHistory(ctx: AwardsContext, clusterId: string, year: number): Promise<SeasonEvent[]> {
  const key = { clusterId: clusterId, year: year };
  const [logged, nominations, thresholds] = await Promise.all([
    ctx.loaders.year.events.load(key),
    ctx.loaders.nominationsOfSeason.load(key),
    ctx.loaders.thresholdsOfSeason.load(key),
  ]);
  const votes = await Promise.all(nominations.map((n) => ctx.loaders.votesOf.load(n.id)));
  const steps: SeasonEvent[] = [...logged];
  nominations.forEach((n, i) => {
    const what = `${n.provinceId}: ${n.form}`;
    const oneStep = n.mode === DecisionMode.CONSENSUS && n.closedAt?.getTime() === n.nominatedAt.getTime();
    if (!oneStep) steps.push(event(n.nominatedAt, n.nominatedBy, 'nominate', what));
    for (const vote of votes[i]) {
      steps.push(event(vote.castAt, vote.castBy, 'castVote', `${vote.voterProvinceId} on ${what}`));
    }
    if (n.closedAt && n.closedBy) {
      if (n.status === NominationStatus.WITHDRAWN) {
        steps.push(event(n.closedAt, n.closedBy, 'withdrawNomination', `${what}; reason: ${n.withdrawnReason}`));
      } else if (n.mode === DecisionMode.CONSENSUS) {
        steps.push(event(n.closedAt, n.closedBy, 'adoptByConsensus', `${what}; minutes: ${n.minutes}`));
      } else {
        const note = n.decisionNote ? `; ${n.decisionNote}` : '';
        steps.push(
          event(
            n.closedAt,
            n.closedBy,
            'closeNomination',
            `${what}: ${n.status} (${n.votesFor}/${n.votesAgainst})${note}`,
          ),
        );
      }
    }
  });
  for (const t of thresholds) {
    if (t.at) steps.push(event(t.at, t.actor, 'setAdoptionThreshold', t.description));
  }
  // Stable: steps at the same instant keep the order above (the log first, in its own order).
  return steps.sort((a, b) => a.at.getTime() - b.at.getTime());
}
