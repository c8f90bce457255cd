import { appendRevision, badInput, conflictOn, forbidden, isNational, requireRole, type Viewer } from '@thidua/kit';
import { checkYear, describeValidity, existedIn } from '@thidua/kit/reference';
import { In, type EntityManager } from 'typeorm';
import { Cluster } from '../cluster/cluster.entity.js';
import { Province } from '../province/province.entity.js';
import { ClusterSeason, SeasonMember } from './season.entity.js';
import { SeasonRevision } from './season-revision.entity.js';

async function requireCluster(em: EntityManager, clusterId: string): Promise<Cluster> {
  const cluster = await em.getRepository(Cluster).findOneBy({ id: clusterId });
  if (!cluster) throw badInput('clusterId', clusterId, 'is not a known cluster');
  return cluster;
}

export async function memberIds(em: EntityManager, clusterId: string, year: number): Promise<string[]> {
  const rows = await em.getRepository(SeasonMember).find({ where: { clusterId, year }, order: { provinceId: 'ASC' } });
  return rows.map((row) => row.provinceId);
}

/** The season as it stands now becomes its next revision, with who changed it. */
export function recordRevision(
  em: EntityManager,
  season: ClusterSeason,
  action: string,
  members: string[],
  actor: Viewer,
) {
  return appendRevision(
    em,
    SeasonRevision,
    { clusterId: season.clusterId, year: season.year },
    { action, memberIds: members, headId: season.headId, deputyHeadId: season.deputyHeadId, actor: actor.sub },
  );
}

/** Locks the season row (creating it when asked) so concurrent changes queue. */
export async function lockSeason(
  em: EntityManager,
  clusterId: string,
  year: number,
  create: boolean,
): Promise<ClusterSeason | null> {
  if (create)
    await em.createQueryBuilder().insert().into(ClusterSeason).values({ clusterId, year }).orIgnore().execute();
  return em.findOne(ClusterSeason, { where: { clusterId, year }, lock: { mode: 'pessimistic_write' } });
}

export interface SeasonMembersInput {
  clusterId: string;
  year: number;
  provinceIds: string[];
}

/**
 * Inserts a season's members. A province another request has just put in
 * another cluster the same year (after the check above, before this commit)
 * is a lost race: CONFLICT naming it. Rows go in id order, so two requests
 * that swap provinces queue instead of deadlocking.
 */
async function insertMembers(db: EntityManager, clusterId: string, year: number, provinceIds: string[]): Promise<void> {
  const inserted: { province_id: string }[] = await db.query(
    `INSERT INTO season_member (cluster_id, year, province_id)
     SELECT $1, $2, id FROM unnest($3::text[]) AS id ORDER BY id
     ON CONFLICT DO NOTHING RETURNING province_id`,
    [clusterId, year, provinceIds],
  );
  if (inserted.length === provinceIds.length) return;
  const placed = new Set(inserted.map((row) => row.province_id));
  const index = provinceIds.findIndex((id) => !placed.has(id));
  const [other] = await db.query('SELECT cluster_id FROM season_member WHERE year = $1 AND province_id = $2', [
    year,
    provinceIds[index],
  ]);
  throw conflictOn(
    `provinceIds[${index}]`,
    provinceIds[index],
    `was just put in cluster "${other?.cluster_id ?? '?'}" for ${year} by another request; ` +
      'nothing was stored: read the seasons again and retry',
  );
}

/**
 * Replaces a season's members (admin or ministry), creating the season if
 * needed. Every member must have existed that year, be in no other cluster
 * that year, and not sit beside its own predecessor or successor; a sitting
 * head or deputy must stay a member.
 */
export async function setSeasonMembers(
  em: EntityManager,
  actor: Viewer,
  { clusterId, year, provinceIds }: SeasonMembersInput,
): Promise<ClusterSeason> {
  requireRole(actor, ['admin', 'ministry'], 'setSeasonMembers');
  checkYear('year', year);
  await requireCluster(em, clusterId);
  if (provinceIds.length === 0) throw badInput('provinceIds', provinceIds, 'must name at least one province');
  const seen = new Set<string>();
  provinceIds.forEach((id, index) => {
    if (seen.has(id)) throw badInput(`provinceIds[${index}]`, id, 'is listed twice');
    seen.add(id);
  });

  const provinces = await em.getRepository(Province).findBy({ id: In(provinceIds) });
  const byId = new Map(provinces.map((p) => [p.id, p]));
  provinceIds.forEach((id, index) => {
    const province = byId.get(id);
    if (!province) throw badInput(`provinceIds[${index}]`, id, 'is not a known province');
    if (!existedIn(province, year)) {
      throw badInput(`provinceIds[${index}]`, id, `did not exist in ${year}: ${describeValidity(province)}`);
    }
    if (province.successorId && seen.has(province.successorId)) {
      throw badInput(
        `provinceIds[${index}]`,
        id,
        `cannot sit in one season beside its successor "${province.successorId}"`,
      );
    }
  });

  const elsewhere = await em.getRepository(SeasonMember).find({ where: { year, provinceId: In(provinceIds) } });
  for (const row of elsewhere) {
    if (row.clusterId !== clusterId) {
      const index = provinceIds.indexOf(row.provinceId);
      throw badInput(
        `provinceIds[${index}]`,
        row.provinceId,
        `is already a member of cluster "${row.clusterId}" in ${year}`,
      );
    }
  }

  const season = (await lockSeason(em, clusterId, year, true))!;
  for (const [role, id] of [
    ['head', season.headId],
    ['deputy head', season.deputyHeadId],
  ] as const) {
    if (id && !seen.has(id)) {
      throw badInput(
        'provinceIds',
        provinceIds,
        `leaves out "${id}", the season's ${role}: elect another ${role} first`,
      );
    }
  }

  await em.getRepository(SeasonMember).delete({ clusterId, year });
  await insertMembers(em, clusterId, year, provinceIds);
  // Members set here are recorded, no longer assumed.
  await em
    .getRepository(ClusterSeason)
    .update({ clusterId, year }, { updatedAt: new Date(), membersAssumed: false, membersNote: null });
  await recordRevision(em, season, 'members', [...provinceIds].sort(), actor);
  return em.getRepository(ClusterSeason).findOneByOrFail({ clusterId, year });
}

export interface ElectionInput {
  clusterId: string;
  year: number;
  headId: string;
  deputyHeadId: string | null;
}

/**
 * Elects the head (and optionally deputy) of season `year`. Allowed to the
 * Ministry and admins, and to the head of the cluster's previous season, who
 * runs the review at which the next head is elected.
 */
export async function electHead(
  em: EntityManager,
  actor: Viewer,
  { clusterId, year, headId, deputyHeadId }: ElectionInput,
): Promise<ClusterSeason> {
  checkYear('year', year);
  await requireCluster(em, clusterId);
  if (!isNational(actor)) {
    const previous = await em.getRepository(ClusterSeason).findOneBy({ clusterId, year: year - 1 });
    const isOutgoingHead = actor.role === 'province' && previous?.headId != null && previous.headId === actor.province;
    if (!isOutgoingHead) {
      throw forbidden(
        `electHead for ${clusterId} ${year} may be done by the head of its ${year - 1} season` +
          `${previous?.headId ? ` ("${previous.headId}")` : ''}, the Ministry or an admin`,
      );
    }
  }
  const season = await lockSeason(em, clusterId, year, false);
  if (!season) throw badInput('year', year, `has no season of cluster "${clusterId}": set its members first`);
  const members = await memberIds(em, clusterId, year);
  if (!members.includes(headId)) throw badInput('headId', headId, `is not a member of ${clusterId} in ${year}`);
  if (deputyHeadId !== null) {
    if (!members.includes(deputyHeadId)) {
      throw badInput('deputyHeadId', deputyHeadId, `is not a member of ${clusterId} in ${year}`);
    }
    if (deputyHeadId === headId) throw badInput('deputyHeadId', deputyHeadId, 'must differ from the head');
  }
  season.headId = headId;
  season.deputyHeadId = deputyHeadId;
  await em.getRepository(ClusterSeason).update({ clusterId, year }, { headId, deputyHeadId, updatedAt: new Date() });
  await recordRevision(em, season, 'head', members, actor);
  return em.getRepository(ClusterSeason).findOneByOrFail({ clusterId, year });
}
