import { startTestSubgraph, testToken, waitForLockWaiters, type TestSubgraph } from '@thidua/kit/testing';
import { metricsSubgraph } from '../../subgraph.js';

let metrics: TestSubgraph;
let admin: string;

beforeAll(async () => {
  metrics = await startTestSubgraph(metricsSubgraph);
  admin = await testToken('admin');
});
afterAll(() => metrics.close());

const define = `mutation ($input: IndicatorInput!) { defineIndicator(input: $input) { code name } }`;
const indicator = (name: string) => ({
  code: 'race.new_indicator',
  name,
  unit: 'PERCENT',
  direction: 'HIGHER_IS_BETTER',
  pillar: 'Hạ tầng',
});

test('two defineIndicator calls creating one new code at once: one wins, the other is CONFLICT naming the code', async () => {
  // An uncommitted row with the code holds both inserts until the test lets them go together.
  const holder = metrics.dataSource.createQueryRunner();
  await holder.startTransaction();
  await holder.query(
    `INSERT INTO indicator (code, name, unit, direction, scale_max, pillar) VALUES ($1, 'giữ chỗ', 'PERCENT', 'HIGHER_IS_BETTER', 100, 'x')`,
    ['race.new_indicator'],
  );
  const racing = [
    metrics.query(define, { token: admin, variables: { input: indicator('Tỷ lệ thứ nhất') } }),
    metrics.query(define, { token: admin, variables: { input: indicator('Tỷ lệ thứ hai') } }),
  ];
  await waitForLockWaiters(metrics.dataSource, 2);
  await holder.rollbackTransaction();
  await holder.release();
  const results = await Promise.all(racing);

  expect(results.map((r) => r.errors?.[0].extensions?.code ?? 'ok').sort()).toEqual(['CONFLICT', 'ok']);
  expect(results.find((r) => r.errors)!.errors![0].extensions).toEqual({
    code: 'CONFLICT',
    field: 'input.code',
    value: 'race.new_indicator',
  });
  const winner = results.find((r) => !r.errors)!.data!.defineIndicator.name;
  const stored = await metrics.query('{ indicator(code: "race.new_indicator") { name } }');
  expect(stored.data).toEqual({ indicator: { name: winner } });
  const [{ revisions }] = await metrics.dataSource.query(
    `SELECT count(*)::int AS revisions FROM definition_revision WHERE kind = 'indicator' AND id = $1`,
    ['race.new_indicator'],
  );
  expect(revisions).toBe(1);
});
