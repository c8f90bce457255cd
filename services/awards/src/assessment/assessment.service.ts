import { badInput, checkText, conflict } from '@thidua/kit';
import { In, type EntityManager } from 'typeorm';
import { isUuid } from '../commendation/commendation.service.js';
import { EvidenceFile } from '../evidence/evidence-file.entity.js';
import { refuseIfLocked } from '../lock/lock.guard.js';
import type { SeasonFacts } from '../provinces-client/season-directory.js';
import { Criterion } from '../sheet/criterion.entity.js';
import {
  recordEvent,
  requireAppraiser,
  requireMember,
  requireOwnMember,
  takeSeasonYear,
  type Actor,
} from '../year/year.guard.js';
import { AssessmentItem, blankItem } from './assessment-item.entity.js';
import { Assessment, AssessmentStatus, blankAssessment } from './assessment.entity.js';
import { ItemEvidence } from './item-evidence.entity.js';
import { departsFromRule, totalOf } from './scoring.js';

/** Rule scores of the indicator-linked criteria for one member, by criterion id (null: no figure). */
export type RuleScores = Map<string, number | null>;

interface Target {
  season: SeasonFacts;
  provinceId: string;
}

interface Loaded {
  assessment: Assessment;
  criteria: Criterion[];
  items: Map<string, AssessmentItem>;
  evidence: ItemEvidence[];
}

/**
 * Locks the season's year, refuses a locked season or an unsigned compact,
 * and reads the member's assessment (a blank draft when it has none) with the sheet.
 */
async function load(tx: EntityManager, target: Target, action: string): Promise<Loaded> {
  const { clusterId, year } = target.season;
  const seasonYear = await takeSeasonYear(tx, clusterId, year);
  await refuseIfLocked(tx, clusterId, year, action);
  if (seasonYear.signedBy === null) {
    throw conflict(`${clusterId} ${year} is PLANNING: its compact is not signed yet, so there is nothing to assess`);
  }
  const where = { clusterId, year, provinceId: target.provinceId };
  const criteria = await tx.getRepository(Criterion).find({ where: { clusterId, year }, order: { position: 'ASC' } });
  const assessment =
    (await tx.getRepository(Assessment).findOneBy(where)) ?? blankAssessment(clusterId, year, target.provinceId);
  const items = new Map((await tx.getRepository(AssessmentItem).findBy(where)).map((i) => [i.criterionId, i]));
  const evidence = await tx.getRepository(ItemEvidence).findBy(where);
  return { assessment, criteria, items, evidence };
}

function itemOf(loaded: Loaded, criterionId: string): AssessmentItem {
  const { clusterId, year, provinceId } = loaded.assessment;
  let item = loaded.items.get(criterionId);
  if (!item) {
    item = blankItem(clusterId, year, provinceId, criterionId);
    loaded.items.set(criterionId, item);
  }
  return item;
}

async function store(tx: EntityManager, loaded: Loaded): Promise<Assessment> {
  const assessment = await tx.getRepository(Assessment).save(loaded.assessment);
  await tx.getRepository(AssessmentItem).save([...loaded.items.values()]);
  return assessment;
}

/** The criterion of `criterionId` on the sheet, or BAD_USER_INPUT naming `field`. */
function criterionOf(loaded: Loaded, field: string, criterionId: string): Criterion {
  const criterion = loaded.criteria.find((c) => c.id === criterionId);
  if (!criterion) throw badInput(field, criterionId, 'is not a criterion of this season’s sheet');
  return criterion;
}

function checkScore(field: string, score: number, criterion: Criterion): void {
  if (!Number.isFinite(score) || score < 0 || score > criterion.maxPoints) {
    throw badInput(field, score, `is not between 0 and ${criterion.maxPoints}, the maximum of ${criterion.code}`);
  }
}

function once<T extends { criterionId: string }>(items: T[]): void {
  const seen = new Map<string, number>();
  items.forEach((item, i) => {
    if (seen.has(item.criterionId)) {
      throw badInput(`items[${i}].criterionId`, item.criterionId, `repeats items[${seen.get(item.criterionId)}]`);
    }
    seen.set(item.criterionId, i);
  });
}

/** Keeps the rule's current score on every indicator-linked item. */
function refreshRuleScores(loaded: Loaded, rules: RuleScores): void {
  for (const criterion of loaded.criteria) {
    if (criterion.indicatorCode !== null) itemOf(loaded, criterion.id).ruleScore = rules.get(criterion.id) ?? null;
  }
}

export interface SaveInput extends Target {
  items: { criterionId: string; selfScore?: number | null; note?: string | null; evidenceIds?: string[] | null }[];
  rules: RuleScores;
}

/**
 * A member saves its own self-assessment (draft or returned). Each item given
 * replaces that criterion's score, note and evidence; others stay as saved.
 */
export async function saveAssessment(tx: EntityManager, who: Actor, input: SaveInput): Promise<Assessment> {
  requireOwnMember(who, input.season, input.provinceId, 'saveAssessment');
  once(input.items);
  const loaded = await load(tx, input, 'saveAssessment');
  const { assessment } = loaded;
  if (assessment.status === AssessmentStatus.SUBMITTED || assessment.status === AssessmentStatus.APPRAISED) {
    throw conflict(`The assessment of "${input.provinceId}" is ${assessment.status}: it is with the head now`);
  }
  const fileIds = [...new Set(input.items.flatMap((item) => item.evidenceIds ?? []))];
  const files = new Map(
    (fileIds.every(isUuid) && fileIds.length > 0
      ? await tx.getRepository(EvidenceFile).findBy({ id: In(fileIds) })
      : []
    ).map((file) => [file.id, file]),
  );
  input.items.forEach((given, i) => {
    const criterion = criterionOf(loaded, `items[${i}].criterionId`, given.criterionId);
    if (given.selfScore != null) checkScore(`items[${i}].selfScore`, given.selfScore, criterion);
    (given.evidenceIds ?? []).forEach((id, j) => {
      const file = files.get(id);
      if (!file) throw badInput(`items[${i}].evidenceIds[${j}]`, id, 'is not an uploaded file (POST /files first)');
      if (file.uploaderProvince !== input.provinceId) {
        throw badInput(`items[${i}].evidenceIds[${j}]`, id, `was not uploaded by "${input.provinceId}"`);
      }
    });
    const item = itemOf(loaded, criterion.id);
    item.selfScore = given.selfScore ?? null;
    item.note = given.note == null ? null : checkText(`items[${i}].note`, given.note, 2000);
  });
  refreshRuleScores(loaded, input.rules);
  Object.assign(assessment, { savedBy: who.sub, savedAt: new Date() });
  const saved = await store(tx, loaded);
  const where = { clusterId: saved.clusterId, year: saved.year, provinceId: saved.provinceId };
  for (const given of input.items) {
    await tx.getRepository(ItemEvidence).delete({ ...where, criterionId: given.criterionId });
    const ids = [...new Set(given.evidenceIds ?? [])];
    if (ids.length > 0) {
      await tx
        .getRepository(ItemEvidence)
        .insert(ids.map((fileId) => ({ ...where, criterionId: given.criterionId, fileId })));
    }
  }
  await recordEvent(tx, input.season, who.sub, 'saveAssessment', `${input.provinceId}: ${input.items.length} items`);
  return saved;
}

/**
 * A member submits its self-assessment. Every criterion needs a score (an
 * indicator-linked one takes the rule's when the member gave none); a criterion
 * that requires evidence needs a file when its score is above 0.
 */
export async function submitAssessment(
  tx: EntityManager,
  who: Actor,
  input: Target & { rules: RuleScores },
): Promise<Assessment> {
  requireOwnMember(who, input.season, input.provinceId, 'submitAssessment');
  const loaded = await load(tx, input, 'submitAssessment');
  const { assessment } = loaded;
  if (assessment.status === AssessmentStatus.SUBMITTED || assessment.status === AssessmentStatus.APPRAISED) {
    throw conflict(`The assessment of "${input.provinceId}" is already ${assessment.status}`);
  }
  refreshRuleScores(loaded, input.rules);
  const unscored: string[] = [];
  const unproven: string[] = [];
  for (const criterion of loaded.criteria) {
    const item = itemOf(loaded, criterion.id);
    if (item.selfScore === null && criterion.indicatorCode !== null) item.selfScore = item.ruleScore;
    if (item.selfScore === null) unscored.push(criterion.code);
    const proven = loaded.evidence.some((e) => e.criterionId === criterion.id);
    if (criterion.evidenceRequired && (item.selfScore ?? 0) > 0 && !proven) unproven.push(criterion.code);
  }
  if (unscored.length > 0) {
    throw badInput('items', unscored, 'have no self-score yet: score every criterion, then submit');
  }
  if (unproven.length > 0) {
    throw badInput('items', unproven, 'need evidence (minh chứng) for the points claimed: attach a file, then submit');
  }
  const resubmitted = assessment.status === AssessmentStatus.RETURNED;
  Object.assign(assessment, { status: AssessmentStatus.SUBMITTED, submittedBy: who.sub, submittedAt: new Date() });
  const saved = await store(tx, loaded);
  const total = totalOf([...loaded.items.values()].map((item) => item.selfScore));
  await recordEvent(
    tx,
    input.season,
    who.sub,
    'submitAssessment',
    `${input.provinceId}: ${resubmitted ? 'resubmitted' : 'submitted'}, self total ${total}`,
  );
  return saved;
}

export interface ReturnInput extends Target {
  reason: string;
  criterionIds?: string[] | null;
}

/** The appraiser returns a submitted assessment with a reason, pointing at the criteria concerned. */
export async function returnAssessment(tx: EntityManager, who: Actor, input: ReturnInput): Promise<Assessment> {
  requireMember(input.season, input.provinceId, 'provinceId');
  requireAppraiser(who, input.season, input.provinceId, 'returnAssessment');
  const reason = checkText('reason', input.reason, 1000);
  const loaded = await load(tx, input, 'returnAssessment');
  const { assessment } = loaded;
  if (assessment.status !== AssessmentStatus.SUBMITTED) {
    throw conflict(`Only a submitted assessment is returned; "${input.provinceId}" is ${assessment.status}`);
  }
  const codes = (input.criterionIds ?? []).map((id, i) => {
    const criterion = criterionOf(loaded, `criterionIds[${i}]`, id);
    itemOf(loaded, criterion.id).returned = true;
    return criterion.code;
  });
  Object.assign(assessment, {
    status: AssessmentStatus.RETURNED,
    returnReason: reason,
    returnedBy: who.sub,
    returnedAt: new Date(),
  });
  const saved = await store(tx, loaded);
  await recordEvent(
    tx,
    input.season,
    who.sub,
    'returnAssessment',
    `${input.provinceId}: ${reason}${codes.length ? ` (${codes.join(', ')})` : ''}`,
  );
  return saved;
}

export interface AppraiseInput extends Target {
  items: { criterionId: string; appraisedScore: number; note?: string | null }[];
  rules: RuleScores;
}

/**
 * The appraiser settles the scores of a submitted assessment (or corrects an
 * appraisal before the lock). A criterion not listed takes the rule's score
 * when linked to an indicator with a figure, else the member's own. Departing
 * from the rule needs a note.
 */
export async function appraiseAssessment(tx: EntityManager, who: Actor, input: AppraiseInput): Promise<Assessment> {
  requireMember(input.season, input.provinceId, 'provinceId');
  requireAppraiser(who, input.season, input.provinceId, 'appraiseAssessment');
  once(input.items);
  const loaded = await load(tx, input, 'appraiseAssessment');
  const { assessment } = loaded;
  if (assessment.status !== AssessmentStatus.SUBMITTED && assessment.status !== AssessmentStatus.APPRAISED) {
    throw conflict(`Only a submitted assessment is appraised; "${input.provinceId}" is ${assessment.status}`);
  }
  refreshRuleScores(loaded, input.rules);
  const given = new Map(input.items.map((item, i) => [item.criterionId, { item, i }]));
  input.items.forEach((item, i) => criterionOf(loaded, `items[${i}].criterionId`, item.criterionId));
  for (const criterion of loaded.criteria) {
    const item = itemOf(loaded, criterion.id);
    const entry = given.get(criterion.id);
    if (entry) {
      const { item: change, i } = entry;
      checkScore(`items[${i}].appraisedScore`, change.appraisedScore, criterion);
      const note = change.note == null ? null : checkText(`items[${i}].note`, change.note, 2000);
      if (note === null && departsFromRule(change.appraisedScore, item.ruleScore)) {
        throw badInput(
          `items[${i}].note`,
          null,
          `is needed: ${change.appraisedScore} departs from the rule's ${item.ruleScore} for ${criterion.code}`,
        );
      }
      item.appraisedScore = change.appraisedScore;
      item.appraisalNote = note;
    } else {
      item.appraisedScore = item.ruleScore ?? item.selfScore;
      item.appraisalNote = null;
    }
    item.returned = false;
  }
  const again = assessment.status === AssessmentStatus.APPRAISED;
  Object.assign(assessment, { status: AssessmentStatus.APPRAISED, appraisedBy: who.sub, appraisedAt: new Date() });
  const saved = await store(tx, loaded);
  const items = [...loaded.items.values()];
  await recordEvent(
    tx,
    input.season,
    who.sub,
    'appraiseAssessment',
    `${input.provinceId}: ${again ? 'appraisal corrected' : 'appraised'}, total ${totalOf(items.map((i) => i.appraisedScore))} ` +
      `(self ${totalOf(items.map((i) => i.selfScore))})`,
  );
  return saved;
}
