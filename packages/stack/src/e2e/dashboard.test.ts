import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { clusterThree2019, startTestStack, type TestStack } from '../test/harness.js';
import { chromiumPath, describeInBrowser, haveChromium } from '../test/browser.js';

// The dashboard in a real browser against a real stack with the demo data.
// Debian's chromium drives it (apt-get install -y chromium; .ci/run installs it
// when missing). Without it the browser tests are skipped with a message, but
// never on CI (CI=true), where a missing browser fails them.

// Globals of the page, for the callbacks that run inside the browser (this package compiles without the DOM library).
declare const document: any;
declare const window: any;

const projectRoot = path.resolve(__dirname, '..', '..', '..', '..');
const screenshots = path.join(projectRoot, 'test-results', 'dashboard');

let t: TestStack;
beforeAll(async () => {
  t = await startTestStack({ demo: true });
}, 120_000);
afterAll(() => t?.stop());

const vi2 = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

describe('the gateway serves the dashboard', () => {
  test('`/` and client routes answer with the app, under a policy that allows only this origin', async () => {
    for (const page of ['/', '/clusters/cum-3/2019', '/clusters/cum-3/2019/indicators', '/provinces/vinh-phuc']) {
      const response = await fetch(`${t.baseUrl}${page}`, { headers: { accept: 'text/html' } });
      expect({ page, status: response.status, type: response.headers.get('content-type') }).toEqual({
        page,
        status: 200,
        type: expect.stringContaining('text/html'),
      });
      const html = await response.text();
      expect(html).toContain('<div id="root"></div>');
      expect(html).not.toMatch(/(src|href)="(https?:)?\/\//);
      const policy = response.headers.get('content-security-policy') ?? '';
      expect(policy).toContain("default-src 'self'");
      expect(policy).toContain("connect-src 'self'");
    }
  });

  test('the fallback never shadows the API, GraphiQL, health or metrics, nor turns a missing file into a page', async () => {
    const status = async (url: string, accept = 'text/html') =>
      (await fetch(`${t.baseUrl}${url}`, { headers: { accept } })).status;
    expect(await status('/assets/no-such-file.js', '*/*')).toBe(404);
    expect(await status('/favicon.svg', '*/*')).toBe(200);
    expect(await status('/graphiql/no-such-page')).toBe(404);
    expect(await status('/health/no-such-page')).toBe(404);
    expect(await status('/metrics/no-such-page')).toBe(404);
    const health = await fetch(`${t.baseUrl}/health`);
    expect(health.headers.get('content-type')).toContain('application/json');
    const graphiql = await (await fetch(`${t.baseUrl}/graphiql`)).text();
    expect(graphiql).toContain('GraphiQL');
    const api = await t.query('{ clusters { id } }');
    expect(api.errors).toBeUndefined();
  });
});

describeInBrowser('the dashboard in Chromium', () => {
  let context: BrowserContext;
  let page: Page;
  let userDataDir: string;
  const requests: string[] = [];
  const pageErrors: string[] = [];

  const shoot = (name: string) => page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
  const rowsOf = (selector: string) => page.locator(`${selector} tbody tr`);
  const waitForRows = (selector: string, count: number) =>
    page.waitForFunction(([s, n]) => document.querySelectorAll(`${s} tbody tr`).length === n, [
      selector,
      count,
    ] as const);

  beforeAll(async () => {
    if (!haveChromium) {
      throw new Error(`Chromium is missing at ${chromiumPath}: apt-get install -y chromium (.ci/run does this on CI)`);
    }
    mkdirSync(screenshots, { recursive: true });
    userDataDir = mkdtempSync(path.join(tmpdir(), 'thidua-chromium-'));
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: chromiumPath,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
      viewport: { width: 1280, height: 900 },
    });
    context.on('request', (request) => {
      requests.push(request.url());
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (userDataDir) rmSync(userDataDir, { recursive: true, force: true });
  });

  test('`/` opens Cluster 3 in 2019; picking it shows the nine members ranked as the API ranks them', async () => {
    await page.goto(`${t.baseUrl}/`);
    await page.waitForURL('**/clusters/cum-3/2019');
    await page.getByLabel('Cụm thi đua', { exact: true }).selectOption('cum-3');
    await page.getByLabel('Năm', { exact: true }).selectOption('2019');
    await waitForRows('table.standings', 9);

    const api = await t.query(
      `{ cluster(id: "cum-3") { season(year: 2019) { standings { rank province { id name } total } } } }`,
    );
    expect(api.errors).toBeUndefined();
    const standings: { rank: number; province: { id: string; name: string }; total: number }[] =
      api.data!.cluster.season.standings;
    expect(standings.map((s) => s.province.id).sort()).toEqual(clusterThree2019);

    const names = await page.locator('table.standings tbody th a').allTextContents();
    expect(names).toEqual(standings.map((s) => s.province.name));
    // Vietnamese number format: decimal comma.
    const totals = await page.locator('table.standings tbody td.total').allTextContents();
    expect(totals).toEqual(standings.map((s) => vi2.format(s.total)));
    await expect(page.locator('h1').textContent()).resolves.toBe('Bảng xếp hạng Cụm thi đua số 3 năm 2019');
    await shoot('standings-desktop');
  });

  test('changing the weights re-queries the table; the sliders work from the keyboard', async () => {
    await page.getByLabel('Trọng số chỉ số ICT').fill('0');
    await page.getByLabel('Trọng số khen thưởng').fill('1');
    await page.waitForURL('**/clusters/cum-3/2019?ict=0&award=1');

    const api = await t.query(
      `{ cluster(id: "cum-3") { season(year: 2019) { standings(ictWeight: 0, awardWeight: 1) { province { name } total } } } }`,
    );
    const expected: { province: { name: string }; total: number }[] = api.data!.cluster.season.standings;
    await page.waitForFunction(
      (first) => document.querySelector('table.standings tbody td.total')?.textContent === first,
      vi2.format(expected[0].total),
    );
    expect(await page.locator('table.standings tbody td.total').allTextContents()).toEqual(
      expected.map((s) => vi2.format(s.total)),
    );
    expect(await page.locator('table.standings tbody th a').allTextContents()).toEqual(
      expected.map((s) => s.province.name),
    );
    await shoot('standings-weights');

    const slider = page.getByLabel('Trọng số chỉ số ICT');
    await slider.focus();
    await page.keyboard.press('ArrowRight');
    await page.waitForURL('**/clusters/cum-3/2019?ict=0.05&award=1');

    await page.getByRole('button', { name: 'Về mặc định (0,7 / 0,3)' }).click();
    await page.waitForURL('**/clusters/cum-3/2019');
  });

  test('indicator view: members × indicators with values and ranks; an indicator opens its ranking', async () => {
    await page.getByRole('link', { name: 'Chỉ tiêu', exact: true }).click();
    await page.waitForURL('**/clusters/cum-3/2019/indicators');
    const matrix = page.locator('table.matrix');
    await matrix.waitFor();
    expect(await matrix.locator('thead th').count()).toBe(1 + 9);

    // Published figures for 2019: Hà Nam and Vĩnh Phúc 100 %, Ninh Bình 91.6 %, Hải Dương 78.6 %.
    const criterion8 = page.getByRole('link', { name: /tiêu chí số 8/ });
    const row = matrix.locator('tr', { has: criterion8 });
    const cells = await row.locator('td').allTextContents();
    expect(cells).toHaveLength(9);
    const members = await matrix.locator('thead th a').allTextContents();
    const cellOf = (name: string) => cells[members.indexOf(name)];
    expect(cellOf('Hà Nam')).toBe('100,0hạng 1');
    expect(cellOf('Vĩnh Phúc')).toBe('100,0hạng 1');
    expect(cellOf('Ninh Bình')).toBe('91,6hạng 3');
    expect(cellOf('Hải Dương')).toBe('78,6hạng 8');
    await shoot('indicators-matrix');

    await criterion8.click();
    await page.waitForURL('**/clusters/cum-3/2019/indicators?indicator=nrd.criterion8_communes_pct');
    await waitForRows('table.ranking', 9);
    const ranking = await rowsOf('table.ranking').evaluateAll((rows) =>
      rows.map((r) => [r.querySelector('td')!.textContent, r.querySelector('th')!.textContent]),
    );
    expect(ranking.slice(0, 3)).toEqual([
      ['1', 'Hà Nam'],
      ['1', 'Vĩnh Phúc'],
      ['3', 'Ninh Bình'],
    ]);
    await shoot('indicator-ranking');
  });

  test('review page: the nominations with their votes and outcome', async () => {
    await page.getByRole('link', { name: 'Bình xét', exact: true }).click();
    await page.waitForURL('**/clusters/cum-3/2019/review');
    const api = await t.query(
      `{ cluster(id: "cum-3") { season(year: 2019) { nominations { province { name } status } } } }`,
    );
    const nominations: { province: { name: string }; status: string }[] = api.data!.cluster.season.nominations;
    expect(nominations.length).toBeGreaterThan(0);
    await waitForRows('table.review', nominations.length);
    const names = await page.locator('table.review tbody th a').allTextContents();
    expect(names.sort()).toEqual(nominations.map((n) => n.province.name).sort());
    const statuses = await page.locator('table.review .status-badge').allTextContents();
    const labels: Record<string, string> = {
      ADOPTED: 'Thông qua',
      OPEN: 'Đang biểu quyết',
      REJECTED: 'Không thông qua',
    };
    expect(statuses.sort()).toEqual(nominations.map((n) => labels[n.status]).sort());
    await expect(page.locator('.facts').textContent()).resolves.toContain('Quảng Ninh'); // head elected for 2020
    await shoot('review');
  });

  test('province page: charts with data, clusters by year, commendations and the 2025 lineage', async () => {
    await page.goto(`${t.baseUrl}/clusters/cum-3/2019`);
    await waitForRows('table.standings', 9);
    await page.locator('table.standings tbody th a', { hasText: 'Vĩnh Phúc' }).click();
    await page.waitForURL('**/provinces/vinh-phuc');
    await page.locator('.chart canvas').first().waitFor();

    const api = await t.query(`{ province(id: "vinh-phuc") { observations { indicator { code } } } }`);
    const indicators = new Set(api.data!.province.observations.map((o: any) => o.indicator.code));
    expect(await page.locator('.chart canvas').count()).toBe(indicators.size);
    // The chart drew something: count painted pixels on the first canvas.
    const painted = await page
      .locator('.chart canvas')
      .first()
      .evaluate((canvas: any) => {
        const pixels = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
        let count = 0;
        for (let i = 3; i < pixels.length; i += 4) if (pixels[i] > 0) count++;
        return count;
      });
    expect(painted).toBeGreaterThan(500);
    expect(Number(await page.locator('.chart').first().getAttribute('data-points'))).toBeGreaterThan(1);

    const clusters = await rowsOf('section[aria-labelledby="clusters-title"] table').evaluateAll((rows) =>
      rows.map((r) => Array.from(r.querySelectorAll('td'), (c: any) => c.textContent)),
    );
    expect(clusters).toContainEqual(['2019', 'Cụm thi đua số 3', 'Cụm trưởng']);
    expect(await page.locator('section[aria-labelledby="commendations-title"] tbody tr').count()).toBeGreaterThan(0);
    await shoot('province-vinh-phuc');

    await page.getByRole('link', { name: 'Phú Thọ' }).click();
    await page.waitForURL('**/provinces/phu-tho-2025');
    const lineage = page.locator('section[aria-labelledby="lineage-title"]');
    await lineage.locator('li').first().waitFor();
    await expect(lineage.locator('li').allTextContents()).resolves.toEqual(
      expect.arrayContaining(['Hòa Bình', 'Phú Thọ', 'Vĩnh Phúc']),
    );
    // Years before the merger are computed from the predecessors and say so.
    await page.locator('.chart canvas').first().waitFor();
    await expect(lineage.textContent()).resolves.toContain('tính từ tiền thân');
    expect(await page.locator('.badge-derived').count()).toBeGreaterThan(0);
    await shoot('province-phu-tho-2025');
  });

  test('English switch: labels and number format change, and the choice is remembered', async () => {
    await page.goto(`${t.baseUrl}/clusters/cum-3/2019`);
    await waitForRows('table.standings', 9);
    await page.getByRole('button', { name: 'Switch the interface to English' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Cụm thi đua số 3: standings 2019');
    await page.reload();
    await waitForRows('table.standings', 9);
    await expect(page.locator('h1').textContent()).resolves.toBe('Cụm thi đua số 3: standings 2019');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    const total = await page.locator('table.standings tbody td.total').first().textContent();
    expect(total).toMatch(/^\d+\.\d\d$/);
    await shoot('standings-english');
    await page.getByRole('button', { name: 'Chuyển giao diện sang tiếng Việt' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Bảng xếp hạng Cụm thi đua số 3 năm 2019');
  });

  test('on a phone-sized screen nothing overflows the page sideways', async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      for (const [url, name, ready] of [
        ['/clusters/cum-3/2019', 'phone-standings', 'table.standings tbody tr'],
        ['/clusters/cum-3/2019/indicators', 'phone-indicators', 'table.matrix tbody tr'],
        ['/clusters/cum-3/2019/review', 'phone-review', 'table.review tbody tr'],
        ['/provinces/vinh-phuc', 'phone-province', '.chart canvas'],
      ]) {
        await page.goto(`${t.baseUrl}${url}`);
        await page.locator(ready).first().waitFor();
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        expect({ url, overflow }).toEqual({ url, overflow: 0 });
        await shoot(name);
      }
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
  });

  test('keyboard: a skip link leads to the content, and links move focus to the new page title', async () => {
    await page.goto(`${t.baseUrl}/clusters/cum-3/2019`);
    await waitForRows('table.standings', 9);
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Chuyển đến nội dung chính');
    const review = page.getByRole('link', { name: 'Bình xét', exact: true });
    await review.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL('**/review');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('page-title');
    // Choosing a year with the arrow keys keeps focus on the picker, so the reader can go on choosing.
    await page.getByLabel('Năm', { exact: true }).focus();
    await page.keyboard.press('ArrowUp');
    await page.waitForURL('**/clusters/cum-3/2020/review');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('name'))).resolves.toBe('year');
  });

  test('an unknown address says so; a deep link loads on its own', async () => {
    await page.goto(`${t.baseUrl}/no/such/page`);
    await expect(page.locator('h1').textContent()).resolves.toBe('Không tìm thấy trang');
    await page.goto(`${t.baseUrl}/clusters/cum-3/2019/indicators?indicator=nrd.criterion8_communes_pct`);
    await waitForRows('table.ranking', 9);
  });

  test('with the awards subgraph down the standings still show, with a notice, from the ICT index', async () => {
    await t.stack.subgraphs.awards.stop();
    // 2020: a season whose standings no earlier test read, so no answer from before the outage is cached
    // (the gateway may serve one for up to RESPONSE_CACHE_TTL_MS).
    await page.goto(`${t.baseUrl}/clusters/cum-3/2020`);
    await waitForRows('table.standings', 9);
    await expect(page.locator('.notice-warning').textContent()).resolves.toContain('Một phần dữ liệu chưa tải được');
    await expect(page.locator('.notice-info', { hasText: 'chỉ số ICT' }).textContent()).resolves.toContain(
      'Tạm hiển thị theo chỉ số ICT',
    );
    await shoot('standings-awards-down');
  });

  test('every request the pages made went to the gateway, and no page threw', () => {
    const origin = new URL(t.baseUrl).origin;
    const elsewhere = requests.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin);
    expect(requests.length).toBeGreaterThan(10);
    expect(elsewhere).toEqual([]);
    expect(pageErrors).toEqual([]);
  });
});
