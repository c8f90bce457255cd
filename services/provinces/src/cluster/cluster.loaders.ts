import { oneLoader } from '@thidua/kit';
import { In, type DataSource } from 'typeorm';
import { Cluster } from './cluster.entity.js';

/** Per-request loaders of clusters, keyed by cluster id. */
export function clusterLoaders(db: DataSource) {
  return {
    clusterById: oneLoader(
      (ids: readonly string[]) => db.getRepository(Cluster).findBy({ id: In([...ids]) }),
      (cluster) => cluster.id,
    ),
  };
}
