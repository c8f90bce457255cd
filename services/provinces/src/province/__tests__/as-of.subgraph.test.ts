import { startTestSubgraph, type TestSubgraph } from '@thidua/kit/testing';
import { provincesSubgraph } from '../../subgraph.js';

/*
 * `provinces(asOf:)` takes a Date (RFC 3339 full-date). A subgraph reached
 * directly refuses a bad one as the gateway does: BAD_USER_INPUT naming the
 * value, and the argument when the date is written in the query.
 */

let provinces: TestSubgraph;
beforeAll(async () => {
  provinces = await startTestSubgraph(provincesSubgraph);
});
afterAll(() => provinces.close());

test.each(['not-a-date', '2025-02-30', '2025-13-01', '2025-07-01T00:00:00Z', '1-1-2025'])(
  'asOf: "%s" written in the query is BAD_USER_INPUT naming asOf',
  async (asOf) => {
    const response = await provinces.query(`{ provinces(asOf: "${asOf}") { id } }`);
    expect(response.errors).toHaveLength(1);
    expect(response.errors![0].extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'asOf', value: asOf });
    expect(response.errors![0].message).toMatch(/^asOf: ".*" is not a date of the form YYYY-MM-DD/);
  },
);

test('a bad date in a variable is BAD_USER_INPUT naming the variable and the value', async () => {
  const response = await provinces.query('query ($day: Date) { provinces(asOf: $day) { id } }', {
    variables: { day: '2025-02-30' },
  });
  expect(response.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
  expect(response.errors?.[0].message).toContain('"$day" got invalid value "2025-02-30"');
});

test('a real date answers the units that existed that day', async () => {
  const before = await provinces.query<{ provinces: { id: string }[] }>('{ provinces(asOf: "2025-06-30") { id } }');
  const after = await provinces.query<{ provinces: { id: string }[] }>('{ provinces(asOf: "2025-07-01") { id } }');
  expect(before.data!.provinces).toHaveLength(63);
  expect(after.data!.provinces).toHaveLength(34);
});
