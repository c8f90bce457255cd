import { buildFederatedSchema, type SubgraphDefinition } from '@thidua/kit';
import { exchangeExtension, exchangeResolvers } from '@thidua/kit/exchange';
import type { GraphQLSchema } from 'graphql';
import { createLoaders, type MetricsContext } from './context.js';
import { SeasonAveragesResolver } from './cluster-average/cluster-average.resolver.js';
import { IndexDefinition } from './composite-index/composite-index.entity.js';
import { IndexComponentResolver, IndexResolver } from './composite-index/composite-index.resolver.js';
import { IndexComponent } from './composite-index/index-component.entity.js';
import { Indicator } from './indicator/indicator.entity.js';
import { indicatorCatalogue } from './indicator/indicator-catalogue.js';
import { resolveIndicatorReference } from './indicator/indicator.reference.js';
import { IndicatorResolver } from './indicator/indicator.resolver.js';
import { Initial1732300000000 } from './migrations/1732300000000-initial.js';
import { Observations1732400000000 } from './migrations/1732400000000-observations.js';
import { ObservationNote1733100000000 } from './migrations/1733100000000-observation-note.js';
import { ValueKinds1734000000000 } from './migrations/1734000000000-value-kinds.js';
import { IndicatorNotify1735000000000 } from './migrations/1735000000000-indicator-notify.js';

import { ObservationRevision } from './observation/observation-revision.entity.js';
import { Observation } from './observation/observation.entity.js';
import { ObservationResolver } from './observation/observation.resolver.js';
import { ObservationImportResolver } from './observation/observation-import.js';
import { applyObservationRecord } from './observation/observation.service.js';
import { resolveProvinceReference } from './province/province.reference.js';
import { ProvinceObservationsResolver } from './province/province.resolver.js';
import { Province } from './province/province.type.js';
import { RankingResolver } from './ranking/ranking.resolver.js';
import { resolveClusterSeasonReference } from './season/season.reference.js';
import { SeasonRankingsResolver } from './season/season.resolver.js';
import { ClusterSeason } from './season/season.type.js';
import { awardsLink, screenNodeRecords } from './season-lock/season-locks.js';
import { seedMetricsService } from './seed/seed.js';

/** The mutation through which the cluster receives a provincial node's observations. */
const RECEIVE_MUTATION = 'receiveMetricsRecords';

const exchange = exchangeResolvers({
  mutation: RECEIVE_MUTATION,
  statusField: 'metrics',
  province: Province,
  apply: applyObservationRecord,
  screen: screenNodeRecords,
});

let schema: Promise<GraphQLSchema> | undefined;

/** The metrics subgraph schema (built once per process). */
export function buildMetricsSchema(): Promise<GraphQLSchema> {
  schema ??= buildFederatedSchema(
    {
      resolvers: [
        IndicatorResolver,
        IndexResolver,
        IndexComponentResolver,
        ObservationResolver,
        ObservationImportResolver,
        ProvinceObservationsResolver,
        RankingResolver,
        SeasonRankingsResolver,
        SeasonAveragesResolver,
        ...exchange.resolvers,
      ],
      // Reached only through federation (no root field returns it), so it must be listed.
      orphanedTypes: [ClusterSeason],
    },
    {
      Indicator: { __resolveReference: resolveIndicatorReference },
      Province: { __resolveReference: resolveProvinceReference },
      ClusterSeason: { __resolveReference: resolveClusterSeasonReference },
      ...exchange.referenceResolvers,
    },
  );
  return schema;
}

/** ICT indicators, observations, rankings and composite indices. */
export const metricsSubgraph: SubgraphDefinition<MetricsContext> = {
  name: 'metrics',
  entities: [Indicator, IndexDefinition, IndexComponent, Observation, ObservationRevision],
  migrations: [
    Initial1732300000000,
    Observations1732400000000,
    ObservationNote1733100000000,
    ValueKinds1734000000000,
    IndicatorNotify1735000000000,
  ],
  // Figures of a locked season are its record: awards says which (province, year) are locked.
  links: { awards: awardsLink },
  extensions: [exchangeExtension({ mutation: RECEIVE_MUTATION }), indicatorCatalogue],
  // importObservations takes a file's worth of rows in one request.
  bodyLimit: '32mb',
  // Its rankings and observation reads take arrays: planned once per connection, not on every call.
  genericPlans: true,
  buildSchema: buildMetricsSchema,
  createContext: (base, db) => ({ ...base, db, loaders: createLoaders(db) }),
  seed: seedMetricsService,
};
