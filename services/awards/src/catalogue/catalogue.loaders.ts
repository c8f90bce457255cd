import { manyLoader } from '@thidua/kit';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { CatalogueEntry, type CommendationForm } from './catalogue.entity.js';
import { PointsChange } from './points-change.entity.js';

/** The whole catalogue (ten forms), most senior first. */
export async function readCatalogue(db: DataSource | EntityManager): Promise<Map<CommendationForm, CatalogueEntry>> {
  const rows = await db.getRepository(CatalogueEntry).find({ order: { displayOrder: 'ASC' } });
  return new Map(rows.map((row) => [row.form, row]));
}

/** Per-request loaders of the catalogue: read once per request, and each form's points history. */
export function catalogueLoaders(db: DataSource) {
  let catalogue: Promise<Map<CommendationForm, CatalogueEntry>> | undefined;
  return {
    catalogueByForm: () => (catalogue ??= readCatalogue(db)),
    pointsHistoryOf: manyLoader(
      (forms: readonly CommendationForm[]) =>
        db.getRepository(PointsChange).find({ where: { form: In([...forms]) }, order: { id: 'ASC' } }),
      (change) => change.form,
    ),
  };
}
