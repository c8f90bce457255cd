import { badInput, checkText, conflict, lockRecord, requireRole, type Viewer } from '@thidua/kit';
import type { EntityManager } from 'typeorm';
import { recordDefinition } from '../common/definition-history.js';
import { Observation } from '../observation/observation.entity.js';
import { Indicator, IndicatorUnit } from './indicator.entity.js';
import type { IndicatorInput } from './indicator.input.js';

const CODE = /^[a-z][a-z0-9_]*(\.[a-z0-9_]+)*$/;

function checkScaleMax(input: IndicatorInput): number | null {
  const scaleMax = input.scaleMax ?? null;
  switch (input.unit) {
    case IndicatorUnit.PERCENT:
      if (scaleMax !== null && scaleMax !== 100) throw badInput('input.scaleMax', scaleMax, 'must be 100 for PERCENT');
      return 100;
    case IndicatorUnit.COUNT:
      if (scaleMax !== null)
        throw badInput('input.scaleMax', scaleMax, 'must be omitted for COUNT (counts are unbounded)');
      return null;
    case IndicatorUnit.SCORE:
      if (scaleMax !== null && !(scaleMax > 0)) throw badInput('input.scaleMax', scaleMax, 'must be greater than 0');
      return scaleMax;
  }
}

/**
 * Redefining must not make recorded values wrong: the unit cannot change once
 * values exist, and a new scaleMax must still hold every recorded value.
 */
async function checkAgainstObservations(em: EntityManager, current: Indicator, next: Indicator): Promise<void> {
  if (current.unit === next.unit && (next.scaleMax === null || next.scaleMax >= (current.scaleMax ?? Infinity))) return;
  const recorded = (await em
    .getRepository(Observation)
    .createQueryBuilder('o')
    .select('count(*)::int', 'count')
    .addSelect('max(o.value)', 'max')
    .where('o.indicatorCode = :code', { code: current.code })
    .getRawOne()) as { count: number; max: number | null };
  if (recorded.count === 0) return;
  if (current.unit !== next.unit) {
    throw conflict(
      `indicator "${current.code}" has ${recorded.count} recorded values in ${current.unit}: its unit cannot change`,
    );
  }
  if (next.scaleMax !== null && recorded.max! > next.scaleMax) {
    throw conflict(
      `indicator "${current.code}" has a recorded value of ${recorded.max}, above the new scaleMax ${next.scaleMax}`,
    );
  }
}

/**
 * Creates or redefines an indicator by code (admin or ministry); each change
 * is kept in the definition history. Definitions of one code queue, a
 * brand-new one included, so the second of two first definitions becomes a
 * redefinition instead of failing.
 */
export async function defineIndicator(em: EntityManager, actor: Viewer, input: IndicatorInput): Promise<Indicator> {
  requireRole(actor, ['admin', 'ministry'], 'defineIndicator');
  if (!CODE.test(input.code) || input.code.length > 80) {
    throw badInput('input.code', input.code, 'is not an indicator code (lowercase letters, digits, "_" and ".")');
  }
  const next = Object.assign(new Indicator(), {
    code: input.code,
    name: checkText('input.name', input.name, 300),
    unit: input.unit,
    direction: input.direction,
    scaleMax: checkScaleMax(input),
    pillar: checkText('input.pillar', input.pillar, 200),
  });
  await lockRecord(em, Indicator, { code: next.code });
  const current = await em.getRepository(Indicator).findOneBy({ code: next.code });
  if (current) {
    const same = (['name', 'unit', 'direction', 'scaleMax', 'pillar'] as const).every((k) => current[k] === next[k]);
    if (same) return current;
    await checkAgainstObservations(em, current, next);
  }
  await em.getRepository(Indicator).save(next);
  const { code, ...definition } = next;
  await recordDefinition(em, 'indicator', code, definition, actor);
  return next;
}
