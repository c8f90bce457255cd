import { manyLoader, oneLoader } from '@thidua/kit';
import { In, type DataSource } from 'typeorm';
import { IndexDefinition } from './composite-index.entity.js';
import { IndexComponent } from './index-component.entity.js';

/** Per-request loaders of composite indices, keyed by index id. */
export function compositeIndexLoaders(db: DataSource) {
  return {
    indexById: oneLoader(
      (ids: readonly string[]) => db.getRepository(IndexDefinition).findBy({ id: In([...ids]) }),
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
