import { graphql, useTestStack } from '../test/harness.js';

/*
 * Metrics through the gateway: rankings of a cluster's season, whose members
 * come from the provinces subgraph (@requires). The rules of recording,
 * defining and ranking are subgraph tests: services/metrics/src/**\/__tests__.
 */

const t = useTestStack();

const record = graphql(`
  mutation Record($input: [ObservationInput!]!) {
    recordObservations(input: $input) {
      province {
        id
      }
      indicator {
        code
      }
      year
      value
      numerator
      denominator
      source
      revision
    }
  }
`);

const criterion8 = 'nrd.criterion8_communes_pct';
const cluster3Source = 'Cổng thông tin Sở TT&TT Vĩnh Phúc, 13/12/2019';

test('Cluster 3, 2019: criterion-8 ranking Hà Nam 1, Vĩnh Phúc 1, Ninh Bình 3, Hải Dương 4, the five others last with rank null', async () => {
  const published = [
    ['ha-nam', 100],
    ['vinh-phuc', 100],
    ['ninh-binh', 91.6],
    ['hai-duong', 78.6],
  ] as const;
  const input = published.map(([provinceId, value]) => ({
    provinceId,
    indicator: criterion8,
    year: 2019,
    value,
    source: cluster3Source,
  }));
  const recorded = await t.query(record, { variables: { input }, token: await t.token('ministry') });
  expect(recorded.errors).toBeUndefined();
  expect(recorded.data!.recordObservations[2]).toEqual({
    province: { id: 'ninh-binh' },
    indicator: { code: criterion8 },
    year: 2019,
    value: 91.6,
    numerator: null,
    denominator: null,
    source: cluster3Source,
    revision: 1,
  });

  const response = await t.query(
    graphql(`
      query Season($indicator: ID!) {
        cluster(id: "cum-3") {
          season(year: 2019) {
            indicatorRanking(indicator: $indicator) {
              province {
                id
                name
              }
              value
              rank
              score
              derived
            }
            ictRanking {
              province {
                id
              }
              score
              rank
              coverage
            }
          }
        }
      }
    `),
    { variables: { indicator: criterion8 } },
  );
  expect(response.errors).toBeUndefined();
  const season = response.data!.cluster!.season!;
  expect(season.indicatorRanking).toEqual([
    { province: { id: 'ha-nam', name: 'Hà Nam' }, value: 100, rank: 1, score: 100, derived: false },
    { province: { id: 'vinh-phuc', name: 'Vĩnh Phúc' }, value: 100, rank: 1, score: 100, derived: false },
    { province: { id: 'ninh-binh', name: 'Ninh Bình' }, value: 91.6, rank: 3, score: 91.6, derived: false },
    { province: { id: 'hai-duong', name: 'Hải Dương' }, value: 78.6, rank: 4, score: 78.6, derived: false },
    ...['Bắc Ninh', 'Hưng Yên', 'Nam Định', 'Quảng Ninh', 'Thái Bình'].map((name) => ({
      province: { id: expect.any(String), name },
      value: null,
      rank: null,
      score: null,
      derived: false,
    })),
  ]);
  // The criterion carries 20 of the 100 points of "ict": that is all these four reported.
  expect(season.ictRanking).toEqual([
    { province: { id: 'ha-nam' }, score: 100, rank: 1, coverage: 0.2 },
    { province: { id: 'vinh-phuc' }, score: 100, rank: 1, coverage: 0.2 },
    { province: { id: 'ninh-binh' }, score: 91.6, rank: 3, coverage: 0.2 },
    { province: { id: 'hai-duong' }, score: 78.6, rank: 4, coverage: 0.2 },
  ]);
});

test("DTI: Đà Nẵng's eight 2022 sub-indices give the published PDTI 0.8002 as 80.02, alone and in Cluster 1", async () => {
  const published: [string, number][] = [
    ['dti.digital_awareness', 1.0],
    ['dti.digital_institutions', 0.9],
    ['dti.digital_infrastructure', 0.8253],
    ['dti.digital_human_resources', 0.8487],
    ['dti.cyber_security', 0.7578],
    ['dti.digital_government', 0.8575],
    ['dti.digital_economy', 0.7836],
    ['dti.digital_society', 0.5197],
  ];
  const input = published.map(([indicator, value]) => ({
    provinceId: 'da-nang',
    indicator,
    year: 2022,
    value,
    source: 'Bộ Thông tin và Truyền thông, 2023',
  }));
  const recorded = await t.query(record, { variables: { input }, token: await t.token('ministry') });
  expect(recorded.errors).toBeUndefined();

  const response = await t.query(
    graphql(`
      {
        indexRanking(index: "dti", year: 2022, provinceIds: ["da-nang"]) {
          province {
            id
            name
          }
          score
          rank
          coverage
        }
        cluster(id: "cum-1") {
          season(year: 2022) {
            indexRanking(index: "dti") {
              province {
                id
              }
              score
            }
          }
        }
      }
    `),
  );
  expect(response.errors).toBeUndefined();
  const [danang] = response.data!.indexRanking;
  expect(danang.score).toBeCloseTo(80.02, 2);
  expect(danang.score).toBe(80.0175);
  expect(danang).toMatchObject({ province: { id: 'da-nang', name: 'Đà Nẵng' }, rank: 1, coverage: 1 });
  expect(response.data!.cluster!.season!.indexRanking).toEqual([{ province: { id: 'da-nang' }, score: 80.0175 }]);
});
