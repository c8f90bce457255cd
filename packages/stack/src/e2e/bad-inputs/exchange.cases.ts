/** Bad batches a provincial node's exchange could send (awards and metrics). */
import { type BadInputCase, type Category, type Store } from './case.js';
import { newAward } from './commendations.cases.js';

const goodRecordId = '6f1c1f0e-5a3b-4c2d-9e8f-0a1b2c3d4e5f';
const exchangeRecord = {
  seq: 1,
  recordId: goodRecordId,
  kind: 'commendation',
  provinceId: 'ha-giang',
  payload: { id: 'a5d3c7e1-0b2f-4e6a-8c9d-1e2f3a4b5c6d', ...newAward, year: 2016 },
  recordedAt: '2025-03-01T08:00:00Z',
};
const receive =
  (mutation: string, store: Store) =>
  (category: Category, name: string, batch: Record<string, unknown>, field: string, value: unknown): BadInputCase => ({
    category,
    name: `${mutation}: ${name}`,
    query: `mutation ($batch: NodeBatchInput!) { ${mutation}(batch: $batch) { lastSeq } }`,
    variables: {
      batch: { nodeId: '0d6f3a52-8c1e-4b7a-9f20-3c5d7e9a1b24', headSeq: 2, records: [exchangeRecord], ...batch },
    },
    // Sent with a registered node's credential, so what is refused is the batch, not the sender.
    province: 'node:ha-giang',
    field,
    value,
    stores: [store],
  });
const receiveAwards = receive('receiveAwardsRecords', 'awards');
const receiveMetrics = receive('receiveMetricsRecords', 'metrics');
const withRecord = (change: Record<string, unknown>) => ({ records: [{ ...exchangeRecord, ...change }] });

export const exchangeCases: BadInputCase[] = [
  // receiveAwardsRecords
  receiveAwards(
    'id',
    'a record id that is not a UUID',
    withRecord({ recordId: 'not-a-uuid' }),
    'batch.records[0].recordId',
    'not-a-uuid',
  ),
  receiveAwards('id', 'an empty record id', withRecord({ recordId: '' }), 'batch.records[0].recordId', ''),
  receiveAwards(
    'id',
    'a record id with a trailing space',
    withRecord({ recordId: `${goodRecordId} ` }),
    'batch.records[0].recordId',
    `${goodRecordId} `,
  ),
  receiveAwards(
    'id',
    'a bad record id in the second record',
    { records: [exchangeRecord, { ...exchangeRecord, seq: 2, recordId: '42' }] },
    'batch.records[1].recordId',
    '42',
  ),
  receiveAwards(
    'date',
    'recordedAt that is not a date-time',
    withRecord({ recordedAt: 'yesterday' }),
    'batch.records[0].recordedAt',
    'yesterday',
  ),
  receiveAwards(
    'date',
    'recordedAt without a time',
    withRecord({ recordedAt: '2025-01-01' }),
    'batch.records[0].recordedAt',
    '2025-01-01',
  ),
  receiveAwards(
    'date',
    'recordedAt in month 13',
    withRecord({ recordedAt: '2025-13-01T00:00:00Z' }),
    'batch.records[0].recordedAt',
    '2025-13-01T00:00:00Z',
  ),
  receiveAwards(
    'type',
    'a payload that is a string',
    withRecord({ payload: 'commendation' }),
    'batch.records[0].payload',
    'commendation',
  ),
  receiveAwards(
    'type',
    'a payload that is a list',
    withRecord({ payload: [1, 2] }),
    'batch.records[0].payload',
    [1, 2],
  ),
  receiveAwards(
    'text',
    'a NUL inside the payload',
    withRecord({ payload: { ...exchangeRecord.payload, recipientName: 'Sở\u0000' } }),
    'batch.records[0].payload.recipientName',
    'Sở\u0000',
  ),
  receiveAwards('type', 'a sequence number as a string', withRecord({ seq: '1' }), 'batch.records[0].seq', '1'),
  receiveAwards(
    'type',
    'a sequence number beyond 32 bits',
    withRecord({ seq: 2 ** 31 }),
    'batch.records[0].seq',
    2 ** 31,
  ),
  receiveAwards('type', 'headSeq null', { headSeq: null }, 'batch.headSeq', null),
  receiveAwards('text', 'a NUL in the node id', { nodeId: 'node\u0000' }, 'batch.nodeId', 'node\u0000'),

  // receiveMetricsRecords
  receiveMetrics(
    'id',
    'a record id that is not a UUID',
    withRecord({ recordId: 'bad' }),
    'batch.records[0].recordId',
    'bad',
  ),
  receiveMetrics(
    'date',
    'recordedAt that is not a date-time',
    withRecord({ recordedAt: 'hôm qua' }),
    'batch.records[0].recordedAt',
    'hôm qua',
  ),
  receiveMetrics('type', 'a payload that is a number', withRecord({ payload: 7 }), 'batch.records[0].payload', 7),
  receiveMetrics(
    'text',
    'a NUL inside the payload',
    withRecord({ payload: { indicator: 'egov\u0000' } }),
    'batch.records[0].payload.indicator',
    'egov\u0000',
  ),
];
