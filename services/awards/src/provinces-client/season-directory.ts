import type { Logger, ServiceLink } from '@thidua/kit';

/** What the review needs to know about a season; the provinces subgraph owns it. */
export interface SeasonFacts {
  clusterId: string;
  year: number;
  memberIds: string[];
  headId: string | null;
  deputyHeadId: string | null;
}

/** Looks up a season's members and head at the provinces subgraph. */
export interface SeasonDirectory {
  /** The season, or null when provinces has no such season; SERVICE_UNAVAILABLE when it cannot answer. */
  season(clusterId: string, year: number, logger: Logger): Promise<SeasonFacts | null>;
}

/** The one read awards makes at provinces; its service token may run `_entities` and nothing else. */
export const provincesLink = { scope: ['_entities'] };

const seasonQuery = `query ($representations: [_Any!]!) {
  _entities(representations: $representations) {
    ... on ClusterSeason { clusterId year members { id } head { id } deputyHead { id } }
  }
}`;

interface SeasonEntity {
  clusterId: string;
  year: number;
  members: { id: string }[];
  head: { id: string } | null;
  deputyHead?: { id: string } | null;
}

/**
 * Reads seasons from the provinces subgraph with a federation entity fetch over
 * the kit's service link: awards never reads the provinces database, and asks
 * only what a write needs.
 */
export function seasonDirectory(provinces: ServiceLink): SeasonDirectory {
  return {
    async season(clusterId, year, logger) {
      const data = await provinces.query<{ _entities: (SeasonEntity | null)[] }>(
        seasonQuery,
        { representations: [{ __typename: 'ClusterSeason', clusterId, year }] },
        logger,
      );
      const season = data._entities[0];
      if (!season) return null;
      return {
        clusterId: season.clusterId,
        year: season.year,
        memberIds: season.members.map((member) => member.id),
        headId: season.head?.id ?? null,
        deputyHeadId: season.deputyHead?.id ?? null,
      };
    },
  };
}
