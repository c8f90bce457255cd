import { badInput, forbidden, isNational, requireViewer, type BaseContext, cacheKey } from '@thidua/kit';
import { queueForCluster } from '@thidua/kit/exchange';
import type { GraphQLError } from 'graphql';
import { Arg, Ctx, Field, Float, ID, InputType, Int, Mutation, ObjectType, Resolver } from 'type-graphql';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { MetricsContext } from '../context.js';
import { Indicator } from '../indicator/indicator.entity.js';
import { OBSERVATION_RECORD } from './observation.service.js';
import { refuseLockedFigures } from '../season-lock/season-locks.js';
import { checkObservation, type CheckedObservation } from './observation.validation.js';

/** A file of a few years of every province's indicators stays well under this. */
export const MAX_IMPORT_ROWS = 250_000;
/** How many row errors an answer lists (it always counts them all). */
export const MAX_LISTED_ERRORS = 500;

/**
 * Rows as columns: entry i of every list is row i. Lists of scalars cost
 * little to send and to check, so a file of 100,000 values travels as one
 * operation and is stored in one transaction.
 */
@InputType({ description: 'Observations as columns: entry i of every list belongs to row i (lists of equal length)' })
export class ObservationColumnsInput {
  @Field(() => [ID])
  provinceIds!: string[];

  @Field(() => [ID], { description: 'Indicator codes' })
  indicators!: string[];

  @Field(() => [Int])
  years!: number[];

  @Field(() => [Float])
  values!: number[];

  @Field(() => [Float], {
    nullable: 'itemsAndList',
    description: 'Left out (null) with an unchanged value: the stored numerator stays (likewise denominators)',
  })
  numerators?: (number | null)[] | null;

  @Field(() => [Float], { nullable: 'itemsAndList' })
  denominators?: (number | null)[] | null;

  @Field(() => [String], {
    nullable: 'itemsAndList',
    description: 'Where each figure comes from. Left out (null) with an unchanged value: the stored source stays',
  })
  sources?: (string | null)[] | null;
}

@ObjectType({ description: 'Why one row of an import was refused' })
export class ObservationRowError {
  @Field(() => Int, { description: 'Position in the columns, from 0' })
  row!: number;

  @Field({ description: 'The refused field: provinceId, indicator, year, value, numerator, denominator or source' })
  field!: string;

  @Field(() => String, { nullable: true, description: 'The refused value as received' })
  value!: string | null;

  @Field()
  message!: string;

  @Field({ description: 'BAD_USER_INPUT, or FORBIDDEN for a province the caller may not write' })
  code!: string;
}

@ObjectType({ description: 'What an import stored, or would store (dryRun), and every row it refused' })
export class ObservationImportResult {
  @Field(() => Int)
  rows!: number;

  @Field(() => Int, { description: 'New or changed values (each with a new revision); 0 when any row was refused' })
  stored!: number;

  @Field(() => Int, { description: 'Rows identical to what is stored already' })
  unchanged!: number;

  @Field({ description: 'True when nothing was written on purpose' })
  dryRun!: boolean;

  @Field(() => Int, { description: 'How many rows were refused; nothing is stored when it is not 0' })
  errorCount!: number;

  @Field(() => [ObservationRowError], { description: `The refused rows, at most ${MAX_LISTED_ERRORS}` })
  errors!: ObservationRowError[];
}

function columnLength(name: string, list: unknown[] | null | undefined, rows: number): void {
  if (list != null && list.length !== rows) {
    throw badInput(`columns.${name}`, `${list.length} entries`, `must have one entry per row (${rows})`);
  }
}

function rowErrorOf(row: number, error: unknown): ObservationRowError {
  const graphql = error as GraphQLError;
  const extensions = graphql.extensions ?? {};
  if (typeof extensions.code !== 'string') throw error;
  const field = typeof extensions.field === 'string' ? extensions.field.replace(/^row\./, '') : 'provinceId';
  const value = extensions.value === undefined || extensions.value === null ? null : String(extensions.value);
  return { row, field, value, message: graphql.message.replace(/^row\./, ''), code: extensions.code };
}

/** Checks every row; the first problem of each row is listed, and the rows that passed are returned. */
async function checkColumns(
  db: EntityManager,
  ctx: BaseContext,
  columns: ObservationColumnsInput,
): Promise<{ rows: CheckedObservation[]; errors: ObservationRowError[] }> {
  const who = requireViewer(ctx.viewer);
  if (!isNational(who) && who.role !== 'province') {
    throw forbidden(`importObservations needs an admin, ministry or province token; this token has ${who.role}`);
  }
  const count = columns.provinceIds.length;
  if (count > MAX_IMPORT_ROWS) {
    throw badInput('columns', `${count} rows`, `is more than ${MAX_IMPORT_ROWS} rows: split the file`);
  }
  for (const name of ['indicators', 'years', 'values', 'numerators', 'denominators', 'sources'] as const) {
    columnLength(name, columns[name], count);
  }
  const codes = [...new Set(columns.indicators)];
  const indicators = new Map(
    (await db.getRepository(Indicator).findBy({ code: In(codes) })).map((indicator) => [indicator.code, indicator]),
  );
  const rows: CheckedObservation[] = [];
  const errors: ObservationRowError[] = [];
  const firstRow = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const provinceId = columns.provinceIds[i];
    try {
      if (ctx.node && ctx.node.province !== provinceId) {
        throw forbidden(`this node keeps the data of "${ctx.node.province}" only, not "${provinceId}"`);
      }
      if (who.role === 'province' && who.province !== provinceId) {
        throw forbidden(`a token for province "${who.province}" cannot write data of "${provinceId}"`);
      }
      const checked = checkObservation(
        'row',
        {
          provinceId,
          indicator: columns.indicators[i],
          year: columns.years[i],
          value: columns.values[i],
          numerator: columns.numerators?.[i] ?? null,
          denominator: columns.denominators?.[i] ?? null,
          source: columns.sources?.[i] ?? null,
        },
        indicators.get(columns.indicators[i]) ?? null,
      );
      const key = cacheKey({
        provinceId: checked.provinceId,
        indicatorCode: checked.indicatorCode,
        year: checked.year,
      });
      const earlier = firstRow.get(key);
      if (earlier !== undefined) {
        throw badInput('row.value', checked.value, `repeats row ${earlier}: the same province, indicator and year`);
      }
      firstRow.set(key, i);
      rows.push(checked);
    } catch (error) {
      errors.push(rowErrorOf(i, error));
    }
  }
  return { rows, errors };
}

/**
 * Writes imported rows in one statement. A row whose value is what is stored
 * is unchanged unless it brings a numerator, denominator or source that
 * differs: a file that leaves those out (a template has one value per cell)
 * keeps the stored ones. A changed value is a new revision with what the
 * file gives; without a source it keeps the stored one and says so
 * (`source_kept`). Returns the rows written, as stored.
 */
async function writeImported(db: EntityManager, rows: CheckedObservation[], actor: string) {
  return (await db.query(
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
         SET value = excluded.value,
             numerator = CASE WHEN o.value IS DISTINCT FROM excluded.value THEN excluded.numerator
                              ELSE coalesce(excluded.numerator, o.numerator) END,
             denominator = CASE WHEN o.value IS DISTINCT FROM excluded.value THEN excluded.denominator
                                ELSE coalesce(excluded.denominator, o.denominator) END,
             -- A file that names no source keeps the stored one, and the row says so.
             source = coalesce(excluded.source, o.source),
             source_kept = CASE WHEN excluded.source IS NOT NULL THEN false
                                WHEN o.value IS DISTINCT FROM excluded.value THEN o.source IS NOT NULL
                                ELSE o.source_kept END,
             -- A file gives a plain number: a changed value is stated as it is.
             value_kind = CASE WHEN o.value IS DISTINCT FROM excluded.value THEN 'EXACT' ELSE o.value_kind END,
             value_upper = CASE WHEN o.value IS DISTINCT FROM excluded.value THEN NULL ELSE o.value_upper END,
             reason = 'nhập từ tệp',
             revision = o.revision + 1, recorded_by = excluded.recorded_by, recorded_at = excluded.recorded_at
         WHERE o.value IS DISTINCT FROM excluded.value
            OR (excluded.numerator IS NOT NULL AND o.numerator IS DISTINCT FROM excluded.numerator)
            OR (excluded.denominator IS NOT NULL AND o.denominator IS DISTINCT FROM excluded.denominator)
            OR (excluded.source IS NOT NULL AND o.source IS DISTINCT FROM excluded.source)
       RETURNING *
     )
     INSERT INTO observation_revision
       (province_id, indicator_code, year, revision, value, numerator, denominator, source, value_kind, value_upper,
        source_kept, reason, recorded_by, recorded_at)
     SELECT province_id, indicator_code, year, revision, value, numerator, denominator, source, value_kind, value_upper,
            source_kept, reason, recorded_by, recorded_at
       FROM written
     RETURNING province_id, indicator_code, year, value, numerator, denominator, source`,
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
  )) as {
    province_id: string;
    indicator_code: string;
    year: number;
    value: number;
    numerator: number | null;
    denominator: number | null;
    source: string | null;
  }[];
}

/**
 * Imports a file's observations all or nothing: every row is checked (the
 * same rules and rights as recordObservations) and every refused row is
 * reported; only when none is refused are the rows written, in one
 * transaction, each changed value with a new revision. A dry run does the
 * same work and rolls it back, so its counts are exact.
 */
export async function importObservations(
  dataSource: DataSource,
  ctx: BaseContext,
  columns: ObservationColumnsInput,
  dryRun: boolean,
): Promise<ObservationImportResult> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    const { rows, errors } = await checkColumns(runner.manager, ctx, columns);
    const result: ObservationImportResult = {
      rows: columns.provinceIds.length,
      stored: 0,
      unchanged: 0,
      dryRun,
      errorCount: errors.length,
      errors: errors.slice(0, MAX_LISTED_ERRORS),
    };
    if (errors.length === 0 && rows.length > 0) {
      const who = requireViewer(ctx.viewer);
      await refuseLockedFigures(ctx, rows, 'importObservations');
      const written = await writeImported(runner.manager, rows, who.sub);
      for (const row of written) {
        await queueForCluster(runner.manager, ctx, OBSERVATION_RECORD, row.province_id, {
          indicator: row.indicator_code,
          year: row.year,
          value: row.value,
          numerator: row.numerator,
          denominator: row.denominator,
          source: row.source,
          recordedBy: who.sub,
        });
      }
      result.stored = written.length;
      result.unchanged = rows.length - written.length;
    }
    if (dryRun || errors.length > 0) await runner.rollbackTransaction();
    else await runner.commitTransaction();
    return result;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}

@Resolver()
export class ObservationImportResolver {
  @Mutation(() => ObservationImportResult, {
    description:
      'Imports many observations at once, all or nothing: every refused row is listed (row, field, value) and then ' +
      'nothing is stored. Same rules and rights as recordObservations (a province token writes only its own ' +
      'province). A row with the stored value and no other field that differs is unchanged (left-out numerator, ' +
      'denominator or source keep the stored ones). dryRun checks and counts without storing',
  })
  importObservations(
    @Arg('columns', () => ObservationColumnsInput) columns: ObservationColumnsInput,
    @Ctx() ctx: MetricsContext,
    @Arg('dryRun', () => Boolean, { defaultValue: false }) dryRun: boolean,
  ): Promise<ObservationImportResult> {
    return importObservations(ctx.db, ctx, columns, dryRun);
  }
}
