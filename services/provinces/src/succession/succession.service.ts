import { badInput, conflict, forbidden, isNational, type Role, type Viewer } from '@thidua/kit';
import type { EntityManager } from 'typeorm';
import { ClusterSeason } from '../season/season.entity.js';
import { lockSeason, memberIds, recordRevision } from '../season/season.service.js';
import type { ElectionOutcome } from './awards-client.js';

export interface ConfirmInput {
  clusterId: string;
  /** The season whose review elected the head; the head is recorded on year + 1. */
  year: number;
  /** What awards says the election decided. */
  election: ElectionOutcome | null;
}

/**
 * Records on year + 1 the head (and deputy) the review of `year` elected: by
 * that season's head, the Ministry or an admin. The names come from the
 * election itself, never from the caller. Year + 1 is created when the
 * Ministry has not set it yet; its members then must include the head.
 */
export async function confirmNextHead(
  tx: EntityManager,
  who: Viewer & { role: Role },
  input: ConfirmInput,
): Promise<ClusterSeason> {
  const { clusterId, year, election } = input;
  const season = await tx.getRepository(ClusterSeason).findOneBy({ clusterId, year });
  if (!season) throw badInput('year', year, `has no season of cluster "${clusterId}"`);
  const isHead = who.role === 'province' && season.headId !== null && who.province === season.headId;
  if (!isNational(who) && !isHead) {
    throw forbidden(
      `confirmNextHead for ${clusterId} ${year} may be done by its head` +
        `${season.headId ? ` ("${season.headId}")` : ''}, the Ministry or an admin`,
    );
  }
  if (!election || election.outcome !== 'ELECTED' || !election.electedId) {
    throw conflict(
      `The review of ${clusterId} ${year} has not elected a head for ${year + 1} ` +
        `(${election ? `${election.status}${election.outcome ? `, ${election.outcome}` : ''}` : 'no election held'})`,
    );
  }
  const next = (await lockSeason(tx, clusterId, year + 1, true))!;
  const members = await memberIds(tx, clusterId, year + 1);
  for (const [field, id] of [
    ['head', election.electedId],
    ['deputy head', election.deputyId],
  ] as const) {
    if (id && members.length > 0 && !members.includes(id)) {
      throw conflict(`The ${field} elected, "${id}", is not a member of ${clusterId} in ${year + 1}`);
    }
  }
  next.headId = election.electedId;
  next.deputyHeadId = election.deputyId;
  await tx
    .getRepository(ClusterSeason)
    .update(
      { clusterId, year: year + 1 },
      { headId: next.headId, deputyHeadId: next.deputyHeadId, updatedAt: new Date() },
    );
  await recordRevision(tx, next, 'head', members, who);
  return tx.getRepository(ClusterSeason).findOneByOrFail({ clusterId, year: year + 1 });
}
