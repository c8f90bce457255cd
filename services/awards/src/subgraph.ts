import { buildFederatedSchema, type SubgraphDefinition } from '@thidua/kit';
import { exchangeExtension, exchangeResolvers } from '@thidua/kit/exchange';
import type { GraphQLSchema } from 'graphql';
import { CatalogueEntry } from './catalogue/catalogue.entity.js';
import { CatalogueResolver } from './catalogue/catalogue.resolver.js';
import { PointsChange } from './catalogue/points-change.entity.js';
import { Commendation } from './commendation/commendation.entity.js';
import { CommendationResolver } from './commendation/commendation.resolver.js';
import { applyCommendationRecord } from './commendation/commendation.service.js';
import { CommendationRevision } from './commendation/commendation-revision.entity.js';
import { CommendationTally } from './commendation/tally.entity.js';
import { TallyResolver } from './commendation/tally.resolver.js';
import { CommendationImportResolver } from './commendation/commendation-import.resolver.js';
import { TallyRevision } from './commendation/tally-revision.entity.js';
import { createLoaders, type AwardsContext } from './context.js';
import { Initial1732300000000 } from './migrations/1732300000000-initial.js';
import { CatalogueLevels1732400000000 } from './migrations/1732400000000-catalogue-levels.js';
import { Commendations1732400000001 } from './migrations/1732400000001-commendations.js';
import { Review1732400000002 } from './migrations/1732400000002-review.js';
import { TallyHistory1732600000000 } from './migrations/1732600000000-tally-history.js';
import { NormalizedText1732610000000 } from './migrations/1732610000000-normalized-text.js';
import { Year1733000000000 } from './migrations/1733000000000-year.js';
import { VoteChanges1733100000000 } from './migrations/1733100000000-vote-changes.js';
import { DecisionDate1733100000001 } from './migrations/1733100000001-decision-date.js';
import { Issuer1734000000000 } from './migrations/1734000000000-issuer.js';
import { CatalogueNames1735000000000 } from './migrations/1735000000000-catalogue-names.js';
import { yearEntities, yearResolvers } from './year/year.module.js';
import { metricsLink } from './metrics-client/figures.js';
import { Nomination } from './nomination/nomination.entity.js';
import { NominationResolver, VoteResolver } from './nomination/nomination.resolver.js';
import { Vote } from './nomination/vote.entity.js';
import { VoteChangeResolver } from './nomination/vote-change.resolver.js';
import { resolveProvinceReference } from './province/province.reference.js';
import { ProvinceCommendationsResolver } from './province/province.resolver.js';
import { Province } from './province/province.type.js';
import { provincesLink, seasonDirectory } from './provinces-client/season-directory.js';
import { resolveClusterSeasonReference } from './season/season.reference.js';
import { SeasonReviewResolver } from './season/season.resolver.js';
import { AdoptionThreshold } from './season/threshold.entity.js';
import { seedAwardsService } from './seed.js';
import { StandingsResolver } from './standings/standings.resolver.js';

/** The mutation through which the cluster receives a provincial node's commendations. */
const RECEIVE_MUTATION = 'receiveAwardsRecords';

const exchange = exchangeResolvers({
  mutation: RECEIVE_MUTATION,
  statusField: 'awards',
  province: Province,
  apply: applyCommendationRecord,
});

let schema: Promise<GraphQLSchema> | undefined;

/** The awards subgraph schema (built once per process). */
export function buildAwardsSchema(): Promise<GraphQLSchema> {
  schema ??= buildFederatedSchema(
    {
      resolvers: [
        CatalogueResolver,
        CommendationResolver,
        TallyResolver,
        CommendationImportResolver,
        ProvinceCommendationsResolver,
        SeasonReviewResolver,
        StandingsResolver,
        NominationResolver,
        VoteResolver,
        ...yearResolvers,
        VoteChangeResolver,
        ...exchange.resolvers,
      ],
    },
    {
      Province: { __resolveReference: resolveProvinceReference },
      ClusterSeason: { __resolveReference: resolveClusterSeasonReference },
      ...exchange.referenceResolvers,
    },
  );
  return schema;
}

/**
 * Commendations, the cluster review, combined standings and the emulation
 * year. Year and review writes ask provinces for the season; the sheet's
 * indicator rule and the lock ask metrics for figures.
 */
export const awardsSubgraph: SubgraphDefinition<AwardsContext> = {
  name: 'awards',
  entities: [
    CatalogueEntry,
    PointsChange,
    Commendation,
    CommendationRevision,
    CommendationTally,
    TallyRevision,
    Nomination,
    Vote,
    AdoptionThreshold,
    ...yearEntities,
  ],
  migrations: [
    Initial1732300000000,
    CatalogueLevels1732400000000,
    Commendations1732400000001,
    Review1732400000002,
    TallyHistory1732600000000,
    NormalizedText1732610000000,
    Year1733000000000,
    VoteChanges1733100000000,
    DecisionDate1733100000001,
    Issuer1734000000000,
    CatalogueNames1735000000000,
  ],
  links: { provinces: provincesLink, metrics: metricsLink },
  extensions: [exchangeExtension({ mutation: RECEIVE_MUTATION })],
  buildSchema: buildAwardsSchema,
  createContext: (base, db) => ({
    ...base,
    db,
    loaders: createLoaders(db),
    seasons: seasonDirectory(base.links.provinces),
  }),
  seed: seedAwardsService,
};
