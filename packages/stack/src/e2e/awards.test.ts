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
