import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';

export const regions = [
  'NORTHERN_MIDLANDS_AND_MOUNTAINS',
  'RED_RIVER_DELTA',
  'NORTH_CENTRAL_AND_CENTRAL_COAST',
  'CENTRAL_HIGHLANDS',
  'SOUTHEAST',
  'MEKONG_DELTA',
] as const;
export type RegionName = (typeof regions)[number];
export type ProvinceKindName = 'PROVINCE' | 'MUNICIPALITY';

/** One provincial-level unit as the reference data describes it. */
export interface ProvinceRecord {
  id: string;
  code: string;
  name: string;
  kind: ProvinceKindName;
  region: RegionName;
  /** ISO date; null when it existed before records begin. */
  validFrom: string | null;
  /** ISO date of its last day; null while it exists. */
  validUntil: string | null;
  successorId: string | null;
  predecessorIds: string[];
}

/** The reference CSVs that ship with the kit (packages/kit/data). */
export const defaultReferenceDir = path.join(__dirname, '..', '..', 'data');

function readCsv(dir: string, file: string): Record<string, string>[] {
  return parse(readFileSync(path.join(dir, file), 'utf8'), { columns: true, skip_empty_lines: true, trim: true });
}

/**
 * The 63 units that existed until 2025 and the 34 from 2025 (Huế from
 * 1 January 2025), with lineage. Units that did not change appear once.
 */
export function loadProvinceRecords(dir: string = defaultReferenceDir): ProvinceRecord[] {
  const byId = new Map<string, ProvinceRecord>();
  for (const row of readCsv(dir, 'provinces.csv')) {
    byId.set(row.id, {
      id: row.id,
      code: row.code,
      name: row.name,
      kind: row.kind as ProvinceKindName,
      region: row.region as RegionName,
      validFrom: row.valid_from || null,
      validUntil: row.valid_until || null,
      successorId: row.successor_id || null,
      predecessorIds: [],
    });
  }
  for (const row of readCsv(dir, 'provinces-2025.csv')) {
    const predecessorIds = row.predecessor_ids ? row.predecessor_ids.split(';') : [];
    const existing = byId.get(row.id);
    if (existing) {
      existing.predecessorIds = predecessorIds;
      continue;
    }
    byId.set(row.id, {
      id: row.id,
      code: row.code,
      name: row.name,
      kind: row.kind as ProvinceKindName,
      region: row.region as RegionName,
      validFrom: row.valid_from || null,
      validUntil: null,
      successorId: null,
      predecessorIds,
    });
  }
  return [...byId.values()];
}

/** How a unit's validity reads in an error message: "it existed from … to …". */
export function describeValidity(record: Pick<ProvinceRecord, 'validFrom' | 'validUntil'>): string {
  if (record.validFrom && record.validUntil) return `it existed from ${record.validFrom} to ${record.validUntil}`;
  if (record.validFrom) return `it exists from ${record.validFrom}`;
  if (record.validUntil) return `it existed until ${record.validUntil}`;
  return 'it has always existed';
}

/** Whether a unit existed at some time during `year`. */
export function existedIn(record: Pick<ProvinceRecord, 'validFrom' | 'validUntil'>, year: number): boolean {
  const from = record.validFrom ? Number(record.validFrom.slice(0, 4)) : -Infinity;
  const until = record.validUntil ? Number(record.validUntil.slice(0, 4)) : Infinity;
  return from <= year && year <= until;
}

/**
 * Read-only lookups over the reference units, for validating writes in
 * subgraphs that do not own provinces (the unit list is national reference
 * data that ships with every service; lineage for computation still comes
 * through federation). Reach it through {@link ReferenceData}, never build one per module.
 */
export class ProvinceRegistry {
  private readonly byId: Map<string, ProvinceRecord>;

  constructor(records: readonly ProvinceRecord[]) {
    this.byId = new Map(records.map((record) => [record.id, record]));
  }

  get(id: string): ProvinceRecord | undefined {
    return this.byId.get(id);
  }

  all(): ProvinceRecord[] {
    return [...this.byId.values()];
  }

  existedIn(id: string, year: number): boolean {
    const record = this.byId.get(id);
    return record !== undefined && existedIn(record, year);
  }
}
