import type { BaseContext } from '@thidua/kit';
import type { DataSource } from 'typeorm';
import { clusterLoaders } from './cluster/cluster.loaders.js';
import { provinceLoaders } from './province/province.loaders.js';
import { seasonLoaders } from './season/season.loaders.js';

export interface ProvincesContext extends BaseContext {
  db: DataSource;
  loaders: Loaders;
}

/** Every entity's per-request loaders: however many provinces a query touches, one statement per loader and tick. */
export function createLoaders(db: DataSource) {
  const provinces = provinceLoaders(db);
  return { ...provinces, ...clusterLoaders(db), ...seasonLoaders(db, provinces) };
}

export type Loaders = ReturnType<typeof createLoaders>;
