import DataLoader from 'dataloader';
import { groupBy, seasonKey, splitSeasonKey, type BaseContext } from '@thidua/kit';
import { In, type DataSource } from 'typeorm';
import { Cluster } from './cluster/cluster.entity.js';
import { Province } from './province/province.entity.js';
import { ClusterSeason } from './season/season.entity.js';
import { SeasonRevision } from './season/season-revision.entity.js';

export interface ProvincesContext extends BaseContext {
  db: DataSource;
  loaders: Loaders;
}

const byVietnameseName = (a: Province, b: Province) => a.name.localeCompare(b.name, 'vi');

/**
 * Per-request batching: however many provinces or seasons a query touches,
 * each loader issues one statement per tick.
 */
export function createLoaders(db: DataSource) {
  const provinceById = new DataLoader<string, Province | null>(async (ids) => {
    const rows = await db.getRepository(Province).findBy({ id: In([...ids]) });
    const found = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });

  const predecessorsOf = new DataLoader<string, Province[]>(async (ids) => {
    const rows = await db.getRepository(Province).findBy({ successorId: In([...ids]) });
    const groups = groupBy(rows, (row) => row.successorId!);
    return ids.map((id) => (groups.get(id) ?? []).sort(byVietnameseName));
  });

  const clusterById = new DataLoader<string, Cluster | null>(async (ids) => {
    const rows = await db.getRepository(Cluster).findBy({ id: In([...ids]) });
    const found = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });

  const seasonByKey = new DataLoader<string, ClusterSeason | null>(async (keys) => {
    const rows = await db
      .getRepository(ClusterSeason)
      .createQueryBuilder('s')
      .where('(s.cluster_id, s.year) IN (SELECT * FROM unnest(:clusters::text[], :years::int[]))', {
        clusters: keys.map((k) => splitSeasonKey(k)[0]),
        years: keys.map((k) => splitSeasonKey(k)[1]),
      })
      .getMany();
    const found = new Map(rows.map((row) => [seasonKey(row.clusterId, row.year), row]));
    return keys.map((key) => found.get(key) ?? null);
  });

  const seasonsOfCluster = new DataLoader<string, ClusterSeason[]>(async (clusterIds) => {
    const rows = await db
      .getRepository(ClusterSeason)
      .find({ where: { clusterId: In([...clusterIds]) }, order: { year: 'ASC' } });
    const groups = groupBy(rows, (row) => row.clusterId);
    return clusterIds.map((id) => groups.get(id) ?? []);
  });

  const membersOfSeason = new DataLoader<string, Province[]>(async (keys) => {
    const rows: (Province & { seasonKey: string })[] = await db.query(
      `SELECT m.cluster_id || ':' || m.year AS "seasonKey", p.id, p.code, p.name, p.kind, p.region,
              to_char(p.valid_from, 'YYYY-MM-DD') AS "validFrom", to_char(p.valid_until, 'YYYY-MM-DD') AS "validUntil",
              p.successor_id AS "successorId"
         FROM season_member m JOIN province p ON p.id = m.province_id
        WHERE (m.cluster_id, m.year) IN (SELECT * FROM unnest($1::text[], $2::int[]))`,
      [keys.map((k) => splitSeasonKey(k)[0]), keys.map((k) => splitSeasonKey(k)[1])],
    );
    const groups = groupBy(rows, (row) => row.seasonKey);
    return keys.map((key) => {
      const members = (groups.get(key) ?? []).map(({ seasonKey: _key, ...province }) =>
        Object.assign(new Province(), province),
      );
      // Heads and deputies are members: later lookups by id need no statement.
      for (const member of members) provinceById.prime(member.id, member);
      return members.sort(byVietnameseName);
    });
  });

  /** Key "province-id:year" → that year's cluster id, if any. */
  const clusterOfProvince = new DataLoader<string, string | null>(async (keys) => {
    const rows: { key: string; clusterId: string }[] = await db.query(
      `SELECT m.province_id || ':' || m.year AS key, m.cluster_id AS "clusterId"
         FROM season_member m
        WHERE (m.province_id, m.year) IN (SELECT * FROM unnest($1::text[], $2::int[]))`,
      [keys.map((k) => splitSeasonKey(k)[0]), keys.map((k) => splitSeasonKey(k)[1])],
    );
    const found = new Map(rows.map((row) => [row.key, row.clusterId]));
    return keys.map((key) => found.get(key) ?? null);
  });

  const revisionsOfSeason = new DataLoader<string, SeasonRevision[]>(async (keys) => {
    const rows = await db
      .getRepository(SeasonRevision)
      .createQueryBuilder('r')
      .where('(r.cluster_id, r.year) IN (SELECT * FROM unnest(:clusters::text[], :years::int[]))', {
        clusters: keys.map((k) => splitSeasonKey(k)[0]),
        years: keys.map((k) => splitSeasonKey(k)[1]),
      })
      .orderBy('r.revision', 'ASC')
      .getMany();
    const groups = groupBy(rows, (row) => seasonKey(row.clusterId, row.year));
    return keys.map((key) => groups.get(key) ?? []);
  });

  return {
    provinceById,
    predecessorsOf,
    clusterById,
    seasonByKey,
    seasonsOfCluster,
    membersOfSeason,
    clusterOfProvince,
    revisionsOfSeason,
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
