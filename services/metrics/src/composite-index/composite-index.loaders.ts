import { manyLoader, oneLoader, rows } from '@thidua/kit';
import { In, type DataSource } from 'typeorm';
import type { IndexDefinition } from './composite-index.entity.js';
import { IndexComponent } from './index-component.entity.js';

const indicesById = {
  name: 'metrics.index-by-id',
  text: 'SELECT x.id, x.name FROM index_definition x WHERE x.id = ANY($1::text[])',
};

/** Per-request loaders of composite indices, keyed by index id. */
export function compositeIndexLoaders(db: DataSource) {
  return {
    indexById: oneLoader(
      (ids: readonly string[]) => rows<IndexDefinition>(db, indicesById, [ids]),
      (index) => index.id,
    ),
    /** Each index's components, heaviest first. */
    componentsOfIndex: manyLoader(
      (ids: readonly string[]) =>
        db
          .getRepository(IndexComponent)
          .find({ where: { indexId: In([...ids]) }, order: { weight: 'DESC', indicatorCode: 'ASC' } }),
      (component) => component.indexId,
    ),
  };
}
