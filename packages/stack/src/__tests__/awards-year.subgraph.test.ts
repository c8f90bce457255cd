import { provincesSubgraph } from '@thidua/provinces';
import { startTestSubgraph, testToken, type GraphQLResponse, type TestSubgraph } from '@thidua/kit/testing';
import { awardsSubgraph } from '@thidua/awards';

/*
 * The year's rules that awards decides alone, table by table: who may do
 * what, what input is refused, and how the review decides. Awards runs on its
 * own database, linked to a real provinces subgraph for members and heads
 * (metrics is not needed: this sheet links no indicator). It lives here, not
 * beside awards, because a subgraph never imports another: the stack package
 * is where subgraphs meet.
 */
let provinces: TestSubgraph;
let awards: TestSubgraph;

type Who = 'head' | 'deputy' | 'member' | 'other' | 'ministry' | 'admin' | 'viewer' | 'anonymous';
const ids = { head: 'vinh-phuc', deputy: 'bac-ninh', member: 'ha-nam', other: 'ninh-binh' };

async function tokenOf(who: Who): Promise<string | undefined> {
  if (who === 'anonymous') return undefined;
  if (who === 'ministry' || who === 'admin' || who === 'viewer') return testToken(who);
  return testToken('province', ids[who]);
}

async function send(who: Who, query: string, variables: Record<string, unknown>): Promise<GraphQLResponse> {
  return awards.query(query, { variables, token: await tokenOf(who) });
}

const codeOf = (response: GraphQLResponse) => response.errors?.[0]?.extensions?.code ?? 'OK';

async function okay(who: Who, query: string, variables: Record<string, unknown>) {
  const response = await send(who, query, variables);
  if (response.errors) throw new Error(response.errors.map((e) => e.message).join('; '));
  return response.data!;
}

const q = {
  sheet: `mutation ($y: Int!, $criteria: [CriterionInput!]!, $reason: String) {
    defineScoringSheet(clusterId: "cum-3", year: $y, criteria: $criteria, reason: $reason) { criteria { id code } } }`,
  sign: `mutation ($y: Int!, $on: Date!) { signCompact(clusterId: "cum-3", year: $y, signedOn: $on) { year } }`,
  rules: `mutation ($y: Int!, $r: SeasonRulesInput!) { setSeasonRules(clusterId: "cum-3", year: $y, rules: $r) { year } }`,
  save: `mutation ($y: Int!, $p: ID!, $items: [AssessmentItemInput!]!) {
    saveAssessment(clusterId: "cum-3", year: $y, provinceId: $p, items: $items) { status } }`,
  submit: `mutation ($y: Int!, $p: ID!) { submitAssessment(clusterId: "cum-3", year: $y, provinceId: $p) { status } }`,
  return: `mutation ($y: Int!, $p: ID!, $reason: String!) {
    returnAssessment(clusterId: "cum-3", year: $y, provinceId: $p, reason: $reason) { status } }`,
  appraise: `mutation ($y: Int!, $p: ID!) { appraiseAssessment(clusterId: "cum-3", year: $y, provinceId: $p, items: []) { status } }`,
  lock: `mutation ($y: Int!) { lockSeason(clusterId: "cum-3", year: $y) { year } }`,
  reopen: `mutation ($y: Int!) { reopenSeason(clusterId: "cum-3", year: $y, reason: "Rà soát") { year } }`,
  nominate: `mutation ($y: Int!, $p: ID!, $f: CommendationForm!) {
    nominate(clusterId: "cum-3", year: $y, provinceId: $p, form: $f) { id } }`,
  vote: `mutation ($id: ID!, $voter: ID!) { castVote(nominationId: $id, voterProvinceId: $voter, approve: true) { id } }`,
  close: `mutation ($id: ID!) { closeNomination(nominationId: $id) { status decisionNote } }`,
  withdraw: `mutation ($id: ID!, $reason: String!) {
    withdrawNomination(nominationId: $id, reason: $reason) { status withdrawn withdrawnReason } }`,
  consensus: `mutation ($y: Int!, $p: ID!, $f: CommendationForm!) {
    adoptByConsensus(clusterId: "cum-3", year: $y, provinceId: $p, form: $f, minutes: "Biên bản hội nghị") { status } }`,
};

const criteria = [
  { code: 'I.1', group: 'I. Chỉ đạo', title: 'Ban hành kế hoạch thi đua', maxPoints: 6, evidenceRequired: true },
  { code: 'I.2', group: 'I. Chỉ đạo', title: 'Báo cáo đúng hạn', maxPoints: 4 },
];

/** A season of four members in `year`, with the sheet defined and the compact signed. */
async function openSeason(year: number): Promise<Record<string, string>> {
  const ministry = await testToken('ministry');
  const members = Object.values(ids);
  for (const [query, variables] of [
    [
      'mutation ($y: Int!, $m: [ID!]!) { setSeasonMembers(clusterId: "cum-3", year: $y, provinceIds: $m) { year } }',
      { y: year, m: members },
    ],
    [
      'mutation ($y: Int!) { electHead(clusterId: "cum-3", year: $y, headId: "vinh-phuc", deputyHeadId: "bac-ninh") { year } }',
      { y: year },
    ],
  ] as const) {
    const response = await provinces.query(query, { variables, token: ministry });
    expect(response.errors).toBeUndefined();
  }
  const defined = await okay('head', q.sheet, { y: year, criteria });
  await okay('head', q.sign, { y: year, on: `${year}-02-01` });
  return Object.fromEntries(
    defined.defineScoringSheet.criteria.map((k: { code: string; id: string }) => [k.code, k.id]),
  );
}

beforeAll(async () => {
  provinces = await startTestSubgraph(provincesSubgraph);
  awards = await startTestSubgraph(awardsSubgraph, { linkUrls: { provinces: provinces.url } });
});
afterAll(async () => {
  await awards?.close();
  await provinces?.close();
});

describe('who may do what (2021)', () => {
  const y = 2021;
  let criterion: Record<string, string>;
  beforeAll(async () => {
    criterion = await openSeason(y);
  });

  test.each<[string, Who, string, () => Record<string, unknown>]>([
    ['a member defines the sheet', 'member', q.sheet, () => ({ y, criteria })],
    ['a viewer defines the sheet', 'viewer', q.sheet, () => ({ y, criteria })],
    ['nobody signed in defines the sheet', 'anonymous', q.sheet, () => ({ y, criteria })],
    ['a member signs the compact', 'member', q.sign, () => ({ y, on: `${y}-02-01` })],
    ['a member sets the rules', 'member', q.rules, () => ({ y, r: { minCoverage: 0.5 } })],
    ['another member saves a member’s assessment', 'other', q.save, () => ({ y, p: ids.member, items: [] })],
    ['the head saves a member’s assessment', 'head', q.save, () => ({ y, p: ids.member, items: [] })],
    ['the Ministry saves a member’s assessment', 'ministry', q.save, () => ({ y, p: ids.member, items: [] })],
    ['a member returns an assessment', 'other', q.return, () => ({ y, p: ids.member, reason: 'x' })],
    ['a member appraises an assessment', 'other', q.appraise, () => ({ y, p: ids.member })],
    ['the head appraises its own assessment', 'head', q.appraise, () => ({ y, p: ids.head })],
    ['a member locks the season', 'member', q.lock, () => ({ y })],
    ['the head reopens the season', 'head', q.reopen, () => ({ y })],
    ['an admin reopens the season', 'admin', q.reopen, () => ({ y })],
    [
      'the Ministry votes on a head',
      'ministry',
      `mutation { voteHead(clusterId: "cum-3", year: 2021, candidateId: "ha-nam") { votes } }`,
      () => ({}),
    ],
  ])('%s: refused', async (_rule, who, query, variables) => {
    const code = codeOf(await send(who, query, variables()));
    expect(code).toBe(who === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
  });

  test.each<[string, Who, string]>([
    ['a member submits its own assessment', 'member', ids.member],
    ['the deputy head', 'deputy', ids.deputy],
    ['the head itself', 'head', ids.head],
  ])('%s: saves and submits', async (_rule, who, provinceId) => {
    const items = [
      { criterionId: criterion['I.1'], selfScore: 0 },
      { criterionId: criterion['I.2'], selfScore: 3 },
    ];
    await okay(who, q.save, { y, p: provinceId, items });
    expect((await okay(who, q.submit, { y, p: provinceId })).submitAssessment.status).toBe('SUBMITTED');
  });

  test.each<[string, Who, string, string]>([
    ['the head appraises a member', 'head', ids.member, 'OK'],
    ['the deputy appraises the head', 'deputy', ids.head, 'OK'],
    ['the deputy appraises another member', 'deputy', ids.deputy, 'FORBIDDEN'],
    ['the Ministry appraises anyone', 'ministry', ids.deputy, 'OK'],
  ])('%s: %s', async (_rule, who, provinceId, expected) => {
    expect(codeOf(await send(who, q.appraise, { y, p: provinceId }))).toBe(expected);
  });

  test('once a member has submitted, only the Ministry changes the sheet, and only with a reason', async () => {
    expect(codeOf(await send('head', q.sheet, { y, criteria }))).toBe('FORBIDDEN');
    expect(codeOf(await send('admin', q.sheet, { y, criteria }))).toBe('FORBIDDEN');
    const noReason = await send('ministry', q.sheet, { y, criteria });
    expect(noReason.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
    const lower = await send('ministry', q.sheet, {
      y,
      reason: 'Điều chỉnh thang điểm',
      criteria: [criteria[0], { ...criteria[1], maxPoints: 2 }],
    });
    expect(lower.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'criteria[1].maxPoints' });
    expect(codeOf(await send('ministry', q.sheet, { y, criteria, reason: 'Điều chỉnh tên tiêu chí' }))).toBe('OK');
  });
});

describe('what input is refused (2022)', () => {
  const y = 2022;
  let criterion: Record<string, string>;
  beforeAll(async () => {
    criterion = await openSeason(y);
  });

  test.each<[string, () => [Who, string, Record<string, unknown>], string]>([
    [
      'a score below 0',
      () => ['member', q.save, { y, p: ids.member, items: [{ criterionId: criterion['I.2'], selfScore: -1 }] }],
      'items[0].selfScore',
    ],
    [
      'a score above the maximum',
      () => ['member', q.save, { y, p: ids.member, items: [{ criterionId: criterion['I.2'], selfScore: 4.25 }] }],
      'items[0].selfScore',
    ],
    [
      'an unknown criterion',
      () => [
        'member',
        q.save,
        // Another last digit: a criterion's random id may already end in 0.
        {
          y,
          p: ids.member,
          items: [{ criterionId: criterion['I.2'].replace(/.$/, (c) => (c === '0' ? '1' : '0')), selfScore: 1 }],
        },
      ],
      'items[0].criterionId',
    ],
    [
      'evidence that was never uploaded',
      () => [
        'member',
        q.save,
        {
          y,
          p: ids.member,
          items: [
            { criterionId: criterion['I.1'], selfScore: 1, evidenceIds: ['00000000-0000-4000-8000-000000000000'] },
          ],
        },
      ],
      'items[0].evidenceIds[0]',
    ],
    [
      'a criterion with 0 points',
      () => ['head', q.sheet, { y, criteria: [{ ...criteria[0], maxPoints: 0 }] }],
      'criteria[0].maxPoints',
    ],
    [
      'a criterion code twice',
      () => ['head', q.sheet, { y, criteria: [criteria[0], criteria[0]] }],
      'criteria[1].code',
    ],
    ['an empty title', () => ['head', q.sheet, { y, criteria: [{ ...criteria[0], title: ' ' }] }], 'criteria[0].title'],
    ['a quorum above 1', () => ['head', q.rules, { y, r: { quorum: 1.5 } }], 'rules.quorum'],
    ['a negative minimum coverage', () => ['head', q.rules, { y, r: { minCoverage: -0.1 } }], 'rules.minCoverage'],
    [
      'a cap below 0',
      () => ['head', q.rules, { y, r: { caps: [{ form: 'MINISTRY_EMULATION_FLAG', max: -1 }] } }],
      'rules.caps[0].max',
    ],
    ['a compact signed two years early', () => ['head', q.sign, { y, on: `${y - 2}-12-01` }], 'signedOn'],
    ['a return without a reason', () => ['head', q.return, { y, p: ids.member, reason: ' ' }], 'reason'],
  ])('%s is BAD_USER_INPUT naming the field', async (_rule, make, field) => {
    const [who, query, variables] = make();
    const response = await send(who, query, variables);
    expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  test('evidence is required for points claimed where the criterion says so', async () => {
    const items = [
      { criterionId: criterion['I.1'], selfScore: 5 },
      { criterionId: criterion['I.2'], selfScore: 4 },
    ];
    await okay('member', q.save, { y, p: ids.member, items });
    const refused = await send('member', q.submit, { y, p: ids.member });
    expect(refused.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'items', value: ['I.1'] });
    await okay('member', q.save, { y, p: ids.member, items: [{ criterionId: criterion['I.1'], selfScore: 0 }] });
    expect((await okay('member', q.submit, { y, p: ids.member })).submitAssessment.status).toBe('SUBMITTED');
  });
});

describe('how the review decides (2023)', () => {
  const y = 2023;
  beforeAll(async () => {
    await openSeason(y);
    // Caps are fixed once the first vote is cast: a season sets them before its review.
    await okay('head', q.rules, { y, r: { caps: [{ form: 'MINISTRY_EMULATION_FLAG', max: 1 }] } });
  });

  async function nominate(provinceId: string, form = 'MINISTRY_CERTIFICATE'): Promise<string> {
    return (await okay('head', q.nominate, { y, p: provinceId, f: form })).nominate.id;
  }

  test.each<[string, number, string, string | null]>([
    [
      'two of four voting is no quorum (more than half must vote)',
      2,
      'REJECTED',
      'No quorum: 2 of 4 members voted; 3 were needed (quorum 0.5)',
    ],
    ['three of four voting for adopts', 3, 'ADOPTED', null],
  ])('%s', async (_rule, voters, status, note) => {
    const id = await nominate(voters === 2 ? ids.deputy : ids.other);
    for (const who of (['head', 'deputy', 'member', 'other'] as const).slice(0, voters)) {
      await okay(who, q.vote, { id, voter: ids[who] });
    }
    expect((await okay('head', q.close, { id })).closeNomination).toEqual({ status, decisionNote: note });
  });

  test('a nomination is withdrawn with a reason while open, by the head; a closed one is not', async () => {
    const id = await nominate(ids.member);
    expect(codeOf(await send('member', q.withdraw, { id, reason: 'Tự nguyện rút' }))).toBe('FORBIDDEN');
    expect(codeOf(await send('head', q.withdraw, { id, reason: '' }))).toBe('BAD_USER_INPUT');
    const withdrawn = await okay('head', q.withdraw, { id, reason: 'Đơn vị xin rút để nhường cho đơn vị khác' });
    expect(withdrawn.withdrawNomination).toEqual({
      status: 'WITHDRAWN',
      withdrawn: true,
      withdrawnReason: 'Đơn vị xin rút để nhường cho đơn vị khác',
    });
    expect(codeOf(await send('head', q.withdraw, { id, reason: 'lần nữa' }))).toBe('CONFLICT');
    expect(codeOf(await send('head', q.vote, { id, voter: ids.head }))).toBe('CONFLICT');
  });

  test('a cap of one Ministry flag: the second flag is refused, whether by consensus or by vote', async () => {
    await okay('head', q.consensus, { y, p: ids.head, f: 'MINISTRY_EMULATION_FLAG' });
    const second = await send('head', q.consensus, { y, p: ids.deputy, f: 'MINISTRY_EMULATION_FLAG' });
    expect(second.errors?.[0].extensions?.code).toBe('CONFLICT');
    expect(second.errors?.[0].message).toMatch(/caps adopted MINISTRY_EMULATION_FLAG proposals at 1/);
    const id = await nominate(ids.other, 'MINISTRY_EMULATION_FLAG');
    for (const who of ['head', 'deputy', 'member'] as const) await okay(who, q.vote, { id, voter: ids[who] });
    expect(codeOf(await send('head', q.close, { id }))).toBe('CONFLICT');
    expect(
      (await okay('head', q.withdraw, { id, reason: 'Vượt số lượng Cờ thi đua được phân bổ' })).withdrawNomination
        .status,
    ).toBe('WITHDRAWN');
  });
});
