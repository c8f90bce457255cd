import {
  appendRevision,
  badInput,
  checkText,
  checkUuid,
  conflictOn,
  forbidden,
  isUniqueViolation,
  notFound,
  requireProvinceWriter,
  type Viewer,
  type WriteYears,
} from '@thidua/kit';
import { checkYear, describeValidity, referenceData, type ProvinceRegistry } from '@thidua/kit/reference';
import { clusterScope, type NodeRecord, type WriteScope } from '@thidua/kit/exchange';
import type { EntityManager } from 'typeorm';
import { CommendationForm, type CatalogueEntry, type RecipientKind } from '../catalogue/catalogue.entity.js';
import { readCatalogue } from '../catalogue/catalogue.loaders.js';
import { Commendation } from './commendation.entity.js';
import type { CommendationCorrectionInput, CommendationInput } from './commendation.input.js';
import { CommendationRevision } from './commendation-revision.entity.js';
import { refuseLockedCells } from '../lock/lock.guard.js';

/** The (province, year) a commendation counts in: only one with an exact year counts in standings. */
export function countedIn(fields: Pick<CommendationFields, 'provinceId' | 'year' | 'periodFrom'>) {
  return fields.periodFrom === null ? [{ provinceId: fields.provinceId, year: fields.year }] : [];
}

/** The national list of units: the process's one reference instance (`ctx.reference`). */
export function provinceRegistry(): ProvinceRegistry {
  return referenceData().provinces;
}

/** The years a commendation names (its year and its period), for the token rule. */
function yearsOf(fields: { year: number; periodFrom?: number | null; periodTo?: number | null }): WriteYears {
  return { years: [fields.year, fields.periodFrom, fields.periodTo], provinces: provinceRegistry() };
}

/** The fields a commendation is made of, validated and trimmed. */
export interface CommendationFields {
  provinceId: string;
  form: CommendationForm;
  year: number;
  periodFrom: number | null;
  periodTo: number | null;
  recipientKind: RecipientKind;
  recipientName: string;
  decision: string | null;
  /** "YYYY-MM-DD" */
  decisionDate: string | null;
  citation: string | null;
  source: string | null;
  /** Null: the default of the form and year ({@link defaultIssuer}). */
  issuer: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` can be a stored id (so a malformed one is NOT_FOUND, not a database error). */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}

/** A "YYYY-MM-DD" from a Date scalar value (a Date on input, a string from the database). */
export function isoDay(value: Date | string): string {
  return typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);
}

/** A decision is dated in the award's year (or its period) or the year after, and not in the future. */
function checkDecisionDate(field: string, fields: CommendationFields): string | null {
  const date = fields.decisionDate;
  if (date === null) return null;
  const year = Number(date.slice(0, 4));
  const first = fields.periodFrom ?? fields.year;
  const last = (fields.periodTo ?? fields.year) + 1;
  if (year < first || year > last) {
    throw badInput(field, date, `is not in ${first}–${last}: a decision falls in the year of the award or the next`);
  }
  if (date > new Date().toISOString().slice(0, 10)) throw badInput(field, date, 'is in the future');
  return date;
}

function optionalText(field: string, value: string | null | undefined, max: number): string | null {
  return value === null || value === undefined ? null : checkText(field, value, max);
}

function kindsInWords(entry: CatalogueEntry): string {
  return entry.recipientKinds.join(' or ');
}

/**
 * Who may record a form for a province: the Ministry and admins anything; a
 * province officer the forms its own province or department confers, for its
 * own department only, and for the years its province existed (`when`).
 */
export function requireRecorder(
  actor: Viewer,
  provinceId: string,
  entry: CatalogueEntry,
  action: string,
  when?: WriteYears,
): Viewer {
  const who = requireProvinceWriter(actor, provinceId, action, when);
  if (who.role === 'province' && !entry.recordedByProvince) {
    throw forbidden(
      `${action}: ${entry.form} ("${entry.name}") is conferred by ${entry.issuer}; ` +
        'the Ministry or an admin records it, not a province officer',
    );
  }
  return who;
}

/** Checks a whole commendation; every message names the field (under `prefix`) and its value. */
export function validateCommendation(
  fields: CommendationFields,
  catalogue: Map<CommendationForm, CatalogueEntry>,
  prefix = 'input',
): CommendationFields {
  const entry = catalogue.get(fields.form)!;
  checkYear(`${prefix}.year`, fields.year);
  const { periodFrom, periodTo, year } = fields;
  if ((periodFrom === null) !== (periodTo === null)) {
    const missing = periodFrom === null ? 'periodFrom' : 'periodTo';
    throw badInput(`${prefix}.${missing}`, null, 'is needed too: give both ends of the period, or neither');
  }
  if (periodFrom !== null && periodTo !== null) {
    checkYear(`${prefix}.periodFrom`, periodFrom);
    checkYear(`${prefix}.periodTo`, periodTo);
    if (periodTo <= periodFrom) {
      throw badInput(
        `${prefix}.periodTo`,
        periodTo,
        `must be after periodFrom ${periodFrom} (for one year, give only year)`,
      );
    }
    if (year < periodFrom || year > periodTo) {
      throw badInput(`${prefix}.year`, year, `is outside the period ${periodFrom}–${periodTo}`);
    }
  }
  const province = provinceRegistry().get(fields.provinceId);
  if (!province) throw badInput(`${prefix}.provinceId`, fields.provinceId, 'is not a known province');
  for (const [field, when] of [
    ['year', year],
    ['periodFrom', periodFrom],
    ['periodTo', periodTo],
  ] as const) {
    if (when !== null && !provinceRegistry().existedIn(province.id, when)) {
      throw badInput(
        `${prefix}.provinceId`,
        province.id,
        `did not exist in ${when} (${prefix}.${field}): ${describeValidity(province)}`,
      );
    }
  }
  if (!entry.recipientKinds.includes(fields.recipientKind)) {
    throw badInput(
      `${prefix}.recipientKind`,
      fields.recipientKind,
      `cannot receive ${entry.form} ("${entry.name}"): it goes to ${kindsInWords(entry)}`,
    );
  }
  return {
    ...fields,
    decisionDate: checkDecisionDate(`${prefix}.decisionDate`, fields),
    recipientName: checkText(`${prefix}.recipientName`, fields.recipientName, 300),
    decision: optionalText(`${prefix}.decision`, fields.decision, 200),
    citation: optionalText(`${prefix}.citation`, fields.citation, 2000),
    source: optionalText(`${prefix}.source`, fields.source, 500),
    issuer: optionalText(`${prefix}.issuer`, fields.issuer ?? null, 300),
  };
}

function duplicate(fields: CommendationFields): Error {
  return conflictOn(
    'input.recipientName',
    fields.recipientName,
    `already has ${fields.form} for ${fields.year} (${fields.recipientKind}` +
      `${fields.decision ? `, ${fields.decision}` : ''}) in ${fields.provinceId}: correct that record instead`,
  );
}

const required = ['provinceId', 'form', 'year', 'recipientKind', 'recipientName'] as const;
const fieldNames = [
  ...required,
  'decision',
  'decisionDate',
  'citation',
  'source',
  'issuer',
  'periodFrom',
  'periodTo',
] as const;

/** The commendation's fields as they stand, for its history and for the cluster. */
function fieldsOf(commendation: Commendation): CommendationFields {
  return Object.fromEntries(fieldNames.map((name) => [name, commendation[name]])) as unknown as CommendationFields;
}

/** The kind of exchange record a commendation change travels as. */
export const COMMENDATION_RECORD = 'commendation';

/**
 * Appends the commendation as it now stands to its history, with who changed
 * it and why; returns the revision number, which the record then carries.
 */
export function appendHistory(
  em: EntityManager,
  commendation: Commendation,
  action: 'record' | 'correct',
  actor: Viewer,
  note: string | null,
): Promise<number> {
  return appendRevision(
    em,
    CommendationRevision,
    { commendationId: commendation.id },
    { ...fieldsOf(commendation), action, note, actor: actor.sub, at: commendation.updatedAt },
  );
}

/**
 * Tells the scope of the stored state: a provincial node queues it for the
 * cluster with its id, so a later correction on the node corrects the same
 * record there.
 */
export function stored(em: EntityManager, commendation: Commendation, note: string | null, scope: WriteScope) {
  return scope.stored(em, COMMENDATION_RECORD, commendation.provinceId, {
    id: commendation.id,
    revision: commendation.revision,
    ...fieldsOf(commendation),
    note,
    recordedBy: commendation.updatedBy,
  });
}

/** A commendation to record; `id` keeps the id a provincial node gave it. */
export type NewCommendation = CommendationInput & { id?: string };

/** A commendation's input as the fields {@link validateCommendation} checks, a left-out field null. */
export function inputFields(input: CommendationInput): CommendationFields {
  return {
    provinceId: input.provinceId,
    form: input.form,
    year: input.year,
    periodFrom: input.periodFrom ?? null,
    periodTo: input.periodTo ?? null,
    recipientKind: input.recipientKind,
    recipientName: input.recipientName,
    decision: input.decision ?? null,
    decisionDate: input.decisionDate == null ? null : isoDay(input.decisionDate),
    citation: input.citation ?? null,
    source: input.source ?? null,
    issuer: input.issuer ?? null,
  };
}

/**
 * Records one commendation with its first revision. Who may: see
 * {@link requireRecorder}; a duplicate of a recorded award is CONFLICT.
 */
export async function recordCommendation(
  em: EntityManager,
  actor: Viewer,
  input: NewCommendation,
  scope: WriteScope,
): Promise<Commendation> {
  const catalogue = await readCatalogue(em);
  scope.requireProvince(input.provinceId, 'recordCommendation');
  requireRecorder(actor, input.provinceId, catalogue.get(input.form)!, 'recordCommendation', yearsOf(input));
  const fields = validateCommendation(inputFields(input), catalogue);
  try {
    await refuseLockedCells(em, countedIn(fields), 'recordCommendation');
    const now = new Date();
    const repository = em.getRepository(Commendation);
    const created = await repository.save(
      repository.create({
        ...(input.id ? { id: input.id } : {}),
        ...fields,
        revision: 1,
        recordedBy: actor.sub,
        recordedAt: now,
        updatedBy: actor.sub,
        updatedAt: now,
      }),
    );
    created.revision = await appendHistory(em, created, 'record', actor, null);
    await stored(em, created, null, scope);
    return created;
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate(fields);
    throw error;
  }
}

export interface CommendationCorrection {
  id: string;
  input: CommendationCorrectionInput;
  /** Why it is corrected, kept in the history. */
  note?: string | null;
}

/**
 * Corrects a commendation: the new state becomes the next revision and the old
 * one stays in its history. The corrector must be allowed to record both the
 * old and the new state (a province cannot move an award out of, or into, its
 * reach). Correcting to the same state changes nothing.
 */
export async function correctCommendation(
  em: EntityManager,
  actor: Viewer,
  { id, input, note }: CommendationCorrection,
  scope: WriteScope,
): Promise<Commendation> {
  checkUuid('id', id, 'a commendation');
  for (const field of required) {
    if (input[field] === null) throw badInput(`input.${field}`, null, 'cannot be cleared');
  }
  const cleanNote = optionalText('note', note, 1000);
  const catalogue = await readCatalogue(em);
  try {
    const current = await em.findOne(Commendation, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!current) throw notFound('commendation', id);
    scope.requireProvince(current.provinceId, 'correctCommendation');
    requireRecorder(actor, current.provinceId, catalogue.get(current.form)!, 'correctCommendation', yearsOf(current));
    const merged = Object.fromEntries(
      fieldNames.map((name) => [name, input[name] === undefined ? current[name] : input[name]]),
    ) as unknown as CommendationFields;
    if (merged.decisionDate != null) merged.decisionDate = isoDay(merged.decisionDate);
    scope.requireProvince(merged.provinceId, 'correctCommendation');
    requireRecorder(actor, merged.provinceId, catalogue.get(merged.form)!, 'correctCommendation', yearsOf(merged));
    const fields = validateCommendation(merged, catalogue);
    if (fieldNames.every((name) => fields[name] === current[name])) return current;
    await refuseLockedCells(em, [...countedIn(current), ...countedIn(fields)], 'correctCommendation');
    Object.assign(current, fields, { updatedBy: actor.sub, updatedAt: new Date() });
    current.revision = await appendHistory(em, current, 'correct', actor, cleanNote);
    await em.getRepository(Commendation).save(current);
    await stored(em, current, cleanNote, scope);
    return current;
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw conflictOn('id', id, 'would duplicate another commendation once corrected: correct that one instead');
    }
    throw error;
  }
}

/**
 * Applies a commendation change a provincial node sent, with the rights of a
 * province officer of that province and the same checks as a direct write:
 * a new id is recorded (keeping the node's id), a known one corrected.
 */
export async function applyCommendationRecord(em: EntityManager, record: NodeRecord, actor: string): Promise<void> {
  if (record.kind !== COMMENDATION_RECORD) throw badInput('kind', record.kind, 'is not an awards record kind');
  const payload = record.payload as Record<string, unknown>;
  const id = String(payload.id);
  if (!isUuid(id)) throw badInput('payload.id', payload.id, 'is not a commendation id');
  const officer: Viewer = { sub: actor, role: 'province', province: record.provinceId };
  const input = Object.fromEntries(
    fieldNames.map((name) => [name, payload[name] ?? null]),
  ) as unknown as CommendationInput;
  input.provinceId = record.provinceId;
  if (!(Object.values(CommendationForm) as string[]).includes(input.form)) {
    throw badInput('payload.form', input.form, 'is not a commendation form');
  }
  const existing = await em.getRepository(Commendation).findOneBy({ id });
  if (existing) {
    const note = (payload.note as string | null) ?? null;
    await correctCommendation(em, officer, { id, input, note }, clusterScope);
  } else {
    await recordCommendation(em, officer, { ...input, id }, clusterScope);
  }
}
