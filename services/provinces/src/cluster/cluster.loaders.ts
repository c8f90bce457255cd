import { oneLoader, rows } from '@thidua/kit';
import type { DataSource } from 'typeorm';
import type { Cluster } from './cluster.entity.js';

const clusterColumns = `c.id, c.name, c.created_at AS "createdAt"`;
const byIds = {
  name: 'provinces.cluster-by-id',
  text: `SELECT ${clusterColumns} FROM cluster c WHERE c.id = ANY($1::text[])`,
};
const every = { name: 'provinces.clusters', text: `SELECT ${clusterColumns} FROM cluster c` };

/** Every cluster, in no order. */
export function allClusters(db: DataSource): Promise<Cluster[]> {
  return rows<Cluster>(db, every);
}

/** Per-request loaders of clusters, keyed by cluster id. */
export function clusterLoaders(db: DataSource) {
  return {
    clusterById: oneLoader(
      (ids: readonly string[]) => rows<Cluster>(db, byIds, [ids]),
      (cluster) => cluster.id,
    ),
  };
}
