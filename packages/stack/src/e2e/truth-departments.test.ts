import { useTestStack } from '../test/harness.js';

/*
 * Issue 15 §1 through the gateway, on reference data only (SEED_DEMO=0): a
 * cluster's member is a province's department, named as it was on the day;
 * a commendation's issuer follows the form and the date unless recorded.
 */

const t = useTestStack({ demo: false });

describe('departments and ministries through the 2025 reorganisation', () => {
  test("Hà Tĩnh's department: its names through 2025, founding decision, leaders and ministry", async () => {
    const response = await t.query(`{
      province(id: "ha-tinh") {
        in2019: department(asOf: "2019-12-13") { name ministry founded foundingDecision leaders { name title year } }
        lastOld: department(asOf: "2025-02-28") { name }
        firstNew: department(asOf: "2025-03-01") { name ministry validFrom predecessors { name validUntil } }
        departments { name validFrom validUntil ministry }
      }
    }`);
    expect(response.errors).toBeUndefined();
    const haTinh = response.data!.province;
    expect(haTinh.in2019).toEqual({
      name: 'Sở Thông tin và Truyền thông tỉnh Hà Tĩnh',
      ministry: 'Bộ Thông tin và Truyền thông',
      founded: '2004-08-12',
      foundingDecision: 'Quyết định số 81/2004/QĐ-UB-NV của UBND tỉnh Hà Tĩnh',
      leaders: [
        { name: 'Phan Tấn Linh', title: 'Giám đốc Sở TT&TT Hà Tĩnh', year: 2015 },
        { name: 'Nguyễn Công Thành', title: 'Giám đốc Sở TT&TT Hà Tĩnh', year: 2020 },
        { name: 'Đậu Tùng Lâm', title: 'Phó Giám đốc Sở TT&TT Hà Tĩnh', year: 2020 },
      ],
    });
    expect(haTinh.lastOld.name).toBe('Sở Thông tin và Truyền thông tỉnh Hà Tĩnh');
    expect(haTinh.firstNew).toEqual({
      name: 'Sở Khoa học và Công nghệ tỉnh Hà Tĩnh',
      ministry: 'Bộ Khoa học và Công nghệ',
      validFrom: '2025-03-01',
      predecessors: [{ name: 'Sở Thông tin và Truyền thông tỉnh Hà Tĩnh', validUntil: '2025-02-28' }],
    });
    expect(haTinh.departments.map((d: { name: string }) => d.name)).toEqual([
      'Sở Bưu chính - Viễn thông tỉnh Hà Tĩnh',
      'Sở Thông tin và Truyền thông tỉnh Hà Tĩnh',
      'Sở Khoa học và Công nghệ tỉnh Hà Tĩnh',
    ]);
  });

  test("Cluster 8's Bạc Liêu member in 2021 is its combined department, under its own name", async () => {
    const response = await t.query(`{
      cluster(id: "cum-8") { season(year: 2021) { members { id department(asOf: "2021-12-31") { name } } } }
    }`);
    expect(response.errors).toBeUndefined();
    const members = response.data!.cluster.season.members as { id: string; department: { name: string } }[];
    expect(members.find((m) => m.id === 'bac-lieu')!.department.name).toBe(
      'Sở Văn hóa, Thông tin, Thể thao và Du lịch tỉnh Bạc Liêu',
    );
    expect(members.find((m) => m.id === 'dong-thap')!.department.name).toBe(
      'Sở Thông tin và Truyền thông tỉnh Đồng Tháp',
    );
  });
});

describe('issuers follow the form and the date', () => {
  const record = `mutation ($input: CommendationInput!) { recordCommendation(input: $input) { year issuer } }`;

  test('a 2019 Ministry certificate is from Bộ Thông tin và Truyền thông, a 2026 one from Bộ Khoa học và Công nghệ', async () => {
    const token = await t.token('ministry');
    const answers = [];
    for (const year of [2019, 2026]) {
      const input = {
        provinceId: 'ha-tinh',
        form: 'MINISTRY_CERTIFICATE',
        year,
        recipientKind: 'INDIVIDUAL',
        recipientName: `Người nhận thử ${year}`,
      };
      const response = await t.query(record, { variables: { input }, token });
      expect(response.errors).toBeUndefined();
      answers.push(response.data!.recordCommendation);
    }
    expect(answers).toEqual([
      { year: 2019, issuer: 'Bộ Thông tin và Truyền thông' },
      { year: 2026, issuer: 'Bộ Khoa học và Công nghệ' },
    ]);
  });

  test('the published certificate of Bộ Lao động - Thương binh và Xã hội keeps its issuer; others default by level', async () => {
    const response = await t.query(`{
      province(id: "ha-tinh") { commendations { form year periodFrom periodTo recipientKind issuer } }
    }`);
    expect(response.errors).toBeUndefined();
    const all = response.data!.province.commendations as Record<string, unknown>[];
    expect(all).toContainEqual({
      form: 'MINISTRY_CERTIFICATE',
      year: 2019,
      periodFrom: 2004,
      periodTo: 2019,
      recipientKind: 'DEPARTMENT',
      issuer: 'Bộ Lao động - Thương binh và Xã hội',
    });
    expect(all.filter((c) => c.form === 'PRIME_MINISTER_CERTIFICATE').map((c) => c.issuer)).toEqual([
      'Thủ tướng Chính phủ',
      'Thủ tướng Chính phủ',
    ]);
  });

  test('an issuer can be set on record and cleared back to the default on correction', async () => {
    const token = await t.token('ministry');
    const recorded = await t.query(
      `mutation ($input: CommendationInput!) { recordCommendation(input: $input) { id issuer } }`,
      {
        variables: {
          input: {
            provinceId: 'tay-ninh',
            form: 'MINISTRY_CERTIFICATE',
            year: 2020,
            recipientKind: 'DEPARTMENT',
            recipientName: 'Sở Thông tin và Truyền thông tỉnh Tây Ninh',
            issuer: 'Bộ Lao động - Thương binh và Xã hội',
          },
        },
        token,
      },
    );
    expect(recorded.errors).toBeUndefined();
    expect(recorded.data!.recordCommendation.issuer).toBe('Bộ Lao động - Thương binh và Xã hội');
    const corrected = await t.query(
      `mutation ($id: ID!) { correctCommendation(id: $id, input: { issuer: null }, note: "nhập nhầm cơ quan") {
         issuer history { revision issuer } } }`,
      { variables: { id: recorded.data!.recordCommendation.id }, token },
    );
    expect(corrected.errors).toBeUndefined();
    expect(corrected.data!.correctCommendation).toEqual({
      issuer: 'Bộ Thông tin và Truyền thông',
      history: [
        { revision: 1, issuer: 'Bộ Lao động - Thương binh và Xã hội' },
        { revision: 2, issuer: null },
      ],
    });
  });
});

describe('the API in the reader’s language', () => {
  const record = `mutation ($input: [ObservationInput!]!) { recordObservations(input: $input) { value } }`;
  const input = [{ provinceId: 'ha-nam', indicator: 'nrd.criterion8_communes_pct', year: 2021, value: 150 }];

  test('Accept-Language: vi gets a Vietnamese BAD_USER_INPUT naming the field and the value; English otherwise', async () => {
    const token = await t.token('ministry');
    const vi = await t.query(record, { variables: { input }, token, language: 'vi-VN,vi;q=0.9,en;q=0.5' });
    const en = await t.query(record, { variables: { input }, token });
    expect(vi.errors![0].message).toBe('input[0].value: 150 không phải là tỷ lệ phần trăm từ 0 đến 100');
    expect(en.errors![0].message).toBe('input[0].value: 150 is not a percentage between 0 and 100');
    for (const response of [vi, en]) {
      expect(response.errors![0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'input[0].value',
        value: 150,
      });
    }
  });

  test('a unit that no longer existed is named with its validity in Vietnamese', async () => {
    const answer = await t.query(
      `mutation { setSeasonMembers(clusterId: "cum-3", year: 2026, provinceIds: ["bac-lieu"]) { year } }`,
      { token: await t.token('admin'), language: 'vi' },
    );
    expect(answer.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', value: 'bac-lieu' });
    expect(answer.errors![0].message).toMatch(
      /^provinceIds\[0\]: "bac-lieu" không tồn tại trong năm 2026: đơn vị tồn tại đến 2025-06-30$/,
    );
  });
});
