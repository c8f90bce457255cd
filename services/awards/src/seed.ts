import { stableHash, unnest } from '@thidua/kit';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Logger } from '@thidua/kit';
import type { DataSource, EntityManager } from 'typeorm';
import { CommendationForm, RecipientKind } from './catalogue/catalogue.entity.js';
import { provinceRegistry, type CommendationFields } from './commendation/commendation.service.js';
import { seedDemoYear, seedReferenceElections, type HeadElectionFact } from './year/year.seed.js';

/** One fact as the shared seed facts give it (copied into data/reference-facts.json). */
interface CommendationFact {
  province: string;
  form: CommendationForm;
  year?: number;
  period?: string;
  collectives?: number;
  individuals?: number;
  recipient_kind?: RecipientKind;
  count?: number;
  recipient?: string;
  for?: string;
  title?: string;
  /** The authority, where it is not the one the form and year give (another ministry's certificate). */
  issuer?: string;
  source: string;
  /** Awards of this period that another fact dates exactly; they are recorded from that fact. */
  dated_elsewhere?: { years: number[]; by: string };
}

interface ReferenceFacts {
  commendations: CommendationFact[];
  flags_2015: { provinces: string[]; form: CommendationForm; year: number; source: string };
  cluster_proposals: {
    cluster: string;
    year: number;
    source: string;
    decided_on?: string;
    /** CONSENSUS: the members agreed at the meeting ("thống nhất đề xuất"); the minutes say so. */
    mode?: 'CONSENSUS';
    minutes?: string;
    proposals: { province: string; form: CommendationForm }[];
  }[];
  head_elections: HeadElectionFact[];
  demo_members: { about: string; clusters: Record<string, string[]> };
}

/** A commendation row to seed (no decision number is published); `key` makes seeding idempotent. */
interface SeedCommendation extends Omit<CommendationFields, 'decision' | 'decisionDate' | 'source'> {
  key: string;
  source: string;
}

interface SeedTally {
  key: string;
  provinceId: string;
  form: CommendationForm;
  recipientKind: RecipientKind;
  count: number;
  periodFrom: number;
  periodTo: number;
  citation: string | null;
  source: string;
}

const dataFile = path.join(__dirname, '..', 'data', 'reference-facts.json');

function readFacts(): ReferenceFacts {
  return JSON.parse(readFileSync(dataFile, 'utf8')) as ReferenceFacts;
}

/** "Sở Thông tin và Truyền thông tỉnh Tây Ninh": the department as a recipient. */
export function departmentName(provinceId: string): string {
  const record = provinceRegistry().get(provinceId);
  if (!record) throw new Error(`reference facts name an unknown province "${provinceId}"`);
  return `Sở Thông tin và Truyền thông ${record.kind === 'MUNICIPALITY' ? 'thành phố' : 'tỉnh'} ${record.name}`;
}

function yearsOf(fact: CommendationFact): [number, number] {
  if (fact.year !== undefined) return [fact.year, fact.year];
  const match = /^(\d{4})-(\d{4})$/.exec(fact.period ?? '');
  if (!match) throw new Error(`reference fact for ${fact.province} ${fact.form} has neither year nor period`);
  return [Number(match[1]), Number(match[2])];
}

/**
 * Turns the published facts into records without inventing anything: named
 * recipients and the department itself become commendations (those known only
 * by period are filed under the period's last year and flagged approximate);
 * bare counts of collectives and individuals become tallies.
 */
export function referenceRecords(facts: ReferenceFacts = readFacts()): {
  commendations: SeedCommendation[];
  tallies: SeedTally[];
} {
  const commendations: SeedCommendation[] = [];
  const tallies: SeedTally[] = [];
  for (const fact of facts.commendations) {
    const [from, to] = yearsOf(fact);
    const exact = from === to;
    const base = `${fact.province}:${from}-${to}:${fact.form}`;
    const citation = fact.for ?? fact.title ?? null;
    const known = (kind: RecipientKind, name: string, index: number) =>
      commendations.push({
        key: `${base}:${kind}:${index}`,
        provinceId: fact.province,
        form: fact.form,
        year: to,
        periodFrom: exact ? null : from,
        periodTo: exact ? null : to,
        recipientKind: kind,
        recipientName: name,
        citation,
        source: fact.source,
        issuer: fact.issuer ?? null,
      });
    if (fact.recipient_kind === RecipientKind.DEPARTMENT) {
      const datedElsewhere = fact.dated_elsewhere?.years.length ?? 0;
      for (let index = 1; index <= (fact.count ?? 1) - datedElsewhere; index += 1) {
        known(RecipientKind.DEPARTMENT, departmentName(fact.province), index);
      }
    } else if (fact.recipient) {
      known(fact.recipient_kind ?? RecipientKind.INDIVIDUAL, fact.recipient, 1);
    } else {
      for (const [kind, count] of [
        [RecipientKind.COLLECTIVE, fact.collectives],
        [RecipientKind.INDIVIDUAL, fact.individuals],
      ] as const) {
        if (!count) continue;
        tallies.push({
          key: `${base}:${kind}`,
          provinceId: fact.province,
          form: fact.form,
          recipientKind: kind,
          count,
          periodFrom: from,
          periodTo: to,
          citation,
          source: fact.source,
        });
      }
    }
  }
  const flags = facts.flags_2015;
  for (const provinceId of flags.provinces) {
    commendations.push({
      key: `${provinceId}:${flags.year}:${flags.form}:flags_${flags.year}`,
      provinceId,
      form: flags.form,
      year: flags.year,
      periodFrom: null,
      periodTo: null,
      recipientKind: RecipientKind.DEPARTMENT,
      recipientName: departmentName(provinceId),
      citation: null,
      source: flags.source,
      issuer: null,
    });
  }
  return { commendations, tallies };
}

const commendationColumns = {
  key: 'text',
  provinceId: 'text',
  form: 'text',
  year: 'int',
  periodFrom: 'int',
  periodTo: 'int',
  recipientKind: 'text',
  recipientName: 'text',
  citation: 'text',
  source: 'text',
  issuer: 'text',
} as const;

/**
 * Inserts commendations not seeded before, each with its first revision, in
 * one statement (the set-based form of `appendRevision`: a new record's first
 * revision is 1).
 */
async function insertCommendations(em: EntityManager, rows: SeedCommendation[]): Promise<number> {
  const [seeded, parameters] = unnest(rows, commendationColumns);
  const inserted: unknown[] = await em.query(
    `WITH inserted AS (
       INSERT INTO commendation (seed_key, province_id, form, year, period_from, period_to, recipient_kind,
                                 recipient_name, citation, source, issuer, recorded_by, updated_by)
       SELECT k, p, f, y, pf, pt, rk, rn, c, s, i, 'seed', 'seed'
         FROM ${seeded} AS r(k, p, f, y, pf, pt, rk, rn, c, s, i)
       ON CONFLICT DO NOTHING
       RETURNING *)
     INSERT INTO commendation_revision (commendation_id, revision, action, province_id, form, year, period_from,
                                        period_to, recipient_kind, recipient_name, decision, citation, source, issuer,
                                        actor, at)
     SELECT id, 1, 'seed', province_id, form, year, period_from, period_to, recipient_kind, recipient_name, decision,
            citation, source, issuer, 'seed', recorded_at
       FROM inserted
     RETURNING 1`,
    parameters,
  );
  return inserted.length;
}

async function insertTallies(em: EntityManager, rows: SeedTally[]): Promise<void> {
  const [seeded, parameters] = unnest(rows, {
    key: 'text',
    provinceId: 'text',
    form: 'text',
    recipientKind: 'text',
    count: 'int',
    periodFrom: 'int',
    periodTo: 'int',
    citation: 'text',
    source: 'text',
  });
  await em.query(
    `INSERT INTO commendation_tally (seed_key, province_id, form, recipient_kind, count, period_from, period_to,
                                     citation, source)
     SELECT * FROM ${seeded}
     ON CONFLICT (seed_key) DO NOTHING`,
    parameters,
  );
}

/**
 * The proposals published reviews adopted. A review the report says agreed
 * them ("thống nhất đề xuất") is recorded as a consensus with its minutes;
 * otherwise vote counts were not published, none are invented, and the note
 * says so. A consensus review seeded before decisions had a mode is updated once.
 */
async function insertProposals(em: EntityManager, facts: ReferenceFacts): Promise<void> {
  for (const review of facts.cluster_proposals) {
    const when = review.decided_on
      ? `hội nghị tổng kết ngày ${review.decided_on}`
      : `hội nghị tổng kết năm ${review.year}`;
    const consensus = review.mode === 'CONSENSUS';
    const note = consensus
      ? `Thống nhất thông qua tại ${when}, như đã công bố; không kiểm phiếu`
      : `Cụm thông qua tại ${when}, như đã công bố; số phiếu không được công bố (0/0 = chưa ghi nhận)`;
    const [proposals, parameters] = unnest(review.proposals, { province: 'text', form: 'text' }, 6);
    await em.query(
      `INSERT INTO nomination (cluster_id, year, province_id, form, status, source, note, nominated_by, closed_by,
                               closed_at, nominated_at, mode, minutes)
       SELECT $1, $2, p, f, 'ADOPTED', $3, $4, 'seed', 'seed', $5::date, coalesce($5::date, now()), $8, $9
         FROM ${proposals} AS r(p, f)
       ON CONFLICT (cluster_id, year, province_id, form) DO NOTHING`,
      [
        review.cluster,
        review.year,
        review.source,
        note,
        review.decided_on ?? null,
        ...parameters,
        consensus ? 'CONSENSUS' : 'VOTE',
        review.minutes ?? null,
      ],
    );
    if (consensus) {
      await em.query(
        `UPDATE nomination SET mode = 'CONSENSUS', minutes = $3, note = $4, nominated_at = coalesce($5::date, nominated_at)
          WHERE cluster_id = $1 AND year = $2 AND nominated_by = 'seed' AND mode = 'VOTE'
            AND votes_for = 0 AND votes_against = 0`,
        [review.cluster, review.year, review.minutes, note, review.decided_on ?? null],
      );
    }
  }
}

const ministryForms = new Set([CommendationForm.MINISTRY_EMULATION_FLAG, CommendationForm.MINISTRY_CERTIFICATE]);

const demoMenu: { form: CommendationForm; kind: RecipientKind; unit?: string }[] = [
  { form: CommendationForm.MINISTRY_EMULATION_FLAG, kind: RecipientKind.DEPARTMENT },
  { form: CommendationForm.MINISTRY_CERTIFICATE, kind: RecipientKind.DEPARTMENT },
  { form: CommendationForm.EXCELLENT_LABOUR_COLLECTIVE, kind: RecipientKind.DEPARTMENT },
  { form: CommendationForm.PROVINCE_CERTIFICATE, kind: RecipientKind.COLLECTIVE, unit: 'Văn phòng Sở' },
  { form: CommendationForm.PROVINCE_CERTIFICATE, kind: RecipientKind.COLLECTIVE, unit: 'Phòng Bưu chính, Viễn thông' },
  {
    form: CommendationForm.DEPARTMENT_CERTIFICATE,
    kind: RecipientKind.COLLECTIVE,
    unit: 'Trung tâm Công nghệ thông tin',
  },
];

/**
 * Synthetic commendations for the members of the reported clusters, 2016–2024,
 * so standings have points to combine. Every row says `demo: synthetic`; no
 * person is named.
 */
export function demoCommendations(facts: ReferenceFacts = readFacts()): SeedCommendation[] {
  const members = new Set(Object.values(facts.demo_members.clusters).flat());
  // Where the record of a province's year is published (an adopted proposal, a dated award), the demo
  // gives it no award of that level: Quảng Ninh's 2019 record is the cluster's flag proposal, not a certificate.
  const published = new Set([
    ...facts.cluster_proposals.flatMap((review) => review.proposals.map((p) => `${p.province}:${review.year}`)),
    ...referenceRecords(facts)
      .commendations.filter((c) => c.periodFrom === null)
      .map((c) => `${c.provinceId}:${c.year}`),
  ]);
  const rows: SeedCommendation[] = [];
  for (const provinceId of members) {
    for (let year = 2016; year <= 2024; year += 1) {
      const seed = stableHash(`${provinceId}:${year}`);
      const howMany = 1 + ((seed >>> 16) % 2);
      const picks = new Set([seed % demoMenu.length, (seed >>> 8) % demoMenu.length].slice(0, howMany));
      for (const pick of picks) {
        const item = demoMenu[pick];
        if (published.has(`${provinceId}:${year}`) && ministryForms.has(item.form)) continue;
        rows.push({
          key: `demo:${provinceId}:${year}:${pick}`,
          provinceId,
          form: item.form,
          year,
          periodFrom: null,
          periodTo: null,
          recipientKind: item.kind,
          recipientName: item.unit ?? departmentName(provinceId),
          citation: null,
          source: 'demo: synthetic',
          issuer: null,
        });
      }
    }
  }
  return rows;
}

export interface SeedOptions {
  /** Also load the synthetic demo commendations. */
  demo: boolean;
  logger: Logger;
}

/**
 * Loads the published commendations, tallies, adopted proposals and elected
 * heads (always: they are reference data), and the synthetic demo
 * commendations and 2024 year when asked.
 * Idempotent; records users have corrected are left as they are.
 */
export async function seedAwardsService(dataSource: DataSource, options: SeedOptions): Promise<void> {
  const facts = readFacts();
  const reference = referenceRecords(facts);
  await dataSource.transaction(async (em) => {
    await insertCommendations(em, reference.commendations);
    await insertTallies(em, reference.tallies);
    await insertProposals(em, facts);
    await seedReferenceElections(em, facts.head_elections);
    if (options.demo) {
      await insertCommendations(em, demoCommendations(facts));
      await seedDemoYear(em);
    }
  });
  options.logger.info({ demo: options.demo }, 'awards reference data loaded');
}
