import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Agent,
  aCaseMember,
  aConsent,
  aGuardian,
  aPartnerOrganisation,
  aSchool,
  aStudent,
  aSwv,
  aUser,
  signIn,
} from '../../../../test/support/factories.ts';
import { type TestApp, testApp } from '../../../../test/support/testApp.ts';
import { consent } from '../../db/schema/index.ts';

describe('a school’s children', () => {
  let t: TestApp;
  let swvId: string;
  let schoolId: string;
  let ib: Agent;
  beforeAll(async () => {
    t = await testApp();
    swvId = (await aSwv(t.database.db)).id;
    schoolId = (await aSchool(t.database.db, swvId, { name: 'Basisschool De Regenboog' })).id;
    ib = await signIn(t, await aUser(t.database.db, swvId, [{ role: 'school_ib', schoolId }]));
  });
  afterAll(() => t.close());

  it('creates a child and reads it back', async () => {
    const created = await ib.post(`/api/schools/${schoolId}/students`, {
      givenName: 'Mila',
      familyNamePrefix: 'van',
      familyName: 'Dijk',
      birthDate: '2017-05-02',
      schoolKey: 'LL-1001',
      groupName: '4B',
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json();
    expect(created.json().schoolName).toBe('Basisschool De Regenboog');
    const read = await ib.get(`/api/students/${id}`);
    expect(read.json()).toEqual({
      id,
      schoolId,
      schoolName: 'Basisschool De Regenboog',
      givenName: 'Mila',
      familyNamePrefix: 'van',
      familyName: 'Dijk',
      birthDate: '2017-05-02',
      schoolKey: 'LL-1001',
      groupName: '4B',
      supportLevel: 1,
    });
  });

  it('changes only the fields a PATCH names', async () => {
    const created = await ib.post(`/api/schools/${schoolId}/students`, {
      givenName: 'Yusuf',
      familyName: 'Yılmaz',
      birthDate: '2016-01-20',
      schoolKey: 'LL-2002',
      groupName: '5A',
    });
    const { id } = created.json();
    const patched = await ib.patch(`/api/students/${id}`, { groupName: '6A' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      groupName: '6A',
      schoolKey: 'LL-2002',
      familyName: 'Yılmaz',
      schoolName: 'Basisschool De Regenboog',
    });
  });

  it('refuses an impossible birth date', async () => {
    const response = await ib.post(`/api/schools/${schoolId}/students`, {
      givenName: 'Fout',
      familyName: 'Datum',
      birthDate: '2017-02-30',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation_failed');
  });

  it('searches by name, filters by group and pages', async () => {
    const listSchool = (await aSchool(t.database.db, swvId, { name: 'Basisschool Het Kompas' })).id;
    const listIb = await signIn(
      t,
      await aUser(t.database.db, swvId, [{ role: 'school_ib', schoolId: listSchool }]),
    );
    for (let i = 0; i < 12; i++) {
      await aStudent(t.database.db, swvId, listSchool, {
        familyName: `Jansen${String(i).padStart(2, '0')}`,
        groupName: i % 2 ? '3A' : '3B',
      });
    }
    await aStudent(t.database.db, swvId, listSchool, { familyName: '50%_korting', groupName: '8' });
    const page = await listIb.get(`/api/schools/${listSchool}/students?limit=5&offset=5`);
    expect(page.json().total).toBe(13);
    expect(page.json().school).toEqual({ id: listSchool, name: 'Basisschool Het Kompas' });
    expect(page.json().students.map((s: { familyName: string }) => s.familyName)).toEqual([
      // "50%_korting" sorts first.
      'Jansen04',
      'Jansen05',
      'Jansen06',
      'Jansen07',
      'Jansen08',
    ]);
    const group = await listIb.get(`/api/schools/${listSchool}/students?group=3A`);
    expect(group.json().total).toBe(6);
    // LIKE wildcards in a search are literal characters.
    const literal = await listIb.get(`/api/schools/${listSchool}/students?q=${encodeURIComponent('50%_')}`);
    expect(literal.json().students.map((s: { familyName: string }) => s.familyName)).toEqual(['50%_korting']);
    const none = await listIb.get(`/api/schools/${listSchool}/students?q=${encodeURIComponent('%')}`);
    expect(none.json().students.map((s: { familyName: string }) => s.familyName)).toEqual(['50%_korting']);
  });
});

describe('consent and the access log', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it('lets a partner read only while the parents’ consent is in force; withdrawal takes effect at once', async () => {
    const db = t.database.db;
    const swvId = (await aSwv(db)).id;
    const schoolId = (await aSchool(db, swvId)).id;
    const organisation = await aPartnerOrganisation(db, swvId, [schoolId]);
    const partnerUser = await aUser(db, swvId, [{ role: 'partner', partnerOrganisationId: organisation }]);
    const parentUser = await aUser(db, swvId, [{ role: 'parent' }]);
    const child = await aStudent(db, swvId, schoolId);
    await aGuardian(db, swvId, child.id, parentUser.id);
    await aCaseMember(db, swvId, child.id, partnerUser.id);
    const partner = await signIn(t, partnerUser);

    expect((await partner.get(`/api/students/${child.id}`)).statusCode).toBe(403);
    const consentId = await aConsent(db, {
      swvId,
      studentId: child.id,
      givenByUserId: parentUser.id,
      partnerOrganisationId: organisation,
    });
    expect((await partner.get(`/api/students/${child.id}`)).statusCode).toBe(200);
    await db.update(consent).set({ withdrawnAt: t.clock.now }).where(eq(consent.id, consentId));
    t.clock.advance(1);
    expect((await partner.get(`/api/students/${child.id}`)).statusCode).toBe(403);

    // The parent sees all of it: who, in what role, allowed or refused, and why.
    const parent = await signIn(t, parentUser);
    const log = await parent.get(`/api/students/${child.id}/access-log`);
    expect(log.statusCode).toBe(200);
    const entries = log.json() as Array<{ actorRole: string; outcome: string; objectType: string }>;
    expect(entries.map((e) => [e.actorRole, e.objectType, e.outcome])).toEqual([
      ['parent', 'access_log', 'allowed'],
      ['partner', 'student', 'denied'],
      ['partner', 'student', 'allowed'],
      ['partner', 'student', 'denied'],
    ]);
    const today = await parent.get(`/api/students/${child.id}/access-log?from=2026-11-23&to=2026-11-23`);
    expect(today.json()).toHaveLength(5);
    const before = await parent.get(`/api/students/${child.id}/access-log?to=2026-11-22`);
    expect(before.json()).toEqual([]);
  });
});
