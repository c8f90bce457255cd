import { badInput, checkSlug, checkText, type Viewer } from '@thidua/kit';
import { In, type EntityManager } from 'typeorm';
import { recordDefinition } from '../common/definition-history.js';
import { Indicator } from '../indicator/indicator.entity.js';
import { IndexComponent } from './index-component.entity.js';
import { IndexDefinition } from './index.entity.js';
import type { IndexComponentInput } from './index.input.js';

/** Creates or replaces an index (by id) with its components; each change is kept in the definition history. */
export async function defineIndex(
  db: EntityManager,
  viewer: Viewer,
  id: string,
  name: string,
  components: IndexComponentInput[],
): Promise<IndexDefinition> {
  checkSlug('id', id);
  const cleanName = checkText('name', name, 300);
  if (components.length === 0) throw badInput('components', [], 'must name at least one indicator');
  const known = new Set(
    (await db.getRepository(Indicator).findBy({ code: In(components.map((c) => c.indicator)) })).map((i) => i.code),
  );
  const seen = new Map<string, number>();
  components.forEach((component, i) => {
    if (!known.has(component.indicator)) {
      throw badInput(`components[${i}].indicator`, component.indicator, 'is not a known indicator');
    }
    const earlier = seen.get(component.indicator);
    if (earlier !== undefined) {
      throw badInput(`components[${i}].indicator`, component.indicator, `is already components[${earlier}]`);
    }
    seen.set(component.indicator, i);
    if (!Number.isFinite(component.weight) || component.weight <= 0) {
      throw badInput(`components[${i}].weight`, component.weight, 'must be greater than 0');
    }
  });

  await db.query('INSERT INTO index_definition (id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING', [id, cleanName]);
  const current = await db
    .getRepository(IndexDefinition)
    .createQueryBuilder('x')
    .setLock('pessimistic_write')
    .where('x.id = :id', { id })
    .getOneOrFail();
  const currentComponents = await db.getRepository(IndexComponent).findBy({ indexId: id });
  const weights = new Map(currentComponents.map((c) => [c.indicatorCode, c.weight]));
  const unchanged =
    current.name === cleanName &&
    currentComponents.length === components.length &&
    components.every((c) => weights.get(c.indicator) === c.weight);
  // A brand-new index has no components yet, so it never counts as unchanged.
  if (unchanged) return current;

  await db.getRepository(IndexDefinition).update({ id }, { name: cleanName });
  await db.getRepository(IndexComponent).delete({ indexId: id });
  await db
    .getRepository(IndexComponent)
    .insert(components.map((c) => ({ indexId: id, indicatorCode: c.indicator, weight: c.weight })));
  await recordDefinition(
    db,
    'index',
    id,
    { name: cleanName, components: components.map((c) => ({ indicator: c.indicator, weight: c.weight })) },
    viewer.sub,
  );
  return Object.assign(current, { name: cleanName });
}
