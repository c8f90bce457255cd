import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

// Debian's chromium drives the browser tests (apt-get install -y chromium; .ci/run installs it when
// missing). Without it they are skipped with a message, but never on CI (CI=true), where they fail.
export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const haveChromium = existsSync(chromiumPath);
const onCi = process.env.CI === 'true';

/** `describe` when a browser can run (or on CI, where a missing one must fail); else `describe.skip` with a note. */
export function describeInBrowser(name: string, body: () => void): void {
  if (!haveChromium && !onCi) {
    console.warn(
      `${name}: SKIPPED, no Chromium at ${chromiumPath} (apt-get install -y chromium, or set CHROMIUM_PATH)`,
    );
    describe.skip(name, body);
    return;
  }
  describe(name, body);
}

export async function launchChromium(): Promise<Browser> {
  if (!haveChromium) throw new Error(`Chromium is missing at ${chromiumPath}: apt-get install -y chromium`);
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-sync'],
  });
}

export interface Person {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors on the page: a test expects none. */
  pageErrors: string[];
}

/**
 * A person in their own browser (own cookies) who signs in through the real
 * sign-in page and waits until the header shows them signed in.
 */
export async function signInThroughUi(
  browser: Browser,
  baseUrl: string,
  username: string,
  password: string,
  options: { next?: string; width?: number } = {},
): Promise<Person> {
  const context = await browser.newContext({ viewport: { width: options.width ?? 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(`${baseUrl}/sign-in${options.next ? `?next=${encodeURIComponent(options.next)}` : ''}`);
  await page.getByLabel('Tên đăng nhập').fill(username);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).waitFor();
  return { context, page, pageErrors };
}

// Globals of the page, for the callbacks that run inside the browser (this package compiles without the DOM library).
declare const document: { querySelector(selector: string): unknown };
declare const window: { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } };

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** One accessibility rule a page breaks, as axe-core reports it (its first five nodes). */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** One page in Chromium with a profile of its own, for axe-core scans (`close` removes the profile). */
export interface ScanningBrowser {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function launchScanningBrowser(): Promise<ScanningBrowser> {
  const userDataDir = mkdtempSync(path.join(tmpdir(), 'thidua-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
    viewport: { width: 1280, height: 900 },
    // axe-core is injected as a script; the gateway's policy rightly allows only its own.
    bypassCSP: true,
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(20_000);
  return {
    context,
    page,
    close: async () => {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}

/** The WCAG 2.1 A and AA rules the page as it stands breaks, by axe-core. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.addScriptTag({ content: axeSource });
  return page.evaluate(async () => {
    const result = await window.axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
}

/** Opens `url` and waits until its data has arrived: no request in flight, nothing marked busy. */
export async function openSettled(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
}
