import { checkText, conflict } from '@thidua/kit';
import { IsNull, type EntityManager } from 'typeorm';
import { AssessmentItem } from '../assessment/assessment-item.entity.js';
import { Assessment, AssessmentStatus } from '../assessment/assessment.entity.js';
import { rankSheet, sheetScore, totalOf } from '../assessment/scoring.js';
import { CatalogueEntry } from '../catalogue/catalogue.entity.js';
import { HeadElection, HeadElectionOutcome, HeadElectionStatus } from '../election/head-election.entity.js';
import type { FigureUsed, IctResult } from '../metrics-client/figures.js';
import { Nomination, NominationStatus } from '../nomination/nomination.entity.js';
import type { SeasonFacts } from '../provinces-client/season-directory.js';
import { Criterion } from '../sheet/criterion.entity.js';
import { computeStandings } from '../standings/standings.js';
import { SeasonYear, weightsOf } from '../year/season-year.entity.js';
import { recordEvent, requireHeadOrMinistry, requireMinistry, takeSeasonYear, type Actor } from '../year/year.guard.js';
import { refuseIfLocked } from './lock.guard.js';
import type { FrozenRecord } from './results.types.js';
import { SeasonResult } from './season-result.entity.js';

/** What still stands between a season and its lock, in words; empty when it can be locked. */
export async function missingForLock(db: EntityManager, season: SeasonFacts): Promise<string[]> {
  const { clusterId, year } = season;
  const missing: string[] = [];
  const seasonYear = await db.getRepository(SeasonYear).findOneBy({ clusterId, year });
  if (!seasonYear?.signedBy) missing.push('the compact is not signed');
  const assessments = new Map(
    (await db.getRepository(Assessment).findBy({ clusterId, year })).map((a) => [a.provinceId, a.status]),
  );
  for (const member of season.memberIds) {
    const status = assessments.get(member);
    if (status !== AssessmentStatus.APPRAISED) {
      missing.push(`the assessment of "${member}" is ${status ?? 'not started'}, not APPRAISED`);
    }
  }
  const open = await db.getRepository(Nomination).findBy({ clusterId, year, status: NominationStatus.OPEN });
  for (const n of open) missing.push(`the nomination of "${n.provinceId}" for ${n.form} is open: close or withdraw it`);
  const latest = await db.getRepository(HeadElection).findOne({ where: { clusterId, year }, order: { round: 'DESC' } });
  if (!latest) missing.push(`the head of ${year + 1} is not elected: hold the head election`);
  else if (latest.status === HeadElectionStatus.OPEN)
    missing.push(`round ${latest.round} of the head election is open`);
  else if (latest.outcome !== HeadElectionOutcome.ELECTED) {
    missing.push(`round ${latest.round} of the head election elected nobody (${latest.outcome}): hold a second round`);
  }
  return missing;
}

/** Commendation points of the members in the year, with every row counted, at the catalogue's points now. */
async function pointsUsed(tx: EntityManager, memberIds: string[], year: number) {
  const rows: FrozenRecord['commendations'] = await tx.query(
    `SELECT c.id::text AS id, 'commendation' AS kind, c.province_id AS "provinceId", c.form, c.revision,
            1 AS count, e.points::float8 AS points
       FROM commendation c JOIN catalogue_entry e ON e.form = c.form
      WHERE c.period_from IS NULL AND c.year = $2 AND c.province_id = ANY ($1)
     UNION ALL
     SELECT t.id::text, 'tally', t.province_id, t.form, NULL, t.count, (e.points * t.count)::float8
       FROM commendation_tally t JOIN catalogue_entry e ON e.form = t.form
      WHERE t.period_from = $2 AND t.period_to = $2 AND t.province_id = ANY ($1)
      ORDER BY 3, 4, 1`,
    [memberIds, year],
  );
  return rows;
}

export interface LockInput {
  season: SeasonFacts;
  /** The ICT index and observations, read from metrics just before. */
  ict: IctResult[];
  figures: FigureUsed[];
}

/**
 * Locks a season (head, Ministry or admin) once every assessment is appraised,
 * every nomination decided or withdrawn and next year's head elected. The
 * results are frozen with everything they were computed from: the standings
 * and sheet ranking, the adopted proposals, the next head, the exact
 * observation and commendation revisions and the catalogue points in force.
 */
export async function lockSeason(tx: EntityManager, who: Actor, input: LockInput): Promise<SeasonResult> {
  const { season } = input;
  const { clusterId, year } = season;
  requireHeadOrMinistry(who, season, 'lockSeason');
  const seasonYear = await takeSeasonYear(tx, clusterId, year);
  await refuseIfLocked(tx, clusterId, year, 'lockSeason');
  const missing = await missingForLock(tx, season);
  if (missing.length > 0) {
    throw conflict(`${clusterId} ${year} cannot be locked yet: ${missing.join('; ')}`, { missing });
  }
  const criteria = await tx.getRepository(Criterion).findBy({ clusterId, year });
  const maxTotal = criteria.reduce((sum, c) => sum + c.maxPoints, 0);
  const items = await tx.getRepository(AssessmentItem).findBy({ clusterId, year });
  const assessments = await tx.getRepository(Assessment).findBy({ clusterId, year });
  const totals = season.memberIds.map((provinceId) => {
    const own = items.filter((item) => item.provinceId === provinceId);
    return {
      provinceId,
      selfTotal: totalOf(own.map((item) => item.selfScore)),
      appraisedTotal: totalOf(own.map((item) => item.appraisedScore)),
    };
  });
  const commendations = await pointsUsed(tx, season.memberIds, year);
  const points = new Map<string, number>();
  for (const row of commendations) points.set(row.provinceId, (points.get(row.provinceId) ?? 0) + row.points);
  const ict = new Map(input.ict.map((r) => [r.provinceId, r]));
  const weights = weightsOf(seasonYear);
  const inputs = totals.map((t) => ({
    provinceId: t.provinceId,
    ictScore: ict.get(t.provinceId)?.score ?? null,
    coverage: ict.get(t.provinceId)?.coverage ?? null,
    points: points.get(t.provinceId) ?? 0,
    appraisedTotal: t.appraisedTotal,
  }));
  const standings = standingsFrom(inputs, weights, seasonYear.minCoverage, maxTotal);
  const election = await tx
    .getRepository(HeadElection)
    .findOneOrFail({ where: { clusterId, year }, order: { round: 'DESC' } });
  const adopted = await tx.getRepository(Nomination).find({
    where: { clusterId, year, status: NominationStatus.ADOPTED },
    order: { nominatedAt: 'ASC' },
  });
  const catalogue = await tx.getRepository(CatalogueEntry).find({ order: { displayOrder: 'ASC' } });
  const status = new Map(assessments.map((a) => [a.provinceId, a.status]));
  const record: FrozenRecord = {
    weights,
    minCoverage: seasonYear.minCoverage,
    maxTotal,
    standings: standings.map(({ province, ...row }) => ({ provinceId: province.id, ...row })),
    sheetRanking: rankSheet(totals).map((row) => ({ ...row, status: status.get(row.provinceId)! })),
    adoptedIds: adopted.map((n) => n.id),
    nextHeadId: election.elected,
    nextDeputyHeadId: election.deputy,
    inputs,
    figures: input.figures,
    commendations,
    cataloguePoints: catalogue.map((e) => ({ form: e.form, points: e.points })),
  };
  const [{ next }] = await tx.query(
    'SELECT coalesce(max(revision), 0) + 1 AS next FROM season_result WHERE cluster_id = $1 AND year = $2',
    [clusterId, year],
  );
  const result = await tx.getRepository(SeasonResult).save(
    tx.getRepository(SeasonResult).create({
      clusterId,
      year,
      revision: next,
      lockedBy: who.sub,
      lockedAt: new Date(),
      memberIds: season.memberIds,
      record,
      reopenedBy: null,
      reopenedAt: null,
      reopenReason: null,
    }),
  );
  await recordEvent(
    tx,
    season,
    who.sub,
    'lockSeason',
    `results frozen (revision ${next}): ${standings.length} members, ${adopted.length} proposals adopted, ` +
      `head of ${year + 1} "${election.elected}"`,
  );
  return result;
}

/** Standings from frozen inputs: the lock's own, or another weighting of the same inputs. */
export function standingsFrom(
  inputs: FrozenRecord['inputs'],
  weights: { sheet: number; ict: number; award: number },
  minCoverage: number,
  maxTotal: number,
) {
  const present = <T>(pairs: [string, T | null][]) =>
    new Map(pairs.filter((pair): pair is [string, T] => pair[1] !== null));
  return computeStandings({
    memberIds: inputs.map((i) => i.provinceId),
    ictScores: present(inputs.map((i) => [i.provinceId, i.ictScore])),
    coverages: present(inputs.map((i) => [i.provinceId, i.coverage])),
    points: new Map(inputs.map((i) => [i.provinceId, i.points])),
    sheetScores: present(inputs.map((i) => [i.provinceId, sheetScore(i.appraisedTotal, maxTotal)])),
    ictWeight: weights.ict,
    awardWeight: weights.award,
    sheetWeight: weights.sheet,
    minCoverage,
  });
}

/** Lifts a lock: the Ministry only, with a reason; the lifted record stays in the history. */
export async function reopenSeason(
  tx: EntityManager,
  who: Actor,
  input: { season: SeasonFacts; reason: string },
): Promise<SeasonResult> {
  const { clusterId, year } = input.season;
  requireMinistry(who, 'reopenSeason');
  const reason = checkText('reason', input.reason, 1000);
  await takeSeasonYear(tx, clusterId, year);
  const lock = await tx.getRepository(SeasonResult).findOneBy({ clusterId, year, reopenedAt: IsNull() });
  if (!lock) throw conflict(`${clusterId} ${year} is not locked: there is nothing to reopen`);
  Object.assign(lock, { reopenedBy: who.sub, reopenedAt: new Date(), reopenReason: reason });
  await tx.getRepository(SeasonResult).save(lock);
  await recordEvent(
    tx,
    input.season,
    who.sub,
    'reopenSeason',
    `lock of ${lock.lockedAt.toISOString()} lifted: ${reason}`,
  );
  return lock;
}
