import { loadReferenceData } from '../reference/index.js';

/*
 * The departments every province had through the 2025 reorganisation
 * (Nghị định 55/2025/NĐ-CP), and the ministry of a day: reference data the
 * provinces subgraph answers and awards names issuers by.
 */

const { departments, facts } = loadReferenceData();

test.each([
  ['ha-tinh', '2019-12-13', 'Sở Thông tin và Truyền thông tỉnh Hà Tĩnh', 'Bộ Thông tin và Truyền thông'],
  ['ha-tinh', '2025-02-28', 'Sở Thông tin và Truyền thông tỉnh Hà Tĩnh', 'Bộ Thông tin và Truyền thông'],
  ['ha-tinh', '2025-03-01', 'Sở Khoa học và Công nghệ tỉnh Hà Tĩnh', 'Bộ Khoa học và Công nghệ'],
  ['ha-noi', '2020-01-01', 'Sở Thông tin và Truyền thông thành phố Hà Nội', 'Bộ Thông tin và Truyền thông'],
  [
    'bac-lieu',
    '2021-06-01',
    'Sở Văn hóa, Thông tin, Thể thao và Du lịch tỉnh Bạc Liêu',
    'Bộ Thông tin và Truyền thông',
  ],
  ['bac-lieu', '2025-05-01', 'Sở Khoa học và Công nghệ tỉnh Bạc Liêu', 'Bộ Khoa học và Công nghệ'],
  ['ca-mau-2025', '2026-01-01', 'Sở Khoa học và Công nghệ tỉnh Cà Mau', 'Bộ Khoa học và Công nghệ'],
])('%s on %s: %s under %s', (provinceId, day, name, ministry) => {
  expect(departments.at(provinceId, day)).toMatchObject({ name, ministry });
});

test('no department before a province existed, nor after it ended', () => {
  expect(departments.at('bac-lieu', '2025-07-01')).toBeNull();
  expect(departments.at('ca-mau-2025', '2025-06-30')).toBeNull();
  expect(departments.at('ha-tinh', '2004-08-11')).toBeNull();
});

test("Hà Tĩnh's department: founded 2004-08-12 by 81/2004/QĐ-UB-NV as Sở Bưu chính - Viễn thông, renamed, merged in 2025", () => {
  const periods = departments.of('ha-tinh');
  expect(periods.map((p) => [p.name, p.validFrom, p.validUntil])).toEqual([
    ['Sở Bưu chính - Viễn thông tỉnh Hà Tĩnh', '2004-08-12', null],
    ['Sở Thông tin và Truyền thông tỉnh Hà Tĩnh', null, '2025-02-28'],
    ['Sở Khoa học và Công nghệ tỉnh Hà Tĩnh', '2025-03-01', null],
  ]);
  expect(periods[1]).toMatchObject({
    founded: '2004-08-12',
    foundingDecision: 'Quyết định số 81/2004/QĐ-UB-NV của UBND tỉnh Hà Tĩnh',
  });
  expect(periods[2].founded).toBeNull();
  expect(periods[2].predecessorKeys).toEqual([periods[1].key]);
  expect(periods[1].leaders.map((l) => [l.name, l.year])).toEqual([
    ['Phan Tấn Linh', 2015],
    ['Nguyễn Công Thành', 2020],
    ['Đậu Tùng Lâm', 2020],
  ]);
});

test("a merged unit's department succeeds the departments of the units merged into it", () => {
  const [camau] = departments.of('ca-mau-2025');
  expect(camau.predecessorKeys.map((key) => departments.get(key)!.name).sort()).toEqual([
    'Sở Khoa học và Công nghệ tỉnh Bạc Liêu',
    'Sở Khoa học và Công nghệ tỉnh Cà Mau',
  ]);
});

test('the ministry changes on 2025-03-01', () => {
  expect(departments.ministryOn('2019-12-31')).toBe('Bộ Thông tin và Truyền thông');
  expect(departments.ministryOn('2025-02-28')).toBe('Bộ Thông tin và Truyền thông');
  expect(departments.ministryOn('2025-03-01')).toBe('Bộ Khoa học và Công nghệ');
  expect(departments.ministryOn('2026-12-31')).toBe('Bộ Khoa học và Công nghệ');
});

test('facts keep ranges, bounds and approximations as stated', () => {
  const haTinh = facts.ofProvince('ha-tinh', 2019);
  expect(haTinh.find((f) => f.kind === 'RANGE')).toMatchObject({ value: '15–20%', lower: 15, upper: 20 });
  expect(haTinh.filter((f) => f.kind === 'AT_LEAST').map((f) => f.value)).toEqual(['trên 2.500', 'trên 50']);
  expect(facts.ofSeason('cum-3', 2019).find((f) => f.kind === 'APPROXIMATE')).toMatchObject({ value: 'gần 100%' });
  for (const fact of facts.all()) expect(fact.source).toEqual(expect.any(String));
});
