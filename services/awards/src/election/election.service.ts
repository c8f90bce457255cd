import { badInput, checkText, conflict, forbidden } from '@thidua/kit';
import type { EntityManager } from 'typeorm';
import { refuseIfLocked } from '../lock/lock.guard.js';
import type { SeasonFacts } from '../provinces-client/season-directory.js';
import { recordEvent, requireHeadOrMinistry, takeSeasonYear, type Actor } from '../year/year.guard.js';
import { DecisionMode } from '../year/year.types.js';
import { HeadElection, HeadElectionOutcome, HeadElectionStatus } from './head-election.entity.js';
import { HeadVote } from './head-vote.entity.js';
import { decideRound } from './tally.js';

/**
 * Who may lead the cluster next year: the members of year + 1, or, while the
 * Ministry has not set them, this year's members.
 */
export function eligibleHeads(season: SeasonFacts, next: SeasonFacts | null): string[] {
  return next && next.memberIds.length > 0 ? next.memberIds : season.memberIds;
}

function requireEligible(field: string, id: string, eligible: string[], season: SeasonFacts, next: boolean): void {
  if (!eligible.includes(id)) {
    const whose = next ? `${season.year + 1}` : `${season.year} (year ${season.year + 1} has no members yet)`;
    throw badInput(field, id, `is not a member of ${season.clusterId} in ${whose}`);
  }
}

async function rounds(tx: EntityManager, season: SeasonFacts): Promise<HeadElection[]> {
  return tx
    .getRepository(HeadElection)
    .find({ where: { clusterId: season.clusterId, year: season.year }, order: { round: 'ASC' } });
}

async function prepare(tx: EntityManager, season: SeasonFacts, action: string): Promise<HeadElection | null> {
  await takeSeasonYear(tx, season.clusterId, season.year);
  await refuseIfLocked(tx, season.clusterId, season.year, action);
  return (await rounds(tx, season)).at(-1) ?? null;
}

function refuseDecided(latest: HeadElection | null, season: SeasonFacts): void {
  if (latest?.status === HeadElectionStatus.OPEN) {
    throw conflict(`Round ${latest.round} of the head election of ${season.clusterId} ${season.year} is still open`);
  }
  if (latest?.outcome === HeadElectionOutcome.ELECTED) {
    throw conflict(
      `${season.clusterId} ${season.year} already elected "${latest.elected}" as head for ${season.year + 1}`,
    );
  }
}

export interface OpenInput {
  season: SeasonFacts;
  next: SeasonFacts | null;
  candidateIds: string[];
}

/**
 * Opens the election of next year's head (head, Ministry or admin). After a
 * round without a head, opening again is the second round, between that
 * round's runoff candidates.
 */
export async function openHeadElection(tx: EntityManager, who: Actor, input: OpenInput): Promise<HeadElection> {
  const { season } = input;
  requireHeadOrMinistry(who, season, 'openHeadElection');
  if (input.candidateIds.length === 0) throw badInput('candidateIds', [], 'must name at least one candidate');
  const eligible = eligibleHeads(season, input.next);
  const seen = new Set<string>();
  input.candidateIds.forEach((id, i) => {
    if (seen.has(id)) throw badInput(`candidateIds[${i}]`, id, 'is listed twice');
    seen.add(id);
    requireEligible(`candidateIds[${i}]`, id, eligible, season, eligible !== season.memberIds);
  });
  const latest = await prepare(tx, season, 'openHeadElection');
  refuseDecided(latest, season);
  if (latest) {
    input.candidateIds.forEach((id, i) => {
      if (!latest.runoff.includes(id)) {
        throw badInput(
          `candidateIds[${i}]`,
          id,
          `is not in the runoff of round ${latest.round} (${latest.runoff.join(', ')})`,
        );
      }
    });
  }
  const round = (latest?.round ?? 0) + 1;
  const opened = await tx.getRepository(HeadElection).save(
    tx.getRepository(HeadElection).create({
      clusterId: season.clusterId,
      year: season.year,
      round,
      mode: DecisionMode.VOTE,
      status: HeadElectionStatus.OPEN,
      candidates: input.candidateIds,
      runoff: [],
      openedBy: who.sub,
      openedAt: new Date(),
    }),
  );
  await recordEvent(tx, season, who.sub, 'openHeadElection', `round ${round}: ${input.candidateIds.join(', ')}`);
  return opened;
}

/** A member's vote, with its own token; voting again changes it until the round closes. */
export async function voteHead(
  tx: EntityManager,
  who: Actor,
  input: { season: SeasonFacts; candidateId: string },
): Promise<HeadElection> {
  const { season } = input;
  if (who.role !== 'province' || !who.province) {
    throw forbidden(`voteHead: the members vote, each with its own province token; a ${who.role} token cannot`);
  }
  if (!season.memberIds.includes(who.province)) {
    throw forbidden(`voteHead: "${who.province}" is not a member of ${season.clusterId} in ${season.year}`);
  }
  const latest = await prepare(tx, season, 'voteHead');
  if (latest?.status !== HeadElectionStatus.OPEN) {
    throw conflict(`No head election of ${season.clusterId} ${season.year} is open`);
  }
  if (!latest.candidates.includes(input.candidateId)) {
    throw badInput('candidateId', input.candidateId, `is not a candidate of round ${latest.round}`);
  }
  const changed = await tx
    .getRepository(HeadVote)
    .findOneBy({ clusterId: season.clusterId, year: season.year, round: latest.round, voterProvinceId: who.province });
  await tx.query(
    `INSERT INTO head_vote (cluster_id, year, round, voter_province_id, candidate_id, cast_by, cast_at)
     VALUES ($1, $2, $3, $4, $5, $6, now())
     ON CONFLICT (cluster_id, year, round, voter_province_id)
     DO UPDATE SET candidate_id = excluded.candidate_id, cast_by = excluded.cast_by, cast_at = excluded.cast_at`,
    [season.clusterId, season.year, latest.round, who.province, input.candidateId, who.sub],
  );
  await recordEvent(
    tx,
    season,
    who.sub,
    'voteHead',
    `${who.province} ${changed ? 'changed its vote' : 'voted'} in round ${latest.round}`,
  );
  return latest;
}

function checkDeputy(deputy: string | null, elected: string, eligible: string[], season: SeasonFacts): void {
  if (deputy === null) return;
  requireEligible('deputyHeadId', deputy, eligible, season, eligible !== season.memberIds);
  if (deputy === elected) throw badInput('deputyHeadId', deputy, 'must differ from the head elected');
}

export interface CloseInput {
  season: SeasonFacts;
  next: SeasonFacts | null;
  deputyHeadId: string | null;
}

/** Closes the open round (head, Ministry or admin): more than half of the votes cast elects. */
export async function closeHeadElection(tx: EntityManager, who: Actor, input: CloseInput): Promise<HeadElection> {
  const { season } = input;
  requireHeadOrMinistry(who, season, 'closeHeadElection');
  const latest = await prepare(tx, season, 'closeHeadElection');
  if (latest?.status !== HeadElectionStatus.OPEN) {
    throw conflict(`No head election of ${season.clusterId} ${season.year} is open`);
  }
  const ballots = await tx
    .getRepository(HeadVote)
    .findBy({ clusterId: season.clusterId, year: season.year, round: latest.round });
  if (ballots.length === 0) throw conflict(`Round ${latest.round} has no votes yet: nothing to count`);
  const result = decideRound(
    latest.candidates,
    ballots.map((b) => b.candidateId),
  );
  if (input.deputyHeadId !== null) {
    if (result.elected === null) {
      throw badInput('deputyHeadId', input.deputyHeadId, 'cannot be named: this round elected no head');
    }
    checkDeputy(input.deputyHeadId, result.elected, eligibleHeads(season, input.next), season);
  }
  Object.assign(latest, {
    status: HeadElectionStatus.CLOSED,
    outcome: result.outcome,
    elected: result.elected,
    deputy: input.deputyHeadId,
    runoff: result.runoff,
    closedBy: who.sub,
    closedAt: new Date(),
  });
  const closed = await tx.getRepository(HeadElection).save(latest);
  const votes = result.tally.map((t) => `${t.candidateId} ${t.votes}`).join(', ');
  const detail =
    result.outcome === HeadElectionOutcome.ELECTED
      ? `round ${latest.round}: "${result.elected}" elected (${votes} of ${result.cast} cast)`
      : `round ${latest.round}: ${result.outcome === HeadElectionOutcome.TIE ? 'tie' : 'no majority'} ` +
        `(${votes} of ${result.cast} cast); second round between ${result.runoff.join(', ')}`;
  await recordEvent(tx, season, who.sub, 'closeHeadElection', detail);
  return closed;
}

export interface ConsensusHeadInput {
  season: SeasonFacts;
  next: SeasonFacts | null;
  headId: string;
  deputyHeadId: string | null;
  minutes: string;
}

/** Records next year's head chosen by acclaim at the meeting (suy tôn), with the minutes. */
export async function electHeadByConsensus(
  tx: EntityManager,
  who: Actor,
  input: ConsensusHeadInput,
): Promise<HeadElection> {
  const { season } = input;
  requireHeadOrMinistry(who, season, 'electHeadByConsensus');
  const eligible = eligibleHeads(season, input.next);
  requireEligible('headId', input.headId, eligible, season, eligible !== season.memberIds);
  checkDeputy(input.deputyHeadId, input.headId, eligible, season);
  const minutes = checkText('minutes', input.minutes, 4000);
  const latest = await prepare(tx, season, 'electHeadByConsensus');
  refuseDecided(latest, season);
  const now = new Date();
  const round = (latest?.round ?? 0) + 1;
  const elected = await tx.getRepository(HeadElection).save(
    tx.getRepository(HeadElection).create({
      clusterId: season.clusterId,
      year: season.year,
      round,
      mode: DecisionMode.CONSENSUS,
      status: HeadElectionStatus.CLOSED,
      candidates: [input.headId],
      outcome: HeadElectionOutcome.ELECTED,
      elected: input.headId,
      deputy: input.deputyHeadId,
      runoff: [],
      minutes,
      openedBy: who.sub,
      openedAt: now,
      closedBy: who.sub,
      closedAt: now,
    }),
  );
  await recordEvent(tx, season, who.sub, 'electHeadByConsensus', `"${input.headId}" by consensus: ${minutes}`);
  return elected;
}
