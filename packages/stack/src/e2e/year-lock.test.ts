import { graphql, startTestStack, type TestStack } from '../test/harness.js';
import { figures, ict, lockedSeason, ok } from '../test/year-fixture.js';

/*
 * What a lock refuses beyond the direct writes: a provincial node's records
 * for a locked year arriving through the exchange, and a write of figures
 * while awards (which keeps the locks) cannot be asked.
 */
let t: TestStack;
/** Hà Nam's registered node credential: only a registered node sends records. */
let credential: string;
beforeAll(async () => {
  t = await startTestStack();
  ok(await figures(t, 'ha-nam', 2022, { [ict.criterion8]: 81 }));
  await lockedSeason(t, 'cum-3', 2022, ['vinh-phuc', 'ha-nam', 'ninh-binh']);
  const registered = ok(
    await t.query(
      graphql(`
        mutation {
          registerNode(provinceId: "ha-nam", name: "Máy chủ Sở TT&TT Hà Nam") {
            credential
          }
        }
      `),
      { token: await t.token('ministry') },
    ),
  );
  credential = registered.registerNode.credential;
});
afterAll(() => t.stop());

const batch = (kind: string, payload: Record<string, unknown>, seq = 1) => ({
  nodeId: 'a0a0a0a0-0000-4000-8000-000000000001',
  headSeq: seq,
  records: [
    {
      seq,
      recordId: `00000000-0000-4000-8000-00000000000${seq}`,
      kind,
      provinceId: 'ha-nam',
      payload,
      recordedAt: '2022-12-30T08:00:00Z',
    },
  ],
});

describe('a provincial node’s records for a locked year', () => {
  test('an observation is rejected with the lock named, and the stored figure stays', async () => {
    const response = ok(
      await t.query(
        graphql(`
          mutation ($batch: NodeBatchInput!) {
            receiveMetricsRecords(batch: $batch) {
              lastSeq
              rejected {
                seq
                reason
              }
            }
          }
        `),
        {
          variables: {
            batch: batch('observation', { indicator: ict.criterion8, year: 2022, value: 99, recordedBy: 'node' }),
          },
          token: credential,
        },
      ),
    );
    expect(response.receiveMetricsRecords.lastSeq).toBe(1);
    expect(response.receiveMetricsRecords.rejected[0].reason).toMatch(
      /season cum-3 2022 was locked by test-province-vinh-phuc/,
    );
    const stored = ok(
      await t.query(
        graphql(`
          query ($indicator: ID!) {
            observations(provinceId: "ha-nam", year: 2022, indicator: $indicator) {
              value
              revision
            }
          }
        `),
        { variables: { indicator: ict.criterion8 } },
      ),
    );
    expect(stored.observations).toEqual([{ value: 81, revision: 1 }]);
  });

  test('a commendation counted in the locked year is rejected too', async () => {
    const payload = {
      id: '6f1d2c3b-4a5e-4f60-8a7b-9c0d1e2f3a4b',
      form: 'PROVINCE_CERTIFICATE',
      year: 2022,
      recipientKind: 'DEPARTMENT',
      recipientName: 'Sở TT&TT Hà Nam',
      recordedBy: 'node',
    };
    const response = ok(
      await t.query(
        graphql(`
          mutation ($batch: NodeBatchInput!) {
            receiveAwardsRecords(batch: $batch) {
              rejected {
                reason
              }
            }
          }
        `),
        {
          variables: { batch: { ...batch('commendation', payload), nodeId: 'a0a0a0a0-0000-4000-8000-000000000002' } },
          token: credential,
        },
      ),
    );
    expect(response.receiveAwardsRecords.rejected[0].reason).toMatch(
      /^recordCommendation \(ha-nam, 2022\) is refused: the season cum-3 2022/,
    );
    const none = ok(
      await t.query(
        graphql(`
          {
            province(id: "ha-nam") {
              commendations(fromYear: 2022, toYear: 2022) {
                id
              }
            }
          }
        `),
      ),
    );
    expect(none.province!.commendations).toEqual([]);
  });
});

test('a tally of the locked year is refused (SEASON_LOCKED), one over a longer period is not', async () => {
  const tally = (periodFrom: number) => ({
    provinceId: 'ninh-binh',
    form: 'PROVINCE_CERTIFICATE',
    recipientKind: 'INDIVIDUAL',
    count: 3,
    periodFrom,
    periodTo: 2022,
    source: 'Báo cáo tổng kết năm 2022 của Sở',
  });
  const importTallies = `mutation ($tallies: [TallyInput!]!) { importCommendations(tallies: $tallies) { tallies { stored } } }`;
  const token = await t.token('ministry');
  const refused = await t.query(importTallies, { variables: { tallies: [tally(2022)] }, token });
  expect(refused.errors?.[0].extensions?.code).toBe('SEASON_LOCKED');
  expect(refused.errors?.[0].message).toMatch(/^importCommendations \(ninh-binh, 2022\) is refused/);
  const read = `{ province(id: "ninh-binh") { commendationTallies(fromYear: 2018, toYear: 2022) { periodFrom count } } }`;
  expect(ok(await t.query(read)).province.commendationTallies).toEqual([]);

  ok(await t.query(importTallies, { variables: { tallies: [tally(2018)] }, token }));
  expect(ok(await t.query(read)).province.commendationTallies).toEqual([{ periodFrom: 2018, count: 3 }]);
});

test('with awards down, figures are not written (SERVICE_UNAVAILABLE): a lock cannot be checked, so nothing is guessed', async () => {
  const awards = t.stack.subgraphs.awards;
  await awards.stop();
  const refused = await figures(t, 'ninh-binh', 2023, { [ict.criterion8]: 70 });
  // The gateway names the subgraph that answered (metrics); the message names the one it could not ask.
  expect(refused.errors?.[0].extensions?.code).toBe('SERVICE_UNAVAILABLE');
  expect(refused.errors?.[0].message).toMatch(/^The awards service did not answer; nothing was stored/);
  const stored = ok(
    await t.query(
      graphql(`
        {
          observations(provinceId: "ninh-binh", year: 2023) {
            value
          }
        }
      `),
    ),
  );
  expect(stored.observations).toEqual([]);
});
