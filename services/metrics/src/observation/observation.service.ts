import { badInput, requireNodeScope, requireProvinceWriter, requireViewer, type BaseContext } from '@thidua/kit';
import { queueForCluster, type NodeRecord } from '@thidua/kit/exchange';
import { In, type DataSource, type EntityManager } from 'typeorm';
import { observationKey } from '../context.js';
import { Indicator } from '../indicator/indicator.entity.js';
import { Observation } from './observation.entity.js';
import type { ObservationInput } from './observation.input.js';
import { refuseLockedFigures } from '../season-lock/season-locks.js';
import { checkObservation, type CheckedObservation } from './observation.validation.js';

/** Larger batches are refused: split them (a province reports a few dozen values a year). */
export const MAX_BATCH = 5000;

/** The kind of exchange record an observation revision travels as. */
export const OBSERVATION_RECORD = 'observation';

/**
 * Writes checked rows in one statement: new rows get revision 1, changed rows
 * revision + 1, identical rows (same value, numerator, denominator and source)
 * are left untouched; every write also lands in `observation_revision`.
 * Returns the rows actually written.
 */
export async function upsertObservations(
  db: EntityManager,
  rows: CheckedObservation[],
  actor: string,
): Promise<CheckedObservation[]> {
  const written: { province_id: string; indicator_code: string; year: number }[] = await db.query(
    `WITH input AS (
       SELECT * FROM unnest($1::text[], $2::text[], $3::int[], $4::float8[], $5::float8[], $6::float8[], $7::text[])
         AS i(province_id, indicator_code, year, value, numerator, denominator, source)
     ),
     written AS (
       INSERT INTO observation AS o
         (province_id, indicator_code, year, value, numerator, denominator, source, revision, recorded_by, recorded_at)
       SELECT province_id, indicator_code, year, value, numerator, denominator, source, 1, $8, now()
         FROM input
        -- One order for every writer, so concurrent batches queue instead of deadlocking.
        ORDER BY province_id, indicator_code, year
       ON CONFLICT (province_id, indicator_code, year) DO UPDATE
         SET value = excluded.value, numerator = excluded.numerator, denominator = excluded.denominator,
             source = excluded.source, revision = o.revision + 1,
             recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at
         WHERE (o.value, o.numerator, o.denominator, o.source)
               IS DISTINCT FROM (excluded.value, excluded.numerator, excluded.denominator, excluded.source)
       RETURNING *
     )
     INSERT INTO observation_revision
       (province_id, indicator_code, year, revision, value, numerator, denominator, source, recorded_by, recorded_at)
     SELECT province_id, indicator_code, year, revision, value, numerator, denominator, source, recorded_by, recorded_at
       FROM written
     RETURNING province_id, indicator_code, year`,
    [
      rows.map((r) => r.provinceId),
      rows.map((r) => r.indicatorCode),
      rows.map((r) => r.year),
      rows.map((r) => r.value),
      rows.map((r) => r.numerator),
      rows.map((r) => r.denominator),
      rows.map((r) => r.source),
      actor,
    ],
  );
  const changed = new Set(
    written.map((w) => observationKey({ provinceId: w.province_id, indicatorCode: w.indicator_code, year: w.year })),
  );
  return rows.filter((row) => changed.has(observationKey(row)));
}

/**
 * Records a batch atomically. Every row is authorised and checked before
 * anything is written; the first failure rejects the whole batch naming its
 * row, field and value. Returns each row's current observation, in input order.
 */
export async function recordObservations(
  dataSource: DataSource,
  ctx: BaseContext,
  input: ObservationInput[],
): Promise<Observation[]> {
  const who = requireViewer(ctx.viewer);
  input.forEach((row, i) => {
    requireProvinceWriter(who, row.provinceId, `recordObservations input[${i}]`);
    requireNodeScope(ctx, row.provinceId, `recordObservations input[${i}]`);
  });
  if (input.length > MAX_BATCH) {
    throw badInput('input', `${input.length} rows`, `is more than ${MAX_BATCH} rows: split the batch`);
  }
  if (input.length === 0) return [];
  await refuseLockedFigures(ctx, input, 'recordObservations');

  return dataSource.transaction(async (db) => {
    const codes = [...new Set(input.map((row) => row.indicator))];
    const indicators = new Map(
      (await db.getRepository(Indicator).findBy({ code: In(codes) })).map((indicator) => [indicator.code, indicator]),
    );
    const firstRow = new Map<string, number>();
    const rows = input.map((row, i) => {
      const checked = checkObservation(`input[${i}]`, row, indicators.get(row.indicator) ?? null);
      const key = observationKey(checked);
      const earlier = firstRow.get(key);
      if (earlier !== undefined) {
        throw badInput(`input[${i}]`, key, `repeats input[${earlier}]: the same province, indicator and year`);
      }
      firstRow.set(key, i);
      return checked;
    });

    const written = await upsertObservations(db, rows, who.sub);
    for (const row of written) {
      await queueForCluster(db, ctx, OBSERVATION_RECORD, row.provinceId, {
        indicator: row.indicatorCode,
        year: row.year,
        value: row.value,
        numerator: row.numerator,
        denominator: row.denominator,
        source: row.source,
        recordedBy: who.sub,
      });
    }

    const stored = await db
      .getRepository(Observation)
      .createQueryBuilder('o')
      .where(
        '(o.province_id, o.indicator_code, o.year) IN (SELECT * FROM unnest(:provinces::text[], :codes::text[], :years::int[]))',
        {
          provinces: rows.map((r) => r.provinceId),
          codes: rows.map((r) => r.indicatorCode),
          years: rows.map((r) => r.year),
        },
      )
      .getMany();
    const byKey = new Map(stored.map((o) => [observationKey(o), o]));
    return rows.map((row) => byKey.get(observationKey(row))!);
  });
}

/**
 * Applies one observation a provincial node sent: the same checks as a direct
 * write (a failure rejects the record), then the same upsert, so corrections
 * arriving in order build the same revision history on the cluster.
 */
export async function applyObservationRecord(db: EntityManager, record: NodeRecord, actor: string): Promise<void> {
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
  } as ObservationInput;
  const indicator = await db.getRepository(Indicator).findOneBy({ code: input.indicator });
  await upsertObservations(db, [checkObservation('record', input, indicator)], actor);
}
