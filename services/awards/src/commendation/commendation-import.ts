import { writeScope } from '@thidua/kit/exchange';
import {
  badInput,
  checkText,
  forbidden,
  isNational,
  refuseOnNode,
  requireNodeScope,
  requireViewer,
  type BaseContext,
  type Viewer,
} from '@thidua/kit';
import { checkYear, describeValidity } from '@thidua/kit/reference';
import { GraphQLError } from 'graphql';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { CatalogueEntry, CommendationForm } from '../catalogue/catalogue.entity.js';
import { Commendation } from './commendation.entity.js';
import type { CommendationInput } from './commendation.input.js';
import {
  appendHistory,
  countedIn,
  inputFields,
  provinceRegistry,
  stored,
  requireRecorder,
  validateCommendation,
  type CommendationFields,
} from './commendation.service.js';
import type { AwardRowError, CommendationImportResult, TallyInput } from './commendation-import.types.js';
import { CommendationTally } from './tally.entity.js';
import { refuseLockedCells } from '../lock/lock.guard.js';
import { TallyRevision } from './tally-revision.entity.js';

/** Larger files are refused: a cluster's year is a few hundred awards. */
export const MAX_IMPORT_AWARDS = 20_000;

type Catalogue = Map<CommendationForm, CatalogueEntry>;
type Checked<T> = { row: number; value: T };

function rowError(list: string, row: number, error: unknown, fallbackField: string): AwardRowError {
  const extensions = (error as GraphQLError).extensions ?? {};
  if (typeof extensions.code !== 'string') throw error;
  const field = typeof extensions.field === 'string' ? extensions.field.replace(/^row\./, '') : fallbackField;
  const value = extensions.value === undefined || extensions.value === null ? null : String(extensions.value);
  return { list, row, field, value, message: (error as Error).message.replace(/^row\./, ''), code: extensions.code };
}

const commendationKey = (c: CommendationFields) =>
  [
    c.provinceId,
    c.form,
    c.year,
    c.recipientKind,
    c.recipientName.toLowerCase(),
    c.decision ?? '',
    c.periodFrom ?? '',
    c.periodTo ?? '',
  ].join('|');

const commendationFields = [
  'provinceId',
  'form',
  'year',
  'recipientKind',
  'recipientName',
  'decision',
  'citation',
  'source',
  'issuer',
  'periodFrom',
  'periodTo',
] as const;

function checkCommendations(ctx: BaseContext, who: Viewer, rows: CommendationInput[], catalogue: Catalogue) {
  const checked: Checked<CommendationFields>[] = [];
  const errors: AwardRowError[] = [];
  const seen = new Map<string, number>();
  rows.forEach((input, row) => {
    try {
      requireNodeScope(ctx, input.provinceId, 'importCommendations');
      const entry = catalogue.get(input.form)!;
      try {
        requireRecorder(who, input.provinceId, entry, 'importCommendations');
      } catch (error) {
        // Its own province but a form the Ministry records: the form is what is refused.
        const field = who.province === input.provinceId ? 'form' : 'provinceId';
        const refused = error as GraphQLError;
        throw new GraphQLError(refused.message, { extensions: { ...refused.extensions, field, value: input[field] } });
      }
      const fields = validateCommendation(inputFields(input), catalogue, 'row');
      const key = commendationKey(fields);
      if (seen.has(key)) throw badInput('row.recipientName', fields.recipientName, `repeats row ${seen.get(key)}`);
      seen.set(key, row);
      checked.push({ row, value: fields });
    } catch (error) {
      errors.push(rowError('commendations', row, error, 'provinceId'));
    }
  });
  return { checked, errors };
}

const tallyKey = (t: Pick<TallyInput, 'provinceId' | 'form' | 'recipientKind' | 'periodFrom' | 'periodTo'>) =>
  [t.provinceId, t.form, t.recipientKind, t.periodFrom, t.periodTo].join('|');

/** The same rules as a commendation: the form's recorder, a province that existed, a kind the form goes to. */
function checkTally(input: TallyInput, entry: CatalogueEntry): TallyInput {
  checkYear('row.periodFrom', input.periodFrom);
  checkYear('row.periodTo', input.periodTo);
  if (input.periodTo < input.periodFrom) {
    throw badInput('row.periodTo', input.periodTo, `is before periodFrom ${input.periodFrom}`);
  }
  const province = provinceRegistry().get(input.provinceId);
  if (!province) throw badInput('row.provinceId', input.provinceId, 'is not a known province');
  for (const year of [input.periodFrom, input.periodTo]) {
    if (!provinceRegistry().existedIn(province.id, year)) {
      throw badInput('row.provinceId', province.id, `did not exist in ${year}: ${describeValidity(province)}`);
    }
  }
  if (!entry.recipientKinds.includes(input.recipientKind)) {
    throw badInput('row.recipientKind', input.recipientKind, `cannot receive ${entry.form} ("${entry.name}")`);
  }
  if (!Number.isInteger(input.count) || input.count < 1) {
    throw badInput('row.count', input.count, 'is not a count of awards (a whole number ≥ 1)');
  }
  return {
    ...input,
    citation: input.citation == null ? null : checkText('row.citation', input.citation, 2000),
    source: checkText('row.source', input.source, 500),
  };
}

function checkTallies(who: Viewer, rows: TallyInput[], catalogue: Catalogue) {
  const checked: Checked<TallyInput>[] = [];
  const errors: AwardRowError[] = [];
  const seen = new Map<string, number>();
  rows.forEach((input, row) => {
    try {
      const entry = catalogue.get(input.form)!;
      requireRecorder(who, input.provinceId, entry, 'importCommendations');
      const tally = checkTally(input, entry);
      const key = tallyKey(tally);
      if (seen.has(key)) throw badInput('row.count', tally.count, `repeats row ${seen.get(key)}`);
      seen.set(key, row);
      checked.push({ row, value: tally });
    } catch (error) {
      errors.push(rowError('tallies', row, error, 'provinceId'));
    }
  });
  return { checked, errors };
}

/** Records new commendations, corrects those whose key matches but whose details differ; returns how many changed. */
async function writeCommendations(
  tx: EntityManager,
  ctx: BaseContext,
  who: Viewer,
  rows: CommendationFields[],
): Promise<number> {
  const repository = tx.getRepository(Commendation);
  const existing = await repository.find({
    where: { provinceId: In([...new Set(rows.map((r) => r.provinceId))]) },
    lock: { mode: 'pessimistic_write' },
  });
  const byKey = new Map(existing.map((c) => [commendationKey(c), c]));
  let changed = 0;
  for (const fields of rows) {
    const current = byKey.get(commendationKey(fields));
    if (current && commendationFields.every((name) => current[name] === fields[name])) continue;
    await refuseLockedCells(tx, [...(current ? countedIn(current) : []), ...countedIn(fields)], 'importCommendations');
    const now = new Date();
    const saved = current
      ? await repository.save(
          Object.assign(current, fields, { revision: current.revision + 1, updatedBy: who.sub, updatedAt: now }),
        )
      : await repository.save(
          repository.create({
            ...fields,
            revision: 1,
            recordedBy: who.sub,
            recordedAt: now,
            updatedBy: who.sub,
            updatedAt: now,
          }),
        );
    await appendHistory(tx, saved, current ? 'correct' : 'record', who, current ? 'import' : null);
    await stored(tx, saved, current ? 'import' : null, writeScope(ctx));
    changed++;
  }
  return changed;
}

async function appendTallyRevision(tx: EntityManager, tally: CommendationTally, action: string, note: string | null) {
  await tx.getRepository(TallyRevision).insert({
    tallyId: tally.id,
    revision: tally.revision,
    action,
    provinceId: tally.provinceId,
    form: tally.form,
    recipientKind: tally.recipientKind,
    count: tally.count,
    periodFrom: tally.periodFrom,
    periodTo: tally.periodTo,
    citation: tally.citation,
    source: tally.source,
    note,
    actor: tally.updatedBy,
    at: tally.updatedAt,
  });
}

/** Records new tallies and corrects those whose count, citation or source changed; returns how many changed. */
async function writeTallies(tx: EntityManager, who: Viewer, rows: TallyInput[]): Promise<number> {
  // A tally of one year counts in that year's standings: a locked season's stays as it was frozen.
  const counted = rows
    .filter((r) => r.periodFrom === r.periodTo)
    .map((r) => ({ provinceId: r.provinceId, year: r.periodFrom }));
  await refuseLockedCells(tx, counted, 'importCommendations');
  const repository = tx.getRepository(CommendationTally);
  const existing = await repository.find({
    where: { provinceId: In([...new Set(rows.map((r) => r.provinceId))]) },
    lock: { mode: 'pessimistic_write' },
  });
  const byKey = new Map(existing.map((t) => [tallyKey(t), t]));
  let changed = 0;
  for (const input of rows) {
    const current = byKey.get(tallyKey(input));
    const now = new Date();
    if (current) {
      if (
        current.count === input.count &&
        current.citation === (input.citation ?? null) &&
        current.source === input.source
      ) {
        continue;
      }
      // Reference data carries no revision row yet: keep the state it is about to lose.
      const kept = await tx.getRepository(TallyRevision).existsBy({ tallyId: current.id, revision: current.revision });
      if (!kept) await appendTallyRevision(tx, current, 'seed', null);
      Object.assign(current, {
        count: input.count,
        citation: input.citation ?? null,
        source: input.source,
        revision: current.revision + 1,
        updatedBy: who.sub,
        updatedAt: now,
      });
      await appendTallyRevision(tx, await repository.save(current), 'correct', 'import');
    } else {
      const created = await repository.save(
        repository.create({
          ...input,
          citation: input.citation ?? null,
          seedKey: null,
          revision: 1,
          recordedBy: who.sub,
          recordedAt: now,
          updatedBy: who.sub,
          updatedAt: now,
        }),
      );
      await appendTallyRevision(tx, created, 'record', null);
    }
    changed++;
  }
  return changed;
}

/**
 * Imports commendations and tallies all or nothing. Every row is checked
 * with the rights and rules of recordCommendation (a province officer only
 * its own department's provincial and department-level forms) and every
 * refused row is listed; only when none is refused is anything written, in
 * one transaction. A row identical to a kept record is unchanged; a row with
 * a kept record's key but other details corrects it, keeping history.
 */
export async function importCommendations(
  dataSource: DataSource,
  ctx: BaseContext,
  catalogue: Catalogue,
  input: { commendations: CommendationInput[]; tallies: TallyInput[] },
  dryRun: boolean,
): Promise<CommendationImportResult> {
  const who = requireViewer(ctx.viewer);
  if (!isNational(who) && who.role !== 'province') {
    throw forbidden(`importCommendations needs an admin, ministry or province token; this token has ${who.role}`);
  }
  if (input.tallies.length > 0) refuseOnNode(ctx, 'Recording tallies');
  const total = input.commendations.length + input.tallies.length;
  if (total > MAX_IMPORT_AWARDS) {
    throw badInput('commendations', `${total} rows`, `is more than ${MAX_IMPORT_AWARDS} rows: split the file`);
  }
  const commendations = checkCommendations(ctx, who, input.commendations, catalogue);
  const tallies = checkTallies(who, input.tallies, catalogue);
  const errors = [...commendations.errors, ...tallies.errors];
  const result: CommendationImportResult = {
    commendations: { rows: input.commendations.length, stored: 0, unchanged: 0 },
    tallies: { rows: input.tallies.length, stored: 0, unchanged: 0 },
    dryRun,
    errorCount: errors.length,
    errors: errors.slice(0, 500),
  };
  if (errors.length > 0 || total === 0) return result;
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.startTransaction();
    const storedCommendations = await writeCommendations(
      runner.manager,
      ctx,
      who,
      commendations.checked.map((c) => c.value),
    );
    const storedTallies = await writeTallies(
      runner.manager,
      who,
      tallies.checked.map((t) => t.value),
    );
    result.commendations = {
      rows: input.commendations.length,
      stored: storedCommendations,
      unchanged: input.commendations.length - storedCommendations,
    };
    result.tallies = {
      rows: input.tallies.length,
      stored: storedTallies,
      unchanged: input.tallies.length - storedTallies,
    };
    if (dryRun) await runner.rollbackTransaction();
    else await runner.commitTransaction();
    return result;
  } catch (error) {
    if (runner.isTransactionActive) await runner.rollbackTransaction();
    throw error;
  } finally {
    await runner.release();
  }
}
