import { batchLoader, manyLoader, oneLoader, rows, SeasonKey } from '@thidua/kit';
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
import type { SeasonYear } from './season-year.entity.js';

type SeasonRow = ObjectLiteral & SeasonKey;

/**
 * One loader per season-keyed table: however many seasons a query touches,
 * each table is read with one statement per tick.
 */
function bySeason<T extends SeasonRow>(
  db: DataSource,
  entity: EntityTarget<T>,
  order: Record<string, 'ASC' | 'DESC'>,
  where = '',
) {
  return manyLoader(async (keys: readonly SeasonKey[]) => {
    const query = db
      .getRepository(entity)
      .createQueryBuilder('r')
      .where(...SeasonKey.in('r', keys));
    if (where) query.andWhere(where);
    for (const [column, direction] of Object.entries(order)) query.addOrderBy(`r.${column}`, direction);
    return query.getMany();
  }, SeasonKey);
}

/** A season year's columns named as its entity's fields (the date as the entity's `YYYY-MM-DD` string). */
const seasonYearsByKey = {
  name: 'awards.season-year-by-key',
  text: `SELECT y.cluster_id AS "clusterId", y.year, y.min_coverage AS "minCoverage", y.quorum, y.caps,
                y.weight_sheet AS "weightSheet", y.weight_ict AS "weightIct", y.weight_award AS "weightAward",
                y.sheet_revision AS "sheetRevision", y.sheet_defined_by AS "sheetDefinedBy",
                y.sheet_defined_at AS "sheetDefinedAt", to_char(y.signed_on, 'YYYY-MM-DD') AS "signedOn", y.place,
                y.document_id AS "documentId", y.signatories, y.signed_by AS "signedBy", y.signed_at AS "signedAt",
                y.source
           FROM season_year y WHERE (y.cluster_id, y.year) IN (SELECT * FROM ${SeasonKey.unnest([])[0]})`,
};

/** The loaders of the emulation year, per request, spread into the context's loaders. */
export function yearLoaders(db: DataSource) {
  const seasonYears = manyLoader(
    (keys: readonly SeasonKey[]) => rows<SeasonYear>(db, seasonYearsByKey, SeasonKey.unnest(keys)[1]),
    SeasonKey,
  );
  const results = bySeason(db, SeasonResult, {}, 'r.reopened_at IS NULL');

  const fileById = oneLoader(
    (ids: readonly string[]) => db.getRepository(EvidenceFile).findBy({ id: In([...ids]) }),
    (row) => row.id,
  );

  /** When the review's first vote was cast, per season: from then on its rules are fixed. */
  const firstVoteOf = batchLoader(async (keys: readonly SeasonKey[]) => {
    const [seasons, parameters] = SeasonKey.unnest(keys);
    const rows: { clusterId: string; year: number; first: Date }[] = await db.query(
      `SELECT n.cluster_id AS "clusterId", n.year, min(v.cast_at) AS first
         FROM nomination n JOIN vote v ON v.nomination_id = n.id
        WHERE (n.cluster_id, n.year) IN (SELECT * FROM ${seasons})
        GROUP BY n.cluster_id, n.year`,
      parameters,
    );
    return keys.map(
      (key) => rows.find((row) => row.clusterId === key.clusterId && row.year === key.year)?.first ?? null,
    );
  });

  const seasonYear = async (key: SeasonKey) => (await seasonYears.load(SeasonKey.of(key)))[0] ?? null;
  const criteria = bySeason(db, Criterion, { position: 'ASC' });
  const assessments = bySeason(db, Assessment, { provinceId: 'ASC' });
  const items = bySeason(db, AssessmentItem, {});
  /** Only a season with a year record can have a sheet or a lock: others cost one statement in all. */
  const withSheet = async <T>(key: SeasonKey, loader: { load(key: SeasonKey): Promise<T[]> }): Promise<T[]> =>
    (await seasonYear(key))?.sheetRevision ? loader.load(SeasonKey.of(key)) : [];

  return {
    seasonYear,
    /** The lock in force, if any. */
    result: async (key: SeasonKey) =>
      (await seasonYear(key)) ? ((await results.load(SeasonKey.of(key)))[0] ?? null) : null,
    events: bySeason(db, SeasonEvent, { id: 'ASC' }),
    criteria: { load: (key: SeasonKey) => withSheet(key, criteria) },
    assessments: { load: (key: SeasonKey) => withSheet(key, assessments) },
    items: { load: (key: SeasonKey) => withSheet(key, items) },
    evidence: bySeason(db, ItemEvidence, { fileId: 'ASC' }),
    elections: bySeason(db, HeadElection, { round: 'ASC' }),
    headVotes: bySeason(db, HeadVote, { castAt: 'ASC' }),
    fileById,
    firstVoteOf,
  };
}

export type YearLoaders = ReturnType<typeof yearLoaders>;
