import ExcelJS from 'exceljs';
import { startTestStack, type TestStack } from '../test/harness.js';

// Commendations and tallies in from Excel: their template, all or nothing, rights, history.

const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

let t: TestStack;
let ministry: string;
beforeAll(async () => {
  t = await startTestStack();
  ministry = `Bearer ${await t.token('ministry')}`;
}, 120_000);
afterAll(() => t?.stop());

async function template(authorization = ministry): Promise<ExcelJS.Workbook> {
  const response = await fetch(`${t.baseUrl}/import/commendations-template.xlsx?cluster=cum-3&year=2019`, {
    headers: { authorization },
  });
  expect(response.status).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await response.arrayBuffer());
  return workbook;
}

async function upload(workbook: ExcelJS.Workbook, authorization = ministry, query = '') {
  const response = await fetch(`${t.baseUrl}/import/commendations${query}`, {
    method: 'POST',
    headers: { authorization, 'content-type': xlsxType, 'x-file-name': 'khen-thuong.xlsx' },
    body: new Uint8Array(await workbook.xlsx.writeBuffer()),
  });
  return { status: response.status, answer: (await response.json()) as any };
}

/** Appends a row under the last filled one, by the codes of the hidden row 2. */
function append(sheet: ExcelJS.Worksheet, values: Record<string, unknown>): number {
  const codes = sheet.getRow(2).values as string[];
  let row = 3;
  while (sheet.getRow(row).getCell(1).value !== null) row++;
  for (const [code, value] of Object.entries(values))
    sheet.getRow(row).getCell(codes.indexOf(code)).value = value as ExcelJS.CellValue;
  return row;
}

async function kept(provinceId: string) {
  const response = await t.query(
    `query ($id: ID!) { province(id: $id) {
       commendations(fromYear: 2019, toYear: 2019) { form recipientKind recipientName decision revision updatedBy }
       commendationTallies(fromYear: 2019, toYear: 2019) { form recipientKind count revision updatedBy history { revision count action } }
     } }`,
    { variables: { id: provinceId } },
  );
  expect(response.errors).toBeUndefined();
  return response.data!.province;
}

test('the template has a sheet for awards and one for counts, codes in a hidden row, lists to pick from', async () => {
  const workbook = await template();
  const awards = workbook.getWorksheet('Khen thưởng')!;
  const counts = workbook.getWorksheet('Số lượng khen thưởng')!;
  expect(awards.getRow(2).hidden).toBe(true);
  expect((awards.getRow(2).values as string[]).slice(1)).toEqual([
    'provinceId',
    'province',
    'form',
    'year',
    'periodFrom',
    'periodTo',
    'recipientKind',
    'recipientName',
    'decision',
    'decisionDate',
    'citation',
    'source',
  ]);
  expect((counts.getRow(2).values as string[]).slice(1)).toContain('count');
  expect(awards.getRow(3).getCell(3).dataValidation).toMatchObject({
    type: 'list',
    formulae: ["'Giải thích'!$B$4:$B$13"],
  });
  expect(awards.getRow(3).getCell(7).dataValidation).toMatchObject({
    type: 'list',
    formulae: ['"Sở,Tập thể,Cá nhân"'],
  });
  expect(workbook.getWorksheet('Giải thích')!.getRow(4).getCell(1).value).toBe('GOVERNMENT_EMULATION_FLAG');
});

test('awards and counts round-trip; the same file again changes nothing; a changed count is a correction with history', async () => {
  const workbook = await template();
  const prefilled = workbook.getWorksheet('Khen thưởng')!.actualRowCount - 2;
  append(workbook.getWorksheet('Khen thưởng')!, {
    provinceId: 'vinh-phuc',
    form: 'Bằng khen của Bộ trưởng Bộ Thông tin và Truyền thông',
    year: 2019,
    recipientKind: 'Tập thể',
    recipientName: 'Phòng Bưu chính, Viễn thông',
    decision: '1234/QĐ-BTTTT',
    decisionDate: new Date(Date.UTC(2019, 11, 13)),
    source: 'Quyết định khen thưởng',
  });
  append(workbook.getWorksheet('Khen thưởng')!, {
    province: 'Hà Nam',
    form: 'DEPARTMENT_CERTIFICATE',
    year: 2019,
    recipientKind: 'Cá nhân',
    recipientName: 'Nguyễn Thị Hương',
  });
  const tallyRow = append(workbook.getWorksheet('Số lượng khen thưởng')!, {
    provinceId: 'vinh-phuc',
    form: 'Giấy khen của Giám đốc Sở',
    recipientKind: 'Cá nhân',
    count: 8,
    periodFrom: 2019,
    source: 'Báo cáo tổng kết năm 2019',
  });
  const first = await upload(workbook);
  expect(first.status).toBe(200);
  expect(first.answer).toMatchObject({
    commendations: { rows: prefilled + 2, stored: 2, unchanged: prefilled },
    tallies: { stored: 1 },
    errors: [],
  });
  const vinhPhuc = await kept('vinh-phuc');
  expect(vinhPhuc.commendations).toContainEqual({
    form: 'MINISTRY_CERTIFICATE',
    recipientKind: 'COLLECTIVE',
    recipientName: 'Phòng Bưu chính, Viễn thông',
    decision: '1234/QĐ-BTTTT ngày 13/12/2019',
    revision: 1,
    updatedBy: 'test-ministry',
  });
  expect((await kept('ha-nam')).commendations).toContainEqual(
    expect.objectContaining({ form: 'DEPARTMENT_CERTIFICATE', recipientName: 'Nguyễn Thị Hương' }),
  );

  const again = await upload(workbook);
  expect(again.answer.stored).toBe(0);
  expect(again.answer.summary).toMatch(/^Nothing changed/);
  // The template now carries what was stored; sent back, it changes nothing either.
  expect((await upload(await template())).answer.stored).toBe(0);

  workbook.getWorksheet('Số lượng khen thưởng')!.getRow(tallyRow).getCell(5).value = 9;
  const corrected = await upload(workbook);
  expect(corrected.answer).toMatchObject({ tallies: { stored: 1 }, commendations: { stored: 0 } });
  const tally = (await kept('vinh-phuc')).commendationTallies.find((x: any) => x.form === 'DEPARTMENT_CERTIFICATE');
  expect(tally).toMatchObject({ count: 9, revision: 2, updatedBy: 'test-ministry' });
  expect(tally.history).toEqual([
    { revision: 1, count: 8, action: 'record' },
    { revision: 2, count: 9, action: 'correct' },
  ]);
});

test('a province officer records its own department-level awards only; bad cells are named and nothing is stored', async () => {
  const officer = `Bearer ${await t.token('province', 'vinh-phuc')}`;
  const workbook = await template(officer);
  const sheet = workbook.getWorksheet('Khen thưởng')!;
  const own = append(sheet, {
    provinceId: 'vinh-phuc',
    form: 'Giấy khen của Giám đốc Sở',
    year: 2019,
    recipientKind: 'Cá nhân',
    recipientName: 'Trần Văn An',
  });
  const ministryForm = append(sheet, {
    provinceId: 'vinh-phuc',
    form: 'Cờ thi đua của Chính phủ',
    year: 2019,
    recipientKind: 'Sở',
    recipientName: 'Sở Thông tin và Truyền thông Vĩnh Phúc',
  });
  const other = append(sheet, {
    provinceId: 'ha-nam',
    form: 'Giấy khen của Giám đốc Sở',
    year: 2019,
    recipientKind: 'Cá nhân',
    recipientName: 'Lê Thị Bình',
  });
  const badDate = append(sheet, {
    provinceId: 'vinh-phuc',
    form: 'Giấy khen của Giám đốc Sở',
    year: 2019,
    recipientKind: 'Cá nhân',
    recipientName: 'Phạm Minh',
    decision: '15/QĐ-STTTT',
    decisionDate: '31/02/2019',
  });
  const before = await kept('vinh-phuc');
  const refused = await upload(workbook, officer);
  expect(refused.status).toBe(422);
  expect(refused.answer.errors.map((e: any) => [e.cell, e.message.slice(0, 40)])).toEqual([
    [`'Khen thưởng'!C${ministryForm}`, expect.stringContaining('importCommendations')],
    [`'Khen thưởng'!A${other}`, expect.stringContaining('importCommendations')],
    [`'Khen thưởng'!J${badDate}`, 'is not a calendar date'],
  ]);
  expect(await kept('vinh-phuc')).toEqual(before);

  for (const row of [badDate, other, ministryForm]) sheet.spliceRows(row, 1);
  const accepted = await upload(workbook, officer);
  expect(accepted.answer).toMatchObject({ stored: 1, errors: [] });
  expect((await kept('vinh-phuc')).commendations).toContainEqual(
    expect.objectContaining({ recipientName: 'Trần Văn An', updatedBy: 'test-province-vinh-phuc' }),
  );
  expect(own).toBeGreaterThan(2);
});

test("older templates' names of the Ministry's forms still import as the same forms; the files name the ministry only by date", async () => {
  const workbook = await template();
  const explanation = workbook.getWorksheet('Giải thích')!;
  const catalogue = new Map(
    explanation.getSheetValues().flatMap((row) => (Array.isArray(row) ? [[row[1], row.slice(2, 4)]] : [])),
  );
  // Neutral names; the signer of the season's year (2019: the Ministry of Information and Communications).
  expect(catalogue.get('MINISTRY_EMULATION_FLAG')).toEqual([
    'Cờ thi đua của Bộ',
    'Bộ trưởng Bộ Thông tin và Truyền thông',
  ]);
  expect(catalogue.get('MINISTRY_CERTIFICATE')).toEqual([
    'Bằng khen của Bộ trưởng',
    'Bộ trưởng Bộ Thông tin và Truyền thông',
  ]);

  const sheet = workbook.getWorksheet('Khen thưởng')!;
  const rows = [
    ['ha-nam', 'Cờ thi đua của Bộ Thông tin và Truyền thông', 'Sở', 'Sở Thông tin và Truyền thông Hà Nam'],
    ['ha-nam', 'Bằng khen của Bộ trưởng Bộ Thông tin và Truyền thông', 'Tập thể', 'Phòng Công nghệ thông tin'],
    ['ha-nam', 'Bằng khen của Bộ trưởng', 'Cá nhân', 'Trần Thị Mai'],
  ];
  for (const [provinceId, form, recipientKind, recipientName] of rows) {
    append(sheet, { provinceId, form, year: 2019, recipientKind, recipientName, source: 'Hồ sơ lưu của Sở' });
  }
  const imported = await upload(workbook);
  expect(imported.answer).toMatchObject({ commendations: { stored: 3 }, errors: [] });
  const haNam = (await kept('ha-nam')).commendations as { form: string; recipientName: string }[];
  expect(rows.map(([, , , name]) => haNam.find((c) => c.recipientName === name)?.form)).toEqual([
    'MINISTRY_EMULATION_FLAG',
    'MINISTRY_CERTIFICATE',
    'MINISTRY_CERTIFICATE',
  ]);

  // Hà Tĩnh: a Ministry certificate of 2019 and one of 2026, exported in 2026 with their own issuers.
  for (const year of [2019, 2026]) {
    const recorded = await t.query(
      `mutation ($input: CommendationInput!) { recordCommendation(input: $input) { issuer } }`,
      {
        variables: {
          input: {
            provinceId: 'ha-tinh',
            form: 'MINISTRY_CERTIFICATE',
            year,
            recipientKind: 'COLLECTIVE',
            recipientName: `Phòng Chuyển đổi số (${year})`,
            source: 'Hồ sơ lưu của Sở',
          },
        },
        token: await t.token('ministry'),
      },
    );
    expect(recorded.errors).toBeUndefined();
  }
  const response = await fetch(`${t.baseUrl}/export/commendations.xlsx?province=ha-tinh`, {
    headers: { authorization: ministry },
  });
  expect(response.status).toBe(200);
  const exported = new ExcelJS.Workbook();
  await exported.xlsx.load(await response.arrayBuffer());
  const table = exported.worksheets[0];
  const headers = table.getRow(1).values as string[];
  const column = (name: string) => headers.indexOf(name);
  const byName = new Map<string, ExcelJS.Row>();
  const mentions: [header: string, year: unknown][] = [];
  table.eachRow((row, number) => {
    if (number === 1) return;
    byName.set(String(row.getCell(column('Tên tập thể, cá nhân')).value), row);
    row.eachCell((cell, col) => {
      if (String(cell.value).includes('Bộ Thông tin và Truyền thông')) {
        mentions.push([headers[col], row.getCell(column('Năm')).value]);
      }
    });
  });
  const issuerAndForm = (name: string) => {
    const row = byName.get(name)!;
    return [row.getCell(column('Hình thức khen thưởng')).value, row.getCell(column('Cơ quan ban hành')).value];
  };
  expect(issuerAndForm('Phòng Chuyển đổi số (2019)')).toEqual([
    'Bằng khen của Bộ trưởng',
    'Bộ Thông tin và Truyền thông',
  ]);
  expect(issuerAndForm('Phòng Chuyển đổi số (2026)')).toEqual(['Bằng khen của Bộ trưởng', 'Bộ Khoa học và Công nghệ']);
  // The old ministry only where an award's own issuer is it, and only on awards from before 2025.
  expect(mentions.length).toBeGreaterThan(0);
  for (const [header, year] of mentions) {
    expect(header).toBe('Cơ quan ban hành');
    expect(Number(year)).toBeLessThan(2025);
  }

  // A 2026 template, its Ministry certificate included, names the old ministry nowhere.
  const season = await t.query(
    `mutation { setSeasonMembers(clusterId: "cum-3", year: 2026, provinceIds: ["ha-tinh"]) { year } }`,
    { token: await t.token('admin') },
  );
  expect(season.errors).toBeUndefined();
  const response2026 = await fetch(`${t.baseUrl}/import/commendations-template.xlsx?cluster=cum-3&year=2026`, {
    headers: { authorization: ministry },
  });
  expect(response2026.status).toBe(200);
  const template2026 = new ExcelJS.Workbook();
  await template2026.xlsx.load(await response2026.arrayBuffer());
  const cells: string[] = [];
  template2026.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value)))));
  expect(cells).toContain('Phòng Chuyển đổi số (2026)');
  expect(cells).toContain('Bộ trưởng Bộ Khoa học và Công nghệ');
  expect(cells.filter((cell) => cell.includes('Bộ Thông tin và Truyền thông'))).toEqual([]);
});
