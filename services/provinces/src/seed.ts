import { readFileSync } from 'node:fs';
import path from 'node:path';
import { type Logger } from '@thidua/kit';
import { loadProvinceRecords } from '@thidua/kit/reference';
import type { DataSource, EntityManager } from 'typeorm';

interface SeasonSeed {
  year: number;
  members: string[];
  head?: string;
  deputy?: string;
}

interface ClusterSeed {
  id: string;
  name: string;
  source: string;
  seasons: SeasonSeed[];
}

const dataDir = path.join(__dirname, '..', 'data');

function reportedClusters(): ClusterSeed[] {
  return (JSON.parse(readFileSync(path.join(dataDir, 'clusters.json'), 'utf8')) as { clusters: ClusterSeed[] })
    .clusters;
}

/** Upserts the reference units (63 until 2025, 34 from 2025) with their lineage. */
async function seedProvinces(db: EntityManager): Promise<void> {
  const records = loadProvinceRecords();
  await db.query(
    `INSERT INTO province (id, code, name, kind, region, valid_from, valid_until, successor_id)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::date[], $7::date[], $8::text[])
     ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name, kind = excluded.kind,
       region = excluded.region, valid_from = excluded.valid_from, valid_until = excluded.valid_until,
       successor_id = excluded.successor_id`,
    [
      records.map((r) => r.id),
      records.map((r) => r.code),
      records.map((r) => r.name),
      records.map((r) => r.kind),
      records.map((r) => r.region),
      records.map((r) => r.validFrom),
      records.map((r) => r.validUntil),
      records.map((r) => r.successorId),
    ],
  );
}

/** Inserts a season that is not there yet; a season already present is left as users made it. */
async function seedSeason(db: EntityManager, clusterId: string, season: SeasonSeed, source: string): Promise<void> {
  const created = await db.query(
    `INSERT INTO cluster_season (cluster_id, year, head_id, deputy_head_id, source) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT DO NOTHING RETURNING year`,
    [clusterId, season.year, season.head ?? null, season.deputy ?? null, source],
  );
  if (created.length === 0) return;
  await db.query(`INSERT INTO season_member (cluster_id, year, province_id) SELECT $1, $2, unnest($3::text[])`, [
    clusterId,
    season.year,
    season.members,
  ]);
  await db.query(
    `INSERT INTO season_revision (cluster_id, year, revision, action, member_ids, head_id, deputy_head_id, actor)
     VALUES ($1, $2, 1, 'seed', $3, $4, $5, 'seed')`,
    [clusterId, season.year, [...season.members].sort(), season.head ?? null, season.deputy ?? null],
  );
}

async function seedClusters(db: EntityManager, clusters: ClusterSeed[]): Promise<void> {
  for (const cluster of clusters) {
    await db.query('INSERT INTO cluster (id, name) VALUES ($1, $2) ON CONFLICT DO NOTHING', [cluster.id, cluster.name]);
    for (const season of cluster.seasons) await seedSeason(db, cluster.id, season, cluster.source);
  }
}

/** Synthetic seasons so dashboards have years to show; each says it is demo data. */
function demoClusters(): ClusterSeed[] {
  const reported = new Map(reportedClusters().map((c) => [c.id, c]));
  const cluster3 = reported.get('cum-3')!;
  const cluster1 = reported.get('cum-1')!;
  const members2019 = cluster3.seasons.find((s) => s.year === 2019)!.members;
  const members2022 = cluster1.seasons.find((s) => s.year === 2022)!.members;
  const years = [2015, 2016, 2017, 2018, 2021, 2022, 2023, 2024];
  return [
    {
      id: 'cum-3',
      name: cluster3.name,
      source: 'demo: synthetic season, members assumed as in 2019',
      // The 2024 demo year (awards) is run by a head and a deputy.
      seasons: years.map((year) =>
        year === 2024
          ? { year, members: members2019, head: 'ninh-binh', deputy: 'nam-dinh' }
          : { year, members: members2019 },
      ),
    },
    {
      id: 'cum-3',
      name: cluster3.name,
      source: 'demo: synthetic season of the merged units',
      seasons: [
        {
          year: 2026,
          members: ['quang-ninh', 'bac-ninh-2025', 'hai-phong-2025', 'hung-yen-2025', 'ninh-binh-2025', 'phu-tho-2025'],
        },
      ],
    },
    {
      id: 'cum-1',
      name: cluster1.name,
      source:
        'demo: members assumed as in 2022; head Hải Phòng as elected at the 2022 review (Cần Thơ newspaper, 2023)',
      seasons: [{ year: 2023, members: members2022, head: 'hai-phong' }],
    },
  ];
}

export interface SeedOptions {
  /** Also load the synthetic demo seasons. */
  demo: boolean;
  logger: Logger;
}

/**
 * Loads reference data (every unit with lineage; the clusters and seasons
 * published reports give) and, when asked, demo seasons. Idempotent: what
 * users changed is never overwritten.
 */
export async function seedProvincesService(dataSource: DataSource, options: SeedOptions): Promise<void> {
  await dataSource.transaction(async (db) => {
    await seedProvinces(db);
    await seedClusters(db, reportedClusters());
    if (options.demo) await seedClusters(db, demoClusters());
  });
  options.logger.info({ demo: options.demo }, 'provinces reference data loaded');
}
