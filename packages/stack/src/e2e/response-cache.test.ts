import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, type ObjectTypeDefinitionNode } from 'graphql';
import { request } from 'undici';
import { startTestStack, testToken, type TestStack } from '../test/harness.js';
import { accountCases, type WriteCase } from '../test/response-cache-accounts.js';
import type { Role } from '@thidua/kit';

/**
 * The gateway's response cache never serves an answer from before a write:
 * for every mutation of the API, a read is cached (a second read is a hit),
 * the mutation goes through the gateway, and the same read then sees it.
 */
let t: TestStack;
beforeAll(async () => {
  t = await startTestStack({ demo: true });
}, 120_000);
afterAll(() => t.stop());

async function cacheCount(outcome: 'hit' | 'miss'): Promise<number> {
  const text = await (await fetch(`${t.baseUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`thidua_gateway_response_cache_total{outcome="${outcome}"} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

async function ok<T = Record<string, any>>(
  query: string,
  variables?: Record<string, unknown>,
  role?: Role,
  province?: string,
) {
  const response = await t.query<T>(query, { variables, token: role ? await testToken(role, province) : undefined });
  expect(response.errors).toBeUndefined();
  return response.data!;
}

const nodeBatch = (nodeId: string, headSeq: number) => ({ nodeId, headSeq, records: [] });
const recordCommendation = (recipientName: string) =>
  ok(
    `mutation ($input: CommendationInput!) { recordCommendation(input: $input) { id } }`,
    {
      input: {
        provinceId: 'ha-nam',
        form: 'DEPARTMENT_CERTIFICATE',
        year: 2020,
        recipientKind: 'COLLECTIVE',
        recipientName,
      },
    },
    'ministry',
  ).then((d) => d.recordCommendation.id as string);
const nominate = (provinceId: string, form: string) =>
  ok(
    `mutation { nominate(clusterId: "cum-3", year: 2019, provinceId: "${provinceId}", form: ${form}) { id } }`,
    undefined,
    'ministry',
  ).then((d) => d.nominate.id as string);
const nominationsOf = `{ cluster(id: "cum-3") { season(year: 2019) { nominations { id form status votesFor province { id } } } } }`;
const nomination = (data: any, id: unknown) => data.cluster.season.nominations.find((n: { id: string }) => n.id === id);

const cases: Record<string, WriteCase> = {
  ...accountCases({ t: () => t, ok, nominate, nominationsOf, nomination }),
  setCommendationPoints: {
    read: '{ commendationCatalogue { form points } }',
    write: () =>
      ok('mutation { setCommendationPoints(form: ADVANCED_MODEL, points: 0.75) { points } }', undefined, 'admin'),
    expectAfter: (after) =>
      expect(after.commendationCatalogue).toContainEqual({ form: 'ADVANCED_MODEL', points: 0.75 }),
  },
  recordCommendation: {
    read: '{ province(id: "ha-nam") { commendations(fromYear: 2020, toYear: 2020) { recipientName } } }',
    write: () => recordCommendation('Phòng Bưu chính, Viễn thông'),
    expectAfter: (after) =>
      expect(after.province.commendations).toContainEqual({ recipientName: 'Phòng Bưu chính, Viễn thông' }),
  },
  correctCommendation: {
    read: 'query ($id: ID!) { commendation(id: $id) { recipientName } }',
    setup: async () => ({ id: await recordCommendation('Phòng Công nghệ thông tin') }),
    readVariables: (setup) => ({ id: setup.id }),
    write: ({ id }) =>
      ok(
        `mutation ($id: ID!) { correctCommendation(id: $id, note: "Sửa tên", input: { recipientName: "Phòng Chuyển đổi số" }) { id } }`,
        { id },
        'ministry',
      ),
    expectAfter: (after) => expect(after.commendation).toEqual({ recipientName: 'Phòng Chuyển đổi số' }),
  },
  nominate: {
    read: nominationsOf,
    write: () => nominate('hung-yen', 'MINISTRY_EMULATION_FLAG'),
    expectAfter: (after) =>
      expect(after.cluster.season.nominations.map((n: any) => [n.province.id, n.form])).toContainEqual([
        'hung-yen',
        'MINISTRY_EMULATION_FLAG',
      ]),
  },
  castVote: {
    read: nominationsOf,
    setup: async () => ({ id: await nominate('ha-nam', 'MINISTRY_EMULATION_FLAG') }),
    write: ({ id }) =>
      ok(
        `mutation ($id: ID!) { castVote(nominationId: $id, voterProvinceId: "nam-dinh", approve: true) { id } }`,
        { id },
        'province',
        'nam-dinh',
      ),
    expectAfter: (after, _before, { id }) => expect(nomination(after, id).votesFor).toBe(1),
  },
  closeNomination: {
    read: nominationsOf,
    setup: async () => ({ id: await nominate('thai-binh', 'MINISTRY_EMULATION_FLAG') }),
    write: ({ id }) => ok(`mutation ($id: ID!) { closeNomination(nominationId: $id) { status } }`, { id }, 'ministry'),
    expectAfter: (after, _before, { id }) => expect(nomination(after, id).status).toBe('REJECTED'),
  },
  setAdoptionThreshold: {
    read: '{ cluster(id: "cum-3") { season(year: 2019) { adoptionThreshold { percent inclusive } } } }',
    write: () =>
      ok(
        'mutation { setAdoptionThreshold(clusterId: "cum-3", year: 2019, percent: 60, inclusive: true) { year } }',
        undefined,
        'ministry',
      ),
    expectAfter: (after) => expect(after.cluster.season.adoptionThreshold).toEqual({ percent: 60, inclusive: true }),
  },
  receiveAwardsRecords: {
    read: '{ province(id: "ninh-binh") { node { awards { nodeId lastSeq pending } } } }',
    write: () =>
      ok(
        'mutation ($batch: NodeBatchInput!) { receiveAwardsRecords(batch: $batch) { lastSeq } }',
        { batch: nodeBatch('00000000-0000-4000-8000-00000000c001', 4) },
        'province',
        'ninh-binh',
      ),
    expectAfter: (after) =>
      expect(after.province.node.awards).toMatchObject({ nodeId: '00000000-0000-4000-8000-00000000c001', pending: 4 }),
  },
  defineIndex: {
    read: '{ indices { id name } }',
    write: () =>
      ok(
        'mutation { defineIndex(id: "cache-test", name: "Chỉ số thử bộ nhớ đệm", components: [{ indicator: "dti.cyber_security", weight: 1 }]) { id } }',
        undefined,
        'admin',
      ),
    expectAfter: (after) => expect(after.indices).toContainEqual({ id: 'cache-test', name: 'Chỉ số thử bộ nhớ đệm' }),
  },
  defineIndicator: {
    read: '{ indicators { code name } }',
    write: () =>
      ok(
        `mutation { defineIndicator(input: { code: "cache.test_pct", name: "Chỉ tiêu thử", unit: PERCENT, direction: HIGHER_IS_BETTER, pillar: "egov" }) { code } }`,
        undefined,
        'admin',
      ),
    expectAfter: (after) => expect(after.indicators).toContainEqual({ code: 'cache.test_pct', name: 'Chỉ tiêu thử' }),
  },
  recordObservations: {
    read: '{ observations(provinceId: "hai-duong", indicator: "dti.cyber_security", year: 2019) { value } }',
    write: () =>
      ok(
        'mutation { recordObservations(input: [{ provinceId: "hai-duong", indicator: "dti.cyber_security", year: 2019, value: 0.4242 }]) { value } }',
        undefined,
        'admin',
      ),
    expectAfter: (after) => expect(after.observations).toEqual([{ value: 0.4242 }]),
  },
  receiveMetricsRecords: {
    read: '{ province(id: "ninh-binh") { node { metrics { nodeId lastSeq pending } } } }',
    write: () =>
      ok(
        'mutation ($batch: NodeBatchInput!) { receiveMetricsRecords(batch: $batch) { lastSeq } }',
        { batch: nodeBatch('00000000-0000-4000-8000-00000000c002', 3) },
        'province',
        'ninh-binh',
      ),
    expectAfter: (after) =>
      expect(after.province.node.metrics).toMatchObject({ nodeId: '00000000-0000-4000-8000-00000000c002', pending: 3 }),
  },
  createCluster: {
    read: '{ clusters { id } }',
    write: () => ok('mutation { createCluster(id: "cum-90", name: "Cụm thi đua số 90") { id } }', undefined, 'admin'),
    expectAfter: (after) => expect(after.clusters).toContainEqual({ id: 'cum-90' }),
  },
  setSeasonMembers: {
    read: '{ cluster(id: "cum-8") { seasons { year members { id } } } }',
    write: () =>
      ok(
        'mutation { setSeasonMembers(clusterId: "cum-8", year: 2023, provinceIds: ["ca-mau", "bac-lieu"]) { year } }',
        undefined,
        'admin',
      ),
    expectAfter: (after) =>
      expect(after.cluster.seasons).toContainEqual({ year: 2023, members: [{ id: 'bac-lieu' }, { id: 'ca-mau' }] }),
  },
  electHead: {
    read: '{ cluster(id: "cum-3") { season(year: 2020) { head { id } deputyHead { id } } } }',
    write: () =>
      ok(
        'mutation { electHead(clusterId: "cum-3", year: 2020, headId: "ha-nam", deputyHeadId: "nam-dinh") { year } }',
        undefined,
        'admin',
      ),
    expectAfter: (after) =>
      expect(after.cluster.season).toEqual({ head: { id: 'ha-nam' }, deputyHead: { id: 'nam-dinh' } }),
  },
};

test('every mutation of the API has a write-then-read case here', () => {
  const sdl = readFileSync(path.join(__dirname, '..', '..', '..', '..', 'services', 'gateway', 'api.graphql'), 'utf8');
  const mutation = parse(sdl).definitions.find(
    (d): d is ObjectTypeDefinitionNode => d.kind === 'ObjectTypeDefinition' && d.name.value === 'Mutation',
  )!;
  expect(Object.keys(cases).sort()).toEqual(mutation.fields!.map((f) => f.name.value).sort());
});

describe.each(Object.entries(cases))('after %s through the gateway', (_name, c) => {
  test('a cached read sees the write', async () => {
    const setup = (await c.setup?.()) ?? {};
    const variables = c.readVariables?.(setup);
    const before = await ok(c.read, variables, c.readAs);
    const hits = await cacheCount('hit');
    expect(await ok(c.read, variables, c.readAs)).toEqual(before);
    expect(await cacheCount('hit')).toBe(hits + 1);

    await c.write(setup);
    const misses = await cacheCount('miss');
    const after = await ok(c.read, variables, c.readAs);
    expect(await cacheCount('miss')).toBe(misses + 1);
    expect(after).not.toEqual(before);
    c.expectAfter(after, before, setup);
  });
});

describe('a write that does not pass through this gateway', () => {
  const read = '{ commendationCatalogue { form points } }';

  test('Cache-Control: no-cache gets it at once, and the fresh answer replaces the cached one', async () => {
    const before = await ok(read);
    await t.stack.subgraphs.awards.dataSource.query(
      `UPDATE catalogue_entry SET points = 3.5 WHERE form = 'PROVINCE_CERTIFICATE'`,
    );
    // The cache cannot know of it: until RESPONSE_CACHE_TTL_MS passes, a plain read is served as before.
    const hits = await cacheCount('hit');
    expect(await ok(read)).toEqual(before);
    expect(await cacheCount('hit')).toBe(hits + 1);

    const fresh = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cache-control': 'no-cache' },
      body: JSON.stringify({ query: read }),
    });
    const updated = { form: 'PROVINCE_CERTIFICATE', points: 3.5 };
    expect(((await fresh.json()) as any).data.commendationCatalogue).toContainEqual(updated);
    expect((await ok(read)).commendationCatalogue).toContainEqual(updated);
  });
});

describe('GET with a persisted query', () => {
  const query = '{ commendationCatalogue { form points } }';
  const hash = createHash('sha256').update(query).digest('hex');
  const getUrl = () =>
    `${t.url}?extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }))}`;
  /** A plain GET (fetch() would add Cache-Control: no-cache to a conditional request). */
  const get = async (headers: Record<string, string> = {}) => {
    const response = await request(getUrl(), { headers: { 'apollo-require-preflight': 'true', ...headers } });
    const text = await response.body.text();
    return {
      status: response.statusCode,
      header: (name: string) => response.headers[name] as string | undefined,
      json: () => JSON.parse(text),
    };
  };

  test('registers with its text once, then answers by hash with an ETag; an unchanged answer is 304', async () => {
    await ok(query); // its answer is cached: registering must still reach Apollo Server
    const unknown = (await get()).json();
    expect(unknown.errors[0].extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await fetch(t.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, extensions: { persistedQuery: { version: 1, sha256Hash: hash } } }),
    });
    expect(((await registered.json()) as any).errors).toBeUndefined();

    const first = await get();
    expect(first.status).toBe(200);
    const etag = first.header('etag')!;
    expect(etag).toBeTruthy();
    expect(first.header('cache-control')).toBe('public, no-cache');
    expect(first.json().data.commendationCatalogue.length).toBeGreaterThan(0);

    const again = await get({ 'if-none-match': etag });
    expect(again.status).toBe(304);

    await ok(
      'mutation { setCommendationPoints(form: EMULATION_FIGHTER, points: 1.25) { points } }',
      undefined,
      'admin',
    );
    const changed = await get({ 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.header('etag')).not.toBe(etag);
    expect(changed.json().data.commendationCatalogue).toContainEqual({
      form: 'EMULATION_FIGHTER',
      points: 1.25,
    });
  });

  test('a signed-in caller’s answer is private to them', async () => {
    const response = await get({ authorization: `Bearer ${await testToken('viewer')}` });
    expect(response.status).toBe(200);
    expect(response.header('cache-control')).toBe('private, no-cache');
  });

  test('a GET without a preflight header is refused as before, cached answer or not', async () => {
    const response = await request(getUrl());
    await response.body.text();
    expect(response.statusCode).toBe(400);
  });
});
