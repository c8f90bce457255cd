import { statementCount } from '@thidua/kit';
import type { TypedDocument } from '@thidua/kit/testing';
import { errorCodes, graphql, useTestStack, type VariablesOf } from '../test/harness.js';

const t = useTestStack();
beforeAll(() => setUpSeason());

const criterion8 = 'nrd.criterion8_communes_pct';
const [A, B, C, D] = ['ha-giang', 'cao-bang', 'lao-cai', 'bac-kan'];

async function ok<TData, TVariables>(
  query: TypedDocument<TData, TVariables>,
  variables: TVariables,
  role: 'admin' | 'ministry' = 'admin',
) {
  const response = await t.query(query, { variables, token: await t.token(role) });
  expect(response.errors).toBeUndefined();
  return response.data!;
}

/**
 * Cluster 90, 2021: A has the best ICT index (criterion 8 only: 90, 60, 30), C the
 * most commendation points (Government flag 10 + Ministry certificate 4 = 14), B 4.
 */
async function setUpSeason(): Promise<void> {
  await ok(
    graphql(`
      mutation {
        createCluster(id: "cum-90", name: "Cụm thử nghiệm") {
          id
        }
      }
    `),
    {},
  );
  await ok(setMembers, { ids: [A, B, C] });
  await ok(
    graphql(`
      mutation ($input: [ObservationInput!]!) {
        recordObservations(input: $input) {
          revision
        }
      }
    `),
    {
      input: (
        [
          [A, 90],
          [B, 60],
          [C, 30],
        ] as const
      ).map(([provinceId, value]) => ({ provinceId, indicator: criterion8, year: 2021, value })),
    },
    'ministry',
  );
  const commend = graphql(`
    mutation ($input: CommendationInput!) {
      recordCommendation(input: $input) {
        id
      }
    }
  `);
  for (const [provinceId, form] of [
    [C, 'GOVERNMENT_EMULATION_FLAG'],
    [C, 'MINISTRY_CERTIFICATE'],
    [B, 'MINISTRY_CERTIFICATE'],
  ] as const) {
    await ok(
      commend,
      { input: { provinceId, form, year: 2021, recipientKind: 'DEPARTMENT', recipientName: `Sở TT&TT ${provinceId}` } },
      'ministry',
    );
  }
  // An award of another year does not count towards 2021.
  await ok(
    commend,
    {
      input: {
        provinceId: A,
        form: 'GOVERNMENT_EMULATION_FLAG',
        year: 2020,
        recipientKind: 'DEPARTMENT',
        recipientName: 'Sở',
      },
    },
    'ministry',
  );
}

const setMembers = graphql(`
  mutation ($ids: [ID!]!) {
    setSeasonMembers(clusterId: "cum-90", year: 2021, provinceIds: $ids) {
      year
    }
  }
`);

const standingsQuery = graphql(`
  query ($ictWeight: Float, $awardWeight: Float) {
    cluster(id: "cum-90") {
      season(year: 2021) {
        standings(ictWeight: $ictWeight, awardWeight: $awardWeight) {
          rank
          province {
            id
            name
          }
          ictScore
          awardScore
          points
          total
        }
      }
    }
  }
`);

async function standings(variables: VariablesOf<typeof standingsQuery> = {}) {
  const response = await t.query(standingsQuery, { variables });
  expect(response.errors).toBeUndefined();
  return response.data!.cluster!.season!.standings!;
}

describe('combined standings', () => {
  test('default weights 0.7 / 0.3 rank by the pinned formula', async () => {
    const rows = await standings();
    // A: 0.7 × 90 = 63; C: 0.7 × 30 + 0.3 × 100 = 51; B: 0.7 × 60 + 0.3 × (100 × 4 / 14) = 50.5714
    expect(rows).toEqual([
      { rank: 1, province: { id: A, name: 'Hà Giang' }, ictScore: 90, awardScore: 0, points: 0, total: 63 },
      { rank: 2, province: { id: C, name: 'Lào Cai' }, ictScore: 30, awardScore: 100, points: 14, total: 51 },
      { rank: 3, province: { id: B, name: 'Cao Bằng' }, ictScore: 60, awardScore: 28.5714, points: 4, total: 50.5714 },
    ]);
  });

  test('ictWeight 0, awardWeight 1 ranks by points alone', async () => {
    const rows = await standings({ ictWeight: 0, awardWeight: 1 });
    expect(rows.map((r) => [r.rank, r.province.id, r.total])).toEqual([
      [1, C, 100],
      [2, B, 28.5714],
      [3, A, 0],
    ]);
  });

  test('a member with no ICT data has ictScore null and counts 0; equal totals share a rank', async () => {
    await ok(setMembers, { ids: [A, B, C, D] });
    const byPoints = await standings({ ictWeight: 0, awardWeight: 1 });
    expect(byPoints.map((r) => [r.rank, r.province.id, r.total])).toEqual([
      [1, C, 100],
      [2, B, 28.5714],
      [3, D, 0],
      [3, A, 0],
    ]);
    const byDefault = await standings();
    expect(byDefault.at(-1)).toEqual({
      rank: 4,
      province: { id: D, name: 'Bắc Kạn' },
      ictScore: null,
      awardScore: 0,
      points: 0,
      total: 0,
    });
    // Equal points everywhere normalise to 0 for all: the ICT part alone decides.
    const byIct = await standings({ ictWeight: 1, awardWeight: 0 });
    expect(byIct.map((r) => r.rank)).toEqual([1, 2, 3, 4]);
  });

  test.each([
    [{ ictWeight: -0.1 }, 'ictWeight: -0.1 must be a number ≥ 0'],
    [{ awardWeight: -2 }, 'awardWeight: -2 must be a number ≥ 0'],
    [{ ictWeight: 0, awardWeight: 0 }, 'ictWeight, awardWeight: [0,0] must not both be 0'],
  ])('weights %j are BAD_USER_INPUT naming them; the rest of the answer stands', async (variables, message) => {
    const response = await t.query(
      graphql(`
        query ($ictWeight: Float, $awardWeight: Float) {
          cluster(id: "cum-90") {
            name
            season(year: 2021) {
              members {
                id
              }
              standings(ictWeight: $ictWeight, awardWeight: $awardWeight) {
                rank
              }
            }
          }
        }
      `),
      { variables },
    );
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].message).toContain(message);
    expect(response.data!.cluster!.name).toBe('Cụm thử nghiệm');
    expect(response.data!.cluster!.season!.members).toHaveLength(4);
    expect(response.data!.cluster!.season!.standings).toBeNull();
  });

  test('points follow the catalogue: changing a form’s points re-scores the standings', async () => {
    const set = (points: number) =>
      ok(
        graphql(`
          mutation ($points: Float!) {
            setCommendationPoints(form: MINISTRY_CERTIFICATE, points: $points) {
              points
            }
          }
        `),
        { points },
      );
    await set(10);
    const rows = await standings({ ictWeight: 0, awardWeight: 1 });
    expect(rows.find((r) => r.province.id === B)).toMatchObject({ points: 10, awardScore: 50 });
    await set(4);
  });

  test('statements for standings do not grow with the number of members', async () => {
    const awards = t.stack.subgraphs.awards.dataSource;
    const query = graphql(`
      query ($id: ID!, $year: Int!) {
        cluster(id: $id) {
          season(year: $year) {
            standings {
              rank
              total
            }
          }
        }
      }
    `);
    const before = statementCount(awards);
    const small = await t.query(query, { variables: { id: 'cum-90', year: 2021 } });
    const forFour = statementCount(awards) - before;
    const middle = statementCount(awards);
    const large = await t.query(query, { variables: { id: 'cum-8', year: 2021 } });
    const forTwelve = statementCount(awards) - middle;
    expect(small.data!.cluster!.season!.standings).toHaveLength(4);
    expect(large.errors).toBeUndefined();
    expect(large.data!.cluster!.season!.standings).toHaveLength(12);
    expect(forTwelve).toBe(forFour);
    // One for the season's year record (its weights, sheet and lock), one for the points.
    expect(forFour).toBe(2);
  });

  test('standings of several seasons in one query share one points statement and one year statement', async () => {
    const awards = t.stack.subgraphs.awards.dataSource;
    const before = statementCount(awards);
    const response = await t.query(
      graphql(`
        {
          clusters {
            id
            seasons {
              year
              standings {
                rank
                points
              }
            }
          }
        }
      `),
    );
    expect(response.errors).toBeUndefined();
    const seasons = response.data!.clusters.flatMap((c) => c.seasons);
    expect(seasons.length).toBeGreaterThanOrEqual(5);
    // One for the seasons' year records (weights, sheet, lock), one for the points of every season.
    expect(statementCount(awards) - before).toBe(2);
    // Reference data: the 2015 Ministry flags are exact-year awards, so they do not appear in 2019.
    const cluster3 = response.data!.clusters.find((c) => c.id === 'cum-3')!;
    const y2019 = cluster3.seasons.find((s) => s.year === 2019)!;
    expect(y2019.standings!.every((s) => s.points === 0)).toBe(true);
  });
});
