import { and, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Agent,
  aCaseMember,
  aConsent,
  anActivePlan,
  aPartnerOrganisation,
  aSchool,
  aStudent,
  aSwv,
  aUser,
  signIn,
  type TestUser,
} from '../../../../test/support/factories.ts';
import { type TestApp, testApp } from '../../../../test/support/testApp.ts';
import { queryRows } from '../../db/client.ts';
import { caseMeetingAction, plan, planAgreement } from '../../db/schema/index.ts';

describe('case meetings', () => {
  let t: TestApp;
  let swvId: string;
  let schoolId: string;
  let ibUser: TestUser;
  let ib: Agent;
  beforeAll(async () => {
    t = await testApp();
    swvId = (await aSwv(t.database.db)).id;
    schoolId = (await aSchool(t.database.db, swvId)).id;
    ibUser = await aUser(t.database.db, swvId, [{ role: 'school_ib', schoolId }]);
    ib = await signIn(t, ibUser);
  });
  afterAll(() => t.close());

  const logOf = (response: { headers: Record<string, unknown> }) =>
    queryRows<{
      object_type: string;
      object_id: string;
      part: string | null;
      action: string;
      outcome: string;
    }>(
      t.database.db,
      sql`select object_type, object_id, part, action, outcome from access_log
          where request_id = ${String(response.headers['x-request-id'])}`,
    );

  const meetingBody = {
    kind: 'mdo',
    heldOn: '2026-11-20',
    participants: [
      { name: 'Ineke de Boer', role: 'intern begeleider' },
      { name: 'Fatima El Amrani', role: 'moeder' },
      { name: 'Jeroen Visser', role: 'jeugdverpleegkundige JGZ' },
    ],
    notes: 'Lezen gaat vooruit; concentratie blijft lastig.',
    actions: [
      { action: 'Leesbegeleiding twee keer per week', owner: 'school' },
      { action: 'Gesprek met de schoolarts over slapen', owner: 'jgz' },
    ],
  };

  it('holds a meeting with participants and actions and lists the newest first', async () => {
    const child = await aStudent(t.database.db, swvId, schoolId);
    const created = await ib.post(`/api/students/${child.id}/meetings`, meetingBody);
    expect(created.statusCode).toBe(201);
    const meeting = created.json();
    expect(meeting).toMatchObject({
      studentId: child.id,
      kind: 'mdo',
      heldOn: '2026-11-20',
      participants: meetingBody.participants,
      notes: meetingBody.notes,
      actions: [
        { action: 'Leesbegeleiding twee keer per week', owner: 'school', planAgreementId: null },
        { action: 'Gesprek met de schoolarts over slapen', owner: 'jgz', planAgreementId: null },
      ],
      createdByName: expect.stringContaining('school_ib'),
    });
    expect(await logOf(created)).toEqual([
      {
        object_type: 'case_meeting',
        object_id: meeting.id,
        part: null,
        action: 'create',
        outcome: 'allowed',
      },
    ]);
    await ib.post(`/api/students/${child.id}/meetings`, {
      kind: 'kernteam',
      heldOn: '2026-10-01',
      participants: [{ name: 'Ineke de Boer', role: 'intern begeleider' }],
    });
    const list = await ib.get(`/api/students/${child.id}/meetings`);
    expect(list.json().map((m: { heldOn: string; notes: string }) => [m.heldOn, m.notes])).toEqual([
      ['2026-11-20', meetingBody.notes],
      ['2026-10-01', ''],
    ]);
    expect(await logOf(list)).toEqual([
      { object_type: 'case_meeting', object_id: child.id, part: null, action: 'read', outcome: 'allowed' },
    ]);
    const read = await ib.get(`/api/meetings/${meeting.id}`);
    expect(read.json()).toEqual(meeting);
  });

  it('changes notes and actions as the list says, keeping the ids of the actions it names', async () => {
    const child = await aStudent(t.database.db, swvId, schoolId);
    const meeting = (await ib.post(`/api/students/${child.id}/meetings`, meetingBody)).json();
    const [reading, doctor] = meeting.actions;
    const patched = await ib.patch(`/api/meetings/${meeting.id}`, {
      notes: 'Aangevuld na overleg.',
      actions: [
        { action: 'Huiswerkbegeleiding door ouders', owner: 'parents' },
        { id: reading.id, action: 'Leesbegeleiding drie keer per week', owner: 'school' },
      ],
    });
    expect(patched.statusCode).toBe(200);
    const after = patched.json();
    expect(after.notes).toBe('Aangevuld na overleg.');
    expect(after.participants).toEqual(meetingBody.participants);
    expect(after.actions.map((a: { action: string }) => a.action)).toEqual([
      'Huiswerkbegeleiding door ouders',
      'Leesbegeleiding drie keer per week',
    ]);
    expect(after.actions[1].id).toBe(reading.id);
    expect(after.actions.map((a: { id: string }) => a.id)).not.toContain(doctor.id);
    expect(await logOf(patched)).toEqual([
      {
        object_type: 'case_meeting',
        object_id: meeting.id,
        part: 'actions,notes',
        action: 'update',
        outcome: 'allowed',
      },
    ]);

    // An id of another meeting's action is not this meeting's to keep.
    const other = (await ib.post(`/api/students/${child.id}/meetings`, meetingBody)).json();
    const foreign = await ib.patch(`/api/meetings/${meeting.id}`, {
      actions: [{ id: other.actions[0].id, action: 'x', owner: 'school' }],
    });
    expect(foreign.statusCode).toBe(400);
    expect((await ib.get(`/api/meetings/${meeting.id}`)).json().actions).toEqual(after.actions);
  });

  it('takes an action into the active plan as its last agreement, once', async () => {
    const db = t.database.db;
    const child = await aStudent(db, swvId, schoolId);
    const meeting = (await ib.post(`/api/students/${child.id}/meetings`, meetingBody)).json();
    const action = meeting.actions[1];
    const toPlan = () => ib.post(`/api/meetings/${meeting.id}/actions/${action.id}/to-plan`);

    const none = await toPlan();
    expect(none.statusCode).toBe(422);
    expect(none.json().error.details).toEqual({ rule: 'no_active_plan' });
    expect(await logOf(none)).toEqual([
      {
        object_type: 'case_meeting_action',
        object_id: action.id,
        part: 'to_plan',
        action: 'update',
        outcome: 'allowed',
      },
    ]);

    const planId = await anActivePlan(db, { swvId, studentId: child.id, userId: ibUser.id });
    await db.insert(planAgreement).values({
      swvId,
      id: uuidv7(),
      planId,
      position: 1,
      action: 'Bestaande afspraak',
      owner: 'school',
    });
    const taken = await toPlan();
    expect(taken.statusCode).toBe(200);
    const agreementId = taken.json().actions[1].planAgreementId;
    expect(agreementId).toEqual(expect.any(String));
    const agreements = await db
      .select({
        id: planAgreement.id,
        position: planAgreement.position,
        action: planAgreement.action,
        owner: planAgreement.owner,
      })
      .from(planAgreement)
      .where(eq(planAgreement.planId, planId))
      .orderBy(planAgreement.position);
    expect(agreements).toEqual([
      expect.objectContaining({ position: 1, action: 'Bestaande afspraak' }),
      { id: agreementId, position: 2, action: 'Gesprek met de schoolarts over slapen', owner: 'jgz' },
    ]);
    const revision = async () =>
      (await db.select({ revision: plan.revision }).from(plan).where(eq(plan.id, planId)))[0]!.revision;
    expect(await revision()).toBe(2);

    // Again: already in the plan, nothing changes.
    const again = await toPlan();
    expect(again.statusCode).toBe(200);
    expect(again.json().actions[1].planAgreementId).toBe(agreementId);
    expect(await revision()).toBe(2);
    const count = await db
      .select({ id: planAgreement.id })
      .from(planAgreement)
      .where(eq(planAgreement.planId, planId));
    expect(count).toHaveLength(2);

    // The action in the plan may not be changed or removed; the rest of the change is not made.
    const changed = await ib.patch(`/api/meetings/${meeting.id}`, {
      notes: 'Niet opgeslagen',
      actions: [{ id: action.id, action: 'Anders', owner: 'jgz' }],
    });
    expect(changed.statusCode).toBe(422);
    expect(changed.json().error.details).toEqual({ rule: 'action_in_plan' });
    const removed = await ib.patch(`/api/meetings/${meeting.id}`, { actions: [] });
    expect(removed.statusCode).toBe(422);
    const unchanged = (await ib.get(`/api/meetings/${meeting.id}`)).json();
    expect(unchanged.notes).toBe(meetingBody.notes);
    expect(unchanged.actions).toHaveLength(2);
    // Kept as it is, it may stay while the others change.
    const kept = await ib.patch(`/api/meetings/${meeting.id}`, {
      actions: [{ id: action.id, action: action.action, owner: 'jgz' }],
    });
    expect(kept.statusCode).toBe(200);
    const rows = await db
      .select({ id: caseMeetingAction.id, position: caseMeetingAction.position })
      .from(caseMeetingAction)
      .where(and(eq(caseMeetingAction.meetingId, meeting.id)));
    expect(rows).toEqual([{ id: action.id, position: 1 }]);

    // Deleting the agreement unlinks the action and keeps the action itself, in its SWV.
    await db.delete(planAgreement).where(eq(planAgreement.id, agreementId));
    const unlinked = await db
      .select({ swvId: caseMeetingAction.swvId, planAgreementId: caseMeetingAction.planAgreementId })
      .from(caseMeetingAction)
      .where(eq(caseMeetingAction.id, action.id));
    expect(unlinked).toEqual([{ swvId, planAgreementId: null }]);
  });

  it('needs both holding meetings and changing the plan to take an action into it', async () => {
    const db = t.database.db;
    const child = await aStudent(db, swvId, schoolId, { groupName: '6B' });
    await anActivePlan(db, { swvId, studentId: child.id, userId: ibUser.id });
    const meeting = (await ib.post(`/api/students/${child.id}/meetings`, meetingBody)).json();
    // The teacher of the group may change the plan but not hold meetings.
    const teacher = await signIn(t, await aUser(db, swvId, [{ role: 'teacher', schoolId, groups: ['6B'] }]));
    expect((await teacher.get(`/api/meetings/${meeting.id}`)).statusCode).toBe(200);
    const refused = await teacher.post(
      `/api/meetings/${meeting.id}/actions/${meeting.actions[0].id}/to-plan`,
    );
    expect(refused.statusCode).toBe(403);
    expect(await logOf(refused)).toEqual([
      {
        object_type: 'case_meeting_action',
        object_id: meeting.actions[0].id,
        part: 'to_plan',
        action: 'update',
        outcome: 'denied',
      },
    ]);
    expect((await ib.get(`/api/meetings/${meeting.id}`)).json().actions[0].planAgreementId).toBeNull();
    // An action of another meeting is not found under this one.
    const other = (await ib.post(`/api/students/${child.id}/meetings`, meetingBody)).json();
    const mixed = await ib.post(`/api/meetings/${meeting.id}/actions/${other.actions[0].id}/to-plan`);
    expect(mixed.statusCode).toBe(404);
  });

  it('lets a partner with consent read the meetings but not hold one', async () => {
    const db = t.database.db;
    const child = await aStudent(db, swvId, schoolId);
    const organisation = await aPartnerOrganisation(db, swvId, [schoolId]);
    const partnerUser = await aUser(db, swvId, [{ role: 'partner', partnerOrganisationId: organisation }]);
    const parentUser = await aUser(db, swvId, [{ role: 'parent' }]);
    await aCaseMember(db, swvId, child.id, partnerUser.id);
    await ib.post(`/api/students/${child.id}/meetings`, meetingBody);
    const partner = await signIn(t, partnerUser);
    expect((await partner.get(`/api/students/${child.id}/meetings`)).statusCode).toBe(403);
    await aConsent(db, {
      swvId,
      studentId: child.id,
      givenByUserId: parentUser.id,
      partnerOrganisationId: organisation,
    });
    const list = await partner.get(`/api/students/${child.id}/meetings`);
    expect(list.statusCode).toBe(200);
    expect(list.json()).toHaveLength(1);
    expect((await partner.post(`/api/students/${child.id}/meetings`, meetingBody)).statusCode).toBe(403);
  });
});
