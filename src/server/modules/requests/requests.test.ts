import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Agent,
  aCaseMember,
  aConsent,
  aGuardian,
  aPartnerOrganisation,
  aPlan,
  aSchool,
  aStudent,
  aSwv,
  aTeam,
  aUser,
  signIn,
  type TestUser,
} from '../../../../test/support/factories.ts';
import { pdfText } from '../../../../test/support/pdfText.ts';
import { type TestApp, testApp } from '../../../../test/support/testApp.ts';
import { queryRows } from '../../db/client.ts';
import { plan, swv } from '../../db/schema/index.ts';

type View = {
  id: string;
  number: string;
  state: string;
  outcome: string | null;
  revision: number;
  missing: string[];
  question: string;
  clock: { completeOn: string | null; deadlineOn: string | null; daysLeft: number | null; overdue: boolean };
  events: { step: string; reasonCode: string | null; note: string | null }[];
  permissions: { steps: string[]; edit: boolean; decide: boolean; advise: boolean };
  decision: { outcome: string; reasons: string } | null;
  hoursDelivered: number;
};

describe('requests and decisions', () => {
  let t: TestApp;
  let swvId: string;
  let schoolId: string;
  let otherSchoolId: string;
  let ibUser: TestUser;
  let parentUser: TestUser;
  let ib: Agent;
  let otherIb: Agent;
  let consultant: Agent;
  let committee: Agent;
  let admin: Agent;
  let parent: Agent;
  let foreignCommittee: Agent;
  const types = new Map<string, string>();

  beforeAll(async () => {
    t = await testApp();
    const db = t.database.db;
    swvId = (await aSwv(db)).id;
    schoolId = (await aSchool(db, swvId)).id;
    otherSchoolId = (await aSchool(db, swvId)).id;
    ibUser = await aUser(db, swvId, [{ role: 'school_ib', schoolId }]);
    parentUser = await aUser(db, swvId, [{ role: 'parent' }]);
    const consultantUser = await aUser(db, swvId, [{ role: 'consultant' }]);
    await aTeam(db, swvId, [schoolId], [consultantUser.id]);
    ib = await signIn(t, ibUser);
    otherIb = await signIn(t, await aUser(db, swvId, [{ role: 'school_ib', schoolId: otherSchoolId }]));
    consultant = await signIn(t, consultantUser);
    committee = await signIn(t, await aUser(db, swvId, [{ role: 'committee' }]));
    admin = await signIn(t, await aUser(db, swvId, [{ role: 'swv_admin' }]));
    parent = await signIn(t, parentUser);
    const foreignSwv = (await aSwv(db)).id;
    foreignCommittee = await signIn(t, await aUser(db, foreignSwv, [{ role: 'committee' }]));
    for (const type of (await ib.get('/api/request-types')).json().types) types.set(type.code, type.id);
  });
  afterAll(() => t.close());

  /** A child of the school with a plan that lacks its picture, and the parent. */
  async function aChild() {
    const db = t.database.db;
    const child = await aStudent(db, swvId, schoolId);
    await aGuardian(db, swvId, child.id, parentUser.id);
    const planId = (await aPlan(db, { swvId, studentId: child.id, byUserId: ibUser.id })).id;
    return { ...child, planId };
  }

  /** What the school adds to make a child's file complete: the plan's picture and the parents' consent. */
  async function completeTheFile(child: { id: string; planId: string }) {
    await t.database.db
      .update(plan)
      .set({ strengths: 'Nieuwsgierig en behulpzaam.' })
      .where(eq(plan.id, child.planId));
    await aConsent(t.database.db, {
      swvId,
      studentId: child.id,
      givenByUserId: parentUser.id,
      purpose: 'request_arrangement',
    });
  }

  const step = async (agent: Agent, view: View, body: Record<string, unknown>) =>
    agent.post(`/api/requests/${view.id}/steps`, { revision: view.revision, ...body });

  async function draft(childId: string, code: string): Promise<View> {
    const created = await ib.post(`/api/students/${childId}/requests`, { typeId: types.get(code) });
    expect(created.statusCode, created.body).toBe(201);
    return created.json();
  }

  /** Takes steps that must succeed, each on the view the last one answered. */
  async function steps(view: View, ...taken: [Agent, Record<string, unknown>][]): Promise<View> {
    let current = view;
    for (const [agent, body] of taken) {
      const response = await step(agent, current, body);
      expect(response.statusCode, `${body.step}: ${response.body}`).toBe(200);
      current = response.json();
    }
    return current;
  }

  it('gives a new SWV the default catalogue of its sector, which the administrator edits', async () => {
    const list = (await admin.get('/api/request-types')).json().types;
    expect(list.map((type: { code: string }) => type.code)).toEqual([
      'consultation',
      'arrangement',
      'tlv_sbo',
      'tlv_so',
      'crisis_placement',
      'reading_clinic',
      'team_training',
    ]);
    const crisis = list.find((type: { code: string }) => type.code === 'crisis_placement');
    expect(crisis).toMatchObject({ crisis: true, deadlineDays: null, effectiveDeadlineDays: 1 });

    const reading = types.get('reading_clinic')!;
    const edited = await admin.patch(`/api/request-types/${reading}`, {
      deadlineDays: 15,
      name: 'Leeskliniek',
    });
    expect(edited.json()).toMatchObject({ name: 'Leeskliniek', deadlineDays: 15, effectiveDeadlineDays: 15 });
    const tlv = await admin.patch(`/api/request-types/${types.get('tlv_sbo')}`, { decidedBy: 'consultant' });
    expect(tlv.statusCode).toBe(422);
    expect(tlv.json().error.details.rule).toBe('tlv_decided_by_committee');
    expect((await ib.patch(`/api/request-types/${reading}`, { deadlineDays: 5 })).statusCode).toBe(403);
    expect(
      (await foreignCommittee.patch(`/api/request-types/${reading}`, { active: false })).statusCode,
    ).toBe(404);
  });

  it('takes an arrangement request from draft to evaluation: missing items, sent back, supplemented, the clock, the decision, delivery', async () => {
    const child = await aChild();
    let view = await draft(child.id, 'arrangement');
    // Filled from the plan, not retyped; what is missing is said before submitting.
    expect(view.question).toBe('Heeft nodig: korte instructie en een vaste plek.');
    expect(view.missing).toEqual(['plan_picture', 'parents_consent']);
    expect(view.permissions.steps).toEqual(['submit', 'withdraw']);
    expect(view.clock).toMatchObject({ completeOn: null, deadlineOn: null, daysLeft: null });

    // Drafts are the school's own: the parent and the consultant's queue do not see them.
    expect((await parent.get(`/api/students/${child.id}/requests`)).json().requests).toEqual([]);
    view = await steps(view, [ib, { step: 'submit' }]);
    expect(view.state).toBe('submitted');
    const queue = (await consultant.get('/api/requests')).json();
    expect(queue.requests.map((r: { id: string }) => r.id)).toContain(view.id);

    // The SWV cannot declare it complete while items are missing, and sends it back with a reason.
    const early = await step(consultant, view, { step: 'accept_complete' });
    expect(early.statusCode).toBe(422);
    expect(early.json().error.details).toMatchObject({
      rule: 'request_incomplete',
      missing: ['plan_picture', 'parents_consent'],
    });
    view = await steps(view, [
      consultant,
      { step: 'send_back_incomplete', reasonCode: 'parents_consent', note: 'Graag de toestemming erbij.' },
    ]);
    expect(view.state).toBe('incomplete');

    await completeTheFile(child);
    const edited = await ib.patch(`/api/requests/${view.id}`, {
      revision: view.revision,
      parentsView: 'Wij willen graag extra hulp bij lezen.',
    });
    expect(edited.statusCode, edited.body).toBe(200);
    view = edited.json();
    expect(view.missing).toEqual([]);
    view = await steps(view, [ib, { step: 'supplement' }]);

    // The clock starts on the day it is complete: ten working days after Monday 23 November 2026.
    view = await steps(view, [consultant, { step: 'accept_complete' }]);
    expect(view.clock).toMatchObject({ completeOn: '2026-11-23', deadlineOn: '2026-12-07', daysLeft: 10 });
    view = await steps(view, [consultant, { step: 'start_review' }]);
    const advised = await consultant.post(`/api/requests/${view.id}/advices`, {
      expertise: 'orthopedagoog',
      advice: 'Twintig weken leesbegeleiding, twee keer per week.',
    });
    expect(advised.statusCode).toBe(200);
    view = advised.json();

    // Consultants decide arrangements only where the SWV says so; the committee does here.
    expect(view.permissions.decide).toBe(false);
    const decision = {
      outcome: 'granted',
      reasons: 'De school heeft de basisondersteuning ingezet; extra hulp bij lezen is nodig.',
      periodFrom: '2026-12-01',
      periodUntil: '2027-04-30',
      budgetCents: 250_000,
      hoursGranted: 40,
      provider: 'Leescentrum Utrecht',
    };
    const byConsultant = await consultant.post(`/api/requests/${view.id}/decision`, {
      revision: view.revision,
      ...decision,
    });
    expect(byConsultant.statusCode).toBe(403);
    const decided = await committee.post(`/api/requests/${view.id}/decision`, {
      revision: view.revision,
      ...decision,
    });
    expect(decided.statusCode, decided.body).toBe(200);
    view = decided.json();
    expect(view).toMatchObject({ state: 'decided', outcome: 'granted' });
    expect(view.clock).toMatchObject({ daysLeft: 10, overdue: false });

    // The parent reads the decision, and receives it as a PDF.
    const read = (await parent.get(`/api/requests/${view.id}`)).json();
    expect(read.decision).toMatchObject({ outcome: 'granted', reasons: decision.reasons });
    const letter = await parent.get(`/api/requests/${view.id}/decision.pdf`);
    expect(letter.statusCode).toBe(200);
    expect(letter.headers['content-type']).toBe('application/pdf');
    expect(letter.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(String(letter.headers['content-disposition'])).toContain(`Besluit-${view.number}.pdf`);

    view = await steps(view, [ib, { step: 'start' }]);
    const delivered = await consultant.post(`/api/requests/${view.id}/deliveries`, {
      deliveredOn: '2026-11-23',
      hours: 1.5,
      deliveredBy: 'Leescentrum Utrecht',
      progress: 'Leest vlotter.',
    });
    expect(delivered.statusCode, delivered.body).toBe(200);
    view = delivered.json();
    expect(view.hoursDelivered).toBe(1.5);
    view = await steps(
      view,
      [ib, { step: 'evaluate', evaluationOutcome: 'goals_reached', note: 'Leest op niveau.' }],
      [consultant, { step: 'close' }],
    );
    expect(view.state).toBe('closed');
    expect(view.events.map((e) => e.step)).toEqual([
      'create',
      'submit',
      'send_back_incomplete',
      'supplement',
      'accept_complete',
      'start_review',
      'decide',
      'start',
      'evaluate',
      'close',
    ]);
    expect(view.events[2]).toMatchObject({
      reasonCode: 'parents_consent',
      note: 'Graag de toestemming erbij.',
    });
  });

  it('decides a TLV on two advices and the parents’ view, with its category', async () => {
    const child = await aChild();
    await completeTheFile(child);
    let view = await draft(child.id, 'tlv_so');
    expect(view.missing).toEqual(['parents_view', 'two_expert_advices']);
    view = await steps(view, [ib, { step: 'submit' }]);
    const viewed = await parent.post(`/api/requests/${view.id}/parents-view`, {
      view: 'Wij zien dat hij op het SO beter op zijn plek is.',
    });
    expect(viewed.statusCode, viewed.body).toBe(200);
    for (const expertise of ['orthopedagoog', 'other'] as const) {
      const advisor = expertise === 'other' ? committee : consultant;
      const response = await advisor.post(`/api/requests/${view.id}/advices`, {
        expertise,
        advice: 'Toelaatbaar.',
      });
      expect(response.statusCode).toBe(200);
      view = response.json();
    }
    expect(view.missing).toEqual([]);
    view = await steps(
      view,
      [consultant, { step: 'accept_complete' }],
      [committee, { step: 'start_review' }],
    );
    const base = {
      revision: view.revision,
      outcome: 'granted',
      reasons: 'Op advies van twee deskundigen.',
      periodFrom: '2026-12-01',
      periodUntil: '2028-07-31',
    };
    const noCategory = await committee.post(`/api/requests/${view.id}/decision`, base);
    expect(noCategory.statusCode).toBe(422);
    expect(noCategory.json().error.details.rule).toBe('category_required');
    // A decision that sets level 4 obeys the file's level-4 rule: no OPP, no level 4, no decision.
    const levelFour = await committee.post(`/api/requests/${view.id}/decision`, {
      ...base,
      category: 'medium',
      supportLevel: 4,
    });
    expect(levelFour.statusCode).toBe(422);
    expect(levelFour.json().error.details.rule).toBe('no_development_perspective');
    const decided = await committee.post(`/api/requests/${view.id}/decision`, {
      ...base,
      category: 'medium',
      supportLevel: 3,
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({ outcome: 'granted', category: 'medium' });
    // The level changed through the child's file: the level, and a history row that names the decision.
    const history = (await ib.get(`/api/students/${child.id}/history`)).json().supportLevels;
    expect(history[0]).toMatchObject({ level: 3, effectiveOn: '2026-12-01' });
    expect(history[0].reason).toContain(decided.json().number);
    expect((await ib.get(`/api/students/${child.id}`)).json().supportLevel).toBe(3);
  });

  it('grants a TLV for the whole school career only at category high, without an end date', async () => {
    const child = await aChild();
    await completeTheFile(child);
    let view = await steps(await draft(child.id, 'tlv_so'), [ib, { step: 'submit' }]);
    await parent.post(`/api/requests/${view.id}/parents-view`, { view: 'Wij stemmen in.' });
    await consultant.post(`/api/requests/${view.id}/advices`, { expertise: 'psycholoog', advice: 'EMB.' });
    await committee.post(`/api/requests/${view.id}/advices`, { expertise: 'other', advice: 'Eens.' });
    view = (await ib.get(`/api/requests/${view.id}`)).json();
    view = await steps(
      view,
      [consultant, { step: 'accept_complete' }],
      [committee, { step: 'start_review' }],
    );
    const career = {
      revision: view.revision,
      outcome: 'granted',
      reasons: 'Ernstig meervoudig beperkt.',
      periodFrom: '2026-12-01',
      periodUntil: null,
      wholeSchoolCareer: true,
    };
    const medium = await committee.post(`/api/requests/${view.id}/decision`, {
      ...career,
      category: 'medium',
    });
    expect(medium.statusCode).toBe(422);
    expect(medium.json().error.details.rule).toBe('whole_career_needs_high_tlv');
    const withEnd = await committee.post(`/api/requests/${view.id}/decision`, {
      ...career,
      category: 'high',
      periodUntil: '2030-07-31',
    });
    expect(withEnd.statusCode).toBe(400);
    const decided = await committee.post(`/api/requests/${view.id}/decision`, {
      ...career,
      category: 'high',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json().decision).toMatchObject({
      periodFrom: '2026-12-01',
      periodUntil: null,
      wholeSchoolCareer: true,
    });
  });

  it('runs a crisis placement on its own one-day clock', async () => {
    const child = await aChild();
    await completeTheFile(child);
    let view = await draft(child.id, 'crisis_placement');
    view = await steps(view, [ib, { step: 'submit' }], [consultant, { step: 'accept_complete' }]);
    expect(view.clock).toMatchObject({ completeOn: '2026-11-23', deadlineOn: '2026-11-24', daysLeft: 1 });
  });

  it('keeps a draft with the school: by id and on every route as in the lists', async () => {
    // Probe finding 03: the lists hid drafts, reading one by id did not.
    const db = t.database.db;
    const director = await signIn(t, await aUser(db, swvId, [{ role: 'school_director', schoolId }]));
    const child = await aChild();
    const view = await draft(child.id, 'arrangement');
    const listed = async (agent: Agent, url: string) =>
      (await agent.get(url)).json().requests.map((r: { id: string }) => r.id);
    for (const outsider of [parent, consultant, committee]) {
      expect((await outsider.get(`/api/requests/${view.id}`)).statusCode).toBe(403);
      expect(await listed(outsider, `/api/students/${child.id}/requests`)).not.toContain(view.id);
    }
    expect((await committee.get(`/api/requests/${view.id}/decision.pdf`)).statusCode).toBe(403);
    expect(
      (await consultant.request('PUT', `/api/requests/${view.id}/assignee`, { userId: null })).statusCode,
    ).toBe(403);
    expect(
      (
        await consultant.post(`/api/requests/${view.id}/advices`, {
          expertise: 'other',
          advice: 'Observeren.',
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await parent.post(`/api/requests/${view.id}/parents-view`, { view: 'Wij zijn het eens.' })).statusCode,
    ).toBe(403);
    expect(await listed(committee, '/api/requests?state=all')).not.toContain(view.id);
    // The school's own staff read it, by id and in the lists alike.
    for (const staff of [ib, director]) {
      expect((await staff.get(`/api/requests/${view.id}`)).statusCode).toBe(200);
      expect(await listed(staff, `/api/students/${child.id}/requests`)).toContain(view.id);
      expect(await listed(staff, '/api/requests?state=all')).toContain(view.id);
    }
    // Once submitted it is the SWV's to handle and the parents' to read.
    await steps(view, [ib, { step: 'submit' }]);
    for (const reader of [parent, consultant, committee]) {
      expect((await reader.get(`/api/requests/${view.id}`)).statusCode).toBe(200);
    }
  });

  it('refuses illegal steps with a clear error and changes nothing', async () => {
    const child = await aChild();
    await completeTheFile(child);
    const view = await draft(child.id, 'arrangement');
    const rejection = { outcome: 'rejected', reasons: 'Nee.' };
    // A draft is the school's own: the committee does not reach it at all.
    const decideDraft = await committee.post(`/api/requests/${view.id}/decision`, {
      revision: view.revision,
      ...rejection,
    });
    expect(decideDraft.statusCode).toBe(403);
    const noLetter = await ib.get(`/api/requests/${view.id}/decision.pdf`);
    expect(noLetter.statusCode).toBe(422);
    expect(noLetter.json().error.details.rule).toBe('not_decided');
    const submitted = await steps(view, [ib, { step: 'submit' }]);
    const decideEarly = await committee.post(`/api/requests/${view.id}/decision`, {
      revision: submitted.revision,
      ...rejection,
    });
    expect(decideEarly.statusCode).toBe(422);
    expect(decideEarly.json().error.details.rule).toBe('step_not_allowed');
    const twice = await step(ib, submitted, { step: 'submit' });
    expect(twice.statusCode).toBe(422);
    const stale = await step(ib, view, { step: 'withdraw' });
    expect(stale.statusCode).toBe(409);
    // The school never decides its own request; another SWV's request does not exist for its committee.
    const decision = {
      revision: submitted.revision,
      outcome: 'granted',
      reasons: 'Ja.',
      periodFrom: '2026-12-01',
      periodUntil: '2027-01-01',
    };
    expect((await ib.post(`/api/requests/${view.id}/decision`, decision)).statusCode).toBe(403);
    expect((await foreignCommittee.post(`/api/requests/${view.id}/decision`, decision)).statusCode).toBe(404);
    expect((await foreignCommittee.get(`/api/requests/${view.id}`)).statusCode).toBe(404);
    expect((await otherIb.get(`/api/requests/${view.id}`)).statusCode).toBe(403);
    // A consultant does not take the school's steps.
    expect((await step(consultant, submitted, { step: 'withdraw' })).statusCode).toBe(403);
    const after = (await ib.get(`/api/requests/${view.id}`)).json();
    expect(after).toMatchObject({ state: 'submitted', revision: submitted.revision });
    expect(after.events.map((e: { step: string }) => e.step)).toEqual(['create', 'submit']);
    // Bad input: unknown step, a sending back without a reason, an unknown type.
    expect((await step(consultant, submitted, { step: 'explode' })).statusCode).toBe(400);
    expect((await step(consultant, submitted, { step: 'send_back_incomplete' })).statusCode).toBe(400);
    const unknownType = await ib.post(`/api/students/${child.id}/requests`, {
      typeId: types.get('team_training'),
    });
    expect(unknownType.statusCode).toBe(400);
  });

  it('warns before a decision goes over the year’s budget, and takes it once confirmed', async () => {
    const set = await admin.request('PUT', '/api/request-budget', {
      schoolYear: '2026-2027',
      amountCents: 300_000,
    });
    expect(set.statusCode, set.body).toBe(200);
    const child = await aChild();
    await completeTheFile(child);
    let view = await draft(child.id, 'arrangement');
    await ib.patch(`/api/requests/${view.id}`, { revision: view.revision, parentsView: 'Goed.' });
    view = (await ib.get(`/api/requests/${view.id}`)).json();
    view = await steps(
      view,
      [ib, { step: 'submit' }],
      [consultant, { step: 'accept_complete' }],
      [consultant, { step: 'start_review' }],
    );
    const decision = {
      revision: view.revision,
      outcome: 'granted',
      reasons: 'Nodig.',
      periodFrom: '2027-01-01',
      periodUntil: '2027-06-30',
      budgetCents: 200_000,
    };
    const over = await committee.post(`/api/requests/${view.id}/decision`, decision);
    expect(over.statusCode).toBe(422);
    expect(over.json().error.details).toMatchObject({ rule: 'over_budget', budgetCents: 200_000 });
    const confirmed = await committee.post(`/api/requests/${view.id}/decision`, {
      ...decision,
      overBudgetConfirmed: true,
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const budget = (await committee.get('/api/request-budget?schoolYear=2026-2027')).json();
    expect(budget.amountCents).toBe(300_000);
    expect(budget.committedCents).toBeGreaterThanOrEqual(450_000);
  });

  it('lets consultants decide arrangements where the SWV says so, never a TLV', async () => {
    await t.database.db.update(swv).set({ consultantsDecide: true }).where(eq(swv.id, swvId));
    try {
      const child = await aChild();
      await completeTheFile(child);
      let view = await draft(child.id, 'arrangement');
      view = await steps(
        view,
        [ib, { step: 'submit' }],
        [consultant, { step: 'accept_complete' }],
        [consultant, { step: 'start_review' }],
      );
      expect(view.permissions.decide).toBe(true);
      // A TLV in review, ready for a decision, is still the committee's.
      let tlv = await steps(await draft(child.id, 'tlv_sbo'), [ib, { step: 'submit' }]);
      await parent.post(`/api/requests/${tlv.id}/parents-view`, { view: 'Wij stemmen in.' });
      await consultant.post(`/api/requests/${tlv.id}/advices`, { expertise: 'psycholoog', advice: 'SBO.' });
      await committee.post(`/api/requests/${tlv.id}/advices`, { expertise: 'other', advice: 'Eens.' });
      tlv = (await ib.get(`/api/requests/${tlv.id}`)).json();
      tlv = await steps(
        tlv,
        [consultant, { step: 'accept_complete' }],
        [consultant, { step: 'start_review' }],
      );
      expect(tlv.state).toBe('in_review');
      expect(tlv.permissions.decide).toBe(false);
      expect((await committee.get(`/api/requests/${tlv.id}`)).json().permissions.decide).toBe(true);
    } finally {
      await t.database.db.update(swv).set({ consultantsDecide: false }).where(eq(swv.id, swvId));
    }
  });

  it('writes one access-log row per read of a request, and keeps the timeline append-only', async () => {
    const child = await aChild();
    const view = await steps(await draft(child.id, 'consultation'), [ib, { step: 'submit' }]);
    const read = await consultant.get(`/api/requests/${view.id}`);
    const rows = await queryRows<{ object_type: string; outcome: string }>(
      t.database.db,
      sql`select object_type, outcome from access_log where request_id = ${String(read.headers['x-request-id'])}`,
    );
    expect(rows).toEqual([{ object_type: 'request', outcome: 'allowed' }]);
    await expect(
      t.database.db.execute(sql`update request_event set note = 'rewritten' where request_id = ${view.id}`),
    ).rejects.toMatchObject({ cause: { message: expect.stringMatching(/append-only/) } });
    const events = await queryRows<{ note: string }>(
      t.database.db,
      sql`select note from request_event where request_id = ${view.id}`,
    );
    expect(events).toEqual([{ note: '' }, { note: '' }]);
  });
  it('keeps the experts’ advice and the staff’s notes from the parents, the partner and the director (C6)', async () => {
    // Probe finding 31: GET /api/requests/:id gave every reader the advice's and the notes' texts.
    const db = t.database.db;
    const child = await aChild();
    await completeTheFile(child);
    const buurtteam = await aPartnerOrganisation(db, swvId, [schoolId]);
    const partnerUser = await aUser(db, swvId, [{ role: 'partner', partnerOrganisationId: buurtteam }]);
    await aCaseMember(db, swvId, child.id, partnerUser.id);
    await aConsent(db, {
      swvId,
      studentId: child.id,
      givenByUserId: parentUser.id,
      partnerOrganisationId: buurtteam,
    });
    const partner = await signIn(t, partnerUser);
    const director = await signIn(t, await aUser(db, swvId, [{ role: 'school_director', schoolId }]));
    const sendBack = 'INTERN: vader heeft strafblad, niet met ouders bespreken.';
    const supplement = 'Toestemming toegevoegd na gesprek met moeder.';
    const adviceText = 'WISC-V totaal IQ 68, vermoeden ASS; intern: moeder lijkt overbelast.';
    const evaluationNote = 'Leest op niveau; thuis blijft het onrustig.';
    const reasons = 'Extra hulp bij lezen is nodig; de school heeft de basisondersteuning ingezet.';
    let view = await steps(
      await draft(child.id, 'arrangement'),
      [ib, { step: 'submit' }],
      [consultant, { step: 'send_back_incomplete', reasonCode: 'other', note: sendBack }],
      [ib, { step: 'supplement', note: supplement }],
      [consultant, { step: 'accept_complete' }],
      [consultant, { step: 'start_review' }],
    );
    const advised = await consultant.post(`/api/requests/${view.id}/advices`, {
      expertise: 'psycholoog',
      advice: adviceText,
    });
    expect(advised.statusCode, advised.body).toBe(200);
    view = advised.json();
    const decided = await committee.post(`/api/requests/${view.id}/decision`, {
      revision: view.revision,
      outcome: 'granted',
      reasons,
      periodFrom: '2026-12-01',
      periodUntil: '2027-04-30',
      hoursGranted: 20,
      provider: 'Leescentrum Utrecht',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    view = await steps(
      decided.json(),
      [ib, { step: 'start' }],
      [ib, { step: 'evaluate', evaluationOutcome: 'goals_reached', note: evaluationNote }],
    );
    const texts = [sendBack, supplement, adviceText, evaluationNote];

    type Read = {
      events: { step: string; reasonCode: string | null; note: string | null }[];
      advices: { adviserName: string; expertise: string; advice: string | null }[];
      decision: { reasons: string } | null;
      evaluation: { outcome: string | null; note: string | null } | null;
    };
    const readAs = async (agent: Agent): Promise<Read> => {
      const response = await agent.get(`/api/requests/${view.id}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json();
    };
    for (const [who, agent] of [
      ['consultant', consultant],
      ['committee', committee],
      ['IB’er', ib],
    ] as const) {
      const read = await readAs(agent);
      expect(read.advices, who).toEqual([
        expect.objectContaining({ expertise: 'psycholoog', advice: adviceText }),
      ]);
      expect(read.events.find((e) => e.step === 'send_back_incomplete')?.note, who).toBe(sendBack);
      expect(read.events.find((e) => e.step === 'supplement')?.note, who).toBe(supplement);
      expect(read.evaluation, who).toEqual({ outcome: 'goals_reached', note: evaluationNote });
    }
    for (const [who, agent] of [
      ['parent', parent],
      ['partner with consent', partner],
      ['director', director],
    ] as const) {
      const response = await agent.get(`/api/requests/${view.id}`);
      expect(response.statusCode, who).toBe(200);
      for (const text of texts) expect(response.body, who).not.toContain(text.slice(0, 20));
      const read: Read = response.json();
      // Who advised, as what, that it was sent back and why: yes; the texts: no.
      expect(read.advices, who).toEqual([expect.objectContaining({ expertise: 'psycholoog', advice: null })]);
      expect(
        read.events.find((e) => e.step === 'send_back_incomplete'),
        who,
      ).toMatchObject({
        reasonCode: 'other',
        note: null,
      });
      expect(
        read.events.every((e) => e.note === null),
        who,
      ).toBe(true);
      expect(read.evaluation, who).toEqual({ outcome: 'goals_reached', note: null });
      // The decision and its reasons, which the parents read in plain language.
      expect(read.decision?.reasons, who).toBe(reasons);
    }
    // The child's requests and the parent's notifications carry none of it either.
    for (const url of [`/api/students/${child.id}/requests`, '/api/notifications']) {
      const body = (await parent.get(url)).body;
      for (const text of texts) expect(body, url).not.toContain(text.slice(0, 20));
    }
    // The decision letter goes to the parents: it names who advised, never the advice's text.
    for (const agent of [parent, ib]) {
      const letter = await agent.get(`/api/requests/${view.id}/decision.pdf`);
      expect(letter.statusCode).toBe(200);
      const text = pdfText(letter.rawPayload).replace(/\s*\n\s*/g, ' ');
      expect(text).toContain('(psycholoog)');
      expect(text).toContain('Extra hulp bij lezen');
      expect(text).not.toContain('WISC');
    }
  });

  it('tells the school’s IB’er where they may start a team request, and starts one there', async () => {
    const queue = (await ib.get('/api/requests')).json();
    const [own] = queue.permissions.createTeamAt;
    expect(queue.permissions.createTeamAt).toEqual([{ id: schoolId, name: expect.any(String) }]);
    // The SWV's staff check and decide; they start no school's request.
    for (const agent of [consultant, committee]) {
      expect((await agent.get('/api/requests')).json().permissions.createTeamAt).toEqual([]);
    }
    const created = await ib.post(`/api/schools/${own.id}/requests`, { typeId: types.get('team_training') });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ state: 'draft', student: null });
    // A child's type is not a team's, and another school is not the IB'er's.
    const childType = await ib.post(`/api/schools/${own.id}/requests`, { typeId: types.get('arrangement') });
    expect(childType.statusCode).toBe(400);
    expect(
      (await ib.post(`/api/schools/${otherSchoolId}/requests`, { typeId: types.get('team_training') }))
        .statusCode,
    ).toBe(403);
  });
});
