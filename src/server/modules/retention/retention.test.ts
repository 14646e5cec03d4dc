// Retention (docs/SECURITY.md E2; docs/decisions/0045): the dry run names what is due by
// pseudonymous id and changes nothing; the confirmed deletion removes every row of a due child's
// file in every table — only the access log keeps the child's id, without a name — and leaves other
// children alone; the periods stay between their floor and ceiling.
import { eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Agent,
  aCaseMeeting,
  aCaseMember,
  aConsent,
  aDocument,
  aGuardian,
  anActivePlan,
  aPartnerOrganisation,
  aRequest,
  aSchool,
  aStudent,
  aSwv,
  aUser,
  signIn,
} from '../../../../test/support/factories.ts';
import { type TestApp, testApp } from '../../../../test/support/testApp.ts';
import { queryRows } from '../../db/client.ts';
import { processingRegister } from '../../db/processingRegister.ts';
import { absenceCase, outboxMessage, student } from '../../db/schema/index.ts';
import { newDocumentKey } from '../documents/encryption.ts';
import { notify } from '../notifications/notifications.commands.ts';

/** Every table's rows as text, where one of the needles occurs (case-insensitive). */
async function rowsMentioning(t: TestApp, needles: readonly string[]): Promise<Record<string, string[]>> {
  const found: Record<string, string[]> = {};
  for (const table of Object.keys(processingRegister)) {
    const rows = await queryRows<{ row: string }>(
      t.database.db,
      sql`select x::text as row from ${sql.raw(`"${table}"`)} x
          where x::text ilike any(${`{${needles.map((n) => `%${n}%`).join(',')}}`}::text[])`,
    );
    if (rows.length > 0) found[table] = rows.map((r) => r.row);
  }
  return found;
}

/** Row count and content hash of every table: a dry run must leave them all as they were. */
async function digest(t: TestApp): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const table of Object.keys(processingRegister)) {
    const [row] = await queryRows<{ n: number; h: string | null }>(
      t.database.db,
      sql.raw(
        `select count(*)::int as n, md5(string_agg(x::text, '|' order by x::text)) as h from "${table}" x`,
      ),
    );
    result[table] = `${row?.n}:${row?.h}`;
  }
  return result;
}

describe('retention of the child’s file', () => {
  let t: TestApp;
  let admin: Agent;
  let swvId: string;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await testApp();
    const db = t.database.db;
    swvId = (await aSwv(db)).id;
    const schoolId = (await aSchool(db, swvId)).id;
    const adminUser = await aUser(db, swvId, [{ role: 'swv_admin' }]);
    const ib = await aUser(db, swvId, [{ role: 'school_ib', schoolId }]);
    const parent = await aUser(db, swvId, [{ role: 'parent' }]);
    const partner = await aPartnerOrganisation(db, swvId, [schoolId]);
    const key = newDocumentKey('retention-test');
    const keys = { current: key, byId: new Map([[key.id, key.key]]) };

    // Hugo left in the summer of 2024 and his file is full: due once every period has passed.
    const hugo = await aStudent(db, swvId, schoolId, { givenName: 'Hugo', familyName: 'Zwanenburg' });
    const eva = await aStudent(db, swvId, schoolId, { givenName: 'Eva', familyName: 'Jansen' });
    const noor = await aStudent(db, swvId, schoolId, { givenName: 'Noor', familyName: 'Bakker' });
    Object.assign(ids, { hugo: hugo.id, eva: eva.id, noor: noor.id, ib: ib.id });
    for (const child of [hugo, eva]) {
      await aGuardian(db, swvId, child.id, parent.id);
      await aConsent(db, {
        swvId,
        studentId: child.id,
        givenByUserId: parent.id,
        partnerOrganisationId: partner,
      });
      await anActivePlan(db, { swvId, studentId: child.id, userId: ib.id });
      await aCaseMeeting(db, {
        swvId,
        studentId: child.id,
        createdByUserId: ib.id,
        actions: [{ action: 'Leesbegeleiding', owner: 'school' }],
      });
      await aCaseMember(db, swvId, child.id, ib.id);
      await aDocument(db, keys, { swvId, studentId: child.id, uploadedByUserId: ib.id });
      const requestId = await aRequest(db, {
        swvId,
        schoolId,
        studentId: child.id,
        byUserId: ib.id,
        state: 'closed',
      });
      await notify(db, t.clock.now, {
        swvId,
        userIds: [ib.id],
        kind: 'deadline_near',
        subjectType: 'request',
        subjectId: requestId,
        firstName: child.givenName,
        link: `/requests/${requestId}`,
      });
      await db.insert(outboxMessage).values({
        swvId,
        id: uuidv7(),
        userId: ib.id,
        toAddress: ib.email,
        subject: 'Passend',
        body: `De termijn voor ${child.givenName} loopt af: https://passend.test/requests/${requestId}`,
        state: 'sent',
        createdAt: t.clock.now,
      });
      await db.insert(absenceCase).values({
        swvId,
        id: uuidv7(),
        studentId: child.id,
        municipality: 'Utrecht',
        kind: 'relative_long',
        startedOn: '2025-01-06',
        endedOn: '2025-03-03',
        ending: 'own_school',
        createdByUserId: ib.id,
        createdAt: t.clock.now,
        updatedAt: t.clock.now,
      });
    }
    await db.update(student).set({ leftOn: '2024-07-12' }).where(eq(student.id, hugo.id));
    // Noor left two months before the day of the test: her file waits for its period.
    await db.update(student).set({ leftOn: '2030-06-01' }).where(eq(student.id, noor.id));
    // A child enrolled nowhere, with her names on the absence case, which ended in 2025.
    ids.daan = uuidv7();
    await db.insert(absenceCase).values({
      swvId,
      id: ids.daan,
      childGivenName: 'Daan',
      childFamilyName: 'Hoogeveen',
      childBirthDate: '2013-05-01',
      municipality: 'Utrecht',
      kind: 'absolute',
      startedOn: '2025-02-03',
      endedOn: '2025-12-19',
      ending: 'other_school',
      createdByUserId: ib.id,
      createdAt: t.clock.now,
      updatedAt: t.clock.now,
    });
    // Hugo's file is read, so the access log holds his id.
    const ibAgent = await signIn(t, ib);
    expect((await ibAgent.get(`/api/students/${hugo.id}`)).statusCode).toBe(200);
    // 1 August 2030: three years after Hugo's arrangement ran out (30 June 2027).
    t.clock.now = new Date('2030-08-01T08:00:00Z');
    admin = await signIn(t, adminUser);
  });
  afterAll(() => t.close());

  it('keeps the periods between their floor and ceiling', async () => {
    const before = (await admin.get('/api/retention/settings')).json();
    expect(before.kinds).toContainEqual({
      kind: 'child_file',
      years: 2,
      defaultYears: 2,
      minYears: 1,
      maxYears: 5,
      setAt: null,
    });
    const low = await admin.request('PUT', '/api/retention/settings', { kind: 'child_file', years: 0 });
    expect(low.statusCode).toBe(422);
    expect(low.json().error.details.rule).toBe('retention_below_floor');
    const high = await admin.request('PUT', '/api/retention/settings', { kind: 'absence_case', years: 6 });
    expect(high.json().error.details.rule).toBe('retention_above_ceiling');
    expect((await admin.get('/api/retention/settings')).json()).toEqual(before);
    const set = await admin.request('PUT', '/api/retention/settings', { kind: 'absence_case', years: 5 });
    expect(set.statusCode).toBe(200);
    expect(set.json().kinds.find((k: { kind: string }) => k.kind === 'absence_case')).toMatchObject({
      years: 5,
      setAt: t.clock.now.toISOString(),
    });
  });

  it('reports what is due by pseudonymous id and counts only, and changes nothing', async () => {
    // Five years after Daan's case ended is not yet: only Hugo is due.
    const before = await digest(t);
    const response = await admin.get('/api/retention/report');
    expect(response.statusCode).toBe(200);
    const report = response.json();
    expect(report.children).toEqual([{ pseudonym: ids.hugo, dueOn: '2030-06-30' }]);
    expect(report.absenceCases).toEqual([]);
    expect(report.notYetDue).toEqual({ openRequest: 0, openAbsence: 0, periodRunning: 1 });
    expect(response.body).not.toMatch(/Hugo|Zwanenburg|Daan|Hoogeveen|Eva|Noor/);
    const rows = Object.fromEntries(
      report.tables.map((r: { table: string; rows: number }) => [r.table, r.rows]),
    );
    expect(rows).toMatchObject({ student: 1, document: 1, plan: 1, notification: 1, outbox_message: 1 });
    expect(rows.document_chunk).toBeGreaterThanOrEqual(1);
    expect(await digest(t)).toEqual(before);
    // Back to two years: Daan's case is due too.
    await admin.request('PUT', '/api/retention/settings', { kind: 'absence_case', years: 2 });
    const again = (await admin.get('/api/retention/report')).json();
    expect(again.absenceCases).toEqual([{ pseudonym: ids.daan, dueOn: '2027-12-19' }]);
  });

  it('deletes every row of the file in every table; the access log keeps only the id', async () => {
    const report = (await admin.get('/api/retention/report')).json();
    // The ids of every row that named Hugo or Daan, so rows that name only those (document chunks,
    // plan goals) are found afterwards too.
    const rowIds: string[] = [];
    for (const [table, columns] of Object.entries(processingRegister)) {
      if (!('id' in columns) || table === 'access_log' || table === 'student') continue;
      const rows = await queryRows<{ id: string }>(
        t.database.db,
        sql`select x.id::text as id from ${sql.raw(`"${table}"`)} x
            where x::text like ${`%${ids.hugo}%`} or x::text like ${`%${ids.daan}%`}`,
      );
      rowIds.push(...rows.map((row) => row.id));
    }
    expect(rowIds.length).toBeGreaterThanOrEqual(8);
    const counts = async () => {
      const result: Record<string, number> = {};
      for (const { table } of report.tables) {
        const [row] = await queryRows<{ n: number }>(
          t.database.db,
          sql.raw(`select count(*)::int as n from "${table}"`),
        );
        result[table] = row!.n;
      }
      return result;
    };
    const evaBefore = await rowsMentioning(t, [ids.eva!]);
    const before = await counts();

    const response = await admin.post('/api/retention/deletions', {
      children: [ids.hugo, ids.eva, ids.noor, uuidv7()],
      absenceCases: [ids.daan],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ deletedChildren: 1, deletedAbsenceCases: 1, skipped: 3 });

    // Exactly the rows the dry run counted are gone.
    const after = await counts();
    for (const { table, rows } of report.tables) expect(before[table]! - after[table]!, table).toBe(rows);

    // No table but the access log names Hugo, his names, Daan's names or any of their rows' ids.
    const left = await rowsMentioning(t, [
      ids.hugo!,
      'Zwanenburg',
      'Hugo',
      ids.daan!,
      'Daan',
      'Hoogeveen',
      ...rowIds,
    ]);
    expect(Object.keys(left)).toEqual(['access_log']);
    for (const row of left.access_log!) expect(row).not.toMatch(/Hugo|Zwanenburg|Daan|Hoogeveen/);
    // The log kept its rows about Hugo, and the deletion itself, with the id only.
    const log = await queryRows<{ action: string; objectType: string; purpose: string }>(
      t.database.db,
      sql`select action, object_type as "objectType", purpose from access_log
          where student_id = ${ids.hugo} order by seq nulls last, at`,
    );
    expect(log.map((row) => row.action)).toEqual(expect.arrayContaining(['read', 'delete']));
    expect(log.filter((row) => row.action === 'delete')).toEqual([
      { action: 'delete', objectType: 'child_file', purpose: 'retention period passed (SWV administrator)' },
    ]);

    // Eva and Noor are untouched.
    expect(await rowsMentioning(t, [ids.eva!])).toEqual(evaBefore);
    const [kept] = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from student where id in (${ids.eva}, ${ids.noor})`,
    );
    expect(kept!.n).toBe(2);
    // Nothing is due any more.
    const empty = (await admin.get('/api/retention/report')).json();
    expect(empty.children).toEqual([]);
    expect(empty.absenceCases).toEqual([]);
  });
});
