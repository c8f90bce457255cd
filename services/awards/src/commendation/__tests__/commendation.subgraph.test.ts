import { type Role, type Viewer } from '@thidua/kit';
import { clusterScope } from '@thidua/kit/exchange';
import { errorCodes, overlapTransactions, startTestSubgraph, testToken, type TestSubgraph } from '@thidua/kit/testing';
import { CommendationForm, RecipientKind } from '../../catalogue/catalogue.entity.js';
import { awardsSubgraph } from '../../subgraph.js';
import type { CommendationInput } from '../commendation.input.js';
import { correctCommendation, recordCommendation } from '../commendation.service.js';

let awards: TestSubgraph;
beforeAll(async () => {
  awards = await startTestSubgraph(awardsSubgraph);
});
afterAll(() => awards.close());

const admin: Viewer = { sub: 'test-admin', role: 'admin' };
let recipients = 0;

/** A commendation no other test records: the same award twice is a duplicate. */
const commendation = (fields: Partial<CommendationInput> = {}): CommendationInput => ({
  provinceId: 'ha-noi',
  form: CommendationForm.PROVINCE_CERTIFICATE,
  year: 2020,
  recipientKind: RecipientKind.COLLECTIVE,
  recipientName: `Phòng thử nghiệm ${++recipients}`,
  ...fields,
});

const record = `mutation ($input: CommendationInput!) { recordCommendation(input: $input) { id revision } }`;
const correct = `mutation ($id: ID!, $input: CommendationCorrectionInput!, $note: String) {
  correctCommendation(id: $id, input: $input, note: $note) { id revision }
}`;

interface Stored {
  commendation: {
    decision: string | null;
    revision: number;
    history: { revision: number; action: string; decision: string | null; note: string | null; actor: string }[];
  } | null;
}

async function stored(id: string) {
  const response = await awards.query<Stored>(
    `query ($id: ID!) { commendation(id: $id) { decision revision history { revision action decision note actor } } }`,
    { variables: { id } },
  );
  expect(response.errors).toBeUndefined();
  return response.data!.commendation;
}

/** The commendations stored for a recipient (each test's recipient is its own), from the subgraph's database. */
function storedFor(recipientName: string): Promise<unknown[]> {
  return awards.dataSource.query(`SELECT id FROM commendation WHERE recipient_name = $1`, [recipientName]);
}

async function recorded(fields: Partial<CommendationInput> = {}): Promise<string> {
  const created = await awards.dataSource.transaction((em) =>
    recordCommendation(em, admin, commendation(fields), clusterScope),
  );
  return created.id;
}

const token = (role: Role | null, province?: string) => (role ? testToken(role, province) : undefined);

describe('recordCommendation: who records what', () => {
  const ministryForm = { form: CommendationForm.MINISTRY_CERTIFICATE };
  test.each([
    { rule: 'needs a token', role: null, province: undefined, fields: {}, code: 'UNAUTHENTICATED' },
    { rule: 'a viewer may not', role: 'viewer', province: undefined, fields: {}, code: 'FORBIDDEN' },
    {
      rule: "a province records its own province's forms",
      role: 'province',
      province: 'ha-noi',
      fields: {},
      code: null,
    },
    {
      rule: 'a province records nothing of another',
      role: 'province',
      province: 'hai-phong',
      fields: {},
      code: 'FORBIDDEN',
    },
    {
      rule: "a province does not record the Ministry's forms",
      role: 'province',
      province: 'ha-noi',
      fields: ministryForm,
      code: 'FORBIDDEN',
    },
    {
      rule: "the ministry records the Ministry's forms",
      role: 'ministry',
      province: undefined,
      fields: ministryForm,
      code: null,
    },
    { rule: 'an admin records any form', role: 'admin', province: undefined, fields: ministryForm, code: null },
  ] as const)('$rule', async ({ role, province, fields, code }) => {
    const response = await awards.query<{ recordCommendation: { revision: number } | null }>(record, {
      variables: { input: commendation(fields) },
      token: await token(role, province),
    });
    expect(errorCodes(response)).toEqual(code ? [code] : []);
    if (!code) expect(response.data?.recordCommendation?.revision).toBe(1);
  });
});

describe('recordCommendation: bad input names its field', () => {
  const { DEPARTMENT } = RecipientKind;
  test.each([
    { rule: 'a year from 2000', fields: { year: 1999 }, field: 'input.year' },
    { rule: 'a year before 2100', fields: { year: 2100 }, field: 'input.year' },
    { rule: 'a period has both ends (to)', fields: { periodFrom: 2018 }, field: 'input.periodTo' },
    { rule: 'a period has both ends (from)', fields: { periodTo: 2020 }, field: 'input.periodFrom' },
    { rule: 'a period ends after it starts', fields: { periodFrom: 2020, periodTo: 2020 }, field: 'input.periodTo' },
    { rule: 'the year lies in the period', fields: { periodFrom: 2016, periodTo: 2018 }, field: 'input.year' },
    { rule: 'a known province', fields: { provinceId: 'atlantis' }, field: 'input.provinceId' },
    { rule: 'the province existed that year', fields: { provinceId: 'phu-tho-2025' }, field: 'input.provinceId' },
    {
      rule: 'the province still existed that year',
      fields: { provinceId: 'vinh-phuc', year: 2026 },
      field: 'input.provinceId',
    },
    {
      rule: 'a flag goes to a department or collective, not a person',
      fields: { form: CommendationForm.MINISTRY_EMULATION_FLAG, recipientKind: RecipientKind.INDIVIDUAL },
      field: 'input.recipientKind',
    },
    {
      rule: 'the form may go to that kind of recipient',
      fields: { form: CommendationForm.EMULATION_FIGHTER, recipientKind: DEPARTMENT },
      field: 'input.recipientKind',
    },
    { rule: 'a recipient name', fields: { recipientName: '  ' }, field: 'input.recipientName' },
    { rule: 'a decision, when given, is not empty', fields: { decision: '' }, field: 'input.decision' },
    { rule: 'a decision of at most 200 characters', fields: { decision: 'x'.repeat(201) }, field: 'input.decision' },
    { rule: 'a citation of at most 2000 characters', fields: { citation: 'x'.repeat(2001) }, field: 'input.citation' },
    { rule: 'a source of at most 500 characters', fields: { source: 'x'.repeat(501) }, field: 'input.source' },
  ])('$rule', async ({ fields, field }) => {
    const input = commendation(fields);
    const response = await awards.query(record, { variables: { input }, token: await testToken('admin') });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    const value = input[field.slice('input.'.length) as keyof CommendationInput] ?? null;
    // A long value is named by its beginning.
    const named = typeof value === 'string' && value.length > 40 ? expect.stringContaining(value.slice(0, 40)) : value;
    expect(response.errors![0].extensions).toMatchObject({ field, value: named });
    expect(await storedFor(input.recipientName)).toEqual([]);
  });

  test('a unit that no longer existed is refused, naming the year and when it ended', async () => {
    const response = await awards.query(record, {
      variables: { input: commendation({ provinceId: 'vinh-phuc', year: 2026 }) },
      token: await testToken('admin'),
    });
    expect(response.errors![0].message).toMatch(/^input\.provinceId: "vinh-phuc" did not exist in 2026/);
  });

  test('a recipient name is stored without its surrounding spaces', async () => {
    const response = await awards.query<{ recordCommendation: { id: string } }>(record, {
      variables: { input: commendation({ recipientName: '  Nguyễn Văn A  ', year: 2018 }) },
      token: await testToken('province', 'ha-noi'),
    });
    expect(response.errors).toBeUndefined();
    const names = await awards.dataSource.query(`SELECT recipient_name FROM commendation WHERE id = $1`, [
      response.data!.recordCommendation.id,
    ]);
    expect(names).toEqual([{ recipient_name: 'Nguyễn Văn A' }]);
  });

  test('the same award twice is CONFLICT: correct the record instead', async () => {
    const input = commendation({ decision: 'Quyết định số 1/QĐ-UBND' });
    expect((await awards.query(record, { variables: { input }, token: await testToken('admin') })).errors).toBe(
      undefined,
    );
    const again = await awards.query(record, { variables: { input }, token: await testToken('ministry') });
    expect(errorCodes(again)).toEqual(['CONFLICT']);
  });
});

describe('correctCommendation', () => {
  test('each correction is the next revision, with who made it and why; the same state again is none', async () => {
    const id = await recorded();
    for (const [decision, role, note] of [
      ['Quyết định số 12/QĐ-UBND', 'province', 'số quyết định'],
      ['Quyết định số 21/QĐ-UBND', 'ministry', 'đọc lại bản gốc'],
      ['Quyết định số 21/QĐ-UBND', 'admin', 'không đổi'],
    ] as const) {
      const response = await awards.query(correct, {
        variables: { id, input: { decision }, note },
        token: await testToken(role, role === 'province' ? 'ha-noi' : undefined),
      });
      expect(response.errors).toBeUndefined();
    }
    const after = await stored(id);
    expect(after!.revision).toBe(3);
    expect(after!.history).toEqual([
      { revision: 1, action: 'record', decision: null, note: null, actor: 'test-admin' },
      {
        revision: 2,
        action: 'correct',
        decision: 'Quyết định số 12/QĐ-UBND',
        note: 'số quyết định',
        actor: 'test-province-ha-noi',
      },
      {
        revision: 3,
        action: 'correct',
        decision: 'Quyết định số 21/QĐ-UBND',
        note: 'đọc lại bản gốc',
        actor: 'test-ministry',
      },
    ]);
  });

  test.each([
    {
      rule: 'a province cannot move an award to another province',
      input: { provinceId: 'hai-phong' },
      code: 'FORBIDDEN',
    },
    {
      rule: 'a province cannot turn an award into a Ministry form',
      input: { form: CommendationForm.MINISTRY_CERTIFICATE },
      code: 'FORBIDDEN',
    },
    { rule: 'a required field cannot be cleared', input: { recipientName: null }, code: 'BAD_USER_INPUT' },
    { rule: 'the corrected state is checked like a new one', input: { year: 1999 }, code: 'BAD_USER_INPUT' },
  ])('$rule, and nothing changes', async ({ input, code }) => {
    const id = await recorded();
    const response = await awards.query(correct, {
      variables: { id, input },
      token: await testToken('province', 'ha-noi'),
    });
    expect(errorCodes(response)).toEqual([code]);
    expect((await stored(id))!.history).toHaveLength(1);
  });

  test.each([
    { rule: 'an unknown id', id: '00000000-0000-4000-8000-000000000000' },
    { rule: 'a malformed id', id: 'not-a-uuid' },
  ])('$rule is NOT_FOUND', async ({ id }) => {
    const response = await awards.query(correct, { variables: { id, input: {} }, token: await testToken('admin') });
    expect(errorCodes(response)).toEqual(['NOT_FOUND']);
  });

  test('two first corrections of one record at once both land, as revisions 2 and 3', async () => {
    const id = await recorded();
    const ministry: Viewer = { sub: 'test-ministry', role: 'ministry' };
    const [, second] = await overlapTransactions(
      awards.dataSource,
      (em) => correctCommendation(em, admin, { id, input: { decision: 'Số 1' }, note: 'một' }, clusterScope),
      (em) => correctCommendation(em, ministry, { id, input: { decision: 'Số 2' }, note: 'hai' }, clusterScope),
    );
    expect(second).toMatchObject({ ok: true, value: { revision: 3, decision: 'Số 2' } });
    expect((await stored(id))!.history.map(({ revision, note, actor }) => ({ revision, note, actor }))).toEqual([
      { revision: 1, note: null, actor: 'test-admin' },
      { revision: 2, note: 'một', actor: 'test-admin' },
      { revision: 3, note: 'hai', actor: 'test-ministry' },
    ]);
  });
});

describe('correctCommendation: more rules', () => {
  test("a province cannot correct another province's award, and nothing changes", async () => {
    const id = await recorded();
    const response = await awards.query(correct, {
      variables: { id, input: { recipientName: 'Phòng khác' } },
      token: await testToken('province', 'hai-phong'),
    });
    expect(errorCodes(response)).toEqual(['FORBIDDEN']);
    expect((await stored(id))!.history).toHaveLength(1);
  });

  test('an optional field can be cleared; the earlier state stays in the history', async () => {
    const id = await recorded({ citation: 'Thành tích xuất sắc năm 2020' });
    const response = await awards.query<{ correctCommendation: { citation: string | null; revision: number } }>(
      `mutation ($id: ID!) { correctCommendation(id: $id, input: { citation: null }, note: "bỏ trích dẫn") { citation revision } }`,
      { variables: { id }, token: await testToken('admin') },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.correctCommendation).toEqual({ citation: null, revision: 2 });
    const after = await awards.query<{ commendation: { history: { revision: number; citation: string | null }[] } }>(
      `query ($id: ID!) { commendation(id: $id) { history { revision citation } } }`,
      { variables: { id } },
    );
    expect(after.data!.commendation.history).toEqual([
      { revision: 1, citation: 'Thành tích xuất sắc năm 2020' },
      { revision: 2, citation: null },
    ]);
  });

  test('a published period-only award can be dated once its year is known; its seed state stays first', async () => {
    const [flag] = await awards.dataSource.query(
      `SELECT id FROM commendation WHERE province_id = 'tay-ninh' AND form = 'MINISTRY_EMULATION_FLAG'
        AND period_from = 2015 AND period_to = 2020 ORDER BY id LIMIT 1`,
    );
    const response = await awards.query<{ correctCommendation: Record<string, unknown> }>(
      `mutation ($id: ID!) {
        correctCommendation(id: $id, input: { year: 2017, periodFrom: null, periodTo: null }, note: "year found") {
          year yearApproximate periodFrom revision history { revision periodFrom periodTo year action actor }
        }
      }`,
      { variables: { id: flag.id }, token: await testToken('ministry') },
    );
    expect(response.errors).toBeUndefined();
    expect(response.data!.correctCommendation).toMatchObject({
      year: 2017,
      yearApproximate: false,
      periodFrom: null,
      revision: 2,
      history: [
        { revision: 1, periodFrom: 2015, periodTo: 2020, year: 2020, action: 'seed', actor: 'seed' },
        { revision: 2, periodFrom: null, periodTo: null, year: 2017, action: 'correct', actor: 'test-ministry' },
      ],
    });
  });
});
