import { errorCodes, startTestStack, type TestStack } from '../test/harness.js';

let t: TestStack;
beforeAll(async () => {
  t = await startTestStack();
});
afterAll(() => t.stop());

const seasonQuery = `query ($year: Int!) {
  cluster(id: "cum-3") { name season(year: $year) { year members { id name } head { id } deputyHead { id } } }
}`;

describe('provinces through the gateway', () => {
  test('Cluster 3 has the nine reported members in 2019 with head Vĩnh Phúc, and Quảng Ninh heads 2020', async () => {
    const y2019 = await t.query(seasonQuery, { variables: { year: 2019 } });
    expect(y2019.errors).toBeUndefined();
    const season = y2019.data!.cluster.season;
    expect(season.members.map((m: { id: string }) => m.id).sort()).toEqual([
      'bac-ninh',
      'ha-nam',
      'hai-duong',
      'hung-yen',
      'nam-dinh',
      'ninh-binh',
      'quang-ninh',
      'thai-binh',
      'vinh-phuc',
    ]);
    expect(season.head).toEqual({ id: 'vinh-phuc' });
    expect(y2019.data!.cluster.name).toBe('Cụm thi đua số 3');

    const y2020 = await t.query(seasonQuery, { variables: { year: 2020 } });
    expect(y2020.data!.cluster.season.head).toEqual({ id: 'quang-ninh' });
    expect(y2020.data!.cluster.season.members).toHaveLength(9);
  });

  test('63 units existed at the end of 2019, 34 exist today, 63 on 1 March 2025 (Huế replaced Thừa Thiên Huế)', async () => {
    const response = await t.query(`{
      y2019: provinces(asOf: "2019-12-31") { id }
      today: provinces { id }
      march2025: provinces(asOf: "2025-03-01") { id }
      delta: provinces(asOf: "2019-12-31", region: RED_RIVER_DELTA) { id region }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.y2019).toHaveLength(63);
    expect(response.data!.today).toHaveLength(34);
    const march = response.data!.march2025.map((p: { id: string }) => p.id);
    expect(march).toHaveLength(63);
    expect(march).toContain('hue');
    expect(march).not.toContain('thua-thien-hue');
    expect(response.data!.delta.every((p: { region: string }) => p.region === 'RED_RIVER_DELTA')).toBe(true);
  });

  test('lineage: Vĩnh Phúc merged into Phú Thọ (2025); Ninh Bình (2025) has three predecessors', async () => {
    const response = await t.query(`{
      vinhPhuc: province(id: "vinh-phuc") { validUntil successor { id name validFrom } }
      ninhBinh: province(id: "ninh-binh-2025") { code predecessors { id } successor { id } }
      haNoi: province(id: "ha-noi") { predecessors { id } successor { id } validUntil }
      unknown: province(id: "atlantis") { id }
    }`);
    expect(response.errors).toBeUndefined();
    expect(response.data!.vinhPhuc).toEqual({
      validUntil: '2025-06-30',
      successor: { id: 'phu-tho-2025', name: 'Phú Thọ', validFrom: '2025-07-01' },
    });
    expect(response.data!.ninhBinh.predecessors.map((p: { id: string }) => p.id).sort()).toEqual([
      'ha-nam',
      'nam-dinh',
      'ninh-binh',
    ]);
    expect(response.data!.ninhBinh.successor).toBeNull();
    expect(response.data!.haNoi).toEqual({ predecessors: [], successor: null, validUntil: null });
    expect(response.data!.unknown).toBeNull();
  });

  test("a province's cluster by year", async () => {
    const response = await t.query(
      `{ province(id: "quang-ninh") { y2019: cluster(year: 2019) { id } y2010: cluster(year: 2010) { id } } }`,
    );
    expect(response.data!.province).toEqual({ y2019: { id: 'cum-3' }, y2010: null });
  });
});

describe('rules for writes', () => {
  test('a mutation without a token is UNAUTHENTICATED; a bad token too', async () => {
    const response = await t.query(`mutation { createCluster(id: "cum-99", name: "Cụm 99") { id } }`);
    expect(errorCodes(response)).toEqual(['UNAUTHENTICATED']);
    const forged = await t.query(`mutation { createCluster(id: "cum-99", name: "Cụm 99") { id } }`, {
      token: 'not.a.jwt',
    });
    expect(errorCodes(forged)).toEqual(['UNAUTHENTICATED']);
    const clusters = await t.query(`{ cluster(id: "cum-99") { id } }`);
    expect(clusters.data!.cluster).toBeNull();
  });

  test('createCluster with a province token is FORBIDDEN; with a ministry token it works; twice is CONFLICT', async () => {
    const mutation = `mutation { createCluster(id: "cum-20", name: "Cụm thi đua số 20") { id name seasons { year } } }`;
    const province = await t.query(mutation, { token: await t.token('province', 'vinh-phuc') });
    expect(errorCodes(province)).toEqual(['FORBIDDEN']);
    const ministry = await t.query(mutation, { token: await t.token('ministry') });
    expect(ministry.errors).toBeUndefined();
    expect(ministry.data!.createCluster).toEqual({ id: 'cum-20', name: 'Cụm thi đua số 20', seasons: [] });
    const again = await t.query(mutation, { token: await t.token('admin') });
    expect(errorCodes(again)).toEqual(['CONFLICT']);
    expect(again.errors![0].message).toContain('cum-20');
  });

  test('a 2025 unit in a 2019 season is BAD_USER_INPUT naming it, and the season is unchanged', async () => {
    const admin = await t.token('admin');
    const response = await t.query(
      `mutation { setSeasonMembers(clusterId: "cum-3", year: 2019, provinceIds: ["vinh-phuc", "bac-ninh-2025"]) { year } }`,
      { token: admin },
    );
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].message).toContain('bac-ninh-2025');
    expect(response.errors![0].message).toContain('2019');
    const after = await t.query(seasonQuery, { variables: { year: 2019 } });
    expect(after.data!.cluster.season.members).toHaveLength(9);
  });

  test('a merged-away unit cannot join a 2026 season; unknown provinces and clusters are named', async () => {
    const admin = await t.token('admin');
    const merged = await t.query(
      `mutation { setSeasonMembers(clusterId: "cum-3", year: 2026, provinceIds: ["quang-ninh", "vinh-phuc"]) { year } }`,
      { token: admin },
    );
    expect(errorCodes(merged)).toEqual(['BAD_USER_INPUT']);
    expect(merged.errors![0].message).toMatch(/provinceIds\[1\].*vinh-phuc.*2026/);
    const unknown = await t.query(
      `mutation { setSeasonMembers(clusterId: "cum-3", year: 2026, provinceIds: ["atlantis"]) { year } }`,
      { token: admin },
    );
    expect(unknown.errors![0].message).toContain('atlantis');
    const noCluster = await t.query(
      `mutation { setSeasonMembers(clusterId: "cum-404", year: 2026, provinceIds: ["quang-ninh"]) { year } }`,
      { token: admin },
    );
    expect(errorCodes(noCluster)).toEqual(['BAD_USER_INPUT']);
    expect(noCluster.errors![0].message).toContain('cum-404');
    const season = await t.query(`{ cluster(id: "cum-3") { season(year: 2026) { year } } }`);
    expect(season.data!.cluster.season).toBeNull();
  });

  test('a province sits in at most one cluster per season', async () => {
    const admin = await t.token('admin');
    const response = await t.query(
      `mutation { setSeasonMembers(clusterId: "cum-1", year: 2019, provinceIds: ["ha-noi", "quang-ninh"]) { year } }`,
      { token: admin },
    );
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].message).toMatch(/quang-ninh.*cum-3/);
    const haNoi = await t.query(`{ province(id: "ha-noi") { cluster(year: 2019) { id } } }`);
    expect(haNoi.data!.province.cluster).toBeNull();
  });

  test('setSeasonMembers needs admin or ministry; a new season keeps a revision history', async () => {
    const mutation = `mutation { setSeasonMembers(clusterId: "cum-7", year: 2021, provinceIds: ["tay-ninh", "dong-nai", "binh-duong"]) {
      year members { id } revisions { revision action memberIds actor }
    } }`;
    const province = await t.query(mutation, { token: await t.token('province', 'tay-ninh') });
    expect(errorCodes(province)).toEqual(['FORBIDDEN']);
    const ministry = await t.query(mutation, { token: await t.token('ministry') });
    expect(ministry.errors).toBeUndefined();
    expect(ministry.data!.setSeasonMembers.members).toHaveLength(3);
    const replaced = await t.query(
      `mutation { setSeasonMembers(clusterId: "cum-7", year: 2021, provinceIds: ["tay-ninh", "dong-nai"]) { revisions { revision memberIds actor } } }`,
      { token: await t.token('admin') },
    );
    expect(replaced.data!.setSeasonMembers.revisions).toEqual([
      { revision: 1, memberIds: ['binh-duong', 'dong-nai', 'tay-ninh'], actor: 'test-ministry' },
      { revision: 2, memberIds: ['dong-nai', 'tay-ninh'], actor: 'test-admin' },
    ]);
  });

  test('electHead: the previous head may elect the next; another member may not; the head must be a member', async () => {
    const admin = await t.token('admin');
    await t.query(
      `mutation { setSeasonMembers(clusterId: "cum-8", year: 2022, provinceIds: ["an-giang", "long-an", "ca-mau"]) { year } }`,
      { token: admin },
    );
    const elect = (headId: string, deputy?: string) =>
      `mutation { electHead(clusterId: "cum-8", year: 2022, headId: "${headId}"${deputy ? `, deputyHeadId: "${deputy}"` : ''}) {
        head { id } deputyHead { id } } }`;
    const notHead = await t.query(elect('long-an'), { token: await t.token('province', 'long-an') });
    expect(errorCodes(notHead)).toEqual(['FORBIDDEN']);
    expect(notHead.errors![0].message).toContain('an-giang');
    const anonymous = await t.query(elect('long-an'));
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
    const outsider = await t.query(elect('ha-noi'), { token: await t.token('province', 'an-giang') });
    expect(errorCodes(outsider)).toEqual(['BAD_USER_INPUT']);
    expect(outsider.errors![0].message).toContain('ha-noi');
    const sameDeputy = await t.query(elect('long-an', 'long-an'), { token: await t.token('province', 'an-giang') });
    expect(errorCodes(sameDeputy)).toEqual(['BAD_USER_INPUT']);
    const elected = await t.query(elect('long-an', 'ca-mau'), { token: await t.token('province', 'an-giang') });
    expect(elected.errors).toBeUndefined();
    expect(elected.data!.electHead).toEqual({ head: { id: 'long-an' }, deputyHead: { id: 'ca-mau' } });
  });

  test('a sitting head cannot be dropped from the members without electing another first', async () => {
    const admin = await t.token('admin');
    const response = await t.query(
      `mutation { setSeasonMembers(clusterId: "cum-3", year: 2020, provinceIds: ["vinh-phuc", "bac-ninh"]) { year } }`,
      { token: admin },
    );
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].message).toContain('quang-ninh');
  });
});
