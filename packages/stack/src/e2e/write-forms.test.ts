import { errorCodes, startTestStack, type TestStack } from '../test/harness.js';

// What the dashboard's forms need of the API beyond what it had: a reason stored with a
// corrected figure, and a member changing its vote while voting is open.

let t: TestStack;
beforeAll(async () => {
  t = await startTestStack();
}, 120_000);
afterAll(() => t?.stop());

describe('a corrected figure keeps its reason', () => {
  const record = `mutation($input: [ObservationInput!]!) { recordObservations(input: $input) {
    value revision history { revision value reason recordedBy } } }`;
  const row = (value: number, reason?: string) => ({
    provinceId: 'ha-nam',
    indicator: 'egov.edocs_provincial_pct',
    year: 2019,
    value,
    source: 'báo cáo của Sở',
    ...(reason === undefined ? {} : { reason }),
  });

  test('a first record needs no reason; a correction stores its own with the revision it makes', async () => {
    const officer = await t.token('province', 'ha-nam');
    const first = await t.query(record, {
      token: officer,
      variables: { input: [row(80)] },
    });
    expect(first.errors).toBeUndefined();
    const corrected = await t.query(record, {
      token: officer,
      variables: { input: [row(85, 'Số liệu đã được Văn phòng UBND tỉnh xác nhận lại')] },
    });
    expect(corrected.data!.recordObservations[0]).toEqual({
      value: 85,
      revision: 2,
      history: [
        { revision: 1, value: 80, reason: null, recordedBy: 'test-province-ha-nam' },
        {
          revision: 2,
          value: 85,
          reason: 'Số liệu đã được Văn phòng UBND tỉnh xác nhận lại',
          recordedBy: 'test-province-ha-nam',
        },
      ],
    });
  });

  test('an over-long reason is BAD_USER_INPUT naming the row, and nothing is stored', async () => {
    const officer = await t.token('province', 'ha-nam');
    const answer = await t.query(record, { token: officer, variables: { input: [row(90, 'x'.repeat(1001))] } });
    expect(answer.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input[0].reason' });
    const stored = await t.query(
      '{ observations(provinceId: "ha-nam", indicator: "egov.edocs_provincial_pct", year: 2019) { value revision } }',
    );
    expect(stored.data!.observations).toEqual([{ value: 85, revision: 2 }]);
  });
});

describe('a member changes its vote while voting is open', () => {
  let nominationId: string;
  const vote = (mutation: 'castVote' | 'changeVote', voter: string, approve: boolean) =>
    `mutation { ${mutation}(nominationId: "${nominationId}", voterProvinceId: "${voter}", approve: ${approve}) {
       votesFor votesAgainst votes { voter { id } approve castBy } } }`;

  beforeAll(async () => {
    const head = await t.token('province', 'vinh-phuc');
    const nominated = await t.query(
      `mutation { nominate(clusterId: "cum-3", year: 2019, provinceId: "hung-yen", form: MINISTRY_CERTIFICATE) { id } }`,
      { token: head },
    );
    expect(nominated.errors).toBeUndefined();
    nominationId = nominated.data!.nominate.id;
  });

  test('the tallies follow the change, and the vote shows the new choice and who made it', async () => {
    const haNam = await t.token('province', 'ha-nam');
    expect((await t.query(vote('castVote', 'ha-nam', false), { token: haNam })).data!.castVote).toMatchObject({
      votesFor: 0,
      votesAgainst: 1,
    });
    const changed = await t.query(vote('changeVote', 'ha-nam', true), { token: haNam });
    expect(changed.data!.changeVote).toEqual({
      votesFor: 1,
      votesAgainst: 0,
      votes: [{ voter: { id: 'ha-nam' }, approve: true, castBy: 'test-province-ha-nam' }],
    });
  });

  test("a vote not yet cast cannot be changed, nor another member's", async () => {
    const namDinh = await t.token('province', 'nam-dinh');
    expect(errorCodes(await t.query(vote('changeVote', 'nam-dinh', true), { token: namDinh }))).toEqual(['CONFLICT']);
    expect(errorCodes(await t.query(vote('changeVote', 'ha-nam', false), { token: namDinh }))).toEqual(['FORBIDDEN']);
    const ministry = await t.token('ministry');
    expect(errorCodes(await t.query(vote('changeVote', 'ha-nam', false), { token: ministry }))).toEqual(['FORBIDDEN']);
  });

  test('once the head closes voting, votes can no longer change', async () => {
    const head = await t.token('province', 'vinh-phuc');
    const closed = await t.query(`mutation { closeNomination(nominationId: "${nominationId}") { status votesFor } }`, {
      token: head,
    });
    expect(closed.data!.closeNomination).toEqual({ status: 'REJECTED', votesFor: 1 });
    const haNam = await t.token('province', 'ha-nam');
    expect(errorCodes(await t.query(vote('changeVote', 'ha-nam', false), { token: haNam }))).toEqual(['CONFLICT']);
  });
});

describe('a commendation carries the date of its decision', () => {
  const fields = 'id decision decisionDate revision history { revision decisionDate note }';

  test('recorded with number and date, corrected with a reason; a date outside the award year or the next is refused', async () => {
    const officer = await t.token('province', 'ha-nam');
    const recorded = await t.query(
      `mutation { recordCommendation(input: { provinceId: "ha-nam", form: PROVINCE_CERTIFICATE, year: 2019,
         recipientKind: COLLECTIVE, recipientName: "Phòng Công nghệ thông tin", decision: "3779/QĐ-UBND",
         decisionDate: "2019-12-20" }) { ${fields} } }`,
      { token: officer },
    );
    expect(recorded.errors).toBeUndefined();
    const { id } = recorded.data!.recordCommendation;
    expect(recorded.data!.recordCommendation).toMatchObject({ decision: '3779/QĐ-UBND', decisionDate: '2019-12-20' });

    const corrected = await t.query(
      `mutation { correctCommendation(id: "${id}", input: { decisionDate: "2020-01-06" }, note: "Sai ngày ký") { ${fields} } }`,
      { token: officer },
    );
    expect(corrected.data!.correctCommendation).toMatchObject({
      decisionDate: '2020-01-06',
      revision: 2,
      history: [
        { revision: 1, decisionDate: '2019-12-20', note: null },
        { revision: 2, decisionDate: '2020-01-06', note: 'Sai ngày ký' },
      ],
    });

    const wrong = await t.query(
      `mutation { correctCommendation(id: "${id}", input: { decisionDate: "2017-05-01" }, note: "thử") { id } }`,
      { token: officer },
    );
    expect(wrong.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.decisionDate' });
  });
});
