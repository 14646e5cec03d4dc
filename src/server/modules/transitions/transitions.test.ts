import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Agent,
  aConsent,
  aGuardian,
  anActivePlan,
  aSchool,
  aStudent,
  aSwv,
  aTeam,
  aUser,
  signIn,
  type TestUser,
} from '../../../../test/support/factories.ts';
import { type TestApp, testApp } from '../../../../test/support/testApp.ts';
import { addDays, amsterdamToday } from '../../../domain/calendar.ts';
import { queryRows } from '../../db/client.ts';
import { absenceCase } from '../../db/schema/index.ts';
import { sendReminders } from '../../jobs/reminders.ts';

type View = {
  id: string;
  direction: string;
  moveKind: string;
  studentId: string;
  handedOverOn: string | null;
  risks: string[] | null;
  report: string | null;
  consentInForce: boolean | null;
  clock: {
    decideBy: string;
    daysLeft: number;
    paused: boolean;
    overdue: boolean;
    temporaryPlacement: boolean;
  } | null;
  extended: boolean;
  outcome: string | null;
  startedOn: string | null;
  followUpOn: string | null;
  permissions: { steps: string[] };
  attention?: { need: string; dueOn: string; urgent: boolean } | null;
};

describe('transitions', () => {
  let t: TestApp;
  let swvId: string;
  let voSwvId: string;
  let fromSchool: { id: string; locationCode: string };
  let toSchool: { id: string; locationCode: string };
  let voSchool: { id: string; locationCode: string };
  let parentUser: TestUser;
  let voIbUser: TestUser;
  let ib: Agent;
  let receivingIb: Agent;
  let receivingDirector: Agent;
  let consultant: Agent;
  let parent: Agent;
  let teacher: Agent;
  let voIb: Agent;
  const users = new Map<string, TestUser>();
  const as = async (name: string, user: TestUser) => {
    users.set(name, user);
    return signIn(t, user);
  };
  /** Moves the clock on by days; sessions end after 30 idle minutes, so everyone signs in again. */
  async function later(days: number) {
    t.clock.advance(days * 86_400_000);
    ib = await signIn(t, users.get('ib')!);
    receivingIb = await signIn(t, users.get('receivingIb')!);
    receivingDirector = await signIn(t, users.get('receivingDirector')!);
    consultant = await signIn(t, users.get('consultant')!);
    parent = await signIn(t, users.get('parent')!);
    teacher = await signIn(t, users.get('teacher')!);
    voIb = await signIn(t, users.get('voIb')!);
  }

  beforeAll(async () => {
    t = await testApp();
    const db = t.database.db;
    swvId = (await aSwv(db)).id;
    voSwvId = (await aSwv(db, { sector: 'VO' })).id;
    fromSchool = await aSchool(db, swvId);
    toSchool = await aSchool(db, swvId, { kind: 'sbo' });
    voSchool = await aSchool(db, voSwvId, { kind: 'vo', name: 'Het Lyceum' });
    parentUser = await aUser(db, swvId, [{ role: 'parent' }]);
    voIbUser = await aUser(db, voSwvId, [{ role: 'school_ib', schoolId: voSchool.id }]);
    const consultantUser = await aUser(db, swvId, [{ role: 'consultant' }]);
    await aTeam(db, swvId, [toSchool.id], [consultantUser.id]);
    ib = await as('ib', await aUser(db, swvId, [{ role: 'school_ib', schoolId: fromSchool.id }]));
    receivingIb = await as(
      'receivingIb',
      await aUser(db, swvId, [{ role: 'school_ib', schoolId: toSchool.id }]),
    );
    receivingDirector = await as(
      'receivingDirector',
      await aUser(db, swvId, [{ role: 'school_director', schoolId: toSchool.id }]),
    );
    consultant = await as('consultant', consultantUser);
    parent = await as('parent', parentUser);
    teacher = await as(
      'teacher',
      await aUser(db, swvId, [{ role: 'teacher', schoolId: fromSchool.id, groups: ['8A'] }]),
    );
    voIb = await as('voIb', voIbUser);
  });
  afterAll(() => t.close());

  async function aChild(options: { consent?: boolean; level?: number } = {}) {
    const db = t.database.db;
    const child = await aStudent(db, swvId, fromSchool.id, {
      groupName: '8A',
      supportLevel: options.level ?? 3,
    });
    await aGuardian(db, swvId, child.id, parentUser.id);
    if (options.consent !== false)
      await aConsent(db, {
        swvId,
        studentId: child.id,
        givenByUserId: parentUser.id,
        purpose: 'hand_over_to_school',
      });
    return child;
  }
  const start = ({ studentId, ...body }: Record<string, unknown>) =>
    ib.post(`/api/students/${studentId}/transitions`, {
      registeredOn: '2026-11-02',
      movesOn: '2027-01-04',
      ...body,
    });
  const step = (agent: Agent, id: string, body: object) => agent.post(`/api/transitions/${id}/steps`, body);
  const count = async (table: string) =>
    (await queryRows<{ n: number }>(t.database.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0]!
      .n;

  it('hands a child over within the SWV with the parents’ consent; the receiving school decides within the term', async () => {
    const child = await aChild({ level: 4 });
    await anActivePlan(t.database.db, {
      swvId,
      studentId: child.id,
      userId: (await aUser(t.database.db, swvId, [])).id,
    });
    // An absence case last school year: the receiving school should know (risk flag absence_history).
    const recorder = await aUser(t.database.db, swvId, []);
    await t.database.db.insert(absenceCase).values({
      swvId,
      id: uuidv7(),
      studentId: child.id,
      municipality: 'Utrecht',
      kind: 'relative_long',
      startedOn: '2026-02-02',
      endedOn: '2026-04-20',
      ending: 'own_school',
      createdByUserId: recorder.id,
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    const started = await start({
      studentId: child.id,
      toLocationCode: toSchool.locationCode,
      report: 'Rustig, leest graag.',
    });
    expect(started.statusCode, started.body).toBe(201);
    const view: View = started.json();
    expect(view).toMatchObject({ direction: 'within', moveKind: 'to_special', consentInForce: true });
    expect(view.risks).toEqual(['level_4', 'active_plan', 'absence_history']);
    // The term runs from the registration: 6 weeks.
    expect(view.clock).toMatchObject({ decideBy: '2026-12-14', daysLeft: 21, paused: false });
    expect(view.permissions.steps).toEqual(['report', 'hand_over', 'meeting']);

    // Before the hand-over the receiving school sees the registration and its clock, not the file.
    const early: View = (await receivingIb.get(`/api/transitions/${view.id}`)).json();
    expect(early.risks).toBeNull();
    expect(early.report).toBeNull();
    expect(early.permissions.steps).toEqual(['meeting', 'wait', 'extend']);
    expect(
      (await step(receivingIb, view.id, { step: 'decide', outcome: 'placed', startsOn: '2027-01-04' })).json()
        .error.details.rule,
    ).toBe('not_handed_over');

    const handed = await step(ib, view.id, { step: 'hand_over' });
    expect(handed.statusCode, handed.body).toBe(200);
    const seen: View = (await receivingIb.get(`/api/transitions/${view.id}`)).json();
    expect(seen).toMatchObject({ handedOverOn: '2026-11-23', report: 'Rustig, leest graag.' });
    expect(seen.risks).toEqual(['level_4', 'active_plan', 'absence_history']);
    const notices = await queryRows<{ kind: string }>(
      t.database.db,
      sql`select kind from notification where subject_id = ${view.id}`,
    );
    expect(notices.map((n) => n.kind)).toContain('transition_handed_over');

    // Waiting for asked information pauses the clock; the term is extended once.
    expect((await step(receivingIb, view.id, { step: 'wait' })).json().clock.paused).toBe(true);
    await later(3);
    const resumed: View = (await step(receivingIb, view.id, { step: 'resume' })).json();
    expect(resumed.clock).toMatchObject({ paused: false, decideBy: '2026-12-17' });
    const extended: View = (await step(receivingDirector, view.id, { step: 'extend' })).json();
    expect(extended.clock?.decideBy).toBe('2027-01-14');
    const again = await step(receivingIb, view.id, { step: 'extend' });
    expect(again.statusCode).toBe(422);
    expect(again.json().error.details.rule).toBe('term_extended_once');

    const meeting = await step(ib, view.id, {
      step: 'meeting',
      meetingOn: '2026-11-25',
      meetingWith: 'IB’ers, ouders, mentor',
    });
    expect(meeting.statusCode, meeting.body).toBe(200);
    const decided = await step(receivingIb, view.id, {
      step: 'decide',
      outcome: 'placed',
      startsOn: '2027-01-04',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    expect(decided.json()).toMatchObject({
      outcome: 'placed',
      startedOn: '2027-01-04',
      followUpOn: '2027-02-15',
    });
    const twice = await step(receivingIb, view.id, { step: 'decide', outcome: 'not_placed', reason: 'Vol' });
    expect(twice.statusCode).toBe(422);
    expect(twice.json().error.details.rule).toBe('term_already_decided');
    expect((await receivingIb.get(`/api/transitions/${view.id}`)).json().outcome).toBe('placed');

    // The parents read it; a teacher and the sending school's steps on the receiving side are refused.
    expect((await parent.get(`/api/transitions/${view.id}`)).statusCode).toBe(200);
    expect((await teacher.get(`/api/transitions/${view.id}`)).statusCode).toBe(403);
    expect((await step(ib, view.id, { step: 'wait' })).statusCode).toBe(403);
    expect((await consultant.get(`/api/transitions/${view.id}`)).statusCode).toBe(200);
  });

  it('refuses a hand-over without the parents’ consent, and changes nothing', async () => {
    const child = await aChild({ consent: false });
    const view: View = (await start({ studentId: child.id, toLocationCode: toSchool.locationCode })).json();
    expect(view.consentInForce).toBe(false);
    const refused = await step(ib, view.id, { step: 'hand_over' });
    expect(refused.statusCode).toBe(422);
    expect(refused.json().error.details.rule).toBe('hand_over_without_consent');
    expect(refused.json().error.message).toMatch(/hand_over_to_school/);
    expect((await ib.get(`/api/transitions/${view.id}`)).json().handedOverOn).toBeNull();
  });

  it('refuses a move to the own school and a registration in the future or before birth', async () => {
    const child = await aChild();
    const before = await count('transition');
    const same = await start({ studentId: child.id, toLocationCode: fromSchool.locationCode });
    expect(same.statusCode).toBe(422);
    expect(same.json().error.details.rule).toBe('transition_to_same_school');
    const future = await start({
      studentId: child.id,
      toLocationCode: toSchool.locationCode,
      registeredOn: '2026-12-01',
    });
    expect(future.json().error.details.rule).toBe('registered_in_future');
    const unborn = await start({
      studentId: child.id,
      toLocationCode: toSchool.locationCode,
      registeredOn: '2015-01-01',
    });
    expect(unborn.json().error.details.rule).toBe('registered_before_birth');
    const unknown = await start({ studentId: child.id, toLocationCode: '99ZZ99' });
    expect(unknown.statusCode).toBe(400);
    expect(await count('transition')).toBe(before);
    // The receiving school cannot start one for a child that is not theirs.
    const foreign = await receivingIb.post(`/api/students/${child.id}/transitions`, {
      toLocationCode: toSchool.locationCode,
      registeredOn: '2026-11-02',
      movesOn: '2027-01-04',
    });
    expect(foreign.statusCode).toBe(403);
    // One move at a time: a second one while the first waits for its decision is refused.
    expect((await start({ studentId: child.id, toLocationCode: toSchool.locationCode })).statusCode).toBe(
      201,
    );
    const second = await start({ studentId: child.id, toLocationCode: toSchool.locationCode });
    expect(second.statusCode).toBe(422);
    expect(second.json().error.details.rule).toBe('move_already_open');
    expect(await count('transition')).toBe(before + 1);
  });

  it('hands a child over to a school of another SWV as a new file there, with only what was consented', async () => {
    const db = t.database.db;
    const child = await aChild({ level: 3 });
    const started = await start({
      studentId: child.id,
      toLocationCode: voSchool.locationCode,
      report: 'Goede start in groep 8.',
    });
    expect(started.statusCode, started.body).toBe(201);
    const view: View = started.json();
    expect(view).toMatchObject({ direction: 'outgoing', moveKind: 'po_vo', clock: null });
    const beforeStudents = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from student where swv_id = ${voSwvId}`,
    );
    const handed = await step(ib, view.id, { step: 'hand_over' });
    expect(handed.statusCode, handed.body).toBe(200);
    expect(handed.json().to).toMatchObject({ name: 'Het Lyceum', locationCode: voSchool.locationCode });

    // In the VO SWV: a new file with the name, birth date and level, and the incoming transition.
    const arriving = (await voIb.get('/api/transitions?view=arriving')).json().transitions as View[];
    expect(arriving).toHaveLength(1);
    const incoming: View = (await voIb.get(`/api/transitions/${arriving[0]!.id}`)).json();
    expect(incoming).toMatchObject({
      direction: 'incoming',
      report: 'Goede start in groep 8.',
      handedOverOn: '2026-11-26',
    });
    expect(incoming.studentId).not.toBe(child.id);
    expect(incoming.clock?.decideBy).toBe('2026-12-14');
    const [copy] = await queryRows<{
      swv_id: string;
      given_name: string;
      birth_date: string;
      support_level: number;
      school_id: string;
    }>(
      db,
      sql`select swv_id, given_name, birth_date::text, support_level, school_id from student where id = ${incoming.studentId}`,
    );
    expect(copy).toEqual({
      swv_id: voSwvId,
      given_name: 'Sanne',
      birth_date: '2016-04-12',
      support_level: 3,
      school_id: voSchool.id,
    });
    // Nothing else crossed: no plan, consent, guardian, case team or document of the new file, and
    // no row of the VO SWV names the sending SWV's child or transition.
    for (const table of ['plan', 'consent', 'student_guardian', 'case_member', 'document'])
      expect(
        (
          await queryRows<{ n: number }>(
            db,
            sql`select count(*)::int as n from ${sql.raw(table)} where student_id = ${incoming.studentId}`,
          )
        )[0]!.n,
      ).toBe(0);
    const leaks = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from transition where swv_id = ${voSwvId}
          and (student_id = ${child.id} or id = ${view.id})`,
    );
    expect(leaks[0]!.n).toBe(0);
    expect(
      (
        await queryRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from student where swv_id = ${voSwvId}`,
        )
      )[0]!.n,
    ).toBe(beforeStudents[0]!.n + 1);
    // The new file's own access log in the VO SWV starts with the hand-over.
    const log = await queryRows<{ action: string; part: string }>(
      db,
      sql`select action, part from access_log where swv_id = ${voSwvId} and student_id = ${incoming.studentId} order by seq`,
    );
    expect(log[0]).toEqual({ action: 'create', part: 'hand_over' });
    // Each SWV keeps to its own: the sending IB'er does not reach the incoming row, nor the other way round.
    expect((await ib.get(`/api/transitions/${incoming.id}`)).statusCode).toBe(404);
    expect((await voIb.get(`/api/transitions/${view.id}`)).statusCode).toBe(404);
    // The receiving school sees the risks and decides within the term.
    expect(incoming.risks).toEqual([]);
    const decided = await step(voIb, incoming.id, {
      step: 'decide',
      outcome: 'placed',
      startsOn: '2027-01-04',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    // The sending SWV's row names the receiving school and stays as it was.
    expect((await ib.get(`/api/transitions/${view.id}`)).json()).toMatchObject({
      outcome: null,
      handedOverOn: '2026-11-26',
    });
  });

  it('shows a move without a decision past 10 weeks as a temporary placement, past its term', async () => {
    const child = await aChild();
    const view: View = (
      await start({
        studentId: child.id,
        toLocationCode: toSchool.locationCode,
        registeredOn: '2026-09-01',
        movesOn: '2026-09-15',
      })
    ).json();
    expect(view.clock).toMatchObject({ overdue: true, temporaryPlacement: true, decideBy: '2026-10-13' });
    const list = (await receivingIb.get('/api/transitions?view=arriving')).json().transitions as View[];
    expect(list.find((row) => row.id === view.id)?.clock?.temporaryPlacement).toBe(true);
  });

  it('lists leaving, arriving and the consultant’s moves; a teacher has no list', async () => {
    const leaving = (await ib.get('/api/transitions?view=leaving&period=all')).json().transitions as View[];
    expect(leaving.length).toBeGreaterThanOrEqual(3);
    const arriving = (await receivingIb.get('/api/transitions?view=arriving&period=all')).json()
      .transitions as View[];
    expect(arriving.every((row) => row.direction === 'within')).toBe(true);
    const swv = (await consultant.get('/api/transitions?view=swv&period=all')).json().transitions as View[];
    expect(swv.map((r) => r.id).sort()).toEqual(arriving.map((r) => r.id).sort());
    expect((await teacher.get('/api/transitions?view=leaving')).statusCode).toBe(403);
    const schools = (await ib.get('/api/transition-schools?q=Lyceum')).json().schools;
    expect(schools).toEqual([
      expect.objectContaining({ name: 'Het Lyceum', otherSwvName: expect.any(String) }),
    ]);
  });

  it('lists what waits for each side, the urgent first (the home page’s panel)', async () => {
    const today = amsterdamToday(t.clock.now);
    const day = (n: number) => addDays(today, n);
    const move = async (
      registeredIn: number,
      movesIn: number,
      options: { handOver?: boolean; level?: number } = {},
    ) => {
      const child = await aChild({ level: options.level ?? 3 });
      const started = await start({
        studentId: child.id,
        toLocationCode: toSchool.locationCode,
        registeredOn: day(registeredIn),
        movesOn: day(movesIn),
      });
      expect(started.statusCode, started.body).toBe(201);
      const id: string = started.json().id;
      if (options.handOver) expect((await step(ib, id, { step: 'hand_over' })).statusCode).toBe(200);
      return id;
    };
    // Term ends in 2 days; registered 5 days ago (level 4); first day in 3 days, or in 60 days, not
    // handed over yet.
    const termEnding = await move(-40, 30, { handOver: true });
    const justRegistered = await move(-5, 60, { level: 4, handOver: true });
    const firstDaySoon = await move(-10, 3);
    const farAway = await move(-3, 60);
    // Placed 6 weeks ago: the follow-up is today. Not placed: nothing waits.
    const followUp = await move(-60, -42, { handOver: true });
    expect(
      (await step(receivingIb, followUp, { step: 'decide', outcome: 'placed', startsOn: day(-42) }))
        .statusCode,
    ).toBe(200);
    const refused = await move(-20, 20, { handOver: true });
    expect(
      (await step(receivingIb, refused, { step: 'decide', outcome: 'not_placed', reason: 'Vol' })).statusCode,
    ).toBe(200);
    const ours = [termEnding, justRegistered, firstDaySoon, farAway, followUp, refused];
    const due = async (agent: Agent, view: string) => {
      const response = await agent.get(`/api/transitions?view=${view}&period=due`);
      expect(response.statusCode, response.body).toBe(200);
      return (response.json().transitions as View[]).filter((row) => ours.includes(row.id));
    };

    // The receiving school: the decisions and the follow-up, urgent first, then by the day.
    const arriving = await due(receivingIb, 'arriving');
    expect(arriving.map((row) => row.id)).toEqual([
      followUp,
      termEnding,
      firstDaySoon,
      justRegistered,
      farAway,
    ]);
    expect(arriving.map((row) => row.attention)).toEqual([
      { need: 'follow_up', dueOn: today, urgent: true },
      { need: 'decide', dueOn: day(2), urgent: true },
      { need: 'decide', dueOn: day(32), urgent: false },
      { need: 'decide', dueOn: day(37), urgent: false },
      { need: 'decide', dueOn: day(39), urgent: false },
    ]);
    expect((await due(receivingDirector, 'arriving')).map((row) => row.id)).toEqual(
      arriving.map((r) => r.id),
    );
    // The sending school: the hand-overs not done, by the first day.
    const leaving = await due(ib, 'leaving');
    expect(leaving.map((row) => [row.id, row.attention])).toEqual([
      [firstDaySoon, { need: 'hand_over', dueOn: day(3), urgent: true }],
      [farAway, { need: 'hand_over', dueOn: day(60), urgent: false }],
    ]);
    // The consultant of the receiving school's team: open risks on top, then as the schools.
    const swv = await due(consultant, 'swv');
    expect(swv.map((row) => row.id)).toEqual([justRegistered, followUp, termEnding, firstDaySoon, farAway]);
    expect(swv[0]!.risks).toEqual(['level_4']);
    // The hand-over before the decision, due by the earlier day, as urgent as either.
    expect(swv.slice(3).map((row) => row.attention)).toEqual([
      { need: 'hand_over', dueOn: day(3), urgent: true },
      { need: 'hand_over', dueOn: day(39), urgent: false },
    ]);
    // The other lists say what waits too; a teacher has no list; a period or view unknown is refused.
    const all = (await receivingIb.get('/api/transitions?view=arriving&period=all')).json()
      .transitions as View[];
    expect(all.find((row) => row.id === refused)?.attention).toBeNull();
    expect((await teacher.get('/api/transitions?view=leaving&period=due')).statusCode).toBe(403);
    for (const query of ['view=arriving&period=soon', 'view=mine&period=due', 'view=arriving&period=due&x=1'])
      expect((await receivingIb.get(`/api/transitions?${query}`)).statusCode).toBe(400);
  });

  it('reminds the receiving school of the term’s end and of the follow-up 6 weeks after the start', async () => {
    const child = await aChild();
    const view: View = (
      await start({ studentId: child.id, toLocationCode: toSchool.locationCode, registeredOn: '2026-11-20' })
    ).json();
    await step(ib, view.id, { step: 'hand_over' });
    const kinds = async () =>
      (
        await queryRows<{ kind: string; occasion: string }>(
          t.database.db,
          sql`select distinct kind, occasion from notification where subject_id = ${view.id} and kind <> 'transition_handed_over'`,
        )
      ).map((row) => `${row.kind} ${row.occasion}`);
    await sendReminders(t.database, new Date('2026-12-20T07:00:00Z'));
    expect(await kinds()).toEqual([]);
    await sendReminders(t.database, new Date('2026-12-27T07:00:00Z'));
    expect(await kinds()).toEqual(['transition_term_ending 2027-01-01']);
    await step(receivingIb, view.id, { step: 'decide', outcome: 'placed', startsOn: '2027-01-04' });
    await sendReminders(t.database, new Date('2027-02-15T07:00:00Z'));
    expect(await kinds()).toEqual(['transition_follow_up 2027-02-15', 'transition_term_ending 2027-01-01']);
  });
});
