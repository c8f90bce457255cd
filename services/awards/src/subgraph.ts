import { buildFederatedSchema, Exchange1732500000000, exchangeResolvers, type SubgraphDefinition } from '@thidua/kit';
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
import { createLoaders, type AwardsContext } from './context.js';
import { Initial1732300000000 } from './migrations/1732300000000-initial.js';
import { CatalogueLevels1732400000000 } from './migrations/1732400000000-catalogue-levels.js';
import { Commendations1732400000001 } from './migrations/1732400000001-commendations.js';
import { Review1732400000002 } from './migrations/1732400000002-review.js';
import { VoteChanges1732600000000 } from './migrations/1732600000000-vote-changes.js';
import { DecisionDate1732600000001 } from './migrations/1732600000001-decision-date.js';

import { Nomination } from './nomination/nomination.entity.js';
import { NominationResolver, VoteResolver } from './nomination/nomination.resolver.js';
import { Vote } from './nomination/vote.entity.js';
import { VoteChangeResolver } from './nomination/vote-change.resolver.js';
import { resolveProvinceReference } from './province/province.reference.js';
import { ProvinceResolver } from './province/province.resolver.js';
import { Province } from './province/province.type.js';
import {
  remoteSeasonDirectory,
  unconfiguredSeasonDirectory,
  type SeasonDirectory,
} from './provinces-client/season-directory.js';
import { resolveClusterSeasonReference } from './season/season.reference.js';
import { SeasonResolver } from './season/season.resolver.js';
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
        ProvinceResolver,
        SeasonResolver,
        StandingsResolver,
        NominationResolver,
        VoteResolver,
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

export interface AwardsSubgraphOptions {
  /**
   * The provinces subgraph's GraphQL endpoint: review writes check season
   * members and heads there. Without it those writes fail with SERVICE_UNAVAILABLE.
   */
  provincesUrl?: string;
  /** The shared AUTH_SECRET, to sign the service token for provinces. */
  authSecret?: string;
}

/** Commendations, nominations and votes, combined standings; talking to provinces at `provincesUrl`. */
export function createAwardsSubgraph(options: AwardsSubgraphOptions = {}): SubgraphDefinition<AwardsContext> {
  const seasons: SeasonDirectory =
    options.provincesUrl && options.authSecret
      ? remoteSeasonDirectory({ url: options.provincesUrl, authSecret: options.authSecret })
      : unconfiguredSeasonDirectory;
  return {
    name: 'awards',
    entities: [
      CatalogueEntry,
      PointsChange,
      Commendation,
      CommendationRevision,
      CommendationTally,
      Nomination,
      Vote,
      AdoptionThreshold,
    ],
    migrations: [
      Initial1732300000000,
      CatalogueLevels1732400000000,
      Commendations1732400000001,
      Review1732400000002,
      Exchange1732500000000,
      VoteChanges1732600000000,
      DecisionDate1732600000001,
    ],
    exchange: { mutation: RECEIVE_MUTATION },
    buildSchema: buildAwardsSchema,
    createContext: (base, db) => ({ ...base, db, loaders: createLoaders(db), seasons }),
    seed: seedAwardsService,
  };
}

/**
 * The definition without a provinces connection: enough to build the schema
 * (compose) and serve reads; the stack and `index.ts` use `createAwardsSubgraph`.
 */
export const awardsSubgraph: SubgraphDefinition<AwardsContext> = createAwardsSubgraph();
