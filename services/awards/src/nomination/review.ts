import { badInput, forbidden, isNational, type Viewer } from '@thidua/kit';
import type { AwardsContext } from '../context.js';
import type { SeasonFacts } from '../provinces-client/season-directory.js';

/**
 * Where the review's operations learn a season's members and head: the
 * provinces subgraph owns them. Resolvers pass {@link seasonLookup}.
 */
export interface SeasonLookup {
  /** The season, or null when it does not exist; SERVICE_UNAVAILABLE when provinces cannot answer. */
  season(clusterId: string, year: number): Promise<SeasonFacts | null>;
}

/** The lookup of a request, logging through its logger. */
export function seasonLookup(ctx: Pick<AwardsContext, 'seasons' | 'logger'>): SeasonLookup {
  return { season: (clusterId, year) => ctx.seasons.season(clusterId, year, ctx.logger) };
}

/** The review is run by someone who signs in for a department or the Ministry: a viewer token only reads. */
export function requireReviewer(actor: Viewer, action: string): Viewer {
  if (actor.role === 'viewer') {
    throw forbidden(`${action} needs an admin, ministry or province token; this token has viewer`);
  }
  return actor;
}

/** The season as the provinces subgraph has it; an unknown season is bad input. */
export async function requireSeason(seasons: SeasonLookup, clusterId: string, year: number): Promise<SeasonFacts> {
  const season = await seasons.season(clusterId, year);
  if (!season) throw badInput('year', year, `has no season of cluster "${clusterId}"`);
  return season;
}

/** The season's head runs its review; the Ministry and admins may too. */
export function requireReviewManager(actor: Viewer, season: SeasonFacts, action: string): void {
  if (isNational(actor)) return;
  if (actor.role === 'province' && season.headId !== null && actor.province === season.headId) return;
  throw forbidden(
    `${action} for ${season.clusterId} ${season.year} may be done by the season's head` +
      `${season.headId ? ` ("${season.headId}")` : ''}, the Ministry or an admin`,
  );
}
