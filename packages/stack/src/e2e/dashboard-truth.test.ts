import type { Page } from 'playwright-core';
import {
  axeViolations,
  describeInBrowser,
  launchScanningBrowser,
  openSettled,
  type AxeViolation,
  type ScanningBrowser,
} from '../test/browser.js';
import { startTestStack, type TestStack } from '../test/harness.js';

/*
 * Issue 15 §4 in a real browser against a real stack with the demo data: the
 * dashboard never passes synthetic data off as real, and every page passes an
 * axe-core scan at WCAG 2.1 AA on a desktop and on a phone.
 */

// Globals of the page, for the callbacks that run inside the browser (this package compiles without the DOM library).
declare const document: any;
declare const window: any;

let t: TestStack;
beforeAll(async () => {
  t = await startTestStack({ demo: true });
}, 120_000);
afterAll(() => t?.stop());

describeInBrowser('the dashboard tells published from synthetic, for everyone', () => {
  let browser: ScanningBrowser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchScanningBrowser();
    page = browser.page;
  }, 60_000);

  afterAll(() => browser?.close());

  const open = (url: string) => openSettled(page, `${t.baseUrl}${url}`);

  test('the standings say where each row comes from, mark synthetic values, and the opening view says how much is published', async () => {
    await open('/');
    await page.waitForURL('**/clusters/cum-3/2019');
    await page.waitForFunction(() => document.querySelectorAll('table.standings tbody tr').length === 9);
    await page.waitForLoadState('networkidle');
    const summary = await page.locator('.provenance-summary').textContent();
    expect(summary).toMatch(/^Trang này dùng \d+ số liệu: \d+ số liệu đã công bố, \d+ là dữ liệu minh hoạ/);
    const [, total, published] = /dùng (\d+) số liệu: (\d+)/.exec(summary!)!.map(Number);
    expect(published).toBeGreaterThanOrEqual(4); // criterion 8 of Hà Nam, Vĩnh Phúc, Ninh Bình, Hải Dương
    expect(published).toBeLessThan(total);
    await expect(page.locator('table.standings thead th').last().textContent()).resolves.toBe('Nguồn');
    const haNam = page.locator('table.standings tbody tr', { hasText: 'Hà Nam' });
    await expect(haNam.locator('.source').first().textContent()).resolves.toBe(
      'công bố: Cổng thông tin Sở TT&TT Vĩnh Phúc, 13/12/2019',
    );
    await expect(haNam.locator('.marker-demo').textContent()).resolves.toContain('dữ liệu minh hoạ');
  });

  test("Hà Tĩnh's page shows its count-only commendations beside the named ones, and takes the focus on its heading", async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await open('/provinces/ha-tinh');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('page-title');
    await expect(page.locator('#page-title').textContent()).resolves.toContain('Hà Tĩnh');
    const tallies = page.locator('table.tallies tbody tr');
    await expect(
      tallies.filter({ hasText: 'Điển hình tiên tiến' }).locator('.tally-counts').textContent(),
    ).resolves.toBe('2 tập thể, 8 cá nhân');
    await expect(tallies.filter({ hasText: '2019' }).locator('.tally-counts').textContent()).resolves.toBe(
      '2 tập thể, 6 cá nhân',
    );
    // The charts have a text alternative with their figures.
    const alternative = await page.locator('.chart canvas').first().getAttribute('aria-label');
    expect(alternative).toMatch(/^Biểu đồ: .+: \d{4} /);
  });

  test('the matrix colours by rank among the members, and a missing value says "Không có số liệu"', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await open('/clusters/cum-3/2019/indicators');
    const row = page.locator('table.matrix tbody tr', { hasText: 'tiêu chí số 8' });
    const backgroundOf = (rank: string) =>
      row
        .locator('td', { hasText: rank })
        .first()
        .evaluate((cell: any) => window.getComputedStyle(cell).backgroundColor);
    await expect(backgroundOf('hạng 1')).resolves.toBe('rgb(23, 71, 127)');
    const ranks = await row.locator('.cell-rank').allTextContents();
    const last = Math.max(...ranks.map((text) => Number(text.replace('hạng ', ''))));
    await expect(backgroundOf(`hạng ${last}`)).resolves.toBe('rgb(238, 243, 250)');
    await page.getByLabel(/^Hiện cả \d+ chỉ tiêu chưa có thành viên nào báo cáo/).check();
    const press = page.locator('table.matrix tbody tr', { hasText: 'Số cơ quan báo chí địa phương' });
    await expect(press.locator('.cell-missing-text').first().textContent()).resolves.toBe('Không có số liệu');
    await expect(press.locator('.cell-rank').count()).resolves.toBe(0);
  });

  const pages = [
    '/clusters/cum-3/2019',
    '/clusters/cum-3/2019/indicators',
    '/clusters/cum-3/2019/indicators?indicator=nrd.criterion8_communes_pct',
    '/clusters/cum-3/2019/review',
    '/clusters/cum-3/2024/year',
    '/clusters/cum-3/2024/assessment',
    '/clusters/cum-3/2024/appraisal',
    '/clusters/cum-3/2024/election',
    '/clusters/cum-3/2024/results',
    '/clusters/cum-3/2024/import',
    '/provinces/ha-tinh',
    '/provinces/ninh-binh',
    '/no-such-page',
  ];

  for (const [device, viewport] of [
    ['desktop', { width: 1280, height: 900 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    test(`axe-core finds no WCAG 2.1 AA violation on any page (${device})`, async () => {
      await page.setViewportSize(viewport);
      const found: Record<string, AxeViolation[]> = {};
      for (const url of pages) {
        await open(url);
        const problems = await axeViolations(page);
        if (problems.length > 0) found[url] = problems;
      }
      expect(found).toEqual({});
    }, 180_000);
  }
});
