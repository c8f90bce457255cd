import { graphql, startTestStack, type TestStack } from '../test/harness.js';
import { as, figures, ict, mutations as m, ok, season, sheet, upload } from '../test/year-fixture.js';
import { demoPdf } from '@thidua/kit';
import {
  commendationIds2021,
  commendationPoints2021,
  confirm,
  frozen,
  record,
  seasonState,
  setPoints,
} from '../test/year-documents.js';

/*
 * One season's year through the gateway, from planning to the lock and back:
 * Cụm 3 in 2021 with four members, Vĩnh Phúc heading it and Bắc Ninh its deputy.
 */
const c = 'cum-3';
const y = 2021;
const head = 'vinh-phuc';
const deputy = 'bac-ninh';
const members = ['vinh-phuc', 'bac-ninh', 'ha-nam', 'ninh-binh'];
/** Criterion 8 per member: the indicator-linked criterion I.1 (max 10) is worth a tenth of it. */
const criterion8: Record<string, number> = { 'vinh-phuc': 90, 'bac-ninh': 80, 'ha-nam': 100, 'ninh-binh': 70 };
const v = { c, y };

let t: TestStack;
let criteria: Record<string, string>;
beforeAll(async () => {
  t = await startTestStack();
  await season(t, c, y, members, head, deputy);
  for (const id of members) {
    ok(
      await figures(t, id, y, {
        [ict.criterion8]: criterion8[id],
        [ict.online]: 80,
        [ict.edocs]: 90,
        [ict.portals]: 100,
        [ict.commune]: 95,
      }),
    );
  }
  for (const [provinceId, form] of [
    ['ha-nam', 'MINISTRY_CERTIFICATE'],
    ['ninh-binh', 'MINISTRY_EMULATION_FLAG'],
  ] as const) {
    const input = {
      provinceId,
      form,
      year: y,
      recipientKind: 'DEPARTMENT' as const,
      recipientName: `Sở TT&TT ${provinceId}`,
    };
    ok(await as(t, 'ministry', record, { input }));
  }
});
afterAll(() => t.stop());

async function state() {
  return ok(await t.query(seasonState, { variables: v })).cluster!.season!;
}

const pdf = (name: string) => demoPdf(name);

async function saveAndSubmit(provinceId: string, scores: Record<string, number>) {
  const token = await t.token('province', provinceId);
  const file = await upload(
    t,
    token,
    pdf(`Biên bản diễn tập - ${provinceId}.pdf`),
    'application/pdf',
    `Biên bản diễn tập ${provinceId}.pdf`,
  );
  expect(file.status).toBe(201);
  ok(
    await as(t, provinceId, m.save, {
      ...v,
      p: provinceId,
      items: [
        {
          criterionId: criteria['I.2'],
          selfScore: scores['I.2'],
          evidenceIds: [file.json.id],
          note: 'Diễn tập tháng 10',
        },
        { criterionId: criteria['II.1'], selfScore: scores['II.1'] },
      ],
    }),
  );
  return as(t, provinceId, m.submit, { ...v, p: provinceId });
}

describe('the emulation year, end to end through the gateway', () => {
  test('PLANNING until the compact is signed; the sheet comes first; OPEN once signed', async () => {
    expect((await state()).status).toBe('PLANNING');
    const early = await as(t, head, m.sign, { ...v, on: '2021-02-26' });
    expect(early.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(early.errors?.[0].message).toMatch(/define the sheet/);
    const member = await as(t, 'ha-nam', m.defineSheet, { ...v, criteria: sheet });
    expect(member.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const defined = ok(
      await as(t, head, m.defineSheet, { ...v, criteria: sheet, w: { sheet: 0.4, ict: 0.4, award: 0.2 } }),
    );
    expect(defined.defineScoringSheet).toMatchObject({ maxTotal: 20, weights: { sheet: 0.4, ict: 0.4, award: 0.2 } });
    criteria = Object.fromEntries(defined.defineScoringSheet.criteria.map((k) => [k.code, k.id]));
    const document = await upload(
      t,
      await t.token('province', head),
      pdf('Giao uoc thi dua 2021.pdf'),
      'application/pdf',
      'Giao ước thi đua Cụm 3 năm 2021.pdf',
    );
    expect(document).toMatchObject({ status: 201, json: { url: `/files/${document.json.id}` } });
    ok(await as(t, head, m.sign, { ...v, on: '2021-02-26', place: 'Vĩnh Phúc', doc: document.json.id }));
    const after = await state();
    expect(after.status).toBe('OPEN');
    expect(after.compact).toMatchObject({
      signedOn: '2021-02-26',
      place: 'Vĩnh Phúc',
      document: { fileName: 'Giao ước thi đua Cụm 3 năm 2021.pdf', contentType: 'application/pdf' },
    });
    expect(after.compact!.signatories.map((p) => p.id).sort()).toEqual([...members].sort());
  });

  test('members save and submit their own assessments, with evidence: ASSESSMENT', async () => {
    const other = await as(t, 'ha-nam', m.save, { ...v, p: 'bac-ninh', items: [] });
    expect(other.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const tooMany = await as(t, 'ha-nam', m.save, {
      ...v,
      p: 'ha-nam',
      items: [{ criterionId: criteria['II.1'], selfScore: 4.5 }],
    });
    expect(tooMany.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'items[0].selfScore' } });
    ok(await as(t, 'ha-nam', m.save, { ...v, p: 'ha-nam', items: [{ criterionId: criteria['I.2'], selfScore: 5 }] }));
    const unproven = await as(t, 'ha-nam', m.submit, { ...v, p: 'ha-nam' });
    expect(unproven.errors?.[0].message).toMatch(/II\.1.*no self-score|no self-score/);
    const submitted = ok(await saveAndSubmit('bac-ninh', { 'I.2': 5, 'II.1': 4 }));
    // I.1 was left to the rule: criterion 8 at 80 % of 10 points is 8.
    expect(submitted.submitAssessment).toMatchObject({ status: 'SUBMITTED', selfTotal: 17 });
    expect((await state()).status).toBe('ASSESSMENT');
    for (const [id, scores] of [
      ['ha-nam', { 'I.2': 6, 'II.1': 4 }],
      ['ninh-binh', { 'I.2': 4, 'II.1': 3 }],
      ['vinh-phuc', { 'I.2': 6, 'II.1': 3.5 }],
    ] as const) {
      ok(await saveAndSubmit(id, scores));
    }
  });

  test('an assessment is returned with a reason and resubmitted', async () => {
    const byMember = await as(t, 'ninh-binh', m.return, { ...v, p: 'ha-nam', reason: 'Thiếu minh chứng' });
    expect(byMember.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const reason = 'Biên bản diễn tập chưa có chữ ký: đề nghị bổ sung minh chứng tiêu chí I.2';
    const returned = ok(await as(t, head, m.return, { ...v, p: 'ha-nam', reason, ids: [criteria['I.2']] }));
    expect(returned.returnAssessment).toEqual({ status: 'RETURNED', returnReason: reason });
    const haNam = (await state()).assessments!.find((a) => a.province.id === 'ha-nam')!;
    expect(haNam.items.find((i) => i.criterion.code === 'I.2')!.returned).toBe(true);
    const again = ok(await saveAndSubmit('ha-nam', { 'I.2': 5.5, 'II.1': 4 }));
    expect(again.submitAssessment).toMatchObject({ status: 'SUBMITTED', selfTotal: 19.5 });
    const history = (await state()).history!.map((e) => `${e.action}: ${e.detail}`);
    expect(history).toContainEqual(expect.stringMatching(new RegExp(`^returnAssessment: ha-nam: ${reason}`)));
    expect(history).toContainEqual('submitAssessment: ha-nam: resubmitted, self total 19.5');
  });

  test('the head appraises, the deputy appraises the head, a departure from the rule needs a note: REVIEW', async () => {
    const noNote = await as(t, head, m.appraise, {
      ...v,
      p: 'ninh-binh',
      items: [{ criterionId: criteria['I.1'], appraisedScore: 9 }],
    });
    expect(noNote.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'items[0].note' } });
    const withNote = ok(
      await as(t, head, m.appraise, {
        ...v,
        p: 'ninh-binh',
        items: [
          { criterionId: criteria['I.1'], appraisedScore: 7.5, note: 'Số liệu bổ sung được Sở NN&PTNT xác nhận' },
        ],
      }),
    );
    expect(withNote.appraiseAssessment).toMatchObject({ status: 'APPRAISED', appraisedTotal: 14.5 });
    for (const id of ['bac-ninh', 'ha-nam']) ok(await as(t, head, m.appraise, { ...v, p: id, items: [] }));
    const own = await as(t, head, m.appraise, { ...v, p: head, items: [] });
    expect(own.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    ok(
      await as(t, deputy, m.appraise, {
        ...v,
        p: head,
        items: [{ criterionId: criteria['II.1'], appraisedScore: 3, note: 'Chưa đạt chỉ tiêu CCHC' }],
      }),
    );
    const after = await state();
    expect(after.status).toBe('REVIEW');
    expect(after.sheetRanking).toEqual([
      { province: { id: 'ha-nam' }, appraisedTotal: 19.5, rank: 1 },
      { province: { id: 'vinh-phuc' }, appraisedTotal: 18, rank: 2 },
      { province: { id: 'bac-ninh' }, appraisedTotal: 17, rank: 3 },
      { province: { id: 'ninh-binh' }, appraisedTotal: 14.5, rank: 4 },
    ]);
  });

  test('the review and the head election, then the lock: LOCKED, with the results frozen', async () => {
    const { nominate } = ok(await as(t, head, m.nominate, { ...v, p: 'ha-nam', f: 'MINISTRY_CERTIFICATE' }));
    for (const voter of ['vinh-phuc', 'bac-ninh', 'ninh-binh']) {
      ok(await as(t, voter, m.vote, { id: nominate.id, voter, approve: true }));
    }
    ok(await as(t, head, m.close, { id: nominate.id }));
    const minutes =
      'Hội nghị tổng kết Cụm 3 ngày 15/12/2021 thống nhất đề nghị tặng Cờ thi đua của Bộ cho Sở TT&TT Vĩnh Phúc';
    ok(await as(t, head, m.consensus, { ...v, p: 'vinh-phuc', f: 'MINISTRY_EMULATION_FLAG', minutes }));
    const early = await as(t, head, m.lock, v);
    expect(early.errors?.[0].extensions).toMatchObject({
      code: 'CONFLICT',
      missing: ['the head of 2022 is not elected: hold the head election'],
    });
    ok(await as(t, head, m.openElection, { ...v, ids: ['bac-ninh', 'ha-nam'] }));
    for (const [voter, pick] of [
      ['vinh-phuc', 'bac-ninh'],
      ['bac-ninh', 'ha-nam'],
      ['ha-nam', 'bac-ninh'],
      ['ninh-binh', 'bac-ninh'],
    ]) {
      ok(await as(t, voter, m.voteHead, { ...v, id: pick }));
    }
    const closed = ok(await as(t, head, m.closeElection, { ...v, d: 'ha-nam' })).closeHeadElection;
    expect(closed).toMatchObject({
      outcome: 'ELECTED',
      elected: { id: 'bac-ninh' },
      deputy: { id: 'ha-nam' },
      votes: 4,
    });
    ok(await as(t, head, m.lock, v));
    const locked = await state();
    expect(locked.status).toBe('LOCKED');
    expect(locked.results).toMatchObject({
      lockedBy: `test-province-${head}`,
      revision: 1,
      nextHead: { id: 'bac-ninh' },
      nextDeputyHead: { id: 'ha-nam' },
      weights: { sheet: 0.4, ict: 0.4, award: 0.2 },
    });
    const results = locked.results!;
    expect(results.standings).toHaveLength(4);
    expect(results.sheetRanking[0]).toEqual({ province: { id: 'ha-nam' }, rank: 1, appraisedTotal: 19.5 });
    expect(results.adopted.map((n) => n.mode).sort()).toEqual(['CONSENSUS', 'VOTE']);
    expect(results.figures).toContainEqual({
      province: { id: 'ha-nam' },
      indicator: ict.criterion8,
      revision: 1,
      value: 100,
    });
    expect(results.cataloguePoints).toContainEqual({ form: 'MINISTRY_CERTIFICATE', points: 4 });
    const actions = locked.history!.map((e) => e.action);
    for (const step of [
      'defineScoringSheet',
      'signCompact',
      'saveAssessment',
      'submitAssessment',
      'returnAssessment',
      'appraiseAssessment',
      'castVote',
      'adoptByConsensus',
      'voteHead',
      'closeHeadElection',
      'lockSeason',
    ]) {
      expect(actions).toContain(step);
    }
    expect(actions.at(-1)).toBe('lockSeason');
  });
});

describe('after the lock', () => {
  test('a figure written after the lock is refused with SEASON_LOCKED naming the season, who and when; nothing changes', async () => {
    const refused = await figures(t, 'ha-nam', y, { [ict.criterion8]: 50 });
    expect(refused.errors?.[0].extensions).toMatchObject({
      code: 'SEASON_LOCKED',
      clusterId: c,
      year: y,
      lockedBy: `test-province-${head}`,
    });
    expect(refused.errors?.[0].message).toMatch(/cum-3 2021 was locked by test-province-vinh-phuc at \d{4}-/);
    const stored = ok(
      await t.query(
        graphql(`
          query ($indicator: ID!) {
            observations(provinceId: "ha-nam", year: 2021, indicator: $indicator) {
              value
              revision
            }
          }
        `),
        { variables: { indicator: ict.criterion8 } },
      ),
    );
    expect(stored.observations).toEqual([{ value: 100, revision: 1 }]);
    // The next year is not part of the record.
    ok(await figures(t, 'ha-nam', y + 1, { [ict.criterion8]: 50 }));
    const commendation = await as(t, 'ministry', record, {
      input: {
        provinceId: 'bac-ninh',
        form: 'MINISTRY_CERTIFICATE',
        year: y,
        recipientKind: 'DEPARTMENT',
        recipientName: 'Sở TT&TT Bắc Ninh',
      },
    });
    expect(commendation.errors?.[0].extensions?.code).toBe('SEASON_LOCKED');
    const none = ok(await t.query(commendationIds2021, { variables: { id: 'bac-ninh' } }));
    expect(none.province!.commendations).toEqual([]);
    for (const write of [
      () => as(t, 'ha-nam', m.save, { ...v, p: 'ha-nam', items: [] }),
      () => as(t, head, m.defineSheet, { ...v, criteria: sheet }),
      () => as(t, head, m.nominate, { ...v, p: 'bac-ninh', f: 'MINISTRY_CERTIFICATE' }),
    ]) {
      expect((await write()).errors?.[0].extensions?.code).toBe('SEASON_LOCKED');
    }
  });

  test('a change of catalogue points leaves the locked results (and standings) unchanged', async () => {
    const before = ok(await t.query(frozen, { variables: v })).cluster!.season!;
    ok(await as(t, 'admin', setPoints, { p: 9 }));
    try {
      const after = ok(await t.query(frozen, { variables: v })).cluster!.season!;
      expect(after.results).toEqual(before.results);
      expect(after.standings).toEqual(before.standings);
      expect(after.results!.cataloguePoints).toContainEqual({ form: 'MINISTRY_CERTIFICATE', points: 4 });
      const live = ok(await t.query(commendationPoints2021, { variables: { id: 'ha-nam' } }));
      expect(live.province!.commendations).toEqual([{ points: 9 }]);
    } finally {
      ok(await as(t, 'admin', setPoints, { p: 4 }));
    }
  });

  test('reopenSeason is FORBIDDEN to a province; the Ministry reopens with a reason, kept in the history', async () => {
    const reason = 'Bộ đề nghị rà soát lại số liệu tiêu chí số 8 của Hà Nam';
    for (const who of [head, 'admin']) {
      expect((await as(t, who, m.reopen, { ...v, reason })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    }
    expect((await as(t, 'ministry', m.reopen, { ...v, reason: ' ' })).errors?.[0].extensions?.code).toBe(
      'BAD_USER_INPUT',
    );
    ok(await as(t, 'ministry', m.reopen, { ...v, reason }));
    const reopened = await state();
    expect(reopened.status).toBe('REVIEW');
    expect(reopened.results).toBeNull();
    expect(reopened.history!.at(-1)).toMatchObject({ actor: 'test-ministry', action: 'reopenSeason' });
    expect(reopened.history!.at(-1)!.detail).toContain(reason);
    const corrected = ok(await figures(t, 'ha-nam', y, { [ict.criterion8]: 99 }));
    expect(corrected.recordObservations).toEqual([{ indicator: { code: ict.criterion8 }, value: 99, revision: 2 }]);
    ok(await as(t, 'ministry', m.lock, v));
    expect((await state()).results).toMatchObject({ revision: 2, lockedBy: 'test-ministry' });
  });

  test('the head the review elected is recorded on the next season by the outgoing head', async () => {
    expect((await as(t, 'ha-nam', confirm, v)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const confirmed = ok(await as(t, head, confirm, v));
    expect(confirmed.confirmNextHead).toEqual({
      year: 2022,
      head: { id: 'bac-ninh' },
      deputyHead: { id: 'ha-nam' },
      members: [],
    });
  });
});
