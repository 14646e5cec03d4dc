import { and, eq } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Agent,
  aCaseMeeting,
  aCaseMember,
  aConsent,
  aDocument,
  aGuardian,
  aPartnerOrganisation,
  aPlan,
  aRequest,
  aSchool,
  aStudent,
  aSwv,
  aTeam,
  aUser,
  fixtureKey,
  signIn,
  type TestUser,
} from '../../../../test/support/factories.ts';
import { pdfText } from '../../../../test/support/pdfText.ts';
import { type TestApp, testApp } from '../../../../test/support/testApp.ts';
import type { ChildExport } from '../../../contracts/childExport.ts';
import { exportSections } from '../../../domain/childExport.ts';
import * as schema from '../../db/schema/index.ts';
import { accessLog } from '../../db/schema/index.ts';
import { exportCoverage } from './childExport.queries.ts';

describe('the export covers every table with a child’s data', () => {
  const tables = (Object.values(schema) as unknown[]).filter((t): t is PgTable => t instanceof PgTable);
  const configs = tables.map((t) => getTableConfig(t));

  it('names every table that holds a student id or hangs under one that does', () => {
    // A table reaches the child by a student_id column, or by a foreign key to a table that does.
    const reaching = new Set(
      configs.filter((c) => c.columns.some((col) => col.name === 'student_id')).map((c) => c.name),
    );
    reaching.add('student');
    let grew = true;
    while (grew) {
      grew = false;
      for (const config of configs) {
        if (reaching.has(config.name)) continue;
        const parents = config.foreignKeys.map((fk) => getTableConfig(fk.reference().foreignTable).name);
        if (parents.some((p) => reaching.has(p))) {
          reaching.add(config.name);
          grew = true;
        }
      }
    }
    expect(reaching.size).toBeGreaterThan(30);
    const missing = [...reaching].filter((name) => !(name in exportCoverage)).sort();
    expect(missing, 'add the table to exportCoverage in childExport.queries.ts').toEqual([]);
  });

  it('names only real tables, and every section has its table', () => {
    const names = new Set(configs.map((c) => c.name));
    expect(Object.keys(exportCoverage).filter((name) => !names.has(name))).toEqual([]);
    const covered = Object.values(exportCoverage).flatMap((c) => ('section' in c ? [c.section] : []));
    expect([...covered].sort()).toEqual([...exportSections].sort());
  });
});

const keys = { current: fixtureKey, byId: new Map([[fixtureKey.id, fixtureKey.key]]) };

describe('the export of a child’s file (AVG art. 15)', () => {
  let t: TestApp;
  let swvId: string;
  let schoolId: string;
  let ibUser: TestUser;
  let parentUser: TestUser;
  let teacherUser: TestUser;
  let ib: Agent;
  let parent: Agent;
  let consultant: Agent;
  let teacher: Agent;
  let foreignIb: Agent;
  const made = {} as Record<string, string>;
  let childId: string;
  let otherChildId: string;
  let otherFamilyName: string;
  let foreignSwvName: string;

  beforeAll(async () => {
    t = await testApp();
    const db = t.database.db;
    swvId = (await aSwv(db)).id;
    schoolId = (await aSchool(db, swvId)).id;
    const partner = await aPartnerOrganisation(db, swvId, [schoolId]);
    ibUser = await aUser(db, swvId, [{ role: 'school_ib', schoolId }]);
    parentUser = await aUser(db, swvId, [{ role: 'parent' }]);
    teacherUser = await aUser(db, swvId, [{ role: 'teacher', schoolId, groups: ['5A'] }]);
    const consultantUser = await aUser(db, swvId, [{ role: 'consultant' }]);
    const partnerUser = await aUser(db, swvId, [{ role: 'partner', partnerOrganisationId: partner }]);
    await aTeam(db, swvId, [schoolId], [consultantUser.id]);

    const child = await aStudent(db, swvId, schoolId, { givenName: 'Noor' });
    childId = child.id;
    await aGuardian(db, swvId, childId, parentUser.id);
    await aCaseMember(db, swvId, childId, partnerUser.id);
    await aConsent(db, {
      swvId,
      studentId: childId,
      givenByUserId: parentUser.id,
      partnerOrganisationId: partner,
    });
    made.plan = (await aPlan(db, { swvId, studentId: childId, byUserId: ibUser.id })).id;
    made.meeting = (
      await aCaseMeeting(db, {
        swvId,
        studentId: childId,
        createdByUserId: ibUser.id,
        actions: [{ action: 'Leesbegeleiding', owner: 'school' }],
      })
    ).id;
    made.shared = (
      await aDocument(db, keys, {
        swvId,
        studentId: childId,
        uploadedByUserId: ibUser.id,
        sharedWithParents: true,
      })
    ).id;
    made.unshared = (
      await aDocument(db, keys, { swvId, studentId: childId, uploadedByUserId: ibUser.id })
    ).id;
    made.medical = (
      await aDocument(db, keys, {
        swvId,
        studentId: childId,
        uploadedByUserId: ibUser.id,
        classification: 'medical_psychological',
        sharedWithParents: true,
      })
    ).id;
    made.submitted = await aRequest(db, {
      swvId,
      schoolId,
      studentId: childId,
      byUserId: ibUser.id,
      state: 'in_review',
    });
    made.draft = await aRequest(db, {
      swvId,
      schoolId,
      studentId: childId,
      byUserId: ibUser.id,
      state: 'draft',
    });

    // Another child of the same school, with a file of its own, and a child of another SWV.
    const other = await aStudent(db, swvId, schoolId, { givenName: 'Bram' });
    otherChildId = other.id;
    otherFamilyName = other.familyName;
    made.otherPlan = (await aPlan(db, { swvId, studentId: otherChildId, byUserId: ibUser.id })).id;
    made.otherDocument = (
      await aDocument(db, keys, { swvId, studentId: otherChildId, uploadedByUserId: ibUser.id })
    ).id;
    made.otherRequest = await aRequest(db, {
      swvId,
      schoolId,
      studentId: otherChildId,
      byUserId: ibUser.id,
      state: 'in_review',
    });
    const foreignSwv = await aSwv(db);
    foreignSwvName = foreignSwv.name;
    const foreignSchool = (await aSchool(db, foreignSwv.id)).id;
    const foreignIbUser = await aUser(db, foreignSwv.id, [{ role: 'school_ib', schoolId: foreignSchool }]);
    foreignIb = await signIn(t, foreignIbUser);
    const foreignChild = await aStudent(db, foreignSwv.id, foreignSchool);
    made.foreignPlan = (
      await aPlan(db, { swvId: foreignSwv.id, studentId: foreignChild.id, byUserId: foreignIbUser.id })
    ).id;

    ib = await signIn(t, ibUser);
    parent = await signIn(t, parentUser);
    consultant = await signIn(t, consultantUser);
    teacher = await signIn(t, teacherUser);
    // A read by someone of another SWV: refused, and on the child's log.
    await foreignIb.get(`/api/students/${childId}`);
  });
  afterAll(() => t.close());

  const exportRows = () =>
    t.database.db
      .select()
      .from(accessLog)
      .where(and(eq(accessLog.studentId, childId), eq(accessLog.action, 'export')));

  async function exportOf(agent: Agent, format: 'json' | 'pdf' = 'json') {
    const response = await agent.get(`/api/students/${childId}/export?format=${format}`);
    expect(response.statusCode, response.body.slice(0, 200)).toBe(200);
    return response;
  }

  it('gives the IB’er the complete file as JSON, as a download kept out of caches', async () => {
    const before = (await exportRows()).length;
    const response = await exportOf(ib);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="inzage-Noor-de-Vries/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['cache-control']).toBe('no-store');
    const body = response.json() as ChildExport;
    expect(body.formatVersion).toBe(1);
    expect(body.audience).toBe('complete');
    expect(Object.keys(body.sections)).toEqual([...exportSections]);
    expect(body.sections.student).toHaveLength(1);
    expect(body.sections.student[0]).toMatchObject({ id: childId, givenName: 'Noor' });
    expect(body.sections.guardians).toEqual([{ userId: parentUser.id }]);
    expect(body.sections.plans.map((r) => r.id)).toEqual([made.plan]);
    expect(body.sections.planGoals.length).toBeGreaterThan(0);
    expect(body.sections.planAgreements.length).toBeGreaterThan(0);
    expect(body.sections.meetings.map((r) => r.id)).toEqual([made.meeting]);
    expect(body.sections.meetingActions).toHaveLength(1);
    expect(body.sections.consents).toHaveLength(1);
    expect(body.sections.caseTeam).toHaveLength(1);
    expect(body.sections.documents.map((r) => r.id).sort()).toEqual(
      [made.shared, made.unshared, made.medical].sort(),
    );
    expect(body.sections.requests.map((r) => r.id).sort()).toEqual([made.submitted, made.draft].sort());
    expect(body.withheld).toEqual([]);
    // Metadata only: no content, no key material.
    expect(Object.keys(body.sections.documents[0]!)).not.toContain('iv');
    expect(Object.keys(body.sections.documents[0]!)).not.toContain('keyId');
    // Every row of the log, this export's own among them; the other SWV's reader stays unnamed.
    const log = body.sections.accessLog;
    expect(log.at(-1)).toMatchObject({ action: 'export', objectType: 'child_export', outcome: 'allowed' });
    expect(log.some((r) => r.organisation === 'other_swv' && r.actorName === null)).toBe(true);
    expect(log.every((r) => !('clientAddress' in r))).toBe(true);
    expect(body.people.map((p) => p.id)).toContain(ibUser.id);
    // One access-log row for the whole export.
    expect((await exportRows()).length).toBe(before + 1);
  });

  it('holds nothing of another child or another SWV', async () => {
    const text = (await exportOf(ib)).body;
    for (const id of [
      otherChildId,
      made.otherPlan,
      made.otherDocument,
      made.otherRequest,
      made.foreignPlan,
    ]) {
      expect(text).not.toContain(id);
    }
    expect(text).not.toContain(otherFamilyName);
    expect(text).not.toContain(foreignSwvName);
  });

  it('gives the consultant of the school’s team the complete file too', async () => {
    const body = (await exportOf(consultant)).json() as ChildExport;
    expect(body.audience).toBe('complete');
    expect(body.sections.documents).toHaveLength(3);
  });

  it('gives the parents what the portal shows them, and says what it leaves out and why', async () => {
    const body = (await exportOf(parent)).json() as ChildExport;
    expect(body.audience).toBe('parents');
    expect(body.madeBy.role).toBe('parent');
    expect(body.sections.documents.map((r) => r.id)).toEqual([made.shared]);
    expect(body.sections.meetings).toEqual([]);
    expect(body.sections.meetingActions).toEqual([]);
    expect(body.sections.requests.map((r) => r.id)).toEqual([made.submitted]);
    expect(body.sections.plans.map((r) => r.id)).toEqual([made.plan]);
    expect(body.sections.accessLog.length).toBeGreaterThan(0);
    expect(body.withheld).toEqual(
      expect.arrayContaining([
        { section: 'documents', rows: 2, reason: 'not_shared' },
        { section: 'meetings', rows: 1, reason: 'staff_only' },
        { section: 'meetingActions', rows: 1, reason: 'staff_only' },
        { section: 'requests', rows: 1, reason: 'school_draft' },
      ]),
    );
  });

  it('writes a readable Dutch PDF on A4 with the access log in it', async () => {
    const response = await exportOf(parent, 'pdf');
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="inzage-.*\.pdf"/);
    const pdf = response.rawPayload;
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 595\.28 841\.89\]/);
    const text = pdfText(pdf);
    expect(text).toContain('Inzage in het dossier van Noor');
    expect(text).toContain('Wie heeft het dossier ingezien');
    expect(text).toContain('geëxporteerd');
    expect(text).toContain('Wat niet in dit overzicht staat');
    // Dutch first: the fields in Dutch, people by name, the role in words.
    expect(text).toContain('voornaam: Noor');
    expect(text).toContain('(ouder, als ouder)');
    expect(text).not.toContain(parentUser.id);
  });

  it('refuses a teacher (403) and answers another SWV’s IB’er as for a missing child (404), logging both', async () => {
    const before = await t.database.db.select().from(accessLog).where(eq(accessLog.studentId, childId));
    expect((await teacher.get(`/api/students/${childId}/export?format=json`)).statusCode).toBe(403);
    expect((await foreignIb.get(`/api/students/${childId}/export?format=pdf`)).statusCode).toBe(404);
    expect(
      (await ib.get('/api/students/0192f0c4-0000-7000-8000-000000000000/export?format=json')).statusCode,
    ).toBe(404);
    const after = await t.database.db.select().from(accessLog).where(eq(accessLog.studentId, childId));
    expect(after.length - before.length).toBe(2);
    expect(after.slice(-2).map((r) => [r.action, r.outcome])).toEqual([
      ['export', 'denied'],
      ['export', 'denied'],
    ]);
  });
});
