import ExcelJS from 'exceljs';
import { graphql, startTestStack, type TestStack } from '../test/harness.js';

// Excel in: the template, uploads of .xlsx and CSV, all or nothing, against the real stack.

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let t: TestStack;
let ministry: string;
beforeAll(async () => {
  t = await startTestStack();
  ministry = `Bearer ${await t.token('ministry')}`;
}, 120_000);
afterAll(() => t?.stop());

interface Answer {
  rows: number;
  stored: number;
  unchanged: number;
  dryRun: boolean;
  errorCount: number;
  errors: { sheet: string; row: number; column: string; cell: string; value: string; message: string }[];
  summary: string;
  error?: string;
}

async function upload(
  body: Buffer | string,
  options: { name?: string; type?: string; authorization?: string | null; query?: string } = {},
): Promise<{ status: number; answer: Answer }> {
  const headers: Record<string, string> = {
    'content-type': options.type ?? xlsxType,
    'x-file-name': encodeURIComponent(options.name ?? 'số liệu.xlsx'),
  };
  const authorization = options.authorization === undefined ? ministry : options.authorization;
  if (authorization) headers.authorization = authorization;
  const response = await fetch(`${t.baseUrl}/import/observations${options.query ?? ''}`, {
    method: 'POST',
    headers,
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  return { status: response.status, answer: (await response.json()) as Answer };
}

async function template(authorization = ministry): Promise<ExcelJS.Workbook> {
  const response = await fetch(`${t.baseUrl}/import/template.xlsx?cluster=cum-3&year=2019`, {
    headers: { authorization },
  });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe(xlsxType);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  return workbook;
}

async function workbookBytes(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Every stored 2019 value of the members of cum-3, as "province|indicator" → value. */
async function storedValues(): Promise<Map<string, number>> {
  const response = await t.query(
    graphql(`
      {
        cluster(id: "cum-3") {
          season(year: 2019) {
            members {
              id
              observations(year: 2019) {
                indicator {
                  code
                }
                value
                derived
              }
            }
          }
        }
      }
    `),
  );
  expect(response.errors).toBeUndefined();
  const values = new Map<string, number>();
  for (const member of response.data!.cluster!.season!.members) {
    for (const o of member.observations!) if (!o.derived) values.set(`${member.id}|${o.indicator.code}`, o.value);
  }
  return values;
}

/** A value a cell of this unit accepts, different for every cell. */
function valueFor(unit: string, m: number, i: number): number {
  if (unit === 'COUNT') return 10 * (m + 1) + i;
  if (unit === 'PERCENT') return Math.round((50 + 4.3 * m + 1.7 * i) * 10) / 10;
  return Math.round((1.5 + 0.25 * m + 0.1 * i) * 100) / 100;
}

interface Filled {
  workbook: ExcelJS.Workbook;
  sheet: ExcelJS.Worksheet;
  codes: string[];
  members: string[];
  expected: Map<string, number>;
}

/** Downloads the template and fills every member × indicator cell through exceljs. */
async function filledTemplate(): Promise<Filled> {
  const workbook = await template();
  const sheet = workbook.getWorksheet('Số liệu')!;
  const codeRow = sheet.getRow(5);
  expect(codeRow.hidden).toBe(true);
  const codes = (codeRow.values as (string | undefined)[]).slice(4, -1) as string[];
  const units = new Map<string, string>();
  const indicators = await t.query(
    graphql(`
      {
        index(id: "ict") {
          components {
            indicator {
              code
              unit
            }
          }
        }
      }
    `),
  );
  for (const c of indicators.data!.index!.components) units.set(c.indicator.code, c.indicator.unit);
  const members: string[] = [];
  const expected = new Map<string, number>();
  for (let m = 0; m < 9; m++) {
    const row = sheet.getRow(6 + m);
    const member = String(row.getCell(1).value);
    members.push(member);
    codes.forEach((code, i) => {
      const value = valueFor(units.get(code)!, m, i);
      row.getCell(4 + i).value = value;
      expected.set(`${member}|${code}`, value);
    });
  }
  return { workbook, sheet, codes, members, expected };
}

describe('the template', () => {
  test('one row per member, one column per indicator of the cluster set, codes in a hidden row, validation and an explanation sheet', async () => {
    const workbook = await template();
    const sheet = workbook.getWorksheet('Số liệu')!;
    const season = await t.query(
      graphql(`
        {
          cluster(id: "cum-3") {
            season(year: 2019) {
              members {
                id
                name
              }
            }
          }
          index(id: "ict") {
            components {
              indicator {
                code
                name
              }
            }
          }
        }
      `),
    );
    const members = season.data!.cluster!.season!.members;
    const codes = season.data!.index!.components.map((c) => c.indicator.code);
    expect(codes).toHaveLength(11);
    expect(sheet.getRow(5).values).toEqual([undefined, 'provinceId', 'province', 'year', ...codes, 'source']);
    expect(members.map((_, m) => sheet.getRow(6 + m).getCell(1).value)).toEqual(members.map((m) => m.id));
    expect(members.map((_, m) => sheet.getRow(6 + m).getCell(2).value)).toEqual(members.map((m) => m.name));
    expect(sheet.getRow(4).getCell(4).value).toContain(season.data!.index!.components[0].indicator.name);
    const percent = sheet.getRow(6).getCell(4 + codes.indexOf('nrd.criterion8_communes_pct')).dataValidation;
    expect(percent).toMatchObject({ type: 'decimal', operator: 'between', formulae: [0, 100] });
    const count = sheet.getRow(6).getCell(4 + codes.indexOf('industry.ict_enterprises')).dataValidation;
    expect(count).toMatchObject({ type: 'whole', operator: 'greaterThanOrEqual', formulae: [0] });
    const explanation = workbook.getWorksheet('Giải thích')!;
    expect(explanation.getRow(3).getCell(8).value).toBe('Nguồn số liệu');
    const explained = [4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14].map((r) => explanation.getRow(r).getCell(1).value);
    expect(explained).toEqual(codes);
    expect(String(explanation.getRow(4).getCell(8).value)).toMatch(/tiêu chí số 8/);
  });

  test('an unknown season is a 404 that says so', async () => {
    const response = await fetch(`${t.baseUrl}/import/template.xlsx?cluster=cum-3&year=1999`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toContain('no season in 1999');
  });
});

describe('uploading observations', () => {
  test('round trip: 9 × 11 values filled in with exceljs come back the same through GraphQL; again, nothing changes', async () => {
    const { workbook, expected } = await filledTemplate();
    const bytes = await workbookBytes(workbook);
    const first = await upload(bytes);
    expect(first.status).toBe(200);
    expect(first.answer).toMatchObject({ rows: 99, stored: 99, unchanged: 0, errorCount: 0, errors: [] });

    const stored = await storedValues();
    for (const [key, value] of expected) expect({ key, value: stored.get(key) }).toEqual({ key, value });

    const again = await upload(bytes);
    expect(again.status).toBe(200);
    expect(again.answer).toMatchObject({ rows: 99, stored: 0, unchanged: 99 });
    expect(again.answer.summary).toBe('Nothing changed: all 99 values are already stored');

    // The template now comes filled in; sent back untouched it changes nothing either.
    const refilled = await upload(await workbookBytes(await template()));
    expect(refilled.answer).toMatchObject({ rows: 99, stored: 0, unchanged: 99 });
  });

  test('one bad cell stores nothing and names that cell; so does a value the API refuses', async () => {
    const { workbook, sheet, codes, members } = await filledTemplate();
    const before = await storedValues();
    const criterion8 = 4 + codes.indexOf('nrd.criterion8_communes_pct');
    sheet.getRow(6).getCell(criterion8).value = 12.5; // a valid change, which must not be stored
    sheet.getRow(9).getCell(criterion8).value = 'chín mươi';
    const refused = await upload(await workbookBytes(workbook));
    expect(refused.status).toBe(422);
    expect(refused.answer.stored).toBe(0);
    expect(refused.answer.errors).toEqual([
      {
        sheet: 'Số liệu',
        row: 9,
        column: 'D',
        cell: "'Số liệu'!D9",
        value: 'chín mươi',
        message: 'is not a number',
      },
    ]);
    sheet.getRow(9).getCell(criterion8).value = 150;
    const outOfRange = await upload(await workbookBytes(workbook));
    expect(outOfRange.status).toBe(422);
    expect(outOfRange.answer.errors).toEqual([
      expect.objectContaining({ cell: "'Số liệu'!D9", value: '150', message: expect.stringContaining('percentage') }),
    ]);
    expect(await storedValues()).toEqual(before);
    expect(before.get(`${members[0]}|nrd.criterion8_communes_pct`)).not.toBe(12.5);
  });

  test("a province officer imports its own row only: another province's cell is refused and nothing is stored", async () => {
    const { workbook, sheet, members } = await filledTemplate();
    const own = members.indexOf('vinh-phuc');
    const other = members.indexOf('ha-nam');
    sheet.getRow(6 + own).getCell(4).value = 77.7;
    sheet.getRow(6 + other).getCell(4).value = 66.6;
    // Rows other than these two are left empty, as an officer's copy would be.
    for (let m = 0; m < 9; m++) {
      if (m === own || m === other) continue;
      for (let c = 4; c <= 14; c++) sheet.getRow(6 + m).getCell(c).value = null;
    }
    for (let c = 5; c <= 14; c++) {
      sheet.getRow(6 + own).getCell(c).value = null;
      sheet.getRow(6 + other).getCell(c).value = null;
    }
    const officer = `Bearer ${await t.token('province', 'vinh-phuc')}`;
    const before = await storedValues();
    const refused = await upload(await workbookBytes(workbook), { authorization: officer });
    expect(refused.status).toBe(422);
    expect(refused.answer.errors).toEqual([
      expect.objectContaining({
        cell: `'Số liệu'!A${6 + other}`,
        value: 'ha-nam',
        message: expect.stringContaining('vinh-phuc'),
      }),
    ]);
    expect(await storedValues()).toEqual(before);

    sheet.getRow(6 + other).getCell(4).value = null;
    const accepted = await upload(await workbookBytes(workbook), { authorization: officer });
    expect(accepted.answer).toMatchObject({ rows: 1, stored: 1, errors: [] });
    expect((await storedValues()).get('vinh-phuc|nrd.criterion8_communes_pct')).toBe(77.7);

    // A template for the officer is filled in for its own province only.
    const own2019 = (await template(officer)).getWorksheet('Số liệu')!;
    expect(own2019.getRow(6 + own).getCell(4).value).toBe(77.7);
    expect(own2019.getRow(6 + other).getCell(4).value).toBeNull();
  });

  test('CSV with Vietnamese numbers (91,6 and 91,6 %, 1.234), blanks and dashes, headed by names; a dry run stores nothing', async () => {
    const csv = [
      'Tỉnh, thành phố;Năm;Tỷ lệ xã đạt tiêu chí số 8 (Thông tin và Truyền thông) nông thôn mới (%);Tỷ lệ văn bản trao đổi dưới dạng điện tử cấp tỉnh (%);Số doanh nghiệp hoạt động trong lĩnh vực CNTT-TT (số lượng);Nguồn số liệu',
      'Ninh Bình;2018;91,6;"91,6 %";1.234;Báo cáo số 12/BC-STTTT',
      'Tỉnh Nam Định;2018;;-;"2 345";Báo cáo số 7/BC-STTTT',
      '',
    ].join('\r\n');
    const dry = await upload(csv, { name: 'so-lieu.csv', type: 'text/csv', query: '?dryRun=1' });
    expect(dry.status).toBe(200);
    expect(dry.answer).toMatchObject({ rows: 4, stored: 4, dryRun: true, errors: [] });
    const nothing = await t.query(
      graphql(`
        {
          observations(year: 2018, provinceId: "ninh-binh") {
            value
          }
        }
      `),
    );
    expect(nothing.data!.observations).toEqual([]);

    const stored = await upload(csv, { name: 'so-lieu.csv', type: 'text/csv' });
    expect(stored.answer).toMatchObject({ rows: 4, stored: 4, dryRun: false, errors: [] });
    const values = await t.query(
      graphql(`
        {
          a: observations(year: 2018, provinceId: "ninh-binh") {
            indicator {
              code
            }
            value
            source
          }
          b: observations(year: 2018, provinceId: "nam-dinh") {
            indicator {
              code
            }
            value
          }
        }
      `),
    );
    expect(values.data!.a).toEqual([
      { indicator: { code: 'egov.edocs_provincial_pct' }, value: 91.6, source: 'Báo cáo số 12/BC-STTTT' },
      { indicator: { code: 'industry.ict_enterprises' }, value: 1234, source: 'Báo cáo số 12/BC-STTTT' },
      { indicator: { code: 'nrd.criterion8_communes_pct' }, value: 91.6, source: 'Báo cáo số 12/BC-STTTT' },
    ]);
    expect(values.data!.b).toEqual([{ indicator: { code: 'industry.ict_enterprises' }, value: 2345 }]);
  });

  test('a workbook with merged header cells, a formula, a percent-formatted cell and a date for the year', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Sheet1');
    sheet.getCell('A1').value = 'Tỉnh';
    sheet.mergeCells('A1:A2');
    sheet.getCell('B1').value = 'Năm';
    sheet.mergeCells('B1:B2');
    sheet.getCell('C1').value = 'Ứng dụng CNTT trong cơ quan nhà nước';
    sheet.mergeCells('C1:D1');
    sheet.getCell('C2').value = 'egov.edocs_district_pct';
    sheet.getCell('D2').value = 'Tỷ lệ UBND cấp xã có cổng/trang thông tin điện tử';
    sheet.getCell('A3').value = 'Thái Bình';
    sheet.getCell('B3').value = new Date(Date.UTC(2017, 11, 31));
    sheet.getCell('E3').value = 22.75;
    sheet.getCell('C3').value = { formula: 'E3*2', result: 45.5 };
    sheet.getCell('D3').value = 0.916;
    sheet.getCell('D3').numFmt = '0.0%';
    const answer = await upload(await workbookBytes(workbook), { name: 'tong-hop.xlsx' });
    expect(answer.answer).toMatchObject({ rows: 2, stored: 2, errors: [] });
    const values = await t.query(
      graphql(`
        {
          observations(year: 2017, provinceId: "thai-binh") {
            indicator {
              code
            }
            value
          }
        }
      `),
    );
    expect(values.data!.observations).toEqual([
      { indicator: { code: 'egov.commune_portals_pct' }, value: 91.6 },
      { indicator: { code: 'egov.edocs_district_pct' }, value: 45.5 },
    ]);
  });

  test('what is not a spreadsheet, a password-protected workbook, an oversized file and an anonymous caller get a clear 4xx', async () => {
    const pdf = await upload(Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj\n'), {
      name: 'bao-cao.pdf',
      type: 'application/pdf',
    });
    expect(pdf.status).toBe(415);
    expect(pdf.answer.error).toMatch(/PDF document, not a spreadsheet/);

    // An encrypted .xlsx is an OLE compound file holding an "EncryptedPackage" stream.
    const ole = Buffer.alloc(4096);
    Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]).copy(ole);
    Buffer.from('EncryptedPackage', 'utf16le').copy(ole, 1024 + 64);
    const locked = await upload(ole, { name: 'mat-khau.xlsx' });
    expect(locked.status).toBe(422);
    expect(locked.answer.error).toMatch(/password-protected/);

    const zip = await upload(Buffer.from('PK\u0003\u0004not really a zip'), { name: 'x.xlsx' });
    expect(zip.status).toBe(415);

    const huge = await upload(Buffer.alloc(21 * 1024 * 1024, 0x41), { name: 'huge.csv', type: 'text/csv' });
    expect(huge.status).toBe(413);
    expect(huge.answer.error).toMatch(/larger than the limit/);

    const { workbook } = await filledTemplate();
    const anonymous = await upload(await workbookBytes(workbook), { authorization: null });
    expect(anonymous.status).toBe(401);
  });
});
