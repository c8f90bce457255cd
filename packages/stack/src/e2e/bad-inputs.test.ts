import { isDeepStrictEqual } from 'node:util';
import type { GraphQLResponse } from '@thidua/kit/testing';
import { startTestStack, testToken, type TestStack } from '../test/harness.js';
import {
  cases,
  recordedIndicator,
  storedAward,
  type BadInputCase,
  type Fixtures,
  type Store,
} from './bad-inputs/index.js';

/*
 * The bad-input corpus (bad-inputs.cases.ts) against the real federation: each
 * case answers its code, names the field and the value, and leaves every row
 * of the databases it could touch as it was.
 */

let t: TestStack;
let fixtures: Fixtures;
const tokens = new Map<string, Promise<string>>();

/** An admin token, a province officer's, or for `node:<province>` the credential of that province's registered node. */
function tokenFor(province?: string): Promise<string> {
  const key = province ?? 'admin';
  if (!tokens.has(key)) {
    tokens.set(
      key,
      province?.startsWith('node:')
        ? registerNode(province.slice('node:'.length))
        : province
          ? testToken('province', province)
          : testToken('admin'),
    );
  }
  return tokens.get(key)!;
}

async function registerNode(province: string): Promise<string> {
  const data = await must('mutation ($p: ID!) { registerNode(provinceId: $p, name: "Máy chủ thử") { credential } }', {
    p: province,
  });
  return data.registerNode.credential;
}

async function must(query: string, variables?: Record<string, unknown>, province?: string): Promise<any> {
  const response = await t.query(query, { variables, token: await tokenFor(province) });
  if (response.errors) throw new Error(`fixture ${query}: ${JSON.stringify(response.errors)}`);
  return response.data;
}

beforeAll(async () => {
  t = await startTestStack();
  await must('mutation { createCluster(id: "cum-corpus", name: "Cụm kiểm thử") { id } }');
  await must('mutation { createCluster(id: "cum-corpus-b", name: "Cụm kiểm thử B") { id } }');
  const members =
    'mutation ($c: ID!, $p: [ID!]!) { setSeasonMembers(clusterId: $c, year: 2011, provinceIds: $p) { year } }';
  await must(members, { c: 'cum-corpus', p: ['lao-cai', 'yen-bai', 'ha-giang', 'tuyen-quang'] });
  await must(members, { c: 'cum-corpus-b', p: ['bac-kan'] });
  await must(
    'mutation { electHead(clusterId: "cum-corpus", year: 2011, headId: "lao-cai", deputyHeadId: "yen-bai") { year } }',
  );
  const record = 'mutation ($input: CommendationInput!) { recordCommendation(input: $input) { id } }';
  const stored = await must(record, { input: storedAward });
  const other = await must(record, { input: { ...storedAward, year: 2016, decision: 'Quyết định số 3/QĐ-BTTTT' } });
  const nominate =
    'mutation ($p: ID!) { nominate(clusterId: "cum-corpus", year: 2011, provinceId: $p, form: MINISTRY_EMULATION_FLAG) { id } }';
  const open = await must(nominate, { p: 'yen-bai' });
  await must(
    'mutation ($n: ID!) { castVote(nominationId: $n, voterProvinceId: "ha-giang", approve: true) { id } }',
    { n: open.nominate.id },
    'ha-giang',
  );
  const closed = await must(nominate, { p: 'lao-cai' });
  await must('mutation ($n: ID!) { closeNomination(nominationId: $n) { id } }', { n: closed.nominate.id });
  await must('mutation ($input: IndicatorInput!) { defineIndicator(input: $input) { code } }', {
    input: recordedIndicator,
  });
  await must('mutation ($input: [ObservationInput!]!) { recordObservations(input: $input) { revision } }', {
    input: [{ provinceId: 'ha-giang', indicator: recordedIndicator.code, year: 2019, value: 40 }],
  });
  await tokenFor('node:ha-giang');
  fixtures = {
    commendationId: stored.recordCommendation.id,
    otherCommendationId: other.recordCommendation.id,
    openNominationId: open.nominate.id,
    closedNominationId: closed.nominate.id,
  };
});
afterAll(() => t.stop());

/** A fingerprint of every row of every table of the stores: equal before and after means nothing was written. */
async function rows(stores: Store[]): Promise<Record<string, string>> {
  const prints: Record<string, string> = {};
  for (const store of stores) {
    const db = t.stack.subgraphs[store].dataSource;
    const tables: { name: string }[] = await db.query(
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`,
    );
    const union = tables
      .map(
        ({ name }) =>
          `SELECT '${name}' AS name, count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS hash FROM "${name}" t`,
      )
      .join(' UNION ALL ');
    for (const row of await db.query(union)) prints[`${store}.${row.name}`] = `${row.n} rows ${row.hash}`;
  }
  return prints;
}

async function send(c: BadInputCase): Promise<GraphQLResponse> {
  const variables = typeof c.variables === 'function' ? c.variables(fixtures) : c.variables;
  const body = c.rawVariables
    ? `{"query": ${JSON.stringify(c.query)}, "variables": ${c.rawVariables}}`
    : JSON.stringify({ query: c.query, variables });
  const response = await fetch(t.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenFor(c.province)}` },
    body,
  });
  return (await response.json()) as GraphQLResponse;
}

/** Whether an error names a field: as extensions.field, leading its message, or quoted in it as graphql-js does. */
function namesField(error: { message: string; extensions?: Record<string, unknown> }, field: string): boolean {
  if (error.extensions?.field === field) return true;
  return [`${field}:`, `"${field}"`, `"$${field}"`].some((form) => error.message.includes(form));
}

/** Whether an error names a value: as extensions.value, or written in its message. */
function namesValue(error: { message: string; extensions?: Record<string, unknown> }, value: unknown): boolean {
  if (error.extensions && 'value' in error.extensions && isDeepStrictEqual(error.extensions.value, value)) return true;
  const shown = [JSON.stringify(value), typeof value === 'string' ? value : String(value)];
  return shown.some((text) => text !== undefined && error.message.includes(text));
}

test('the corpus has at least 150 cases, covering every mutation of the API', () => {
  expect(cases.length).toBeGreaterThanOrEqual(150);
  const mutations = [
    'setCommendationPoints',
    'recordCommendation',
    'correctCommendation',
    'nominate',
    'castVote',
    'closeNomination',
    'setAdoptionThreshold',
    'receiveAwardsRecords',
    'defineIndex',
    'defineIndicator',
    'recordObservations',
    'receiveMetricsRecords',
    'createCluster',
    'setSeasonMembers',
    'electHead',
  ];
  const covered = new Set(cases.map((c) => c.name.split(':')[0]));
  expect(mutations.filter((m) => !covered.has(m))).toEqual([]);
  expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
});

test.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
  const before = await rows(c.stores);
  const response = await send(c);
  const error = response.errors?.[0];
  const field = c.field;
  const value = typeof c.value === 'function' ? c.value(fixtures) : c.value;
  expect({ code: error?.extensions?.code, message: error?.message }).toEqual({
    code: c.code ?? 'BAD_USER_INPUT',
    message: expect.any(String),
  });
  expect({
    message: error!.message,
    namesField: namesField(error!, field),
  }).toEqual({ message: error!.message, namesField: true });
  expect({ message: error!.message, value, namesValue: namesValue(error!, value) }).toEqual({
    message: error!.message,
    value,
    namesValue: true,
  });
  expect(await rows(c.stores)).toEqual(before);
});
