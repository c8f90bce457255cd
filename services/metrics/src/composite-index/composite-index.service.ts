import { badInput, checkSlug, checkText, lockRecord, requireRole, type Viewer } from '@thidua/kit';
import { In, type EntityManager } from 'typeorm';
import { recordDefinition } from '../common/definition-history.js';
import { Indicator } from '../indicator/indicator.entity.js';
import { IndexDefinition } from './composite-index.entity.js';
import type { IndexComponentInput } from './composite-index.input.js';
import { IndexComponent } from './index-component.entity.js';

export interface IndexDefinitionInput {
  id: string;
  name: string;
  components: IndexComponentInput[];
}

/**
 * Creates or replaces an index (by id) with its components (admin or
 * ministry); each change is kept in the definition history.
 */
export async function defineIndex(
  em: EntityManager,
  actor: Viewer,
  { id, name, components }: IndexDefinitionInput,
): Promise<IndexDefinition> {
  requireRole(actor, ['admin', 'ministry'], 'defineIndex');
  checkSlug('id', id);
  const cleanName = checkText('name', name, 300);
  if (components.length === 0) throw badInput('components', [], 'must name at least one indicator');
  const known = new Set(
    (await em.getRepository(Indicator).findBy({ code: In(components.map((c) => c.indicator)) })).map((i) => i.code),
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

  await lockRecord(em, IndexDefinition, { id });
  const current = await em.getRepository(IndexDefinition).findOneBy({ id });
  const currentComponents = current ? await em.getRepository(IndexComponent).findBy({ indexId: id }) : [];
  const weights = new Map(currentComponents.map((c) => [c.indicatorCode, c.weight]));
  const unchanged =
    current?.name === cleanName &&
    currentComponents.length === components.length &&
    components.every((c) => weights.get(c.indicator) === c.weight);
  if (unchanged) return current;

  const index = await em.getRepository(IndexDefinition).save({ id, name: cleanName });
  await em.getRepository(IndexComponent).delete({ indexId: id });
  await em
    .getRepository(IndexComponent)
    .insert(components.map((c) => ({ indexId: id, indicatorCode: c.indicator, weight: c.weight })));
  await recordDefinition(
    em,
    'index',
    id,
    { name: cleanName, components: components.map((c) => ({ indicator: c.indicator, weight: c.weight })) },
    actor,
  );
  return Object.assign(new IndexDefinition(), index);
}
