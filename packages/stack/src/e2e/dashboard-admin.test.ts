import type { Browser, Page } from 'playwright-core';
import { describeInBrowser, launchChromium, signInThroughUi, type Person } from '../test/browser.js';
import { startTestStack, type TestStack } from '../test/harness.js';

// Accounts, API tokens, the Ministry's clusters and members, commendations and one's own
// password, in Chromium through the real UI, against a real stack with the demo data.

let t: TestStack;
let browser: Browser;
const people: Person[] = [];

async function as(username: string, password = 'thidua-demo', next?: string): Promise<Page> {
  const person = await signInThroughUi(browser, t.baseUrl, username, password, { next });
  people.push(person);
  return person.page;
}

describeInBrowser('the admin, Ministry and commendation pages, in Chromium', () => {
  beforeAll(async () => {
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

  test('the admin creates an officer account (errors beside their fields), gives it a password, and it signs in', async () => {
    const page = await as('admin', undefined, '/admin/users');
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Tạo tài khoản' }) });
    await form.getByLabel('Tên đăng nhập').fill('Cán Bộ');
    await form.getByLabel('Tên hiển thị').fill('Nguyễn Thị Lan');
    await form.getByLabel(/^Vai trò/).selectOption('PROVINCE');
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await form.locator('.field-error', { hasText: 'không phải là tên đăng nhập hợp lệ' }).waitFor();
    await form.getByLabel('Tên đăng nhập').fill('lan.nguyen');
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await form.locator('.field-error', { hasText: 'là bắt buộc với tài khoản PROVINCE' }).waitFor();
    expect(await form.getByLabel('Tên hiển thị').inputValue()).toBe('Nguyễn Thị Lan');
    await form.getByLabel('Tỉnh, thành phố').selectOption('quang-ninh');
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã tạo tài khoản lan.nguyen.' }).waitFor();

    await page.getByRole('button', { name: 'Cấp lại mật khẩu: lan.nguyen' }).click();
    const password = (await page.locator('code.secret').innerText()).trim();
    expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
    const officer = await as('lan.nguyen', password);
    await officer.getByText('Nguyễn Thị Lan').waitFor();
    await officer.getByRole('navigation', { name: 'Công việc' }).getByRole('link', { name: 'Nhập số liệu' }).waitFor();
  });

  test('the admin issues an API token, shown once, that writes as the token until revoked', async () => {
    const page = await as('admin', undefined, '/admin/tokens');
    await page.getByLabel('Tên (dùng cho việc gì)').fill('máy chủ Sở Hà Nam');
    await page.getByLabel('Tỉnh, thành phố').selectOption('ha-nam');
    await page.getByRole('button', { name: 'Cấp mã' }).click();
    const token = (await page.locator('code.secret').innerText()).trim();
    expect(token).toMatch(/^thd_/);
    const record = (value: number) =>
      t.query(
        `mutation { recordObservations(input: [{ provinceId: "ha-nam", indicator: "infra.wan_agencies", year: 2019,
           value: ${value} }]) { recordedBy } }`,
        { token },
      );
    expect((await record(40)).data!.recordObservations[0].recordedBy).toBe('token:máy chủ Sở Hà Nam (province)');
    await page.getByRole('button', { name: 'Thu hồi: máy chủ Sở Hà Nam' }).click();
    await page.getByRole('row', { name: /máy chủ Sở Hà Nam.*Đã thu hồi/ }).waitFor();
    expect((await record(41)).errors![0].extensions!.code).toBe('UNAUTHENTICATED');
  });

  test('the Ministry creates a cluster, sets members copied from the last season with the 2025 successors proposed', async () => {
    const page = await as('ministry', undefined, '/clusters');
    await page.getByLabel('Mã cụm').fill('cum-9');
    await page.getByLabel('Tên cụm').fill('Cụm thi đua số 9');
    await page.getByRole('button', { name: 'Tạo cụm thi đua' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã tạo Cụm thi đua số 9.' }).waitFor();

    await page.goto(`${t.baseUrl}/clusters/cum-7/2026/members`);
    await page.getByRole('button', { name: 'Chép danh sách năm 2020' }).click();
    await page.getByText('Bình Dương → Hồ Chí Minh').waitFor();
    await page.getByText('Ninh Thuận → Khánh Hòa').waitFor();
    await page.getByRole('button', { name: 'Lưu danh sách thành viên' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã lưu 5 thành viên.' }).waitFor();
    const api = await t.query('{ cluster(id: "cum-7") { season(year: 2026) { members { id } } } }');
    expect(api.data!.cluster.season.members.map((m: any) => m.id).sort()).toEqual([
      'dong-nai-2025',
      'ho-chi-minh-2025',
      'khanh-hoa-2025',
      'lam-dong-2025',
      'tay-ninh-2025',
    ]);

    await page.goto(`${t.baseUrl}/years/2019`);
    await page.getByRole('heading', { name: 'Cụm thi đua số 3', level: 2 }).waitFor();
    expect(await page.locator('.cluster-card').count()).toBeGreaterThanOrEqual(1);
  });

  test('an officer records a commendation with its decision number and date, and corrects it with a reason', async () => {
    const page = await as('ha-nam');
    await page.getByRole('navigation', { name: 'Công việc' }).getByRole('link', { name: 'Khen thưởng của Sở' }).click();
    const form = page.locator('form.commendation-form');
    await form.getByLabel('Hình thức khen thưởng').selectOption('PROVINCE_CERTIFICATE');
    await form.getByLabel('Năm khen thưởng').fill('2019');
    await form.getByLabel('Đối tượng').selectOption('COLLECTIVE');
    await form.getByLabel('Tên tập thể, cá nhân').fill('Trung tâm Công nghệ thông tin và Truyền thông');
    await form.getByLabel('Số quyết định').fill('2045/QĐ-UBND');
    await form.getByLabel('Ngày quyết định').fill('2015-03-01');
    await form.getByRole('button', { name: 'Ghi khen thưởng' }).click();
    await form
      .locator('.field-error', { hasText: 'quyết định được ký trong năm khen thưởng hoặc năm sau đó' })
      .waitFor();
    expect(await form.getByLabel('Số quyết định').inputValue()).toBe('2045/QĐ-UBND');
    await form.getByLabel('Ngày quyết định').fill('2019-12-27');
    await form.getByRole('button', { name: 'Ghi khen thưởng' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã ghi khen thưởng.' }).waitFor();

    await page.getByRole('button', { name: 'Sửa: Trung tâm Công nghệ thông tin và Truyền thông (2019)' }).click();
    const correction = page.locator('form.commendation-form');
    await correction.getByRole('heading', { name: 'Sửa khen thưởng' }).waitFor();
    await correction.getByLabel('Ngày quyết định').fill('2019-12-30');
    await correction.getByLabel('Lý do sửa').fill('Ghi nhầm ngày ký');
    await correction.getByRole('button', { name: 'Sửa khen thưởng' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã sửa khen thưởng.' }).waitFor();
    const row = page.getByRole('row', { name: /Trung tâm Công nghệ thông tin và Truyền thông/ });
    await row.locator('.hint', { hasText: '30/12/2019' }).waitFor();
    await row.getByText('Lịch sử (2)').click();
    await row.getByText('Lý do: Ghi nhầm ngày ký').waitFor();
  });

  test('a person changes their own password; the old one no longer signs in', async () => {
    const page = await as('bac-ninh', undefined, '/account');
    await page.getByLabel('Mật khẩu hiện tại').fill('thidua-demo');
    await page.getByLabel('Mật khẩu mới', { exact: false }).first().fill('bac-ninh-2019');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('bac-ninh-2019');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.locator('.field-error', { hasText: 'không được chứa tên đăng nhập' }).waitFor();
    await page.getByLabel('Mật khẩu mới', { exact: false }).first().fill('Sở-TT&TT-2019');
    await page.getByLabel('Nhập lại mật khẩu mới').fill('Sở-TT&TT-2019');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã đổi mật khẩu.' }).waitFor();
    const signIn = (password: string) =>
      fetch(`${t.baseUrl}/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'bac-ninh', password }),
      }).then((r) => r.status);
    expect(await signIn('thidua-demo')).toBe(401);
    expect(await signIn('Sở-TT&TT-2019')).toBe(200);
  });
});
