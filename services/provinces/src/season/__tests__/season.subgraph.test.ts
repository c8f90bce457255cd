import { statementCount, type Role, type Viewer } from '@thidua/kit';
import { errorCodes, overlapTransactions, startTestSubgraph, testToken, type TestSubgraph } from '@thidua/kit/testing';
import { createCluster } from '../../cluster/cluster.service.js';
import { provincesSubgraph } from '../../subgraph.js';
import { electHead, setSeasonMembers } from '../season.service.js';

let provinces: TestSubgraph;
beforeAll(async () => {
  provinces = await startTestSubgraph(provincesSubgraph);
});
afterAll(() => provinces.close());

const admin: Viewer = { sub: 'test-admin', role: 'admin' };
let clusters = 0;
let years = 2000;
/** A year no other test uses: a province sits in one cluster a year, so tests must not share one. */
const freshYear = () => years++;

/** A new cluster, with a season of `members` (and `head`) in `year` when given: each test its own. */
async function cluster(season?: { year: number; members: string[]; head?: string }): Promise<string> {
  clusters += 1;
  const id = `cum-t${clusters}`;
  await provinces.dataSource.transaction(async (em) => {
    await createCluster(em, admin, { id, name: `Cụm thử ${clusters}` });
    if (!season) return;
    await setSeasonMembers(em, admin, { clusterId: id, year: season.year, provinceIds: season.members });
    if (season.head) {
      await electHead(em, admin, { clusterId: id, year: season.year, headId: season.head, deputyHeadId: null });
    }
  });
  return id;
}

function token(role: Role | null, province?: string) {
  return role ? testToken(role, province) : Promise.resolve(undefined);
}

interface Revision {
  revision: number;
  action: string;
  memberIds: string[];
  headId: string | null;
  actor: string;
}
interface SeasonState {
  cluster: { season: { members: { id: string }[]; head: { id: string } | null; revisions: Revision[] } | null };
}

async function seasonOf(clusterId: string, year: number) {
  const response = await provinces.query<SeasonState>(
    `query ($id: ID!, $year: Int!) {
      cluster(id: $id) { season(year: $year) { members { id } head { id } revisions { revision action memberIds headId actor } } }
    }`,
    { variables: { id: clusterId, year } },
  );
  expect(response.errors).toBeUndefined();
  return response.data!.cluster.season;
}

const setMembers = `mutation ($clusterId: ID!, $year: Int!, $provinceIds: [ID!]!) {
  setSeasonMembers(clusterId: $clusterId, year: $year, provinceIds: $provinceIds) { year }
}`;

describe('setSeasonMembers', () => {
  test.each([
    { rule: 'needs a token', role: null, code: 'UNAUTHENTICATED' },
    { rule: 'a viewer may not', role: 'viewer', code: 'FORBIDDEN' },
    { rule: 'a province officer may not, not even for its own cluster', role: 'province', code: 'FORBIDDEN' },
  ] as const)('$rule', async ({ role, code }) => {
    const clusterId = await cluster();
    const response = await provinces.query(setMembers, {
      variables: { clusterId, year: 2001, provinceIds: ['ha-noi'] },
      token: await token(role, 'ha-noi'),
    });
    expect(errorCodes(response)).toEqual([code]);
    expect(await seasonOf(clusterId, 2001)).toBeNull();
  });

  test.each([
    { rule: 'a year from 2000', year: 1999, ids: ['ha-noi'], field: 'year', says: 'is not a year' },
    { rule: 'at least one member', year: 2002, ids: [], field: 'provinceIds', says: 'at least one' },
    { rule: 'no province twice', year: 2002, ids: ['ha-noi', 'ha-noi'], field: 'provinceIds[1]', says: 'twice' },
    { rule: 'known provinces', year: 2002, ids: ['ha-noi', 'atlantis'], field: 'provinceIds[1]', says: 'not a known' },
    {
      rule: 'members existed that year',
      year: 2002,
      ids: ['phu-tho-2025'],
      field: 'provinceIds[0]',
      says: 'did not exist in 2002',
    },
    {
      rule: 'no unit beside its successor',
      year: 2025,
      ids: ['vinh-phuc', 'phu-tho-2025'],
      field: 'provinceIds[0]',
      says: 'beside its successor "phu-tho-2025"',
    },
    {
      rule: 'one cluster a year',
      year: 2019,
      ids: ['ha-noi', 'vinh-phuc'],
      field: 'provinceIds[1]',
      says: 'already a member of cluster "cum-3" in 2019',
    },
  ])('bad input names its field and stores nothing: $rule', async ({ year, ids, field, says }) => {
    const clusterId = await cluster();
    const response = await provinces.query(setMembers, {
      variables: { clusterId, year, provinceIds: ids },
      token: await token('admin'),
    });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].extensions).toMatchObject({ field });
    expect(response.errors![0].message).toContain(says);
    expect(await seasonOf(clusterId, year)).toBeNull();
  });

  test('an unknown cluster is named', async () => {
    const response = await provinces.query(setMembers, {
      variables: { clusterId: 'cum-404', year: 2003, provinceIds: ['ha-noi'] },
      token: await token('ministry'),
    });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].extensions).toMatchObject({ field: 'clusterId', value: 'cum-404' });
  });

  test('every change is a revision saying what, who, and the members after it', async () => {
    const clusterId = await cluster();
    const year = freshYear();
    const variables = { clusterId, year, provinceIds: ['hai-phong', 'ha-noi'] };
    expect((await provinces.query(setMembers, { variables, token: await token('ministry') })).errors).toBeUndefined();
    const replaced = { ...variables, provinceIds: ['cao-bang'] };
    expect((await provinces.query(setMembers, { variables: replaced, token: await token('admin') })).errors).toBe(
      undefined,
    );
    const season = await seasonOf(clusterId, year);
    expect(season!.members).toEqual([{ id: 'cao-bang' }]);
    expect(season!.revisions).toEqual([
      { revision: 1, action: 'members', memberIds: ['ha-noi', 'hai-phong'], headId: null, actor: 'test-ministry' },
      { revision: 2, action: 'members', memberIds: ['cao-bang'], headId: null, actor: 'test-admin' },
    ]);
  });

  test('a sitting head cannot be dropped before another is elected', async () => {
    const year = freshYear();
    const clusterId = await cluster({ year, members: ['ha-noi', 'hai-phong'], head: 'ha-noi' });
    const response = await provinces.query(setMembers, {
      variables: { clusterId, year, provinceIds: ['hai-phong'] },
      token: await token('admin'),
    });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].message).toContain('leaves out "ha-noi"');
    expect((await seasonOf(clusterId, year))!.members).toHaveLength(2);
  });
});

const elect = `mutation ($clusterId: ID!, $year: Int!, $headId: ID!, $deputyHeadId: ID) {
  electHead(clusterId: $clusterId, year: $year, headId: $headId, deputyHeadId: $deputyHeadId) { year }
}`;

describe('electHead', () => {
  test.each([
    { rule: 'the head of the previous season may', role: 'province', province: 'ha-noi', code: null },
    { rule: 'another member may not', role: 'province', province: 'hai-phong', code: 'FORBIDDEN' },
    { rule: 'a viewer may not', role: 'viewer', province: undefined, code: 'FORBIDDEN' },
    { rule: 'the ministry may', role: 'ministry', province: undefined, code: null },
    { rule: 'nobody without a token', role: null, province: undefined, code: 'UNAUTHENTICATED' },
  ] as const)('$rule', async ({ role, province, code }) => {
    const [previous, year] = [freshYear(), freshYear()];
    const clusterId = await cluster({ year: previous, members: ['ha-noi', 'hai-phong'], head: 'ha-noi' });
    await provinces.dataSource.transaction((em) =>
      setSeasonMembers(em, admin, { clusterId, year, provinceIds: ['ha-noi', 'hai-phong'] }),
    );
    const response = await provinces.query(elect, {
      variables: { clusterId, year, headId: 'hai-phong' },
      token: await token(role, province),
    });
    expect(errorCodes(response)).toEqual(code ? [code] : []);
    expect((await seasonOf(clusterId, year))!.head).toEqual(code ? null : { id: 'hai-phong' });
  });

  test.each([
    { rule: 'the head is a member', headId: 'cao-bang', deputyHeadId: null, field: 'headId' },
    { rule: 'the deputy is a member', headId: 'ha-noi', deputyHeadId: 'cao-bang', field: 'deputyHeadId' },
    { rule: 'the deputy is not the head', headId: 'ha-noi', deputyHeadId: 'ha-noi', field: 'deputyHeadId' },
    { rule: 'the season exists', headId: 'ha-noi', deputyHeadId: null, field: 'year', later: 1 },
  ])('bad input names its field: $rule', async ({ headId, deputyHeadId, field, later }) => {
    const year = freshYear();
    const clusterId = await cluster({ year, members: ['ha-noi', 'hai-phong'] });
    const response = await provinces.query(elect, {
      variables: { clusterId, year: year + (later ?? 0), headId, deputyHeadId },
      token: await token('admin'),
    });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].extensions).toMatchObject({ field });
  });

  test('an election is a revision with the head, the members and who elected', async () => {
    const year = freshYear();
    const clusterId = await cluster({ year, members: ['ha-noi', 'hai-phong'] });
    const response = await provinces.query(elect, {
      variables: { clusterId, year, headId: 'hai-phong', deputyHeadId: 'ha-noi' },
      token: await token('ministry'),
    });
    expect(response.errors).toBeUndefined();
    expect((await seasonOf(clusterId, year))!.revisions.at(-1)).toEqual({
      revision: 2,
      action: 'head',
      memberIds: ['ha-noi', 'hai-phong'],
      headId: 'hai-phong',
      actor: 'test-ministry',
    });
  });
});

describe('concurrent changes of one season', () => {
  test('two first writes of a brand-new season both land, as revisions 1 and 2', async () => {
    const clusterId = await cluster();
    const year = freshYear();
    const ministry: Viewer = { sub: 'test-ministry', role: 'ministry' };
    const [, second] = await overlapTransactions(
      provinces.dataSource,
      (em) => setSeasonMembers(em, admin, { clusterId, year, provinceIds: ['ha-noi'] }),
      (em) => setSeasonMembers(em, ministry, { clusterId, year, provinceIds: ['hai-phong'] }),
    );
    expect(second.ok).toBe(true);
    const season = await seasonOf(clusterId, year);
    expect(season!.members).toEqual([{ id: 'hai-phong' }]);
    expect(season!.revisions.map(({ revision, memberIds, actor }) => ({ revision, memberIds, actor }))).toEqual([
      { revision: 1, memberIds: ['ha-noi'], actor: 'test-admin' },
      { revision: 2, memberIds: ['hai-phong'], actor: 'test-ministry' },
    ]);
  });
});

describe('members, head and deputy: by name only, or whole', () => {
  // Asked only for id and name, a season's members (and its head and deputy among them) are read as such; any
  // other field reads them whole. Asked both ways in one request, they are read whole once.
  const namesOnly = `{ members { id name } head { id name } deputyHead { id } }`;
  const whole = `{ members { id name code region successor { id } } head { id code } }`;

  async function ask(clusterId: string, year: number, seasons: string) {
    const before = statementCount(provinces.dataSource);
    const response = await provinces.query<{ cluster: Record<string, Record<string, unknown>> }>(
      `query ($id: ID!, $year: Int!) { cluster(id: $id) { ${seasons} } }`,
      { variables: { id: clusterId, year } },
    );
    expect(response.errors).toBeUndefined();
    return { seasons: response.data!.cluster, statements: statementCount(provinces.dataSource) - before };
  }

  test('either way the same members by Vietnamese name and the same head; both in one request read the members once', async () => {
    const year = freshYear();
    const clusterId = await cluster({ year, members: ['hai-phong', 'ha-noi', 'bac-ninh'], head: 'hai-phong' });
    const names = await ask(clusterId, year, `season(year: $year) ${namesOnly}`);
    expect(names.seasons.season).toEqual({
      members: [
        { id: 'bac-ninh', name: 'Bắc Ninh' },
        { id: 'ha-noi', name: 'Hà Nội' },
        { id: 'hai-phong', name: 'Hải Phòng' },
      ],
      head: { id: 'hai-phong', name: 'Hải Phòng' },
      deputyHead: null,
    });

    const both = await ask(clusterId, year, `a: season(year: $year) ${namesOnly} b: season(year: $year) ${whole}`);
    expect(both.seasons.a).toEqual(names.seasons.season);
    const members = both.seasons.b.members as { id: string; code: string; region: string; successor: unknown }[];
    expect(members.map((m) => m.id)).toEqual(['bac-ninh', 'ha-noi', 'hai-phong']);
    for (const member of members)
      expect(member).toMatchObject({ code: expect.any(String), region: expect.any(String) });
    // Bắc Ninh merged into the new Bắc Ninh in 2025: its successor is read with the whole row.
    expect(members[0].successor).toEqual({ id: 'bac-ninh-2025' });
    expect(both.seasons.b.head).toEqual({ id: 'hai-phong', code: members[2].code });
    // The same statements as the whole members alone: one read of the members, not two.
    const wholeAlone = await ask(clusterId, year, `season(year: $year) ${whole}`);
    expect(wholeAlone.seasons.season).toEqual(both.seasons.b);
    expect(both.statements).toBe(wholeAlone.statements);
  });
});
