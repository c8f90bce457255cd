import { badInput, checkText, conflictOn, type Viewer } from '@thidua/kit';
import type { EntityManager } from 'typeorm';
import { recordDefinition } from '../common/definition-history.js';
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
async function checkAgainstObservations(db: EntityManager, current: Indicator, next: Indicator): Promise<void> {
  if (current.unit === next.unit && (next.scaleMax === null || next.scaleMax >= (current.scaleMax ?? Infinity))) return;
  const [{ count, max }] = await db.query(
    'SELECT count(*)::int AS count, max(value) AS max FROM observation WHERE indicator_code = $1',
    [current.code],
  );
  if (count === 0) return;
  if (current.unit !== next.unit) {
    throw conflictOn(
      'input.unit',
      next.unit,
      `cannot replace ${current.unit}: indicator "${current.code}" has ${count} recorded values`,
    );
  }
  if (next.scaleMax !== null && max > next.scaleMax) {
    throw conflictOn(
      'input.scaleMax',
      next.scaleMax,
      `is below a recorded value of indicator "${current.code}": ${max}`,
    );
  }
}

/** Creates or redefines an indicator (upsert by code); each change is kept in the definition history. */
export async function defineIndicator(db: EntityManager, viewer: Viewer, input: IndicatorInput): Promise<Indicator> {
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
  const repository = db.getRepository(Indicator);
  const current = await repository
    .createQueryBuilder('i')
    .setLock('pessimistic_write')
    .where('i.code = :code', { code: input.code })
    .getOne();
  if (current) {
    const same = (['name', 'unit', 'direction', 'scaleMax', 'pillar'] as const).every((k) => current[k] === next[k]);
    if (same) return current;
    await checkAgainstObservations(db, current, next);
    await repository.save(next);
  } else {
    // A new code: two requests defining it at once both find nothing to lock; the second waits here, then loses.
    const inserted = await repository.createQueryBuilder().insert().values(next).orIgnore().returning('code').execute();
    if (inserted.raw.length === 0) {
      throw conflictOn(
        'input.code',
        input.code,
        'was just created by another request; nothing was stored: read it, then define it again if yours differs',
      );
    }
  }
  const { code, ...definition } = next;
  await recordDefinition(db, 'indicator', code, definition, viewer.sub);
  return next;
}
