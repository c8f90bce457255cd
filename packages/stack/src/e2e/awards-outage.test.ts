import { errorCodes, graphql, postGraphQL, useTestStack } from '../test/harness.js';

const nominateHungYen = graphql(`
  mutation {
    nominate(clusterId: "cum-3", year: 2019, provinceId: "hung-yen", form: MINISTRY_EMULATION_FLAG) {
      status
      province {
        id
      }
    }
  }
`);

/** Awards reaches provinces for review writes and needs metrics for standings; either may be down. */
describe('when a service awards depends on is down', () => {
  const t = useTestStack();

  test('without metrics, the season still answers; standings is null with an error naming metrics', async () => {
    await t.stack.subgraphs.metrics.stop();
    const response = await t.query(
      graphql(`
        {
          cluster(id: "cum-3") {
            name
            season(year: 2019) {
              head {
                id
              }
              nominations {
                form
                status
              }
              standings {
                rank
              }
            }
          }
        }
      `),
    );
    const season = response.data!.cluster!.season!;
    expect(response.data!.cluster!.name).toBe('Cụm thi đua số 3');
    expect(season.head).toEqual({ id: 'vinh-phuc' });
    expect(season.nominations).toHaveLength(3);
    expect(season.standings).toBeNull();
    expect(errorCodes(response)).toContain('SERVICE_UNAVAILABLE');
    expect(response.errors!.map((e) => e.message).join(' ')).toMatch(/metrics/);
    expect(JSON.stringify(response.errors)).not.toMatch(/127\.0\.0\.1|localhost/);
  });

  test('awards answers a null ICT ranking with an error naming metrics, not a crash', async () => {
    // What the gateway hands awards when metrics answered the season with ictRanking: null.
    const response = await postGraphQL<{ _entities: { nominations: unknown[] | null; standings: unknown[] | null }[] }>(
      t.stack.subgraphs.awards.url,
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) { ... on ClusterSeason { nominations { status } standings { rank } } }
      }`,
      {
        variables: {
          representations: [
            {
              __typename: 'ClusterSeason',
              clusterId: 'cum-3',
              year: 2019,
              members: [{ id: 'ha-nam' }],
              ictRanking: null,
            },
          ],
        },
      },
    );
    expect(response.data!._entities[0].standings).toBeNull();
    expect(response.data!._entities[0].nominations).toHaveLength(3);
    expect(errorCodes(response)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(response.errors![0].message).toMatch(
      /standings of cum-3 2019 need its ICT ranking from the metrics service/,
    );
  });

  test('without provinces, review writes fail with SERVICE_UNAVAILABLE and store nothing', async () => {
    await t.stack.subgraphs.provinces.stop();
    const response = await t.query(nominateHungYen, { token: await t.token('ministry') });
    expect(errorCodes(response)).toEqual(['SERVICE_UNAVAILABLE']);
    expect(response.errors![0].message).toMatch(/provinces service.*nothing was stored/);
    expect(JSON.stringify(response.errors)).not.toMatch(/127\.0\.0\.1|localhost/);
    const rows = await t.stack.subgraphs.awards.dataSource.query(
      `SELECT count(*)::int AS n FROM nomination WHERE province_id = 'hung-yen'`,
    );
    expect(rows[0].n).toBe(0);
    // Writes that need no season still work.
    const recorded = await t.query(
      graphql(`
        mutation {
          recordCommendation(
            input: {
              provinceId: "hung-yen"
              form: MINISTRY_CERTIFICATE
              year: 2019
              recipientKind: DEPARTMENT
              recipientName: "Sở Thông tin và Truyền thông tỉnh Hưng Yên"
            }
          ) {
            points
          }
        }
      `),
      { token: await t.token('ministry') },
    );
    expect(recorded.data!.recordCommendation).toEqual({ points: 4 });
  });
});

describe('with REQUIRE_AUTH=1', () => {
  const t = useTestStack({ requireAuth: true });

  test('awards checks seasons at provinces with its own service token', async () => {
    const response = await t.query(nominateHungYen, { token: await t.token('province', 'vinh-phuc') });
    expect(response.errors).toBeUndefined();
    expect(response.data!.nominate).toEqual({ status: 'OPEN', province: { id: 'hung-yen' } });
    const anonymous = await t.query(
      graphql(`
        {
          commendationCatalogue {
            form
          }
        }
      `),
    );
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
  });
});
