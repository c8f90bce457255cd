import { badInput, cacheKey, requireProvinceWriter, unnest, type Viewer } from '@thidua/kit';
import { type NodeRecord, type WriteScope } from '@thidua/kit/exchange';
import { In, type EntityManager } from 'typeorm';
import { provinceRegistry } from '../common/provinces.js';
import { Indicator } from '../indicator/indicator.entity.js';
import { Observation } from './observation.entity.js';
import type { ObservationInput } from './observation.input.js';
import type { ValueKind } from './value-kind.js';
import type { FigureLocks } from '../season-lock/season-locks.js';
import { ObservationKey } from './observation.loaders.js';
import { checkObservation, type CheckedObservation } from './observation.validation.js';

/** Larger batches are refused: split them (a province reports a few dozen values a year). */
export const MAX_BATCH = 5000;

/** The kind of exchange record an observation revision travels as. */
export const OBSERVATION_RECORD = 'observation';

const observationColumns = {
  provinceId: 'text',
  indicatorCode: 'text',
  year: 'int',
  value: 'float8',
  numerator: 'float8',
  denominator: 'float8',
  source: 'text',
  valueKind: 'text',
  valueUpper: 'float8',
  reason: 'text',
} as const;

/**
 * Stores checked rows in one statement, each stored row with its revision in
 * `observation_revision`: the set-based form of `appendRevision`, for batches
 * of thousands. New rows get revision 1. An existing row is, by `onExisting`,
 * either updated to revision + 1 when anything changed (`ON CONFLICT` holds
 * its row lock, so two writers cannot take the same number) or kept as it is
 * (seeds never overwrite). A correction's `reason` (why) is kept with the
 * revision it made. Returns the keys of the rows it wrote.
 */
export async function writeObservations(
  em: EntityManager,
  rows: readonly CheckedObservation[],
  actor: string,
  onExisting: 'update' | 'keep' | 'seeded',
): Promise<ObservationKey[]> {
  const [input, parameters] = unnest(rows, observationColumns);
  const onConflict =
    onExisting === 'keep'
      ? 'DO NOTHING'
      : // A correction that names no source keeps the earlier one and says so (source_kept).
        `DO UPDATE
         SET value = excluded.value, numerator = excluded.numerator, denominator = excluded.denominator,
             source = coalesce(excluded.source, o.source),
             source_kept = excluded.source IS NULL AND o.source IS NOT NULL,
             value_kind = excluded.value_kind, value_upper = excluded.value_upper, reason = excluded.reason,
             revision = o.revision + 1, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at
         WHERE (o.value, o.numerator, o.denominator, o.source, o.value_kind, o.value_upper)
               IS DISTINCT FROM (excluded.value, excluded.numerator, excluded.denominator,
                                 coalesce(excluded.source, o.source), excluded.value_kind, excluded.value_upper)
           ${onExisting === 'seeded' ? "AND o.recorded_by = 'seed'" : ''}`;
  return em.query(
    `WITH written AS (
       INSERT INTO observation AS o
         (province_id, indicator_code, year, value, numerator, denominator, source, value_kind, value_upper, reason,
          revision, recorded_by, recorded_at)
       SELECT *, 1, $${parameters.length + 1}, now()
         FROM ${input}
           AS i(province_id, indicator_code, year, value, numerator, denominator, source, value_kind, value_upper, reason)
        -- One order for every writer, so concurrent batches queue instead of deadlocking.
        ORDER BY province_id, indicator_code, year
       ON CONFLICT (province_id, indicator_code, year) ${onConflict}
       RETURNING *
     ),
     history AS (
       INSERT INTO observation_revision
         (province_id, indicator_code, year, revision, value, numerator, denominator, source, value_kind, value_upper,
          source_kept, reason, recorded_by, recorded_at)
       SELECT province_id, indicator_code, year, revision, value, numerator, denominator, source, value_kind, value_upper,
              source_kept, reason, recorded_by, recorded_at
         FROM written
     )
     SELECT province_id AS "provinceId", indicator_code AS "indicatorCode", year FROM written`,
    [...parameters, actor],
  );
}

/** How a repeated row is named in an error: "province|indicator|year". */
const rowLabel = (row: ObservationKey) => `${row.provinceId}|${row.indicatorCode}|${row.year}`;

/**
 * Records a batch atomically. Every row is authorised and checked before
 * anything is written; the first failure rejects the whole batch naming its
 * row, field and value. A province officer writes its own province only.
 * Returns each row's current observation, in input order.
 */
export async function recordObservations(
  em: EntityManager,
  actor: Viewer,
  input: ObservationInput[],
  scope: WriteScope,
  locks: FigureLocks,
): Promise<Observation[]> {
  input.forEach((row, i) => {
    requireProvinceWriter(actor, row.provinceId, `recordObservations input[${i}]`, {
      years: [row.year],
      provinces: provinceRegistry(),
    });
    scope.requireProvince(row.provinceId, `recordObservations input[${i}]`);
  });
  if (input.length > MAX_BATCH) {
    throw badInput('input', `${input.length} rows`, `is more than ${MAX_BATCH} rows: split the batch`);
  }
  if (input.length === 0) return [];
  await locks.refuse(input, 'recordObservations');

  const codes = [...new Set(input.map((row) => row.indicator))];
  const indicators = new Map(
    (await em.getRepository(Indicator).findBy({ code: In(codes) })).map((indicator) => [indicator.code, indicator]),
  );
  const firstRow = new Map<string, number>();
  const rows = input.map((row, i) => {
    const checked = checkObservation(`input[${i}]`, row, indicators.get(row.indicator) ?? null);
    const earlier = firstRow.get(rowLabel(checked));
    if (earlier !== undefined) {
      throw badInput(
        `input[${i}]`,
        rowLabel(checked),
        `repeats input[${earlier}]: the same province, indicator and year`,
      );
    }
    firstRow.set(rowLabel(checked), i);
    return checked;
  });

  const written = new Set((await writeObservations(em, rows, actor.sub, 'update')).map(cacheKey));
  for (const row of rows.filter((row) => written.has(cacheKey(ObservationKey.of(row))))) {
    await scope.stored(em, OBSERVATION_RECORD, row.provinceId, {
      indicator: row.indicatorCode,
      year: row.year,
      value: row.value,
      numerator: row.numerator,
      denominator: row.denominator,
      source: row.source,
      valueKind: row.valueKind,
      valueUpper: row.valueUpper,
      reason: row.reason,
      recordedBy: actor.sub,
    });
  }

  const stored = await em
    .getRepository(Observation)
    .createQueryBuilder('o')
    .where(...ObservationKey.in('o', rows))
    .getMany();
  const byKey = new Map(stored.map((o) => [cacheKey(ObservationKey.of(o)), o]));
  return rows.map((row) => byKey.get(cacheKey(ObservationKey.of(row)))!);
}

/**
 * Applies one observation a provincial node sent: the same checks as a direct
 * write (a failure rejects the record), then the same upsert, so corrections
 * arriving in order build the same revision history on the cluster.
 */
export async function applyObservationRecord(em: EntityManager, record: NodeRecord, actor: string): Promise<void> {
  if (record.kind !== OBSERVATION_RECORD) throw badInput('kind', record.kind, 'is not a metrics record kind');
  const payload = record.payload as Record<string, unknown>;
  const input = {
    provinceId: record.provinceId,
    indicator: String(payload.indicator),
    year: Number(payload.year),
    value: Number(payload.value),
    numerator: payload.numerator == null ? undefined : Number(payload.numerator),
    denominator: payload.denominator == null ? undefined : Number(payload.denominator),
    source: payload.source == null ? undefined : String(payload.source),
    valueKind: payload.valueKind == null ? undefined : (String(payload.valueKind) as ValueKind),
    valueUpper: payload.valueUpper == null ? undefined : Number(payload.valueUpper),
    reason: payload.reason == null ? undefined : String(payload.reason),
  } as ObservationInput;
  const indicator = await em.getRepository(Indicator).findOneBy({ code: input.indicator });
  await writeObservations(em, [checkObservation('record', input, indicator)], actor, 'update');
}
