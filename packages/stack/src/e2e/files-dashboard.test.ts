import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { startTestStack, type TestStack } from '../test/harness.js';
import { chromiumPath, describeInBrowser, haveChromium } from '../test/browser.js';

const onCi = process.env.CI === 'true';
const havePoppler = existsSync('/usr/bin/pdftotext');

// The dashboard's import page, downloads and print layout in Chromium against a
// real stack with the demo data (see dashboard.test.ts for the browser setup).

const projectRoot = path.resolve(__dirname, '..', '..', '..', '..');
const screenshots = path.join(projectRoot, 'test-results', 'dashboard');

const clusterThree2019 = [
  'Bắc Ninh',
  'Hà Nam',
  'Hải Dương',
  'Hưng Yên',
  'Nam Định',
  'Ninh Bình',
  'Quảng Ninh',
  'Thái Bình',
  'Vĩnh Phúc',
];

let t: TestStack;
beforeAll(async () => {
  t = await startTestStack({ demo: true });
}, 120_000);
afterAll(() => t?.stop());

async function criterion8(): Promise<Map<string, number>> {
  const response = await t.query(
    '{ observations(year: 2019, indicator: "nrd.criterion8_communes_pct") { province { id } value } }',
  );
  expect(response.errors).toBeUndefined();
  return new Map(response.data!.observations.map((o: any) => [o.province.id, o.value]));
}

describeInBrowser('files in the dashboard', () => {
  let context: BrowserContext;
  let page: Page;
  let dir: string;
  const shoot = (name: string) => page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });

  beforeAll(async () => {
    if (!haveChromium) throw new Error(`Chromium is missing at ${chromiumPath}`);
    mkdirSync(screenshots, { recursive: true });
    dir = mkdtempSync(path.join(tmpdir(), 'thidua-files-'));
    context = await chromium.launchPersistentContext(path.join(dir, 'profile'), {
      executablePath: chromiumPath,
      headless: true,
      acceptDownloads: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
      viewport: { width: 1280, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(20_000);
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** The template as the page downloads it, with criterion 8 set for some members. */
  async function templateWith(values: Record<string, number | string>, name: string): Promise<string> {
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải mẫu Excel' }).click(),
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const sheet = workbook.getWorksheet('Số liệu')!;
    const codes = sheet.getRow(5).values as string[];
    const column = codes.indexOf('nrd.criterion8_communes_pct');
    for (let r = 6; r < 6 + 9; r++) {
      const id = String(sheet.getRow(r).getCell(1).value);
      if (id in values) sheet.getRow(r).getCell(column).value = values[id];
    }
    const file = path.join(dir, name);
    await workbook.xlsx.writeFile(file);
    return file;
  }

  test('an officer checks a file (a real progress bar, then the counts), stores it, or cancels before storing', async () => {
    // The demo's Ministry account signs in; the page then sends the file with its session cookie.
    const signedIn = await context.request.post(`${t.baseUrl}/auth/sign-in`, {
      data: { username: 'ministry', password: 'thidua-demo' },
      headers: { 'x-thidua-csrf': '1' },
    });
    expect(signedIn.status()).toBe(200);
    await page.goto(`${t.baseUrl}/clusters/cum-3/2019/import`);
    const before = await criterion8();

    const file = await templateWith({ 'bac-ninh': 55.5, 'thai-binh': 66.6 }, 'so-lieu.xlsx');
    await page.getByLabel('Tệp Excel (.xlsx) hoặc CSV').setInputFiles(file);
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    const status = page.getByRole('status');
    await status.getByText(/Tệp hợp lệ: \d+ giá trị, trong đó 2 mới hoặc thay đổi/).waitFor();
    const progress = page.locator('.import-progress progress');
    const size = readFileSync(file).length;
    expect(await progress.evaluate((p: any) => [p.max, p.value])).toEqual([size, size]);
    await expect(page.locator('.import-progress').textContent()).resolves.toContain('(100');
    expect(await criterion8()).toEqual(before);
    await shoot('import-checked');

    await page.getByRole('button', { name: 'Lưu vào hệ thống' }).click();
    await status.getByText('Đã lưu 2 giá trị').waitFor();
    const after = await criterion8();
    expect([after.get('bac-ninh'), after.get('thai-binh')]).toEqual([55.5, 66.6]);

    // Checked, then cancelled: nothing is stored.
    await page.getByRole('button', { name: 'Chọn tệp khác' }).click();
    const other = await templateWith({ 'bac-ninh': 12.3 }, 'so-lieu-2.xlsx');
    await page.getByLabel('Tệp Excel (.xlsx) hoặc CSV').setInputFiles(other);
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    await status.getByText(/trong đó 1 mới hoặc thay đổi/).waitFor();
    await page.getByRole('button', { name: 'Huỷ' }).click();
    await status.getByText('Đã huỷ: không có gì được lưu.').waitFor();
    expect((await criterion8()).get('bac-ninh')).toBe(55.5);

    // A bad cell: the refused cell is listed and nothing is stored.
    const bad = await templateWith({ 'ha-nam': 'một trăm', 'bac-ninh': 12.3 }, 'so-lieu-3.xlsx');
    await page.getByLabel('Tệp Excel (.xlsx) hoặc CSV').setInputFiles(bad);
    await page.getByRole('button', { name: 'Kiểm tra tệp' }).click();
    await status.getByText(/Không lưu gì: 1 ô không hợp lệ/).waitFor();
    const refused = await page
      .locator('table.import-errors tbody tr')
      .evaluateAll((rows) => rows.map((r: any) => Array.from(r.children, (c: any) => c.textContent)));
    expect(refused).toEqual([["'Số liệu'!D7", 'một trăm', 'is not a number']]);
    expect((await criterion8()).get('bac-ninh')).toBe(55.5);
    await shoot('import-refused');

    // Commendations come in the same way, with their own template.
    await page.getByLabel('Khen thưởng', { exact: true }).check();
    const [awards] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Tải mẫu Excel' }).click(),
    ]);
    expect(awards.suggestedFilename()).toBe('mau-khen-thuong-cum-3-2019.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await awards.path())!);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(['Khen thưởng', 'Số lượng khen thưởng', 'Giải thích']);
  });

  test('"Tải Excel" on the standings downloads the table the page shows; the review offers its record as PDF', async () => {
    await page.goto(`${t.baseUrl}/clusters/cum-3/2019`);
    await page.locator('table.standings tbody tr').first().waitFor();
    const names = await page.locator('table.standings tbody th a').allTextContents();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: /^Tải Excel/ }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('standings-cum-3-2019.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile((await download.path())!);
    const sheet = workbook.worksheets[0];
    expect(names.map((_, i) => sheet.getRow(i + 2).getCell(3).value)).toEqual(names);
    await expect(page.getByRole('link', { name: /^Tải CSV/ }).getAttribute('href')).resolves.toBe(
      '/export/standings.csv?cluster=cum-3&year=2019&ictWeight=0.7&awardWeight=0.3',
    );

    await page.getByRole('link', { name: 'Bình xét', exact: true }).click();
    const [record] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Tải biên bản (PDF)' }).click(),
    ]);
    expect(record.suggestedFilename()).toBe('bien-ban-cum-3-2019.pdf');
    expect(
      readFileSync((await record.path())!)
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');
  });

  (havePoppler || onCi ? test : test.skip)(
    'printing the indicator matrix to A4 keeps all nine provinces and leaves out the navigation',
    async () => {
      await page.goto(`${t.baseUrl}/clusters/cum-3/2019/indicators`);
      await page.locator('table.matrix tbody tr').first().waitFor();
      const pdf = path.join(dir, 'matrix.pdf');
      await page.pdf({ path: pdf, format: 'A4', printBackground: true });
      const text = (await promisify(execFile)('pdftotext', [pdf, '-'], { encoding: 'utf8' })).stdout;
      for (const name of clusterThree2019) expect(text).toContain(name);
      expect(text).toContain('Chỉ tiêu của Cụm thi đua số 3 năm 2019');
      for (const chrome of ['GraphiQL', 'English', 'Tải Excel', 'Chọn cụm', 'Nhập số liệu']) {
        expect(text).not.toContain(chrome);
      }
      const info = (await promisify(execFile)('pdfinfo', [pdf], { encoding: 'utf8' })).stdout;
      expect(info).toMatch(/Page size:\s+59\d\.\d+ x 84\d\.\d+ pts \(A4\)/);
    },
  );
});
