import { statementCount } from '@thidua/kit';
import { errorCodes, graphql, useTestStack } from '../test/harness.js';

/*
 * Commendations through the gateway: the published records on the provinces'
 * own entity, a user's token carried to the awards subgraph, the N+1 guard.
 * The rule tables (who records what, bad input, corrections, the catalogue)
 * are subgraph tests beside the code: services/awards/src/**\/__tests__.
 */

const t = useTestStack();
const awardsStatements = () => statementCount(t.stack.subgraphs.awards.dataSource);

const published = graphql(`
  query Published($id: ID!, $fromYear: Int, $toYear: Int) {
    province(id: $id) {
      name
      commendations(fromYear: $fromYear, toYear: $toYear) {
        form
        year
        yearApproximate
        periodFrom
        periodTo
        recipientKind
        recipientName
        source
      }
    }
  }
`);

const record = graphql(`
  mutation Record($input: CommendationInput!) {
    recordCommendation(input: $input) {
      form
      year
      decision
      recipientName
      points
      revision
      province {
        id
        name
      }
    }
  }
`);

describe('published commendations (reference data) on the province', () => {
  test('Tây Ninh 2015–2020: the Government flag, four Ministry flags and the province flag', async () => {
    const response = await t.query(published, { variables: { id: 'tay-ninh', fromYear: 2015, toYear: 2020 } });
    expect(response.errors).toBeUndefined();
    const list = response.data!.province!.commendations!;
    const ofForm = (form: string) => list.filter((c) => c.form === form);
    expect(ofForm('GOVERNMENT_EMULATION_FLAG')).toHaveLength(1);
    expect(ofForm('MINISTRY_EMULATION_FLAG')).toHaveLength(4);
    expect(ofForm('PROVINCE_EMULATION_FLAG')).toHaveLength(1);
    const flags = list.filter((c) => c.form.endsWith('_FLAG'));
    expect(flags.every((c) => c.recipientKind === 'DEPARTMENT')).toBe(true);
    expect(flags[0].recipientName).toBe('Sở Thông tin và Truyền thông tỉnh Tây Ninh');
    const ministryFlags = ofForm('MINISTRY_EMULATION_FLAG');
    expect(ministryFlags.filter((c) => !c.yearApproximate)).toEqual([
      expect.objectContaining({ year: 2015, periodFrom: null, periodTo: null }),
    ]);
    expect(ministryFlags.filter((c) => c.yearApproximate)).toHaveLength(3);
    expect(ofForm('GOVERNMENT_EMULATION_FLAG')[0]).toMatchObject({
      year: 2020,
      yearApproximate: true,
      periodFrom: 2015,
      periodTo: 2020,
    });
    expect(ofForm('PROVINCE_CERTIFICATE')[0]).toMatchObject({
      year: 2020,
      recipientKind: 'INDIVIDUAL',
      recipientName: 'Bà Nguyễn Thị Kiều Oanh – Chuyên viên Phòng Công nghệ thông tin, Bưu chính và Viễn thông',
    });
    expect(list.every((c) => c.source!.length > 0)).toBe(true);
  });

  test('a period-only award is listed only when the asked range holds its whole period', async () => {
    const response = await t.query(
      graphql(`
        {
          province(id: "tay-ninh") {
            y2015: commendations(fromYear: 2015, toYear: 2015) {
              form
              year
            }
            y2018: commendations(fromYear: 2018, toYear: 2018) {
              form
            }
            all: commendations {
              form
            }
          }
        }
      `),
    );
    expect(response.errors).toBeUndefined();
    const { y2015, y2018, all } = response.data!.province!;
    expect(y2015).toEqual([{ form: 'MINISTRY_EMULATION_FLAG', year: 2015 }]);
    expect(y2018).toEqual([]);
    expect(all).toHaveLength(7);
  });

  test('counts without names are tallies, never invented people', async () => {
    const response = await t.query(
      graphql(`
        {
          province(id: "ha-tinh") {
            commendations {
              form
              year
              recipientKind
              recipientName
            }
            commendationTallies(fromYear: 2015, toYear: 2020) {
              form
              recipientKind
              count
              year
              periodFrom
              periodTo
              points
            }
          }
        }
      `),
    );
    expect(response.errors).toBeUndefined();
    const { commendations, commendationTallies } = response.data!.province!;
    expect(commendations!.filter((c) => c.recipientKind !== 'DEPARTMENT')).toEqual([
      {
        form: 'MINISTRY_CERTIFICATE',
        year: 2015,
        recipientKind: 'INDIVIDUAL',
        recipientName: 'Ông Phan Tấn Linh – Giám đốc Sở TT&TT tỉnh',
      },
    ]);
    expect(commendations!.filter((c) => c.form === 'PRIME_MINISTER_CERTIFICATE')).toHaveLength(2);
    expect(commendationTallies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ form: 'ADVANCED_MODEL', recipientKind: 'COLLECTIVE', count: 2, year: null }),
        expect.objectContaining({ form: 'ADVANCED_MODEL', recipientKind: 'INDIVIDUAL', count: 8, periodFrom: 2015 }),
        expect.objectContaining({ form: 'MINISTRY_CERTIFICATE', recipientKind: 'INDIVIDUAL', count: 6, year: 2019 }),
        expect.objectContaining({ form: 'PROVINCE_CERTIFICATE', recipientKind: 'COLLECTIVE', count: 2, points: 4 }),
      ]),
    );
    // 2011–2020 is not within 2015–2020.
    expect(commendationTallies!.some((c) => c.periodFrom === 2011)).toBe(false);
  });

  test('fromYear after toYear is BAD_USER_INPUT naming toYear; the province itself still arrives', async () => {
    const response = await t.query(published, { variables: { id: 'tay-ninh', fromYear: 2020, toYear: 2015 } });
    expect(errorCodes(response)).toEqual(['BAD_USER_INPUT']);
    expect(response.errors![0].message).toMatch(/toYear: 2015 is before fromYear 2020/);
    expect(response.data!.province).toEqual({ name: 'Tây Ninh', commendations: null });
  });

  test('commendations of many provinces take the same number of statements as of a few', async () => {
    const query = graphql(`
      query Many($region: Region) {
        provinces(asOf: "2019-12-31", region: $region) {
          id
          commendations(fromYear: 2015, toYear: 2020) {
            form
            points
          }
        }
      }
    `);
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

describe("recording through the gateway: the user's token reaches the awards subgraph", () => {
  test('the Ministry records a Ministry certificate; points come from the catalogue; the province is resolved', async () => {
    const input = {
      provinceId: 'ninh-binh',
      form: 'MINISTRY_CERTIFICATE',
      year: 2019,
      recipientKind: 'DEPARTMENT',
      recipientName: 'Sở Thông tin và Truyền thông tỉnh Ninh Bình',
      decision: 'Quyết định số 1/QĐ-BTTTT',
    } as const;
    const response = await t.query(record, { variables: { input }, token: await t.token('ministry') });
    expect(response.errors).toBeUndefined();
    expect(response.data!.recordCommendation).toMatchObject({
      form: 'MINISTRY_CERTIFICATE',
      year: 2019,
      decision: 'Quyết định số 1/QĐ-BTTTT',
      points: 4,
      revision: 1,
      province: { id: 'ninh-binh', name: 'Ninh Bình' },
    });
  });

  test("a province officer's token records its own award; no token is UNAUTHENTICATED and stores nothing", async () => {
    const input = {
      provinceId: 'ha-nam',
      form: 'EMULATION_FIGHTER',
      year: 2020,
      recipientKind: 'INDIVIDUAL',
      recipientName: '  Nguyễn Văn A  ',
    } as const;
    const anonymous = await t.query(record, { variables: { input: { ...input, provinceId: 'thai-binh' } } });
    expect(errorCodes(anonymous)).toEqual(['UNAUTHENTICATED']);
    const stored = await t.query(published, { variables: { id: 'thai-binh', fromYear: 2020, toYear: 2020 } });
    expect(stored.data!.province!.commendations).toEqual([]);

    const own = await t.query(record, { variables: { input }, token: await t.token('province', 'ha-nam') });
    expect(own.errors).toBeUndefined();
    expect(own.data!.recordCommendation).toMatchObject({
      recipientName: 'Nguyễn Văn A',
      points: 1,
      province: { id: 'ha-nam', name: 'Hà Nam' },
    });
  });
});
