import type { BaseContext } from '@thidua/kit';
import type { DataSource } from 'typeorm';
import { clusterAverageLoaders } from './cluster-average/cluster-average.loaders.js';
import { compositeIndexLoaders } from './composite-index/composite-index.loaders.js';
import { heldCatalogue } from './indicator/indicator-catalogue.js';
import { indicatorLoaders } from './indicator/indicator.loaders.js';
import { observationLoaders } from './observation/observation.loaders.js';
import { rankingLoaders } from './ranking/ranking.loaders.js';

export interface MetricsContext extends BaseContext {
  db: DataSource;
  loaders: Loaders;
}

/** Every entity's per-request loaders: however many provinces a query touches, one statement per loader and tick. */
export function createLoaders(db: DataSource) {
  return {
    ...indicatorLoaders(db),
    ...compositeIndexLoaders(db),
    ...observationLoaders(db),
    ...rankingLoaders(db),
    ...clusterAverageLoaders(db),
    /** The indicator catalogue this process holds, or null when it holds no current one (then load by code). */
    heldIndicators: () => heldCatalogue(db),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
