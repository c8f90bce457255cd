import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { demoPdf } from '@thidua/kit';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { graphql, startTestStack, type TestStack } from '../test/harness.js';
import { as, mutations as m, ok, season } from '../test/year-fixture.js';
import { chromiumPath, describeInBrowser } from '../test/browser.js';

/*
 * One member's self-assessment from draft to appraised, and the head's lock,
 * in Chromium against a real stack. Each person has an account; the test
 * changes person by signing in as them (POST /auth/sign-in from the
 * browser's own context, so the page carries that session cookie).
 */

// Globals of the page, for the callbacks that run inside the browser (this package compiles without the DOM library).
declare const document: any;

const projectRoot = path.resolve(__dirname, '..', '..', '..', '..');
const screenshots = path.join(projectRoot, 'test-results', 'dashboard');
const c = 'cum-3';
const y = 2021;
const head = 'vinh-phuc';
const member = 'bac-ninh';
const v = { c, y };
const password = 'mật-khẩu-thử-nghiệm-2021';

let t: TestStack;
let work: string;
beforeAll(async () => {
  t = await startTestStack();
  work = mkdtempSync(path.join(tmpdir(), 'thidua-year-browser-'));
  await season(t, c, y, [head, member], head, member);
  const group = 'I. Chỉ đạo, điều hành';
  const criteria = [
    { code: 'I.1', group, title: 'Ban hành kế hoạch thi đua', maxPoints: 6, evidenceRequired: true },
    { code: 'I.2', group, title: 'Báo cáo đúng hạn', maxPoints: 4 },
  ];
  ok(await as(t, head, m.defineSheet, { ...v, criteria, w: { sheet: 0.5, ict: 0.3, award: 0.2 } }));
  ok(await as(t, head, m.sign, { ...v, on: '2021-02-26', place: 'Vĩnh Phúc' }));
  const admin = await t.token('admin');
  for (const [username, role, provinceId] of [
    [head, 'PROVINCE', head],
    [member, 'PROVINCE', member],
    ['ministry', 'MINISTRY', null],
  ]) {
    ok(
      await t.query('mutation ($input: UserInput!) { createUser(input: $input) { id } }', {
        token: admin,
        variables: { input: { username, role, provinceId, password } },
      }),
    );
  }
}, 120_000);
afterAll(async () => {
  await t?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

describeInBrowser('a year in the browser', () => {
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  /** Acts as `who` from the next page load on (a province id, "ministry", or null for nobody). */
  async function signInAs(who: string | null) {
    await context.clearCookies();
    if (who === null) return;
    const answer = await context.request.post(`${t.baseUrl}/auth/sign-in`, {
      data: { username: who, password },
      headers: { 'x-thidua-csrf': '1' },
    });
    expect(answer.status()).toBe(200);
  }
  const open = (route: string) => page.goto(`${t.baseUrl}/clusters/${c}/${y}/${route}`);
  const shoot = (name: string) => page.screenshot({ path: path.join(screenshots, `${name}.png`), fullPage: true });
  const badge = () => page.locator('#assessment-title .status-badge').textContent();

  beforeAll(async () => {
    mkdirSync(screenshots, { recursive: true });
    context = await chromium.launchPersistentContext(mkdtempSync(path.join(work, 'profile-')), {
      executablePath: chromiumPath,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
      viewport: { width: 1280, height: 900 },
    });
    page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(20_000);
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${t.baseUrl}/`);
  }, 60_000);
  afterAll(() => context?.close());

  test('without a sign-in the assessment is read-only', async () => {
    await signInAs(null);
    await open(`assessment?province=${member}`);
    await page.getByText('Đăng nhập bằng tài khoản của Sở để thao tác.').waitFor();
    expect(await page.locator('table.assessment input').count()).toBe(0);
  });

  test('the member scores itself with evidence and submits; the head returns it; the member resubmits', async () => {
    await signInAs(member);
    await open('assessment');
    await page.locator('h1', { hasText: 'Bảng tự chấm điểm năm 2021: Bắc Ninh' }).waitFor();
    expect(await badge()).toBe('Đang chấm');
    await page.getByLabel('Tự chấm I.1').fill('5,5');
    await page.getByLabel('Tự chấm I.2').fill('4');
    await page.getByLabel('Ghi chú I.1').fill('Kế hoạch số 12/KH-STTTT');
    // Submitting without evidence for I.1 is refused, naming the criterion.
    await page.getByRole('button', { name: 'Gửi cụm trưởng thẩm định' }).click();
    await page.getByRole('alert').filter({ hasText: 'minh chứng' }).waitFor();
    const file = path.join(work, 'Kế hoạch thi đua 2021.pdf');
    writeFileSync(file, demoPdf('Ke hoach thi dua 2021'));
    await page.getByLabel('Đính kèm tệp I.1').setInputFiles(file);
    await page.getByRole('button', { name: 'Kế hoạch thi đua 2021.pdf' }).waitFor();
    await page.getByRole('button', { name: 'Gửi cụm trưởng thẩm định' }).click();
    await page.waitForFunction(
      () => document.querySelector('#assessment-title .status-badge')?.textContent === 'Đã gửi',
    );
    await shoot('year-assessment-submitted');

    await signInAs(head);
    await open(`appraisal?province=${member}`);
    await page.getByLabel('Lý do trả lại').fill('Đề nghị bổ sung báo cáo tháng 12 cho tiêu chí I.2');
    await page.locator('tr[data-code="I.2"]').getByLabel('Đánh dấu tiêu chí cần bổ sung').check();
    await page.getByRole('button', { name: 'Trả lại', exact: true }).click();
    await page.locator('table.appraisal tr.row-returned').waitFor();

    await signInAs(member);
    await open('assessment');
    await page.getByText('Cụm trưởng đã trả lại bảng tự chấm: Đề nghị bổ sung báo cáo tháng 12').waitFor();
    expect(await page.locator('tr[data-code="I.2"]').getAttribute('class')).toBe('row-returned');
    await shoot('year-assessment-returned');
    await page.getByLabel('Tự chấm I.2').fill('3,5');
    await page.getByRole('button', { name: 'Gửi cụm trưởng thẩm định' }).click();
    await page.waitForFunction(
      () => document.querySelector('#assessment-title .status-badge')?.textContent === 'Đã gửi',
    );
  });

  test('the head appraises it; the member sees its appraised scores against the cluster', async () => {
    await signInAs(head);
    await open(`appraisal?province=${member}`);
    await page.getByLabel('Thẩm định I.1', { exact: true }).fill('5');
    await page.getByLabel('Ý kiến thẩm định I.1').fill('Kế hoạch ban hành chậm');
    await page.getByRole('button', { name: 'Xác nhận điểm thẩm định' }).click();
    await page.locator('table.appraisal tbody tr', { hasText: 'Bắc Ninh' }).getByText('Đã thẩm định').waitFor();
    await shoot('year-appraisal');
    await signInAs(member);
    await open('assessment');
    expect(await badge()).toBe('Đã thẩm định');
    await page.locator('#against-title').waitFor();
    const stored = ok(
      await t.query(
        graphql(`
          {
            cluster(id: "cum-3") {
              season(year: 2021) {
                assessment(provinceId: "bac-ninh") {
                  status
                  appraisedTotal
                }
              }
            }
          }
        `),
      ),
    );
    expect(stored.cluster!.season!.assessment).toEqual({ status: 'APPRAISED', appraisedTotal: 8.5 });
  });

  test('the head locks the season; the results show the "đã khoá" seal with who and when', async () => {
    // The rest of the year through the API: the head's own assessment (appraised by its deputy) and the election.
    ok(await as(t, head, m.save, { ...v, p: head, items: [] }));
    const sheet = ok(
      await t.query(
        graphql(`
          {
            cluster(id: "cum-3") {
              season(year: 2021) {
                scoringSheet {
                  criteria {
                    id
                    code
                  }
                }
              }
            }
          }
        `),
      ),
    );
    const [i1, i2] = sheet.cluster!.season!.scoringSheet!.criteria.map((k) => k.id);
    ok(
      await as(t, head, m.save, {
        ...v,
        p: head,
        items: [
          { criterionId: i1, selfScore: 0 },
          { criterionId: i2, selfScore: 4 },
        ],
      }),
    );
    ok(await as(t, head, m.submit, { ...v, p: head }));
    ok(await as(t, member, m.appraise, { ...v, p: head, items: [] }));
    ok(await as(t, head, m.openElection, { ...v, ids: [member] }));
    for (const voter of [head, member]) ok(await as(t, voter, m.voteHead, { ...v, id: member }));
    ok(await as(t, head, m.closeElection, { ...v, d: head }));

    await signInAs(head);
    await open('results');
    await page.getByText('Kết quả chưa khoá: số liệu còn có thể thay đổi.').waitFor();
    await page.getByRole('button', { name: 'Khoá kết quả' }).click();
    const seal = page.locator('.seal');
    await seal.waitFor();
    expect(await seal.locator('.seal-mark').textContent()).toBe('ĐÃ KHOÁ');
    expect(await seal.textContent()).toContain(`Khoá bởi ${head} (province) lúc`);
    await shoot('year-results-locked');
    // Once locked the member's page has no form left.
    await signInAs(member);
    await open('assessment');
    await page.locator('.seal').waitFor();
    expect(await page.locator('table.assessment input').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
