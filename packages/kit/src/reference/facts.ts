import { readFileSync } from 'node:fs';
import path from 'node:path';

/** How a published value is stated: a figure, "gần", "trên", a range, "trong top", or words. */
export const factKinds = ['EXACT', 'APPROXIMATE', 'AT_LEAST', 'RANGE', 'RANK_AT_MOST', 'TEXT'] as const;
export type FactKindName = (typeof factKinds)[number];

/** A published statement, kept as stated, with its source. */
export interface FactRecord {
  what: string;
  /** The value as the report states it ("15–20%", "trên 2.500", "gần 100%"). */
  value: string;
  kind: FactKindName;
  /** The number stated, or the low end of a range or bound. */
  lower: number | null;
  /** The high end of a range, or the rank a "top N" stays within. */
  upper: number | null;
  year: number | null;
  source: string | null;
}

interface FactsFile {
  provinces: Record<string, (Partial<FactRecord> & Pick<FactRecord, 'what' | 'value' | 'kind'>)[]>;
  seasons: {
    clusterId: string;
    year: number;
    source: string;
    facts: (Partial<FactRecord> & Pick<FactRecord, 'what' | 'value' | 'kind'>)[];
  }[];
}

const complete = (
  fact: Partial<FactRecord> & Pick<FactRecord, 'what' | 'value' | 'kind'>,
  defaults: Partial<FactRecord>,
): FactRecord => ({
  lower: null,
  upper: null,
  year: null,
  source: null,
  ...defaults,
  ...fact,
});

/** The published facts of provinces and cluster seasons that have no other place in the API. */
export class FactRegistry {
  private readonly byProvince = new Map<string, FactRecord[]>();
  private readonly bySeason = new Map<string, FactRecord[]>();

  constructor(file: FactsFile) {
    for (const [provinceId, facts] of Object.entries(file.provinces))
      this.byProvince.set(
        provinceId,
        facts.map((fact) => complete(fact, {})).sort((a, b) => (a.year ?? 0) - (b.year ?? 0)),
      );
    for (const season of file.seasons)
      this.bySeason.set(
        `${season.clusterId}:${season.year}`,
        season.facts.map((fact) => complete(fact, { year: season.year, source: season.source })),
      );
  }

  /** A province's facts, oldest first; with `year`, that year's only. */
  ofProvince(provinceId: string, year?: number | null): FactRecord[] {
    const facts = this.byProvince.get(provinceId) ?? [];
    return year === undefined || year === null ? facts : facts.filter((fact) => fact.year === year);
  }

  /** The facts a season's report states about the cluster as a whole. */
  ofSeason(clusterId: string, year: number): FactRecord[] {
    return this.bySeason.get(`${clusterId}:${year}`) ?? [];
  }

  /** Every fact, for checks over the whole set. */
  all(): FactRecord[] {
    return [...this.byProvince.values(), ...this.bySeason.values()].flat();
  }
}

/** Reads facts.json from `dir`. */
export function loadFacts(dir: string): FactRegistry {
  return new FactRegistry(JSON.parse(readFileSync(path.join(dir, 'facts.json'), 'utf8')) as FactsFile);
}
