import { batchLoader } from '@thidua/kit';
import type { DataSource } from 'typeorm';
import { averageIndicators, type AverageRequest } from './cluster-average.sql.js';

/** Per-request loaders of cluster means: every season a query asks about, one statement. */
export function clusterAverageLoaders(db: DataSource) {
  return {
    indicatorAverages: batchLoader((requests: readonly AverageRequest[]) => averageIndicators(db, requests)),
  };
}
