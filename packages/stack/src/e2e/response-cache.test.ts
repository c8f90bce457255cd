import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, type ObjectTypeDefinitionNode } from 'graphql';
import { startTestStack, testToken, type TestStack } from '../test/harness.js';
import { responseCacheCount } from '../test/cache-metrics.js';
import { accountCases, type WriteCase } from '../test/response-cache-accounts.js';
import type { Role } from '@thidua/kit';
import { yearSteps } from '../test/cache-year-steps.js';

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

const cacheCount = (outcome: 'hit' | 'miss') => responseCacheCount(t.baseUrl, outcome);

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
/** Ninh Bình's node, registered once: only its own credential may send exchange records. */
let ninhBinhCredential: Promise<string> | undefined;
async function asNode(query: string, variables: Record<string, unknown>) {
  ninhBinhCredential ??= ok(
    'mutation { registerNode(provinceId: "ninh-binh", name: "Máy chủ Sở Ninh Bình") { credential } }',
    undefined,
    'ministry',
  ).then((d) => d.registerNode.credential as string);
  const response = await t.query(query, { variables, token: await ninhBinhCredential });
  expect(response.errors).toBeUndefined();
  return response.data!;
}
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
    // 2020: the castVote case fixes 2019's threshold with its vote.
    read: '{ cluster(id: "cum-3") { season(year: 2020) { adoptionThreshold { percent inclusive } } } }',
    write: () =>
      ok(
        'mutation { setAdoptionThreshold(clusterId: "cum-3", year: 2020, percent: 60, inclusive: true) { year } }',
        undefined,
        'ministry',
      ),
    expectAfter: (after) => expect(after.cluster.season.adoptionThreshold).toEqual({ percent: 60, inclusive: true }),
  },
  receiveAwardsRecords: {
    read: '{ province(id: "ninh-binh") { node { awards { nodeId lastSeq pending } } } }',
    write: () =>
      asNode('mutation ($batch: NodeBatchInput!) { receiveAwardsRecords(batch: $batch) { lastSeq } }', {
        batch: nodeBatch('00000000-0000-4000-8000-00000000c001', 4),
      }),
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
      asNode('mutation ($batch: NodeBatchInput!) { receiveMetricsRecords(batch: $batch) { lastSeq } }', {
        batch: nodeBatch('00000000-0000-4000-8000-00000000c002', 3),
      }),
    expectAfter: (after) =>
      expect(after.province.node.metrics).toMatchObject({ nodeId: '00000000-0000-4000-8000-00000000c002', pending: 3 }),
  },
  importCommendations: {
    read: '{ province(id: "bac-ninh") { commendationTallies(fromYear: 2020, toYear: 2020) { count recipientKind } } }',
    write: () =>
      ok(
        `mutation ($tallies: [TallyInput!]!) { importCommendations(tallies: $tallies) { errorCount } }`,
        {
          tallies: [
            {
              provinceId: 'bac-ninh',
              form: 'DEPARTMENT_CERTIFICATE',
              recipientKind: 'INDIVIDUAL',
              count: 7,
              periodFrom: 2020,
              periodTo: 2020,
              source: 'Báo cáo tổng kết công tác thi đua năm 2020',
            },
          ],
        },
        'ministry',
      ),
    expectAfter: (after) =>
      expect(after.province.commendationTallies).toContainEqual({ count: 7, recipientKind: 'INDIVIDUAL' }),
  },
  importObservations: {
    read: '{ observations(provinceId: "bac-ninh", indicator: "dti.cyber_security", year: 2019) { value } }',
    write: () =>
      ok(
        `mutation ($columns: ObservationColumnsInput!) { importObservations(columns: $columns) { stored errorCount } }`,
        {
          columns: {
            provinceIds: ['bac-ninh'],
            indicators: ['dti.cyber_security'],
            years: [2019],
            values: [0.3131],
          },
        },
        'ministry',
      ),
    expectAfter: (after) => expect(after.observations).toEqual([{ value: 0.3131 }]),
  },
  registerNode: {
    read: '{ nodeRegistrations(provinceId: "thai-binh") { name revokedAt } }',
    readAs: 'ministry',
    write: () =>
      ok(
        'mutation { registerNode(provinceId: "thai-binh", name: "Máy chủ Sở Thái Bình") { registration { id } } }',
        undefined,
        'ministry',
      ),
    expectAfter: (after) =>
      expect(after.nodeRegistrations).toContainEqual({ name: 'Máy chủ Sở Thái Bình', revokedAt: null }),
  },
  revokeNode: {
    read: '{ nodeRegistrations(provinceId: "hung-yen") { id revokeReason } }',
    readAs: 'ministry',
    setup: async () => {
      const data = await ok(
        'mutation { registerNode(provinceId: "hung-yen", name: "Máy chủ Sở Hưng Yên") { registration { id } } }',
        undefined,
        'ministry',
      );
      return { id: data.registerNode.registration.id };
    },
    write: ({ id }) =>
      ok('mutation ($id: ID!) { revokeNode(id: $id, reason: "Thay máy chủ") { revokedAt } }', { id }, 'ministry'),
    expectAfter: (after, _before, { id }) =>
      expect(after.nodeRegistrations).toContainEqual({ id, revokeReason: 'Thay máy chủ' }),
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

/**
 * A node's operator acts on its dead letters; nodeOutbox, the only read they
 * change, is never cached (the node's shipper changes it between requests):
 * node-outbox.test.ts shows it, and that each of these is seen at once.
 */
const coveredByNodeOutboxTest = [
  'retryAwardsRecord',
  'discardAwardsRecord',
  'retryMetricsRecord',
  'discardMetricsRecord',
];

test('every mutation of the API has a write-then-read case (here, in response-cache-year and node-outbox)', () => {
  const sdl = readFileSync(path.join(__dirname, '..', '..', '..', '..', 'services', 'gateway', 'api.graphql'), 'utf8');
  const mutation = parse(sdl).definitions.find(
    (d): d is ObjectTypeDefinitionNode => d.kind === 'ObjectTypeDefinition' && d.name.value === 'Mutation',
  )!;
  const covered = [...Object.keys(cases), ...yearSteps.map((s) => s.name), ...coveredByNodeOutboxTest];
  expect(covered.sort()).toEqual(mutation.fields!.map((f) => f.name.value).sort());
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
