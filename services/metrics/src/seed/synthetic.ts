import { round4 } from '../common/numbers.js';
import { provinceRegistry } from '../common/provinces.js';
import type { CheckedObservation } from '../observation/observation.validation.js';
import { ValueKind } from '../observation/value-kind.js';
import { readDataFile } from './data-files.js';
import { Prng } from './prng.js';

/** The source every synthetic value carries, so it is never mistaken for a reported one. */
export const SYNTHETIC_SOURCE = 'demo: synthetic';

interface DemoPeers {
  years: [number, number];
  dtiYears: [number, number];
  groups: { cluster: string; members: string[] }[];
}

/** A published value a synthetic series is shifted to pass through, so demo trends meet the facts. */
export interface Anchor {
  year: number;
  value: number;
}

const METROPOLISES = new Set(['ha-noi', 'ho-chi-minh']);

function range([first, last]: [number, number]): number[] {
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));
const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * The pre-2025 units the demo covers: every member of the seeded clusters, a
 * unit merged in 2025 replaced by its predecessors (it has no years of its
 * own before then; its history is derived from theirs).
 */
export function demoProvinceIds(peers: DemoPeers, firstYear: number): string[] {
  const ids = new Set<string>();
  for (const group of peers.groups) {
    for (const id of group.members) {
      const record = provinceRegistry().get(id);
      if (!record) throw new Error(`demo-peers.json names an unknown province "${id}"`);
      if (provinceRegistry().existedIn(id, firstYear)) ids.add(id);
      else for (const predecessor of record.predecessorIds) ids.add(predecessor);
    }
  }
  return [...ids].sort();
}

/** What shapes one province: its size drives denominators and counts. */
interface Profile {
  province: string;
  size: number;
  communes: number;
}

function profile(province: string): Profile {
  const rng = new Prng(`${province}|profile`);
  const size = rng.between(0.6, 1.6) * (METROPOLISES.has(province) ? 3 : 1);
  return { province, size, communes: Math.round(rng.between(90, 220) * Math.sqrt(size)) };
}

/** A percentage with numerator and denominator that climbs towards 100 % with some noise. */
interface RatioSpec {
  code: string;
  /** Range of the 2015 level, in percent. */
  start: [number, number];
  /** Range of the yearly rate at which the gap to 100 % closes. */
  rate: [number, number];
  /** The denominator in the first year. */
  denominator: (profile: Profile, rng: Prng) => number;
  /** Yearly growth of the denominator (documents exchanged grow; communes do not). */
  growth?: number;
}

const ratioSpecs: RatioSpec[] = [
  { code: 'nrd.criterion8_communes_pct', start: [45, 85], rate: [0.12, 0.35], denominator: (p) => p.communes },
  { code: 'egov.commune_portals_pct', start: [15, 60], rate: [0.1, 0.3], denominator: (p) => p.communes },
  {
    code: 'egov.officials_computer_provincial_pct',
    start: [85, 98],
    rate: [0.2, 0.5],
    denominator: (p, rng) => Math.round(rng.between(900, 1800) * p.size),
  },
  {
    code: 'egov.officials_computer_district_pct',
    start: [70, 92],
    rate: [0.15, 0.4],
    denominator: (p, rng) => Math.round(rng.between(700, 1500) * p.size),
  },
  {
    code: 'egov.officials_computer_commune_pct',
    start: [35, 70],
    rate: [0.1, 0.3],
    denominator: (p, rng) => p.communes * rng.int(18, 23),
  },
  {
    code: 'egov.edocs_provincial_pct',
    start: [40, 80],
    rate: [0.15, 0.4],
    denominator: (p, rng) => Math.round(rng.between(25_000, 60_000) * p.size),
    growth: 0.08,
  },
  {
    code: 'egov.edocs_district_pct',
    start: [25, 65],
    rate: [0.12, 0.35],
    denominator: (p, rng) => Math.round(rng.between(20_000, 45_000) * p.size),
    growth: 0.08,
  },
  {
    code: 'egov.online_procedures_l34_pct',
    start: [5, 35],
    rate: [0.18, 0.45],
    denominator: (_, rng) => rng.int(32, 48),
  },
];

type Row = Omit<CheckedObservation, 'provinceId' | 'indicatorCode' | 'source' | 'valueKind' | 'valueUpper' | 'reason'>;

function ratioSeries(p: Profile, spec: RatioSpec, years: number[], anchor?: Anchor): Row[] {
  const rng = new Prng(`${p.province}|${spec.code}`);
  const start = rng.between(...spec.start);
  const rate = rng.between(...spec.rate);
  const baseDenominator = spec.denominator(p, rng);
  const curve = (year: number) => 100 - (100 - start) * Math.exp(-rate * (year - years[0]));
  const offset = anchor ? anchor.value - curve(anchor.year) : 0;
  return years.map((year) => {
    const percent = clamp(curve(year) + offset + rng.between(-0.8, 0.8), 0, 100);
    const denominator = Math.round(baseDenominator * (1 + (spec.growth ?? 0)) ** (year - years[0]));
    const numerator = Math.round((percent / 100) * denominator);
    return { year, value: round2((100 * numerator) / denominator), numerator, denominator };
  });
}

function countSeries(p: Profile, code: string, years: number[]): Row[] {
  const rng = new Prng(`${p.province}|${code}`);
  if (code === 'infra.video_conference_points') {
    // Province and district points first; commune points spread from about 2018.
    const base = rng.int(8, 14);
    const communeShare = rng.between(0.3, 1);
    return years.map((year) => ({
      year,
      value: Math.round(base + p.communes * communeShare * Math.max(0, (year - 2017) / 7) ** 1.5),
      numerator: null,
      denominator: null,
    }));
  }
  const base = rng.between(60, 300) * p.size * (METROPOLISES.has(p.province) ? 8 : 1);
  const growth = rng.between(0.04, 0.12);
  return years.map((year) => ({
    year,
    value: Math.round(base * (1 + growth) ** (year - years[0]) * rng.between(0.97, 1.03)),
    numerator: null,
    denominator: null,
  }));
}

function radiusSeries(p: Profile, years: number[]): Row[] {
  const rng = new Prng(`${p.province}|post.service_radius_km`);
  const start = rng.between(1.6, 3.8) / Math.sqrt(p.size);
  const decline = rng.between(0.005, 0.02);
  return years.map((year) => ({
    year,
    value: round2(start * (1 - decline) ** (year - years[0])),
    numerator: null,
    denominator: null,
  }));
}

/** The eight DTI main indices, 0–1, rising from the index's first year. */
export const dtiCodes = [
  'dti.digital_awareness',
  'dti.digital_institutions',
  'dti.digital_infrastructure',
  'dti.digital_human_resources',
  'dti.cyber_security',
  'dti.digital_government',
  'dti.digital_economy',
  'dti.digital_society',
];

function dtiSeries(p: Profile, code: string, years: number[], anchor?: Anchor): Row[] {
  const rng = new Prng(`${p.province}|${code}`);
  const base = rng.between(0.25, 0.65);
  const rise = rng.between(0.03, 0.08);
  const curve = (year: number) => base + rise * (year - years[0]);
  const offset = anchor ? anchor.value - curve(anchor.year) : 0;
  return years.map((year) => ({
    year,
    value: round4(clamp(curve(year) + offset + rng.between(-0.02, 0.02), 0, 1)),
    numerator: null,
    denominator: null,
  }));
}

/**
 * Deterministic synthetic values for the demo provinces, 2015–2024 (DTI from
 * 2020): plausible trends, ratios with numerator and denominator so merged
 * units can be derived. `anchors` ("province|indicator" → published value)
 * shift a series to pass through the published figure.
 */
export function syntheticObservations(anchors: Map<string, Anchor>): CheckedObservation[] {
  const peers = readDataFile<DemoPeers>('demo-peers.json');
  const years = range(peers.years);
  const dtiYears = range(peers.dtiYears);
  const rows: CheckedObservation[] = [];
  for (const province of demoProvinceIds(peers, years[0])) {
    const p = profile(province);
    const add = (indicatorCode: string, series: Row[]) => {
      for (const row of series)
        rows.push({
          ...row,
          provinceId: province,
          indicatorCode,
          source: SYNTHETIC_SOURCE,
          valueKind: ValueKind.EXACT,
          valueUpper: null,
          reason: null,
        });
    };
    for (const spec of ratioSpecs) add(spec.code, ratioSeries(p, spec, years, anchors.get(`${province}|${spec.code}`)));
    for (const code of ['infra.video_conference_points', 'industry.ict_enterprises']) {
      add(code, countSeries(p, code, years));
    }
    add('post.service_radius_km', radiusSeries(p, years));
    for (const code of dtiCodes) add(code, dtiSeries(p, code, dtiYears, anchors.get(`${province}|${code}`)));
  }
  return rows;
}
