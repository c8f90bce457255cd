import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { describeInBrowser, launchChromium, signInThroughUi, type Person } from '../test/browser.js';
import { startTestStack, type TestStack } from '../test/harness.js';

// The write side of the dashboard, in Chromium, through the real UI, against a real stack with
// the demo data and its demo accounts (password "thidua-demo").

declare const document: any;
declare const window: any;

const projectRoot = path.resolve(__dirname, '..', '..', '..', '..');
const screenshots = path.join(projectRoot, 'test-results', 'dashboard-writes');
const DEMO_PASSWORD = 'thidua-demo';

let t: TestStack;
let browser: Browser;
const people: Person[] = [];

async function as(username: string, options: { next?: string; width?: number } = {}): Promise<Page> {
  const person = await signInThroughUi(browser, t.baseUrl, username, DEMO_PASSWORD, options);
  people.push(person);
  return person.page;
}

describeInBrowser('the dashboard writes, in Chromium', () => {
  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    t = await startTestStack({ demo: true });
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.stop();
  });

  afterEach(() => {
    for (const person of people) expect(person.pageErrors).toEqual([]);
  });

  test('an officer of vinh-phuc enters and corrects a 2019 figure with a reason, and sees the ranking change', async () => {
    const indicator = 'egov.officials_computer_commune_pct';
    const rankingOf = async () => {
      const answer = await t.query(
        `{ cluster(id: "cum-3") { season(year: 2019) { indicatorRanking(indicator: "${indicator}") { rank province { id } }
           standings { province { id } total } } } }`,
      );
      const season = answer.data!.cluster.season;
      return {
        rank: season.indicatorRanking.find((r: any) => r.province.id === 'vinh-phuc').rank as number,
        total: season.standings.find((s: any) => s.province.id === 'vinh-phuc').total as number,
      };
    };
    const before = await rankingOf();

    const page = await as('vinh-phuc');
    await page.getByRole('navigation', { name: 'Công việc' }).getByRole('link', { name: 'Nhập số liệu' }).click();
    await page.getByLabel('Năm số liệu').selectOption('2019');
    await page.getByRole('heading', { name: 'Nhập số liệu: Vĩnh Phúc năm 2019' }).waitFor();
    const row = page.getByRole('group', { name: /Tỷ lệ cán bộ, công chức cấp xã được trang bị máy tính/ });
    const save = page.getByRole('button', { name: 'Lưu số liệu' });
    await row.getByText('Đã lưu: 62,5 (lần 1)').waitFor();

    // A correction without a reason is not sent.
    await row.getByLabel('Giá trị (%)').fill('99');
    await save.click();
    await row.getByText('Hãy ghi lý do sửa số liệu đã lưu.').waitFor();

    // The server's BAD_USER_INPUT shows beside the value it names; nothing typed is lost.
    await row.getByLabel('Lý do sửa').fill('Cập nhật theo báo cáo rà soát tháng 12/2019');
    await save.click();
    const valueError = row.locator('.field-error', { hasText: 'không khớp với tử số/mẫu số' });
    await valueError.waitFor();
    expect(await row.getByLabel('Giá trị (%)').getAttribute('aria-invalid')).toBe('true');
    expect(await row.getByLabel('Giá trị (%)').inputValue()).toBe('99');
    expect(await row.getByLabel('Lý do sửa').inputValue()).toBe('Cập nhật theo báo cáo rà soát tháng 12/2019');
    await shoot(page, 'figures-error');

    await row.getByLabel('Tử số').fill('2596');
    await save.click();
    await page.getByRole('status').filter({ hasText: 'Đã lưu 1 số liệu.' }).waitFor();
    await row.getByText('Đã lưu: 99,0 (lần 2)').waitFor();

    // The history is one click away, with who and why.
    await row.getByRole('button', { name: 'Lịch sử' }).click();
    const history = row.locator('table.history tbody tr');
    await page.waitForFunction(() => document.querySelectorAll('table.history tbody tr').length === 2);
    expect(await history.first().innerText()).toContain('Cập nhật theo báo cáo rà soát tháng 12/2019');
    expect(await history.first().innerText()).toContain('vinh-phuc (province)');

    const after = await rankingOf();
    expect(after.rank).toBeLessThan(before.rank);
    expect(after.total).toBeGreaterThan(before.total);

    // …and the officer sees it in the ranking pages.
    await page.goto(`${t.baseUrl}/clusters/cum-3/2019/indicators?indicator=${indicator}`);
    const rankCell = page.locator('tr', { has: page.getByRole('link', { name: 'Vĩnh Phúc' }) }).first();
    await rankCell.waitFor();
    expect(await rankCell.innerText()).toContain(String(after.rank));
    await page.goto(`${t.baseUrl}/clusters/cum-3/2019`);
    const standing = page.locator('table.standings tbody tr', { has: page.getByRole('link', { name: 'Vĩnh Phúc' }) });
    await standing.waitFor();
    const shown = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    expect(await standing.innerText()).toContain(shown.format(after.total));
    await shoot(page, 'standings-after');
  });

  test('the head runs a review: five members vote (one changes its vote; the quorum is more than half of nine), and the nomination is adopted', async () => {
    const review = `/clusters/cum-3/2019/review`;
    const head = await as('vinh-phuc', { next: review });
    const actions = head.getByRole('region', { name: 'Bình xét' });
    await actions.waitFor();

    // The adoption rule, while nobody has voted: at least 30 % of the nine members.
    const ruleForm = head.getByRole('form', { name: 'Quy tắc thông qua' });
    await ruleForm.getByLabel('Tỉ lệ thành viên đồng ý (%)').fill('30');
    await ruleForm.getByLabel('Đạt đúng tỉ lệ là đủ').check();
    await ruleForm.getByRole('button', { name: 'Đặt quy tắc' }).click();
    await head.getByText('từ 30% số thành viên của cụm trở lên').waitFor();

    await actions.getByLabel('Tỉnh, thành phố').selectOption({ label: 'Hải Dương' });
    await actions.getByLabel('Hình thức khen thưởng').selectOption('MINISTRY_CERTIFICATE');
    await actions.getByRole('button', { name: 'Đề nghị', exact: true }).click();
    const nominationRow = (page: Page) =>
      page.locator('table.review tbody tr', { has: page.getByRole('link', { name: 'Hải Dương', exact: true }) });
    await nominationRow(head).getByText('Đang biểu quyết').waitFor();

    for (const [member, changesMind] of [
      ['ha-nam', false],
      ['nam-dinh', false],
      ['hung-yen', false],
      ['ninh-binh', false],
      ['thai-binh', true],
    ] as const) {
      const page = await as(member, { next: review, width: member === 'thai-binh' ? 390 : 1280 });
      const ballot = page.getByRole('group', { name: /Phiếu của Sở: Hải Dương/ });
      if (changesMind) {
        await ballot.getByRole('button', { name: 'Không đồng ý' }).click();
        await ballot.getByText('Đã bỏ phiếu không đồng ý').waitFor();
      }
      await ballot.getByRole('button', { name: 'Đồng ý', exact: true }).click();
      await ballot.getByText('Đã bỏ phiếu đồng ý').waitFor();
      if (member === 'thai-binh') await shoot(page, 'member-vote-phone');
    }

    await head.reload();
    const row = nominationRow(head);
    await row.getByText('Thành viên đã bỏ phiếu (5/9)').click();
    for (const name of ['Hà Nam: Đồng ý', 'Ninh Bình: Đồng ý', 'Thái Bình: Đồng ý', 'Bắc Ninh: Chưa bỏ phiếu']) {
      await row.getByText(name).waitFor();
    }
    // Votes are cast: the rule can no longer change.
    await head.getByText('Quy tắc thông qua đã cố định vì đã có thành viên bỏ phiếu trong mùa này.').waitFor();
    expect(await head.getByRole('form', { name: 'Quy tắc thông qua' }).count()).toBe(0);

    await head
      .locator('li.review-row', { hasText: 'Hải Dương' })
      .getByRole('button', { name: 'Kết thúc biểu quyết' })
      .click();
    await row.getByText('Thông qua').waitFor();
    await shoot(head, 'review-adopted');
    const api = await t.query(
      `{ cluster(id: "cum-3") { season(year: 2019) { nominations { province { id } form status votesFor votesAgainst } } } }`,
    );
    expect(api.data!.cluster.season.nominations).toContainEqual({
      province: { id: 'hai-duong' },
      form: 'MINISTRY_CERTIFICATE',
      status: 'ADOPTED',
      votesFor: 5,
      votesAgainst: 0,
    });
  });

  test('a viewer sees no write controls, and a crafted mutation with its cookie is FORBIDDEN', async () => {
    const page = await as('viewer', { next: '/clusters/cum-3/2019/review' });
    await page.getByRole('heading', { name: /Bình xét, đề nghị khen thưởng/ }).waitFor();
    expect(await page.getByRole('navigation', { name: 'Công việc' }).count()).toBe(0);
    expect(await page.getByRole('region', { name: 'Bình xét' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Đồng ý', exact: true }).count()).toBe(0);
    await page.goto(`${t.baseUrl}/provinces/vinh-phuc`);
    await page.getByRole('heading', { name: 'Vĩnh Phúc' }).waitFor();
    expect(await page.getByRole('link', { name: 'Nhập số liệu' }).count()).toBe(0);
    await page.goto(`${t.baseUrl}/provinces/vinh-phuc/figures?year=2019`);
    await page.getByText('Tài khoản của bạn không có quyền dùng trang này.').waitFor();
    expect(await page.locator('input').count()).toBe(0);

    const answer: any = await page.evaluate(async () => {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-thidua-csrf': '1' },
        body: JSON.stringify({
          query: `mutation { recordObservations(input: [{ provinceId: "vinh-phuc", indicator: "nrd.criterion8_communes_pct",
                    year: 2019, value: 1 }]) { value } }`,
        }),
      });
      return response.json();
    });
    expect(answer.errors[0].extensions.code).toBe('FORBIDDEN');
  });

  test('on a phone the forms fit the screen, and they switch to English', async () => {
    const page = await as('ha-nam', { width: 390 });
    for (const [url, heading] of [
      ['/provinces/ha-nam/figures?year=2019', 'Nhập số liệu: Hà Nam năm 2019'],
      ['/provinces/ha-nam/commendations', 'Khen thưởng của Hà Nam'],
      ['/clusters/cum-3/2019/review', 'Bình xét, đề nghị khen thưởng Cụm thi đua số 3 năm 2019'],
      ['/account', 'Tài khoản của tôi'],
    ]) {
      await page.goto(`${t.baseUrl}${url}`);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect({ url, overflow }).toEqual({ url, overflow: 0 });
    }
    await page.goto(`${t.baseUrl}/provinces/ha-nam/figures?year=2019`);
    await page.getByRole('button', { name: 'Switch the interface to English' }).click();
    await page.getByRole('heading', { name: 'Enter figures: Hà Nam, 2019' }).waitFor();
    await page.getByRole('button', { name: 'Save figures' }).waitFor();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    await page.getByRole('button', { name: 'Chuyển giao diện sang tiếng Việt' }).click();
  });

  test('sign-out ends the session: the cookie it had opens nothing afterwards', async () => {
    const page = await as('ministry');
    const person = people.at(-1)!;
    const cookie = (await person.context.cookies()).find((c) => c.name === 'thidua_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
    const me = () => fetch(`${t.baseUrl}/auth/me`, { headers: { cookie: `thidua_session=${cookie.value}` } });
    expect((await me()).status).toBe(200);
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('link', { name: 'Đăng nhập' }).waitFor();
    expect((await me()).status).toBe(401);
    expect((await person.context.cookies()).some((c) => c.name === 'thidua_session')).toBe(false);
  });
});

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
}
