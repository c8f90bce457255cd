import { clusterThree2019, errorCodes, graphql, useTestStack } from '../test/harness.js';

/*
 * The provinces reference data as clients read it through the gateway, and a
 * write's token checked end to end. The write rules (createCluster,
 * setSeasonMembers, electHead) are subgraph tests: services/provinces/src/**\/__tests__.
 */

const t = useTestStack();

const seasonQuery = graphql(`
  query Season($year: Int!) {
    cluster(id: "cum-3") {
      name
      season(year: $year) {
        year
        members {
          id
          name
        }
        head {
          id
        }
      }
    }
  }
`);

describe('provinces through the gateway', () => {
  test('Cluster 3 has the nine reported members in 2019 with head Vĩnh Phúc, and Quảng Ninh heads 2020', async () => {
    const y2019 = await t.query(seasonQuery, { variables: { year: 2019 } });
    expect(y2019.errors).toBeUndefined();
    const season = y2019.data!.cluster!.season!;
    expect(season.members.map((m) => m.id).sort()).toEqual(clusterThree2019);
    expect(season.head).toEqual({ id: 'vinh-phuc' });
    expect(y2019.data!.cluster!.name).toBe('Cụm thi đua số 3');

    const y2020 = await t.query(seasonQuery, { variables: { year: 2020 } });
    expect(y2020.data!.cluster!.season!.head).toEqual({ id: 'quang-ninh' });
    expect(y2020.data!.cluster!.season!.members).toHaveLength(9);
  });

  test('63 units existed at the end of 2019, 34 exist today, 63 on 1 March 2025 (Huế replaced Thừa Thiên Huế)', async () => {
    const response = await t.query(
      graphql(`
        {
          y2019: provinces(asOf: "2019-12-31") {
            id
          }
          today: provinces {
            id
          }
          march2025: provinces(asOf: "2025-03-01") {
            id
          }
          delta: provinces(asOf: "2019-12-31", region: RED_RIVER_DELTA) {
            id
            region
          }
        }
      `),
    );
    expect(response.errors).toBeUndefined();
    const { y2019, today, march2025, delta } = response.data!;
    expect(y2019).toHaveLength(63);
    expect(today).toHaveLength(34);
    const march = march2025.map((p) => p.id);
    expect(march).toHaveLength(63);
    expect(march).toContain('hue');
    expect(march).not.toContain('thua-thien-hue');
    expect(delta.every((p) => p.region === 'RED_RIVER_DELTA')).toBe(true);
  });

  test('lineage: Vĩnh Phúc merged into Phú Thọ (2025); Ninh Bình (2025) has three predecessors', async () => {
    const response = await t.query(
      graphql(`
        {
          vinhPhuc: province(id: "vinh-phuc") {
            validUntil
            successor {
              id
              name
              validFrom
            }
          }
          ninhBinh: province(id: "ninh-binh-2025") {
            code
            predecessors {
              id
            }
            successor {
              id
            }
          }
          haNoi: province(id: "ha-noi") {
            predecessors {
              id
            }
            successor {
              id
            }
            validUntil
          }
          unknown: province(id: "atlantis") {
            id
          }
        }
      `),
    );
    expect(response.errors).toBeUndefined();
    const { vinhPhuc, ninhBinh, haNoi, unknown } = response.data!;
    expect(vinhPhuc).toEqual({
      validUntil: '2025-06-30',
      successor: { id: 'phu-tho-2025', name: 'Phú Thọ', validFrom: '2025-07-01' },
    });
    expect(ninhBinh!.predecessors.map((p) => p.id).sort()).toEqual(['ha-nam', 'nam-dinh', 'ninh-binh']);
    expect(ninhBinh!.successor).toBeNull();
    expect(haNoi).toEqual({ predecessors: [], successor: null, validUntil: null });
    expect(unknown).toBeNull();
  });

  test("a province's cluster by year", async () => {
    const response = await t.query(
      graphql(`
        {
          province(id: "quang-ninh") {
            y2019: cluster(year: 2019) {
              id
            }
            y2010: cluster(year: 2010) {
              id
            }
          }
        }
      `),
    );
    expect(response.data!.province).toEqual({ y2019: { id: 'cum-3' }, y2010: null });
  });
});

test('a write through the gateway without a token, or with a forged one, is UNAUTHENTICATED and stores nothing', async () => {
  const create = graphql(`
    mutation {
      createCluster(id: "cum-99", name: "Cụm 99") {
        id
      }
    }
  `);
  expect(errorCodes(await t.query(create))).toEqual(['UNAUTHENTICATED']);
  expect(errorCodes(await t.query(create, { token: 'not.a.jwt' }))).toEqual(['UNAUTHENTICATED']);
  const stored = await t.query(
    graphql(`
      {
        cluster(id: "cum-99") {
          id
        }
      }
    `),
  );
  expect(stored.data!.cluster).toBeNull();
});
