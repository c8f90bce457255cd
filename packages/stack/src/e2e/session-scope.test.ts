import { authClient } from '../test/auth-client.js';
import { useTestStack } from '../test/harness.js';

// A session cookie on the gateway's own routes: the response cache keys on the account the
// cookie resolves to (never on the raw header, never on another caller's answer), and the
// spreadsheet routes take the cookie as /graphql does, with the CSRF header for an upload.

const t = useTestStack({ demo: true });
const DEMO_PASSWORD = 'thidua-demo';

async function cacheCount(outcome: 'hit' | 'miss'): Promise<number> {
  const text = await (await fetch(`${t.baseUrl}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`thidua_gateway_response_cache_total{outcome="${outcome}"} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

const cookies: Record<string, string> = {};
async function cookieOf(username: string): Promise<string> {
  cookies[username] ??= await authClient(t).signedIn(username, DEMO_PASSWORD);
  return cookies[username];
}

async function asUser(username: string, query: string) {
  return authClient(t).graphql(query, { cookie: await cookieOf(username) });
}

describe('the response cache and a session cookie', () => {
  // The demo's 2024 election of Cụm 3: Vĩnh Phúc voted for Bắc Ninh, Hải Dương for itself.
  const myVote = '{ cluster(id: "cum-3") { season(year: 2024) { headElection { myVote { id } } } } }';
  const voteOf = (body: any) => body.data.cluster.season.headElection.myVote;

  test('the same query from two members gets each its own answer, each then served from the cache to its own caller only', async () => {
    const first = await asUser('vinh-phuc', myVote);
    expect(first.body.errors).toBeUndefined();
    expect(voteOf(first.body)).toEqual({ id: 'bac-ninh' });

    const hits = await cacheCount('hit');
    const again = await asUser('vinh-phuc', myVote);
    expect(voteOf(again.body)).toEqual({ id: 'bac-ninh' });
    expect(await cacheCount('hit')).toBe(hits + 1);

    const other = await asUser('hai-duong', myVote);
    expect(voteOf(other.body)).toEqual({ id: 'hai-duong' });
    const viewer = await asUser('viewer', myVote);
    expect(voteOf(viewer.body)).toBeNull();
    // Anonymous, with no cookie, has no vote either, and does not get a member's.
    const anonymous = await authClient(t).graphql(myVote);
    expect(voteOf(anonymous.body)).toBeNull();
  });

  test("an admin's cached list of accounts is never a viewer's answer: the viewer gets FORBIDDEN", async () => {
    const query = '{ users { username role } }';
    const admin = await asUser('admin', query);
    expect(admin.body.errors).toBeUndefined();
    expect(admin.body.data.users.map((u: { username: string }) => u.username)).toContain('vinh-phuc');
    expect((await asUser('admin', query)).body.data.users).toEqual(admin.body.data.users);

    const viewer = await asUser('viewer', query);
    expect(viewer.body.data?.users ?? null).toBeNull();
    expect(viewer.body.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  test('a signed-out cookie no longer reaches what it cached: it reads as anonymous', async () => {
    const cookie = await authClient(t).signedIn('ha-nam', DEMO_PASSWORD);
    const query = '{ me { username province { id } } }';
    const before = await authClient(t).graphql(query, { cookie });
    expect(before.body.data.me).toEqual({ username: 'ha-nam', province: { id: 'ha-nam' } });
    const out = await fetch(`${t.baseUrl}/auth/sign-out`, {
      method: 'POST',
      headers: { cookie, 'x-thidua-csrf': '1' },
    });
    expect(out.status).toBeLessThan(300);
    const after = await authClient(t).graphql(query, { cookie });
    expect(after.body.data.me).toBeNull();
  });
});

describe('the spreadsheet routes with a session cookie', () => {
  const csv = [
    'Tỉnh, thành phố;Năm;Tỷ lệ xã đạt tiêu chí số 8 (Thông tin và Truyền thông) nông thôn mới (%);Nguồn số liệu',
    'Vĩnh Phúc;2017;88,5;Báo cáo số 3/BC-STTTT',
    '',
  ].join('\r\n');

  const upload = async (cookie: string, csrf: boolean, query = '?dryRun=1') =>
    fetch(`${t.baseUrl}/import/observations${query}`, {
      method: 'POST',
      headers: {
        cookie,
        'content-type': 'text/csv',
        'x-file-name': 'so-lieu.csv',
        ...(csrf ? { 'x-thidua-csrf': '1' } : {}),
      },
      body: csv,
    });

  const figure =
    '{ observations(year: 2017, provinceId: "vinh-phuc", indicator: "nrd.criterion8_communes_pct") { value recordedBy } }';

  test('POST /import with the cookie and no CSRF header is refused (403) and stores nothing', async () => {
    const before = (await t.query(figure)).data!.observations;
    const refused = await upload(await cookieOf('vinh-phuc'), false, '');
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { error: string }).error).toMatch(/Cross-site request refused/);
    expect((await t.query(figure)).data!.observations).toEqual(before);
    expect(before).not.toContainEqual(expect.objectContaining({ value: 88.5 }));
  });

  test("POST /import with the cookie and the CSRF header imports as the officer, for the officer's own province", async () => {
    const dry = await upload(await cookieOf('vinh-phuc'), true);
    expect(dry.status).toBe(200);
    expect(await dry.json()).toMatchObject({ rows: 1, stored: 1, dryRun: true, errorCount: 0 });

    const stored = await upload(await cookieOf('vinh-phuc'), true, '');
    expect(stored.status).toBe(200);
    const read = await t.query(figure);
    expect(read.data!.observations).toEqual([{ value: 88.5, recordedBy: 'vinh-phuc (province)' }]);

    // Another province's officer may not import Vĩnh Phúc's figures.
    const foreign = await upload(await cookieOf('ha-nam'), true);
    expect(foreign.status).toBe(422);
  });

  test('GET /export with the cookie needs no CSRF header', async () => {
    const response = await fetch(`${t.baseUrl}/export/commendations.csv?cluster=cum-3&year=2019`, {
      headers: { cookie: await cookieOf('viewer') },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/csv/);
  });
});
