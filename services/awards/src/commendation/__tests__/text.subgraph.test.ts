import { startTestSubgraph, testToken, type TestSubgraph } from '@thidua/kit/testing';
import { NormalizedText1732610000000 } from '../../migrations/1732610000000-normalized-text.js';
import { awardsSubgraph } from '../../subgraph.js';

/*
 * The text rule in the awards subgraph: a commendation's text is stored in one
 * form, so a copy that differs only by Unicode normalisation or invisible
 * characters is the same award (CONFLICT), not a second one in the standings.
 */

let awards: TestSubgraph;
let admin: string;

beforeAll(async () => {
  awards = await startTestSubgraph(awardsSubgraph);
  admin = await testToken('admin');
});
afterAll(() => awards.close());

const record = `mutation ($input: CommendationInput!) {
  recordCommendation(input: $input) { id recipientName decision citation }
}`;

const name = 'Sở Thông tin và Truyền thông tỉnh Hà Giang';
const award = {
  provinceId: 'ha-giang',
  form: 'MINISTRY_CERTIFICATE',
  year: 2018,
  recipientKind: 'DEPARTMENT',
  recipientName: name,
  decision: 'Quyết định số 7/QĐ-BTTTT',
};

const awardsOf = (provinceId: string, year: number): Promise<{ recipient_name: string }[]> =>
  awards.dataSource.query('SELECT recipient_name FROM commendation WHERE province_id = $1 AND year = $2', [
    provinceId,
    year,
  ]);

test('text is stored NFC, without invisible characters, trimmed', async () => {
  const response = await awards.query(record, {
    token: admin,
    variables: {
      input: {
        ...award,
        year: 2017,
        recipientName: ` \u200B${name.normalize('NFD')}\uFEFF `,
        citation: 'Vì đã có thành tích\u00AD xuất sắc\n',
      },
    },
  });
  expect(response.errors).toBeUndefined();
  expect(response.data!.recordCommendation).toMatchObject({
    recipientName: name,
    citation: 'Vì đã có thành tích xuất sắc',
  });
  expect(await awardsOf('ha-giang', 2017)).toEqual([{ recipient_name: name }]);
});

describe('a copy of a recorded award is CONFLICT, and only the first is stored', () => {
  beforeAll(async () => {
    const first = await awards.query(record, { token: admin, variables: { input: award } });
    expect(first.errors).toBeUndefined();
  });

  test.each([
    ['in NFD', { recipientName: name.normalize('NFD') }],
    ['with a trailing zero-width space', { recipientName: `${name}\u200B` }],
    ['with a byte-order mark inside the decision', { decision: `\uFEFF${award.decision}` }],
    ['with a zero-width joiner and spaces', { recipientName: `  ${name.replace('Sở', 'S\u200Dở')}  ` }],
  ])('%s', async (_case, change) => {
    const response = await awards.query(record, { token: admin, variables: { input: { ...award, ...change } } });
    expect(response.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(response.errors?.[0].message).toContain('ha-giang');
    expect(await awardsOf('ha-giang', 2018)).toHaveLength(1);
  });
});

test.each([
  ['only invisible characters', { recipientName: '\u200B\u200C\uFEFF' }, 'input.recipientName'],
  ['a NUL in the citation', { citation: 'a\u0000b' }, 'input.citation'],
  ['a control character in the decision', { decision: 'Quyết định\u0007' }, 'input.decision'],
  ['a lone surrogate in the source', { source: 'báo cáo \uD83D' }, 'input.source'],
])('%s is BAD_USER_INPUT naming the field, and nothing is stored', async (_case, change, field) => {
  const response = await awards.query(record, {
    token: admin,
    variables: { input: { ...award, year: 2016, ...change } },
  });
  expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  expect(await awardsOf('ha-giang', 2016)).toEqual([]);
});

describe('the migration that brings older rows to the stored form', () => {
  const insert = (recipientName: string, recordedAt: string, citation: string | null = null) =>
    awards.dataSource.query(
      `INSERT INTO commendation (province_id, form, year, recipient_kind, recipient_name, citation, recorded_by, recorded_at, updated_by)
       VALUES ('cao-bang', 'MINISTRY_CERTIFICATE', 2015, 'DEPARTMENT', $1, $2, 'old', $3, 'old') RETURNING id`,
      [recipientName, citation, recordedAt],
    ) as Promise<{ id: string }[]>;
  const textOf = async (id: string) =>
    (await awards.dataSource.query('SELECT recipient_name, citation FROM commendation WHERE id = $1', [id]))[0];

  test('normalises old rows; of old copies of one award only the first takes the stored form', async () => {
    const nfc = 'Sở Thông tin và Truyền thông tỉnh Cao Bằng';
    // As the service stored them before the rule: trimmed of spaces, nothing more.
    const [older] = await insert(nfc.normalize('NFD'), '2020-01-01T00:00:00Z', ' trích dẫn\u200B ');
    const [newer] = await insert(`${nfc}\u200B`, '2021-01-01T00:00:00Z');
    const runner = awards.dataSource.createQueryRunner();
    try {
      await new NormalizedText1732610000000().up(runner);
    } finally {
      await runner.release();
    }
    expect(await textOf(older.id)).toEqual({ recipient_name: nfc, citation: 'trích dẫn' });
    expect(await textOf(newer.id)).toEqual({ recipient_name: `${nfc}\u200B`, citation: null });

    const copy = await awards.query(record, {
      token: admin,
      variables: { input: { ...award, provinceId: 'cao-bang', year: 2015, recipientName: nfc, decision: null } },
    });
    expect(copy.errors?.[0].extensions?.code).toBe('CONFLICT');
  });
});
