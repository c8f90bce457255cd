import { awardsSubgraph } from '@thidua/awards';
import { statementCount } from '@thidua/kit';
import { errorCodes, startTestSubgraph, testToken, type TestSubgraph } from '@thidua/kit/testing';
import { metricsSubgraph } from '../../subgraph.js';

// Figures of a locked season are refused: the awards subgraph, which keeps the locks, runs beside metrics.
let awards: TestSubgraph;
let metrics: TestSubgraph;

const criterion8 = 'nrd.criterion8_communes_pct';
const enterprises = 'industry.ict_enterprises';
const members = ['ha-tinh', 'quang-binh', 'nghe-an', 'thanh-hoa', 'quang-tri', 'thua-thien-hue', 'phu-tho-2025'];

interface Average {
  indicator: { code: string };
  year: number;
  average: number;
  reporting: number;
  memberCount: number;
  synthetic: number;
}

/** What the gateway sends metrics for seasons whose members the provinces subgraph supplied. */
function averagesOf(seasons: { clusterId: string; year: number; members: string[] | null }[], indicator?: string) {
  return metrics.query<{ _entities: ({ indicatorAverages: Average[] | null } | null)[] }>(
    `query ($representations: [_Any!]!, $indicator: ID) {
      _entities(representations: $representations) {
        ... on ClusterSeason {
          indicatorAverages(indicator: $indicator) { indicator { code } year average reporting memberCount synthetic }
        }
      }
    }`,
    {
      variables: {
        indicator,
        representations: seasons.map((s) => ({
          __typename: 'ClusterSeason',
          clusterId: s.clusterId,
          year: s.year,
          members: s.members?.map((id) => ({ id })) ?? null,
        })),
      },
    },
  );
}

beforeAll(async () => {
  awards = await startTestSubgraph(awardsSubgraph);
  metrics = await startTestSubgraph(metricsSubgraph, { linkUrls: { awards: awards.url } });
  const source = 'Báo cáo tổng kết năm 2022 (kiểm thử)';
  const input = [
    { provinceId: 'ha-tinh', indicator: criterion8, year: 2022, value: 80, source },
    { provinceId: 'quang-binh', indicator: criterion8, year: 2022, value: 60, source },
    // Stated, not exact: kept as stated and left out of the mean.
    { provinceId: 'nghe-an', indicator: criterion8, year: 2022, value: 15, valueKind: 'RANGE', valueUpper: 20, source },
    { provinceId: 'thanh-hoa', indicator: criterion8, year: 2022, value: 50, valueKind: 'AT_LEAST', source },
    { provinceId: 'quang-tri', indicator: criterion8, year: 2022, value: 100, valueKind: 'APPROXIMATE', source },
    // Phú Thọ (2025) did not exist in 2022: its value is its predecessors' 12 of 30 communes, 40 %.
    ...[
      ['hoa-binh', 3],
      ['phu-tho', 5],
      ['vinh-phuc', 4],
    ].map(([provinceId, numerator]) => ({
      provinceId,
      indicator: criterion8,
      year: 2022,
      value: (Number(numerator) / 10) * 100,
      numerator,
      denominator: 10,
      source,
    })),
    { provinceId: 'ha-tinh', indicator: enterprises, year: 2022, value: 100, source },
    { provinceId: 'quang-binh', indicator: enterprises, year: 2022, value: 201, source: 'demo: synthetic' },
  ];
  const recorded = await metrics.query(
    `mutation ($input: [ObservationInput!]!) { recordObservations(input: $input) { revision } }`,
    { variables: { input }, token: await testToken('admin') },
  );
  expect(recorded.errors).toBeUndefined();
});
afterAll(async () => {
  await metrics.close();
  await awards.close();
});

test('the mean covers members with an exact value only: none missing counted as 0, no range or bound', async () => {
  const response = await averagesOf([{ clusterId: 'cum-3', year: 2022, members }]);
  expect(response.errors).toBeUndefined();
  expect(response.data!._entities[0]!.indicatorAverages).toEqual([
    // 80, 60 and the derived 40; Nghệ An's range, Thanh Hoá's bound, Quảng Trị's "gần 100" and Huế's nothing left out.
    { indicator: { code: enterprises }, year: 2022, average: 150.5, reporting: 2, memberCount: 7, synthetic: 1 },
    { indicator: { code: criterion8 }, year: 2022, average: 60, reporting: 3, memberCount: 7, synthetic: 0 },
  ]);
});

test('indicator keeps one; a season whose members reported nothing has no averages', async () => {
  const response = await averagesOf(
    [
      { clusterId: 'cum-3', year: 2022, members },
      { clusterId: 'cum-9', year: 2022, members: ['thua-thien-hue'] },
    ],
    criterion8,
  );
  expect(response.errors).toBeUndefined();
  expect(response.data!._entities.map((e) => e!.indicatorAverages!.map((a) => [a.indicator.code, a.average]))).toEqual([
    [[criterion8, 60]],
    [],
  ]);
});

test('the published 2019 figures of Cluster 3 average as published', async () => {
  const response = await averagesOf(
    [{ clusterId: 'cum-3', year: 2019, members: ['ha-nam', 'vinh-phuc', 'ninh-binh', 'hai-duong'] }],
    criterion8,
  );
  expect(response.errors).toBeUndefined();
  // (100 + 100 + 91.6 + 78.6) / 4
  expect(response.data!._entities[0]!.indicatorAverages).toEqual([
    { indicator: { code: criterion8 }, year: 2019, average: 92.55, reporting: 4, memberCount: 4, synthetic: 0 },
  ]);
});

test('one season or many: the same SQL statements', async () => {
  const statementsFor = async (seasons: Parameters<typeof averagesOf>[0]) => {
    const before = statementCount(metrics.dataSource);
    const response = await averagesOf(seasons);
    expect(response.errors).toBeUndefined();
    expect(response.data!._entities).toHaveLength(seasons.length);
    return statementCount(metrics.dataSource) - before;
  };
  const one = await statementsFor([{ clusterId: 'cum-3', year: 2022, members }]);
  const many = await statementsFor(
    [2019, 2020, 2021, 2022, 2023, 2024].flatMap((year) => [
      { clusterId: 'cum-3', year, members },
      { clusterId: 'cum-7', year, members: ['ha-nam', 'vinh-phuc', 'ninh-binh', 'hai-duong', 'hoa-binh'] },
    ]),
  );
  expect(many).toBe(one);
  expect(one).toBeLessThanOrEqual(2);
});

test('without the members from the provinces subgraph the field is SERVICE_UNAVAILABLE, not a guess', async () => {
  const response = await averagesOf([{ clusterId: 'cum-3', year: 2022, members: null }]);
  expect(response.data!._entities).toEqual([{ indicatorAverages: null }]);
  expect(errorCodes(response)).toEqual(['SERVICE_UNAVAILABLE']);
});
