import { statementCount } from '@thidua/kit';
import { errorCodes, startTestSubgraph, testToken, type TestSubgraph } from '@thidua/kit/testing';
import { awardsSubgraph } from '@thidua/awards';
import { metricsSubgraph } from '../../subgraph.js';

// Figures of a locked season are refused: the awards subgraph, which keeps the locks, runs beside metrics.
let awards: TestSubgraph;

let metrics: TestSubgraph;
beforeAll(async () => {
  awards = await startTestSubgraph(awardsSubgraph);
  metrics = await startTestSubgraph(metricsSubgraph, { linkUrls: { awards: awards.url } });
});
afterAll(async () => {
  await metrics.close();
  await awards.close();
});

const criterion8 = 'nrd.criterion8_communes_pct';

describe('statistics', () => {
  test('the seeded tables are analysed before the subgraph serves, so rankings are not planned blind', async () => {
    const [observation] = await metrics.dataSource.query(
      `SELECT reltuples::int AS planned, (SELECT count(*)::int FROM observation) AS stored
         FROM pg_class WHERE oid = 'observation'::regclass`,
    );
    expect(observation.stored).toBeGreaterThan(0);
    expect(observation).toEqual({ planned: observation.stored, stored: observation.stored });
  });
});

describe('ranking arguments', () => {
  test.each([
    [
      'an unknown indicator',
      `{ indicatorRanking(indicator: "x.unknown", year: 2019) { rank } }`,
      'indicator: "x.unknown" is not a known indicator',
    ],
    ['an unknown index', `{ indexRanking(index: "nope", year: 2019) { rank } }`, 'index: "nope" is not a known index'],
    [
      'an unknown province',
      `{ indicatorRanking(indicator: "${criterion8}", year: 2019, provinceIds: ["ha-nam", "atlantis"]) { rank } }`,
      'provinceIds[1]: "atlantis" is not a known province',
    ],
    ['a year out of range', `{ indexRanking(index: "ict", year: 1990) { rank } }`, 'year: 1990 '],
  ])('%s is BAD_USER_INPUT naming it', async (_case, query, message) => {
    const response = await metrics.query(query);
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].message.startsWith(message)).toBe(true);
  });
});

test('an empty ranking and an unknown index or indicator are told apart by the ranking statements themselves', async () => {
  // No figures before 2014: a known index or indicator ranks nothing that year, an unknown one is refused.
  const season = {
    __typename: 'ClusterSeason',
    clusterId: 'cum-3',
    year: 2005,
    members: [{ id: 'ha-nam' }, { id: 'vinh-phuc' }],
  };
  const before = statementCount(metrics.dataSource);
  const response = await metrics.query(
    `query ($representations: [_Any!]!) {
      _entities(representations: $representations) {
        ... on ClusterSeason {
          ictRanking { rank }
          indicatorRanking(indicator: "${criterion8}") { province { id } rank }
          unknownIndex: indexRanking(index: "nope") { rank }
          unknownIndicator: indicatorRanking(indicator: "x.unknown") { rank }
        }
      }
    }`,
    { variables: { representations: [season] } },
  );
  expect(response.data!._entities).toEqual([
    {
      ictRanking: [],
      indicatorRanking: [
        { province: { id: 'ha-nam' }, rank: null },
        { province: { id: 'vinh-phuc' }, rank: null },
      ],
      unknownIndex: null,
      unknownIndicator: null,
    },
  ]);
  expect(errorCodes(response)).toEqual(['BAD_USER_INPUT', 'BAD_USER_INPUT']);
  const messages = response.errors!.map((e) => e.message);
  expect(messages).toContainEqual(expect.stringMatching(/^index: "nope" is not a known index/));
  expect(messages).toContainEqual(expect.stringMatching(/^indicator: "x.unknown" is not a known indicator/));
  // One statement for the two index rankings, one for the two indicator rankings: nothing more to tell them apart.
  expect(statementCount(metrics.dataSource) - before).toBe(2);
});

test('a newly defined index ranks every province with values of its indicators', async () => {
  const admin = await testToken('admin');
  const values = { 'ha-nam': 100, 'vinh-phuc': 100, 'ninh-binh': 91.6, 'ha-tinh': 84.4, 'hai-duong': 78.6 };
  const input = Object.entries(values).map(([provinceId, value]) => ({
    provinceId,
    indicator: criterion8,
    year: 2019,
    value,
  }));
  const recorded = await metrics.query(
    `mutation ($input: [ObservationInput!]!) { recordObservations(input: $input) { revision } }`,
    { variables: { input }, token: admin },
  );
  expect(recorded.errors).toBeUndefined();
  const defined = await metrics.query(
    `mutation { defineIndex(id: "connectivity", name: "Kết nối", components: [{ indicator: "${criterion8}", weight: 2 }]) { id } }`,
    { token: admin },
  );
  expect(defined.errors).toBeUndefined();

  const ranking = await metrics.query<{ indexRanking: unknown[] }>(
    `{ indexRanking(index: "connectivity", year: 2019) { province { id } score rank } }`,
  );
  expect(ranking.errors).toBeUndefined();
  expect(ranking.data!.indexRanking).toEqual([
    { province: { id: 'ha-nam' }, score: 100, rank: 1 },
    { province: { id: 'vinh-phuc' }, score: 100, rank: 1 },
    { province: { id: 'ninh-binh' }, score: 91.6, rank: 3 },
    { province: { id: 'ha-tinh' }, score: 84.4, rank: 4 },
    { province: { id: 'hai-duong' }, score: 78.6, rank: 5 },
  ]);
});

test('when the provinces subgraph cannot supply what metrics requires, the field is a clear error, not a crash', async () => {
  // What the gateway would send if the provinces subgraph answered null for the required fields.
  const response = await metrics.query(
    `query ($representations: [_Any!]!) {
      _entities(representations: $representations) {
        ... on ClusterSeason { ictRanking { score } }
        ... on Province { observations { value } }
      }
    }`,
    {
      variables: {
        representations: [
          { __typename: 'ClusterSeason', clusterId: 'cum-3', year: 2019, members: null },
          { __typename: 'Province', id: 'ninh-binh-2025', predecessors: null },
        ],
      },
    },
  );
  expect(response.data!._entities).toEqual([{ ictRanking: null }, { observations: null }]);
  expect(errorCodes(response)).toEqual(['SERVICE_UNAVAILABLE', 'SERVICE_UNAVAILABLE']);
  const messages = response.errors!.map((e) => e.message);
  expect(messages).toContainEqual(expect.stringContaining('members of cum-3 2019 did not arrive'));
  expect(messages).toContainEqual(expect.stringContaining('predecessors of ninh-binh-2025 did not arrive'));
});

test("metrics's connections keep one plan per prepared statement (its rankings take arrays)", async () => {
  const [setting] = await metrics.dataSource.query(`SELECT current_setting('plan_cache_mode') AS mode`);
  expect(setting.mode).toBe('force_generic_plan');
});
