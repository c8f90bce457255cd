import { errorCodes, startTestStack, type TestStack } from '../test/harness.js';

let t: TestStack;
beforeAll(async () => {
  t = await startTestStack();
});
afterAll(() => t.stop());

const record = `mutation ($input: [ObservationInput!]!) {
  recordObservations(input: $input) { province { id } indicator { code } year value revision source }
}`;

const criterion8 = 'nrd.criterion8_communes_pct';
const cluster3Source = 'Vĩnh Phúc DIC portal, 13 Dec 2019';

describe('Cluster 3, 2019', () => {
  test('criterion-8 ranking: Hà Nam 1, Vĩnh Phúc 1, Ninh Bình 3, Hải Dương 4, five others last with rank null', async () => {
    const input = [
      ['ha-nam', 100],
      ['vinh-phuc', 100],
      ['ninh-binh', 91.6],
      ['hai-duong', 78.6],
    ].map(([provinceId, value]) => ({ provinceId, indicator: criterion8, year: 2019, value, source: cluster3Source }));
    const recorded = await t.query(record, { variables: { input }, token: await t.token('ministry') });
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data!.recordObservations).toHaveLength(4);

    const response = await t.query(`{
      cluster(id: "cum-3") { season(year: 2019) {
        indicatorRanking(indicator: "${criterion8}") { province { id name } value rank score }
        ictRanking { province { id } score rank coverage }
      } }
    }`);
    expect(response.errors).toBeUndefined();
    const ranking = response.data!.cluster.season.indicatorRanking;
    expect(ranking.slice(0, 4)).toEqual([
      { province: { id: 'ha-nam', name: 'Hà Nam' }, value: 100, rank: 1, score: 100 },
      { province: { id: 'vinh-phuc', name: 'Vĩnh Phúc' }, value: 100, rank: 1, score: 100 },
      { province: { id: 'ninh-binh', name: 'Ninh Bình' }, value: 91.6, rank: 3, score: 91.6 },
      { province: { id: 'hai-duong', name: 'Hải Dương' }, value: 78.6, rank: 4, score: 78.6 },
    ]);
    expect(ranking).toHaveLength(9);
    for (const row of ranking.slice(4)) expect(row).toMatchObject({ value: null, rank: null, score: null });
    expect(
      ranking
        .slice(4)
        .map((r: { province: { id: string } }) => r.province.id)
        .sort(),
    ).toEqual(['bac-ninh', 'hung-yen', 'nam-dinh', 'quang-ninh', 'thai-binh']);
    expect(response.data!.cluster.season.ictRanking).toEqual([
      { province: { id: 'ha-nam' }, score: 100, rank: 1, coverage: 0.2 },
      { province: { id: 'vinh-phuc' }, score: 100, rank: 1, coverage: 0.2 },
      { province: { id: 'ninh-binh' }, score: 91.6, rank: 3, coverage: 0.2 },
      { province: { id: 'hai-duong' }, score: 78.6, rank: 4, coverage: 0.2 },
    ]);
    expect(errorCodes(response)).toEqual([]);
  });
});
