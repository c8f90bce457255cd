import { statementCount } from '@thidua/kit';
import { errorCodes, startTestStack, type TestStack } from '../test/harness.js';

let t: TestStack;
beforeAll(async () => {
  t = await startTestStack();
});
afterAll(() => t.stop());

const awardsStatements = () => statementCount(t.stack.subgraphs.awards.dataSource);

const record = `mutation ($input: CommendationInput!) {
  recordCommendation(input: $input) { id form year recipientKind recipientName decision points revision province { id name } }
}`;

const ministryCertificate = {
  provinceId: 'ninh-binh',
  form: 'MINISTRY_CERTIFICATE',
  year: 2019,
  recipientKind: 'DEPARTMENT',
  recipientName: 'Sở Thông tin và Truyền thông tỉnh Ninh Bình',
  decision: 'Quyết định số 1/QĐ-BTTTT',
};

describe('catalogue', () => {
  test('every form with its Vietnamese name, issuing level, recipients and default points', async () => {
    const response = await t.query(`{
      commendationCatalogue { form name issuingLevel issuer recipientKinds points recordedByProvince pointsHistory { points } }
    }`);
    expect(response.errors).toBeUndefined();
    const catalogue = response.data!.commendationCatalogue;
    expect(catalogue).toHaveLength(10);
    expect(catalogue[0]).toMatchObject({
      form: 'GOVERNMENT_EMULATION_FLAG',
      name: 'Cờ thi đua của Chính phủ',
      issuingLevel: 'GOVERNMENT',
      recipientKinds: ['DEPARTMENT', 'COLLECTIVE'],
      points: 10,
      recordedByProvince: false,
    });
    const byForm = Object.fromEntries(catalogue.map((e: { form: string }) => [e.form, e]));
    expect(byForm.EXCELLENT_LABOUR_COLLECTIVE).toMatchObject({
      name: 'Tập thể lao động xuất sắc',
      issuingLevel: 'PROVINCE',
      issuer: 'Chủ tịch Ủy ban nhân dân tỉnh',
      recordedByProvince: true,
    });
    expect(byForm.EMULATION_FIGHTER).toMatchObject({
      name: 'Chiến sĩ thi đua cơ sở',
      issuingLevel: 'DEPARTMENT',
      recipientKinds: ['INDIVIDUAL'],
    });
    expect(byForm.DEPARTMENT_CERTIFICATE).toMatchObject({ issuingLevel: 'DEPARTMENT', points: 0.5 });
    expect(byForm.MINISTRY_EMULATION_FLAG).toMatchObject({ issuingLevel: 'MINISTRY', points: 6 });
    expect(catalogue.every((e: { pointsHistory: unknown[] }) => e.pointsHistory.length === 0)).toBe(true);
  });

  test('setCommendationPoints is for admins, checks the value, and keeps the previous points', async () => {
    const mutation = `mutation ($points: Float!) {
      setCommendationPoints(form: ADVANCED_MODEL, points: $points) { points updatedBy pointsHistory { previousPoints points actor } }
    }`;
    const ministry = await t.query(mutation, { variables: { points: 1 }, token: await t.token('ministry') });
    expect(errorCodes(ministry)).toEqual(['FORBIDDEN']);
    const negative = await t.query(mutation, { variables: { points: -1 }, token: await t.token('admin') });
    expect(errorCodes(negative)).toEqual(['BAD_USER_INPUT']);
    expect(negative.errors![0].message).toMatch(/^points: -1 /);
    const set = await t.query(mutation, { variables: { points: 0.75 }, token: await t.token('admin') });
    expect(set.errors).toBeUndefined();
    expect(set.data!.setCommendationPoints).toEqual({
      points: 0.75,
      updatedBy: 'test-admin',
      pointsHistory: [{ previousPoints: 0.5, points: 0.75, actor: 'test-admin' }],
    });
    const back = await t.query(mutation, { variables: { points: 0.5 }, token: await t.token('admin') });
    expect(back.data!.setCommendationPoints.pointsHistory).toHaveLength(2);
  });
});

describe('published commendations (reference data)', () => {
  test('Tây Ninh 2015–2020: the Government flag, four Ministry flags and the province flag', async () => {
    const response = await t.query(`{
      province(id: "tay-ninh") {
        commendations(fromYear: 2015, toYear: 2020) {
          form year yearApproximate periodFrom periodTo recipientKind recipientName source citation
        }
      }
    }`);
    expect(response.errors).toBeUndefined();
    const list = response.data!.province.commendations;
    const forms = list.map((c: { form: string }) => c.form);
    expect(forms.filter((f: string) => f === 'GOVERNMENT_EMULATION_FLAG')).toHaveLength(1);
    expect(forms.filter((f: string) => f === 'MINISTRY_EMULATION_FLAG')).toHaveLength(4);
    expect(forms.filter((f: string) => f === 'PROVINCE_EMULATION_FLAG')).toHaveLength(1);
    const flags = list.filter((c: { form: string }) => c.form.endsWith('_FLAG'));
    expect(flags.every((c: { recipientKind: string }) => c.recipientKind === 'DEPARTMENT')).toBe(true);
    expect(flags[0].recipientName).toBe('Sở Thông tin và Truyền thông tỉnh Tây Ninh');
    const ministryFlags = list.filter((c: { form: string }) => c.form === 'MINISTRY_EMULATION_FLAG');
    expect(ministryFlags.filter((c: { yearApproximate: boolean }) => !c.yearApproximate)).toEqual([
      expect.objectContaining({ year: 2015, periodFrom: null, periodTo: null }),
    ]);
    expect(ministryFlags.filter((c: { yearApproximate: boolean }) => c.yearApproximate)).toHaveLength(3);
    expect(list.find((c: { form: string }) => c.form === 'GOVERNMENT_EMULATION_FLAG')).toMatchObject({
      year: 2020,
      yearApproximate: true,
      periodFrom: 2015,
      periodTo: 2020,
    });
    expect(list.find((c: { form: string }) => c.form === 'PROVINCE_CERTIFICATE')).toMatchObject({
      year: 2020,
      recipientKind: 'INDIVIDUAL',
      recipientName: 'Nguyễn Thị Kiều Oanh, IT, Post and Telecom office',
    });
    expect(list.every((c: { source: string }) => c.source.length > 0)).toBe(true);
  });

  test('a period-only award is listed only when the asked range holds its whole period', async () => {
    const response = await t.query(`{
      province(id: "tay-ninh") {
        y2015: commendations(fromYear: 2015, toYear: 2015) { form year }
        y2018: commendations(fromYear: 2018, toYear: 2018) { form }
        all: commendations { form }
      }
    }`);
    expect(response.data!.province.y2015).toEqual([{ form: 'MINISTRY_EMULATION_FLAG', year: 2015 }]);
    expect(response.data!.province.y2018).toEqual([]);
    expect(response.data!.province.all).toHaveLength(7);
  });

  test('counts without names are tallies, never invented people', async () => {
    const response = await t.query(`{
      province(id: "ha-tinh") {
        commendations { form year recipientKind recipientName }
        commendationTallies(fromYear: 2015, toYear: 2020) { form recipientKind count year periodFrom periodTo points citation }
      }
    }`);
    expect(response.errors).toBeUndefined();
    const { commendations, commendationTallies } = response.data!.province;
    expect(commendations.filter((c: { recipientKind: string }) => c.recipientKind !== 'DEPARTMENT')).toEqual([
      {
        form: 'MINISTRY_CERTIFICATE',
        year: 2015,
        recipientKind: 'INDIVIDUAL',
        recipientName: 'Phan Tấn Linh, director',
      },
    ]);
    expect(commendations.filter((c: { form: string }) => c.form === 'PRIME_MINISTER_CERTIFICATE')).toHaveLength(2);
    expect(commendationTallies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ form: 'ADVANCED_MODEL', recipientKind: 'COLLECTIVE', count: 2, year: null }),
        expect.objectContaining({ form: 'ADVANCED_MODEL', recipientKind: 'INDIVIDUAL', count: 8, periodFrom: 2015 }),
        expect.objectContaining({ form: 'MINISTRY_CERTIFICATE', recipientKind: 'INDIVIDUAL', count: 6, year: 2019 }),
        expect.objectContaining({ form: 'PROVINCE_CERTIFICATE', recipientKind: 'COLLECTIVE', count: 2, points: 4 }),
      ]),
    );
    // 2011–2020 is not within 2015–2020.
    expect(commendationTallies.some((c: { periodFrom: number }) => c.periodFrom === 2011)).toBe(false);
  });

  test('fromYear after toYear is BAD_USER_INPUT naming toYear', async () => {
    const response = await t.query(
      `{ province(id: "tay-ninh") { name commendations(fromYear: 2020, toYear: 2015) { form } } }`,
    );
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].message).toMatch(/toYear: 2015 is before fromYear 2020/);
    expect(response.data!.province).toEqual({ name: 'Tây Ninh', commendations: null });
  });

  test('commendations of many provinces take the same number of statements as of a few', async () => {
    const query = `query ($region: Region) {
      provinces(asOf: "2019-12-31", region: $region) { id commendations(fromYear: 2015, toYear: 2020) { form points } }
    }`;
    const before = awardsStatements();
    const few = await t.query(query, { variables: { region: 'SOUTHEAST' } });
    const forFew = awardsStatements() - before;
    const middle = awardsStatements();
    const all = await t.query(query);
    const forAll = awardsStatements() - middle;
    expect(few.errors).toBeUndefined();
    expect(all.errors).toBeUndefined();
    expect(few.data!.provinces.length).toBeLessThan(10);
    expect(all.data!.provinces).toHaveLength(63);
    expect(forAll).toBe(forFew);
    expect(forAll).toBeLessThanOrEqual(2);
  });
});

describe('recording commendations', () => {
  test('the Ministry records a Ministry certificate; points come from the catalogue; the history starts', async () => {
    const response = await t.query(record, {
      variables: { input: ministryCertificate },
      token: await t.token('ministry'),
    });
    expect(response.errors).toBeUndefined();
    expect(response.data!.recordCommendation).toMatchObject({
      form: 'MINISTRY_CERTIFICATE',
      year: 2019,
      decision: 'Quyết định số 1/QĐ-BTTTT',
      points: 4,
      revision: 1,
      province: { id: 'ninh-binh', name: 'Ninh Bình' },
    });
    const again = await t.query(record, { variables: { input: ministryCertificate }, token: await t.token('admin') });
    expect(errorCodes(again)).toEqual(['CONFLICT']);
  });

  test('a province officer records its own department’s provincial and internal awards only', async () => {
    const officer = await t.token('province', 'ninh-binh');
    const own = await t.query(record, {
      variables: {
        input: {
          provinceId: 'ninh-binh',
          form: 'EMULATION_FIGHTER',
          year: 2020,
          recipientKind: 'INDIVIDUAL',
          recipientName: '  Nguyễn Văn A  ',
        },
      },
      token: officer,
    });
    expect(own.errors).toBeUndefined();
    expect(own.data!.recordCommendation).toMatchObject({ recipientName: 'Nguyễn Văn A', points: 1 });

    const ministryForm = await t.query(record, {
      variables: { input: { ...ministryCertificate, year: 2020 } },
      token: officer,
    });
    expect(errorCodes(ministryForm)).toEqual(['FORBIDDEN']);
    expect(ministryForm.errors![0].message).toContain('MINISTRY_CERTIFICATE');

    const otherProvince = await t.query(record, {
      variables: {
        input: {
          provinceId: 'nam-dinh',
          form: 'DEPARTMENT_CERTIFICATE',
          year: 2020,
          recipientKind: 'COLLECTIVE',
          recipientName: 'Văn phòng Sở',
        },
      },
      token: officer,
    });
    expect(errorCodes(otherProvince)).toEqual(['FORBIDDEN']);
    const viewer = await t.query(record, { variables: { input: ministryCertificate }, token: await t.token('viewer') });
    expect(errorCodes(viewer)).toEqual(['FORBIDDEN']);
    const anonymous = await t.query(record, { variables: { input: ministryCertificate } });
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);

    const namDinh = await t.query(
      `{ province(id: "nam-dinh") { commendations(fromYear: 2020, toYear: 2020) { id } } }`,
    );
    expect(namDinh.data!.province.commendations).toEqual([]);
  });

  test.each([
    [{ recipientKind: 'INDIVIDUAL', form: 'MINISTRY_EMULATION_FLAG' }, 'input.recipientKind', '"INDIVIDUAL"'],
    [{ recipientKind: 'DEPARTMENT', form: 'EMULATION_FIGHTER' }, 'input.recipientKind', '"DEPARTMENT"'],
    [{ provinceId: 'atlantis' }, 'input.provinceId', '"atlantis"'],
    [{ provinceId: 'phu-tho-2025' }, 'input.provinceId', '"phu-tho-2025"'],
    [{ year: 1999 }, 'input.year', '1999'],
    [{ year: 2100 }, 'input.year', '2100'],
    [{ recipientName: '   ' }, 'input.recipientName', '"   "'],
    [{ decision: '' }, 'input.decision', '""'],
    [{ periodFrom: 2015 }, 'input.periodTo', 'null'],
    [{ periodFrom: 2015, periodTo: 2018 }, 'input.year', '2019'],
  ])('bad input %j is BAD_USER_INPUT naming %s and the value, and nothing is stored', async (change, field, value) => {
    const input = { ...ministryCertificate, provinceId: 'thai-binh', recipientName: 'Phòng Bưu chính', ...change };
    const response = await t.query(record, { variables: { input }, token: await t.token('ministry') });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].message).toContain(`${field}: ${value} `);
    const stored = await t.query(`{ province(id: "thai-binh") { commendations { id } } }`);
    expect(stored.data!.province.commendations).toEqual([]);
  });

  test('a unit that did not exist that year is refused, naming the year', async () => {
    const response = await t.query(record, {
      variables: { input: { ...ministryCertificate, provinceId: 'vinh-phuc', year: 2026 } },
      token: await t.token('ministry'),
    });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].message).toMatch(/input\.provinceId: "vinh-phuc" did not exist in 2026/);
  });

  test('a correction keeps every earlier state with who made it and when', async () => {
    const officer = await t.token('province', 'ha-nam');
    const created = await t.query(record, {
      variables: {
        input: {
          provinceId: 'ha-nam',
          form: 'PROVINCE_CERTIFICATE',
          year: 2019,
          recipientKind: 'COLLECTIVE',
          recipientName: 'Phong Buu chinh',
          citation: 'Thành tích xuất sắc năm 2019',
        },
      },
      token: officer,
    });
    const id = created.data!.recordCommendation.id;
    const correct = `mutation ($id: ID!, $input: CommendationCorrectionInput!, $note: String) {
      correctCommendation(id: $id, input: $input, note: $note) {
        recipientName decision citation revision updatedBy
        history { revision action recipientName decision citation note actor at }
      }
    }`;
    const corrected = await t.query(correct, {
      variables: {
        id,
        input: { recipientName: 'Phòng Bưu chính, Viễn thông', decision: 'Quyết định số 25/QĐ-UBND', citation: null },
        note: 'sửa dấu tiếng Việt',
      },
      token: await t.token('admin'),
    });
    expect(corrected.errors).toBeUndefined();
    const result = corrected.data!.correctCommendation;
    expect(result).toMatchObject({
      recipientName: 'Phòng Bưu chính, Viễn thông',
      decision: 'Quyết định số 25/QĐ-UBND',
      citation: null,
      revision: 2,
      updatedBy: 'test-admin',
    });
    expect(result.history).toEqual([
      expect.objectContaining({
        revision: 1,
        action: 'record',
        recipientName: 'Phong Buu chinh',
        decision: null,
        citation: 'Thành tích xuất sắc năm 2019',
        actor: 'test-province-ha-nam',
      }),
      expect.objectContaining({ revision: 2, action: 'correct', note: 'sửa dấu tiếng Việt', actor: 'test-admin' }),
    ]);
    expect(Date.parse(result.history[1].at)).toBeGreaterThanOrEqual(Date.parse(result.history[0].at));

    // A province cannot move its award to a form it may not record, nor touch another province's.
    const upgrade = await t.query(correct, {
      variables: { id, input: { form: 'MINISTRY_CERTIFICATE' } },
      token: officer,
    });
    expect(errorCodes(upgrade)).toEqual(['FORBIDDEN']);
    const stranger = await t.query(correct, {
      variables: { id, input: { recipientName: 'X' } },
      token: await t.token('province', 'nam-dinh'),
    });
    expect(errorCodes(stranger)).toEqual(['FORBIDDEN']);
    const bad = await t.query(correct, {
      variables: { id, input: { recipientKind: 'INDIVIDUAL', form: 'PROVINCE_EMULATION_FLAG' } },
      token: officer,
    });
    expect(errorCodes(bad)).toEqual(['BAD_USER_INPUT']);
    const cleared = await t.query(correct, { variables: { id, input: { recipientName: null } }, token: officer });
    expect(errorCodes(cleared)).toEqual(['BAD_USER_INPUT']);
    const missing = await t.query(correct, {
      variables: { id: '00000000-0000-0000-0000-000000000000', input: { year: 2018 } },
      token: officer,
    });
    expect(errorCodes(missing)).toEqual(['NOT_FOUND']);

    const after = await t.query(`query ($id: ID!) { commendation(id: $id) { revision form history { revision } } }`, {
      variables: { id },
    });
    expect(after.data!.commendation).toEqual({
      revision: 2,
      form: 'PROVINCE_CERTIFICATE',
      history: [{ revision: 1 }, { revision: 2 }],
    });
  });

  test('a period-only award can be dated once the year is known', async () => {
    const list = await t.query(`{ province(id: "tay-ninh") { commendations { id form yearApproximate } } }`);
    const flag = list.data!.province.commendations.find(
      (c: { form: string; yearApproximate: boolean }) => c.form === 'MINISTRY_EMULATION_FLAG' && c.yearApproximate,
    );
    const response = await t.query(
      `mutation ($id: ID!) {
        correctCommendation(id: $id, input: { year: 2017, periodFrom: null, periodTo: null }, note: "year found") {
          year yearApproximate periodFrom revision history { revision periodFrom periodTo year action actor }
        }
      }`,
      { variables: { id: flag.id }, token: await t.token('ministry') },
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

describe('cluster review', () => {
  const nominate = `mutation ($clusterId: ID!, $year: Int!, $provinceId: ID!, $form: CommendationForm!) {
    nominate(clusterId: $clusterId, year: $year, provinceId: $provinceId, form: $form) {
      id form status votesFor votesAgainst province { id } season { clusterId year }
    }
  }`;
  const vote = `mutation ($id: ID!, $voter: ID!, $approve: Boolean!) {
    castVote(nominationId: $id, voterProvinceId: $voter, approve: $approve) { status votesFor votesAgainst }
  }`;
  const close = `mutation ($id: ID!) {
    closeNomination(nominationId: $id) { status votesFor votesAgainst membersAtClose votesNeeded closedBy }
  }`;
  const cluster3 = [
    'bac-ninh',
    'quang-ninh',
    'hai-duong',
    'hung-yen',
    'ha-nam',
    'nam-dinh',
    'ninh-binh',
    'thai-binh',
    'vinh-phuc',
  ];

  async function propose(provinceId: string, form = 'MINISTRY_CERTIFICATE', year = 2019): Promise<string> {
    const response = await t.query(nominate, {
      variables: { clusterId: 'cum-3', year, provinceId, form },
      token: await t.token('province', 'vinh-phuc'),
    });
    expect(response.errors).toBeUndefined();
    return response.data!.nominate.id;
  }

  async function votes(id: string, voters: string[], approve: boolean): Promise<void> {
    for (const voter of voters) {
      const response = await t.query(vote, {
        variables: { id, voter, approve },
        token: await t.token('province', voter),
      });
      expect(response.errors).toBeUndefined();
    }
  }

  test('Cluster 3’s 2019 proposals are recorded as adopted, with their source and no invented votes', async () => {
    const response = await t.query(`{
      cluster(id: "cum-3") { season(year: 2019) { nominations { province { id } form status votesFor votesAgainst source note } } }
    }`);
    expect(response.errors).toBeUndefined();
    const nominations = response.data!.cluster.season.nominations;
    expect(
      nominations.map((n: { province: { id: string }; form: string; status: string }) => [
        n.province.id,
        n.form,
        n.status,
      ]),
    ).toEqual([
      ['quang-ninh', 'MINISTRY_EMULATION_FLAG', 'ADOPTED'],
      ['bac-ninh', 'MINISTRY_CERTIFICATE', 'ADOPTED'],
      ['vinh-phuc', 'MINISTRY_CERTIFICATE', 'ADOPTED'],
    ]);
    expect(nominations[0]).toMatchObject({ votesFor: 0, votesAgainst: 0, source: 'Vĩnh Phúc DIC portal, 13 Dec 2019' });
    expect(nominations[0].note).toContain('2019-12-13');
    const others = await t.query(`{
      c1: cluster(id: "cum-1") { season(year: 2022) { nominations { province { id } form status } } }
      c8: cluster(id: "cum-8") { season(year: 2021) { nominations { province { id } form status } } }
    }`);
    expect(others.data!.c1.season.nominations).toHaveLength(3);
    expect(others.data!.c8.season.nominations).toEqual([
      { province: { id: 'long-an' }, form: 'MINISTRY_EMULATION_FLAG', status: 'ADOPTED' },
    ]);
  });

  test('only the season’s head, the Ministry or an admin nominates, and only members', async () => {
    const variables = { clusterId: 'cum-3', year: 2019, provinceId: 'hung-yen', form: 'MINISTRY_EMULATION_FLAG' };
    const notHead = await t.query(nominate, { variables, token: await t.token('province', 'bac-ninh') });
    expect(errorCodes(notHead)).toEqual(['FORBIDDEN']);
    expect(notHead.errors![0].message).toContain('vinh-phuc');
    const viewer = await t.query(nominate, { variables, token: await t.token('viewer') });
    expect(errorCodes(viewer)).toEqual(['FORBIDDEN']);
    const anonymous = await t.query(nominate, { variables });
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
    const outsider = await t.query(nominate, {
      variables: { ...variables, provinceId: 'ha-noi' },
      token: await t.token('province', 'vinh-phuc'),
    });
    expect(errorCodes(outsider)).toEqual(['BAD_USER_INPUT']);
    expect(outsider.errors![0].message).toMatch(/provinceId: "ha-noi" is not a member of cum-3 in 2019/);
    const internalForm = await t.query(nominate, {
      variables: { ...variables, form: 'DEPARTMENT_CERTIFICATE' },
      token: await t.token('ministry'),
    });
    expect(errorCodes(internalForm)).toEqual(['BAD_USER_INPUT']);
    const noSeason = await t.query(nominate, {
      variables: { ...variables, year: 2010 },
      token: await t.token('admin'),
    });
    expect(errorCodes(noSeason)).toEqual(['BAD_USER_INPUT']);
    expect(noSeason.errors![0].message).toMatch(/year: 2010 has no season of cluster "cum-3"/);

    const byMinistry = await t.query(nominate, { variables, token: await t.token('ministry') });
    expect(byMinistry.errors).toBeUndefined();
    expect(byMinistry.data!.nominate).toMatchObject({
      status: 'OPEN',
      votesFor: 0,
      province: { id: 'hung-yen' },
      season: { clusterId: 'cum-3', year: 2019 },
    });
    const twice = await t.query(nominate, { variables, token: await t.token('admin') });
    expect(errorCodes(twice)).toEqual(['CONFLICT']);
  });

  test('with 9 members, 5 votes for adopt and 4 do not', async () => {
    const adopted = await propose('hai-duong');
    await votes(adopted, cluster3.slice(0, 5), true);
    await votes(adopted, cluster3.slice(5, 7), false);
    const closedAdopted = await t.query(close, {
      variables: { id: adopted },
      token: await t.token('province', 'vinh-phuc'),
    });
    expect(closedAdopted.errors).toBeUndefined();
    expect(closedAdopted.data!.closeNomination).toEqual({
      status: 'ADOPTED',
      votesFor: 5,
      votesAgainst: 2,
      membersAtClose: 9,
      votesNeeded: 5,
      closedBy: 'test-province-vinh-phuc',
    });

    const rejected = await propose('nam-dinh');
    await votes(rejected, cluster3.slice(0, 4), true);
    await votes(rejected, cluster3.slice(4, 9), false);
    const closedRejected = await t.query(close, { variables: { id: rejected }, token: await t.token('ministry') });
    expect(closedRejected.data!.closeNomination).toMatchObject({ status: 'REJECTED', votesFor: 4, votesAgainst: 5 });
  });

  test('a member votes once, with its own token; outsiders, the Ministry and closed nominations take no votes', async () => {
    const id = await propose('thai-binh');
    await votes(id, ['ha-nam'], true);
    const twice = await t.query(vote, {
      variables: { id, voter: 'ha-nam', approve: false },
      token: await t.token('province', 'ha-nam'),
    });
    expect(errorCodes(twice)).toEqual(['CONFLICT']);
    expect(twice.errors![0].message).toContain('ha-nam');
    const onBehalf = await t.query(vote, {
      variables: { id, voter: 'nam-dinh', approve: true },
      token: await t.token('province', 'ha-nam'),
    });
    expect(errorCodes(onBehalf)).toEqual(['FORBIDDEN']);
    const ministry = await t.query(vote, {
      variables: { id, voter: 'nam-dinh', approve: true },
      token: await t.token('ministry'),
    });
    expect(errorCodes(ministry)).toEqual(['FORBIDDEN']);
    const outsider = await t.query(vote, {
      variables: { id, voter: 'ha-noi', approve: true },
      token: await t.token('province', 'ha-noi'),
    });
    expect(errorCodes(outsider)).toEqual(['FORBIDDEN']);
    expect(outsider.errors![0].message).toContain('not a member');
    const unknown = await t.query(vote, {
      variables: { id: '00000000-0000-0000-0000-000000000000', voter: 'ha-nam', approve: true },
      token: await t.token('province', 'ha-nam'),
    });
    expect(errorCodes(unknown)).toEqual(['NOT_FOUND']);

    const notHead = await t.query(close, { variables: { id }, token: await t.token('province', 'ha-nam') });
    expect(errorCodes(notHead)).toEqual(['FORBIDDEN']);
    const closed = await t.query(close, { variables: { id }, token: await t.token('admin') });
    expect(closed.data!.closeNomination).toMatchObject({ status: 'REJECTED', votesFor: 1, votesAgainst: 0 });
    const late = await t.query(vote, {
      variables: { id, voter: 'nam-dinh', approve: true },
      token: await t.token('province', 'nam-dinh'),
    });
    expect(errorCodes(late)).toEqual(['CONFLICT']);
    expect(late.errors![0].message).toMatch(/closed \(REJECTED\)/);
    const again = await t.query(close, { variables: { id }, token: await t.token('admin') });
    expect(errorCodes(again)).toEqual(['CONFLICT']);

    const stored = await t.query(`{
      cluster(id: "cum-3") { season(year: 2019) { nominations { id votesFor votesAgainst votes { voter { id name } approve castBy } } } }
    }`);
    const nomination = stored.data!.cluster.season.nominations.find((n: { id: string }) => n.id === id);
    expect(nomination).toEqual({
      id,
      votesFor: 1,
      votesAgainst: 0,
      votes: [{ voter: { id: 'ha-nam', name: 'Hà Nam' }, approve: true, castBy: 'test-province-ha-nam' }],
    });
  });

  test('a season’s threshold is configurable by its head, with history, and decides later closes', async () => {
    const setThreshold = `mutation ($percent: Float!, $inclusive: Boolean) {
      setAdoptionThreshold(clusterId: "cum-3", year: 2020, percent: $percent, inclusive: $inclusive) {
        adoptionThreshold { percent inclusive description actor }
        adoptionThresholdHistory { revision percent inclusive actor }
      }
    }`;
    const before = await t.query(
      `{ cluster(id: "cum-3") { season(year: 2020) { adoptionThreshold { percent inclusive description revision } } } }`,
    );
    expect(before.data!.cluster.season.adoptionThreshold).toEqual({
      percent: 50,
      inclusive: false,
      description: 'more than 50% of the members',
      revision: 0,
    });
    const notHead = await t.query(setThreshold, {
      variables: { percent: 66 },
      token: await t.token('province', 'vinh-phuc'),
    });
    expect(errorCodes(notHead)).toEqual(['FORBIDDEN']);
    expect(notHead.errors![0].message).toContain('quang-ninh');
    const impossible = await t.query(setThreshold, {
      variables: { percent: 100, inclusive: false },
      token: await t.token('province', 'quang-ninh'),
    });
    expect(errorCodes(impossible)).toEqual(['BAD_USER_INPUT']);
    const outOfRange = await t.query(setThreshold, { variables: { percent: 0 }, token: await t.token('admin') });
    expect(errorCodes(outOfRange)).toEqual(['BAD_USER_INPUT']);
    expect(outOfRange.errors![0].message).toMatch(/^percent: 0 /);

    const set = await t.query(setThreshold, {
      variables: { percent: 70, inclusive: true },
      token: await t.token('province', 'quang-ninh'),
    });
    expect(set.errors).toBeUndefined();
    expect(set.data!.setAdoptionThreshold.adoptionThreshold).toEqual({
      percent: 70,
      inclusive: true,
      description: 'at least 70% of the members',
      actor: 'test-province-quang-ninh',
    });
    const changed = await t.query(setThreshold, { variables: { percent: 60 }, token: await t.token('ministry') });
    expect(changed.data!.setAdoptionThreshold.adoptionThresholdHistory).toEqual([
      { revision: 1, percent: 70, inclusive: true, actor: 'test-province-quang-ninh' },
      { revision: 2, percent: 60, inclusive: false, actor: 'test-ministry' },
    ]);

    // More than 60 % of 9 members is 6 votes: 5 are not enough in 2020, though they were in 2019.
    const response = await t.query(nominate, {
      variables: { clusterId: 'cum-3', year: 2020, provinceId: 'ninh-binh', form: 'MINISTRY_CERTIFICATE' },
      token: await t.token('province', 'quang-ninh'),
    });
    const id = response.data!.nominate.id;
    await votes(id, cluster3.slice(0, 5), true);
    const closed = await t.query(close, { variables: { id }, token: await t.token('province', 'quang-ninh') });
    expect(closed.data!.closeNomination).toMatchObject({ status: 'REJECTED', votesFor: 5, votesNeeded: 6 });
  });

  test('nominations of many seasons take one statement each for nominations and votes', async () => {
    const query = `{ clusters { seasons { year nominations { form status votesFor votes { approve } } } } }`;
    const before = awardsStatements();
    const response = await t.query(query);
    const used = awardsStatements() - before;
    expect(response.errors).toBeUndefined();
    const seasons = response.data!.clusters.flatMap((c: { seasons: unknown[] }) => c.seasons);
    expect(seasons.length).toBeGreaterThan(4);
    expect(used).toBeLessThanOrEqual(2);
  });
});
