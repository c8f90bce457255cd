/** What the cold variants draw from: the seasons, provinces and indicators the demo data has. */
export interface BenchDomain {
  seasons: { clusterId: string; year: number }[];
  provinces: string[];
  indicators: string[];
}

/** A deterministic random source, so both gateways get the same sequence of requests. */
export type Random = () => number;

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(random: Random, items: readonly T[]): T => items[Math.floor(random() * items.length)];
/** A weight in [0, 1] with two decimals, never both weights 0. */
const weight = (random: Random) => Math.round(random() * 100) / 100;

export interface BenchQuery {
  name: string;
  query: string;
  /** The variables of the hot mode: every request identical. */
  variables: Record<string, unknown>;
  /** The variables of one cold request; without it only the header makes a request cold. */
  cold?: (random: Random, domain: BenchDomain) => Record<string, unknown>;
}

const season = (random: Random, domain: BenchDomain) => {
  const { clusterId, year } = pick(random, domain.seasons);
  return { clusterId, year };
};

/** The dashboard's standings page (packages/dashboard/src/pages/standings.tsx). */
const standingsPage = `query Standings($clusterId: ID!, $year: Int!, $nextYear: Int!, $ictWeight: Float!, $awardWeight: Float!) {
  cluster(id: $clusterId) { id name season(year: $year) { clusterId year head { id name } deputyHead { id name } members { id name }
    ictRanking { province { id } score rank coverage }
    standings(ictWeight: $ictWeight, awardWeight: $awardWeight) { rank province { id name } ictScore awardScore points total } }
    next: season(year: $nextYear) { year head { id name } } } }`;

/** The dashboard's province page (packages/dashboard/src/pages/province.tsx). */
const provincePage = `query Province($id: ID!) {
  province(id: $id) { id code name kind region validFrom validUntil successor { id name validFrom } predecessors { id name validUntil }
    observations { year value numerator denominator source derived derivedFrom { id name } indicator { code name unit scaleMax pillar } }
    commendations { id form year recipientKind recipientName decision citation source points yearApproximate periodFrom periodTo } } }`;

/**
 * The operations `npm run bench` measures: what dashboards and the cluster
 * head ask most. The first seven are the bench's historical set; the last two
 * are the dashboard's own pages.
 */
export const benchQueries: BenchQuery[] = [
  {
    name: 'cluster season: members, head, lineage',
    query: `query ($clusterId: ID!, $year: Int!) { cluster(id: $clusterId) { season(year: $year) { head { id name } members { id name code successor { id name } } } } }`,
    variables: { clusterId: 'cum-3', year: 2019 },
    cold: season,
  },
  {
    name: 'all provinces with lineage',
    query: `query ($asOf: Date) { provinces(asOf: $asOf) { id name code region predecessors { id name validUntil } } }`,
    variables: { asOf: '2025-12-31' },
    cold: (random) => {
      const day = new Date(Date.UTC(2004, 0, 1) + Math.floor(random() * 22 * 365) * 86_400_000);
      return { asOf: day.toISOString().slice(0, 10) };
    },
  },
  {
    name: 'standings (provinces → metrics → awards)',
    query: `query ($clusterId: ID!, $year: Int!, $ictWeight: Float, $awardWeight: Float) { cluster(id: $clusterId) { season(year: $year) {
      standings(ictWeight: $ictWeight, awardWeight: $awardWeight) { rank province { id name } ictScore awardScore total } } } }`,
    variables: { clusterId: 'cum-3', year: 2019, ictWeight: 0.7, awardWeight: 0.3 },
    cold: (random, domain) => ({
      ...season(random, domain),
      ictWeight: weight(random),
      awardWeight: 0.01 + weight(random),
    }),
  },
  {
    name: 'ICT index ranking of a season',
    query: `query ($clusterId: ID!, $year: Int!) { cluster(id: $clusterId) { season(year: $year) { ictRanking { rank score coverage province { id name } } } } }`,
    variables: { clusterId: 'cum-3', year: 2019 },
    cold: season,
  },
  {
    name: 'indicator ranking, all provinces',
    query: `query ($indicator: ID!, $year: Int!) { indicatorRanking(indicator: $indicator, year: $year) { rank value score province { id name } } }`,
    variables: { indicator: 'nrd.criterion8_communes_pct', year: 2019 },
    cold: (random, domain) => ({ indicator: pick(random, domain.indicators), year: 2015 + Math.floor(random() * 10) }),
  },
  {
    name: 'every season of every cluster with rankings',
    query: `{ clusters { id seasons { year ictRanking { rank score province { id } } nominations { form status province { id } } } } }`,
    variables: {},
  },
  {
    name: 'province: observations and commendations',
    query: `query ($id: ID!, $fromYear: Int, $toYear: Int) { province(id: $id) { name observations { indicator { code name } year value revision }
      commendations(fromYear: $fromYear, toYear: $toYear) { form year recipientName points } } }`,
    variables: { id: 'quang-ninh', fromYear: 2015, toYear: 2024 },
    cold: (random, domain) => {
      const fromYear = 2010 + Math.floor(random() * 10);
      return { id: pick(random, domain.provinces), fromYear, toYear: fromYear + Math.floor(random() * 10) };
    },
  },
  {
    name: 'dashboard: province page',
    query: provincePage,
    variables: { id: 'quang-ninh' },
    cold: (random, domain) => ({ id: pick(random, domain.provinces) }),
  },
  {
    name: 'dashboard: standings page',
    query: standingsPage,
    variables: { clusterId: 'cum-3', year: 2019, nextYear: 2020, ictWeight: 0.7, awardWeight: 0.3 },
    cold: (random, domain) => {
      const { clusterId, year } = season(random, domain);
      return { clusterId, year, nextYear: year + 1, ictWeight: weight(random), awardWeight: 0.01 + weight(random) };
    },
  },
];

/** Reads the domain the cold variants draw from, through any endpoint that answers the API. */
export const domainQuery = `{ clusters { id seasons { year } } provinces(asOf: "2019-12-31") { id } indicators { code } }`;

export function domainFrom(data: {
  clusters: { id: string; seasons: { year: number }[] }[];
  provinces: { id: string }[];
  indicators: { code: string }[];
}): BenchDomain {
  return {
    seasons: data.clusters.flatMap((c) => c.seasons.map((s) => ({ clusterId: c.id, year: s.year }))),
    provinces: data.provinces.map((p) => p.id),
    indicators: data.indicators.map((i) => i.code),
  };
}
