import { referenceData } from '@thidua/kit/reference';
import { awardsSubgraph } from '@thidua/awards';
import { silentLogger } from '@thidua/kit';
import { graphql, useTestStack } from '../test/harness.js';

const t = useTestStack({ demo: true });

describe('demo data', () => {
  test('synthetic commendations are marked as such, beside the published ones', async () => {
    const response = await t.query(
      graphql(`
        {
          province(id: "bac-ninh") {
            commendations(fromYear: 2015, toYear: 2024) {
              form
              year
              recipientKind
              recipientName
              source
            }
          }
        }
      `),
    );
    expect(response.errors).toBeUndefined();
    const list = response.data!.province!.commendations!;
    const published = list.filter((c) => !c.source!.startsWith('demo'));
    expect(published).toEqual([
      expect.objectContaining({ form: 'MINISTRY_EMULATION_FLAG', year: 2015, recipientKind: 'DEPARTMENT' }),
    ]);
    const demo = list.filter((c) => c.source === 'demo: synthetic');
    expect(demo.length).toBeGreaterThan(5);
    expect(demo.every((c) => c.year >= 2016)).toBe(true);
    expect(demo.some((c) => c.recipientKind === 'INDIVIDUAL')).toBe(false);
  });

  test('the published facts still answer as published', async () => {
    const response = await t.query(
      graphql(`
        {
          province(id: "tay-ninh") {
            commendations(fromYear: 2015, toYear: 2020) {
              form
            }
          }
          cluster(id: "cum-3") {
            season(year: 2019) {
              nominations {
                province {
                  id
                }
                form
                status
              }
            }
          }
        }
      `),
    );
    const forms = response.data!.province!.commendations!.map((c) => c.form);
    expect(forms.filter((f) => f.endsWith('_FLAG')).sort()).toEqual([
      'GOVERNMENT_EMULATION_FLAG',
      'MINISTRY_EMULATION_FLAG',
      'MINISTRY_EMULATION_FLAG',
      'MINISTRY_EMULATION_FLAG',
      'MINISTRY_EMULATION_FLAG',
      'PROVINCE_EMULATION_FLAG',
    ]);
    expect(response.data!.cluster!.season!.nominations).toEqual([
      { province: { id: 'quang-ninh' }, form: 'MINISTRY_EMULATION_FLAG', status: 'ADOPTED' },
      { province: { id: 'bac-ninh' }, form: 'MINISTRY_CERTIFICATE', status: 'ADOPTED' },
      { province: { id: 'vinh-phuc' }, form: 'MINISTRY_CERTIFICATE', status: 'ADOPTED' },
    ]);
  });

  test('demo seasons have standings with points', async () => {
    const response = await t.query(
      graphql(`
        {
          cluster(id: "cum-3") {
            season(year: 2019) {
              standings {
                rank
                points
                awardScore
                total
              }
            }
          }
        }
      `),
    );
    expect(response.errors).toBeUndefined();
    const standings = response.data!.cluster!.season!.standings!;
    expect(standings).toHaveLength(9);
    expect(Math.max(...standings.map((s) => s.awardScore))).toBe(100);
  });

  test('seeding again changes nothing', async () => {
    const db = t.stack.subgraphs.awards.dataSource;
    const count = async () =>
      (
        await db.query(`SELECT (SELECT count(*) FROM commendation) + (SELECT count(*) FROM commendation_revision) +
          (SELECT count(*) FROM commendation_tally) + (SELECT count(*) FROM nomination) AS n`)
      )[0].n;
    const before = await count();
    await awardsSubgraph.seed!(db, { demo: true, logger: silentLogger, reference: referenceData() });
    expect(await count()).toBe(before);
  });
});
