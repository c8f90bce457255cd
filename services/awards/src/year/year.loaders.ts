import DataLoader from 'dataloader';
import { groupBy, seasonKey, splitSeasonKey } from '@thidua/kit';
import { In, type DataSource, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { AssessmentItem } from '../assessment/assessment-item.entity.js';
import { Assessment } from '../assessment/assessment.entity.js';
import { ItemEvidence } from '../assessment/item-evidence.entity.js';
import { HeadElection } from '../election/head-election.entity.js';
import { HeadVote } from '../election/head-vote.entity.js';
import { EvidenceFile } from '../evidence/evidence-file.entity.js';
import { SeasonResult } from '../lock/season-result.entity.js';
import { Criterion } from '../sheet/criterion.entity.js';
import { SeasonEvent } from './season-event.entity.js';
import { SeasonYear } from './season-year.entity.js';

type SeasonRow = ObjectLiteral & { clusterId: string; year: number };

/**
 * One loader per season-keyed table: however many seasons a query touches,
 * each table is read with one statement per tick (key "cluster:year").
 */
function bySeason<T extends SeasonRow>(
  db: DataSource,
  entity: EntityTarget<T>,
  order: Record<string, 'ASC' | 'DESC'>,
  where = '',
): DataLoader<string, T[]> {
  return new DataLoader<string, T[]>(async (keys) => {
    const query = db
      .getRepository(entity)
      .createQueryBuilder('r')
      .where(
        `(r.cluster_id, r.year) IN (SELECT * FROM unnest(:clusters::text[], :years::int[]))${where ? ` AND ${where}` : ''}`,
        { clusters: keys.map((k) => splitSeasonKey(k)[0]), years: keys.map((k) => splitSeasonKey(k)[1]) },
      );
    for (const [column, direction] of Object.entries(order)) query.addOrderBy(`r.${column}`, direction);
    const groups = groupBy(await query.getMany(), (row) => seasonKey(row.clusterId, row.year));
    return keys.map((key) => groups.get(key) ?? []);
  });
}

/** The loaders of the emulation year; created per request beside the review's. */
export function createYearLoaders(db: DataSource) {
  const seasonYears = bySeason(db, SeasonYear, {});
  const results = bySeason(db, SeasonResult, {}, 'r.reopened_at IS NULL');

  const fileById = new DataLoader<string, EvidenceFile | null>(async (ids) => {
    const rows = await db.getRepository(EvidenceFile).findBy({ id: In([...ids]) });
    const found = new Map(rows.map((row) => [row.id, row]));
    return ids.map((id) => found.get(id) ?? null);
  });

  /** When the review's first vote was cast, per season: from then on its rules are fixed. */
  const firstVoteOf = new DataLoader<string, Date | null>(async (keys) => {
    const rows: { key: string; first: Date }[] = await db.query(
      `SELECT n.cluster_id || ':' || n.year AS key, min(v.cast_at) AS first
         FROM nomination n JOIN vote v ON v.nomination_id = n.id
        WHERE (n.cluster_id, n.year) IN (SELECT * FROM unnest($1::text[], $2::int[]))
        GROUP BY n.cluster_id, n.year`,
      [keys.map((k) => splitSeasonKey(k)[0]), keys.map((k) => splitSeasonKey(k)[1])],
    );
    const found = new Map(rows.map((row) => [row.key, row.first]));
    return keys.map((key) => found.get(key) ?? null);
  });

  const seasonYear = async (key: string) => (await seasonYears.load(key))[0] ?? null;
  const criteria = bySeason(db, Criterion, { position: 'ASC' });
  const assessments = bySeason(db, Assessment, { provinceId: 'ASC' });
  const items = bySeason(db, AssessmentItem, {});
  /** Only a season with a year record can have a sheet or a lock: others cost one statement in all. */
  const withSheet = async <T>(key: string, loader: DataLoader<string, T[]>): Promise<T[]> =>
    (await seasonYear(key))?.sheetRevision ? loader.load(key) : [];

  return {
    seasonYear,
    /** The lock in force, if any. */
    result: async (key: string) => ((await seasonYear(key)) ? ((await results.load(key))[0] ?? null) : null),
    events: bySeason(db, SeasonEvent, { id: 'ASC' }),
    criteria: { load: (key: string) => withSheet(key, criteria) },
    assessments: { load: (key: string) => withSheet(key, assessments) },
    items: { load: (key: string) => withSheet(key, items) },
    evidence: bySeason(db, ItemEvidence, { fileId: 'ASC' }),
    elections: bySeason(db, HeadElection, { round: 'ASC' }),
    headVotes: bySeason(db, HeadVote, { castAt: 'ASC' }),
    fileById,
    firstVoteOf,
  };
}

export type YearLoaders = ReturnType<typeof createYearLoaders>;
