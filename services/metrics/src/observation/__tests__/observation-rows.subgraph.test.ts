import { startTestSubgraph, type TestSubgraph } from '@thidua/kit/testing';
import { metricsSubgraph } from '../../subgraph.js';
import { observationLoaders } from '../observation.loaders.js';

let metrics: TestSubgraph;
beforeAll(async () => {
  metrics = await startTestSubgraph(metricsSubgraph);
});
afterAll(async () => {
  await metrics.close();
});

test('observations are read into objects of one shape, whichever statement read them', async () => {
  const [{ provinceId }] = await metrics.dataSource.query(
    `SELECT province_id AS "provinceId" FROM observation GROUP BY province_id ORDER BY count(*) DESC LIMIT 1`,
  );
  const query = { provinceId, year: null, indicator: null };
  // A loader per read: loads of one tick share a statement, and these must use one statement each.
  const figures = await observationLoaders(metrics.dataSource).observationsOf.load({ ...query, record: false });
  const whole = await observationLoaders(metrics.dataSource).observationsOf.load({ ...query, record: true });

  expect(figures.length).toBeGreaterThan(1);
  expect(whole.map(({ indicatorCode, year, value }) => [indicatorCode, year, value])).toEqual(
    figures.map(({ indicatorCode, year, value }) => [indicatorCode, year, value]),
  );
  // Every field of the entity, those set later included, in one order: the figures read without the record's columns.
  const shape = Object.keys(whole[0]);
  expect(shape).toEqual(expect.arrayContaining(['valueKind', 'recordedAt', 'derivedFrom', 'loadedIndicator']));
  for (const row of [...figures, ...whole]) expect(Object.keys(row)).toEqual(shape);
  expect(figures[0].valueKind).toBeUndefined();
  expect(whole[0].valueKind).toBe('EXACT');
});
