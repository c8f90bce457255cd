import { errorCodes, startTestStack, type TestStack } from '../test/harness.js';

// Vĩnh Phúc was merged into Phú Thọ (phu-tho-2025) on 1 July 2025. Its
// officers' tokens keep their rights for the years Vĩnh Phúc existed and have
// none for later years (docs/architecture.md, "Security model").
let t: TestStack;
beforeAll(async () => {
  t = await startTestStack();
});
afterAll(() => t.stop());

const recordObservation = `mutation ($input: [ObservationInput!]!) { recordObservations(input: $input) { year value } }`;
const observation = (provinceId: string, year: number) => ({
  input: [{ provinceId, indicator: 'nrd.criterion8_communes_pct', year, value: 80, source: 'merged-province test' }],
});
const recordCommendation = `mutation ($input: CommendationInput!) { recordCommendation(input: $input) { year } }`;
const commendation = (provinceId: string, year: number) => ({
  input: {
    provinceId,
    form: 'PROVINCE_EMULATION_FLAG',
    year,
    recipientKind: 'DEPARTMENT',
    recipientName: 'Sở Thông tin và Truyền thông',
    decision: `Quyết định ${year}`,
  },
});

test('a token for vinh-phuc still writes vinh-phuc data for 2024 and 2025', async () => {
  const token = await t.token('province', 'vinh-phuc');
  for (const year of [2024, 2025]) {
    const observed = await t.query(recordObservation, { token, variables: observation('vinh-phuc', year) });
    expect(observed).toEqual({ data: { recordObservations: [{ year, value: 80 }] } });
  }
  const recorded = await t.query(recordCommendation, { token, variables: commendation('vinh-phuc', 2024) });
  expect(recorded).toEqual({ data: { recordCommendation: { year: 2024 } } });
});

test('a token for vinh-phuc has no rights for 2026, and nothing is stored', async () => {
  const token = await t.token('province', 'vinh-phuc');
  const observed = await t.query(recordObservation, { token, variables: observation('vinh-phuc', 2026) });
  expect(errorCodes(observed)).toEqual(['FORBIDDEN']);
  expect(observed.errors![0].message).toMatch(/"vinh-phuc", which has no rights for 2026: it existed until 2025-06-30/);
  const recorded = await t.query(recordCommendation, { token, variables: commendation('vinh-phuc', 2026) });
  expect(errorCodes(recorded)).toEqual(['FORBIDDEN']);

  const stored = await t.query(
    `{ province(id: "vinh-phuc") { observations(year: 2026) { year } commendations(fromYear: 2026, toYear: 2026) { year } } }`,
  );
  expect(stored.errors).toBeUndefined();
  expect(stored.data!.province).toEqual({ observations: [], commendations: [] });
});

test('nor does it write for its successor, whose token has no rights before 2025', async () => {
  const vinhPhuc = await t.token('province', 'vinh-phuc');
  const successor = await t.query(recordObservation, { token: vinhPhuc, variables: observation('phu-tho-2025', 2026) });
  expect(errorCodes(successor)).toEqual(['FORBIDDEN']);
  const phuTho = await t.token('province', 'phu-tho-2025');
  const before = await t.query(recordObservation, { token: phuTho, variables: observation('phu-tho-2025', 2024) });
  expect(errorCodes(before)).toEqual(['FORBIDDEN']);
  const after = await t.query(recordObservation, { token: phuTho, variables: observation('phu-tho-2025', 2026) });
  expect(after).toEqual({ data: { recordObservations: [{ year: 2026, value: 80 }] } });
});
