import type { EntityManager } from 'typeorm';
import { indexCatalogue, indicatorCatalogue } from '../indicator/catalogue.js';

/** Actor recorded on everything the seed writes. */
export const SEED_ACTOR = 'seed';

/**
 * Inserts catalogue indicators that are missing; one a user redefined is left
 * as they made it. Each new one gets revision 1 in the definition history.
 */
async function seedIndicators(db: EntityManager): Promise<void> {
  await db.query(
    `WITH created AS (
       INSERT INTO indicator (code, name, unit, direction, scale_max, pillar)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::text[])
       ON CONFLICT (code) DO NOTHING
       RETURNING *
     )
     INSERT INTO definition_revision (kind, id, revision, definition, recorded_by)
     SELECT 'indicator', code, 1,
            jsonb_build_object('name', name, 'unit', unit, 'direction', direction, 'scaleMax', scale_max, 'pillar', pillar),
            $7
       FROM created`,
    [
      indicatorCatalogue.map((i) => i.code),
      indicatorCatalogue.map((i) => i.name),
      indicatorCatalogue.map((i) => i.unit),
      indicatorCatalogue.map((i) => i.direction),
      indicatorCatalogue.map((i) => i.scaleMax),
      indicatorCatalogue.map((i) => i.pillar),
      SEED_ACTOR,
    ],
  );
}

/** Inserts catalogue indices that are missing, with their components; a redefined one is left alone. */
async function seedIndices(db: EntityManager): Promise<void> {
  for (const index of indexCatalogue) {
    const created = await db.query(
      'INSERT INTO index_definition (id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id',
      [index.id, index.name],
    );
    if (created.length === 0) continue;
    await db.query(
      `INSERT INTO index_component (index_id, indicator_code, weight)
       SELECT $1, * FROM unnest($2::text[], $3::float8[])`,
      [index.id, index.components.map((c) => c.indicator), index.components.map((c) => c.weight)],
    );
    await db.query(
      `INSERT INTO definition_revision (kind, id, revision, definition, recorded_by) VALUES ('index', $1, 1, $2, $3)`,
      [index.id, { name: index.name, components: index.components }, SEED_ACTOR],
    );
  }
}

/** The indicator catalogue and the indices "ict" and "dti": loaded on every start. */
export async function seedReference(db: EntityManager): Promise<void> {
  await seedIndicators(db);
  await seedIndices(db);
}
