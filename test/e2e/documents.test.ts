// Documents in the child's file, in a real browser: the IB'er uploads a report, sees a renamed
// program refused next to the file field, and downloads the report; a parent sees only what was
// shared with them; the IB'er unshares it again (sharing asks first) and the parent no longer sees
// it. axe checks every state; screenshots go to test-results/screenshots.
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  announceSkipWithoutChromium,
  type BrowserRun,
  checkPage,
  chromiumPath,
  signInPage,
  startBrowserRun,
} from '../support/browser.ts';
import { aPdf } from '../support/documentFiles.ts';
import {
  aGuardian,
  aSchool,
  aStudent,
  aSwv,
  aUser,
  type MembershipSpec,
  type TestUser,
} from '../support/factories.ts';

announceSkipWithoutChromium('test/e2e/documents.test.ts');

describe.skipIf(!chromiumPath)('documents in the browser', { timeout: 90_000 }, () => {
  let run: BrowserRun;
  let childId: string;
  const users = {} as Record<'ib' | 'parent', TestUser>;
  const report = aPdf('Verslag onderwijskundig onderzoek');

  beforeAll(async () => {
    run = await startBrowserRun();
    const db = run.database.db;
    const swv = await aSwv(db, { name: 'Samenwerkingsverband Passenderwijs' });
    const school = await aSchool(db, swv.id, { name: 'Basisschool De Regenboog' });
    const child = await aStudent(db, swv.id, school.id, { givenName: 'Sanne', familyName: 'Jansen' });
    childId = child.id;
    const person = (displayName: string, memberships: MembershipSpec[]) =>
      aUser(db, swv.id, memberships, { now: run.clock.now, displayName });
    users.ib = await person('Fatima El Amrani', [{ role: 'school_ib', schoolId: school.id }]);
    users.parent = await person('Mark Jansen', [{ role: 'parent' }]);
    await aGuardian(db, swv.id, child.id, users.parent.id);
  });

  afterAll(async () => {
    expect(run?.problems ?? []).toEqual([]);
    await run?.close();
  });

  const signIn = (user: TestUser) => signInPage(run, user);

  const main = (page: Page) => page.locator('main');
  const check = checkPage;

  async function upload(page: Page, file: { name: string; buffer: Buffer }, title: string) {
    const form = main(page).getByRole('form', { name: 'Document toevoegen aan het dossier' });
    await form.getByLabel('Bestand').setInputFiles({ ...file, mimeType: 'application/pdf' });
    await form.getByLabel('Titel').fill(title);
    return form;
  }

  it("lets the IB'er upload a report, refuses a renamed program next to the field, and downloads the report", async () => {
    const page = await signIn(users.ib);
    await page.goto(`/students/${childId}`);
    await page
      .getByRole('navigation', { name: 'Onderdelen van het dossier' })
      .getByRole('link', { name: 'Documenten' })
      .click();
    await main(page).getByText('Er staan nog geen documenten in het dossier.').waitFor();
    await check(page, 'documents-empty-school-ib');

    // A program with a .pdf name: the server looks at the content and refuses it.
    let form = await upload(
      page,
      { name: 'verslag.pdf', buffer: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(512)]) },
      'Verslag',
    );
    await form.getByLabel('Soort document').selectOption({ label: 'Gewoon document' });
    await form.getByRole('button', { name: 'Document toevoegen' }).click();
    const refusal = 'Dit bestand is een programma of script, geen document. Dat kunt u niet toevoegen.';
    await main(page).getByRole('alert').getByText(refusal).waitFor();
    expect(await form.locator('#field-file-error').innerText()).toBe(refusal);
    expect(await form.getByLabel('Titel').inputValue()).toBe('Verslag');
    await check(page, 'documents-refused-program');

    form = await upload(page, { name: 'onderzoek.pdf', buffer: report }, 'Verslag onderwijskundig onderzoek');
    await form.getByLabel('Soort document').selectOption({ label: 'Gewoon document' });
    await form.getByLabel('Delen met de ouders').check();
    await form.getByRole('button', { name: 'Document toevoegen' }).click();
    await main(page)
      .getByRole('status')
      .getByText('Het document “Verslag onderwijskundig onderzoek” is toegevoegd.')
      .waitFor();

    form = await upload(
      page,
      { name: 'psychologisch.pdf', buffer: aPdf('psychologisch') },
      'Psychologisch onderzoek',
    );
    await form.getByLabel('Soort document').selectOption({ label: 'Medisch-psychologisch' });
    // A medical-psychological report is never shared with the parents: the choice goes away.
    expect(await form.getByLabel('Delen met de ouders').count()).toBe(0);
    await form.getByRole('button', { name: 'Document toevoegen' }).click();
    await main(page)
      .getByRole('status')
      .getByText('Het document “Psychologisch onderzoek” is toegevoegd.')
      .waitFor();

    const table = main(page).getByRole('table', { name: 'Documenten van Sanne' });
    await expect.poll(() => table.getByRole('row').count()).toBe(3);
    expect(await table.getByRole('row').nth(2).innerText()).toContain('Gewoon document');
    await check(page, 'documents-school-ib');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      table.getByRole('link', { name: 'Download Verslag onderwijskundig onderzoek' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('onderzoek.pdf');
    expect(readFileSync(await download.path()).equals(report)).toBe(true);
    await page.context().close();
  });

  it('shows a parent only the documents the school shared with them', async () => {
    const page = await signIn(users.parent);
    await page.goto(`/students/${childId}/documents`);
    const table = main(page).getByRole('table', { name: 'Documenten van Sanne' });
    await table.waitFor();
    const rows = await table.getByRole('row').allInnerTexts();
    expect(rows).toHaveLength(2);
    expect(rows[1]).toContain('Verslag onderwijskundig onderzoek');
    expect(await main(page).innerText()).not.toContain('Psychologisch');
    // Parents add no documents and see no sharing column.
    expect(await main(page).getByRole('form').count()).toBe(0);
    expect(await table.getByRole('columnheader', { name: 'Gedeeld met ouders' }).count()).toBe(0);
    await check(page, 'documents-parent');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      table.getByRole('link', { name: 'Download Verslag onderwijskundig onderzoek' }).click(),
    ]);
    expect(readFileSync(await download.path()).equals(report)).toBe(true);
    await page.context().close();
  });

  it("lets the IB'er unshare the report, asks before sharing it again, and the parent no longer sees it", async () => {
    const page = await signIn(users.ib);
    await page.goto(`/students/${childId}/documents`);
    const table = main(page).getByRole('table', { name: 'Documenten van Sanne' });
    const reportRow = table.getByRole('row').filter({ hasText: 'Verslag onderwijskundig onderzoek' });
    await reportRow.getByRole('button', { name: 'Wijzigen: Verslag onderwijskundig onderzoek' }).click();
    let form = main(page).getByRole('form', {
      name: 'Document “Verslag onderwijskundig onderzoek” wijzigen',
    });
    await form.getByLabel('Delen met de ouders').uncheck();
    await check(page, 'documents-change-school-ib');
    await form.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await main(page)
      .getByRole('status')
      .getByText('Het document “Verslag onderwijskundig onderzoek” is gewijzigd.')
      .waitFor();
    await expect.poll(() => reportRow.innerText()).toContain('Nee');
    expect(await form.count()).toBe(0);

    // Sharing again asks first; cancelled, nothing changes.
    await reportRow.getByRole('button', { name: 'Wijzigen: Verslag onderwijskundig onderzoek' }).click();
    form = main(page).getByRole('form', { name: 'Document “Verslag onderwijskundig onderzoek” wijzigen' });
    await form.getByLabel('Delen met de ouders').check();
    await form.getByRole('button', { name: 'Wijzigingen opslaan' }).click();
    await form
      .getByText('Wilt u dit document delen met de ouders? Zij kunnen het dan zien en downloaden.')
      .waitFor();
    await check(page, 'documents-share-question');
    await form.getByRole('button', { name: 'Annuleren' }).first().click();
    await form.getByRole('button', { name: 'Annuleren' }).click();
    expect(await form.count()).toBe(0);
    expect(await reportRow.innerText()).toContain('Nee');
    await page.context().close();

    const parentPage = await signIn(users.parent);
    await parentPage.goto(`/students/${childId}/documents`);
    await main(parentPage).getByText('De school heeft nog geen documenten met u gedeeld.').waitFor();
    await check(parentPage, 'documents-parent-after-unshare');
    await parentPage.context().close();
  });
});
