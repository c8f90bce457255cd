import type { Page } from 'playwright-core';
import {
  axeViolations,
  describeInBrowser,
  launchScanningBrowser,
  openSettled,
  type ScanningBrowser,
} from '../test/browser.js';
import { startTestStack, type TestStack } from '../test/harness.js';

/*
 * Issue 15 §4, the charts, in a real browser against a real stack with the
 * demo data: each province chart draws its cluster's average beside the
 * province's own line, says its unit once, and the page still passes axe.
 */

// Globals of the page, for the callbacks that run inside the browser (this package compiles without the DOM library).
declare const document: any;

const criterion8 = 'nrd.criterion8_communes_pct';
const radius = 'post.service_radius_km';

let t: TestStack;
beforeAll(async () => {
  t = await startTestStack({ demo: true });
}, 120_000);
afterAll(() => t?.stop());

/** Cluster 3's 2019 mean of criterion 8, as the API gives it, in the page's Vietnamese format. */
async function clusterThreeAverage2019(): Promise<{
  text: string;
  reporting: number;
  members: number;
  synthetic: number;
}> {
  const response = await t.query<{
    cluster: {
      season: { indicatorAverages: { average: number; reporting: number; memberCount: number; synthetic: number }[] };
    };
  }>(
    `{ cluster(id: "cum-3") { season(year: 2019) {
        indicatorAverages(indicator: "${criterion8}") { average reporting memberCount synthetic } } } }`,
  );
  expect(response.errors).toBeUndefined();
  const [average] = response.data!.cluster.season.indicatorAverages;
  const text = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(
    average.average,
  );
  return { text, reporting: average.reporting, members: average.memberCount, synthetic: average.synthetic };
}

describeInBrowser('province charts: the cluster average beside the province, the unit said once', () => {
  let browser: ScanningBrowser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchScanningBrowser();
    page = browser.page;
  }, 60_000);

  afterAll(() => browser?.close());

  /** Opens a page and waits for its data (and, for a page with cluster averages, for them too). */
  async function open(url: string, averages: boolean): Promise<void> {
    await openSettled(page, `${t.baseUrl}${url}`);
    // The averages come in their own request, after the page's own.
    if (averages)
      await page.waitForFunction(() =>
        document.querySelector('.chart[data-comparison-points]:not([data-comparison-points="0"])'),
      );
  }

  test("Ninh Bình's criterion 8 chart draws Cluster 3's average, in its legend, text alternative and table", async () => {
    await open('/provinces/ninh-binh', true);
    const expected = await clusterThreeAverage2019();
    expect(expected.reporting).toBeGreaterThanOrEqual(4); // the four published figures at least
    const chart = page.locator(`figure[data-indicator="${criterion8}"]`);
    await expect(chart.locator('.chart-legend li').allTextContents()).resolves.toEqual(['Ninh Bình', 'Trung bình cụm']);
    const alternative = (await chart.locator('canvas').getAttribute('aria-label'))!;
    const averagePart = alternative.slice(alternative.indexOf('. Trung bình cụm: '));
    expect(averagePart).toContain(`; 2019 ${expected.text} (${expected.reporting}/${expected.members} thành viên);`);
    // Ninh Bình's own published 2019 figure is there too, before the average.
    expect(alternative.indexOf('2019 91,6')).toBeGreaterThan(0);
    expect(alternative.indexOf('2019 91,6')).toBeLessThan(alternative.indexOf('Trung bình cụm'));

    await chart.locator('summary').click();
    await expect(chart.locator('thead th').last().textContent()).resolves.toBe('Trung bình cụm');
    const cell = chart.locator('tbody tr', { hasText: '2019' }).locator('td').last();
    const cellText = (await cell.textContent())!;
    expect(cellText).toContain(`${expected.text} (${expected.reporting}/${expected.members} thành viên)`);
    // The demo's synthetic values in the mean are marked as such.
    expect(cellText.includes('dữ liệu minh hoạ')).toBe(expected.synthetic > 0);

    // A percentage chart: "%" in the heading, the values bare.
    const percent = page.locator(`figure[data-indicator="${criterion8}"]`);
    const percentText = (await percent.evaluate((figure: any) => figure.innerText)) as string;
    expect(percentText.match(/%/g)).toHaveLength(1);
    await expect(percent.locator('.chart-unit').textContent()).resolves.toBe('(%)');
    // The switch to English names the line in English.
    await page.locator('.language-switch').click();
    await expect(chart.locator('.chart-legend li').last().textContent()).resolves.toBe('Cluster average');
    // The choice is remembered: back to Vietnamese for the next test.
    await page.locator('.language-switch').click();
    await expect(chart.locator('.chart-legend li').last().textContent()).resolves.toBe('Trung bình cụm');
  });

  test('the unit is said once per chart: in its heading and its text alternative, never beside a value', async () => {
    // Hà Tĩnh is a member of no season the seed data holds: no average line; the unit is said once all the same.
    await open('/provinces/ha-tinh', false);
    const chart = page.locator(`figure[data-indicator="${radius}"]`);
    await chart.locator('summary').click();
    await expect(chart.locator('figcaption').textContent()).resolves.toBe(
      'Bán kính phục vụ bình quân của một điểm phục vụ bưu chính (km)',
    );
    const shown = (await chart.evaluate((figure: any) => figure.innerText)) as string;
    expect(shown.match(/km/g)).toHaveLength(1);
    const alternative = (await chart.locator('canvas').getAttribute('aria-label'))!;
    expect(alternative).toMatch(/^Biểu đồ: Bán kính phục vụ bình quân của một điểm phục vụ bưu chính \(km\), \d+ năm/);
    expect(alternative.match(/km/g)).toHaveLength(1);
  });

  for (const [device, viewport] of [
    ['desktop', { width: 1280, height: 900 }],
    ['phone', { width: 390, height: 844 }],
  ] as const) {
    test(`axe-core finds no WCAG 2.1 AA violation on the province pages with averages (${device})`, async () => {
      await page.setViewportSize(viewport);
      const found: Record<string, unknown[]> = {};
      for (const url of ['/provinces/ha-tinh', '/provinces/ninh-binh']) {
        await open(url, url.endsWith('ninh-binh'));
        const problems = await axeViolations(page);
        if (problems.length > 0) found[url] = problems;
      }
      expect(found).toEqual({});
    }, 120_000);
  }
});
