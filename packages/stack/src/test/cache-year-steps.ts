import type { TestStack } from './harness.js';
import { as, mutations as m, ok, season } from './year-fixture.js';

/*
 * The emulation year's mutations, each as a step of one season's year
 * (Cụm 3 in 2022: Vĩnh Phúc heads it, Bắc Ninh is its deputy, Hà Nam the
 * third member), for the response-cache test: a read of the season is cached,
 * the step's mutation goes through the gateway, and the same read sees it.
 */
export const cacheYear = { c: 'cum-3', y: 2022 } as const;
const v = cacheYear;
const [head, deputy, member] = ['vinh-phuc', 'bac-ninh', 'ha-nam'];
export const cacheYearMembers = [head, deputy, member];

/** The read every step repeats: what each step changes is somewhere in it. */
export const cacheYearRead = `query ($c: ID!, $y: Int!, $p: ID!) { cluster(id: $c) {
  season(year: $y) {
    status
    rules { quorum }
    scoringSheet { criteria { code } }
    compact { signedOn }
    assessment(provinceId: $p) { status selfTotal appraisedTotal returnReason }
    nominations { id status mode province { id } }
    headElection { round status votes outcome elected { id } }
  }
  next: season(year: 2023) { head { id } headElection { outcome elected { id } } }
} }`;
export const cacheYearReadVariables = { ...v, p: member };

/** Shared between steps: the criterion's id once the sheet is defined, and so on. */
export interface YearState {
  criterionId?: string;
  nominationId?: string;
}

export interface YearStep {
  /** The mutation this step is about (the API's field name). */
  name: string;
  /** Writes the step needs first, before the read is cached. */
  setup?: (t: TestStack, state: YearState) => Promise<void>;
  write: (t: TestStack, state: YearState) => Promise<unknown>;
  /** What the read shows once the write went through. */
  expectAfter: (after: any, before: any, state: YearState) => void;
}

const saveOwn = (t: TestStack, state: YearState, who: string, score: number) =>
  as(t, who, m.save, { ...v, p: who, items: [{ criterionId: state.criterionId!, selfScore: score }] }).then(ok);

export const yearSteps: YearStep[] = [
  {
    name: 'defineScoringSheet',
    setup: (t) => season(t, v.c, v.y, cacheYearMembers, head, deputy),
    write: async (t, state) => {
      const criteria = [
        { code: 'I.1', group: 'I. Chuyển đổi số', title: 'Ứng dụng công nghệ thông tin', maxPoints: 10 },
      ];
      const data = ok(await as(t, head, m.defineSheet, { ...v, criteria }));
      state.criterionId = data.defineScoringSheet.criteria[0].id;
    },
    expectAfter: (after) => expect(after.cluster.season.scoringSheet).toEqual({ criteria: [{ code: 'I.1' }] }),
  },
  {
    name: 'setSeasonRules',
    write: async (t) =>
      ok(
        await as(
          t,
          head,
          `mutation ($c: ID!, $y: Int!) { setSeasonRules(clusterId: $c, year: $y, rules: { quorum: 0.66 }) { year } }`,
          v,
        ),
      ),
    expectAfter: (after) => expect(after.cluster.season.rules.quorum).toBe(0.66),
  },
  {
    name: 'signCompact',
    write: async (t) => ok(await as(t, head, m.sign, { ...v, on: '2022-03-01', place: 'Vĩnh Yên' })),
    expectAfter: (after) =>
      expect(after.cluster.season).toMatchObject({ status: 'OPEN', compact: { signedOn: '2022-03-01' } }),
  },
  {
    name: 'saveAssessment',
    write: (t, state) => saveOwn(t, state, member, 8),
    expectAfter: (after) => expect(after.cluster.season.assessment).toMatchObject({ status: 'DRAFT', selfTotal: 8 }),
  },
  {
    name: 'submitAssessment',
    write: async (t) => ok(await as(t, member, m.submit, { ...v, p: member })),
    expectAfter: (after) => expect(after.cluster.season.assessment.status).toBe('SUBMITTED'),
  },
  {
    name: 'returnAssessment',
    write: async (t) => ok(await as(t, head, m.return, { ...v, p: member, reason: 'Thiếu minh chứng' })),
    expectAfter: (after) =>
      expect(after.cluster.season.assessment).toMatchObject({ status: 'RETURNED', returnReason: 'Thiếu minh chứng' }),
  },
  {
    name: 'appraiseAssessment',
    setup: async (t, state) => {
      await saveOwn(t, state, member, 7);
      ok(await as(t, member, m.submit, { ...v, p: member }));
    },
    write: async (t, state) =>
      ok(
        await as(t, head, m.appraise, {
          ...v,
          p: member,
          items: [{ criterionId: state.criterionId!, appraisedScore: 6.5 }],
        }),
      ),
    expectAfter: (after) =>
      expect(after.cluster.season.assessment).toMatchObject({ status: 'APPRAISED', appraisedTotal: 6.5 }),
  },
  {
    name: 'adoptByConsensus',
    write: async (t) =>
      ok(
        await as(t, head, m.consensus, {
          ...v,
          p: member,
          f: 'MINISTRY_CERTIFICATE',
          minutes: 'Hội nghị tổng kết thống nhất đề xuất',
        }),
      ),
    expectAfter: (after) =>
      expect(after.cluster.season.nominations).toContainEqual(
        expect.objectContaining({ mode: 'CONSENSUS', province: { id: member } }),
      ),
  },
  {
    name: 'withdrawNomination',
    setup: async (t, state) => {
      const data = ok(await as(t, head, m.nominate, { ...v, p: deputy, f: 'MINISTRY_EMULATION_FLAG' }));
      state.nominationId = data.nominate.id;
    },
    write: async (t, state) =>
      ok(
        await as(
          t,
          head,
          `mutation ($id: ID!) { withdrawNomination(nominationId: $id, reason: "Đơn vị xin rút") { status } }`,
          { id: state.nominationId },
        ),
      ),
    expectAfter: (after, _before, state) =>
      expect(after.cluster.season.nominations).toContainEqual(
        expect.objectContaining({ id: state.nominationId, status: 'WITHDRAWN' }),
      ),
  },
  {
    name: 'openHeadElection',
    write: async (t) => ok(await as(t, head, m.openElection, { ...v, ids: [deputy, member] })),
    expectAfter: (after) => expect(after.cluster.season.headElection).toMatchObject({ round: 1, status: 'OPEN' }),
  },
  {
    name: 'voteHead',
    write: async (t) => ok(await as(t, head, m.voteHead, { ...v, id: deputy })),
    expectAfter: (after) => expect(after.cluster.season.headElection.votes).toBe(1),
  },
  {
    name: 'closeHeadElection',
    setup: async (t) => {
      ok(await as(t, deputy, m.voteHead, { ...v, id: deputy }));
    },
    write: async (t) => ok(await as(t, head, m.closeElection, { ...v, d: member })),
    expectAfter: (after) =>
      expect(after.cluster.season.headElection).toMatchObject({
        status: 'CLOSED',
        outcome: 'ELECTED',
        elected: { id: deputy },
      }),
  },
  {
    name: 'confirmNextHead',
    write: async (t) =>
      ok(await as(t, head, `mutation ($c: ID!, $y: Int!) { confirmNextHead(clusterId: $c, year: $y) { year } }`, v)),
    expectAfter: (after) => expect(after.cluster.next.head).toEqual({ id: deputy }),
  },
  {
    name: 'lockSeason',
    setup: async (t, state) => {
      for (const [who, appraiser] of [
        [head, deputy],
        [deputy, head],
      ]) {
        await saveOwn(t, state, who, 9);
        ok(await as(t, who, m.submit, { ...v, p: who }));
        ok(await as(t, appraiser, m.appraise, { ...v, p: who, items: [] }));
      }
    },
    write: async (t) => ok(await as(t, head, m.lock, v)),
    expectAfter: (after) => expect(after.cluster.season.status).toBe('LOCKED'),
  },
  {
    name: 'reopenSeason',
    write: async (t) => ok(await as(t, 'ministry', m.reopen, { ...v, reason: 'Sửa điểm thẩm định theo kết luận' })),
    expectAfter: (after) => expect(after.cluster.season.status).not.toBe('LOCKED'),
  },
  {
    name: 'electHeadByConsensus',
    // After reopening, the elected round stands; a fresh season is elected by acclaim instead.
    setup: (t) => season(t, v.c, 2023, cacheYearMembers, deputy, member),
    write: async (t) =>
      ok(
        await as(
          t,
          'ministry',
          `mutation { electHeadByConsensus(clusterId: "cum-3", year: 2023, headId: "ha-nam", minutes: "Hội nghị suy tôn") { outcome } }`,
          {},
        ),
      ),
    expectAfter: (after) =>
      expect(after.cluster.next.headElection).toEqual({ outcome: 'ELECTED', elected: { id: member } }),
  },
];
