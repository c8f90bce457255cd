import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ProvinceRecord, ProvinceRegistry } from './provinces.js';

/** A person a report names as leading a department, with the title and year it gives. */
export interface LeaderRecord {
  name: string;
  title: string;
  year: number | null;
}

/**
 * One department of a province in one period: the cluster member. Its name
 * changes with the 2025 reorganisation; a combined department keeps its own name.
 */
export interface DepartmentRecord {
  /** Stable key: `<provinceId>:<validFrom or "start">`. */
  key: string;
  provinceId: string;
  name: string;
  /** ISO date; null when the reports give no start. */
  validFrom: string | null;
  /** ISO date of its last day; null while it exists. */
  validUntil: string | null;
  ministry: string;
  founded: string | null;
  foundingDecision: string | null;
  predecessorKeys: string[];
  leaders: LeaderRecord[];
}

interface MinistryFile {
  name: string;
  from?: string;
  until?: string;
}

interface ProvinceDepartmentFile {
  founded?: string;
  foundingDecision?: string;
  foundedAs?: string;
  foundedAsMinistry?: string;
  combinedName?: string;
  leaders?: LeaderRecord[];
}

interface DepartmentsFile {
  ministries: MinistryFile[];
  reorganisation: { date: string; before: string; after: string };
  provinces: Record<string, ProvinceDepartmentFile>;
}

/** The day before an ISO date. */
function dayBefore(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() - 1);
  return date.toISOString().slice(0, 10);
}

const within = (day: string, from: string | null | undefined, until: string | null | undefined) =>
  (!from || from <= day) && (!until || day <= until);

/** "tỉnh Hà Tĩnh", "thành phố Hà Nội": how a department's name ends. */
export function provinceTitle(province: Pick<ProvinceRecord, 'name' | 'kind'>): string {
  return `${province.kind === 'MUNICIPALITY' ? 'thành phố' : 'tỉnh'} ${province.name}`;
}

/**
 * The departments of every province through the 2025 reorganisation: the
 * Department of Information and Communications until 2025-02-28, the new
 * Department of Science and Technology from 2025-03-01, and a merged unit's
 * department from the day the unit begins, with its predecessors.
 */
export class DepartmentRegistry {
  private readonly byProvince = new Map<string, DepartmentRecord[]>();
  private readonly byKey = new Map<string, DepartmentRecord>();
  private readonly ministries: MinistryFile[];

  constructor(file: DepartmentsFile, provinces: ProvinceRegistry) {
    this.ministries = file.ministries;
    const reorganised = file.reorganisation.date;
    const lastOld = dayBefore(reorganised);
    const records = provinces.all();
    // Units that begin are built after those they succeed, so their predecessors exist.
    const ordered = [...records].sort((a, b) => (a.validFrom ?? '').localeCompare(b.validFrom ?? ''));
    for (const province of ordered) {
      const extra = file.provinces[province.id] ?? {};
      const title = provinceTitle(province);
      const periods: DepartmentRecord[] = [];
      const add = (name: string, from: string | null, until: string | null, ministry: string) => {
        if (from && until && from > until) return;
        const record: DepartmentRecord = {
          key: `${province.id}:${from ?? 'start'}`,
          provinceId: province.id,
          name,
          validFrom: from,
          validUntil: until,
          ministry,
          founded: null,
          foundingDecision: null,
          predecessorKeys: [],
          leaders: [],
        };
        const previous = periods.at(-1);
        if (previous) record.predecessorKeys.push(previous.key);
        else
          for (const id of province.predecessorIds)
            for (const old of this.byProvince.get(id) ?? [])
              if (old.validUntil === dayBefore(from ?? '')) record.predecessorKeys.push(old.key);
        periods.push(record);
      };
      const end = province.validUntil;
      const oldName = extra.combinedName ?? file.reorganisation.before;
      if (extra.foundedAs)
        add(
          `${extra.foundedAs} ${title}`,
          extra.founded ?? null,
          null,
          extra.foundedAsMinistry ?? this.ministryOn(extra.founded ?? lastOld),
        );
      if (!province.validFrom || province.validFrom <= lastOld)
        add(`${oldName} ${title}`, province.validFrom, end && end < lastOld ? end : lastOld, this.ministryOn(lastOld));
      if (!end || end >= reorganised) {
        const from = province.validFrom && province.validFrom > reorganised ? province.validFrom : reorganised;
        add(`${file.reorganisation.after} ${title}`, from, end, this.ministryOn(from));
      }
      // The founding belongs to the department as founded and as renamed, not to the 2025 one.
      for (const record of periods.filter((p) => !p.name.startsWith(file.reorganisation.after))) {
        record.founded = extra.founded ?? null;
        record.foundingDecision = extra.foundingDecision ?? null;
      }
      for (const leader of extra.leaders ?? []) {
        const day = leader.year === null ? null : `${leader.year}-12-31`;
        const holder = day ? periods.findLast((p) => within(day, p.validFrom, p.validUntil)) : periods.at(-1);
        holder?.leaders.push(leader);
      }
      this.byProvince.set(province.id, periods);
      for (const record of periods) this.byKey.set(record.key, record);
    }
  }

  /** The ministry the departments answered to on `day` (ISO date). */
  ministryOn(day: string): string {
    const found = this.ministries.find((m) => within(day, m.from, m.until));
    return (found ?? this.ministries[0]).name;
  }

  /** A province's departments, oldest first. */
  of(provinceId: string): DepartmentRecord[] {
    return this.byProvince.get(provinceId) ?? [];
  }

  /** The department of a province on `day`, or null when the province had none then. */
  at(provinceId: string, day: string): DepartmentRecord | null {
    const periods = this.of(provinceId);
    if (periods[0]?.founded && day < periods[0].founded) return null;
    // The reports give no day for the rename after the founding: the later name wins where both could apply.
    return periods.findLast((p) => within(day, p.validFrom, p.validUntil)) ?? null;
  }

  get(key: string): DepartmentRecord | undefined {
    return this.byKey.get(key);
  }
}

/** Reads departments.json from `dir` and builds the departments of `provinces`. */
export function loadDepartments(dir: string, provinces: ProvinceRegistry): DepartmentRegistry {
  const file = JSON.parse(readFileSync(path.join(dir, 'departments.json'), 'utf8')) as DepartmentsFile;
  return new DepartmentRegistry(file, provinces);
}
