import { badInput, forbidden, isNational, requireViewer, type Viewer } from '@thidua/kit';
import { checkYear, describeValidity, existedIn } from '@thidua/kit/reference';
import { In, type EntityManager } from 'typeorm';
import { Cluster } from '../cluster/cluster.entity.js';
import { Province } from '../province/province.entity.js';
import { ClusterSeason, SeasonMember } from './season.entity.js';
import { SeasonRevision } from './season-revision.entity.js';

async function requireCluster(db: EntityManager, clusterId: string): Promise<Cluster> {
  const cluster = await db.getRepository(Cluster).findOneBy({ id: clusterId });
  if (!cluster) throw badInput('clusterId', clusterId, 'is not a known cluster');
  return cluster;
}

export async function memberIds(db: EntityManager, clusterId: string, year: number): Promise<string[]> {
  const rows = await db.getRepository(SeasonMember).find({ where: { clusterId, year }, order: { provinceId: 'ASC' } });
  return rows.map((row) => row.provinceId);
}

export async function recordRevision(
  db: EntityManager,
  season: ClusterSeason,
  action: string,
  members: string[],
  actor: string,
): Promise<void> {
  const [{ next }] = await db.query(
    'SELECT coalesce(max(revision), 0) + 1 AS next FROM season_revision WHERE cluster_id = $1 AND year = $2',
    [season.clusterId, season.year],
  );
  await db.getRepository(SeasonRevision).insert({
    clusterId: season.clusterId,
    year: season.year,
    revision: next,
    action,
    memberIds: members,
    headId: season.headId,
    deputyHeadId: season.deputyHeadId,
    actor,
  });
}

/** Locks the season row (creating it when asked) so concurrent changes queue. */
export async function lockSeason(
  db: EntityManager,
  clusterId: string,
  year: number,
  create: boolean,
): Promise<ClusterSeason | null> {
  if (create) {
    await db.query('INSERT INTO cluster_season (cluster_id, year) VALUES ($1, $2) ON CONFLICT DO NOTHING', [
      clusterId,
      year,
    ]);
  }
  return db
    .getRepository(ClusterSeason)
    .createQueryBuilder('s')
    .setLock('pessimistic_write')
    .where('s.cluster_id = :clusterId AND s.year = :year', { clusterId, year })
    .getOne();
}

/**
 * Replaces a season's members. Every member must have existed that year, be in
 * no other cluster that year, and not sit beside its own predecessor or
 * successor; a sitting head or deputy must stay a member.
 */
export async function setSeasonMembers(
  db: EntityManager,
  viewer: Viewer,
  clusterId: string,
  year: number,
  provinceIds: string[],
): Promise<ClusterSeason> {
  checkYear('year', year);
  await requireCluster(db, clusterId);
  if (provinceIds.length === 0) throw badInput('provinceIds', provinceIds, 'must name at least one province');
  const seen = new Set<string>();
  provinceIds.forEach((id, index) => {
    if (seen.has(id)) throw badInput(`provinceIds[${index}]`, id, 'is listed twice');
    seen.add(id);
  });

  const provinces = await db.getRepository(Province).findBy({ id: In(provinceIds) });
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

  const elsewhere = await db.getRepository(SeasonMember).find({
    where: { year, provinceId: In(provinceIds) },
  });
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

  const season = (await lockSeason(db, clusterId, year, true))!;
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

  await db.getRepository(SeasonMember).delete({ clusterId, year });
  await db.getRepository(SeasonMember).insert(provinceIds.map((provinceId) => ({ clusterId, year, provinceId })));
  await db.getRepository(ClusterSeason).update({ clusterId, year }, { updatedAt: new Date() });
  await recordRevision(db, season, 'members', [...provinceIds].sort(), viewer.sub);
  return db.getRepository(ClusterSeason).findOneByOrFail({ clusterId, year });
}

/**
 * Elects the head (and optionally deputy) of season `year`. Allowed to the
 * Ministry and admins, and to the head of the cluster's previous season, who
 * runs the review at which the next head is elected.
 */
export async function electHead(
  db: EntityManager,
  viewer: Viewer | null,
  clusterId: string,
  year: number,
  headId: string,
  deputyHeadId: string | null,
): Promise<ClusterSeason> {
  const who = requireViewer(viewer);
  checkYear('year', year);
  await requireCluster(db, clusterId);
  if (!isNational(who)) {
    const previous = await db.getRepository(ClusterSeason).findOneBy({ clusterId, year: year - 1 });
    const isOutgoingHead = who.role === 'province' && previous?.headId != null && previous.headId === who.province;
    if (!isOutgoingHead) {
      throw forbidden(
        `electHead for ${clusterId} ${year} may be done by the head of its ${year - 1} season` +
          `${previous?.headId ? ` ("${previous.headId}")` : ''}, the Ministry or an admin`,
      );
    }
  }
  const season = await lockSeason(db, clusterId, year, false);
  if (!season) throw badInput('year', year, `has no season of cluster "${clusterId}": set its members first`);
  const members = await memberIds(db, clusterId, year);
  if (!members.includes(headId)) throw badInput('headId', headId, `is not a member of ${clusterId} in ${year}`);
  if (deputyHeadId !== null) {
    if (!members.includes(deputyHeadId)) {
      throw badInput('deputyHeadId', deputyHeadId, `is not a member of ${clusterId} in ${year}`);
    }
    if (deputyHeadId === headId) throw badInput('deputyHeadId', deputyHeadId, 'must differ from the head');
  }
  season.headId = headId;
  season.deputyHeadId = deputyHeadId;
  await db.getRepository(ClusterSeason).update({ clusterId, year }, { headId, deputyHeadId, updatedAt: new Date() });
  await recordRevision(db, season, 'head', members, who.sub);
  return db.getRepository(ClusterSeason).findOneByOrFail({ clusterId, year });
}
