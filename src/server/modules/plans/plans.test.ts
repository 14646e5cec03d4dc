import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Agent,
  aCaseMeeting,
  aCaseMember,
  aConsent,
  aGuardian,
  aPartnerOrganisation,
  aPlan,
  aSchool,
  aStudent,
  aSwv,
  aUser,
  signIn,
  type TestUser,
} from '../../../../test/support/factories.ts';
import { pdfText } from '../../../../test/support/pdfText.ts';
import { type TestApp, testApp } from '../../../../test/support/testApp.ts';
import { queryRows } from '../../db/client.ts';

type World = Awaited<ReturnType<typeof buildWorld>>;

async function buildWorld(t: TestApp) {
  const db = t.database.db;
  const swv = await aSwv(db, { name: 'SWV Passend Testland' });
  const school = await aSchool(db, swv.id);
  const buurtteam = await aPartnerOrganisation(db, swv.id, [school.id]);
  const jgz = await aPartnerOrganisation(db, swv.id, [school.id]);
  const users = {
    ib: await aUser(db, swv.id, [{ role: 'school_ib', schoolId: school.id }]),
    director: await aUser(db, swv.id, [{ role: 'school_director', schoolId: school.id }]),
    teacher: await aUser(db, swv.id, [{ role: 'teacher', schoolId: school.id, groups: ['5A'] }]),
    otherTeacher: await aUser(db, swv.id, [{ role: 'teacher', schoolId: school.id, groups: ['7B'] }]),
    partner: await aUser(db, swv.id, [{ role: 'partner', partnerOrganisationId: buurtteam }]),
    partnerWithout: await aUser(db, swv.id, [{ role: 'partner', partnerOrganisationId: jgz }]),
    mother: await aUser(db, swv.id, [{ role: 'parent' }]),
    father: await aUser(db, swv.id, [{ role: 'parent' }]),
    otherParent: await aUser(db, swv.id, [{ role: 'parent' }]),
  };
  const agents = Object.fromEntries(
    await Promise.all(Object.entries(users).map(async ([name, user]) => [name, await signIn(t, user)])),
  ) as Record<keyof typeof users, Agent>;
  /** A child of group 5A with both parents, the two partners as case members, consent for the buurtteam only. */
  const aChild = async () => {
    const child = await aStudent(db, swv.id, school.id, { groupName: '5A', givenName: 'Noër' });
    await aGuardian(db, swv.id, child.id, users.mother.id);
    await aGuardian(db, swv.id, child.id, users.father.id);
    await aCaseMember(db, swv.id, child.id, users.partner.id);
    await aCaseMember(db, swv.id, child.id, users.partnerWithout.id);
    await aConsent(db, {
      swvId: swv.id,
      studentId: child.id,
      givenByUserId: users.mother.id,
      partnerOrganisationId: buurtteam,
    });
    return child;
  };
  return { swv, school, buurtteam, jgz, users, agents, aChild };
}

describe('the child’s plan', () => {
  let t: TestApp;
  let w: World;
  beforeAll(async () => {
    t = await testApp();
    w = await buildWorld(t);
  });
  afterAll(() => t.close());

  const logRows = (requestId: unknown) =>
    queryRows<{ action: string; outcome: string; object_type: string; part: string | null }>(
      t.database.db,
      sql`select action, outcome, object_type, part from access_log where request_id = ${String(requestId)}`,
    );
  const planWith = (
    child: { id: string },
    options: Omit<Parameters<typeof aPlan>[1], 'swvId' | 'studentId' | 'byUserId'> = {},
  ) => aPlan(t.database.db, { swvId: w.swv.id, studentId: child.id, byUserId: w.users.ib.id, ...options });

  describe('starting', () => {
    it('starts the first plan, due for evaluation in six months, and logs it as a create', async () => {
      const child = await w.aChild();
      const started = await w.agents.ib.post(`/api/students/${child.id}/plans`, {});
      expect(started.statusCode).toBe(201);
      expect(started.json()).toMatchObject({
        version: 1,
        status: 'active',
        revision: 1,
        startedOn: '2026-11-23',
        evaluationDueOn: '2027-05-23',
        parentAgreement: 'none',
        goals: [],
        permissions: { edit: true, respondAsParent: false, recordPaperResponse: true },
      });
      expect(await logRows(started.headers['x-request-id'])).toEqual([
        { action: 'create', outcome: 'allowed', object_type: 'plan', part: null },
      ]);
    });

    it('refuses a second active plan with 409, keeping the attempt in the log', async () => {
      const child = await w.aChild();
      const first = await w.agents.ib.post(`/api/students/${child.id}/plans`, {});
      const second = await w.agents.ib.post(`/api/students/${child.id}/plans`, {
        hasDevelopmentPerspective: true,
      });
      expect(second.statusCode).toBe(409);
      expect(second.json().error).toMatchObject({
        code: 'conflict',
        details: { rule: 'active_plan_exists', planId: first.json().id },
      });
      expect(await logRows(second.headers['x-request-id'])).toHaveLength(1);
      const versions = await w.agents.ib.get(`/api/students/${child.id}/plans`);
      expect(versions.json()).toHaveLength(1);
    });

    it('lets the director read the plan but not start or change it', async () => {
      const child = await w.aChild();
      expect((await w.agents.director.post(`/api/students/${child.id}/plans`, {})).statusCode).toBe(403);
      const { id } = await planWith(child);
      const read = await w.agents.director.get(`/api/plans/${id}`);
      expect(read.statusCode).toBe(200);
      expect(read.json().permissions).toEqual({
        edit: false,
        respondAsParent: false,
        recordPaperResponse: false,
        agreementIds: [],
      });
      expect(
        (await w.agents.director.patch(`/api/plans/${id}`, { revision: 1, needs: 'x' })).statusCode,
      ).toBe(403);
    });
  });

  describe('editing', () => {
    it('changes the parts named, replaces goals and agreements keeping their ids, and raises the revision', async () => {
      const child = await w.aChild();
      const { id, goalId, agreementIds } = await planWith(child);
      const response = await w.agents.ib.patch(`/api/plans/${id}`, {
        revision: 1,
        strengths: 'Behulpzaam en creatief',
        pupilView: 'Ik wil graag beter leren lezen.',
        goals: [
          {
            id: goalId,
            description: 'Leest vlot AVI E4',
            baseline: 'AVI M4',
            target: 'AVI E4',
            targetDate: '2027-02-01',
            progress: 'Gaat vooruit',
          },
          {
            description: 'Vraagt om hulp',
            baseline: '',
            target: 'Zelf',
            targetDate: '2027-03-01',
            progress: '',
          },
        ],
        agreements: [
          {
            id: agreementIds[0],
            action: 'Dagelijks 10 minuten duo-lezen',
            owner: 'school',
            partnerOrganisationId: null,
            dueOn: '2027-01-15',
            done: false,
            note: '',
          },
          {
            action: 'Gezinsgesprek',
            owner: 'buurtteam',
            partnerOrganisationId: w.buurtteam,
            dueOn: null,
            done: false,
            note: '',
          },
        ],
      });
      expect(response.statusCode).toBe(200);
      const plan = response.json();
      expect(plan).toMatchObject({
        revision: 2,
        strengths: 'Behulpzaam en creatief',
        pupilView: 'Ik wil graag beter leren lezen.',
        needs: 'Heeft nodig: korte instructie en een vaste plek.',
      });
      // The editor chooses from the partner organisations that work with the school.
      expect(plan.partnerOrganisations.map((p: { id: string }) => p.id).sort()).toEqual(
        [w.buurtteam, w.jgz].sort(),
      );
      expect(plan.goals.map((g: { id: string }) => g.id)[0]).toBe(goalId);
      expect(plan.goals).toHaveLength(2);
      expect(plan.agreements[0]).toMatchObject({
        id: agreementIds[0],
        action: 'Dagelijks 10 minuten duo-lezen',
      });
      expect(plan.agreements[1]).toMatchObject({
        owner: 'buurtteam',
        partnerOrganisationName: expect.any(String),
      });
      expect(await logRows(response.headers['x-request-id'])).toEqual([
        {
          action: 'update',
          outcome: 'allowed',
          object_type: 'plan',
          part: 'agreements,goals,pupilView,strengths',
        },
      ]);
    });

    it('answers a stale revision with 409 and the current version, and changes nothing', async () => {
      const child = await w.aChild();
      const { id } = await planWith(child);
      const first = await w.agents.ib.patch(`/api/plans/${id}`, {
        revision: 1,
        needs: 'Eerste versie van de IB’er',
      });
      expect(first.statusCode).toBe(200);
      const stale = await w.agents.teacher.patch(`/api/plans/${id}`, {
        revision: 1,
        needs: 'Tekst van de leerkracht',
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error).toMatchObject({
        code: 'conflict',
        details: { current: { revision: 2, needs: 'Eerste versie van de IB’er' } },
      });
      expect(await logRows(stale.headers['x-request-id'])).toHaveLength(1);
      const read = await w.agents.ib.get(`/api/plans/${id}`);
      expect(read.json()).toMatchObject({ revision: 2, needs: 'Eerste versie van de IB’er' });
    });

    it('lets a teacher edit the plans of their own groups only', async () => {
      const child = await w.aChild();
      const { id } = await planWith(child);
      expect(
        (await w.agents.otherTeacher.patch(`/api/plans/${id}`, { revision: 1, needs: 'x' })).statusCode,
      ).toBe(403);
      expect((await w.agents.otherTeacher.get(`/api/plans/${id}`)).statusCode).toBe(403);
      expect(
        (await w.agents.teacher.patch(`/api/plans/${id}`, { revision: 1, needs: 'Rustige plek' })).statusCode,
      ).toBe(200);
    });

    it('refuses an item id of another version and a partner organisation that does not exist', async () => {
      const child = await w.aChild();
      const { id } = await planWith(child);
      const other = await planWith(await w.aChild());
      const foreignGoal = await w.agents.ib.patch(`/api/plans/${id}`, {
        revision: 1,
        goals: [
          {
            id: other.goalId,
            description: 'x',
            baseline: '',
            target: '',
            targetDate: '2027-01-01',
            progress: '',
          },
        ],
      });
      expect(foreignGoal.statusCode).toBe(400);
      expect(foreignGoal.json().error.details.issues[0].path).toBe('body.goals.0.id');
      const unknownPartner = await w.agents.ib.patch(`/api/plans/${id}`, {
        revision: 1,
        agreements: [
          {
            action: 'x',
            owner: 'jgz',
            partnerOrganisationId: '0190f0f0-0000-7000-8000-000000000000',
            dueOn: null,
            done: false,
            note: '',
          },
        ],
      });
      expect(unknownPartner.statusCode).toBe(400);
      expect((await w.agents.ib.get(`/api/plans/${id}`)).json()).toMatchObject({ revision: 1 });
    });

    it('removes an agreement that a case meeting took into the plan, unlinking the meeting’s action', async () => {
      const child = await w.aChild();
      const { id, agreementIds } = await planWith(child);
      const meetingId = '0190f0f0-0000-7000-8000-0000000000a1';
      await t.database.db.execute(sql`
        insert into case_meeting (swv_id, id, student_id, kind, held_on, participants, created_by_user_id, created_at)
        values (${w.swv.id}, ${meetingId}, ${child.id}, 'mdo', '2026-11-01', '[]', ${w.users.ib.id}, now())`);
      await t.database.db.execute(sql`
        insert into case_meeting_action (swv_id, id, meeting_id, position, action, owner, plan_agreement_id)
        values (${w.swv.id}, '0190f0f0-0000-7000-8000-0000000000a2', ${meetingId}, 0, 'Afspraak 1', 'school', ${agreementIds[0]})`);
      const response = await w.agents.ib.patch(`/api/plans/${id}`, { revision: 1, agreements: [] });
      expect(response.statusCode).toBe(200);
      const [action] = await queryRows<{ plan_agreement_id: string | null }>(
        t.database.db,
        sql`select plan_agreement_id from case_meeting_action where meeting_id = ${meetingId}`,
      );
      expect(action).toEqual({ plan_agreement_id: null });
    });
  });

  describe('agreements past their date', () => {
    it('marks an open agreement overdue from the day after its date, on the server’s clock', async () => {
      const child = await w.aChild();
      const { id, agreementIds } = await planWith(child, { agreements: [{}, {}, {}, { done: true }] });
      const dates = ['2026-11-22', '2026-11-23', null, '2026-10-01'];
      for (const [index, dueOn] of dates.entries()) {
        await t.database.db.execute(
          sql`update plan_agreement set due_on = ${dueOn} where id = ${agreementIds[index]!}`,
        );
      }
      // The test clock says 23 November 2026 (not the machine's day): the 22nd has passed, the 23rd is today.
      const overdue = async (planId: string, agent = w.agents.ib) =>
        (await agent.get(`/api/plans/${planId}`))
          .json()
          .agreements.map((a: { overdue: boolean }) => a.overdue);
      expect(await overdue(id)).toEqual([true, false, false, false]);
      expect(await overdue(id, w.agents.mother)).toEqual([true, false, false, false]);

      // A closed version's open agreements went on in the next one: only there are they overdue.
      const next = (
        await w.agents.ib.post(`/api/plans/${id}/evaluation`, {
          revision: 1,
          evaluatedOn: '2026-11-23',
          evaluation: 'Besproken.',
          evaluatedWithParents: false,
          goalProgress: [],
        })
      ).json();
      expect(await overdue(id)).toEqual([false, false, false, false]);
      expect(next.agreements.map((a: { dueOn: string; overdue: boolean }) => [a.dueOn, a.overdue])).toEqual([
        ['2026-11-22', true],
        ['2026-11-23', false],
        [null, false],
      ]);
    });
  });

  describe('agreements of a partner', () => {
    it('lets a partner with consent mark their own organisation’s agreement done, and nothing else', async () => {
      const child = await w.aChild();
      const { id, agreementIds } = await planWith(child, {
        agreements: [{ owner: 'school' }, { owner: 'buurtteam', partnerOrganisationId: w.buurtteam }],
      });
      const [schoolAgreement, ownAgreement] = agreementIds as [string, string];
      const read = await w.agents.partner.get(`/api/plans/${id}`);
      expect(read.json().permissions).toMatchObject({ edit: false, agreementIds: [ownAgreement] });

      const own = await w.agents.partner.patch(`/api/plans/${id}/agreements/${ownAgreement}`, {
        done: true,
        note: 'Gesprek gevoerd op 20 november',
      });
      expect(own.statusCode).toBe(200);
      expect(own.json().agreements[1]).toMatchObject({ done: true, note: 'Gesprek gevoerd op 20 november' });
      expect(own.json().revision).toBe(2);
      expect(await logRows(own.headers['x-request-id'])).toEqual([
        { action: 'update', outcome: 'allowed', object_type: 'plan_agreement', part: 'done,note' },
      ]);

      const schools = await w.agents.partner.patch(`/api/plans/${id}/agreements/${schoolAgreement}`, {
        done: true,
      });
      expect(schools.statusCode).toBe(403);
      expect(await logRows(schools.headers['x-request-id'])).toEqual([
        expect.objectContaining({ outcome: 'denied', object_type: 'plan_agreement' }),
      ]);
      expect((await w.agents.partner.patch(`/api/plans/${id}`, { revision: 2, needs: 'x' })).statusCode).toBe(
        403,
      );
    });

    it('refuses a partner without the parents’ consent, even for their own agreement, and logs it', async () => {
      const child = await w.aChild();
      const { id, agreementIds } = await planWith(child, {
        agreements: [{ owner: 'jgz', partnerOrganisationId: w.jgz }],
      });
      const response = await w.agents.partnerWithout.patch(`/api/plans/${id}/agreements/${agreementIds[0]}`, {
        done: true,
      });
      expect(response.statusCode).toBe(403);
      expect(await logRows(response.headers['x-request-id'])).toEqual([
        expect.objectContaining({ outcome: 'denied' }),
      ]);
      expect((await w.agents.partnerWithout.get(`/api/plans/${id}`)).statusCode).toBe(403);
      // With consent given, the same call goes through at once.
      await aConsent(t.database.db, {
        swvId: w.swv.id,
        studentId: child.id,
        givenByUserId: w.users.mother.id,
        partnerOrganisationId: w.jgz,
      });
      const after = await w.agents.partnerWithout.patch(`/api/plans/${id}/agreements/${agreementIds[0]}`, {
        done: true,
      });
      expect(after.statusCode).toBe(200);
    });
  });

  describe('evaluating', () => {
    it('closes the version and opens the next with the parts, goals and open agreements', async () => {
      const child = await w.aChild();
      const { id, goalId } = await planWith(child, { agreements: [{ done: true }, {}] });
      const response = await w.agents.ib.post(`/api/plans/${id}/evaluation`, {
        revision: 1,
        evaluatedOn: '2026-11-20',
        evaluation: 'Doel 1 bijna gehaald; afspraak 1 afgerond.',
        evaluatedWithParents: true,
        goalProgress: [{ goalId, progress: 'AVI E4 bijna gehaald' }],
      });
      expect(response.statusCode).toBe(201);
      const next = response.json();
      expect(next).toMatchObject({
        version: 2,
        status: 'active',
        revision: 1,
        startedOn: '2026-11-20',
        evaluationDueOn: '2027-05-20',
        needs: 'Heeft nodig: korte instructie en een vaste plek.',
        parentAgreement: 'none',
        goals: [{ description: 'Leest vlot een tekst van AVI E4', progress: 'AVI E4 bijna gehaald' }],
        agreements: [{ action: 'Afspraak 2', done: false }],
      });
      expect(next.goals[0].id).not.toBe(goalId);

      const closed = (await w.agents.ib.get(`/api/plans/${id}`)).json();
      expect(closed).toMatchObject({
        status: 'closed',
        evaluatedOn: '2026-11-20',
        evaluatedWithParents: true,
        evaluatedByName: expect.any(String),
        goals: [{ progress: 'AVI E4 bijna gehaald' }],
        agreements: [{ done: true }, { done: false }],
        permissions: { edit: false, agreementIds: [] },
      });
      const versions = (await w.agents.ib.get(`/api/students/${child.id}/plans`)).json();
      expect(versions.map((v: { version: number; status: string }) => [v.version, v.status])).toEqual([
        [2, 'active'],
        [1, 'closed'],
      ]);

      const edit = await w.agents.ib.patch(`/api/plans/${id}`, { revision: 2, needs: 'te laat' });
      expect(edit.statusCode).toBe(422);
      expect(edit.json().error.details).toEqual({ rule: 'plan_closed' });
      const again = await w.agents.ib.post(`/api/plans/${id}/evaluation`, {
        revision: 2,
        evaluatedOn: '2026-11-21',
        evaluation: 'nog eens',
        evaluatedWithParents: false,
        goalProgress: [],
      });
      expect(again.statusCode).toBe(422);
    });

    it('asks what happens with each goal whose target date has passed, and records the answer in the next version', async () => {
      const child = await w.aChild();
      const { id, goalId } = await planWith(child);
      const plan = (await w.agents.ib.get(`/api/plans/${id}`)).json();
      const goal = (description: string, targetDate: string) => ({
        description,
        baseline: '',
        target: '',
        targetDate,
        progress: '',
      });
      const { goals } = (
        await w.agents.ib.patch(`/api/plans/${id}`, {
          revision: 1,
          pupilView: 'Ik wil beter leren lezen.',
          goals: [
            { ...plan.goals[0], targetDate: '2026-11-01' },
            goal('Rekent tot 100', '2026-11-20'),
            goal('Vraagt zelf om hulp', '2026-11-15'),
            goal('Schrijft een verhaal', '2027-02-01'),
          ],
        })
      ).json();
      const [reading, sums, help] = goals.map((g: { id: string }) => g.id);
      expect(reading).toBe(goalId);
      const evaluate = (goalDecisions?: unknown[]) =>
        w.agents.ib.post(`/api/plans/${id}/evaluation`, {
          revision: 2,
          evaluatedOn: '2026-11-20',
          evaluation: 'Lezen gaat goed.',
          evaluatedWithParents: true,
          goalProgress: [],
          ...(goalDecisions ? { goalDecisions } : {}),
        });

      // Not one goal due at the evaluation goes on silently: the date itself counts as passed.
      const silent = await evaluate();
      expect(silent.statusCode).toBe(422);
      expect(silent.json().error.details).toEqual({
        rule: 'goal_decision_missing',
        goalIds: [reading, sums, help],
      });
      expect(await logRows(silent.headers['x-request-id'])).toHaveLength(1);
      const early = await evaluate([
        { goalId: reading, outcome: 'reached' },
        { goalId: sums, outcome: 'continued', newTargetDate: '2026-11-20' },
        { goalId: help, outcome: 'stopped' },
      ]);
      expect(early.statusCode).toBe(400);
      expect(early.json().error.details.issues).toEqual([
        { path: 'body.goalDecisions.1.newTargetDate', message: 'not after the evaluation' },
      ]);
      const noDate = await evaluate([{ goalId: sums, outcome: 'continued' }]);
      expect(noDate.statusCode).toBe(400);
      expect((await w.agents.ib.get(`/api/plans/${id}`)).json().status).toBe('active');

      const decided = await evaluate([
        { goalId: reading, outcome: 'reached' },
        { goalId: sums, outcome: 'continued', newTargetDate: '2027-03-01' },
        { goalId: help, outcome: 'stopped' },
      ]);
      expect(decided.statusCode).toBe(201);
      const next = decided.json();
      expect(
        next.goals.map((g: { description: string; targetDate: string }) => [g.description, g.targetDate]),
      ).toEqual([
        ['Rekent tot 100', '2027-03-01'],
        ['Schrijft een verhaal', '2027-02-01'],
      ]);
      expect(next.goalOutcomes).toEqual([
        {
          description: 'Leest vlot een tekst van AVI E4',
          targetDate: '2026-11-01',
          outcome: 'reached',
          newTargetDate: null,
        },
        {
          description: 'Rekent tot 100',
          targetDate: '2026-11-20',
          outcome: 'continued',
          newTargetDate: '2027-03-01',
        },
        {
          description: 'Vraagt zelf om hulp',
          targetDate: '2026-11-15',
          outcome: 'stopped',
          newTargetDate: null,
        },
      ]);
      // The pupil is heard again, with their earlier view in sight.
      expect(next).toMatchObject({ pupilView: '', previousPupilView: 'Ik wil beter leren lezen.' });
      const closed = (await w.agents.ib.get(`/api/plans/${id}`)).json();
      expect(closed).toMatchObject({
        goalOutcomes: [],
        previousPupilView: '',
        pupilView: 'Ik wil beter leren lezen.',
      });
    });

    it('evaluates an OPP at least yearly: the next evaluation at most twelve months on', async () => {
      const child = await w.aChild();
      const { id } = await planWith(child, { hasDevelopmentPerspective: true });
      const evaluate = (nextEvaluationDueOn: string) =>
        w.agents.ib.post(`/api/plans/${id}/evaluation`, {
          revision: 1,
          evaluatedOn: '2026-11-20',
          evaluation: 'Besproken met ouders',
          evaluatedWithParents: true,
          goalProgress: [],
          nextEvaluationDueOn,
        });
      const late = await evaluate('2027-11-21');
      expect(late.statusCode).toBe(422);
      expect(late.json().error.details).toEqual({ rule: 'opp_evaluated_yearly' });
      expect(await logRows(late.headers['x-request-id'])).toHaveLength(1);
      expect((await w.agents.ib.get(`/api/plans/${id}`)).json().status).toBe('active');

      const onTime = await evaluate('2027-11-20');
      expect(onTime.statusCode).toBe(201);
      const next = onTime.json();
      const longer = await w.agents.ib.patch(`/api/plans/${next.id}`, {
        revision: 1,
        evaluationDueOn: '2028-01-05',
      });
      expect(longer.json().error.details).toEqual({ rule: 'opp_evaluated_yearly' });
      // An ordinary plan may be evaluated later than a year.
      const ordinary = await w.agents.ib.patch(`/api/plans/${next.id}`, {
        revision: 1,
        hasDevelopmentPerspective: false,
        evaluationDueOn: '2028-01-05',
      });
      expect(ordinary.statusCode).toBe(200);
    });

    it('refuses an evaluation in the future, before the version began, or on a stale revision', async () => {
      const child = await w.aChild();
      const { id } = await planWith(child, { createdAt: new Date('2026-09-01T08:00:00Z') });
      const body = { revision: 1, evaluation: 'x', evaluatedWithParents: false, goalProgress: [] };
      const future = await w.agents.ib.post(`/api/plans/${id}/evaluation`, {
        ...body,
        evaluatedOn: '2026-11-24',
      });
      expect(future.json().error.details).toEqual({ rule: 'evaluated_in_future' });
      const early = await w.agents.ib.post(`/api/plans/${id}/evaluation`, {
        ...body,
        evaluatedOn: '2026-08-31',
      });
      expect(early.json().error.details).toEqual({ rule: 'evaluated_before_start' });
      const stale = await w.agents.ib.post(`/api/plans/${id}/evaluation`, {
        ...body,
        revision: 3,
        evaluatedOn: '2026-11-23',
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.details.current).toMatchObject({ id, revision: 1 });
    });
  });

  describe('the parents’ response', () => {
    it('records each parent’s response per version with when and by whom; one “no” stands', async () => {
      const child = await w.aChild();
      const { id } = await planWith(child);
      const view = await w.agents.mother.get(`/api/plans/${id}`);
      expect(view.json().permissions).toMatchObject({
        edit: false,
        respondAsParent: true,
        recordPaperResponse: false,
      });

      const agreed = await w.agents.mother.post(`/api/plans/${id}/responses`, {
        revision: 1,
        agrees: true,
        view: 'Fijn dat er extra leestijd komt.',
      });
      expect(agreed.statusCode).toBe(201);
      expect(agreed.json()).toMatchObject({
        parentAgreement: 'agreed',
        responses: [{ agrees: true, fromPaper: false, respondedAt: t.clock.now.toISOString(), proof: null }],
      });
      expect(await logRows(agreed.headers['x-request-id'])).toEqual([
        { action: 'create', outcome: 'allowed', object_type: 'plan_response', part: null },
      ]);

      const disagreed = await w.agents.father.post(`/api/plans/${id}/responses`, {
        revision: 1,
        agrees: false,
        view: 'Te weinig uren.',
      });
      expect(disagreed.json().parentAgreement).toBe('not_agreed');
      t.clock.advance(60_000);
      const changed = await w.agents.father.post(`/api/plans/${id}/responses`, {
        revision: 1,
        agrees: true,
        view: '',
      });
      expect(changed.json().parentAgreement).toBe('agreed');
      expect(changed.json().responses).toHaveLength(3);

      // The next version asks again.
      const next = await w.agents.ib.post(`/api/plans/${id}/evaluation`, {
        revision: 1,
        evaluatedOn: '2026-11-23',
        evaluation: 'Geëvalueerd',
        evaluatedWithParents: true,
        goalProgress: [],
      });
      expect(next.json()).toMatchObject({ parentAgreement: 'none', responses: [] });
      const versions = (await w.agents.mother.get(`/api/students/${child.id}/plans`)).json();
      expect(versions.map((v: { parentAgreement: string }) => v.parentAgreement)).toEqual(['none', 'agreed']);
      // A closed version takes no more responses.
      expect(
        (await w.agents.mother.post(`/api/plans/${id}/responses`, { revision: 1, agrees: false, view: '' }))
          .statusCode,
      ).toBe(422);
    });

    it('lets the IB’er record a response from a signed form, and keeps each to their own part', async () => {
      const child = await w.aChild();
      const { id } = await planWith(child);
      const paper = {
        revision: 1,
        parentName: 'Fatma Yılmaz',
        agrees: true,
        view: '',
        proof: 'Getekend formulier, map groep 5A',
      };
      const recorded = await w.agents.ib.post(`/api/plans/${id}/responses`, paper);
      expect(recorded.statusCode).toBe(201);
      expect(recorded.json().responses[0]).toMatchObject({
        parentName: 'Fatma Yılmaz',
        fromPaper: true,
        proof: 'Getekend formulier, map groep 5A',
        recordedByName: expect.stringContaining('school_ib'),
      });
      // A parent does not fill in the school's form, and the IB'er does not answer as a parent.
      expect((await w.agents.mother.post(`/api/plans/${id}/responses`, paper)).statusCode).toBe(403);
      expect(
        (await w.agents.ib.post(`/api/plans/${id}/responses`, { revision: 1, agrees: true, view: '' }))
          .statusCode,
      ).toBe(403);
      expect((await w.agents.teacher.post(`/api/plans/${id}/responses`, paper)).statusCode).toBe(403);
      expect(
        (
          await w.agents.otherParent.post(`/api/plans/${id}/responses`, {
            revision: 1,
            agrees: true,
            view: '',
          })
        ).statusCode,
      ).toBe(403);
    });
  });

  describe('agreement belongs to a version (WPO art. 40a, WVO art. 26)', () => {
    /** The agreement of the plan as it is now, as the form sends it back, with changes. */
    const agreementsOf = (plan: { agreements: Record<string, unknown>[] }) =>
      plan.agreements.map(({ id, action, owner, partnerOrganisationId, dueOn, done, note }) => ({
        id,
        action,
        owner,
        partnerOrganisationId,
        dueOn,
        done,
        note,
      }));

    it('makes an edit of the action part after agreement a new version awaiting the parents; the agreed one stays in force', async () => {
      const child = await w.aChild();
      const { id, agreementIds } = await planWith(child, {
        hasDevelopmentPerspective: true,
        agreements: [{ owner: 'school' }, { owner: 'buurtteam', partnerOrganisationId: w.buurtteam }],
      });
      const agreed = await w.agents.mother.post(`/api/plans/${id}/responses`, {
        revision: 1,
        agrees: true,
        view: '',
      });
      const agreedAt = agreed.json().responses[0].respondedAt;
      expect(agreed.json()).toMatchObject({
        amendment: 0,
        parentAgreement: 'agreed',
        inForce: { amendment: 0, agreedAt },
        changesSinceAgreement: [],
      });

      // Carrying the plan out and the picture of the child are no change of what was agreed.
      t.clock.advance(60_000);
      await w.agents.ib.patch(`/api/plans/${id}`, { revision: 1, strengths: 'Zorgzaam' });
      const ticked = await w.agents.partner.patch(`/api/plans/${id}/agreements/${agreementIds[1]}`, {
        done: true,
        note: 'Gesprek gevoerd',
      });
      expect(ticked.json()).toMatchObject({ revision: 3, amendment: 0, parentAgreement: 'agreed' });

      // A changed agreement, a new one and other programme deviations: the next text, awaiting the parents.
      const current = ticked.json();
      const [first, second] = agreementsOf(current);
      const edited = await w.agents.ib.patch(`/api/plans/${id}`, {
        revision: 3,
        programmeDeviations: 'Eigen leerlijn rekenen',
        agreements: [
          { ...first, dueOn: '2027-01-15' },
          second,
          {
            action: 'Gesprek met de jeugdarts',
            owner: 'jgz',
            partnerOrganisationId: null,
            dueOn: null,
            done: false,
            note: '',
          },
        ],
      });
      expect(edited.statusCode).toBe(200);
      const awaiting = edited.json();
      expect(awaiting).toMatchObject({
        revision: 4,
        amendment: 1,
        parentAgreement: 'none',
        inForce: { amendment: 0, agreedAt },
      });
      expect(awaiting.changesSinceAgreement).toEqual([
        { part: 'programme_deviations', before: '', after: 'Eigen leerlijn rekenen' },
        {
          part: 'agreement',
          before: expect.objectContaining({ id: agreementIds[0], dueOn: null }),
          after: expect.objectContaining({ id: agreementIds[0], dueOn: '2027-01-15' }),
        },
        {
          part: 'agreement',
          before: null,
          after: expect.objectContaining({ action: 'Gesprek met de jeugdarts', owner: 'jgz' }),
        },
      ]);
      // Another change before anyone answered stays the same new text.
      const again = await w.agents.ib.patch(`/api/plans/${id}`, {
        revision: 4,
        programmeDeviations: 'Eigen leerlijn rekenen en lezen',
      });
      expect(again.json()).toMatchObject({ revision: 5, amendment: 1 });

      // An answer from someone who read the plan before the change is refused: they never saw it.
      const stale = await w.agents.father.post(`/api/plans/${id}/responses`, {
        revision: 3,
        agrees: true,
        view: '',
      });
      expect(stale.statusCode).toBe(409);
      expect(stale.json().error.details.current).toMatchObject({ amendment: 1, revision: 5 });
      expect((await w.agents.ib.get(`/api/plans/${id}`)).json().responses).toHaveLength(1);

      // The parents are shown what changed since they agreed; a "no" leaves the agreed text in force.
      const seen = (await w.agents.father.get(`/api/plans/${id}`)).json();
      expect(seen.changesSinceAgreement.map((c: { part: string }) => c.part)).toEqual([
        'programme_deviations',
        'agreement',
        'agreement',
      ]);
      t.clock.advance(60_000);
      const refused = await w.agents.father.post(`/api/plans/${id}/responses`, {
        revision: 5,
        agrees: false,
        view: 'Eerst overleggen.',
      });
      expect(refused.json()).toMatchObject({ parentAgreement: 'not_agreed', inForce: { amendment: 0 } });
      t.clock.advance(60_000);
      await w.agents.father.post(`/api/plans/${id}/responses`, { revision: 5, agrees: true, view: '' });
      const accepted = await w.agents.mother.post(`/api/plans/${id}/responses`, {
        revision: 5,
        agrees: true,
        view: '',
      });
      expect(accepted.json()).toMatchObject({
        amendment: 1,
        parentAgreement: 'agreed',
        inForce: { amendment: 1, agreedAt: accepted.json().responses[3].respondedAt },
        changesSinceAgreement: [],
      });
      expect(accepted.json().responses.map((r: { amendment: number }) => r.amendment)).toEqual([0, 1, 1, 1]);
      const versions = (await w.agents.mother.get(`/api/students/${child.id}/plans`)).json();
      expect(versions[0]).toMatchObject({ version: 1, amendment: 1, parentAgreement: 'agreed' });
      // The answer keeps the text it agreed with.
      const [stored] = await queryRows<{ action_part: { programmeDeviations: string } }>(
        t.database.db,
        sql`select action_part from plan_parent_response where plan_id = ${id} order by responded_at desc limit 1`,
      );
      expect(stored!.action_part.programmeDeviations).toBe('Eigen leerlijn rekenen en lezen');
    });

    it('puts a case meeting’s action taken into an agreed plan to the parents, the agreed text staying in force', async () => {
      const child = await w.aChild();
      const { id } = await planWith(child);
      await w.agents.mother.post(`/api/plans/${id}/responses`, { revision: 1, agrees: true, view: '' });
      const meeting = await aCaseMeeting(t.database.db, {
        swvId: w.swv.id,
        studentId: child.id,
        createdByUserId: w.users.ib.id,
        actions: [{ action: 'Observatie door de consulent', owner: 'swv' }],
      });
      const taken = await w.agents.ib.post(
        `/api/meetings/${meeting.id}/actions/${meeting.actionIds[0]}/to-plan`,
      );
      expect(taken.statusCode).toBe(200);
      const plan = (await w.agents.mother.get(`/api/plans/${id}`)).json();
      expect(plan).toMatchObject({
        revision: 2,
        amendment: 1,
        parentAgreement: 'none',
        inForce: { amendment: 0 },
        changesSinceAgreement: [
          {
            part: 'agreement',
            before: null,
            after: expect.objectContaining({ action: 'Observatie door de consulent', owner: 'swv' }),
          },
        ],
      });
    });

    it('keeps the first text open to change until a parent answered it', async () => {
      const child = await w.aChild();
      const { id } = await planWith(child);
      const edited = await w.agents.ib.patch(`/api/plans/${id}`, {
        revision: 1,
        hasDevelopmentPerspective: true,
        programmeDeviations: 'Minder taken per dag',
      });
      expect(edited.json()).toMatchObject({ amendment: 0, inForce: null, changesSinceAgreement: [] });
      // A parent who read it before the change answered other text.
      const stale = await w.agents.mother.post(`/api/plans/${id}/responses`, {
        revision: 1,
        agrees: true,
        view: '',
      });
      expect(stale.statusCode).toBe(409);
      const paper = await w.agents.ib.post(`/api/plans/${id}/responses`, {
        revision: 2,
        parentName: 'K. Smit',
        agrees: true,
        view: '',
        proof: 'Getekend formulier',
      });
      expect(paper.json()).toMatchObject({
        amendment: 0,
        parentAgreement: 'agreed',
        inForce: { amendment: 0 },
      });
    });
  });

  describe('the PDF', () => {
    it('is a tagged PDF download with the SWV, the version, the agreement status and all parts, logged as a print', async () => {
      const child = await w.aChild();
      const { id } = await planWith(child, {
        agreements: [{ owner: 'buurtteam', partnerOrganisationId: w.buurtteam }],
      });
      await w.agents.ib.patch(`/api/plans/${id}`, {
        revision: 1,
        strengths: 'Zorgzaam voor klasgenoten',
        pupilView: 'Ik vind rekenen leuk.',
      });
      await w.agents.mother.post(`/api/plans/${id}/responses`, {
        revision: 2,
        agrees: true,
        view: 'Akkoord, mét extra uitleg.',
      });
      const response = await w.agents.mother.get(`/api/plans/${id}/pdf`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('application/pdf');
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="Groeidocument-Noer-${child.familyName.replaceAll(' ', '-')}-versie-1.pdf"; filename*=UTF-8''${encodeURIComponent(`Groeidocument-Noër-${child.familyName.replaceAll(' ', '-')}-versie-1.pdf`)}`,
      );
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['cache-control']).toBe('no-store');
      const pdf = response.rawPayload;
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      const raw = pdf.toString('latin1');
      expect(raw).toMatch(/\/Lang \(nl-NL\)/);
      expect(raw).toMatch(/\/Marked true/);
      expect(raw).toContain('/StructTreeRoot');
      expect(raw).toMatch(/\/DisplayDocTitle true/);
      const text = pdfText(pdf);
      for (const expected of [
        `Groeidocument van Noër ${child.familyName}, versie 1`,
        'Samenwerkingsverband: SWV Passend Testland',
        'Instemming: de ouders stemden op 23 november 2026 in met het handelingsdeel van deze versie (1).',
        'Zorgzaam voor klasgenoten',
        'Heeft nodig: korte instructie en een vaste plek.',
        'Doel 1: Leest vlot een tekst van AVI E4',
        'Ik vind rekenen leuk.',
        ': akkoord met versie 1 (23 november 2026, in Passend).',
        'Zienswijze: Akkoord, mét extra uitleg.',
      ]) {
        expect(text.replace(/\s*\n\s*/g, ' ')).toContain(expected);
      }
      expect(await logRows(response.headers['x-request-id'])).toEqual([
        { action: 'print', outcome: 'allowed', object_type: 'plan', part: null },
      ]);
    });

    it('names the agreed version and its date, and never prints agreement for changed text', async () => {
      const child = await w.aChild();
      const { id } = await planWith(child);
      await w.agents.mother.post(`/api/plans/${id}/responses`, { revision: 1, agrees: true, view: '' });
      const plan = (await w.agents.ib.get(`/api/plans/${id}`)).json();
      t.clock.advance(60_000);
      await w.agents.ib.patch(`/api/plans/${id}`, {
        revision: 1,
        agreements: [
          ...plan.agreements.map(
            ({ partnerOrganisationName: _, overdue: __, ...a }: Record<string, unknown>) => a,
          ),
          {
            action: 'Huiswerkbegeleiding',
            owner: 'outside_help',
            partnerOrganisationId: null,
            dueOn: null,
            done: false,
            note: '',
          },
        ],
      });
      const printed = async () => {
        const response = await w.agents.mother.get(`/api/plans/${id}/pdf`);
        expect(response.statusCode).toBe(200);
        return { text: pdfText(response.rawPayload).replace(/\s*\n\s*/g, ' '), headers: response.headers };
      };
      const awaiting = await printed();
      expect(awaiting.headers['content-disposition']).toMatch(
        /^attachment; filename="Groeidocument-Noer-de-Vries-.*-versie-1\.1\.pdf"; filename\*=UTF-8''Groeidocument-No%C3%ABr-de-Vries-.*-versie-1\.1\.pdf$/,
      );
      for (const expected of [
        `Groeidocument van Noër ${child.familyName}, versie 1.1`,
        'Instemming: het handelingsdeel van deze versie (1.1) wacht op de instemming van de ouders. Van kracht blijft het handelingsdeel van versie 1, waarmee de ouders instemden op 23 november 2026.',
        'Gewijzigd sinds de instemming met versie 1',
        'Nieuwe afspraak: Huiswerkbegeleiding',
      ]) {
        expect(awaiting.text).toContain(expected);
      }
      // Agreement is printed only for the text agreed with, never for this one.
      expect(awaiting.text).not.toContain('in met het handelingsdeel van deze versie');

      await w.agents.mother.post(`/api/plans/${id}/responses`, { revision: 2, agrees: true, view: '' });
      const agreed = await printed();
      expect(agreed.text).toContain(
        'Instemming: de ouders stemden op 23 november 2026 in met het handelingsdeel van deze versie (1.1).',
      );
      expect(agreed.text).not.toContain('Gewijzigd sinds de instemming');
    });

    it('prints names as written in an embedded font, and names the file after the child, the kind and the version', async () => {
      const child = await aStudent(t.database.db, w.swv.id, w.school.id, {
        givenName: 'Thị Ánh',
        familyName: 'Nguyễn-Şahin',
      });
      await aGuardian(t.database.db, w.swv.id, child.id, w.users.mother.id);
      const { id } = await planWith(child, { hasDevelopmentPerspective: true });
      await w.agents.ib.patch(`/api/plans/${id}`, {
        revision: 1,
        pupilView: 'Ik speel graag met Łukasz en Ağça.',
      });
      const response = await w.agents.mother.get(`/api/plans/${id}/pdf`);
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-disposition']).toBe(
        `attachment; filename="OPP-Thi-Anh-Nguyen-Sahin-versie-1.pdf"; filename*=UTF-8''${encodeURIComponent('OPP-Thị-Ánh-Nguyễn-Şahin-versie-1.pdf')}`,
      );
      const pdf = response.rawPayload;
      // DejaVu Sans, embedded as a subset (the "ABCDEF+" prefix), for the text and the headings.
      expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans\b/);
      expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans-Bold\b/);
      const text = pdfText(pdf).replace(/\s*\n\s*/g, ' ');
      expect(text).toContain('Ontwikkelingsperspectief (OPP) van Thị Ánh Nguyễn-Şahin, versie 1');
      expect(text).toContain('Ik speel graag met Łukasz en Ağça.');
      expect(text).not.toContain('\uFFFD');
    });

    it('prints the secondary school’s words in a VO SWV: the class and its teachers', async () => {
      const child = await w.aChild();
      const { id } = await planWith(child);
      const text = async () =>
        pdfText((await w.agents.ib.get(`/api/plans/${id}/pdf`)).rawPayload).replace(/\s*\n\s*/g, ' ');
      const primary = await text();
      expect(primary).toContain('Wat de leerkracht nodig heeft');
      expect(primary).toMatch(/, groep /);
      await t.database.db.execute(sql`update swv set sector = 'VO' where id = ${w.swv.id}`);
      try {
        const secondary = await text();
        expect(secondary).toContain('Wat de docenten nodig hebben');
        expect(secondary).toMatch(/, klas /);
        expect(secondary).not.toMatch(/leerkracht|, groep /);
      } finally {
        await t.database.db.execute(sql`update swv set sector = 'PO' where id = ${w.swv.id}`);
      }
    });

    it('says which agreements are past their date on the day of printing', async () => {
      const child = await w.aChild();
      const { id, agreementIds } = await planWith(child, { agreements: [{}, {}] });
      await t.database.db.execute(
        sql`update plan_agreement set due_on = '2026-11-01' where id = ${agreementIds[0]!}`,
      );
      const text = pdfText((await w.agents.ib.get(`/api/plans/${id}/pdf`)).rawPayload).replace(
        /\s*\n\s*/g,
        ' ',
      );
      expect(text).toContain(
        'Afspraak 1 — door school, uiterlijk 1 november 2026 — nog niet gedaan, de datum is voorbij.',
      );
      expect(text).toContain('Afspraak 2 — door school — nog te doen.');
    });

    it('is refused, and logged, for a partner without consent', async () => {
      const child = await w.aChild();
      const { id } = await planWith(child);
      const response = await w.agents.partnerWithout.get(`/api/plans/${id}/pdf`);
      expect(response.statusCode).toBe(403);
      expect(await logRows(response.headers['x-request-id'])).toEqual([
        expect.objectContaining({ action: 'print', outcome: 'denied' }),
      ]);
    });
  });

  it('answers 404 for another SWV’s plan and for a plan that does not exist', async () => {
    const db = t.database.db;
    const foreignSwv = await aSwv(db);
    const foreignSchool = await aSchool(db, foreignSwv.id);
    const foreignChild = await aStudent(db, foreignSwv.id, foreignSchool.id);
    const foreignIb: TestUser = await aUser(db, foreignSwv.id, [
      { role: 'school_ib', schoolId: foreignSchool.id },
    ]);
    const { id } = await aPlan(db, {
      swvId: foreignSwv.id,
      studentId: foreignChild.id,
      byUserId: foreignIb.id,
    });
    expect((await w.agents.ib.get(`/api/plans/${id}`)).statusCode).toBe(404);
    expect((await w.agents.ib.patch(`/api/plans/${id}`, { revision: 1, needs: 'x' })).statusCode).toBe(404);
    expect((await w.agents.ib.get('/api/plans/0190f0f0-0000-7000-8000-000000000000')).statusCode).toBe(404);
  });
});
