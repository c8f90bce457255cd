/**
 * `@thidua/kit/reference`: national reference data every service reads the
 * same way: the provincial-level units with their 2025 lineage, and the year rules.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { loadDepartments, type DepartmentRegistry } from './departments.js';
import { loadFacts, type FactRegistry } from './facts.js';
import { defaultReferenceDir, loadProvinceRecords, ProvinceRegistry } from './provinces.js';

export * from './departments.js';
export * from './facts.js';
export * from './provinces.js';
export * from './years.js';

/** The reference data a service is given, built once per process from configuration. */
export interface ReferenceData {
  /** Where it was read from. */
  dir: string;
  provinces: ProvinceRegistry;
  /** Each province's departments through the 2025 reorganisation, and the ministry of a day. */
  departments: DepartmentRegistry;
  /** Published statements with no other place in the API. */
  facts: FactRegistry;
}

/** Reads the reference data from `dir` (REFERENCE_DIR; default the files shipped with the kit). */
export function loadReferenceData(dir: string = defaultReferenceDir): ReferenceData {
  const resolved = path.resolve(dir);
  const provinces = new ProvinceRegistry(loadProvinceRecords(resolved));
  // Departments and facts are the kit's own: a REFERENCE_DIR with only the unit CSVs still has them.
  const own = (file: string) => (existsSync(path.join(resolved, file)) ? resolved : defaultReferenceDir);
  return {
    dir: resolved,
    provinces,
    departments: loadDepartments(own('departments.json'), provinces),
    facts: loadFacts(own('facts.json')),
  };
}

const loaded = new Map<string, ReferenceData>();
let configuredDir = defaultReferenceDir;

/**
 * Sets where this process reads its reference data (REFERENCE_DIR), once, at
 * start-up, before any service runs. Without it the kit's own files are used.
 */
export function configureReferenceData(dir: string | undefined): void {
  configuredDir = dir ? path.resolve(dir) : defaultReferenceDir;
}

/**
 * The process's reference data: read on first use from the configured folder
 * (or `dir`), then the same instance for every service and request in the
 * process; `ctx.reference` is this instance.
 */
export function referenceData(dir: string = configuredDir): ReferenceData {
  // The configured folder is resolved already; this runs several times per request.
  const resolved = dir === configuredDir ? dir : path.resolve(dir);
  let data = loaded.get(resolved);
  if (!data) {
    data = loadReferenceData(resolved);
    loaded.set(resolved, data);
  }
  return data;
}
