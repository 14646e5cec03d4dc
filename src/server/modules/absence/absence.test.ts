import { sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Agent,
  aGuardian,
  anAttendanceOrganisation,
  aPartnerOrganisation,
  aSchool,
  aStudent,
  aSwv,
  aTeam,
  aUser,
  signIn,
  type TestUser,
} from '../../../../test/support/factories.ts';
import { type KnownSum, smallCellsGivenAway } from '../../../../test/support/subtraction.ts';
import { type TestApp, testApp } from '../../../../test/support/testApp.ts';
import { queryRows } from '../../db/client.ts';
import { absenceCase } from '../../db/schema/index.ts';
import { absenceThresholdsOf } from './absence.commands.ts';

type CaseView = {
  id: string;
  kind: string;
  startedOn: string;
  offer: { educationHours: number; careHours: number } | null;
  offers: unknown[];
  steps: { id: string; doneOn: string | null }[];
  events: { kind: string; threshold: string | null; people: string[] }[];
  endedOn: string | null;
  pastRedLine: boolean;
  child: { studentId: string | null; name: string };
};

const day = 24 * 60 * 60 * 1000;

describe('children at home', () => {
  let t: TestApp;
  let swvId: string;
  let schoolId: string;
  let otherSchoolId: string;
  let officerUser: TestUser;
  let directorUser: TestUser;
  let parentUser: TestUser;
  let ib: Agent;
  let otherIb: Agent;
  let officer: Agent;
  let otherOfficer: Agent;
  let buurtteam: Agent;
  let consultant: Agent;
  let policy: Agent;
  let committee: Agent;
  let parent: Agent;
  let admin: Agent;
  let director: Agent;

  beforeAll(async () => {
    t = await testApp();
    const db = t.database.db;
    swvId = (await aSwv(db, { municipalities: ['Utrecht', 'Nieuwegein'] })).id;
    schoolId = (await aSchool(db, swvId)).id;
    otherSchoolId = (await aSchool(db, swvId)).id;
    const leerplicht = await anAttendanceOrganisation(db, swvId, 'Utrecht');
    const leerplichtElsewhere = await anAttendanceOrganisation(db, swvId, 'Nieuwegein');
    officerUser = await aUser(db, swvId, [{ role: 'partner', partnerOrganisationId: leerplicht }], {
      displayName: 'Leerplichtambtenaar Utrecht',
    });
    directorUser = await aUser(db, swvId, [{ role: 'swv_admin' }], { displayName: 'Directeur SWV' });
    const consultantUser = await aUser(db, swvId, [{ role: 'consultant' }]);
    await aTeam(db, swvId, [schoolId], [consultantUser.id]);
    ib = await signIn(t, await aUser(db, swvId, [{ role: 'school_ib', schoolId }]));
    otherIb = await signIn(t, await aUser(db, swvId, [{ role: 'school_ib', schoolId: otherSchoolId }]));
    officer = await signIn(t, officerUser);
    otherOfficer = await signIn(
      t,
      await aUser(db, swvId, [{ role: 'partner', partnerOrganisationId: leerplichtElsewhere }]),
    );
    buurtteam = await signIn(
      t,
      await aUser(db, swvId, [
        { role: 'partner', partnerOrganisationId: await aPartnerOrganisation(db, swvId) },
      ]),
    );
    consultant = await signIn(t, consultantUser);
    policy = await signIn(t, await aUser(db, swvId, [{ role: 'policy' }]));
    committee = await signIn(t, await aUser(db, swvId, [{ role: 'committee' }]));
    parentUser = await aUser(db, swvId, [{ role: 'parent' }]);
    parent = await signIn(t, parentUser);
    admin = await signIn(t, directorUser);
    director = await signIn(t, await aUser(db, swvId, [{ role: 'school_director', schoolId }]));
  });
  afterAll(() => t.close());

  const rows = async (query: string) => queryRows<{ n: number }>(t.database.db, sql.raw(query));
  const caseCount = async () => (await rows('select count(*)::int as n from absence_case'))[0]!.n;
  const run = (now: Date) => t.database.db.transaction((tx) => absenceThresholdsOf(tx, swvId, now));

  it('opens a watch on the school’s absence report, for the school and leerplicht only', async () => {
    const child = await aStudent(t.database.db, swvId, schoolId, { givenName: 'Daan' });
    const reported = await ib.post(`/api/students/${child.id}/absence-watches`, {
      kind: 'absence_report',
      absentSince: '2026-11-02',
      note: '16 uur ongeoorloofd verzuim in 4 weken gemeld bij DUO.',
    });
    expect(reported.statusCode, reported.body).toBe(201);
    expect(reported.json()).toMatchObject({
      state: 'open',
      dueOn: '2026-11-30',
      due: false,
      municipality: 'Utrecht',
    });
    const watchId = reported.json().id;
    const seen = async (agent: Agent) =>
      ((await agent.get('/api/absence')).json().watches ?? []).map((w: { id: string }) => w.id);
    expect(await seen(ib)).toEqual([watchId]);
    expect(await seen(officer)).toEqual([watchId]);
    expect(await seen(otherIb)).toEqual([]);
    expect(await seen(otherOfficer)).toEqual([]);
    expect(await seen(consultant)).toEqual([]);
    // A second report while one is open is refused.
    const again = await ib.post(`/api/students/${child.id}/absence-watches`, {
      kind: 'worry',
      absentSince: '2026-11-02',
    });
    expect(again.json().error.details.rule).toBe('watch_already_open');
    // On 30 November the 4 weeks have passed: the school and leerplicht are asked to open a case.
    expect(await run(new Date('2026-11-29T06:00:00Z'))).toBe(0);
    expect(await run(new Date('2026-11-30T06:00:00Z'))).toBe(2);
    expect(await run(new Date('2026-11-30T06:00:00Z'))).toBe(0);
    // Leerplicht converts it: a case of long relative absence from the first day of absence.
    const converted = await officer.post(`/api/absence/watches/${watchId}/convert`, { reason: '' });
    expect(converted.statusCode, converted.body).toBe(201);
    expect(converted.json()).toMatchObject({ kind: 'relative_long', startedOn: '2026-11-02' });
    expect(converted.json().attendanceOfficer.name).toBe('Leerplichtambtenaar Utrecht');
    const twice = await ib.post(`/api/absence/watches/${watchId}/convert`, { reason: '' });
    expect(twice.json().error.details.rule).toBe('watch_not_open');
  });

  it('lets the school close a watch without a case when the child attends again, once', async () => {
    const child = await aStudent(t.database.db, swvId, schoolId, { givenName: 'Noor' });
    const reported = await ib.post(`/api/students/${child.id}/absence-watches`, {
      kind: 'worry',
      absentSince: '2026-11-16',
    });
    const watchId: string = reported.json().id;
    expect(reported.json().permissions).toEqual({ convert: true, close: true });
    const listed = async (agent: Agent) =>
      ((await agent.get('/api/absence')).json().watches ?? []).map((w: { id: string }) => w.id);
    expect(await listed(ib)).toContain(watchId);
    // Another school's IB'er may not close it.
    const foreign = await otherIb.post(`/api/absence/watches/${watchId}/close`, {});
    expect(foreign.statusCode).toBe(403);
    const casesBefore = await caseCount();
    const closed = await ib.post(`/api/absence/watches/${watchId}/close`, {});
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ id: watchId, state: 'closed', caseId: null });
    expect(closed.json().permissions).toEqual({ convert: false, close: false });
    expect(await caseCount()).toBe(casesBefore);
    expect(await listed(ib)).not.toContain(watchId);
    expect(await listed(officer)).not.toContain(watchId);
    // Closed is final: neither closed again nor turned into a case.
    const again = await officer.post(`/api/absence/watches/${watchId}/close`, {});
    expect(again.statusCode).toBe(422);
    expect(again.json().error.details.rule).toBe('watch_not_open');
    const convert = await officer.post(`/api/absence/watches/${watchId}/convert`, { reason: '' });
    expect(convert.json().error.details.rule).toBe('watch_not_open');
    // Every attempt is on the access log: the refused one of the other school, the close, and the
    // two later attempts the rule refused.
    const logged = await queryRows<{ outcome: string; n: number }>(
      t.database.db,
      sql`select outcome, count(*)::int as n from access_log
          where object_type = 'absence_watch' and object_id = ${watchId} and action = 'update'
          group by outcome order by outcome`,
    );
    expect(logged).toEqual([
      { outcome: 'allowed', n: 3 },
      { outcome: 'denied', n: 1 },
    ]);
    // A new worry can open a new watch afterwards.
    const next = await ib.post(`/api/students/${child.id}/absence-watches`, {
      kind: 'worry',
      absentSince: '2026-11-23',
    });
    expect(next.statusCode, next.body).toBe(201);
  });

  it('lets leerplicht register a child enrolled nowhere, without consent, and logs its legal task', async () => {
    const registered = await officer.post('/api/absence/cases', {
      child: { givenName: 'Mila', familyName: 'Jansen', birthDate: '2014-06-01' },
      municipality: 'Utrecht',
      kind: 'absolute',
      startedOn: '2026-08-24',
      reason: 'Na verhuizing nergens ingeschreven.',
      attendanceOfficerUserId: officerUser.id,
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const view: CaseView = registered.json();
    expect(view.child).toMatchObject({ studentId: null, name: 'Mila Jansen' });
    const [log] = await queryRows<{ purpose: string; outcome: string }>(
      t.database.db,
      sql`select purpose, outcome from access_log where object_id = ${view.id} order by seq desc limit 1`,
    );
    expect(log).toMatchObject({ outcome: 'allowed', purpose: expect.stringContaining('legal task') });
    // Consultants of the SWV see a case without a school; leerplicht of another municipality, a
    // buurtteam, the committee and policy staff do not.
    expect((await consultant.get(`/api/absence/cases/${view.id}`)).statusCode).toBe(200);
    for (const agent of [otherOfficer, buurtteam, committee, policy, ib, parent])
      expect((await agent.get(`/api/absence/cases/${view.id}`)).statusCode).toBe(403);
    expect(
      (await buurtteam.post('/api/absence/cases', { ...registeredBody(), child: other('Bo') })).statusCode,
    ).toBe(403);
  });

  // An outside probe found a parent handed the SWV's leerplicht officers and consultants by name.
  it('gives the schools and the staff to pick only to whoever may register a case', async () => {
    const asParent = (await parent.get('/api/absence')).json();
    expect(asParent.permissions.register).toBe(false);
    expect(asParent.schools).toEqual([]);
    expect(asParent.people).toEqual({ officers: [], consultants: [] });
    const asOfficer = (await officer.get('/api/absence')).json();
    expect(asOfficer.permissions.register).toBe(true);
    expect(asOfficer.schools.length).toBeGreaterThan(0);
    expect(asOfficer.people.officers.map((p: { id: string }) => p.id)).toContain(officerUser.id);
  });

  const registeredBody = () => ({
    municipality: 'Utrecht',
    kind: 'absolute',
    startedOn: '2026-09-01',
    child: other('Sem'),
  });
  const other = (givenName: string) => ({ givenName, familyName: 'Visser', birthDate: '2015-01-01' });

  it('refuses bad input with the rule it breaks, and changes nothing', async () => {
    const before = await caseCount();
    const refused = async (body: object, rule: string) => {
      const response = await officer.post('/api/absence/cases', { ...registeredBody(), ...body });
      expect(response.statusCode, response.body).toBe(422);
      expect(response.json().error.details.rule).toBe(rule);
    };
    await refused({ startedOn: '2026-11-24' }, 'date_in_future');
    await refused({ startedOn: '2014-12-31' }, 'date_before_birth');
    await refused({ kind: 'exemption' }, 'exemption_needs_article');
    await refused(
      { child: other('Mila'), attendanceOfficerUserId: directorUser.id },
      'not_an_attendance_officer',
    );
    // Neither a student nor the child's own data.
    expect((await officer.post('/api/absence/cases', { ...registeredBody(), child: null })).statusCode).toBe(
      400,
    );
    expect(await caseCount()).toBe(before);

    const view: CaseView = (await officer.post('/api/absence/cases', registeredBody())).json();
    await refused({ startedOn: '2026-10-01' }, 'absence_cases_overlap');
    const offer = (body: object) =>
      officer.post(`/api/absence/cases/${view.id}/offers`, {
        fromOn: '2026-11-01',
        educationHours: 4,
        careHours: 0,
        ...body,
      });
    for (const hours of [{ educationHours: -1 }, { careHours: 41 }, { educationHours: 30, careHours: 11 }]) {
      const response = await offer(hours);
      expect(response.statusCode).toBe(422);
      expect(response.json().error.details.rule).toBe('offer_hours_out_of_range');
    }
    expect((await offer({ fromOn: '2026-11-24' })).json().error.details.rule).toBe('date_in_future');
    expect((await rows('select count(*)::int as n from absence_offer'))[0]!.n).toBe(0);
    const end = (endedOn: string) =>
      officer.post(`/api/absence/cases/${view.id}/end`, { endedOn, ending: 'own_school', note: '' });
    expect((await end('2026-11-20')).statusCode).toBe(200);
    const twice = await end('2026-11-21');
    expect(twice.statusCode).toBe(422);
    expect(twice.json().error.details).toMatchObject({
      rule: 'absence_case_already_ended',
      endedOn: '2026-11-20',
    });
  });

  // An outside probe (session 12): a consultant linked a case of a child without a school to a
  // pupil of a school outside their team, and then read the pupil's name, birth date and school.
  it('links a case to a student record only for whom may register a case for that child, logged on it', async () => {
    const stranger = await aStudent(t.database.db, swvId, otherSchoolId, { givenName: 'Noor' });
    const pupil = await aStudent(t.database.db, swvId, schoolId, { givenName: 'Noor' });
    expect((await consultant.get(`/api/students/${stranger.id}`)).statusCode).toBe(403);
    const registered = await consultant.post('/api/absence/cases', {
      ...registeredBody(),
      child: { givenName: 'X', familyName: 'Y', birthDate: '2015-01-01' },
      startedOn: '2026-10-01',
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const id: string = registered.json().id;
    const link = (studentId: string) => consultant.patch(`/api/absence/cases/${id}`, { studentId });
    expect((await link(stranger.id)).statusCode).toBe(403);
    expect((await consultant.get(`/api/absence/cases/${id}`)).json().child).toMatchObject({
      studentId: null,
      name: 'X Y',
      schoolName: null,
    });
    const linked = await link(pupil.id);
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().child).toMatchObject({ studentId: pupil.id, birthDate: '2016-04-12' });
    // Both attempts are on the log of the child they named: the refused one and the link.
    const logged = await queryRows<{ studentId: string; outcome: string }>(
      t.database.db,
      sql`select student_id as "studentId", outcome from access_log
          where object_type = 'absence_case' and object_id = ${id} and action = 'update' order by seq`,
    );
    expect(logged).toEqual([
      { studentId: stranger.id, outcome: 'denied' },
      { studentId: pupil.id, outcome: 'allowed' },
    ]);
  });

  // The same probe: the link never asked the overlap rule, so a child could hold two open cases and
  // count twice in the figures.
  it('refuses a link or a registration by name that gives a child a second open case, changing nothing', async () => {
    const child = await aStudent(t.database.db, swvId, schoolId, { givenName: 'Sara' });
    const base = { municipality: 'Utrecht', kind: 'absolute', startedOn: '2026-09-01' };
    const byName = (givenName: string, familyName: string) =>
      officer.post('/api/absence/cases', {
        ...base,
        child: { givenName, familyName, birthDate: child.birthDate },
      });
    const total = async () => (await admin.get('/api/absence/figures?on=2026-11-20')).json().total;
    expect((await officer.post('/api/absence/cases', { ...base, studentId: child.id })).statusCode).toBe(201);
    // By name the officer does not learn of the record's cases (they may not open them all)...
    const unknown = await byName('Sara', child.familyName);
    expect(unknown.statusCode, unknown.body).toBe(201);
    const before = await total();
    // ...but linking it to the record meets the record's open case.
    const linked = await officer.patch(`/api/absence/cases/${unknown.json().id}`, { studentId: child.id });
    expect(linked.statusCode).toBe(422);
    expect(linked.json().error.details.rule).toBe('absence_cases_overlap');
    const view = (await officer.get(`/api/absence/cases/${unknown.json().id}`)).json();
    expect(view.child.studentId).toBeNull();
    expect(view.events.map((e: { kind: string }) => e.kind)).toEqual(['registered']);
    expect(await total()).toBe(before);
    // The other order: registered by name, linked, then by the same name again.
    const sibling = await aStudent(t.database.db, swvId, schoolId, { givenName: 'Ravi' });
    const first = await byName('Ravi', sibling.familyName);
    expect(
      (await officer.patch(`/api/absence/cases/${first.json().id}`, { studentId: sibling.id })).statusCode,
    ).toBe(200);
    const again = await byName('ravi', sibling.familyName);
    expect(again.statusCode).toBe(422);
    expect(again.json().error.details.rule).toBe('absence_cases_overlap');
  });

  // Two registrations of one child sent at once each saw no other case and both passed the overlap
  // rule (PostgreSQL runs them side by side; the embedded database one after the other).
  it('registers one open case when the same child is registered twice at the same moment', async () => {
    const child = await aStudent(t.database.db, swvId, schoolId, { givenName: 'Yara' });
    const body = { municipality: 'Utrecht', kind: 'absolute', startedOn: '2026-09-01', studentId: child.id };
    // Three people: one person's requests wait for each other on their session's row.
    const answers = await Promise.all(
      [officer, consultant, ib].map((agent) => agent.post('/api/absence/cases', body)),
    );
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([201, 422, 422]);
    const open = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from absence_case where student_id = ${child.id} and ended_on is null`,
    );
    expect(open[0]!.n).toBe(1);
  });

  it('fires the thresholds on their day, once, and climbs the escalation ladder', async () => {
    const ladder = await admin.request('PUT', '/api/absence/ladder', {
      municipality: '',
      rungs: [{ threshold: 'three_months', userId: directorUser.id }],
    });
    expect(ladder.statusCode, ladder.body).toBe(200);
    const view: CaseView = (
      await officer.post('/api/absence/cases', {
        child: other('Lotte'),
        municipality: 'Utrecht',
        kind: 'absolute',
        startedOn: '2026-11-23',
        attendanceOfficerUserId: officerUser.id,
      })
    ).json();
    const notices = () =>
      queryRows<{ kind: string; occasion: string; userId: string }>(
        t.database.db,
        sql`select kind, occasion, user_id as "userId" from notification where subject_id = ${view.id} order by created_at, occasion`,
      );
    // A day before 4 weeks: nothing; on the day: the attendance officer hears of it, once.
    await run(new Date(Date.parse('2026-11-23T06:00:00Z') + 27 * day));
    expect(await notices()).toEqual([]);
    await run(new Date('2026-12-21T06:00:00Z'));
    await run(new Date('2026-12-21T07:00:00Z'));
    expect(await notices()).toEqual([
      { kind: 'absence_threshold', occasion: 'four_weeks', userId: officerUser.id },
    ]);
    // The director is not on the case yet; at 3 months the ladder adds them.
    expect((await admin.get(`/api/absence/cases/${view.id}`)).statusCode).toBe(403);
    await run(new Date('2027-02-23T06:00:00Z'));
    expect(
      (await notices())
        .filter((n) => n.occasion === 'three_months')
        .map((n) => n.userId)
        .sort(),
    ).toEqual([officerUser.id, directorUser.id].sort());
    const seen = await admin.get(`/api/absence/cases/${view.id}`);
    expect(seen.statusCode).toBe(200);
    expect(
      seen.json().events.map((e: CaseView['events'][number]) => [e.kind, e.threshold, e.people]),
    ).toEqual([
      ['registered', null, []],
      ['threshold', 'four_weeks', []],
      ['threshold', 'three_months', []],
      ['escalated', null, ['Directeur SWV']],
    ]);
  });

  it('brings the child back with an offer whose history stays, and a return plan', async () => {
    const child = await aStudent(t.database.db, swvId, schoolId, { givenName: 'Fenna' });
    await aGuardian(t.database.db, swvId, child.id, parentUser.id);
    const registered = await ib.post('/api/absence/cases', {
      studentId: child.id,
      municipality: 'Utrecht',
      kind: 'relative_long',
      startedOn: '2026-08-01',
    });
    expect(registered.statusCode, registered.body).toBe(201);
    const id = registered.json().id;
    expect(registered.json().pastRedLine).toBe(true);
    await officer.post(`/api/absence/cases/${id}/offers`, {
      fromOn: '2026-11-02',
      educationHours: 4,
      careHours: 2,
    });
    const second = await officer.post(`/api/absence/cases/${id}/offers`, {
      fromOn: '2026-11-16',
      educationHours: 10,
      careHours: 2,
    });
    expect(second.json()).toMatchObject({ pastRedLine: false, offer: { educationHours: 10, careHours: 2 } });
    expect(second.json().offers).toHaveLength(2);
    // The history is added to, never rewritten: the database refuses an update.
    await expect(t.database.db.execute(sql`update absence_offer set care_hours = 0`)).rejects.toThrow();
    const stepped = await ib.post(`/api/absence/cases/${id}/steps`, {
      what: 'Twee ochtenden per week op school',
      who: 'Mentor',
      dueOn: '2026-12-07',
    });
    const stepId = stepped.json().steps[0].id;
    const done = await ib.patch(`/api/absence/cases/${id}/steps/${stepId}`, { done: true });
    expect(done.json().steps[0].doneOn).toBe('2026-11-23');
    // The school's director and the parent read it; another school's IB'er does not, and the
    // parent changes nothing.
    expect((await director.get(`/api/absence/cases/${id}`)).statusCode).toBe(200);
    expect((await parent.get(`/api/absence/cases/${id}`)).json().offers).toHaveLength(2);
    expect(
      (await parent.post(`/api/absence/cases/${id}/steps`, { what: 'x', who: 'y', dueOn: '2026-12-01' }))
        .statusCode,
    ).toBe(403);
    expect((await otherIb.get(`/api/absence/cases/${id}`)).statusCode).toBe(403);
    const ended = await consultant.post(`/api/absence/cases/${id}/end`, {
      endedOn: '2026-11-23',
      ending: 'own_school',
      note: 'Volledig terug.',
    });
    expect(ended.json()).toMatchObject({ endedOn: '2026-11-23', permissions: { update: false } });
  });
});

describe('counting through the API, on a hand-made set', () => {
  let t: TestApp;
  let officer: Agent;
  let policy: Agent;
  let consultant: Agent;

  beforeAll(async () => {
    t = await testApp();
    const db = t.database.db;
    const swvId = (await aSwv(db, { municipalities: ['Utrecht'] })).id;
    const leerplicht = await anAttendanceOrganisation(db, swvId, 'Utrecht');
    officer = await signIn(
      t,
      await aUser(db, swvId, [{ role: 'partner', partnerOrganisationId: leerplicht }]),
    );
    policy = await signIn(t, await aUser(db, swvId, [{ role: 'policy' }]));
    consultant = await signIn(t, await aUser(db, swvId, [{ role: 'consultant' }]));
    // Reference date 1 October 2026 (the answers below were worked out by hand; see
    // src/domain/absence.test.ts for the same set).
    const cases: [string, string, string, number | null, string | null][] = [
      ['A', 'absolute', '2026-09-01', null, null], // 30 days: 4 weeks–3 months, no offer
      ['B', 'relative_long', '2026-09-03', 4, null], // exactly 4 weeks on the day: counted, with offer
      ['C', 'relative_long', '2026-09-04', null, null], // 4 weeks only the day after: not counted
      ['D', 'relative_long', '2026-06-15', null, null], // across the school year's start: 3–6 months
      ['E', 'exemption', '2025-01-01', null, null], // exemption: counted apart
      ['F', 'authorised_long', '2026-08-01', null, null], // ill: not counted
      ['G', 'absolute', '2026-03-01', null, '2026-09-30'], // ended the day before
      ['H', 'absolute', '2026-03-31', 10, null], // over 6 months, with offer
    ];
    for (const [name, kind, startedOn, hours, endedOn] of cases) {
      const response = await officer.post('/api/absence/cases', {
        child: { givenName: name, familyName: 'Telling', birthDate: '2014-01-01' },
        municipality: 'Utrecht',
        kind,
        exemptionArticle: kind === 'exemption' ? '5a' : null,
        startedOn,
      });
      expect(response.statusCode, response.body).toBe(201);
      const id = response.json().id;
      if (hours)
        await officer.post(`/api/absence/cases/${id}/offers`, {
          fromOn: startedOn,
          educationHours: hours,
          careHours: 0,
        });
      if (endedOn)
        await officer.post(`/api/absence/cases/${id}/end`, { endedOn, ending: 'other_school', note: '' });
    }
  });
  afterAll(() => t.close());

  it('counts by kind, duration and offer on the reference date', async () => {
    const figures = (await consultant.get('/api/absence/figures?on=2026-10-01')).json();
    expect(figures).toMatchObject({ on: '2026-10-01', total: 4, exemptions: 1, smallCellsHidden: false });
    expect(figures.thuiszitters).toEqual([
      { kind: 'absolute', bucket: 'four_weeks_to_three_months', withOffer: false, count: 1 },
      { kind: 'absolute', bucket: 'over_six_months', withOffer: true, count: 1 },
      { kind: 'relative_long', bucket: 'four_weeks_to_three_months', withOffer: true, count: 1 },
      { kind: 'relative_long', bucket: 'three_to_six_months', withOffer: false, count: 1 },
    ]);
    expect(figures.byMunicipality).toEqual([{ key: 'Utrecht', count: 4 }]);
    // A day later C has lasted 4 weeks too; G still not counted.
    expect((await consultant.get('/api/absence/figures?on=2026-10-02')).json().total).toBe(5);
    // On 29 September G was still at home.
    expect((await consultant.get('/api/absence/figures?on=2026-09-29')).json().total).toBe(4);
  });

  it('hides small cells from policy staff', async () => {
    const figures = (await policy.get('/api/absence/figures?on=2026-10-01')).json();
    expect(figures).toMatchObject({ smallCellsHidden: true, total: null, exemptions: null });
    expect(figures.byMunicipality).toEqual([{ key: 'Utrecht', count: null }]);
    expect((await policy.get('/api/absence')).statusCode).toBe(403);
  });
});

// The outside probe's case (session 11): S1 (wijk West) with 1 child at home, S2 (West) 6, S3 (Oost)
// 5. Per school S1 and S3 were hidden, per wijk West 7 and Oost 5 shown: 7 − 6 = 1. Here too two
// children of S2 ill for months without an offer, past the red line but no thuiszitters: the red
// line minus its groups would give them away. All cells now come from one table.
describe('the figures per school, wijk and municipality together', () => {
  let t: TestApp;
  let policy: Agent;
  let consultant: Agent;
  const wijkOf = new Map<string, string>();

  beforeAll(async () => {
    t = await testApp();
    const db = t.database.db;
    const swvId = (await aSwv(db, { municipalities: ['Utrecht', 'Nieuwegein'] })).id;
    policy = await signIn(t, await aUser(db, swvId, [{ role: 'policy' }]));
    const consultantUser = await aUser(db, swvId, [{ role: 'consultant' }]);
    consultant = await signIn(t, consultantUser);
    const atHome: [string, string, number][] = [
      ['S1', 'West', 1],
      ['S2', 'West', 6],
      ['S3', 'Oost', 5],
    ];
    let n = 0;
    const aCase = async (schoolId: string, kind: string, startedOn: string, municipality: string) => {
      const child = await aStudent(db, swvId, schoolId);
      await db.insert(absenceCase).values({
        swvId,
        id: uuidv7(),
        studentId: child.id,
        municipality,
        kind: kind as 'relative_long' | 'authorised_long',
        startedOn,
        createdByUserId: consultantUser.id,
        createdAt: new Date(),
        updatedAt: new Date(),
      });
    };
    for (const [name, wijk, count] of atHome) {
      const school = await aSchool(db, swvId, { name });
      await db.execute(
        sql`update school set wijk = ${wijk}, municipality = 'Utrecht' where id = ${school.id}`,
      );
      wijkOf.set(name, wijk);
      for (let i = 0; i < count; i++, n++) {
        // Spread over the durations (the clock stands on 2026-11-23) and two municipalities.
        const startedOn = ['2026-10-01', '2026-07-01', '2026-03-01'][n % 3]!;
        await aCase(school.id, 'relative_long', startedOn, n % 4 === 0 ? 'Nieuwegein' : 'Utrecht');
      }
      if (name === 'S2')
        for (let i = 0; i < 2; i++) await aCase(school.id, 'authorised_long', '2026-06-01', 'Utrecht');
    }
  });
  afterAll(() => t.close());

  type Figures = {
    smallCellsHidden: boolean;
    total: number | null;
    redLine: number | null;
    thuiszitters: { kind: string; bucket: string; withOffer: boolean; count: number | null }[];
    bySchool: { key: string; count: number | null }[];
    byWijk: { key: string; count: number | null }[];
    byMunicipality: { key: string; count: number | null }[];
  };

  /** The answer as a reader writes it down, and every sum the reader knows holds in it. */
  function readerOf(figures: Figures) {
    const group = (g: Figures['thuiszitters'][number]) => `group ${g.kind}/${g.bucket}/${g.withOffer}`;
    const shown = new Map<string, number | null>([
      ['total', figures.total],
      ['red line', figures.redLine],
    ]);
    for (const g of figures.thuiszitters) shown.set(group(g), g.count);
    for (const [by, rows] of [
      ['school', figures.bySchool],
      ['wijk', figures.byWijk],
      ['municipality', figures.byMunicipality],
    ] as const)
      for (const row of rows) shown.set(`${by} ${row.key}`, row.count);
    const sums: KnownSum[] = [
      { total: 'total', parts: figures.thuiszitters.map(group) },
      { total: 'total', parts: figures.bySchool.map((r) => `school ${r.key}`) },
      { total: 'total', parts: figures.byWijk.map((r) => `wijk ${r.key}`) },
      { total: 'total', parts: figures.byMunicipality.map((r) => `municipality ${r.key}`) },
      ...figures.byWijk.map((w) => ({
        total: `wijk ${w.key}`,
        parts: figures.bySchool.filter((s) => wijkOf.get(s.key) === w.key).map((s) => `school ${s.key}`),
      })),
      // Past the red line: the groups of 3 months or more without an offer, and those not counted.
      {
        total: 'red line',
        parts: [
          ...figures.thuiszitters
            .filter((g) => g.bucket !== 'four_weeks_to_three_months' && !g.withOffer)
            .map(group),
          'red line, not at home',
        ],
      },
    ];
    return { shown, sums };
  }

  it('gives policy staff no small cell, whatever they subtract', async () => {
    const figures: Figures = (await policy.get('/api/absence/figures')).json();
    expect(figures).toMatchObject({ smallCellsHidden: true, total: 12 });
    expect(figures.bySchool.find((s) => s.key === 'S1')!.count).toBeNull();
    const { shown, sums } = readerOf(figures);
    expect(smallCellsGivenAway(shown, sums)).toEqual([]);
  });

  it('shows the consultant every count, the same sums holding', async () => {
    const figures: Figures = (await consultant.get('/api/absence/figures')).json();
    expect(figures).toMatchObject({ smallCellsHidden: false, total: 12, redLine: 10 });
    expect(figures.bySchool).toEqual([
      { key: 'S1', count: 1 },
      { key: 'S2', count: 6 },
      { key: 'S3', count: 5 },
    ]);
    expect(figures.byWijk).toEqual([
      { key: 'Oost', count: 5 },
      { key: 'West', count: 7 },
    ]);
    expect(figures.byMunicipality).toEqual([
      { key: 'Nieuwegein', count: 3 },
      { key: 'Utrecht', count: 9 },
    ]);
  });
});
