import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Agent,
  aGuardian,
  aRequest,
  aSchool,
  aStudent,
  aSwv,
  aTeam,
  aUser,
  signIn,
  type TestUser,
} from '../../../../test/support/factories.ts';
import { type TestApp, testApp } from '../../../../test/support/testApp.ts';
import { queryRows } from '../../db/client.ts';
import { objection, supportRequest } from '../../db/schema/index.ts';

type View = {
  id: string;
  state: string;
  revision: number;
  late: boolean;
  filedBy: string;
  outcome: string | null;
  clock: { adviceDueOn: string | null; daysLeft: number | null; overdue: boolean; stopped: boolean };
  events: { step: string; on: string; note: string }[];
  permissions: { steps: string[] };
};

describe('objections, disputes, complaints and signals', () => {
  let t: TestApp;
  let swvId: string;
  let schoolId: string;
  let ibUser: TestUser;
  let parentUser: TestUser;
  let committeeUser: TestUser;
  let ib: Agent;
  let parent: Agent;
  let otherParent: Agent;
  let consultant: Agent;
  let committee: Agent;
  let admin: Agent;
  let teacher: Agent;

  beforeAll(async () => {
    t = await testApp();
    const db = t.database.db;
    swvId = (await aSwv(db)).id;
    schoolId = (await aSchool(db, swvId)).id;
    ibUser = await aUser(db, swvId, [{ role: 'school_ib', schoolId }]);
    parentUser = await aUser(db, swvId, [{ role: 'parent' }]);
    committeeUser = await aUser(db, swvId, [{ role: 'committee' }]);
    const consultantUser = await aUser(db, swvId, [{ role: 'consultant' }]);
    await aTeam(db, swvId, [schoolId], [consultantUser.id]);
    ib = await signIn(t, ibUser);
    parent = await signIn(t, parentUser);
    otherParent = await signIn(t, await aUser(db, swvId, [{ role: 'parent' }]));
    consultant = await signIn(t, consultantUser);
    committee = await signIn(t, committeeUser);
    admin = await signIn(t, await aUser(db, swvId, [{ role: 'swv_admin' }]));
    teacher = await signIn(t, await aUser(db, swvId, [{ role: 'teacher', schoolId, groups: ['5A'] }]));
  });
  afterAll(() => t.close());

  /** A decided request (on 2026-11-20 unless said) for a child of the parent. */
  async function aDecided(
    options: { code?: string; decidedOn?: string; state?: 'decided' | 'in_review' } = {},
  ) {
    const db = t.database.db;
    const child = await aStudent(db, swvId, schoolId);
    await aGuardian(db, swvId, child.id, parentUser.id);
    const id = await aRequest(db, {
      swvId,
      schoolId,
      studentId: child.id,
      byUserId: ibUser.id,
      state: options.state ?? 'decided',
      code: options.code ?? 'arrangement',
    });
    if (options.decidedOn)
      await db.update(supportRequest).set({ decidedOn: options.decidedOn }).where(eq(supportRequest.id, id));
    return id;
  }

  const file = (agent: Agent, requestId: string, body: object) =>
    agent.post(`/api/requests/${requestId}/objections`, body);
  const step = (agent: Agent, view: View, body: object) =>
    agent.post(`/api/objections/${view.id}/steps`, { revision: view.revision, ...body });

  it('lets a parent object within 6 weeks, without a reason for lateness', async () => {
    const requestId = await aDecided();
    const filed = await file(parent, requestId, { grounds: 'Wij vinden dat Noor meer hulp nodig heeft.' });
    expect(filed.statusCode, filed.body).toBe(201);
    const view: View = filed.json();
    expect(view).toMatchObject({ state: 'received', filedBy: 'parent', late: false });
    expect(view.clock.adviceDueOn).toBeNull();
    expect(view.events.map((e) => e.step)).toEqual(['receive']);
    // The SWV's committee hears of it in its inbox.
    const notices = await queryRows<{ kind: string }>(
      t.database.db,
      sql`select kind from notification where user_id = ${committeeUser.id} and subject_id = ${view.id}`,
    );
    expect(notices.map((n) => n.kind)).toEqual(['objection_filed']);
    // The request's page shows it.
    const onRequest = (await parent.get(`/api/requests/${requestId}/objections`)).json();
    expect(onRequest.objections.map((o: View) => o.id)).toEqual([view.id]);
    expect(onRequest.termEndsOn).toBe('2027-01-01');
  });

  it('after 6 weeks accepts an objection only with a reason for lateness', async () => {
    const requestId = await aDecided({ decidedOn: '2026-10-01' });
    const refused = await file(ib, requestId, { grounds: 'De school is het niet eens met het besluit.' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details).toMatchObject({
      rule: 'objection_late_without_reason',
      termEndsOn: '2026-11-12',
    });
    const accepted = await file(ib, requestId, {
      grounds: 'De school is het niet eens met het besluit.',
      lateReason: 'Het besluit is naar een oud adres gestuurd.',
    });
    expect(accepted.statusCode, accepted.body).toBe(201);
    expect(accepted.json()).toMatchObject({ filedBy: 'school', late: true });
  });

  it('refuses an objection against a request not yet decided', async () => {
    const requestId = await aDecided({ state: 'in_review' });
    const refused = await file(parent, requestId, { grounds: 'Te vroeg.' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.rule).toBe('request_not_decided');
  });

  it('refuses a parent of another child and a teacher', async () => {
    const requestId = await aDecided();
    expect((await file(otherParent, requestId, { grounds: 'Niet mijn kind.' })).statusCode).toBe(403);
    expect((await file(teacher, requestId, { grounds: 'Geen rol.' })).statusCode).toBe(403);
    expect((await otherParent.get(`/api/requests/${requestId}/objections`)).statusCode).toBe(403);
  });

  it('runs the LBT clock for a TLV and takes it through advice, hearing and an upheld decision', async () => {
    const requestId = await aDecided({ code: 'tlv_so' });
    let view: View = (await file(parent, requestId, { grounds: 'Wij willen een andere school.' })).json();
    expect(view.clock).toEqual({ adviceDueOn: '2026-12-07', daysLeft: 14, overdue: false, stopped: false });
    expect(view.permissions.steps).toEqual([]);
    // Received three weeks ago (as if): the queue shows the clock overdue.
    await t.database.db
      .update(objection)
      .set({ receivedOn: '2026-11-02', adviceDueOn: '2026-11-16' })
      .where(eq(objection.id, view.id));
    const queue = (await committee.get('/api/objections')).json();
    const row = queue.objections.find((o: View) => o.id === view.id);
    expect(row.clock).toMatchObject({ daysLeft: -7, overdue: true, stopped: false });
    view = (await committee.get(`/api/objections/${view.id}`)).json();
    expect(view.permissions.steps).toEqual(['request_advice', 'withdraw']);
    // A TLV goes to the LBT before the hearing.
    const early = await step(committee, view, { step: 'hold_hearing' });
    expect(early.json().error.details.rule).toBe('lbt_advice_required');
    const asked = await step(committee, view, { step: 'request_advice', on: '2026-11-13' });
    expect(asked.statusCode, asked.body).toBe(200);
    view = asked.json();
    expect(view.clock).toMatchObject({ daysLeft: 3, overdue: false, stopped: true });
    // A stale revision is refused.
    expect(
      (await committee.post(`/api/objections/${view.id}/steps`, { revision: 1, step: 'withdraw' }))
        .statusCode,
    ).toBe(409);
    view = (
      await step(consultant, view, { step: 'receive_advice', note: 'De LBT adviseert gegrond.' })
    ).json();
    expect(view.state).toBe('advice_received');
    view = (await step(committee, view, { step: 'hold_hearing', note: 'Ouders en school gehoord.' })).json();
    const noReasons = await step(committee, view, { step: 'decide', outcome: 'upheld' });
    expect(noReasons.json().error.details.rule).toBe('objection_decision_incomplete');
    const decided = await step(committee, view, {
      step: 'decide',
      outcome: 'upheld',
      reasons: 'Het bezwaar is gegrond; de aanvraag wordt opnieuw beoordeeld.',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    view = decided.json();
    expect(view).toMatchObject({ state: 'decided', outcome: 'upheld' });
    expect(view.events.map((e) => e.step)).toEqual([
      'receive',
      'request_advice',
      'receive_advice',
      'hold_hearing',
      'decide',
    ]);
    // The parent hears of the decision and reads it.
    const notices = await queryRows<{ kind: string }>(
      t.database.db,
      sql`select kind from notification where user_id = ${parentUser.id} and subject_id = ${view.id}`,
    );
    expect(notices.map((n) => n.kind)).toEqual(['objection_decided']);
    expect((await parent.get(`/api/objections/${view.id}`)).json().outcome).toBe('upheld');
    // Nothing leaves a decided objection; the timeline cannot be changed in the database.
    expect((await step(committee, view, { step: 'withdraw' })).json().error.details.rule).toBe(
      'step_not_allowed',
    );
    await expect(
      t.database.db.execute(sql`update objection_event set note = 'anders' where objection_id = ${view.id}`),
    ).rejects.toThrow();
  });

  it('decides an objection to a non-TLV as rejected without the LBT', async () => {
    const requestId = await aDecided();
    let view: View = (await file(ib, requestId, { grounds: 'Meer uren nodig.' })).json();
    expect((await step(consultant, view, { step: 'request_advice' })).json().error.details.rule).toBe(
      'lbt_advice_only_for_tlv',
    );
    view = (await step(consultant, view, { step: 'hold_hearing' })).json();
    view = (
      await step(consultant, view, {
        step: 'decide',
        outcome: 'rejected',
        reasons: 'Het besluit blijft staan.',
      })
    ).json();
    expect(view).toMatchObject({ state: 'decided', outcome: 'rejected' });
    expect(
      (await teacher.post(`/api/objections/${view.id}/steps`, { revision: 9, step: 'withdraw' })).statusCode,
    ).toBe(403);
  });

  it('logs every read of an objection on the child', async () => {
    const requestId = await aDecided();
    const view: View = (await file(parent, requestId, { grounds: 'Bezwaar.' })).json();
    const response = await committee.get(`/api/objections/${view.id}`);
    const rows = await queryRows<{ object_type: string; student_id: string | null }>(
      t.database.db,
      sql`select object_type, student_id from access_log where request_id = ${String(response.headers['x-request-id'])}`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.object_type).toBe('objection');
    expect(rows[0]!.student_id).not.toBeNull();
  });

  it('registers a dispute with its ruling due in 10 weeks', async () => {
    const created = await admin.post('/api/disputes', {
      subject: 'admission',
      schoolId,
      filedOn: '2026-11-20',
      contestedOn: '2026-11-02',
      summary: 'Weigering toelating.',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ rulingDueOn: '2027-01-29', ruledOn: null, overdue: false });
    const late = await admin.post('/api/disputes', {
      subject: 'removal',
      filedOn: '2026-11-20',
      contestedOn: '2026-09-01',
    });
    expect(late.json().error.details.rule).toBe('dispute_filed_late');
    const ruled = await committee.patch(`/api/disputes/${created.json().id}`, {
      ruledOn: '2026-11-23',
      outcome: 'unfounded',
    });
    expect(ruled.json()).toMatchObject({ outcome: 'unfounded', ruledOn: '2026-11-23' });
    expect((await ib.get('/api/disputes')).statusCode).toBe(403);
  });

  it('takes a parent’s complaint from the portal and lets staff close it with an outcome', async () => {
    const child = await aStudent(t.database.db, swvId, schoolId);
    await aGuardian(t.database.db, swvId, child.id, parentUser.id);
    const filed = await parent.post('/api/complaints', {
      about: 'Bejegening',
      description: 'Wij voelden ons niet gehoord.',
      studentId: child.id,
    });
    expect(filed.statusCode, filed.body).toBe(201);
    expect(filed.json()).toMatchObject({
      fromPortal: true,
      state: 'received',
      childFirstName: child.givenName,
    });
    // Another parent's child is not theirs to name.
    expect(
      (await otherParent.post('/api/complaints', { about: 'x', description: 'y', studentId: child.id }))
        .statusCode,
    ).toBe(403);
    const mine = (await parent.get('/api/complaints')).json();
    expect(mine.complaints.map((c: { id: string }) => c.id)).toEqual([filed.json().id]);
    expect((await otherParent.get('/api/complaints')).json().complaints).toEqual([]);
    const id = filed.json().id;
    const noOutcome = await admin.patch(`/api/complaints/${id}`, { state: 'closed' });
    expect(noOutcome.json().error.details.rule).toBe('complaint_outcome_required');
    const closed = await admin.patch(`/api/complaints/${id}`, {
      state: 'closed',
      outcome: 'Gesprek gevoerd.',
    });
    expect(closed.json()).toMatchObject({ state: 'closed', closedOn: '2026-11-23' });
    expect(
      (await admin.patch(`/api/complaints/${id}`, { state: 'in_progress' })).json().error.details.rule,
    ).toBe('complaint_closed');
    expect((await parent.get('/api/complaints')).json().complaints[0].state).toBe('closed');
  });

  it('registers support-point signals and counts everything for the board', async () => {
    const signal = await consultant.post('/api/support-signals', {
      receivedOn: '2026-11-18',
      kind: 'mediation',
      schoolId,
      summary: 'Ouders en school oneens over begeleiding.',
    });
    expect(signal.statusCode, signal.body).toBe(201);
    const done = await consultant.patch(`/api/support-signals/${signal.json().id}`, { outcome: 'agreement' });
    expect(done.json()).toMatchObject({ outcome: 'agreement', closedOn: '2026-11-23' });
    const summary = (await admin.get('/api/objection-summary?schoolYear=2026-2027')).json();
    expect(summary.signals).toContainEqual({ key: 'mediation:agreement', count: 1 });
    expect(summary.complaints).toContainEqual({ key: 'closed', count: 1 });
    expect(summary.objections.find((c: { key: string }) => c.key === 'upheld')).toEqual({
      key: 'upheld',
      count: 1,
    });
    expect((await parent.get('/api/objection-summary')).statusCode).toBe(403);
  });
});
