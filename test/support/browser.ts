// Browser tests: the built web app served by the real server on a fresh test database, driven by
// Debian's Chromium through playwright-core (never a downloaded browser), checked by axe.
// Without Chromium the e2e files skip, saying so in one line.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import type { FastifyInstance } from 'fastify';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { buildApp } from '../../src/server/app.ts';
import { currentTotp } from '../../src/server/auth/totp.ts';
import type { JobQueue } from '../../src/server/jobs/jobQueue.ts';
import type { TestUser } from './factories.ts';
import { aClock, type Clock, documentsForTests } from './testApp.ts';
import { type TestDatabase, testDatabase } from './testDatabase.ts';

function findChromium(): string | null {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  for (const name of ['chromium', 'chromium-browser']) {
    try {
      const found = execFileSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' }).trim();
      if (found) return found;
    } catch {
      // not installed under this name
    }
  }
  return null;
}

export const chromiumPath = findChromium();

/** Call at the top of an e2e file: prints why the file is skipped when there is no Chromium. */
export function announceSkipWithoutChromium(file: string): void {
  if (!chromiumPath)
    console.log(`Skipping browser tests in ${file}: Chromium not found (apt-get install -y chromium).`);
}

/**
 * The web app built once per test run, into the run's temporary folder (never dist/web): the first
 * browser test file to get here builds it, the others wait for it and serve the same files.
 */
async function builtWebApp(): Promise<string> {
  const folder = inject('webAppFolder');
  const failed = `${folder}.failed`;
  if (tryMkdir(`${folder}.lock`)) {
    const building = `${folder}.building`;
    try {
      // Imported here: only the file that builds needs Vite, the others save its start-up.
      const { build } = await import('vite');
      await build({
        configFile: path.resolve('vite.config.ts'),
        logLevel: 'error',
        build: { outDir: building, emptyOutDir: true },
      });
    } catch (error) {
      writeFileSync(failed, String(error));
      throw error;
    }
    // Appears whole or not at all.
    renameSync(building, folder);
    return folder;
  }
  const deadline = performance.now() + 180_000;
  while (!existsSync(folder)) {
    if (existsSync(failed)) throw new Error(`Building the web app failed: ${readFileSync(failed, 'utf8')}`);
    if (performance.now() > deadline) throw new Error(`The web app was not built into ${folder} in time`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return folder;
}

/** Creates the folder, or says another process already did: a lock between test files. */
function tryMkdir(folder: string): boolean {
  try {
    mkdirSync(folder);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

/** Cookies and local storage of a signed-in browser, to open more pages signed in without the form. */
type StorageState = Awaited<ReturnType<BrowserContext['storageState']>>;

export type BrowserRun = {
  baseUrl: string;
  database: TestDatabase;
  clock: Clock;
  app: FastifyInstance;
  browser: Browser;
  /** A fresh browser context (own cookies and storage, or the saved ones given) with one page. */
  newPage: (storageState?: StorageState) => Promise<Page>;
  /** Per e-mail address: the storage right after that user signed in through the form (signInPage). */
  signedIn: Map<string, StorageState>;
  /** Content Security Policy violations and uncaught errors seen in any page so far. */
  problems: string[];
  close: () => Promise<void>;
};

/**
 * Server and browser for one test file. The server's clock starts at the real time (so cookies
 * and TOTP codes agree with the browser) and the tests move it forward to cross timeouts.
 */
export async function startBrowserRun(
  options: {
    /** A job queue on the run's database, started before the app and stopped with it. */
    jobs?: (database: TestDatabase, clock: Clock) => Promise<JobQueue>;
  } = {},
): Promise<BrowserRun> {
  if (!chromiumPath) throw new Error('Chromium not found');
  const [webRoot, database] = await Promise.all([builtWebApp(), testDatabase()]);
  const clock = aClock(new Date().toISOString());
  const jobs = await options.jobs?.(database, clock);
  // Bind first to learn a free port; the public URL must name it for the origin checks.
  const probe = (await import('node:net')).createServer();
  const port = await new Promise<number>((resolve) =>
    probe.listen(0, '127.0.0.1', () => resolve((probe.address() as { port: number }).port)),
  );
  await new Promise((resolve) => probe.close(resolve));
  const baseUrl = `http://localhost:${port}`;
  const app = await buildApp({
    database,
    publicUrl: baseUrl,
    secureCookies: true,
    now: () => clock.now,
    webRoot,
    documents: documentsForTests(),
    ...(jobs ? { jobs } : {}),
  });
  await app.listen({ host: '127.0.0.1', port });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const problems: string[] = [];
  return {
    baseUrl,
    database,
    clock,
    app,
    browser,
    problems,
    signedIn: new Map(),
    newPage: async (storageState) => {
      const context = await browser.newContext({
        storageState,
        baseURL: baseUrl,
        locale: 'nl-NL',
        viewport: { width: 1280, height: 800 },
      });
      const page = await context.newPage();
      // A strict CSP is only worth something if the app never trips it.
      page.on('console', (message) => {
        if (message.type() === 'error' && /Content Security Policy/i.test(message.text()))
          problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(error.message));
      return page;
    },
    close: async () => {
      await browser.close();
      await app.close();
      await jobs?.stop();
      await database.drop();
    },
  };
}

const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
type AxeResults = Awaited<ReturnType<AxeBuilder['analyze']>>;
type WithAxe = { axe?: { run: (context: Document, options: object) => Promise<AxeResults> } };

/**
 * axe's results for the page as it is now. The first check of a document injects axe (half a
 * megabyte of script); later checks of the same document, after the app changed it, reuse it. The
 * builder's legacy mode runs axe in the page itself instead of finishing in a new blank page per
 * check; the app has no frames from other origins, the one thing that mode leaves out.
 */
async function axeResults(page: Page): Promise<AxeResults> {
  const injected =
    page.frames().length === 1 &&
    (await page.evaluate(() => typeof (window as WithAxe).axe?.run === 'function'));
  if (!injected) return new AxeBuilder({ page }).withTags(wcagTags).setLegacyMode().analyze();
  return page.evaluate(
    (values) => (window as WithAxe).axe!.run(document, { runOnly: { type: 'tag', values } }),
    wcagTags,
  );
}

/**
 * What axe's result depends on, as a hash: the document (markup, form values, focus), its path and
 * the window's size. Not the origin: another test file serves the same page on another port.
 */
async function pageState(page: Page): Promise<string> {
  const state = await page.evaluate(() =>
    JSON.stringify([
      location.pathname + location.search,
      document.documentElement.outerHTML,
      [...document.querySelectorAll('input, select, textarea')].map((field) =>
        field instanceof HTMLInputElement ? [field.value, field.checked] : (field as HTMLSelectElement).value,
      ),
      document.activeElement?.outerHTML.slice(0, 200) ?? '',
    ]),
  );
  return createHash('sha256')
    .update(JSON.stringify([page.viewportSize(), state]))
    .digest('hex');
}

/**
 * axe with the WCAG 2.1 A and AA rules; every violation is listed in the failure. axe runs once per
 * distinct page state in a test run: the violations found are kept in the run's temporary folder
 * by the hash of the state, and a later check of the same state (in this test file or another one)
 * asserts on them instead of running axe again.
 */
export async function expectNoAxeViolations(page: Page): Promise<void> {
  const folder = path.join(path.dirname(inject('webAppFolder')), 'axe');
  mkdirSync(folder, { recursive: true });
  const file = path.join(folder, `${await pageState(page)}.json`);
  let summary: string[];
  if (existsSync(file)) summary = JSON.parse(readFileSync(file, 'utf8'));
  else {
    const results = await axeResults(page);
    summary = results.violations.map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help}\n${violation.nodes
          .map((node) => `    ${node.target.join(' ')}: ${node.failureSummary ?? ''}`)
          .join('\n')}`,
    );
    // Written whole, then renamed: another file never reads half of it.
    writeFileSync(`${file}.${process.pid}`, JSON.stringify(summary));
    renameSync(`${file}.${process.pid}`, file);
  }
  expect(summary, `axe on ${page.url()}`).toEqual([]);
}

const screenshotFolder = path.resolve('test-results/screenshots');

export async function saveScreenshot(page: Page, name: string): Promise<void> {
  mkdirSync(screenshotFolder, { recursive: true });
  await page.screenshot({ path: path.join(screenshotFolder, `${name}.png`), fullPage: true });
}

/** Signs in through the login page in a fresh page, with the second factor when the user has one. */
export async function signInThroughForm(run: BrowserRun, user: TestUser): Promise<Page> {
  const page = await run.newPage();
  await page.goto('/login');
  await page.getByLabel('E-mailadres').fill(user.email);
  await page.getByLabel('Wachtwoord').fill(user.password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
  if (user.totpSecret) {
    await page.getByRole('heading', { level: 1, name: 'Tweede stap' }).waitFor();
    // Each code is accepted once: move the clock to a fresh time step first.
    run.clock.advance(30_000);
    await page.getByLabel('Code', { exact: true }).fill(currentTotp(user.totpSecret, run.clock.now));
    await page.getByRole('button', { name: 'Controleren' }).click();
  }
  await page.getByRole('heading', { level: 1, name: /Welkom/ }).waitFor();
  return page;
}

/**
 * A fresh page signed in as the user, on the home page. The first time in a test file it signs in
 * through the login page (signInThroughForm) and keeps the cookies; later calls open a new context
 * with them, skipping the password hash and the second factor. When that session has ended since
 * (signed out, timed out by the test's clock, ended by an administrator) the app shows the login
 * page, and it signs in through the form again. The sign-in tests themselves use the form.
 */
export async function signInPage(run: BrowserRun, user: TestUser): Promise<Page> {
  const saved = run.signedIn.get(user.email);
  if (saved) {
    const page = await run.newPage(saved);
    await page.goto('/');
    const heading = page.getByRole('heading', { level: 1, name: /^(Welkom.*|Inloggen)$/ });
    await heading.waitFor();
    if ((await heading.innerText()).startsWith('Welkom')) return page;
    await page.context().close();
  }
  const page = await signInThroughForm(run, user);
  run.signedIn.set(user.email, await page.context().storageState());
  return page;
}

/** Waits until the page's main part has loaded, checks it with axe and saves a screenshot. */
export async function checkPage(page: Page, screenshot: string): Promise<void> {
  await expect
    .poll(() => page.locator('main').getByRole('status').filter({ hasText: 'laden' }).count())
    .toBe(0);
  await expectNoAxeViolations(page);
  await saveScreenshot(page, screenshot);
}
