import { graphql, startTestStack, type TestStack } from '../test/harness.js';
import { ok } from '../test/year-fixture.js';

/* The demo data's 2024 year of Cụm 3 (SEED_DEMO): marked demo, and in every state the dashboard shows. */
let t: TestStack;
beforeAll(async () => {
  t = await startTestStack({ demo: true });
});
afterAll(() => t.stop());

test('a realistic 2024 season: compact, a sheet of 5 groups and 25 criteria, assessments in four states, a closed election', async () => {
  const season = ok(
    await t.query(
      graphql(`
        {
          cluster(id: "cum-3") {
            season(year: 2024) {
              status
              head {
                id
              }
              deputyHead {
                id
              }
              compact {
                signedOn
                place
                source
                signatories {
                  id
                }
              }
              scoringSheet {
                maxTotal
                groups
                source
                weights {
                  sheet
                  ict
                  award
                }
                criteria {
                  code
                  title
                  maxPoints
                  evidenceRequired
                  indicator {
                    code
                    name
                  }
                }
              }
              assessments {
                province {
                  id
                }
                status
                returnReason
                items {
                  criterion {
                    code
                  }
                  returned
                  evidence {
                    fileName
                    url
                    demo
                  }
                }
              }
              headElection {
                mode
                status
                outcome
                elected {
                  name
                }
                deputy {
                  name
                }
                votes
              }
              sheetRanking {
                province {
                  id
                }
                rank
                appraisedTotal
              }
            }
          }
        }
      `),
    ),
  ).cluster!.season!;
  expect(season.status).toBe('ASSESSMENT');
  expect(season).toMatchObject({ head: { id: 'ninh-binh' }, deputyHead: { id: 'nam-dinh' } });
  expect(season.compact).toMatchObject({ signedOn: '2024-03-08', source: expect.stringMatching(/^demo: /) });
  expect(season.compact!.signatories).toHaveLength(9);
  expect(season.scoringSheet!.source).toMatch(/^demo: /);
  expect(season.scoringSheet!.maxTotal).toBe(100);
  expect(season.scoringSheet!.groups).toHaveLength(5);
  expect(season.scoringSheet!.criteria.length).toBeGreaterThanOrEqual(20);
  expect(season.scoringSheet!.criteria.find((c) => c.code === 'III.1')!.indicator).toEqual({
    code: 'nrd.criterion8_communes_pct',
    name: 'Tỷ lệ xã đạt tiêu chí số 8 (Thông tin và Truyền thông) nông thôn mới',
  });
  const states = new Set(season.assessments!.map((a) => a.status));
  expect([...states].sort()).toEqual(['APPRAISED', 'DRAFT', 'RETURNED', 'SUBMITTED']);
  const returned = season.assessments!.find((a) => a.status === 'RETURNED')!;
  expect(returned.returnReason).toMatch(/IV\.3/);
  expect(returned.items.find((i) => i.criterion.code === 'IV.3')!.returned).toBe(true);
  expect(season.headElection).toMatchObject({
    mode: 'VOTE',
    status: 'CLOSED',
    outcome: 'ELECTED',
    elected: { name: 'Bắc Ninh' },
    votes: 9,
  });
  expect(season.sheetRanking!.filter((r) => r.rank !== null)).toHaveLength(5);

  // Demo evidence has no uploaded bytes: the gateway serves its placeholder PDF to the cluster's members.
  const evidence = season.assessments!.flatMap((a) => a.items.flatMap((i) => i.evidence));
  expect(evidence.length).toBeGreaterThan(20);
  expect(evidence.every((e) => e.demo)).toBe(true);
  const response = await fetch(`${t.baseUrl}${evidence[0].url}`, {
    headers: { authorization: `Bearer ${await t.token('province', 'ha-nam')}` },
  });
  expect(response.status).toBe(200);
  expect(
    Buffer.from(await response.arrayBuffer())
      .subarray(0, 5)
      .toString(),
  ).toBe('%PDF-');
});
