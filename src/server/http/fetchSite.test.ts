// docs/SECURITY.md C9: no /api route answers a request another site made the browser send (Sec-Fetch-Site),
// save the single sign-on callback; a download (a document, a plan's PDF, an OSO dossier) only a request from the
// web app's own pages. A refusal reads nothing and writes no access-log row.
import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Agent,
  aDocument,
  aPlan,
  aSchool,
  aStudent,
  aSwv,
  aUser,
  signIn,
} from '../../../test/support/factories.ts';
import { type TestApp, testApp } from '../../../test/support/testApp.ts';
import { queryRows } from '../db/client.ts';
import { consent, transition } from '../db/schema/index.ts';
import { newDocumentKey } from '../modules/documents/encryption.ts';

const key = newDocumentKey('fetch-site');
const keys = { current: key, byId: new Map([[key.id, key.key]]) };
const anyId = '0190a000-0000-7000-8000-000000000001';

describe('requests that another site made the browser send', () => {
  let t: TestApp;
  let ib: Agent;
  let downloads: string[];

  beforeAll(async () => {
    t = await testApp({ documents: { keys, maxBytes: 1024 * 1024 } });
    const db = t.database.db;
    const swv = await aSwv(db);
    const school = await aSchool(db, swv.id);
    const child = await aStudent(db, swv.id, school.id);
    const user = await aUser(db, swv.id, [{ role: 'school_ib', schoolId: school.id }]);
    ib = await signIn(t, user);
    const document = await aDocument(db, keys, {
      swvId: swv.id,
      studentId: child.id,
      uploadedByUserId: user.id,
    });
    const plan = await aPlan(db, { swvId: swv.id, studentId: child.id, byUserId: user.id });
    // A move handed over with the parents' consent: its OSO dossier (docs/decisions/0030-…).
    const receiving = await aSchool(db, swv.id, { kind: 'sbo' });
    await db.insert(consent).values({
      swvId: swv.id,
      id: uuidv7(),
      studentId: child.id,
      purpose: 'hand_over_to_school',
      givenByName: 'Ouder (op papier)',
      givenOn: '2026-09-01',
    });
    const moveId = uuidv7();
    await db.insert(transition).values({
      swvId: swv.id,
      id: moveId,
      studentId: child.id,
      direction: 'within',
      moveKind: 'to_special',
      fromSchoolId: school.id,
      toSchoolId: receiving.id,
      registeredOn: '2026-11-02',
      movesOn: '2027-01-04',
      handedOverOn: '2026-11-03',
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    downloads = [
      `/api/documents/${document.id}/content`,
      `/api/plans/${plan.id}/pdf`,
      `/api/transitions/${moveId}/oso-dossier`,
    ];
  });
  afterAll(() => t.close());

  /** The signed-in user's browser, sent by a page of `site` (undefined: a client without the header). */
  function send(method: string, url: string, site: string | undefined) {
    return t.app.inject({
      method: method as 'GET',
      url,
      headers: {
        cookie: ib.cookie!,
        'x-csrf-token': ib.csrfToken!,
        ...(site ? { 'sec-fetch-site': site } : {}),
        ...(method === 'GET' ? {} : { 'content-type': 'application/json' }),
      },
      ...(method === 'GET' ? {} : { payload: '{}' }),
    });
  }

  const accessLogRows = async () =>
    (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from access_log`))[0]!.n;

  it('refuses every /api route from another site, or a sibling site, but the single sign-on callback', async () => {
    const routes = t.app.routeList.filter(
      (route) => route.url.startsWith('/api/') && route.url !== '/api/auth/oidc/callback',
    );
    expect(routes.length).toBeGreaterThan(50);
    const before = await accessLogRows();
    const answered: string[] = [];
    for (const route of routes) {
      const url = route.url.replace(/:\w+/g, anyId).replace('*', '');
      for (const site of ['cross-site', 'same-site']) {
        const response = await send(route.method, url, site);
        if (response.statusCode !== 403 || response.json().error.code !== 'csrf_failed') {
          answered.push(`${route.method} ${route.url} (${site}): ${response.statusCode}`);
        }
      }
    }
    expect(answered).toEqual([]);
    expect(await accessLogRows()).toBe(before);
  });

  it('answers the single sign-on callback from the provider’s site', async () => {
    const response = await send('GET', '/api/auth/oidc/callback?state=unknown&code=x', 'cross-site');
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/login?sso=failed');
  });

  it('starts a download only from the web app’s own pages, not from a link elsewhere', async () => {
    for (const url of downloads) {
      const before = await accessLogRows();
      for (const site of ['cross-site', 'same-site', 'none']) {
        const refused = await send('GET', url, site);
        expect(refused.statusCode, `${url} from ${site}`).toBe(403);
        expect(refused.headers['content-disposition']).toBeUndefined();
      }
      // Refused before the session was even read: no row in the user's name.
      expect(await accessLogRows()).toBe(before);
      const fromTheApp = await send('GET', url, 'same-origin');
      expect(fromTheApp.statusCode, url).toBe(200);
      expect(fromTheApp.headers['content-disposition']).toMatch(/^attachment/);
      // A client that sends no Sec-Fetch-Site (not a browser) relies on the cookie alone.
      expect((await send('GET', url, undefined)).statusCode).toBe(200);
      expect(await accessLogRows()).toBe(before + 2);
    }
  });

  it('still opens other pages’ data typed into the address bar (none) and from the app', async () => {
    for (const site of ['none', 'same-origin', undefined]) {
      expect((await send('GET', '/api/auth/me', site)).statusCode).toBe(200);
    }
  });
});
