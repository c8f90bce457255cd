import { createHash, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { demoPdf, stableHash } from '@thidua/kit';
import type { EntityManager } from 'typeorm';
import { round2 } from '../assessment/scoring.js';
import { provinceRegistry } from '../commendation/commendation.service.js';
import { DEMO_UPLOADER } from '../evidence/evidence-file.entity.js';

/** A head chosen at a published review, as the reference facts give it. */
export interface HeadElectionFact {
  cluster: string;
  year: number;
  head: string;
  mode: 'CONSENSUS';
  decided_on: string;
  source: string;
  minutes: string;
}

/** Records the heads published reviews chose, as closed elections by consensus; idempotent. */
export async function seedReferenceElections(db: EntityManager, facts: HeadElectionFact[]): Promise<void> {
  for (const fact of facts) {
    const inserted: unknown[] = await db.query(
      `INSERT INTO head_election (cluster_id, year, round, mode, status, candidates, outcome, elected, minutes, source,
                                  opened_by, opened_at, closed_by, closed_at)
       VALUES ($1, $2, 1, $3, 'CLOSED', ARRAY[$4], 'ELECTED', $4, $5, $6, 'seed', $7::date, 'seed', $7::date)
       ON CONFLICT DO NOTHING RETURNING 1`,
      [fact.cluster, fact.year, fact.mode, fact.head, fact.minutes, fact.source, fact.decided_on],
    );
    if (inserted.length > 0) {
      await db.query(
        `INSERT INTO season_event (cluster_id, year, at, actor, action, detail)
         VALUES ($1, $2, $3::date, 'seed', 'electHeadByConsensus', $4)`,
        [fact.cluster, fact.year, fact.decided_on, `"${fact.head}" by consensus: ${fact.minutes} (${fact.source})`],
      );
    }
  }
}

interface DemoYear {
  source: string;
  cluster: string;
  year: number;
  head: string;
  deputy: string;
  compact: { signedOn: string; place: string };
  weights: { sheet: number; ict: number; award: number };
  criteria: {
    code: string;
    group: string;
    title: string;
    maxPoints: number;
    indicator?: string;
    evidenceRequired?: boolean;
  }[];
  assessments: Record<string, 'DRAFT' | 'SUBMITTED' | 'RETURNED' | 'APPRAISED'>;
  returned: { province: string; criteria: string[]; reason: string };
  election: { candidates: string[]; votes: Record<string, string>; deputy: string; closedOn: string };
}

const demoFile = path.join(__dirname, '..', '..', 'data', 'demo-year-2024.json');

/** A self-score between 78 % and 100 % of the maximum, in quarter points, the same on every start. */
function selfScore(provinceId: string, code: string, max: number): number {
  const share = 0.78 + (stableHash(`${provinceId}:${code}`) % 23) / 100;
  return Math.min(max, Math.round(max * share * 4) / 4);
}

/**
 * The demo's 2024 year of Cụm 3 (SEED_DEMO=1 only): compact, sheet, nine
 * assessments in every state, evidence placeholders and a closed election.
 * Loaded once; a season already present is left as users made it.
 */
export async function seedDemoYear(db: EntityManager): Promise<void> {
  const demo = JSON.parse(readFileSync(demoFile, 'utf8')) as DemoYear;
  const { cluster, year } = demo;
  const members = Object.keys(demo.assessments);
  const created: unknown[] = await db.query(
    `INSERT INTO season_year (cluster_id, year, weight_sheet, weight_ict, weight_award, sheet_revision, sheet_defined_by,
                              sheet_defined_at, signed_on, place, signatories, signed_by, signed_at, source)
     VALUES ($1, $2, $3, $4, $5, 1, 'demo', '2024-02-20', $6, $7, $8, 'demo', $6::date, $9)
     ON CONFLICT DO NOTHING RETURNING 1`,
    [
      cluster,
      year,
      demo.weights.sheet,
      demo.weights.ict,
      demo.weights.award,
      demo.compact.signedOn,
      demo.compact.place,
      [...members].sort(),
      demo.source,
    ],
  );
  if (created.length === 0) return;
  const events: [string, string, string, string][] = [
    ['2024-02-20', `demo:${demo.head}`, 'defineScoringSheet', `revision 1: ${demo.criteria.length} criteria (demo)`],
    [
      '2024-03-08',
      `demo:${demo.head}`,
      'signCompact',
      `signed on ${demo.compact.signedOn} at ${demo.compact.place} (demo)`,
    ],
  ];
  const criterionIds = new Map<string, string>();
  for (const [position, c] of demo.criteria.entries()) {
    const [{ id }] = await db.query(
      `INSERT INTO criterion (cluster_id, year, position, code, group_name, title, max_points, indicator_code,
                              evidence_required)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [
        cluster,
        year,
        position,
        c.code,
        c.group,
        c.title,
        c.maxPoints,
        c.indicator ?? null,
        c.evidenceRequired ?? false,
      ],
    );
    criterionIds.set(c.code, id);
  }
  for (const [index, provinceId] of members.entries()) {
    const status = demo.assessments[provinceId];
    const day = (n: number) => `2024-12-${String(n + (index % 4)).padStart(2, '0')}`;
    const returned = demo.returned.province === provinceId;
    const appraiser = `demo:${provinceId === demo.head ? demo.deputy : demo.head}`;
    await db.query(
      `INSERT INTO assessment (cluster_id, year, province_id, status, return_reason, saved_by, saved_at, submitted_by,
                               submitted_at, returned_by, returned_at, appraised_by, appraised_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::date, $8, $9::date, $10, $11::date, $12, $13::date)`,
      [
        cluster,
        year,
        provinceId,
        status,
        returned ? demo.returned.reason : null,
        `demo:${provinceId}`,
        day(1),
        status === 'DRAFT' ? null : `demo:${provinceId}`,
        status === 'DRAFT' ? null : day(3),
        returned ? `demo:${demo.head}` : null,
        returned ? day(8) : null,
        status === 'APPRAISED' ? appraiser : null,
        status === 'APPRAISED' ? day(12) : null,
      ],
    );
    const name = provinceRegistry().get(provinceId)?.name ?? provinceId;
    // A draft is half done: the first two groups only.
    const scored = status === 'DRAFT' ? demo.criteria.filter((c) => /^(I|II)\./.test(c.code)) : demo.criteria;
    for (const c of scored) {
      const self = selfScore(provinceId, c.code, c.maxPoints);
      const trimmed = stableHash(`${provinceId}:${c.code}:appraisal`) % 6 === 0 && !c.indicator;
      const appraised = status === 'APPRAISED' ? (trimmed ? round2(Math.max(0, self - 0.5)) : self) : null;
      await db.query(
        `INSERT INTO assessment_item (cluster_id, year, province_id, criterion_id, self_score, appraised_score,
                                      appraisal_note, returned)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
        [
          cluster,
          year,
          provinceId,
          criterionIds.get(c.code),
          self,
          appraised,
          appraised !== null && trimmed ? 'Điều chỉnh theo minh chứng (demo)' : null,
          returned && demo.returned.criteria.includes(c.code),
        ],
      );
      const missing = returned && demo.returned.criteria.includes(c.code);
      if (!c.evidenceRequired || status === 'DRAFT' || missing) continue;
      const fileName = `Minh chứng ${c.code} - Sở TT&TT ${name} - 2024.pdf`;
      const content = demoPdf(fileName);
      const fileId = randomUUID();
      await db.query(
        `INSERT INTO evidence_file (id, file_name, content_type, size, sha256, uploaded_by, uploader_province, uploaded_at)
         VALUES ($1, $2, 'application/pdf', $3, $4, $5, $6, $7::date)`,
        [
          fileId,
          fileName,
          content.length,
          createHash('sha256').update(content).digest('hex'),
          DEMO_UPLOADER,
          provinceId,
          day(1),
        ],
      );
      await db.query(
        `INSERT INTO item_evidence (cluster_id, year, province_id, criterion_id, file_id) VALUES ($1, $2, $3, $4, $5)`,
        [cluster, year, provinceId, criterionIds.get(c.code), fileId],
      );
    }
    events.push([day(1), `demo:${provinceId}`, 'saveAssessment', `${provinceId}: ${scored.length} items (demo)`]);
    if (status !== 'DRAFT')
      events.push([day(3), `demo:${provinceId}`, 'submitAssessment', `${provinceId}: submitted (demo)`]);
    if (returned) {
      events.push([day(8), `demo:${demo.head}`, 'returnAssessment', `${provinceId}: ${demo.returned.reason} (demo)`]);
    }
    if (status === 'APPRAISED')
      events.push([day(12), appraiser, 'appraiseAssessment', `${provinceId}: appraised (demo)`]);
  }
  const { election } = demo;
  await db.query(
    `INSERT INTO head_election (cluster_id, year, round, mode, status, candidates, outcome, elected, deputy, source,
                                opened_by, opened_at, closed_by, closed_at)
     VALUES ($1, $2, 1, 'VOTE', 'CLOSED', $3, 'ELECTED', $4, $5, $6, $7, $8::date, $7, $8::date + interval '2 hours')`,
    [
      cluster,
      year,
      election.candidates,
      election.candidates[0],
      election.deputy,
      demo.source,
      `demo:${demo.head}`,
      election.closedOn,
    ],
  );
  for (const [voter, candidate] of Object.entries(election.votes)) {
    await db.query(
      `INSERT INTO head_vote (cluster_id, year, round, voter_province_id, candidate_id, cast_by, cast_at)
       VALUES ($1, $2, 1, $3, $4, $5, $6::date + interval '1 hour')`,
      [cluster, year, voter, candidate, `demo:${voter}`, election.closedOn],
    );
  }
  events.push(
    [election.closedOn, `demo:${demo.head}`, 'openHeadElection', `round 1: ${election.candidates.join(', ')} (demo)`],
    [
      election.closedOn,
      `demo:${demo.head}`,
      'closeHeadElection',
      `round 1: "${election.candidates[0]}" elected (demo)`,
    ],
  );
  for (const [at, actor, action, detail] of events.sort((a, b) => a[0].localeCompare(b[0]))) {
    await db.query(
      `INSERT INTO season_event (cluster_id, year, at, actor, action, detail) VALUES ($1, $2, $3::date, $4, $5, $6)`,
      [cluster, year, at, actor, action, detail],
    );
  }
}
