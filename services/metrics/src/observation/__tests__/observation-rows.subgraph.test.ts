import { startTestSubgraph, type TestSubgraph } from '@thidua/kit/testing';
import { metricsSubgraph } from '../../subgraph.js';
import { figuresStatement, observationLoaders, wholeStatement } from '../observation.loaders.js';

let metrics: TestSubgraph;
beforeAll(async () => {
  metrics = await startTestSubgraph(metricsSubgraph, { demo: true });
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

/** The nodes of an EXPLAIN (FORMAT JSON) plan, depth first. */
function planNodes(node: Record<string, unknown>): Record<string, unknown>[] {
  const children = (node.Plans as Record<string, unknown>[] | undefined) ?? [];
  return [node, ...children.flatMap(planNodes)];
}

test("a province's observations are found through the primary key, not by reading every observation", async () => {
  const [{ count }] = await metrics.dataSource.query(`SELECT count(*)::int AS count FROM observation`);
  expect(count).toBeGreaterThan(1000);
  const parameters = [['ha-noi'], [null], [null]];
  const runner = metrics.dataSource.createQueryRunner();
  try {
    for (const statement of [figuresStatement, wholeStatement]) {
      // The plan for these parameters, and the generic plan a prepared statement settles on after five runs.
      const custom = await runner.query(`EXPLAIN (FORMAT JSON) ${statement.text}`, parameters);
      await runner.query(`PREPARE observations_plan(text[], int[], text[]) AS ${statement.text}`);
      await runner.query(`SET plan_cache_mode = force_generic_plan`);
      const generic = await runner.query(
        `EXPLAIN (FORMAT JSON) EXECUTE observations_plan('{ha-noi}', '{NULL}', '{NULL}')`,
      );
      await runner.query(`RESET plan_cache_mode`);
      await runner.query(`DEALLOCATE observations_plan`);
      for (const [explained] of [custom, generic]) {
        const nodes = planNodes(explained['QUERY PLAN'][0].Plan);
        const onObservation = nodes.filter((node) => node['Relation Name'] === 'observation');
        expect(onObservation.length).toBeGreaterThan(0);
        for (const node of onObservation) expect(node['Node Type']).not.toBe('Seq Scan');
        expect(nodes.some((node) => node['Index Name'] === 'observation_pkey')).toBe(true);
      }
    }
  } finally {
    await runner.release();
  }
});
