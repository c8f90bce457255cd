import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { graphql, startTestStack, type TestStack } from '../test/harness.js';

// Excel, CSV and PDF out, against the real stack with the demo data. LibreOffice
// (soffice) and poppler (pdftotext) read what the gateway wrote; .ci/run installs
// both. Without them here the checks that need them are skipped, never on CI.

const onCi = process.env.CI === 'true';
const have = (tool: string) => ['/usr/bin', '/usr/local/bin'].some((dir) => existsSync(path.join(dir, tool)));
const withTool = (tool: string) => (have(tool) || onCi ? test : test.skip);
for (const tool of ['soffice', 'pdftotext']) {
  if (!have(tool) && !onCi) console.warn(`${tool} is missing: the export checks that need it are SKIPPED`);
}

// Asynchronous, so the stack in this process keeps serving while a tool runs.
const run = async (tool: string, args: string[]) =>
  (await promisify(execFile)(tool, args, { encoding: 'utf8', timeout: 120_000 })).stdout;

let t: TestStack;
let dir: string;
beforeAll(async () => {
  t = await startTestStack({ demo: true });
  dir = mkdtempSync(path.join(tmpdir(), 'thidua-export-'));
}, 120_000);
afterAll(async () => {
  await t?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function download(
  file: string,
  query = '?cluster=cum-3&year=2019',
): Promise<{ status: number; type: string | null; body: Buffer }> {
  const response = await fetch(`${t.baseUrl}/export/${file}${query}`);
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    body: Buffer.from(await response.arrayBuffer()),
  };
}

async function workbookOf(body: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(body as unknown as ArrayBuffer);
  return workbook.worksheets[0];
}

/** Data rows: from row 2 down to the first empty row. */
function dataRows(sheet: ExcelJS.Worksheet): ExcelJS.Row[] {
  const rows: ExcelJS.Row[] = [];
  for (let r = 2; sheet.getRow(r).cellCount > 0 && sheet.getRow(r).getCell(1).value !== null; r++)
    rows.push(sheet.getRow(r));
  return rows;
}

const standingsQuery = graphql(`
  query ($i: Float!, $a: Float!) {
    cluster(id: "cum-3") {
      season(year: 2019) {
        standings(ictWeight: $i, awardWeight: $a) {
          rank
          province {
            id
            name
          }
          ictScore
          points
          awardScore
          total
        }
      }
    }
  }
`);

async function standings(ictWeight = 0.7, awardWeight = 0.3) {
  const response = await t.query(standingsQuery, { variables: { i: ictWeight, a: awardWeight } });
  expect(response.errors).toBeUndefined();
  return response.data!.cluster!.season!.standings!;
}

describe('standings', () => {
  test('standings.xlsx read back gives the ranks, totals and order of the GraphQL standings, as number cells', async () => {
    const file = await download('standings.xlsx');
    expect(file.status).toBe(200);
    expect(file.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const sheet = await workbookOf(file.body);
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      'Hạng',
      'Mã tỉnh',
      'Tỉnh, thành phố',
      'Chỉ số ICT (0–100)',
      'Độ phủ số liệu (%)',
      'Điểm khen thưởng',
      'Điểm khen thưởng quy đổi (0–100)',
      'Tổng điểm',
    ]);
    const rows = dataRows(sheet);
    const api = await standings();
    expect(rows.map((r) => [r.getCell(1).value, r.getCell(2).value, r.getCell(3).value, r.getCell(8).value])).toEqual(
      api.map((s) => [s.rank, s.province.id, s.province.name, s.total]),
    );
    expect(rows.map((r) => r.getCell(6).value)).toEqual(api.map((s) => s.points));
    expect(rows[0].getCell(8).numFmt).toBe('[$-42A]#,##0.00');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.getColumn(3).width).toBeGreaterThanOrEqual('Tỉnh, thành phố'.length / 2);
    const footer = sheet.getRow(sheet.rowCount).getCell(1).value as string;
    expect(footer).toMatch(
      /^Nguồn số liệu: thidua, GraphQL ClusterSeason\.standings.*Xuất lúc \d\d:\d\d ngày \d\d\/\d\d\/\d{4}/,
    );
    expect(String(sheet.getRow(sheet.rowCount - 1).getCell(1).value)).toContain('chỉ số ICT 0,7, khen thưởng 0,3');
  });

  test('with other weights the export follows them, and CSV carries the same rows', async () => {
    const api = await standings(0, 1);
    const sheet = await workbookOf(
      (await download('standings.xlsx', '?cluster=cum-3&year=2019&ictWeight=0&awardWeight=1')).body,
    );
    expect(dataRows(sheet).map((r) => [r.getCell(2).value, r.getCell(8).value])).toEqual(
      api.map((s) => [s.province.id, s.total]),
    );

    const csv = await download('standings.csv', '?cluster=cum-3&year=2019&ictWeight=0&awardWeight=1');
    expect(csv.type).toBe('text/csv; charset=utf-8');
    const text = csv.body.toString('utf8');
    expect(text.startsWith('\ufeffHạng,Mã tỉnh,')).toBe(true);
    const lines = text
      .slice(1)
      .trim()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(','));
    expect(lines.map((cells) => [Number(cells[0]), cells[1], Number(cells[7])])).toEqual(
      api.map((s) => [s.rank, s.province.id, s.total]),
    );
  });

  withTool('soffice')(
    'the workbook opens cleanly in LibreOffice and shows numbers the Vietnamese way',
    async () => {
      const xlsx = path.join(dir, 'standings.xlsx');
      writeFileSync(xlsx, (await download('standings.xlsx')).body);
      await run('soffice', [
        `-env:UserInstallation=file://${dir}/lo-profile`,
        '--headless',
        '--convert-to',
        'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true',
        '--outdir',
        dir,
        xlsx,
      ]);
      const lines = readFileSync(path.join(dir, 'standings.csv'), 'utf8').trim().split('\n');
      const api = await standings();
      const shown = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
      for (const [i, s] of api.entries()) {
        expect(lines[i + 1]).toContain(s.province.name);
        expect(lines[i + 1]).toContain(`"${shown.format(s.total)}"`);
      }
      expect(lines.at(-1)).toContain('Nguồn số liệu');
    },
    150_000,
  );
});

describe('other tables', () => {
  test('indicators.xlsx: the matrix with each member’s value and rank', async () => {
    const sheet = await workbookOf((await download('indicators.xlsx')).body);
    const header = (sheet.getRow(1).values as string[]).slice(1);
    const row = dataRows(sheet).find((r) => r.getCell(2).value === 'nrd.criterion8_communes_pct')!;
    const column = header.indexOf('Ninh Bình: giá trị') + 1;
    expect([row.getCell(column).value, row.getCell(column + 1).value]).toEqual([91.6, 3]);
    expect(header.filter((h) => h.endsWith(': hạng'))).toHaveLength(9);
  });

  test('commendations.csv lists the members’ commendations of the year', async () => {
    const api = await t.query(
      graphql(`
        {
          cluster(id: "cum-3") {
            season(year: 2019) {
              members {
                commendations(fromYear: 2019, toYear: 2019) {
                  recipientName
                }
              }
            }
          }
        }
      `),
    );
    const expected = api.data!.cluster!.season!.members.flatMap((m) => m.commendations!.map((c) => c.recipientName));
    const csv = (await download('commendations.csv')).body.toString('utf8');
    const lines = csv.trim().split('\r\n');
    expect(lines).toHaveLength(expected.length + 1);
    expect(expected.length).toBeGreaterThan(0);
    for (const name of expected) expect(csv).toContain(name);
  });

  test('nominations, one indicator’s ranking, and a province’s values, commendations and clusters', async () => {
    const api = await t.query(
      graphql(`
        {
          cluster(id: "cum-3") {
            season(year: 2019) {
              nominations {
                province {
                  id
                }
                votesFor
              }
              indicatorRanking(indicator: "nrd.criterion8_communes_pct") {
                rank
                province {
                  id
                }
              }
            }
          }
          province(id: "vinh-phuc") {
            observations {
              year
            }
            commendations {
              recipientName
            }
          }
        }
      `),
    );
    const season = api.data!.cluster!.season!;
    const nominations = dataRows(await workbookOf((await download('nominations.xlsx')).body));
    expect(nominations.map((r) => [r.getCell(1).value, r.getCell(4).value])).toEqual(
      season.nominations!.map((n) => [n.province.id, n.votesFor]),
    );
    const ranking = dataRows(
      await workbookOf(
        (await download('indicators.xlsx', '?cluster=cum-3&year=2019&indicator=nrd.criterion8_communes_pct')).body,
      ),
    );
    expect(ranking.map((r) => [r.getCell(1).value, r.getCell(2).value])).toEqual(
      season.indicatorRanking!.map((r) => [r.rank, r.province.id]),
    );
    const province = api.data!.province!;
    const lines = async (file: string) =>
      (await download(file, '?province=vinh-phuc')).body.toString('utf8').trim().split('\r\n').length - 1;
    expect(await lines('observations.csv')).toBe(province.observations!.length);
    expect(await lines('commendations.csv')).toBe(province.commendations!.length);
    const clusters = await download('clusters.csv', '?province=vinh-phuc');
    expect(clusters.body.toString('utf8')).toContain('2019,cum-3,Cụm thi đua số 3,Cụm trưởng');
    expect((await download('standings.csv', '?province=vinh-phuc')).status).toBe(404);
    expect((await download('constructor.csv')).status).toBe(404);
  });

  test('assessments are not available yet, unknown tables and bad parameters say so', async () => {
    const assessments = await download('assessments.xlsx');
    expect(assessments.status).toBe(404);
    expect(JSON.parse(assessments.body.toString()).error).toMatch(/assessments export .* is not available yet/);
    expect((await download('nothing.xlsx')).status).toBe(404);
    expect((await download('standings.docx')).status).toBe(404);
    const bad = await download('standings.xlsx', '?cluster=Cụm 3&year=2019');
    expect(bad.status).toBe(400);
    expect((await download('standings.xlsx', '?cluster=cum-3&year=1990')).status).toBe(404);
  });
});

describe('the review record', () => {
  withTool('pdftotext')(
    'review.pdf holds every member with its diacritics, the adopted proposals, the next head and "chưa khoá"',
    async () => {
      const file = await download('review.pdf');
      expect(file.status).toBe(200);
      expect(file.type).toBe('application/pdf');
      const pdf = path.join(dir, 'review.pdf');
      writeFileSync(pdf, file.body);
      // Lines wrap where the page ends them: compare with single spaces.
      const text = (await run('pdftotext', [pdf, '-'])).replace(/\s+/g, ' ');
      const fonts = await run('pdffonts', [pdf]);
      expect(fonts).toMatch(/BeVietnamPro/);
      const pages = await run('pdfinfo', [pdf]);
      expect(pages).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);

      const api = await t.query(
        graphql(`
          {
            cluster(id: "cum-3") {
              season(year: 2019) {
                members {
                  name
                }
                nominations {
                  status
                  form
                  province {
                    name
                  }
                }
              }
              next: season(year: 2020) {
                head {
                  name
                }
              }
            }
          }
        `),
      );
      const season = api.data!.cluster!.season!;
      for (const member of season.members) expect(text).toContain(member.name);
      const adopted = season.nominations!.filter((n) => n.status === 'ADOPTED');
      expect(adopted.length).toBeGreaterThan(0);
      const agreed = text.slice(text.indexOf('Thống nhất đề nghị khen thưởng'));
      for (const n of adopted) expect(agreed).toContain(n.province.name);
      expect(text).toContain('Cụm trưởng năm 2020');
      expect(text).toContain(api.data!.cluster!.next!.head!.name);
      expect(text).toMatch(/Chưa khoá/);
      expect(text).toContain('BIÊN BẢN');
    },
  );
});
