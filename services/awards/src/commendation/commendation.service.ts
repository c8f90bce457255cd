import {
  badInput,
  checkText,
  conflict,
  forbidden,
  isUniqueViolation,
  notFound,
  requireNodeScope,
  requireProvinceWriter,
  requireViewer,
  silentLogger,
  type BaseContext,
  type Viewer,
} from '@thidua/kit';
import { checkYear, describeValidity, referenceData, type ProvinceRegistry } from '@thidua/kit/reference';
import { queueForCluster, type NodeRecord } from '@thidua/kit/exchange';
import type { EntityManager } from 'typeorm';
import { CatalogueEntry, type CommendationForm, type RecipientKind } from '../catalogue/catalogue.entity.js';
import { Commendation } from './commendation.entity.js';
import type { CommendationCorrectionInput, CommendationInput } from './commendation.input.js';
import { CommendationRevision } from './commendation-revision.entity.js';
import { refuseLockedCells } from '../lock/lock.guard.js';

/** The (province, year) a commendation counts in: only one with an exact year counts in standings. */
function countedIn(fields: Pick<CommendationFields, 'provinceId' | 'year' | 'periodFrom'>) {
  return fields.periodFrom === null ? [{ provinceId: fields.provinceId, year: fields.year }] : [];
}

/** The national list of units: the process's one reference instance. */
export function provinceRegistry(): ProvinceRegistry {
  return referenceData().provinces;
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
  citation: string | null;
  source: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `id` can be a stored id (so a malformed one is NOT_FOUND, not a database error). */
export function isUuid(id: string): boolean {
  return UUID.test(id);
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
 * own department only.
 */
export function requireRecorder(
  viewer: Viewer | null,
  provinceId: string,
  entry: CatalogueEntry,
  action: string,
): Viewer {
  const who = requireProvinceWriter(viewer, provinceId, action);
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
    recipientName: checkText(`${prefix}.recipientName`, fields.recipientName, 300),
    decision: optionalText(`${prefix}.decision`, fields.decision, 200),
    citation: optionalText(`${prefix}.citation`, fields.citation, 2000),
    source: optionalText(`${prefix}.source`, fields.source, 500),
  };
}

function duplicate(fields: CommendationFields): Error {
  return conflict(
    `${fields.provinceId} already has ${fields.form} for ${fields.year} to ${fields.recipientKind} ` +
      `"${fields.recipientName}"${fields.decision ? ` (${fields.decision})` : ''}: correct that record instead`,
  );
}

async function insertRevision(
  db: EntityManager,
  commendation: Commendation,
  action: 'record' | 'correct',
  actor: string,
  note: string | null,
): Promise<void> {
  await db.getRepository(CommendationRevision).insert({
    commendationId: commendation.id,
    revision: commendation.revision,
    action,
    provinceId: commendation.provinceId,
    form: commendation.form,
    year: commendation.year,
    periodFrom: commendation.periodFrom,
    periodTo: commendation.periodTo,
    recipientKind: commendation.recipientKind,
    recipientName: commendation.recipientName,
    decision: commendation.decision,
    citation: commendation.citation,
    source: commendation.source,
    note,
    actor,
    at: commendation.updatedAt,
  });
}

/** The kind of exchange record a commendation change travels as. */
export const COMMENDATION_RECORD = 'commendation';

/**
 * On a provincial node, queues the commendation's new state for the cluster,
 * in the transaction that stored it. The id travels along, so a later
 * correction on the node corrects the same record on the cluster.
 */
async function queueCommendation(tx: EntityManager, ctx: BaseContext, commendation: Commendation, note: string | null) {
  await queueForCluster(tx, ctx, COMMENDATION_RECORD, commendation.provinceId, {
    id: commendation.id,
    revision: commendation.revision,
    ...Object.fromEntries(fieldNames.map((name) => [name, commendation[name]])),
    note,
    recordedBy: commendation.updatedBy,
  });
}

/** Records one commendation with its first revision (`id` keeps a provincial node's id). */
export async function recordCommendation(
  db: EntityManager,
  ctx: BaseContext,
  input: CommendationInput,
  catalogue: Map<CommendationForm, CatalogueEntry>,
  id?: string,
): Promise<Commendation> {
  requireNodeScope(ctx, input.provinceId, 'recordCommendation');
  const who = requireRecorder(ctx.viewer, input.provinceId, catalogue.get(input.form)!, 'recordCommendation');
  const fields = validateCommendation(
    {
      provinceId: input.provinceId,
      form: input.form,
      year: input.year,
      periodFrom: input.periodFrom ?? null,
      periodTo: input.periodTo ?? null,
      recipientKind: input.recipientKind,
      recipientName: input.recipientName,
      decision: input.decision ?? null,
      citation: input.citation ?? null,
      source: input.source ?? null,
    },
    catalogue,
  );
  try {
    return await db.transaction(async (tx) => {
      await refuseLockedCells(tx, countedIn(fields), 'recordCommendation');
      const now = new Date();
      const created = await tx.getRepository(Commendation).save(
        tx.getRepository(Commendation).create({
          ...(id ? { id } : {}),
          ...fields,
          revision: 1,
          recordedBy: who.sub,
          recordedAt: now,
          updatedBy: who.sub,
          updatedAt: now,
        }),
      );
      await insertRevision(tx, created, 'record', who.sub, null);
      await queueCommendation(tx, ctx, created, null);
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw duplicate(fields);
    throw error;
  }
}

const required = ['provinceId', 'form', 'year', 'recipientKind', 'recipientName'] as const;
const fieldNames = [...required, 'decision', 'citation', 'source', 'periodFrom', 'periodTo'] as const;

/**
 * Corrects a commendation: the new state becomes revision n + 1 and the old one
 * stays in its history. The corrector must be allowed to record both the old
 * and the new state (a province cannot move an award out of, or into, its reach).
 */
export async function correctCommendation(
  db: EntityManager,
  ctx: BaseContext,
  id: string,
  input: CommendationCorrectionInput,
  note: string | null | undefined,
  catalogue: Map<CommendationForm, CatalogueEntry>,
): Promise<Commendation> {
  const viewer = ctx.viewer;
  requireViewer(viewer);
  if (!isUuid(id)) throw notFound('commendation', id);
  for (const field of required) {
    if (input[field] === null) throw badInput(`input.${field}`, null, 'cannot be cleared');
  }
  const cleanNote = optionalText('note', note, 1000);
  try {
    return await db.transaction(async (tx) => {
      const current = await tx
        .getRepository(Commendation)
        .createQueryBuilder('c')
        .setLock('pessimistic_write')
        .where('c.id = :id', { id })
        .getOne();
      if (!current) throw notFound('commendation', id);
      requireNodeScope(ctx, current.provinceId, 'correctCommendation');
      requireRecorder(viewer, current.provinceId, catalogue.get(current.form)!, 'correctCommendation');
      const merged = Object.fromEntries(
        fieldNames.map((name) => [name, input[name] === undefined ? current[name] : input[name]]),
      ) as unknown as CommendationFields;
      requireNodeScope(ctx, merged.provinceId, 'correctCommendation');
      const who = requireRecorder(viewer, merged.provinceId, catalogue.get(merged.form)!, 'correctCommendation');
      const fields = validateCommendation(merged, catalogue);
      if (fieldNames.every((name) => fields[name] === current[name])) return current;
      await refuseLockedCells(tx, [...countedIn(current), ...countedIn(fields)], 'correctCommendation');
      Object.assign(current, fields, { revision: current.revision + 1, updatedBy: who.sub, updatedAt: new Date() });
      await tx.getRepository(Commendation).save(current);
      await insertRevision(tx, current, 'correct', who.sub, cleanNote);
      await queueCommendation(tx, ctx, current, cleanNote);
      return current;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`correcting commendation ${id} would duplicate another record`);
    throw error;
  }
}

/**
 * Applies a commendation change a provincial node sent, with the rights of a
 * province officer of that province and the same checks as a direct write:
 * a new id is recorded (keeping the node's id), a known one corrected.
 */
export async function applyCommendationRecord(tx: EntityManager, record: NodeRecord, actor: string): Promise<void> {
  if (record.kind !== COMMENDATION_RECORD) throw badInput('kind', record.kind, 'is not an awards record kind');
  const payload = record.payload as Record<string, unknown>;
  const id = String(payload.id);
  if (!isUuid(id)) throw badInput('payload.id', payload.id, 'is not a commendation id');
  const ctx: BaseContext = {
    viewer: { sub: actor, role: 'province', province: record.provinceId },
    logger: silentLogger,
    requestId: record.recordId,
    reference: referenceData(),
    links: {},
  };
  const input = Object.fromEntries(
    fieldNames.map((name) => [name, payload[name] ?? null]),
  ) as unknown as CommendationInput;
  input.provinceId = record.provinceId;
  const catalogue = new Map(
    (await tx.getRepository(CatalogueEntry).find()).map((entry) => [entry.form, entry] as const),
  );
  if (!catalogue.has(input.form)) throw badInput('payload.form', input.form, 'is not a commendation form');
  const existing = await tx.getRepository(Commendation).findOneBy({ id });
  if (existing) {
    await correctCommendation(tx, ctx, id, input, (payload.note as string | null) ?? null, catalogue);
  } else {
    await recordCommendation(tx, ctx, input, catalogue, id);
  }
}
