import { statementCount, type Role, type Viewer } from '@thidua/kit';
import { clusterScope } from '@thidua/kit/exchange';
import {
  errorCodes,
  eventually,
  overlapTransactions,
  startTestSubgraph,
  testToken,
  type TestSubgraph,
} from '@thidua/kit/testing';
import { recordObservations } from '../../observation/observation.service.js';
import { metricsSubgraph } from '../../subgraph.js';
import { heldCatalogue } from '../indicator-catalogue.js';
import { Direction, IndicatorUnit } from '../indicator.entity.js';
import type { IndicatorInput } from '../indicator.input.js';
import { defineIndicator } from '../indicator.service.js';

let metrics: TestSubgraph;
beforeAll(async () => {
  metrics = await startTestSubgraph(metricsSubgraph);
});
afterAll(() => metrics.close());

const ministry: Viewer = { sub: 'test-ministry', role: 'ministry' };
const admin: Viewer = { sub: 'test-admin', role: 'admin' };

const indicator = (code: string, fields: Partial<IndicatorInput> = {}): IndicatorInput => ({
  code,
  name: 'Tỷ lệ hồ sơ trực tuyến',
  unit: IndicatorUnit.PERCENT,
  direction: Direction.HIGHER_IS_BETTER,
  pillar: 'Dịch vụ công trực tuyến',
  ...fields,
});

const define = `mutation ($input: IndicatorInput!) { defineIndicator(input: $input) { code name unit scaleMax } }`;

interface DefinitionRow {
  revision: number;
  definition: { name: string; unit: string };
  recorded_by: string;
}

/** The definition history, which has no GraphQL field: read from the subgraph's own database. */
function history(code: string): Promise<DefinitionRow[]> {
  return metrics.dataSource.query(
    `SELECT revision, definition, recorded_by FROM definition_revision WHERE kind = 'indicator' AND id = $1
      ORDER BY revision`,
    [code],
  );
}

describe('defineIndicator', () => {
  test.each([
    { rule: 'needs a token', role: null, code: 'UNAUTHENTICATED' },
    { rule: 'a viewer may not', role: 'viewer', code: 'FORBIDDEN' },
    { rule: 'a province officer may not', role: 'province', code: 'FORBIDDEN' },
  ] as const)('$rule', async ({ role, code }) => {
    const token = role ? await testToken(role as Role, 'ha-noi') : undefined;
    const input = indicator(`test.auth_${role ?? 'none'}`);
    const response = await metrics.query(define, { variables: { input }, token });
    expect(errorCodes(response)).toEqual([code]);
    expect(await history(input.code)).toEqual([]);
  });

  test.each([
    { rule: 'a code of lowercase, digits, "_" and "."', fields: { code: 'Test Code' }, field: 'input.code' },
    { rule: 'a name', fields: { name: ' ' }, field: 'input.name' },
    { rule: 'a pillar', fields: { pillar: '' }, field: 'input.pillar' },
    { rule: 'PERCENT is out of 100', fields: { scaleMax: 10 }, field: 'input.scaleMax' },
    { rule: 'COUNT has no maximum', fields: { unit: IndicatorUnit.COUNT, scaleMax: 5 }, field: 'input.scaleMax' },
    { rule: 'a SCORE maximum is above 0', fields: { unit: IndicatorUnit.SCORE, scaleMax: 0 }, field: 'input.scaleMax' },
  ])('bad input names its field: $rule', async ({ fields, field }) => {
    const input = indicator('test.bad_input', fields);
    const response = await metrics.query(define, { variables: { input }, token: await testToken('ministry') });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].extensions).toMatchObject({ field });
  });

  test('each change is a revision with who made it; the same definition again changes nothing', async () => {
    const input = indicator('test.history');
    for (const role of ['ministry', 'ministry', 'admin'] as const) {
      const renamed = role === 'admin' ? { ...input, name: 'Tỷ lệ hồ sơ trực tuyến toàn trình' } : input;
      const response = await metrics.query(define, { variables: { input: renamed }, token: await testToken(role) });
      expect(response.errors).toBeUndefined();
    }
    expect((await history(input.code)).map((row) => [row.revision, row.definition.name, row.recorded_by])).toEqual([
      [1, 'Tỷ lệ hồ sơ trực tuyến', 'test-ministry'],
      [2, 'Tỷ lệ hồ sơ trực tuyến toàn trình', 'test-admin'],
    ]);
  });

  test.each([
    { rule: 'the unit cannot change once values exist', change: { unit: IndicatorUnit.SCORE, scaleMax: 100 } },
    { rule: 'scaleMax cannot drop below a recorded value', change: { unit: IndicatorUnit.SCORE, scaleMax: 50 } },
  ])('CONFLICT: $rule', async ({ change }) => {
    const input = indicator(`test.recorded_${change.scaleMax}`, { unit: IndicatorUnit.SCORE, scaleMax: 200 });
    await metrics.dataSource.transaction(async (em) => {
      await defineIndicator(em, admin, change.scaleMax === 100 ? indicator(input.code) : input);
      await recordObservations(
        em,
        admin,
        [{ provinceId: 'ha-noi', indicator: input.code, year: 2020, value: 80 }],
        clusterScope,
        { refuse: async () => undefined }, // no season is locked in this database
      );
    });
    const response = await metrics.query(define, {
      variables: { input: { ...input, ...change } },
      token: await testToken('admin'),
    });
    expect(errorCodes(response)).toEqual(['CONFLICT']);
    expect(response.errors![0].message).toContain(input.code);
    expect(await history(input.code)).toHaveLength(1);
  });
});

describe('concurrent definitions', () => {
  test('of a brand-new code: the first lands as revision 1, the second is CONFLICT naming the code and stores nothing', async () => {
    const code = 'test.concurrent_first';
    const [, second] = await overlapTransactions(
      metrics.dataSource,
      (em) => defineIndicator(em, ministry, indicator(code)),
      (em) => defineIndicator(em, admin, indicator(code, { name: 'Tỷ lệ hồ sơ (sửa)' })),
    );
    expect(second.ok).toBe(false);
    const error = (second as { error: { extensions: Record<string, unknown> } }).error;
    expect(error.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.code', value: code });
    expect((await history(code)).map((row) => [row.revision, row.recorded_by])).toEqual([[1, 'test-ministry']]);
  });
});

describe('the seeded catalogue', () => {
  interface Catalogue {
    indicators: { code: string; unit: string; direction: string; scaleMax: number | null }[];
    ict: { components: { indicator: { code: string }; weight: number }[] };
    dti: { components: { indicator: { code: string; unit: string; scaleMax: number | null }; weight: number }[] };
  }

  test('PERCENT, COUNT and SCORE indicators; "ict" weights total 100 and "dti" 1000, all its parts scored 0–1', async () => {
    const response = await metrics.query<Catalogue>(`{
      indicators { code unit direction scaleMax }
      ict: index(id: "ict") { components { indicator { code } weight } }
      dti: index(id: "dti") { components { indicator { code unit scaleMax } weight } }
    }`);
    expect(response.errors).toBeUndefined();
    const { indicators, ict, dti } = response.data!;
    const byCode = new Map(indicators.map((i) => [i.code, i]));
    expect(byCode.get('nrd.criterion8_communes_pct')).toMatchObject({
      unit: 'PERCENT',
      scaleMax: 100,
      direction: 'HIGHER_IS_BETTER',
    });
    expect(byCode.get('post.service_radius_km')).toMatchObject({
      unit: 'SCORE',
      scaleMax: null,
      direction: 'LOWER_IS_BETTER',
    });
    expect(byCode.get('industry.ict_enterprises')).toMatchObject({ unit: 'COUNT', scaleMax: null });
    const total = (components: { weight: number }[]) => components.reduce((sum, c) => sum + c.weight, 0);
    expect(total(ict.components)).toBe(100);
    expect(ict.components[0]).toEqual({ indicator: { code: 'nrd.criterion8_communes_pct' }, weight: 20 });
    expect(total(dti.components)).toBe(1000);
    expect(dti.components.map((c) => c.weight)).toEqual([200, 150, 150, 100, 100, 100, 100, 100]);
    expect(dti.components.every((c) => c.indicator.unit === 'SCORE' && c.indicator.scaleMax === 1)).toBe(true);
  });
});

describe('the catalogue each process holds', () => {
  const code = 'test.held_name';
  const observationsOfHaNoi = `{ observations(provinceId: "ha-noi", year: 2021) { year value indicator { code name unit } } }`;

  /** The name the catalogue this process holds gives the indicator, once it holds `name` (the read after a change). */
  async function heldName(name: string): Promise<string | undefined> {
    const current = () => heldCatalogue(metrics.dataSource)?.get(code)?.name;
    await eventually(`the held catalogue to name ${code} "${name}"`, () => current() === name);
    return current();
  }

  /** The name the observations of Hà Nội give the indicator. */
  async function nameShown(): Promise<string | undefined> {
    const response = await metrics.query(observationsOfHaNoi);
    expect(response.errors).toBeUndefined();
    const rows = (response.data as { observations: { indicator: { code: string; name: string } }[] }).observations;
    return rows.find((row) => row.indicator.code === code)?.indicator.name;
  }

  beforeAll(async () => {
    await metrics.dataSource.transaction(async (em) => {
      await defineIndicator(em, admin, indicator(code, { name: 'Tỷ lệ cũ' }));
      await recordObservations(
        em,
        admin,
        [{ provinceId: 'ha-noi', indicator: code, year: 2021, value: 61.5 }],
        clusterScope,
        {
          refuse: async () => undefined,
        },
      );
    });
  });

  test('a province’s observations take their indicators from it: one statement, not two', async () => {
    expect(await heldName('Tỷ lệ cũ')).toBe('Tỷ lệ cũ');
    const before = statementCount(metrics.dataSource);
    expect(await nameShown()).toBe('Tỷ lệ cũ');
    expect(statementCount(metrics.dataSource) - before).toBe(1);
  });

  test('a redefinition shows in the next answer of the process that made it', async () => {
    const response = await metrics.query(define, {
      variables: { input: indicator(code, { name: 'Tỷ lệ mới' }) },
      token: await testToken('ministry'),
    });
    expect(response.errors).toBeUndefined();
    expect(await nameShown()).toBe('Tỷ lệ mới');
  });

  test('a change another writer commits to the table reaches it through Postgres’s notification', async () => {
    await metrics.dataSource.query(`UPDATE indicator SET name = 'Tỷ lệ do nơi khác sửa' WHERE code = $1`, [code]);
    expect(await heldName('Tỷ lệ do nơi khác sửa')).toBe('Tỷ lệ do nơi khác sửa');
    expect(await nameShown()).toBe('Tỷ lệ do nơi khác sửa');
  });
});
