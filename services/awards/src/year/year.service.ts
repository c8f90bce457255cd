import { badInput, checkText, conflict } from '@thidua/kit';
import type { EntityManager } from 'typeorm';
import type { CommendationForm } from '../catalogue/catalogue.entity.js';
import { isUuid } from '../commendation/commendation.service.js';
import { EvidenceFile } from '../evidence/evidence-file.entity.js';
import { refuseIfLocked } from '../lock/lock.guard.js';
import type { SeasonFacts } from '../provinces-client/season-directory.js';
import { Criterion } from '../sheet/criterion.entity.js';
import { recordEvent, requireHeadOrMinistry, takeSeasonYear, type Actor } from './year.guard.js';
import { SeasonYear, type FormCapValue } from './season-year.entity.js';

/** When the season's review had its first vote, read in the writing transaction. */
export async function firstVoteAt(tx: EntityManager, clusterId: string, year: number): Promise<Date | null> {
  const [row] = await tx.query(
    `SELECT min(v.cast_at) AS first FROM vote v JOIN nomination n ON n.id = v.nomination_id
      WHERE n.cluster_id = $1 AND n.year = $2`,
    [clusterId, year],
  );
  return row?.first ?? null;
}

export interface RulesInput {
  season: SeasonFacts;
  minCoverage?: number | null;
  quorum?: number | null;
  caps?: FormCapValue[] | null;
}

function checkCaps(caps: FormCapValue[]): FormCapValue[] {
  const seen = new Set<CommendationForm>();
  caps.forEach((cap, i) => {
    if (seen.has(cap.form)) throw badInput(`rules.caps[${i}].form`, cap.form, 'is capped twice');
    seen.add(cap.form);
    if (!Number.isInteger(cap.max) || cap.max < 0) {
      throw badInput(`rules.caps[${i}].max`, cap.max, 'is not a whole number ≥ 0');
    }
  });
  return caps.map(({ form, max }) => ({ form, max }));
}

const sameCaps = (a: FormCapValue[], b: FormCapValue[]) =>
  JSON.stringify([...a].sort((x, y) => x.form.localeCompare(y.form))) ===
  JSON.stringify([...b].sort((x, y) => x.form.localeCompare(y.form)));

/**
 * Sets the season's minimum ICT coverage, quorum and caps (head, Ministry or
 * admin). Quorum and caps decide the review, so they are fixed once its first
 * vote is cast; the coverage rule may change until the lock.
 */
export async function setSeasonRules(tx: EntityManager, who: Actor, input: RulesInput): Promise<SeasonYear> {
  const { season } = input;
  requireHeadOrMinistry(who, season, 'setSeasonRules');
  if (input.minCoverage != null && !(input.minCoverage >= 0 && input.minCoverage <= 1)) {
    throw badInput('rules.minCoverage', input.minCoverage, 'is not a share between 0 and 1');
  }
  if (input.quorum != null && !(input.quorum > 0 && input.quorum <= 1)) {
    throw badInput('rules.quorum', input.quorum, 'is not a share above 0 and at most 1');
  }
  const caps = input.caps == null ? null : checkCaps(input.caps);
  const year = await takeSeasonYear(tx, season.clusterId, season.year);
  await refuseIfLocked(tx, season.clusterId, season.year, 'setSeasonRules');
  const quorumChanges = input.quorum != null && input.quorum !== year.quorum;
  const capsChange = caps !== null && !sameCaps(caps, year.caps);
  if (quorumChanges || capsChange) {
    const first = await firstVoteAt(tx, season.clusterId, season.year);
    if (first) {
      throw conflict(
        `The review of ${season.clusterId} ${season.year} had its first vote at ${first.toISOString()}: ` +
          'its quorum and caps are fixed from then on',
      );
    }
  }
  if (caps) {
    const adopted: { form: CommendationForm; count: number }[] = await tx.query(
      `SELECT form, count(*)::int AS count FROM nomination
        WHERE cluster_id = $1 AND year = $2 AND status = 'ADOPTED' GROUP BY form`,
      [season.clusterId, season.year],
    );
    caps.forEach((cap, i) => {
      const count = adopted.find((row) => row.form === cap.form)?.count ?? 0;
      if (count > cap.max) {
        throw badInput(`rules.caps[${i}].max`, cap.max, `is below the ${count} ${cap.form} already adopted`);
      }
    });
  }
  Object.assign(year, {
    minCoverage: input.minCoverage ?? year.minCoverage,
    quorum: input.quorum ?? year.quorum,
    caps: caps ?? year.caps,
  });
  await tx.getRepository(SeasonYear).save(year);
  const capsText = year.caps.map((cap) => `${cap.form} ≤ ${cap.max}`).join(', ') || 'none';
  await recordEvent(
    tx,
    season,
    who.sub,
    'setSeasonRules',
    `minCoverage ${year.minCoverage}; quorum ${year.quorum}; caps ${capsText}`,
  );
  return year;
}

export interface CompactInput {
  season: SeasonFacts;
  signedOn: string;
  place?: string | null;
  documentId?: string | null;
}

/**
 * Records the signing of the compact (head, Ministry or admin). Its annex is
 * the scoring sheet, so the sheet must be defined; the signatories are the
 * season's members. Signing again corrects the record (kept in the history).
 */
export async function signCompact(tx: EntityManager, who: Actor, input: CompactInput): Promise<SeasonYear> {
  const { season } = input;
  requireHeadOrMinistry(who, season, 'signCompact');
  const signedYear = Number(input.signedOn.slice(0, 4));
  if (signedYear < season.year - 1 || signedYear > season.year) {
    throw badInput(
      'signedOn',
      input.signedOn,
      `is not in ${season.year - 1} or ${season.year}, when a compact is signed`,
    );
  }
  const place = input.place == null ? null : checkText('place', input.place, 200);
  if (season.memberIds.length === 0) {
    throw conflict(`${season.clusterId} ${season.year} has no members yet: the Ministry sets them before the compact`);
  }
  const year = await takeSeasonYear(tx, season.clusterId, season.year);
  await refuseIfLocked(tx, season.clusterId, season.year, 'signCompact');
  const criteria = await tx.getRepository(Criterion).countBy({ clusterId: season.clusterId, year: season.year });
  if (criteria === 0) {
    throw conflict(
      `The compact's annex is the scoring sheet: define the sheet of ${season.clusterId} ${season.year} first`,
    );
  }
  if (input.documentId != null) {
    const file = isUuid(input.documentId)
      ? await tx.getRepository(EvidenceFile).findOneBy({ id: input.documentId })
      : null;
    if (!file) throw badInput('documentId', input.documentId, 'is not an uploaded file (POST /files first)');
  }
  const again = year.signedBy !== null;
  Object.assign(year, {
    signedOn: input.signedOn,
    place,
    documentId: input.documentId ?? null,
    signatories: [...season.memberIds].sort(),
    signedBy: who.sub,
    signedAt: new Date(),
  });
  await tx.getRepository(SeasonYear).save(year);
  await recordEvent(
    tx,
    season,
    who.sub,
    'signCompact',
    `${again ? 'corrected: ' : ''}signed on ${input.signedOn}${place ? ` at ${place}` : ''} by ${year.signatories.length} members`,
  );
  return year;
}
