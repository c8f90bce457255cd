import { useTestStack } from '../test/harness.js';

/*
 * Issue 15 §2 through the gateway, with reference data only (SEED_DEMO=0):
 * every published fact has a place, kept as stated with its source.
 */

const t = useTestStack({ demo: false });

type Fact = {
  what: string;
  value: string;
  kind: string;
  lower: number | null;
  upper: number | null;
  year: number;
  source: string;
};

describe('published facts, without the demo', () => {
  test('criterion 8 for 2019 reads Hà Nam 100, Vĩnh Phúc 100, Ninh Bình 91.6, Hải Dương 78.6', async () => {
    const response = await t.query(`{
      observations(indicator: "nrd.criterion8_communes_pct", year: 2019) { province { id } value stated source }
    }`);
    expect(response.errors).toBeUndefined();
    const values = Object.fromEntries(
      response.data!.observations.map((o: { province: { id: string }; value: number }) => [o.province.id, o.value]),
    );
    expect(values).toEqual({ 'ha-nam': 100, 'vinh-phuc': 100, 'ninh-binh': 91.6, 'hai-duong': 78.6 });
    expect(
      response.data!.observations.find((o: { province: { id: string } }) => o.province.id === 'hai-duong').stated,
    ).toBe('78,6%');
  });

  test("Cluster 3's 2019 season: 46 inspections and nearly 100 % official e-mail, kept as stated", async () => {
    const response = await t.query(
      `{ cluster(id: "cum-3") { season(year: 2019) { facts { what value kind lower year source } } } }`,
    );
    expect(response.errors).toBeUndefined();
    const facts = response.data!.cluster.season.facts as Fact[];
    expect(facts).toContainEqual({
      what: 'Cuộc thanh tra, kiểm tra các Sở trong Cụm thực hiện năm 2019',
      value: '46',
      kind: 'EXACT',
      lower: 46,
      year: 2019,
      source: 'Cổng thông tin Sở TT&TT Vĩnh Phúc, 13/12/2019',
    });
    expect(facts.find((f) => f.kind === 'APPROXIMATE')).toMatchObject({ value: 'gần 100%' });
  });

  test("Cluster 3's 2020 membership is marked assumed, not published", async () => {
    const response = await t.query(`{ cluster(id: "cum-3") {
      s2019: season(year: 2019) { membersAssumed }
      s2020: season(year: 2020) { membersAssumed membersNote head { id } }
    } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.cluster.s2019.membersAssumed).toBe(false);
    expect(response.data!.cluster.s2020).toMatchObject({ membersAssumed: true, head: { id: 'quang-ninh' } });
    expect(response.data!.cluster.s2020.membersNote).toContain('giả định như năm 2019');
  });

  test("Hà Tĩnh's press figures, bounds and ranges: as facts and as indicator observations", async () => {
    const response = await t.query(`{
      province(id: "ha-tinh") {
        facts(year: 2019) { what value kind lower upper source }
        observations(year: 2019) { indicator { code } value valueKind valueUpper stated source }
      }
    }`);
    expect(response.errors).toBeUndefined();
    const facts = response.data!.province.facts as Fact[];
    const factValue = (what: string) => facts.find((f) => f.what === what)?.value;
    expect(factValue('Cơ quan báo chí địa phương')).toBe('6');
    expect(factValue('Văn phòng đại diện của các cơ quan báo chí')).toBe('8');
    expect(factValue('Phóng viên thường trú của báo chí Trung ương và các tỉnh')).toBe('31');
    expect(factValue('Doanh nghiệp in')).toBe('20');
    expect(factValue('Công ty phát hành xuất bản phẩm')).toBe('3');
    expect(facts.find((f) => f.kind === 'RANGE')).toMatchObject({ value: '15–20%', lower: 15, upper: 20 });
    const observed = new Map(
      (response.data!.province.observations as { indicator: { code: string } }[]).map((o) => [o.indicator.code, o]),
    );
    expect(observed.get('press.local_agencies')).toMatchObject({
      value: 6,
      source: 'Báo Hà Tĩnh, 2019 (15 năm thành lập Sở)',
    });
    expect(observed.get('press.representative_offices')).toMatchObject({ value: 8 });
    expect(observed.get('press.resident_reporters')).toMatchObject({ value: 31 });
    expect(observed.get('press.bulletins')).toMatchObject({ value: 35 });
    expect(observed.get('press.communes_party_paper_same_day_pct')).toMatchObject({ value: 100 });
    expect(observed.get('industry.telecom_growth_pct')).toMatchObject({
      value: 15,
      valueKind: 'RANGE',
      valueUpper: 20,
      stated: '15–20%',
    });
    expect(observed.get('industry.sector_workers')).toMatchObject({ valueKind: 'AT_LEAST', stated: '≥ 2.500' });
  });

  test("Hà Tĩnh's administrative-reform ranks among provincial departments, 2015–2019", async () => {
    const response = await t.query(`{ province(id: "ha-tinh") { facts { what value year } } }`);
    expect(response.errors).toBeUndefined();
    const ranks = (response.data!.province.facts as Fact[])
      .filter((f) => f.what === 'Thứ hạng cải cách hành chính của Sở trong các sở, ngành cấp tỉnh')
      .map((f) => [f.year, f.value]);
    expect(ranks).toEqual([
      [2015, '7'],
      [2016, '5'],
      [2017, '4'],
      [2018, '5/20'],
      [2019, '4/19'],
    ]);
    expect(response.data!.province.facts).toContainEqual({
      what: 'Xếp hạng chính quyền điện tử toàn quốc',
      value: 'trong top 10',
      year: 2017,
    });
  });

  test("Tây Ninh's operations centre in service since 2019", async () => {
    const response = await t.query(`{ province(id: "tay-ninh") { facts(year: 2019) { what value source } } }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.province.facts).toEqual([
      {
        what: 'Trung tâm Giám sát, điều hành kinh tế - xã hội tập trung của tỉnh đi vào hoạt động',
        value: 'năm 2019',
        source: 'Báo Tây Ninh, tháng 6/2020',
      },
    ]);
  });
});

describe('provenance of a corrected figure', () => {
  test('a correction without a source keeps the earlier one and says so; its reason is kept', async () => {
    const token = await t.token('province', 'ha-nam');
    const write = (row: Record<string, unknown>) =>
      t.query(
        `mutation ($input: [ObservationInput!]!) { recordObservations(input: $input) {
           value source sourceKept reason revision history { revision value source sourceKept reason } } }`,
        {
          variables: {
            input: [{ provinceId: 'ha-nam', indicator: 'infra.video_conference_points', year: 2021, ...row }],
          },
          token,
        },
      );
    const first = await write({ value: 12, source: 'Báo cáo Sở TT&TT Hà Nam, 12/2021' });
    expect(first.errors).toBeUndefined();
    const corrected = await write({ value: 13, reason: 'bổ sung một điểm cầu cấp xã' });
    expect(corrected.errors).toBeUndefined();
    expect(corrected.data!.recordObservations[0]).toMatchObject({
      value: 13,
      source: 'Báo cáo Sở TT&TT Hà Nam, 12/2021',
      sourceKept: true,
      reason: 'bổ sung một điểm cầu cấp xã',
      revision: 2,
    });
    expect(corrected.data!.recordObservations[0].history).toEqual([
      { revision: 1, value: 12, source: 'Báo cáo Sở TT&TT Hà Nam, 12/2021', sourceKept: false, reason: null },
      {
        revision: 2,
        value: 13,
        source: 'Báo cáo Sở TT&TT Hà Nam, 12/2021',
        sourceKept: true,
        reason: 'bổ sung một điểm cầu cấp xã',
      },
    ]);
  });

  test('a range needs its high end, above its low end; a bound has none', async () => {
    const token = await t.token('ministry');
    const write = (row: Record<string, unknown>) =>
      t.query(`mutation ($input: [ObservationInput!]!) { recordObservations(input: $input) { stated } }`, {
        variables: { input: [{ provinceId: 'ha-nam', indicator: 'industry.telecom_growth_pct', year: 2021, ...row }] },
        token,
      });
    const missing = await write({ value: 10, valueKind: 'RANGE' });
    expect(missing.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input[0].valueUpper' });
    const upside = await write({ value: 10, valueKind: 'RANGE', valueUpper: 5 });
    expect(upside.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input[0].valueUpper',
      value: 5,
    });
    const bound = await write({ value: 10, valueKind: 'AT_LEAST', valueUpper: 12 });
    expect(bound.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input[0].valueUpper',
      value: 12,
    });
    const range = await write({ value: 10, valueKind: 'RANGE', valueUpper: 12.5 });
    expect(range.errors).toBeUndefined();
    expect(range.data!.recordObservations[0].stated).toBe('10–12,5%');
  });
});
