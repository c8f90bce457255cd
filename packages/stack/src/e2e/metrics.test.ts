import { errorCodes, postGraphQL, startTestStack, type TestStack } from '../test/harness.js';

let t: TestStack;
beforeAll(async () => {
  t = await startTestStack();
});
afterAll(() => t.stop());

const record = `mutation ($input: [ObservationInput!]!) {
  recordObservations(input: $input) { province { id } indicator { code } year value numerator denominator source revision }
}`;

const criterion8 = 'nrd.criterion8_communes_pct';
const cluster3Source = 'Vĩnh Phúc DIC portal, 13 Dec 2019';

type Input = {
  provinceId: string;
  indicator: string;
  year: number;
  value: number;
  numerator?: number;
  denominator?: number;
  source?: string;
};
const row = (provinceId: string, value: number, extra: Partial<Input> = {}): Input => ({
  provinceId,
  indicator: criterion8,
  year: 2018,
  value,
  ...extra,
});

async function stored(indicator: string, year: number): Promise<{ province: { id: string }; value: number }[]> {
  const response = await t.query(
    `query ($indicator: ID!, $year: Int!) { observations(indicator: $indicator, year: $year) { province { id } value } }`,
    { variables: { indicator, year } },
  );
  expect(response.errors).toBeUndefined();
  return response.data!.observations;
}

describe('Cluster 3, 2019 (published figures)', () => {
  test('criterion-8 ranking: Hà Nam 1, Vĩnh Phúc 1, Ninh Bình 3, Hải Dương 4, the five others last with rank null', async () => {
    const input = (
      [
        ['ha-nam', 100],
        ['vinh-phuc', 100],
        ['ninh-binh', 91.6],
        ['hai-duong', 78.6],
      ] as const
    ).map(([provinceId, value]) => row(provinceId, value, { year: 2019, source: cluster3Source }));
    const recorded = await t.query(record, { variables: { input }, token: await t.token('ministry') });
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data!.recordObservations[2]).toEqual({
      province: { id: 'ninh-binh' },
      indicator: { code: criterion8 },
      year: 2019,
      value: 91.6,
      numerator: null,
      denominator: null,
      source: cluster3Source,
      revision: 1,
    });

    const response = await t.query(`{
      cluster(id: "cum-3") { season(year: 2019) {
        indicatorRanking(indicator: "${criterion8}") { province { id name } value rank score derived }
        ictRanking { province { id } score rank coverage }
      } }
    }`);
    expect(response.errors).toBeUndefined();
    const ranking = response.data!.cluster.season.indicatorRanking;
    expect(ranking).toEqual([
      { province: { id: 'ha-nam', name: 'Hà Nam' }, value: 100, rank: 1, score: 100, derived: false },
      { province: { id: 'vinh-phuc', name: 'Vĩnh Phúc' }, value: 100, rank: 1, score: 100, derived: false },
      { province: { id: 'ninh-binh', name: 'Ninh Bình' }, value: 91.6, rank: 3, score: 91.6, derived: false },
      { province: { id: 'hai-duong', name: 'Hải Dương' }, value: 78.6, rank: 4, score: 78.6, derived: false },
      ...['Bắc Ninh', 'Hưng Yên', 'Nam Định', 'Quảng Ninh', 'Thái Bình'].map((name) => ({
        province: { id: expect.any(String), name },
        value: null,
        rank: null,
        score: null,
        derived: false,
      })),
    ]);
    // The criterion carries 20 of the 100 points of "ict": that is all these four reported.
    expect(response.data!.cluster.season.ictRanking).toEqual([
      { province: { id: 'ha-nam' }, score: 100, rank: 1, coverage: 0.2 },
      { province: { id: 'vinh-phuc' }, score: 100, rank: 1, coverage: 0.2 },
      { province: { id: 'ninh-binh' }, score: 91.6, rank: 3, coverage: 0.2 },
      { province: { id: 'hai-duong' }, score: 78.6, rank: 4, coverage: 0.2 },
    ]);
  });
});

describe('DTI', () => {
  test("Đà Nẵng's eight 2022 sub-indices give the published PDTI 0.8002 as 80.02", async () => {
    const published: [string, number][] = [
      ['dti.digital_awareness', 1.0],
      ['dti.digital_institutions', 0.9],
      ['dti.digital_infrastructure', 0.8253],
      ['dti.digital_human_resources', 0.8487],
      ['dti.cyber_security', 0.7578],
      ['dti.digital_government', 0.8575],
      ['dti.digital_economy', 0.7836],
      ['dti.digital_society', 0.5197],
    ];
    const input = published.map(([indicator, value]) => ({
      provinceId: 'da-nang',
      indicator,
      year: 2022,
      value,
      source: 'Ministry of Information and Communications, 2023',
    }));
    const recorded = await t.query(record, { variables: { input }, token: await t.token('ministry') });
    expect(recorded.errors).toBeUndefined();

    const response = await t.query(`{
      indexRanking(index: "dti", year: 2022, provinceIds: ["da-nang"]) { province { id name } score rank coverage }
      cluster(id: "cum-1") { season(year: 2022) { indexRanking(index: "dti") { province { id } score } } }
      indices { id components { indicator { code unit scaleMax } weight } }
    }`);
    expect(response.errors).toBeUndefined();
    const [danang] = response.data!.indexRanking;
    expect(danang.score).toBeCloseTo(80.02, 2);
    expect(danang.score).toBe(80.0175);
    expect(danang).toMatchObject({ province: { id: 'da-nang', name: 'Đà Nẵng' }, rank: 1, coverage: 1 });
    expect(response.data!.cluster.season.indexRanking).toEqual([{ province: { id: 'da-nang' }, score: 80.0175 }]);
    const dti = response.data!.indices.find((index: { id: string }) => index.id === 'dti');
    expect(dti.components.map((c: { weight: number }) => c.weight)).toEqual([200, 150, 150, 100, 100, 100, 100, 100]);
    expect(dti.components.every((c: any) => c.indicator.unit === 'SCORE' && c.indicator.scaleMax === 1)).toBe(true);
  });
});

describe('recordObservations: one atomic batch, the right token', () => {
  test('a percent of 150 rejects the whole batch naming row, field and value; nothing is stored', async () => {
    const input = [row('ha-nam', 90), row('vinh-phuc', 95), row('bac-ninh', 150), row('hai-duong', 80)];
    const response = await t.query(record, { variables: { input }, token: await t.token('ministry') });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].message).toBe('input[2].value: 150 is not a percentage between 0 and 100');
    expect(await stored(criterion8, 2018)).toEqual([]);
  });

  test('a vinh-phuc token writing ha-nam is FORBIDDEN, naming it; its own row in the batch is not stored either', async () => {
    const token = await t.token('province', 'vinh-phuc');
    const response = await t.query(record, {
      variables: { input: [row('vinh-phuc', 95), row('ha-nam', 90)] },
      token,
    });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(response.errors![0].message).toContain('"ha-nam"');
    expect(response.errors![0].message).toContain('input[1]');
    expect(await stored(criterion8, 2018)).toEqual([]);

    const own = await t.query(record, { variables: { input: [row('vinh-phuc', 95)] }, token });
    expect(own.errors).toBeUndefined();
    expect(await stored(criterion8, 2018)).toEqual([{ province: { id: 'vinh-phuc' }, value: 95 }]);
  });

  test('no token is UNAUTHENTICATED; a viewer token is FORBIDDEN', async () => {
    const input = [row('ha-nam', 90, { year: 2016 })];
    expect(errorCodes(await t.query(record, { variables: { input } }))).toEqual(['UNAUTHENTICATED']);
    expect(errorCodes(await t.query(record, { variables: { input }, token: await t.token('viewer') }))).toEqual([
      'FORBIDDEN',
    ]);
    expect(await stored(criterion8, 2016)).toEqual([]);
  });

  test.each([
    ['an unknown province', row('atlantis', 50), 'input[1].provinceId: "atlantis" is not a known province'],
    [
      'a unit that did not exist that year',
      row('vinh-phuc', 50, { year: 2026 }),
      'input[1].provinceId: "vinh-phuc" did not exist in 2026: it existed until 2025-06-30',
    ],
    [
      'a merged unit before it existed',
      row('ninh-binh-2025', 50, { year: 2019 }),
      'input[1].provinceId: "ninh-binh-2025" did not exist in 2019: it exists from 2025-07-01',
    ],
    ['a year out of range', row('ha-nam', 50, { year: 1999 }), 'input[1].year: 1999 is not a year between 2000'],
    ['an unknown indicator', row('ha-nam', 50, { indicator: 'x.unknown' }), 'input[1].indicator: "x.unknown" is not'],
    ['a negative percent', row('ha-nam', -1), 'input[1].value: -1 is not a percentage between 0 and 100'],
    [
      'a fractional count',
      row('ha-nam', 12.5, { indicator: 'industry.ict_enterprises' }),
      'input[1].value: 12.5 is not a count (a whole number ≥ 0)',
    ],
    [
      'a negative count',
      row('ha-nam', -3, { indicator: 'infra.video_conference_points' }),
      'input[1].value: -3 is not a count',
    ],
    [
      'a score above its scale',
      row('ha-nam', 1.2, { indicator: 'dti.digital_society' }),
      'input[1].value: 1.2 is not a score between 0 and 1',
    ],
    [
      'a negative distance',
      row('ha-nam', -2, { indicator: 'post.service_radius_km' }),
      'input[1].value: -2 must not be negative',
    ],
    [
      'a numerator above its denominator',
      row('ha-nam', 100, { numerator: 40, denominator: 37 }),
      'input[1].numerator: 40 is greater than the denominator 37',
    ],
    [
      'a zero denominator',
      row('ha-nam', 0, { numerator: 0, denominator: 0 }),
      'input[1].denominator: 0 must be greater than 0',
    ],
    [
      'a numerator without a denominator',
      row('ha-nam', 50, { numerator: 5 }),
      'input[1].denominator: null is missing: numerator 5 needs one',
    ],
    [
      'a value that does not match its counts',
      row('ha-nam', 50, { numerator: 221, denominator: 262 }),
      'input[1].value: 50 does not match numerator/denominator: 221/262 = 84.3511 %',
    ],
    ['the same cell twice', row('ha-nam', 60, { year: 2017 }), 'repeats input[0]'],
  ])('%s is BAD_USER_INPUT naming it, and the batch stores nothing', async (_case, bad, message) => {
    const input = [row('ha-nam', 60, { year: 2017 }), bad];
    const response = await t.query(record, { variables: { input }, token: await t.token('admin') });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].message).toContain(message);
    expect(await stored(criterion8, 2017)).toEqual([]);
  });

  test('a value rounded for a report still matches its counts (half a percentage point)', async () => {
    const response = await t.query(record, {
      variables: { input: [row('ha-tinh', 84.4, { year: 2019, numerator: 221, denominator: 262 })] },
      token: await t.token('province', 'ha-tinh'),
    });
    expect(response.errors).toBeUndefined();
    expect(response.data!.recordObservations[0]).toMatchObject({ value: 84.4, numerator: 221, denominator: 262 });
  });
});

describe('corrections keep history', () => {
  const historyQuery = `{
    observations(provinceId: "ha-nam", indicator: "${criterion8}", year: 2015) {
      value revision recordedBy recordedAt
      history { revision value numerator denominator source recordedBy recordedAt }
    }
  }`;

  test('a correction raises revision to 2; history shows both values with who and when; the same value again is a no-op', async () => {
    const first = await t.query(record, {
      variables: { input: [row('ha-nam', 80, { year: 2015, source: 'báo cáo 2015' })] },
      token: await t.token('ministry'),
    });
    expect(first.data!.recordObservations[0].revision).toBe(1);

    const correction = row('ha-nam', 85, { year: 2015, numerator: 99, denominator: 116, source: 'báo cáo 2016' });
    const haNam = await t.token('province', 'ha-nam');
    const second = await t.query(record, { variables: { input: [correction] }, token: haNam });
    expect(second.errors).toBeUndefined();
    expect(second.data!.recordObservations[0]).toMatchObject({ value: 85, revision: 2 });

    const after = await t.query(historyQuery);
    expect(after.errors).toBeUndefined();
    const [observation] = after.data!.observations;
    expect(observation).toMatchObject({ value: 85, revision: 2, recordedBy: 'test-province-ha-nam' });
    expect(observation.history).toEqual([
      {
        revision: 1,
        value: 80,
        numerator: null,
        denominator: null,
        source: 'báo cáo 2015',
        recordedBy: 'test-ministry',
        recordedAt: expect.any(String),
      },
      {
        revision: 2,
        value: 85,
        numerator: 99,
        denominator: 116,
        source: 'báo cáo 2016',
        recordedBy: 'test-province-ha-nam',
        recordedAt: observation.recordedAt,
      },
    ]);
    const [at1, at2] = observation.history.map((h: { recordedAt: string }) => Date.parse(h.recordedAt));
    expect(at1).toBeLessThanOrEqual(at2);
    expect(Date.now() - at2).toBeLessThan(60_000);

    // An idempotent retry (by anyone allowed) changes nothing, not even who or when.
    const retry = await t.query(record, { variables: { input: [correction] }, token: await t.token('admin') });
    expect(retry.data!.recordObservations[0]).toMatchObject({ value: 85, revision: 2 });
    expect((await t.query(historyQuery)).data!.observations).toEqual(after.data!.observations);
  });
});

describe('catalogue', () => {
  test('the seeded catalogue: PERCENT/COUNT/SCORE indicators; "ict" weights total 100 and "dti" 1000', async () => {
    const response = await t.query(`{
      indicators { code name unit direction scaleMax pillar }
      ict: index(id: "ict") { name components { indicator { code } weight } }
      dti: index(id: "dti") { components { weight } }
    }`);
    expect(response.errors).toBeUndefined();
    const indicators = new Map(response.data!.indicators.map((i: { code: string }) => [i.code, i]));
    expect(indicators.get(criterion8)).toMatchObject({ unit: 'PERCENT', scaleMax: 100, direction: 'HIGHER_IS_BETTER' });
    expect(indicators.get('post.service_radius_km')).toMatchObject({
      unit: 'SCORE',
      scaleMax: null,
      direction: 'LOWER_IS_BETTER',
    });
    expect(indicators.get('industry.ict_enterprises')).toMatchObject({ unit: 'COUNT', scaleMax: null });
    const total = (components: { weight: number }[]) => components.reduce((sum, c) => sum + c.weight, 0);
    expect(total(response.data!.ict.components)).toBe(100);
    expect(total(response.data!.dti.components)).toBe(1000);
    expect(response.data!.ict.components[0]).toEqual({ indicator: { code: criterion8 }, weight: 20 });
  });

  test('defineIndicator: admin or ministry only; upsert by code; the unit cannot change once values exist', async () => {
    const mutation = `mutation ($input: IndicatorInput!) { defineIndicator(input: $input) { code name unit scaleMax } }`;
    const input = {
      code: 'infra.fibre_households_pct',
      name: 'Tỷ lệ hộ gia đình có kết nối cáp quang',
      unit: 'PERCENT',
      direction: 'HIGHER_IS_BETTER',
      pillar: 'Hạ tầng thông tin và truyền thông',
    };
    const province = await t.query(mutation, { variables: { input }, token: await t.token('province', 'ha-nam') });
    expect(errorCodes(province)).toEqual(['FORBIDDEN']);
    const ministry = await t.token('ministry');
    const created = await t.query(mutation, { variables: { input }, token: ministry });
    expect(created.data!.defineIndicator).toEqual({
      code: input.code,
      name: input.name,
      unit: 'PERCENT',
      scaleMax: 100,
    });
    const renamed = await t.query(mutation, {
      variables: { input: { ...input, name: 'Tỷ lệ hộ có cáp quang' } },
      token: ministry,
    });
    expect(renamed.data!.defineIndicator.name).toBe('Tỷ lệ hộ có cáp quang');

    await t.query(record, {
      variables: { input: [{ provinceId: 'ha-nam', indicator: input.code, year: 2020, value: 70 }] },
      token: ministry,
    });
    const toCount = await t.query(mutation, { variables: { input: { ...input, unit: 'COUNT' } }, token: ministry });
    expect(errorCodes(toCount)).toEqual(['CONFLICT']);
    expect(toCount.errors![0].message).toContain(input.code);

    const badScale = await t.query(mutation, {
      variables: { input: { ...input, code: 'x.count', unit: 'COUNT', scaleMax: 10 } },
      token: ministry,
    });
    expect(errorCodes(badScale)).toEqual(['BAD_USER_INPUT']);
    expect(badScale.errors![0].message).toContain('input.scaleMax: 10');
  });

  test('defineIndex: checks indicators and weights, replaces components, and ranks with them', async () => {
    const mutation = `mutation ($components: [IndexComponentInput!]!) {
      defineIndex(id: "connectivity", name: "Kết nối", components: $components) { id name components { indicator { code } weight } }
    }`;
    const admin = await t.token('admin');
    const unknown = await t.query(mutation, {
      variables: {
        components: [
          { indicator: criterion8, weight: 1 },
          { indicator: 'x.unknown', weight: 1 },
        ],
      },
      token: admin,
    });
    expect(errorCodes(unknown)).toEqual(['BAD_USER_INPUT']);
    expect(unknown.errors![0].message).toBe('components[1].indicator: "x.unknown" is not a known indicator');
    const zero = await t.query(mutation, {
      variables: { components: [{ indicator: criterion8, weight: 0 }] },
      token: admin,
    });
    expect(zero.errors![0].message).toBe('components[0].weight: 0 must be greater than 0');
    const province = await t.query(mutation, {
      variables: { components: [{ indicator: criterion8, weight: 1 }] },
      token: await t.token('province', 'ha-nam'),
    });
    expect(errorCodes(province)).toEqual(['FORBIDDEN']);

    const defined = await t.query(mutation, {
      variables: { components: [{ indicator: criterion8, weight: 2 }] },
      token: admin,
    });
    expect(defined.data!.defineIndex).toEqual({
      id: 'connectivity',
      name: 'Kết nối',
      components: [{ indicator: { code: criterion8 }, weight: 2 }],
    });
    const ranking = await t.query(`{ indexRanking(index: "connectivity", year: 2019) { province { id } score rank } }`);
    // Every province with a 2019 criterion-8 value: the four of Cluster 3 and Hà Tĩnh (84.4, recorded above).
    expect(ranking.data!.indexRanking).toEqual([
      { province: { id: 'ha-nam' }, score: 100, rank: 1 },
      { province: { id: 'vinh-phuc' }, score: 100, rank: 1 },
      { province: { id: 'ninh-binh' }, score: 91.6, rank: 3 },
      { province: { id: 'ha-tinh' }, score: 84.4, rank: 4 },
      { province: { id: 'hai-duong' }, score: 78.6, rank: 5 },
    ]);
  });
});

describe('ranking arguments', () => {
  test('unknown indicator, index and province ids are BAD_USER_INPUT naming them', async () => {
    const indicator = await t.query(`{ indicatorRanking(indicator: "x.unknown", year: 2019) { rank } }`);
    expect(errorCodes(indicator)).toEqual(['BAD_USER_INPUT']);
    expect(indicator.errors![0].message).toBe('indicator: "x.unknown" is not a known indicator');
    const index = await t.query(`{ indexRanking(index: "nope", year: 2019) { rank } }`);
    expect(index.errors![0].message).toBe('index: "nope" is not a known index');
    const province = await t.query(
      `{ indicatorRanking(indicator: "${criterion8}", year: 2019, provinceIds: ["ha-nam", "atlantis"]) { rank } }`,
    );
    expect(errorCodes(province)).toEqual(['BAD_USER_INPUT']);
    expect(province.errors![0].message).toBe('provinceIds[1]: "atlantis" is not a known province');
    const year = await t.query(`{ indexRanking(index: "ict", year: 1990) { rank } }`);
    expect(year.errors![0].message).toContain('year: 1990');
  });
});

describe('when the provinces subgraph cannot supply what metrics requires', () => {
  test('a season without members or a province without predecessors gets a clear error, not a crash', async () => {
    // What the gateway would send if the provinces subgraph answered null for the required fields.
    const response = await postGraphQL(
      t.stack.subgraphs.metrics.url,
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
});
