import { readFileSync } from 'node:fs';
import path from 'node:path';
import { appendRevision, unnest, type Logger } from '@thidua/kit';
import { loadProvinceRecords } from '@thidua/kit/reference';
import type { DataSource, EntityManager } from 'typeorm';
import { Cluster } from './cluster/cluster.entity.js';
import { ClusterSeason, SeasonMember } from './season/season.entity.js';
import { SeasonRevision } from './season/season-revision.entity.js';

interface SeasonSeed {
  year: number;
  members: string[];
  head?: string;
  deputy?: string;
  /** Members not published: carried over from an earlier year (`membersNote` says so). */
  membersAssumed?: boolean;
  membersNote?: string;
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
async function seedProvinces(em: EntityManager): Promise<void> {
  const [rows, parameters] = unnest(loadProvinceRecords(), {
    id: 'text',
    code: 'text',
    name: 'text',
    kind: 'text',
    region: 'text',
    validFrom: 'date',
    validUntil: 'date',
    successorId: 'text',
  });
  await em.query(
    `INSERT INTO province (id, code, name, kind, region, valid_from, valid_until, successor_id)
     SELECT * FROM ${rows}
     ON CONFLICT (id) DO UPDATE SET code = excluded.code, name = excluded.name, kind = excluded.kind,
       region = excluded.region, valid_from = excluded.valid_from, valid_until = excluded.valid_until,
       successor_id = excluded.successor_id`,
    parameters,
  );
}

/** Inserts a season that is not there yet; a season already present is left as users made it. */
async function seedSeason(em: EntityManager, clusterId: string, season: SeasonSeed, source: string): Promise<void> {
  const created = await em
    .createQueryBuilder()
    .insert()
    .into(ClusterSeason)
    .values({
      clusterId,
      year: season.year,
      headId: season.head ?? null,
      deputyHeadId: season.deputy ?? null,
      source,
      membersAssumed: season.membersAssumed ?? false,
      membersNote: season.membersNote ?? null,
    })
    .orIgnore()
    .execute();
  if (created.raw.length === 0) {
    // A season seeded before assumptions were marked, and whose members no one has set since, is marked now.
    if (season.membersAssumed) {
      await em.query(
        `UPDATE cluster_season s SET members_assumed = true, members_note = $3
          WHERE s.cluster_id = $1 AND s.year = $2 AND NOT s.members_assumed
            AND NOT EXISTS (SELECT 1 FROM season_revision r
                             WHERE r.cluster_id = s.cluster_id AND r.year = s.year AND r.action <> 'seed')`,
        [clusterId, season.year, season.membersNote ?? null],
      );
    }
    return;
  }
  const { year, members } = season;
  await em.getRepository(SeasonMember).insert(members.map((provinceId) => ({ clusterId, year, provinceId })));
  await appendRevision(
    em,
    SeasonRevision,
    { clusterId, year },
    {
      action: 'seed',
      memberIds: [...members].sort(),
      headId: season.head ?? null,
      deputyHeadId: season.deputy ?? null,
      actor: 'seed',
    },
  );
}

async function seedClusters(em: EntityManager, clusters: ClusterSeed[]): Promise<void> {
  for (const cluster of clusters) {
    await em
      .createQueryBuilder()
      .insert()
      .into(Cluster)
      .values({ id: cluster.id, name: cluster.name })
      .orIgnore()
      .execute();
    for (const season of cluster.seasons) await seedSeason(em, cluster.id, season, cluster.source);
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
  const assumed = { membersAssumed: true, membersNote: 'dữ liệu minh hoạ: thành viên giả định như năm 2019' };
  return [
    {
      id: 'cum-3',
      name: cluster3.name,
      source: 'demo: synthetic season, members assumed as in 2019',
      // The 2024 demo year (awards) is run by a head and a deputy.
      seasons: years.map((year) =>
        year === 2024
          ? { year, members: members2019, head: 'ninh-binh', deputy: 'nam-dinh', ...assumed }
          : { year, members: members2019, ...assumed },
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
      seasons: [
        {
          year: 2023,
          members: members2022,
          head: 'hai-phong',
          membersAssumed: true,
          membersNote: 'dữ liệu minh hoạ: thành viên giả định như năm 2022',
        },
      ],
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
  await dataSource.transaction(async (em) => {
    await seedProvinces(em);
    await seedClusters(em, reportedClusters());
    if (options.demo) await seedClusters(em, demoClusters());
  });
  options.logger.info({ demo: options.demo }, 'provinces reference data loaded');
}
