import { unnest } from '@thidua/kit';
import type { EntityManager } from 'typeorm';
import { recordDefinition } from '../common/definition-history.js';
import { IndexDefinition } from '../composite-index/composite-index.entity.js';
import { IndexComponent } from '../composite-index/index-component.entity.js';
import { indexCatalogue, indicatorCatalogue } from '../indicator/catalogue.js';

/** Actor recorded on everything the seed writes. */
export const SEED_ACTOR = 'seed';

/**
 * Inserts catalogue indicators that are missing; one a user redefined is left
 * as they made it. Each new one gets revision 1 in the definition history, in
 * the same statement.
 */
async function seedIndicators(em: EntityManager): Promise<void> {
  const [catalogue, parameters] = unnest(indicatorCatalogue, {
    code: 'text',
    name: 'text',
    unit: 'text',
    direction: 'text',
    scaleMax: 'float8',
    pillar: 'text',
  });
  await em.query(
    `WITH created AS (
       INSERT INTO indicator (code, name, unit, direction, scale_max, pillar)
       SELECT * FROM ${catalogue}
       ON CONFLICT (code) DO NOTHING
       RETURNING *
     )
     INSERT INTO definition_revision (kind, id, revision, definition, recorded_by)
     SELECT 'indicator', code, 1,
            jsonb_build_object('name', name, 'unit', unit, 'direction', direction, 'scaleMax', scale_max, 'pillar', pillar),
            $${parameters.length + 1}
       FROM created`,
    [...parameters, SEED_ACTOR],
  );
}

/** Inserts catalogue indices that are missing, with their components; a redefined one is left alone. */
async function seedIndices(em: EntityManager): Promise<void> {
  for (const index of indexCatalogue) {
    const created = await em
      .createQueryBuilder()
      .insert()
      .into(IndexDefinition)
      .values({ id: index.id, name: index.name })
      .orIgnore()
      .returning('id')
      .execute();
    if (created.raw.length === 0) continue;
    await em
      .getRepository(IndexComponent)
      .insert(index.components.map((c) => ({ indexId: index.id, indicatorCode: c.indicator, weight: c.weight })));
    await recordDefinition(em, 'index', index.id, { name: index.name, components: index.components }, SEED_ACTOR);
  }
}

/** The indicator catalogue and the indices "ict" and "dti": loaded on every start. */
export async function seedReference(em: EntityManager): Promise<void> {
  await seedIndicators(em);
  await seedIndices(em);
}
