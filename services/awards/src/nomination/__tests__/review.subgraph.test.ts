import { type Viewer } from '@thidua/kit';
import { overlapTransactions, startTestSubgraph, type TestSubgraph } from '@thidua/kit/testing';
import type { EntityManager } from 'typeorm';
import { CommendationForm } from '../../catalogue/catalogue.entity.js';
import type { SeasonFacts } from '../../provinces-client/season-directory.js';
import { AdoptionThreshold } from '../../season/threshold.entity.js';
import { setAdoptionThreshold } from '../../season/threshold.service.js';
import { awardsSubgraph } from '../../subgraph.js';
import { Nomination, NominationStatus } from '../nomination.entity.js';
import { nominationLoaders } from '../nomination.loaders.js';
import { castVote, closeNomination, nominate } from '../nomination.service.js';
import type { SeasonLookup } from '../review.js';

/*
 * The review's operations against the awards database. Seasons belong to the
 * provinces subgraph: here they are facts handed to the operations, as the
 * provinces lookup would return them (the e2e suite covers the real lookup).
 */

let awards: TestSubgraph;
beforeAll(async () => {
  awards = await startTestSubgraph(awardsSubgraph);
});
afterAll(() => awards.close());

const known = new Map<string, SeasonFacts>();
const seasons: SeasonLookup = { season: async (clusterId, year) => known.get(`${clusterId} ${year}`) ?? null };
let count = 0;

/** A season of its own for each test: head ha-noi, members ha-noi, hai-phong, da-nang. */
function season(): SeasonFacts {
  count += 1;
  const facts = {
    clusterId: `cum-r${count}`,
    year: 2021,
    memberIds: ['ha-noi', 'hai-phong', 'da-nang'],
    headId: 'ha-noi',
    deputyHeadId: null,
  };
  known.set(`${facts.clusterId} ${facts.year}`, facts);
  return facts;
}

const as = (role: Viewer['role'], province?: string): Viewer => ({
  sub: `test-${role}${province ? `-${province}` : ''}`,
  role,
  province,
});
const head = as('province', 'ha-noi');
const ministry = as('ministry');

/** Runs an operation in a transaction, as a resolver does. */
const run = <T>(operation: (em: EntityManager) => Promise<T>) => awards.dataSource.transaction(operation);

/** The error code an operation failed with (null when it succeeded), and the field it named. */
async function outcome(operation: (em: EntityManager) => Promise<unknown>) {
  try {
    await run(operation);
    return { code: null };
  } catch (error) {
    const extensions = (error as { extensions?: { code?: string; field?: string } }).extensions;
    return { code: extensions?.code ?? 'INTERNAL', ...(extensions?.field ? { field: extensions.field } : {}) };
  }
}

const { MINISTRY_EMULATION_FLAG, PROVINCE_CERTIFICATE } = CommendationForm;

function nomination(facts: SeasonFacts, provinceId = 'hai-phong', form = MINISTRY_EMULATION_FLAG) {
  return { clusterId: facts.clusterId, year: facts.year, provinceId, form };
}

describe('nominate', () => {
  test.each([
    { rule: "the season's head may", actor: head, code: null },
    { rule: 'the ministry may', actor: ministry, code: null },
    { rule: 'another member may not', actor: as('province', 'hai-phong'), code: 'FORBIDDEN' },
    { rule: 'a viewer may not', actor: as('viewer'), code: 'FORBIDDEN' },
  ])('$rule', async ({ actor, code }) => {
    expect(await outcome((em) => nominate(em, actor, nomination(season()), seasons))).toEqual({ code });
  });

  test.each([
    { rule: 'a cluster id is a slug', input: { clusterId: 'Cụm 3' }, field: 'clusterId' },
    { rule: 'a year from 2000', input: { year: 1999 }, field: 'year' },
    { rule: 'the season exists', input: { year: 2005 }, field: 'year' },
    { rule: 'a form a cluster proposes', input: { form: PROVINCE_CERTIFICATE }, field: 'form' },
    { rule: 'only a member is nominated', input: { provinceId: 'can-tho' }, field: 'provinceId' },
  ])('bad input names its field: $rule', async ({ input, field }) => {
    const asked = { ...nomination(season()), ...input };
    expect(await outcome((em) => nominate(em, head, asked, seasons))).toEqual({ code: 'BAD_USER_INPUT', field });
  });

  test('the same member for the same form twice is CONFLICT', async () => {
    const asked = nomination(season());
    await run((em) => nominate(em, head, asked, seasons));
    expect(await outcome((em) => nominate(em, ministry, asked, seasons))).toMatchObject({ code: 'CONFLICT' });
  });
});

describe('castVote', () => {
  test.each([
    { rule: 'a member votes with its own token', actor: as('province', 'da-nang'), voter: 'da-nang', code: null },
    {
      rule: 'not on behalf of another member',
      actor: as('province', 'da-nang'),
      voter: 'hai-phong',
      code: 'FORBIDDEN',
    },
    { rule: 'the ministry does not vote', actor: ministry, voter: 'da-nang', code: 'FORBIDDEN' },
    { rule: 'an admin does not vote', actor: as('admin'), voter: 'da-nang', code: 'FORBIDDEN' },
    { rule: 'a non-member does not vote', actor: as('province', 'can-tho'), voter: 'can-tho', code: 'FORBIDDEN' },
  ])('$rule', async ({ actor, voter, code }) => {
    const { id } = await run((em) => nominate(em, head, nomination(season()), seasons));
    const vote = { nominationId: id, voterProvinceId: voter, approve: true };
    expect(await outcome((em) => castVote(em, actor, vote, seasons))).toEqual({ code });
  });

  test('a member votes once; an unknown nomination is NOT_FOUND; a closed one takes no votes', async () => {
    const { id } = await run((em) => nominate(em, head, nomination(season()), seasons));
    const voter = as('province', 'da-nang');
    const vote = { nominationId: id, voterProvinceId: 'da-nang', approve: false };
    await run((em) => castVote(em, voter, vote, seasons));
    expect(await outcome((em) => castVote(em, voter, vote, seasons))).toMatchObject({ code: 'CONFLICT' });
    const unknown = { ...vote, nominationId: '00000000-0000-4000-8000-000000000000' };
    expect(await outcome((em) => castVote(em, voter, unknown, seasons))).toEqual({ code: 'NOT_FOUND' });
    await run((em) => closeNomination(em, head, { nominationId: id }, seasons));
    const late = { ...vote, voterProvinceId: 'hai-phong' };
    expect(await outcome((em) => castVote(em, as('province', 'hai-phong'), late, seasons))).toMatchObject({
      code: 'CONFLICT',
    });
  });
});

describe('closeNomination', () => {
  test.each([
    { rule: 'another member may not close', actor: as('province', 'hai-phong'), code: 'FORBIDDEN' },
    { rule: 'a viewer may not close', actor: as('viewer'), code: 'FORBIDDEN' },
  ])('$rule', async ({ actor, code }) => {
    const { id } = await run((em) => nominate(em, head, nomination(season()), seasons));
    expect(await outcome((em) => closeNomination(em, actor, { nominationId: id }, seasons))).toEqual({ code });
  });

  test.each([
    { rule: 'by default 2 of 3 votes is more than half: adopted', votes: 2, threshold: null, status: 'ADOPTED' },
    { rule: 'by default 1 of 3 is not: rejected', votes: 1, threshold: null, status: 'REJECTED' },
    { rule: 'at least 66.67% (inclusive): 2 of 3 falls short', votes: 2, threshold: [66.67, true], status: 'REJECTED' },
    { rule: 'at least 60% (inclusive): 2 of 3 adopts', votes: 2, threshold: [60, true], status: 'ADOPTED' },
  ] as const)('decided by the threshold in force, which it keeps: $rule', async ({ votes, threshold, status }) => {
    const facts = season();
    if (threshold) {
      const [percent, inclusive] = threshold;
      await run((em) => setAdoptionThreshold(em, head, { ...facts, percent, inclusive }, seasons));
    }
    const { id } = await run((em) => nominate(em, head, nomination(facts), seasons));
    for (const voter of facts.memberIds.slice(0, votes)) {
      await run((em) =>
        castVote(em, as('province', voter), { nominationId: id, voterProvinceId: voter, approve: true }, seasons),
      );
    }
    const closed = await run((em) => closeNomination(em, head, { nominationId: id }, seasons));
    expect(closed).toMatchObject({
      status: NominationStatus[status],
      votesFor: votes,
      membersAtClose: 3,
      thresholdPercent: threshold?.[0] ?? 50,
      closedBy: 'test-province-ha-noi',
    });
    expect(await outcome((em) => closeNomination(em, head, { nominationId: id }, seasons))).toMatchObject({
      code: 'CONFLICT',
    });
  });
});

describe('setAdoptionThreshold', () => {
  test.each([
    { rule: 'above 0', percent: 0, inclusive: false },
    { rule: 'at most 100', percent: 101, inclusive: true },
    { rule: '"more than 100%" can never be met', percent: 100, inclusive: false },
  ])('the percent is $rule', async ({ percent, inclusive }) => {
    const asked = { ...season(), percent, inclusive };
    expect(await outcome((em) => setAdoptionThreshold(em, head, asked, seasons))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'percent',
    });
  });

  test('another member may not set it', async () => {
    const asked = { ...season(), percent: 60, inclusive: true };
    expect(await outcome((em) => setAdoptionThreshold(em, as('province', 'da-nang'), asked, seasons))).toEqual({
      code: 'FORBIDDEN',
    });
  });

  /** The season's thresholds, oldest first. */
  const history = (facts: SeasonFacts) =>
    awards.dataSource
      .getRepository(AdoptionThreshold)
      .find({ where: { clusterId: facts.clusterId, year: facts.year }, order: { revision: 'ASC' } });

  test('each change is the next revision with who made it', async () => {
    const facts = season();
    await run((em) => setAdoptionThreshold(em, head, { ...facts, percent: 60, inclusive: true }, seasons));
    await run((em) => setAdoptionThreshold(em, ministry, { ...facts, percent: 75, inclusive: false }, seasons));
    expect((await history(facts)).map(({ revision, percent, actor }) => ({ revision, percent, actor }))).toEqual([
      { revision: 1, percent: 60, actor: 'test-province-ha-noi' },
      { revision: 2, percent: 75, actor: 'test-ministry' },
    ]);
  });

  test('two first thresholds of a season at once both land, as revisions 1 and 2', async () => {
    const facts = season();
    const [first, second] = await overlapTransactions(
      awards.dataSource,
      (em) => setAdoptionThreshold(em, head, { ...facts, percent: 60, inclusive: true }, seasons),
      (em) => setAdoptionThreshold(em, ministry, { ...facts, percent: 70, inclusive: true }, seasons),
    );
    expect([first, second]).toEqual([1, { ok: true, value: 2 }]);
    expect((await history(facts)).map(({ revision, actor }) => [revision, actor])).toEqual([
      [1, 'test-province-ha-noi'],
      [2, 'test-ministry'],
    ]);
  });
});

describe("a season's nominations, as every query reads them", () => {
  test('every field as stored, the most senior form first, then in the order they were made', async () => {
    const facts = season();
    const certificate = await run((em) =>
      nominate(em, head, nomination(facts, 'da-nang', CommendationForm.MINISTRY_CERTIFICATE), seasons),
    );
    const flag = await run((em) => nominate(em, head, nomination(facts, 'hai-phong'), seasons));
    const flagToo = await run((em) => nominate(em, head, nomination(facts, 'ha-noi'), seasons));
    for (const voter of facts.memberIds) {
      await run((em) =>
        castVote(em, as('province', voter), { nominationId: flag.id, voterProvinceId: voter, approve: true }, seasons),
      );
    }
    await run((em) => closeNomination(em, head, { nominationId: flag.id }, seasons));

    const loaded = await nominationLoaders(awards.dataSource).nominationsOfSeason.load(facts);
    expect(loaded.map((n) => n.id)).toEqual([flag.id, flagToo.id, certificate.id]);
    const stored = await awards.dataSource.getRepository(Nomination).findBy({ clusterId: facts.clusterId });
    for (const read of loaded) {
      expect(read).toBeInstanceOf(Nomination);
      expect({ ...read }).toEqual({ ...stored.find((n) => n.id === read.id) });
      expect(read.withdrawn).toBe(false);
    }
    expect(loaded[0]).toMatchObject({ status: NominationStatus.ADOPTED, votesFor: 3, membersAtClose: 3 });
    expect(loaded[0].closedAt).toBeInstanceOf(Date);
    expect(loaded[0].nominatedAt).toBeInstanceOf(Date);
  });
});
