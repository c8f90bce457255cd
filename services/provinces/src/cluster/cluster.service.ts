import { checkSlug, checkText, conflict, requireRole, type Viewer } from '@thidua/kit';
import type { EntityManager } from 'typeorm';
import { Cluster } from './cluster.entity.js';

export interface NewCluster {
  id: string;
  name: string;
}

/** Creates a cluster (admin or ministry); an id already taken is CONFLICT. */
export async function createCluster(em: EntityManager, actor: Viewer, input: NewCluster): Promise<Cluster> {
  requireRole(actor, ['admin', 'ministry'], 'createCluster');
  const id = checkSlug('id', input.id);
  const name = checkText('name', input.name, 200);
  const inserted = await em
    .createQueryBuilder()
    .insert()
    .into(Cluster)
    .values({ id, name })
    .orIgnore()
    .returning('*')
    .execute();
  if (inserted.raw.length === 0) throw conflict(`cluster "${id}" already exists`);
  return em.getRepository(Cluster).findOneByOrFail({ id });
}
