import { batchLoader } from '@thidua/kit';
import type { DataSource } from 'typeorm';
import { rankIndicators, rankIndices, type IndexRankingRequest, type IndicatorRankingRequest } from './ranking.sql.js';

/** Per-request loaders of rankings: every ranking a query asks for, one statement per kind. */
export function rankingLoaders(db: DataSource) {
  return {
    indicatorRanking: batchLoader((requests: readonly IndicatorRankingRequest[]) => rankIndicators(db, requests)),
    indexRanking: batchLoader((requests: readonly IndexRankingRequest[]) => rankIndices(db, requests)),
  };
}
