import { and, eq, sql } from 'drizzle-orm';
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
import { notification, supportRequest, surveyInvitation, surveyResponse } from '../../db/schema/index.ts';
import { inviteAfterEndedArrangements, inviteToSurvey } from './surveys.commands.ts';

const allFive = { listened_to: 5, clear_information: 4, help_fits: 4, result: 3, overall: 4 };

describe('satisfaction surveys', () => {
  let t: TestApp;
  let swvId: string;
  let schoolId: string;
  let otherSchoolId: string;
  let ibUser: TestUser;
  let parentUser: TestUser;
  let secondParentUser: TestUser;
  let ib: Agent;
  let otherIb: Agent;
  let director: Agent;
  let committee: Agent;
  let consultant: Agent;
  let policy: Agent;
  let parent: Agent;
  let secondParent: Agent;
  let strangerParent: Agent;

  beforeAll(async () => {
    t = await testApp();
    const db = t.database.db;
    swvId = (await aSwv(db)).id;
    schoolId = (await aSchool(db, swvId)).id;
    otherSchoolId = (await aSchool(db, swvId)).id;
    ibUser = await aUser(db, swvId, [{ role: 'school_ib', schoolId }]);
    parentUser = await aUser(db, swvId, [{ role: 'parent' }]);
    secondParentUser = await aUser(db, swvId, [{ role: 'parent' }]);
    const consultantUser = await aUser(db, swvId, [{ role: 'consultant' }]);
    await aTeam(db, swvId, [schoolId], [consultantUser.id]);
    ib = await signIn(t, ibUser);
    otherIb = await signIn(t, await aUser(db, swvId, [{ role: 'school_ib', schoolId: otherSchoolId }]));
    director = await signIn(t, await aUser(db, swvId, [{ role: 'school_director', schoolId }]));
    committee = await signIn(t, await aUser(db, swvId, [{ role: 'committee' }]));
    consultant = await signIn(t, consultantUser);
    policy = await signIn(t, await aUser(db, swvId, [{ role: 'policy' }]));
    parent = await signIn(t, parentUser);
    secondParent = await signIn(t, secondParentUser);
    strangerParent = await signIn(t, await aUser(db, swvId, [{ role: 'parent' }]));
  });
  afterAll(() => t.close());

  /** A child of the school with both parents, and a request of it in the given state. */
  async function aChildsRequest(state: 'in_review' | 'in_progress') {
    const db = t.database.db;
    const child = await aStudent(db, swvId, schoolId);
    await aGuardian(db, swvId, child.id, parentUser.id);
    await aGuardian(db, swvId, child.id, secondParentUser.id);
    const requestId = await aRequest(db, {
      swvId,
      schoolId,
      studentId: child.id,
      byUserId: ibUser.id,
      state,
    });
    return { child, requestId };
  }

  const invitationsOf = (requestId: string) =>
    t.database.db.select().from(surveyInvitation).where(eq(surveyInvitation.requestId, requestId));

  it('invites both parents when a request is decided, once, with a notice in their inbox', async () => {
    const { child, requestId } = await aChildsRequest('in_review');
    const decided = await committee.post(`/api/requests/${requestId}/decision`, {
      revision: 1,
      outcome: 'rejected',
      reasons: 'De basisondersteuning volstaat.',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    const invitations = await invitationsOf(requestId);
    expect(invitations.map((i) => [i.userId, i.occasion, i.respondent]).sort()).toEqual(
      [
        [parentUser.id, 'request_decided', 'parent'],
        [secondParentUser.id, 'request_decided', 'parent'],
      ].sort(),
    );
    const notices = await t.database.db
      .select()
      .from(notification)
      .where(and(eq(notification.kind, 'survey_invited'), eq(notification.userId, parentUser.id)));
    const notice = notices.find((n) => invitations.some((i) => i.id === n.subjectId));
    expect(notice).toMatchObject({ subjectType: 'survey', firstName: child.givenName });
    expect(notice?.link).toMatch(/^\/surveys\/[0-9a-f-]{36}$/);

    // Asked again (a job run twice), nobody is invited twice.
    expect(
      await inviteToSurvey(t.database.db, t.clock.now, { swvId, requestId, occasion: 'request_decided' }),
    ).toBe(0);
    expect(await invitationsOf(requestId)).toHaveLength(2);

    const mine = await parent.get('/api/surveys/mine');
    expect(mine.statusCode).toBe(200);
    expect(mine.json().surveys).toContainEqual(
      expect.objectContaining({
        occasion: 'request_decided',
        firstName: child.givenName,
        respondent: 'parent',
      }),
    );
    // The list is logged as one search, naming no child.
    const [logged] = await queryRows<{ student_id: string | null; object_type: string }>(
      t.database.db,
      sql`select student_id, object_type from access_log where request_id = ${String(mine.headers['x-request-id'])}`,
    );
    expect(logged).toEqual({ student_id: null, object_type: 'survey_invitation' });
    expect((await ib.get('/api/surveys/mine')).statusCode).toBe(403);
  });

  it('invites the parents when an arrangement is evaluated, and when its period passed without evaluation', async () => {
    const { requestId } = await aChildsRequest('in_progress');
    const evaluated = await ib.post(`/api/requests/${requestId}/steps`, {
      step: 'evaluate',
      revision: 1,
      evaluationOutcome: 'goals_reached',
      note: 'Leest op niveau.',
    });
    expect(evaluated.statusCode, evaluated.body).toBe(200);
    expect((await invitationsOf(requestId)).map((i) => i.occasion)).toEqual([
      'arrangement_ended',
      'arrangement_ended',
    ]);

    const lapsed = await aChildsRequest('in_progress');
    const running = await aChildsRequest('in_progress');
    await t.database.db
      .update(supportRequest)
      .set({ periodFrom: '2026-09-01', periodUntil: '2026-11-20' })
      .where(eq(supportRequest.id, lapsed.requestId));
    expect(await inviteAfterEndedArrangements(t.database.db, t.clock.now)).toBe(2);
    expect(await inviteAfterEndedArrangements(t.database.db, t.clock.now)).toBe(0);
    expect(await invitationsOf(lapsed.requestId)).toHaveLength(2);
    expect(await invitationsOf(running.requestId)).toHaveLength(0);
  });

  it('invites no one for a team request or a child without parents with an account', async () => {
    const db = t.database.db;
    const team = await aRequest(db, {
      swvId,
      schoolId,
      studentId: null,
      byUserId: ibUser.id,
      state: 'decided',
    });
    expect(
      await inviteToSurvey(db, t.clock.now, { swvId, requestId: team, occasion: 'request_decided' }),
    ).toBe(0);
    const alone = await aStudent(db, swvId, schoolId);
    const request = await aRequest(db, {
      swvId,
      schoolId,
      studentId: alone.id,
      byUserId: ibUser.id,
      state: 'decided',
    });
    expect(
      await inviteToSurvey(db, t.clock.now, { swvId, requestId: request, occasion: 'request_decided' }),
    ).toBe(0);
  });

  it('stores an answer apart from the invitation, once; no one else answers it', async () => {
    const { requestId } = await aChildsRequest('in_progress');
    await inviteToSurvey(t.database.db, t.clock.now, { swvId, requestId, occasion: 'arrangement_ended' });
    const [invitation] = (await invitationsOf(requestId)).filter((i) => i.userId === parentUser.id);
    const url = `/api/surveys/${invitation!.id}/answer`;
    const body = { scores: { ...allFive, result: null }, openAnswer: 'Fijn dat er snel hulp kwam.' };

    // Not invited, someone else's, unknown: not found, nothing written.
    const before = await t.database.db.select().from(surveyResponse);
    expect((await secondParent.post(url, body)).statusCode).toBe(404);
    expect((await strangerParent.post(url, body)).statusCode).toBe(404);
    expect((await ib.post(url, body)).statusCode).toBe(404);
    expect(
      (await parent.post('/api/surveys/00000000-0000-4000-8000-000000000000/answer', body)).statusCode,
    ).toBe(404);
    // Out of the scale: refused by the contract.
    expect((await parent.post(url, { ...body, scores: { ...allFive, overall: 6 } })).statusCode).toBe(400);
    expect((await parent.post(url, { ...body, scores: { ...allFive, overall: 0 } })).statusCode).toBe(400);
    expect((await parent.post(url, { ...body, scores: { ...allFive, overall: 2.5 } })).statusCode).toBe(400);
    expect(await t.database.db.select().from(surveyResponse)).toEqual(before);

    const answered = await parent.post(url, body);
    expect(answered.statusCode, answered.body).toBe(200);
    const [marked] = await t.database.db
      .select()
      .from(surveyInvitation)
      .where(eq(surveyInvitation.id, invitation!.id));
    expect(marked!.answeredAt).toEqual(t.clock.now);
    expect(
      (await parent.get('/api/surveys/mine')).json().surveys.map((s: { id: string }) => s.id),
    ).not.toContain(invitation!.id);

    // The answer holds its context only: no invitation, person, request or moment.
    const columns = await queryRows<{ column_name: string }>(
      t.database.db,
      sql`select column_name from information_schema.columns where table_name = 'survey_response' order by column_name`,
    );
    expect(columns.map((c) => c.column_name)).toEqual(
      [
        'clear_information',
        'help_fits',
        'id',
        'listened_to',
        'month',
        'occasion',
        'open_answer',
        'overall',
        'request_type_code',
        'respondent',
        'result',
        'school_id',
        'school_year',
        'swv_id',
      ].sort(),
    );
    const after = await t.database.db.select().from(surveyResponse);
    const added = after.filter((row) => !before.some((b) => b.id === row.id));
    expect(added).toHaveLength(1);
    const response = added[0]!;
    expect(response).toMatchObject({
      swvId,
      schoolId,
      requestTypeCode: 'arrangement',
      occasion: 'arrangement_ended',
      respondent: 'parent',
      schoolYear: '2026-2027',
      month: '2026-11',
      listenedTo: 5,
      result: null,
      overall: 4,
      openAnswer: 'Fijn dat er snel hulp kwam.',
    });
    // A random id (version 4), not a time-ordered one that would carry the moment of answering.
    expect(response.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4/);
    const text = JSON.stringify(response);
    for (const id of [invitation!.id, parentUser.id, requestId]) expect(text).not.toContain(id);

    // Answered twice: refused, nothing more stored.
    const again = await parent.post(url, body);
    expect(again.statusCode).toBe(422);
    expect(again.json().error.details.rule).toBe('survey_already_answered');
    expect(await t.database.db.select().from(surveyResponse)).toHaveLength(after.length);
  });

  describe('the aggregates', () => {
    const year = '2030-2031';
    beforeAll(async () => {
      // Ten answers at the school, three at the other: the other is hidden, and so the school too
      // (it would give the other away as the total minus the school).
      const third = await aSchool(t.database.db, swvId);
      const rows = [
        ...Array.from({ length: 10 }, (_, i) => ({
          schoolId,
          overall: (i % 5) + 1,
          open: i === 0 ? 'Goed geholpen' : '',
        })),
        ...Array.from({ length: 3 }, () => ({ schoolId: otherSchoolId, overall: 1, open: 'Te laat' })),
        ...Array.from({ length: 12 }, () => ({ schoolId: third.id, overall: 4, open: '' })),
      ];
      await t.database.db.insert(surveyResponse).values(
        rows.map((row) => ({
          swvId,
          id: crypto.randomUUID(),
          schoolId: row.schoolId,
          requestTypeCode: 'arrangement',
          occasion: 'arrangement_ended' as const,
          respondent: 'parent' as const,
          schoolYear: year,
          month: '2030-10',
          listenedTo: 4,
          clearInformation: 4,
          helpFits: 4,
          result: 4,
          overall: row.overall,
          openAnswer: row.open,
        })),
      );
    });

    it('shows the SWV staff all schools, small groups and what gives them away hidden; open answers to policy staff only', async () => {
      const asPolicy = await policy.get(`/api/surveys/results?schoolYear=${year}`);
      expect(asPolicy.statusCode, asPolicy.body).toBe(200);
      const results = asPolicy.json();
      expect(results).toMatchObject({ schoolYear: year, schoolId: null, threshold: 5, count: 25 });
      const overall = results.questions.find((q: { question: string }) => q.question === 'overall');
      expect(overall).toMatchObject({ answered: 25, distribution: [5, 2, 2, 14, 2] });
      const counts = Object.fromEntries(
        results.schools.map((s: { id: string; count: number | null }) => [s.id, s.count]),
      );
      expect(counts[otherSchoolId]).toBeNull();
      expect(counts[schoolId]).toBeNull();
      expect(Object.values(counts)).toContain(12);
      // The small school's open answer is listed without its school.
      expect(results.openAnswers).toEqual([
        { text: 'Goed geholpen', school: null },
        { text: 'Te laat', school: null },
        { text: 'Te laat', school: null },
        { text: 'Te laat', school: null },
      ]);
      for (const agent of [consultant, committee]) {
        const read = await agent.get(`/api/surveys/results?schoolYear=${year}`);
        expect(read.statusCode).toBe(200);
        expect(read.json()).toMatchObject({ count: 25, openAnswers: null });
      }
      expect((await parent.get(`/api/surveys/results?schoolYear=${year}`)).statusCode).toBe(403);
    });

    it('shows a school only its own school, and hides it when its group is hidden among all', async () => {
      const own = (await ib.get(`/api/surveys/results?schoolYear=${year}`)).json();
      expect(own).toMatchObject({ schoolId, count: null, openAnswers: null, schools: [] });
      expect(own.choices).toMatchObject({ allSchools: false, schools: [{ id: schoolId }] });
      expect(
        (await director.get(`/api/surveys/results?schoolYear=${year}&schoolId=${schoolId}`)).statusCode,
      ).toBe(200);
      expect(
        (await ib.get(`/api/surveys/results?schoolYear=${year}&schoolId=${otherSchoolId}`)).statusCode,
      ).toBe(403);
      const other = (await otherIb.get(`/api/surveys/results?schoolYear=${year}`)).json();
      expect(other).toMatchObject({ schoolId: otherSchoolId, count: null });
      expect(other.questions.every((q: { mean: number | null }) => q.mean === null)).toBe(true);
    });

    it('shows a school its figures once its group is large enough', async () => {
      const year2 = '2031-2032';
      await t.database.db.insert(surveyResponse).values(
        Array.from({ length: 6 }, (_, i) => ({
          swvId,
          id: crypto.randomUUID(),
          schoolId,
          requestTypeCode: 'tlv_so',
          occasion: 'request_decided' as const,
          respondent: 'parent' as const,
          schoolYear: year2,
          month: '2031-09',
          listenedTo: 5,
          clearInformation: null,
          helpFits: 4,
          result: 4,
          overall: i < 3 ? 5 : 4,
          openAnswer: '',
        })),
      );
      const own = (await ib.get(`/api/surveys/results?schoolYear=${year2}`)).json();
      expect(own).toMatchObject({ schoolId, count: 6 });
      const byQuestion = Object.fromEntries(
        own.questions.map((q: { question: string; mean: number | null }) => [q.question, q.mean]),
      );
      expect(byQuestion).toEqual({
        listened_to: 5,
        clear_information: null,
        help_fits: 4,
        result: 4,
        overall: 4.5,
      });
    });

    it('refuses a school year that is none and a school of no one', async () => {
      expect((await policy.get('/api/surveys/results?schoolYear=2030-2035')).statusCode).toBe(400);
      expect(
        (await policy.get('/api/surveys/results?schoolId=00000000-0000-4000-8000-000000000000')).statusCode,
      ).toBe(404);
    });
  });
});
