import { statementCount } from '@thidua/kit';
import type { TypedDocument } from '@thidua/kit/testing';
import { referenceData } from '@thidua/kit/reference';
import { graphql, useTestStack, type VariablesOf } from '../test/harness.js';

const t = useTestStack();
let ministry: string;
beforeAll(async () => {
  ministry = await t.token('ministry');
});

const criterion8 = 'nrd.criterion8_communes_pct';

const recordObservations = graphql(`
  mutation ($input: [ObservationInput!]!) {
    recordObservations(input: $input) {
      revision
    }
  }
`);

async function record(input: VariablesOf<typeof recordObservations>['input']): Promise<void> {
  const response = await t.query(recordObservations, { variables: { input }, token: ministry });
  expect(response.errors).toBeUndefined();
}

const values = (indicator: string, year: number, byProvince: Record<string, number>) =>
  Object.entries(byProvince).map(([provinceId, value]) => ({ provinceId, indicator, year, value }));

const indicatorRankingQuery = graphql(`
  query ($indicator: ID!, $year: Int!, $provinceIds: [ID!]) {
    indicatorRanking(indicator: $indicator, year: $year, provinceIds: $provinceIds) {
      province {
        id
      }
      value
      rank
      score
      derived
    }
  }
`);

async function indicatorRanking(indicator: string, year: number, provinceIds?: string[]) {
  const response = await t.query(indicatorRankingQuery, { variables: { indicator, year, provinceIds } });
  expect(response.errors).toBeUndefined();
  return response.data!.indicatorRanking.map((r) => [r.province.id, r.value, r.rank, r.score]);
}

describe('the pinned ranking method', () => {
  test('ties share a rank and the next skips (1, 2, 2, 4); scaled score for a percentage', async () => {
    await record(values(criterion8, 2020, { 'bac-ninh': 90, 'ha-nam': 80, 'nam-dinh': 80, 'thai-binh': 70.25 }));
    expect(await indicatorRanking(criterion8, 2020)).toEqual([
      ['bac-ninh', 90, 1, 90],
      ['ha-nam', 80, 2, 80],
      ['nam-dinh', 80, 2, 80],
      ['thai-binh', 70.25, 4, 70.25],
    ]);
  });

  test('LOWER_IS_BETTER: the smallest postal radius ranks first; min–max inverted; non-reporters last', async () => {
    const radius = 'post.service_radius_km';
    await record(values(radius, 2019, { 'ha-tinh': 2.36, 'nghe-an': 3, 'thanh-hoa': 3, 'quang-binh': 1.5 }));
    expect(
      await indicatorRanking(radius, 2019, ['ha-tinh', 'nghe-an', 'thanh-hoa', 'quang-binh', 'quang-tri']),
    ).toEqual([
      ['quang-binh', 1.5, 1, 100],
      ['ha-tinh', 2.36, 2, 42.6667],
      ['nghe-an', 3, 3, 0],
      ['thanh-hoa', 3, 3, 0],
      ['quang-tri', null, null, null],
    ]);
  });

  test('COUNT is min–max over the peers who reported; all 100 when max = min', async () => {
    const enterprises = 'industry.ict_enterprises';
    await record(values(enterprises, 2019, { 'ha-tinh': 110, 'nghe-an': 210, 'thanh-hoa': 160 }));
    expect(await indicatorRanking(enterprises, 2019)).toEqual([
      ['nghe-an', 210, 1, 100],
      ['thanh-hoa', 160, 2, 50],
      ['ha-tinh', 110, 3, 0],
    ]);
    await record(values(enterprises, 2018, { 'ha-tinh': 95, 'nghe-an': 95 }));
    expect(await indicatorRanking(enterprises, 2018, ['ha-tinh', 'nghe-an', 'thanh-hoa'])).toEqual([
      ['ha-tinh', 95, 1, 100],
      ['nghe-an', 95, 1, 100],
      ['thanh-hoa', null, null, null],
    ]);
    // The peer group decides min and max: alone, a province is its own min and max.
    expect(await indicatorRanking(enterprises, 2019, ['ha-tinh'])).toEqual([['ha-tinh', 110, 1, 100]]);
  });

  test('index: Σ(weight × score) / Σ(weight) over reported components; coverage = reported weight / total', async () => {
    const define = await t.query(
      graphql(`
        mutation {
          defineIndex(
            id: "pair"
            name: "Hai chỉ tiêu"
            components: [
              { indicator: "nrd.criterion8_communes_pct", weight: 3 }
              { indicator: "industry.ict_enterprises", weight: 1 }
            ]
          ) {
            id
          }
        }
      `),
      { token: ministry },
    );
    expect(define.errors).toBeUndefined();
    await record([
      ...values(criterion8, 2021, { 'lao-cai': 80, 'yen-bai': 60, 'ha-giang': 100 }),
      ...values('industry.ict_enterprises', 2021, { 'lao-cai': 10, 'yen-bai': 30 }),
    ]);
    const response = await t.query(
      graphql(`
        {
          all: indexRanking(index: "pair", year: 2021) {
            province {
              id
            }
            score
            rank
            coverage
          }
          some: indexRanking(index: "pair", year: 2021, provinceIds: ["lao-cai", "yen-bai", "cao-bang"]) {
            province {
              id
            }
            score
            rank
            coverage
          }
        }
      `),
    );
    expect(response.errors).toBeUndefined();
    // Lào Cai (3×80 + 1×0) / 4 = 60; Yên Bái (3×60 + 1×100) / 4 = 70; Hà Giang 3×100 / 3 = 100 with coverage 3/4.
    expect(response.data!.all).toEqual([
      { province: { id: 'ha-giang' }, score: 100, rank: 1, coverage: 0.75 },
      { province: { id: 'yen-bai' }, score: 70, rank: 2, coverage: 1 },
      { province: { id: 'lao-cai' }, score: 60, rank: 3, coverage: 1 },
    ]);
    // Cao Bằng reported nothing: an index lists only provinces with some coverage.
    expect(response.data!.some).toEqual([
      { province: { id: 'yen-bai' }, score: 70, rank: 1, coverage: 1 },
      { province: { id: 'lao-cai' }, score: 60, rank: 2, coverage: 1 },
    ]);
  });

  test('numbers come back rounded to 4 decimals, computed in full precision', async () => {
    await record([
      { provinceId: 'hoa-binh', indicator: criterion8, year: 2022, value: 66.66666, numerator: 2, denominator: 3 },
    ]);
    expect(await indicatorRanking(criterion8, 2022)).toEqual([['hoa-binh', 66.6667, 1, 66.6667]]);
  });
});

describe('merged units (from 2025) asked about earlier years', () => {
  beforeAll(async () => {
    await record([
      { provinceId: 'ha-nam', indicator: criterion8, year: 2019, value: 100, numerator: 98, denominator: 98 },
      { provinceId: 'nam-dinh', indicator: criterion8, year: 2019, value: 88.5, numerator: 200, denominator: 226 },
      { provinceId: 'ninh-binh', indicator: criterion8, year: 2019, value: 91.6, numerator: 109, denominator: 119 },
      { provinceId: 'quang-ninh', indicator: criterion8, year: 2019, value: 95 },
      // 2018: Nam Định reports a share without its counts, so no sum over the three exists.
      { provinceId: 'ha-nam', indicator: criterion8, year: 2018, value: 90, numerator: 88, denominator: 98 },
      { provinceId: 'nam-dinh', indicator: criterion8, year: 2018, value: 80 },
      { provinceId: 'ninh-binh', indicator: criterion8, year: 2018, value: 85, numerator: 101, denominator: 119 },
    ]);
  });

  test('Province.observations of ninh-binh-2025 in 2019: Σ numerators / Σ denominators of Hà Nam, Nam Định, Ninh Bình', async () => {
    const response = await t.query(
      graphql(`
        {
          province(id: "ninh-binh-2025") {
            name
            observations(indicator: "nrd.criterion8_communes_pct") {
              year
              value
              numerator
              denominator
              derived
              revision
              recordedBy
              history {
                revision
              }
              derivedFrom {
                id
                name
              }
            }
          }
          unchanged: province(id: "quang-ninh") {
            observations(year: 2019) {
              value
              derived
              derivedFrom {
                id
              }
            }
          }
        }
      `),
    );
    expect(response.errors).toBeUndefined();
    const observations = response.data!.province!.observations!;
    expect(observations).toHaveLength(1);
    expect(observations[0]).toMatchObject({
      year: 2019,
      value: 91.8736, // 100 × 407 / 443, not 93.3667, the mean of 100, 88.5 and 91.6
      numerator: 407,
      denominator: 443,
      derived: true,
      revision: 0,
      recordedBy: null,
      history: [],
    });
    expect(observations[0].derivedFrom!.map((p) => p.name).sort()).toEqual(['Hà Nam', 'Nam Định', 'Ninh Bình']);
    expect(response.data!.unchanged!.observations).toEqual([{ value: 95, derived: false, derivedFrom: null }]);
  });

  test('root rankings and observations derive the same way; without every pair there is no value', async () => {
    const response = await t.query(
      graphql(`
        {
          y2019: indicatorRanking(
            indicator: "nrd.criterion8_communes_pct"
            year: 2019
            provinceIds: ["ninh-binh-2025", "quang-ninh"]
          ) {
            province {
              id
            }
            value
            rank
            derived
          }
          y2018: indicatorRanking(
            indicator: "nrd.criterion8_communes_pct"
            year: 2018
            provinceIds: ["ninh-binh-2025", "quang-ninh"]
          ) {
            province {
              id
            }
            value
            rank
            derived
          }
          observations(provinceId: "ninh-binh-2025", year: 2019) {
            value
            derived
          }
          ict: indexRanking(index: "ict", year: 2019, provinceIds: ["ninh-binh-2025"]) {
            score
            coverage
          }
        }
      `),
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.y2019).toEqual([
      { province: { id: 'quang-ninh' }, value: 95, rank: 1, derived: false },
      { province: { id: 'ninh-binh-2025' }, value: 91.8736, rank: 2, derived: true },
    ]);
    // Non-reporters come last, by Vietnamese name.
    expect(response.data!.y2018).toEqual([
      { province: { id: 'ninh-binh-2025' }, value: null, rank: null, derived: false },
      { province: { id: 'quang-ninh' }, value: null, rank: null, derived: false },
    ]);
    expect(response.data!.observations).toEqual([{ value: 91.8736, derived: true }]);
    expect(response.data!.ict).toEqual([{ score: 91.8736, coverage: 0.2 }]);
  });
});

describe('speed: SQL statements per request do not grow with the number of provinces', () => {
  const registry = referenceData().provinces;
  const provinces2019 = registry
    .all()
    .filter((p) => registry.existedIn(p.id, 2019))
    .map((p) => p.id)
    .slice(0, 30);

  beforeAll(async () => {
    await record([
      ...provinces2019.map((provinceId, i) => ({ provinceId, indicator: criterion8, year: 2023, value: 50 + i })),
      ...provinces2019.map((provinceId, i) => ({
        provinceId,
        indicator: 'industry.ict_enterprises',
        year: 2023,
        value: 100 + 7 * i,
      })),
    ]);
  });

  async function statementsFor<TData, TVariables>(query: TypedDocument<TData, TVariables>, variables: TVariables) {
    const db = t.stack.subgraphs.metrics.dataSource;
    const before = statementCount(db);
    const response = await t.query(query, { variables });
    expect(response.errors).toBeUndefined();
    return { statements: statementCount(db) - before, data: response.data! };
  }

  test('indicatorRanking and indexRanking: 3 provinces or 30, the same statements', async () => {
    const query = graphql(`
      query ($ids: [ID!]) {
        indicatorRanking(indicator: "nrd.criterion8_communes_pct", year: 2023, provinceIds: $ids) {
          province {
            id
          }
          rank
          score
        }
        indexRanking(index: "ict", year: 2023, provinceIds: $ids) {
          province {
            id
          }
          score
          rank
          coverage
        }
      }
    `);
    const small = await statementsFor(query, { ids: provinces2019.slice(0, 3) });
    const large = await statementsFor(query, { ids: provinces2019 });
    expect(small.data.indicatorRanking).toHaveLength(3);
    expect(large.data.indicatorRanking).toHaveLength(30);
    expect(large.data.indexRanking).toHaveLength(30);
    expect(large.statements).toBe(small.statements);
    expect(large.statements).toBeLessThanOrEqual(4);
  });

  test('Province.observations over 11 or 63 provinces, and rankings of every season at once', async () => {
    const query = graphql(`
      query ($region: Region) {
        provinces(asOf: "2023-12-31", region: $region) {
          id
          observations(year: 2023) {
            value
            indicator {
              code
            }
            history {
              revision
            }
          }
        }
      }
    `);
    const small = await statementsFor(query, { region: 'RED_RIVER_DELTA' });
    const large = await statementsFor(query, {});
    expect(large.data.provinces).toHaveLength(63);
    expect(large.statements).toBe(small.statements);

    // One cluster with one season against every season of every cluster (rankings and cluster averages): one
    // metrics fetch each, one statement per kind.
    const seasons = graphql(`
      query ($one: Boolean!) {
        cluster(id: "cum-7") @include(if: $one) {
          seasons {
            ictRanking {
              score
            }
            indicatorRanking(indicator: "nrd.criterion8_communes_pct") {
              rank
            }
            indicatorAverages {
              average
              reporting
            }
          }
        }
        clusters @skip(if: $one) {
          seasons {
            ictRanking {
              score
            }
            indicatorRanking(indicator: "nrd.criterion8_communes_pct") {
              rank
            }
            indicatorAverages {
              average
              reporting
            }
          }
        }
      }
    `);
    const one = await statementsFor(seasons, { one: true });
    const all = await statementsFor(seasons, { one: false });
    expect(one.data.cluster!.seasons).toHaveLength(1);
    expect(all.data.clusters!.flatMap((c) => c.seasons).length).toBeGreaterThan(3);
    expect(all.statements).toBe(one.statements);
  });
});
