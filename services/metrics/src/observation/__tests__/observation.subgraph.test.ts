import { type Role, type Viewer } from '@thidua/kit';
import { clusterScope } from '@thidua/kit/exchange';
import { errorCodes, overlapTransactions, startTestSubgraph, testToken, type TestSubgraph } from '@thidua/kit/testing';
import { awardsSubgraph } from '@thidua/awards';
import { metricsSubgraph } from '../../subgraph.js';

// Figures of a locked season are refused: the awards subgraph, which keeps the locks, runs beside metrics.
let awards: TestSubgraph;
import type { ObservationInput } from '../observation.input.js';
import { MAX_BATCH, recordObservations } from '../observation.service.js';
import type { FigureLocks } from '../../season-lock/season-locks.js';

/** These writes touch no locked season (the lock's own tests run through the gateway with awards). */
const noLocks: FigureLocks = { refuse: async () => undefined };

let metrics: TestSubgraph;
beforeAll(async () => {
  awards = await startTestSubgraph(awardsSubgraph);
  metrics = await startTestSubgraph(metricsSubgraph, { linkUrls: { awards: awards.url } });
});
afterAll(async () => {
  await metrics.close();
  await awards.close();
});

const percent = 'nrd.criterion8_communes_pct';
const record = `mutation ($input: [ObservationInput!]!) { recordObservations(input: $input) { year value revision } }`;

interface Stored {
  observations: {
    year: number;
    value: number;
    revision: number;
    history: { revision: number; value: number; recordedBy: string }[];
  }[];
}

async function stored(provinceId: string, year: number) {
  const response = await metrics.query<Stored>(
    `query ($provinceId: ID!, $year: Int!) {
      observations(provinceId: $provinceId, year: $year) { year value revision history { revision value recordedBy } }
    }`,
    { variables: { provinceId, year } },
  );
  expect(response.errors).toBeUndefined();
  return response.data!.observations;
}

const row = (year: number, fields: Partial<ObservationInput> = {}): ObservationInput => ({
  provinceId: 'ha-noi',
  indicator: percent,
  year,
  value: 50,
  ...fields,
});

describe('recordObservations: who may write what', () => {
  test.each([
    { rule: 'needs a token', role: null, province: undefined, code: 'UNAUTHENTICATED', year: 2000 },
    { rule: 'a viewer may not', role: 'viewer', province: undefined, code: 'FORBIDDEN', year: 2001 },
    { rule: 'a province writes only its own', role: 'province', province: 'hai-phong', code: 'FORBIDDEN', year: 2002 },
    { rule: 'a province writes its own', role: 'province', province: 'ha-noi', code: null, year: 2003 },
    { rule: 'the ministry writes any province', role: 'ministry', province: undefined, code: null, year: 2004 },
    { rule: 'an admin writes any province', role: 'admin', province: undefined, code: null, year: 2005 },
  ] as const)('$rule', async ({ role, province, code, year }) => {
    const token = role ? await testToken(role as Role, province) : undefined;
    const response = await metrics.query(record, { variables: { input: [row(year)] }, token });
    expect(errorCodes(response)).toEqual(code ? [code] : []);
    expect(await stored('ha-noi', year)).toHaveLength(code ? 0 : 1);
  });
});

describe('recordObservations: a bad row rejects the batch, naming its row, field and value', () => {
  test.each([
    { rule: 'a known province', bad: { provinceId: 'atlantis' }, field: 'input[1].provinceId' },
    { rule: 'a year from 2000', bad: { year: 1999 }, field: 'input[1].year' },
    { rule: 'the province existed that year', bad: { provinceId: 'phu-tho-2025' }, field: 'input[1].provinceId' },
    { rule: 'a known indicator', bad: { indicator: 'nrd.unknown' }, field: 'input[1].indicator' },
    { rule: 'a percentage is 0–100', bad: { value: 150 }, field: 'input[1].value' },
    { rule: 'a count is whole', bad: { indicator: 'industry.ict_enterprises', value: 2.5 }, field: 'input[1].value' },
    {
      rule: 'a score is within its scale',
      bad: { indicator: 'dti.digital_society', value: 1.5 },
      field: 'input[1].value',
    },
    {
      rule: 'an unbounded score is not negative',
      bad: { indicator: 'post.service_radius_km', value: -1 },
      field: 'input[1].value',
    },
    { rule: 'a denominator needs a numerator', bad: { denominator: 10 }, field: 'input[1].numerator' },
    { rule: 'a numerator needs a denominator', bad: { numerator: 5 }, field: 'input[1].denominator' },
    { rule: 'a numerator is not negative', bad: { numerator: -1, denominator: 10 }, field: 'input[1].numerator' },
    { rule: 'a denominator is above 0', bad: { numerator: 0, denominator: 0 }, field: 'input[1].denominator' },
    {
      rule: 'a numerator is at most its denominator',
      bad: { numerator: 11, denominator: 10 },
      field: 'input[1].numerator',
    },
    { rule: 'the value matches the ratio', bad: { value: 60, numerator: 5, denominator: 10 }, field: 'input[1].value' },
    { rule: 'a source of at most 500 characters', bad: { source: 'x'.repeat(501) }, field: 'input[1].source' },
    { rule: 'one row per province, indicator and year', bad: { year: 2010 }, field: 'input[1]' },
  ])('$rule', async ({ bad, field }) => {
    const input = [row(2010), row(2011, bad)];
    const response = await metrics.query(record, { variables: { input }, token: await testToken('admin') });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].extensions).toMatchObject({ field });
    expect(response.errors![0].message.startsWith(field)).toBe(true);
    expect(await stored('ha-noi', 2010)).toEqual([]);
  });

  test(`more than ${MAX_BATCH} rows is refused before anything is checked`, async () => {
    const input = Array.from({ length: MAX_BATCH + 1 }, () => row(2012));
    const response = await metrics.query(record, { variables: { input }, token: await testToken('admin') });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].extensions).toMatchObject({ field: 'input' });
  });
});

describe('recordObservations: history', () => {
  test('a changed value is the next revision with who recorded it; the same value again is no revision', async () => {
    const officer = await testToken('province', 'ha-noi');
    const ministry = await testToken('ministry');
    for (const [value, token] of [
      [40, officer],
      [45, ministry],
      [45, officer],
    ] as const) {
      expect((await metrics.query(record, { variables: { input: [row(2013, { value })] }, token })).errors).toBe(
        undefined,
      );
    }
    const [observation] = await stored('ha-noi', 2013);
    expect(observation).toMatchObject({ value: 45, revision: 2 });
    expect(observation.history).toEqual([
      { revision: 1, value: 40, recordedBy: 'test-province-ha-noi' },
      { revision: 2, value: 45, recordedBy: 'test-ministry' },
    ]);
  });

  test('two first recordings of one observation at once both land, as revisions 1 and 2', async () => {
    const first: Viewer = { sub: 'test-first', role: 'ministry' };
    const second: Viewer = { sub: 'test-second', role: 'admin' };
    const [, outcome] = await overlapTransactions(
      metrics.dataSource,
      (em) => recordObservations(em, first, [row(2014, { value: 70 })], clusterScope, noLocks),
      (em) => recordObservations(em, second, [row(2014, { value: 75 })], clusterScope, noLocks),
    );
    expect(outcome).toMatchObject({ ok: true, value: [{ value: 75, revision: 2 }] });
    expect((await stored('ha-noi', 2014))[0].history).toEqual([
      { revision: 1, value: 70, recordedBy: 'test-first' },
      { revision: 2, value: 75, recordedBy: 'test-second' },
    ]);
  });
});

describe('recordObservations: what the refusal says', () => {
  const at = (provinceId: string, value: number, fields: Partial<ObservationInput> = {}) =>
    row(2016, { provinceId, value, ...fields });

  test.each([
    ['an unknown province', at('atlantis', 50), 'input[1].provinceId: "atlantis" is not a known province'],
    [
      'a unit that did not exist that year',
      at('vinh-phuc', 50, { year: 2026 }),
      'input[1].provinceId: "vinh-phuc" did not exist in 2026: it existed until 2025-06-30',
    ],
    [
      'a merged unit before it existed',
      at('ninh-binh-2025', 50, { year: 2019 }),
      'input[1].provinceId: "ninh-binh-2025" did not exist in 2019: it exists from 2025-07-01',
    ],
    ['a year out of range', at('ha-nam', 50, { year: 1999 }), 'input[1].year: 1999 is not a year between 2000'],
    ['an unknown indicator', at('ha-nam', 50, { indicator: 'x.unknown' }), 'input[1].indicator: "x.unknown" is not'],
    ['a percent above 100', at('ha-nam', 150), 'input[1].value: 150 is not a percentage between 0 and 100'],
    ['a negative percent', at('ha-nam', -1), 'input[1].value: -1 is not a percentage between 0 and 100'],
    [
      'a fractional count',
      at('ha-nam', 12.5, { indicator: 'industry.ict_enterprises' }),
      'input[1].value: 12.5 is not a count (a whole number ≥ 0)',
    ],
    [
      'a negative count',
      at('ha-nam', -3, { indicator: 'infra.video_conference_points' }),
      'input[1].value: -3 is not a count',
    ],
    [
      'a score above its scale',
      at('ha-nam', 1.2, { indicator: 'dti.digital_society' }),
      'input[1].value: 1.2 is not a score between 0 and 1',
    ],
    [
      'a negative distance',
      at('ha-nam', -2, { indicator: 'post.service_radius_km' }),
      'input[1].value: -2 must not be negative',
    ],
    [
      'a numerator above its denominator',
      at('ha-nam', 100, { numerator: 40, denominator: 37 }),
      'input[1].numerator: 40 is greater than the denominator 37',
    ],
    [
      'a zero denominator',
      at('ha-nam', 0, { numerator: 0, denominator: 0 }),
      'input[1].denominator: 0 must be greater than 0',
    ],
    [
      'a numerator without a denominator',
      at('ha-nam', 50, { numerator: 5 }),
      'input[1].denominator: null is missing: numerator 5 needs one',
    ],
    [
      'a value that does not match its counts',
      at('ha-nam', 50, { numerator: 221, denominator: 262 }),
      'input[1].value: 50 does not match numerator/denominator: 221/262 = 84.3511 %',
    ],
    ['the same cell twice', at('ha-nam', 60), 'repeats input[0]'],
  ])('%s', async (_case, bad, message) => {
    const input = [at('ha-nam', 60), bad];
    const response = await metrics.query(record, { variables: { input }, token: await testToken('admin') });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].message).toContain(message);
    expect(await stored('ha-nam', 2016)).toEqual([]);
  });

  test('a province writing another is FORBIDDEN naming the row and the province; its own row is not stored either', async () => {
    const token = await testToken('province', 'vinh-phuc');
    const mixed = [row(2017, { provinceId: 'vinh-phuc', value: 95 }), row(2017, { provinceId: 'ha-nam', value: 90 })];
    const response = await metrics.query(record, { variables: { input: mixed }, token });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect(response.errors![0].message).toContain('"ha-nam"');
    expect(response.errors![0].message).toContain('input[1]');
    expect(await stored('vinh-phuc', 2017)).toEqual([]);
  });

  test('a value rounded for a report still matches its counts (half a percentage point)', async () => {
    const input = [row(2018, { provinceId: 'ha-tinh', value: 84.4, numerator: 221, denominator: 262 })];
    const response = await metrics.query(record, {
      variables: { input },
      token: await testToken('province', 'ha-tinh'),
    });
    expect(response.errors).toBeUndefined();
    expect(await stored('ha-tinh', 2018)).toMatchObject([{ value: 84.4, revision: 1 }]);
  });
});

describe('recordObservations: the history keeps every field', () => {
  // 2017: Hà Nam's 2019 figure is published reference data, loaded in every database.
  const query = `{
    observations(provinceId: "ha-nam", indicator: "${percent}", year: 2017) {
      value revision recordedBy recordedAt
      history { revision value numerator denominator source recordedBy recordedAt }
    }
  }`;

  test('both states with their counts, source, who and when; a retry by anyone allowed changes nothing, not even who or when', async () => {
    const first = row(2017, { provinceId: 'ha-nam', value: 80, source: 'báo cáo 2015' });
    const correction = row(2017, {
      provinceId: 'ha-nam',
      value: 85,
      numerator: 99,
      denominator: 116,
      source: 'báo cáo 2016',
    });
    expect(
      (await metrics.query(record, { variables: { input: [first] }, token: await testToken('ministry') })).errors,
    ).toBeUndefined();
    const haNam = await testToken('province', 'ha-nam');
    expect((await metrics.query(record, { variables: { input: [correction] }, token: haNam })).errors).toBeUndefined();

    const after = await metrics.query<{ observations: { recordedAt: string; history: { recordedAt: string }[] }[] }>(
      query,
    );
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
    const [at1, at2] = observation.history.map((h) => Date.parse(h.recordedAt));
    expect(at1).toBeLessThanOrEqual(at2);

    const retry = await metrics.query(record, { variables: { input: [correction] }, token: await testToken('admin') });
    expect(retry.errors).toBeUndefined();
    expect((await metrics.query(query)).data).toEqual(after.data);
  });
});

describe('observations: the figures alone, or with the record', () => {
  // The figures (value, counts, source, revision) come without the record (how stated, who, when, why) unless a
  // field of the record is asked: both kinds of selection, alone or together in one request, answer in full.
  const where = 'provinceId: "bac-kan", indicator: "nrd.criterion8_communes_pct", year: 2016';
  const figures = 'value numerator denominator source revision';
  const recordFields = 'valueKind valueUpper stated sourceKept reason recordedBy recordedAt';

  beforeAll(async () => {
    const ministry = await testToken('ministry');
    const first = row(2016, { provinceId: 'bac-kan', value: 15, valueKind: 'RANGE' as never, valueUpper: 20 });
    const correction = { ...first, numerator: 17, denominator: 100, value: 17, valueKind: 'EXACT' as never };
    for (const input of [first, { ...correction, valueUpper: null, reason: 'số liệu chính thức' }]) {
      expect((await metrics.query(record, { variables: { input: [input] }, token: ministry })).errors).toBeUndefined();
    }
  });

  const expected = {
    figures: { value: 17, numerator: 17, denominator: 100, source: null, revision: 2 },
    record: {
      valueKind: 'EXACT',
      valueUpper: null,
      stated: '17%',
      sourceKept: false,
      reason: 'số liệu chính thức',
      recordedBy: 'test-ministry',
      recordedAt: expect.any(String),
    },
  };

  test('the figures alone', async () => {
    const response = await metrics.query<{ o: unknown[] }>(`{ o: observations(${where}) { ${figures} } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.o).toEqual([expected.figures]);
  });

  test('one field of the record beside the figures reads the whole row', async () => {
    const response = await metrics.query<{ o: unknown[] }>(`{ o: observations(${where}) { value reason } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.o).toEqual([{ value: 17, reason: 'số liệu chính thức' }]);
  });

  test('the figures and the record in one request, the record asked through a fragment', async () => {
    const response = await metrics.query<{ a: unknown[]; b: unknown[] }>(
      `{ a: observations(${where}) { ${figures} }
         b: observations(${where}) { ${figures} ...Record }
       }
       fragment Record on Observation { ${recordFields} }`,
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.a).toEqual([expected.figures]);
    expect(response.data!.b).toEqual([{ ...expected.figures, ...expected.record }]);
  });
});
