// The axe check of the browser tests must fail on a violation, also when it reuses the axe that
// an earlier check injected into the same document (test/support/browser.ts).
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceSkipWithoutChromium, chromiumPath, expectNoAxeViolations } from './browser.ts';

announceSkipWithoutChromium('test/support/browser.test.ts');

/** The violations the check failed on, or null when it passed. */
const failureOf = (page: Page) =>
  expectNoAxeViolations(page).then(
    () => null,
    (error: { actual?: unknown }) => String(error.actual),
  );

describe.skipIf(!chromiumPath)('the axe check', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath!, args: ['--headless', '--no-sandbox'] });
  });
  afterAll(() => browser?.close());

  it('fails on the first check of a page and on a later one after the page changed', async () => {
    const page = await browser.newPage();
    await page.setContent('<html lang="nl"><title>t</title><main><img src="x.png"></main></html>');
    expect(await failureOf(page)).toMatch(/^image-alt/);
    await page.evaluate(() => document.querySelector('img')!.setAttribute('alt', 'Logo'));
    expect(await failureOf(page)).toBeNull();
    await page.evaluate(() =>
      document.querySelector('main')!.insertAdjacentHTML('beforeend', '<button></button>'),
    );
    expect(await failureOf(page)).toMatch(/^button-name/);
  });
});
