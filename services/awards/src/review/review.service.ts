import { checkText, conflict, isUniqueViolation } from '@thidua/kit';
import type { EntityManager, FindOptionsWhere } from 'typeorm';
import type { CatalogueEntry, CommendationForm } from '../catalogue/catalogue.entity.js';
import { refuseIfLocked } from '../lock/lock.guard.js';
import { Nomination, NominationStatus } from '../nomination/nomination.entity.js';
import type { SeasonFacts } from '../provinces-client/season-directory.js';
import { SeasonYear } from '../year/season-year.entity.js';
import { requireHeadOrMinistry, requireMember, type Actor } from '../year/year.guard.js';
import { DecisionMode } from '../year/year.types.js';

/** Refuses adopting one more `form` when the season's cap for it is reached. */
export async function refuseOverCap(
  tx: EntityManager,
  clusterId: string,
  year: number,
  form: CommendationForm,
): Promise<void> {
  const season = await tx.getRepository(SeasonYear).findOneBy({ clusterId, year });
  const cap = season?.caps.find((c) => c.form === form);
  if (!cap) return;
  const [{ count }] = await tx.query(
    `SELECT count(*)::int AS count FROM nomination WHERE cluster_id = $1 AND year = $2 AND form = $3 AND status = 'ADOPTED'`,
    [clusterId, year, form],
  );
  if (count >= cap.max) {
    throw conflict(
      `${clusterId} ${year} caps adopted ${form} proposals at ${cap.max} and ${count} ${count === 1 ? 'is' : 'are'} ` +
        'adopted: withdraw one, or leave this one to be rejected',
    );
  }
}

/** The season's quorum (default: more than half the members). */
export async function quorumOf(tx: EntityManager, clusterId: string, year: number): Promise<number> {
  return (await tx.getRepository(SeasonYear).findOneBy({ clusterId, year }))?.quorum ?? 0.5;
}

async function lockNomination(tx: EntityManager, where: FindOptionsWhere<Nomination>): Promise<Nomination | null> {
  return tx.getRepository(Nomination).findOne({ where, lock: { mode: 'pessimistic_write' } });
}

export interface ConsensusInput {
  season: SeasonFacts;
  provinceId: string;
  entry: CatalogueEntry;
  minutes: string;
}

/**
 * Records a proposal the members adopted by consensus at the review meeting
 * (thống nhất đề xuất), with the minutes. An open nomination of the same member
 * and form on which nobody has voted becomes that decision.
 */
export async function adoptByConsensus(tx: EntityManager, who: Actor, input: ConsensusInput): Promise<Nomination> {
  const { season, provinceId, entry } = input;
  requireHeadOrMinistry(who, season, 'adoptByConsensus');
  requireMember(season, provinceId, 'provinceId');
  const minutes = checkText('minutes', input.minutes, 4000);
  await refuseIfLocked(tx, season.clusterId, season.year, 'adoptByConsensus');
  await refuseOverCap(tx, season.clusterId, season.year, entry.form);
  const now = new Date();
  const decided = {
    status: NominationStatus.ADOPTED,
    mode: DecisionMode.CONSENSUS,
    minutes,
    membersAtClose: season.memberIds.length,
    closedBy: who.sub,
    closedAt: now,
  };
  const open = await lockNomination(tx, {
    clusterId: season.clusterId,
    year: season.year,
    provinceId,
    form: entry.form,
  });
  if (open) {
    if (open.status !== NominationStatus.OPEN) {
      throw conflict(
        `${provinceId} was already proposed for ${entry.form} in ${season.clusterId} ${season.year} (${open.status})`,
      );
    }
    if (open.votesFor + open.votesAgainst > 0) {
      throw conflict(
        `Votes were cast on nomination ${open.id}: decide it by vote (closeNomination) or withdraw it first`,
      );
    }
    return tx.getRepository(Nomination).save(Object.assign(open, decided));
  }
  try {
    return await tx.getRepository(Nomination).save(
      tx.getRepository(Nomination).create({
        clusterId: season.clusterId,
        year: season.year,
        provinceId,
        form: entry.form,
        votesFor: 0,
        votesAgainst: 0,
        nominatedBy: who.sub,
        nominatedAt: now,
        ...decided,
      }),
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw conflict(`${provinceId} is already proposed for ${entry.form}`);
    throw error;
  }
}

export interface WithdrawInput {
  season: SeasonFacts;
  nominationId: string;
  reason: string;
}

/** Withdraws an open nomination with a reason (head, Ministry or admin); its votes stay on record. */
export async function withdrawNomination(tx: EntityManager, who: Actor, input: WithdrawInput): Promise<Nomination> {
  requireHeadOrMinistry(who, input.season, 'withdrawNomination');
  const reason = checkText('reason', input.reason, 1000);
  await refuseIfLocked(tx, input.season.clusterId, input.season.year, 'withdrawNomination');
  const nomination = await lockNomination(tx, { id: input.nominationId });
  if (!nomination || nomination.status !== NominationStatus.OPEN) {
    throw conflict(
      `nomination ${input.nominationId} is ${nomination?.status ?? 'gone'}: only an open one is withdrawn`,
    );
  }
  return tx.getRepository(Nomination).save(
    Object.assign(nomination, {
      status: NominationStatus.WITHDRAWN,
      withdrawnReason: reason,
      closedBy: who.sub,
      closedAt: new Date(),
    }),
  );
}
