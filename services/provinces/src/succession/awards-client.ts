import type { Logger, ServiceLink } from '@thidua/kit';

/** The one read provinces makes at awards: its service token may run `_entities` and nothing else. */
export const awardsLink = { scope: ['_entities'] };

/** How the review of a season ended its head election, as awards keeps it. */
export interface ElectionOutcome {
  status: string;
  outcome: string | null;
  electedId: string | null;
  deputyId: string | null;
}

interface Answer {
  _entities: ({
    headElection: {
      status: string;
      outcome: string | null;
      elected: { id: string } | null;
      deputy: { id: string } | null;
    } | null;
  } | null)[];
}

/** The latest round of the season's head election (null when none was held). */
export async function electionOutcome(
  awards: ServiceLink,
  clusterId: string,
  year: number,
  logger: Logger,
): Promise<ElectionOutcome | null> {
  const data = await awards.query<Answer>(
    `query ($r: [_Any!]!) { _entities(representations: $r) {
      ... on ClusterSeason { headElection { status outcome elected { id } deputy { id } } }
    } }`,
    { r: [{ __typename: 'ClusterSeason', clusterId, year }] },
    logger,
  );
  const election = data._entities[0]?.headElection;
  if (!election) return null;
  return {
    status: election.status,
    outcome: election.outcome,
    electedId: election.elected?.id ?? null,
    deputyId: election.deputy?.id ?? null,
  };
}
