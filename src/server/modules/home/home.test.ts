// The home page's panels per role: each role gets its own data and nothing else (another school's,
// another SWV's and non-consented children never appear), lists of children write exactly one
// access-log row, and the policy figures suppress small cells.
import { eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Agent,
  aBoard,
  aCaseMeeting,
  aCaseMember,
  aConsent,
  aGuardian,
  anActivePlan,
  anOrganisationOnCase,
  aParentResponse,
  aPartnerOrganisation,
  aPlan,
  aSchool,
  aSwv,
  aTeam,
  aUser,
  signIn,
} from '../../../../test/support/factories.ts';
import { type TestApp, testApp } from '../../../../test/support/testApp.ts';
import { queryRows } from '../../db/client.ts';
import { caseMeeting, school, student } from '../../db/schema/index.ts';

type LogRow = {
  student_id: string | null;
  object_type: string;
  object_id: string | null;
  part: string | null;
  action: string;
  outcome: string;
  actor_role: string;
  actor_organisation: string;
};

describe('the home page per role', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const agents: Record<string, Agent> = {};

  async function aChild(
    swvId: string,
    schoolId: string,
    givenName: string,
    groupName: string,
    level: number,
  ) {
    const id = uuidv7();
    await t.database.db.insert(student).values({
      swvId,
      id,
      schoolId,
      givenName,
      familyName: 'Jansen',
      birthDate: '2016-04-12',
      groupName,
      supportLevel: level,
    });
    ids[givenName] = id;
    return id;
  }

  async function logRowsOf(response: { headers: Record<string, unknown> }) {
    return queryRows<LogRow>(
      t.database.db,
      sql`select student_id, object_type, object_id, part, action, outcome, actor_role, actor_organisation
          from access_log where request_id = ${String(response.headers['x-request-id'])}`,
    );
  }

  beforeAll(async () => {
    t = await testApp();
    const db = t.database.db;
    const swv = await aSwv(db);
    const foreignSwv = await aSwv(db);
    const school = await aSchool(db, swv.id, { name: 'De Regenboog' });
    const otherSchool = await aSchool(db, swv.id, { name: 'Het Kompas' });
    const foreignSchool = await aSchool(db, foreignSwv.id, { name: 'Elders' });
    Object.assign(ids, {
      swv: swv.id,
      foreignSwv: foreignSwv.id,
      school: school.id,
      otherSchool: otherSchool.id,
      foreignSchool: foreignSchool.id,
    });
    await aChild(swv.id, school.id, 'Anna', '5A', 1);
    await aChild(swv.id, school.id, 'Bram', '5A', 1);
    await aChild(swv.id, school.id, 'Lotte', '5A', 2);
    await aChild(swv.id, school.id, 'Omar', '7B', 2);
    await aChild(swv.id, school.id, 'Daan', '5A', 3);
    await aChild(swv.id, school.id, 'Eva', '6C', 4);
    await aChild(swv.id, otherSchool.id, 'Tim', '5A', 4);
    await aChild(foreignSwv.id, foreignSchool.id, 'Vreemd', '5A', 4);

    const partnerOrganisation = await aPartnerOrganisation(db, swv.id, [school.id]);
    const otherPartnerOrganisation = await aPartnerOrganisation(db, swv.id, [school.id]);
    await aBoard(db, swv.id);
    ids.partnerOrganisation = partnerOrganisation;
    const users = {
      ib: await aUser(db, swv.id, [{ role: 'school_ib', schoolId: school.id }]),
      director: await aUser(db, swv.id, [{ role: 'school_director', schoolId: school.id }]),
      committee: await aUser(db, swv.id, [{ role: 'committee' }]),
      teacher: await aUser(db, swv.id, [{ role: 'teacher', schoolId: school.id, groups: ['5A', '6C'] }]),
      consultant: await aUser(db, swv.id, [{ role: 'consultant' }]),
      partner: await aUser(db, swv.id, [{ role: 'partner', partnerOrganisationId: partnerOrganisation }]),
      parent: await aUser(db, swv.id, [{ role: 'parent' }]),
      otherParent: await aUser(db, swv.id, [{ role: 'parent' }]),
      admin: await aUser(db, swv.id, [{ role: 'swv_admin' }]),
      foreignIb: await aUser(db, foreignSwv.id, [{ role: 'school_ib', schoolId: foreignSchool.id }]),
    };
    await aTeam(db, swv.id, [school.id], [users.consultant.id]);
    await aTeam(db, swv.id, [otherSchool.id], []);

    // The partner is a member of four cases; only Daan's parents consented for this organisation today.
    for (const name of ['Daan', 'Eva', 'Omar', 'Lotte'])
      await aCaseMember(db, swv.id, ids[name]!, users.partner.id);
    const consent = (studentId: string, overrides: Partial<Parameters<typeof aConsent>[1]>) =>
      aConsent(db, { swvId: swv.id, studentId, givenByUserId: users.parent.id, ...overrides });
    await consent(ids.Daan!, { partnerOrganisationId: partnerOrganisation });
    await consent(ids.Eva!, { partnerOrganisationId: otherPartnerOrganisation });
    await consent(ids.Omar!, {
      partnerOrganisationId: partnerOrganisation,
      withdrawnAt: new Date('2026-11-01T10:00:00Z'),
    });
    await consent(ids.Lotte!, { partnerOrganisationId: partnerOrganisation, expiresOn: '2026-10-31' });
    await consent(ids.Tim!, { purpose: 'request_arrangement' });

    await aGuardian(db, swv.id, ids.Daan!, users.parent.id);
    await aGuardian(db, swv.id, ids.Tim!, users.parent.id);
    await aGuardian(db, swv.id, ids.Omar!, users.otherParent.id);

    // Plans: Eva's is overdue, Daan's due within two weeks, Lotte's later; Eva's closed version and
    // the plans of Tim (another school) and of the foreign child are due too but not in the panels.
    const aPlanOf = (
      name: string,
      evaluationDueOn: string,
      options: { status?: 'closed'; version?: number } = {},
    ) =>
      aPlan(db, {
        swvId: name === 'Vreemd' ? foreignSwv.id : swv.id,
        studentId: ids[name]!,
        byUserId: name === 'Vreemd' ? users.foreignIb.id : users.ib.id,
        evaluationDueOn,
        ...options,
      });
    await aPlanOf('Eva', '2026-05-01', { status: 'closed' });
    ids.evaPlan = (await aPlanOf('Eva', '2026-11-01', { version: 2 })).id;
    ids.daanPlan = (await aPlanOf('Daan', '2026-12-07')).id;
    const lottePlan = await aPlanOf('Lotte', '2026-12-08');
    await aPlanOf('Tim', '2026-11-30');
    await aPlanOf('Vreemd', '2026-11-30');
    // Lotte's parents agreed on paper; Bram's plan is a draft (no goal, no agreement yet).
    await aParentResponse(db, {
      swvId: swv.id,
      planId: lottePlan.id,
      parentUserId: null,
      parentName: 'Moeder van Lotte',
      agrees: true,
      respondedAt: new Date('2026-10-01T10:00:00Z'),
      recordedByUserId: users.ib.id,
    });
    ids.bramPlan = await anActivePlan(db, { swvId: swv.id, studentId: ids.Bram!, userId: users.ib.id });
    // Tim's case has the other organisation on it, without the parents' consent; Daan has a meeting
    // coming (and one held before today).
    await anOrganisationOnCase(db, swv.id, ids.Tim!, otherPartnerOrganisation);
    await aCaseMeeting(db, { swvId: swv.id, studentId: ids.Daan!, createdByUserId: users.ib.id });
    const coming = await aCaseMeeting(db, {
      swvId: swv.id,
      studentId: ids.Daan!,
      createdByUserId: users.ib.id,
    });
    await db.update(caseMeeting).set({ heldOn: '2026-12-01' }).where(eq(caseMeeting.id, coming.id));

    for (const [name, user] of Object.entries(users)) agents[name] = await signIn(t, user);
  });
  afterAll(() => t.close());

  const names = (children: Array<{ givenName: string }>) => children.map((child) => child.givenName);

  describe('IB’er and director', () => {
    it('counts the own school’s children per level and lists those at level 4 and 3', async () => {
      const response = await agents.ib!.get(`/api/home/schools/${ids.school}/support-levels`);
      expect(response.statusCode).toBe(200);
      const panel = response.json();
      expect(panel.school).toEqual({ id: ids.school, name: 'De Regenboog' });
      expect(panel.levels).toEqual([
        { level: 1, count: 2 },
        { level: 2, count: 2 },
        { level: 3, count: 1 },
        { level: 4, count: 1 },
      ]);
      expect(panel.children).toEqual([
        {
          id: ids.Eva,
          givenName: 'Eva',
          familyNamePrefix: '',
          familyName: 'Jansen',
          groupName: '6C',
          supportLevel: 4,
        },
        {
          id: ids.Daan,
          givenName: 'Daan',
          familyNamePrefix: '',
          familyName: 'Jansen',
          groupName: '5A',
          supportLevel: 3,
        },
      ]);
      expect(await logRowsOf(response)).toEqual([
        {
          student_id: null,
          object_type: 'student_list',
          object_id: ids.school,
          part: 'home:support_levels',
          action: 'search',
          outcome: 'allowed',
          actor_role: 'school_ib',
          actor_organisation: `school:${ids.school}`,
        },
      ]);
    });

    it('gives the director the same panel', async () => {
      const response = await agents.director!.get(`/api/home/schools/${ids.school}/support-levels`);
      expect(response.statusCode).toBe(200);
      expect(names(response.json().children)).toEqual(['Eva', 'Daan']);
      expect((await logRowsOf(response)).map((row) => row.actor_role)).toEqual(['school_director']);
    });

    it('refuses another school (403) and another SWV’s school (404), and logs each attempt', async () => {
      const other = await agents.ib!.get(`/api/home/schools/${ids.otherSchool}/support-levels`);
      expect(other.statusCode).toBe(403);
      expect((await logRowsOf(other)).map((row) => [row.outcome, row.object_id])).toEqual([
        ['denied', ids.otherSchool],
      ]);
      const foreign = await agents.ib!.get(`/api/home/schools/${ids.foreignSchool}/support-levels`);
      expect(foreign.statusCode).toBe(404);
      expect((await logRowsOf(foreign)).map((row) => row.outcome)).toEqual(['denied']);
    });

    it('is not the teacher’s panel, even for the own school', async () => {
      const response = await agents.teacher!.get(`/api/home/schools/${ids.school}/support-levels`);
      expect(response.statusCode).toBe(403);
      expect((await logRowsOf(response)).map((row) => row.outcome)).toEqual(['denied']);
    });
  });

  describe('teacher', () => {
    it('lists the children of the own groups at level 2 or higher, nobody else', async () => {
      const response = await agents.teacher!.get(`/api/home/schools/${ids.school}/own-groups`);
      expect(response.statusCode).toBe(200);
      const panel = response.json();
      expect(panel.groups).toEqual(['5A', '6C']);
      // Omar is in 7B; Anna and Bram are at level 1; Tim is at another school.
      expect(
        panel.children.map((c: { givenName: string; groupName: string; supportLevel: number }) => [
          c.givenName,
          c.groupName,
          c.supportLevel,
        ]),
      ).toEqual([
        ['Daan', '5A', 3],
        ['Lotte', '5A', 2],
        ['Eva', '6C', 4],
      ]);
      expect(await logRowsOf(response)).toEqual([
        expect.objectContaining({
          object_id: ids.school,
          part: 'home:own_groups',
          action: 'search',
          outcome: 'allowed',
          actor_role: 'teacher',
        }),
      ]);
    });

    it('is not the IB’er’s panel', async () => {
      const response = await agents.ib!.get(`/api/home/schools/${ids.school}/own-groups`);
      expect(response.statusCode).toBe(403);
      expect((await logRowsOf(response)).map((row) => row.outcome)).toEqual(['denied']);
    });
  });

  describe('evaluations due', () => {
    const due = (panel: Array<{ givenName: string; evaluationDueOn: string; planId: string }>) =>
      panel.map((p) => [p.givenName, p.evaluationDueOn, p.planId]);

    it('shows the IB’er and the teacher the active plans due within two weeks or overdue', async () => {
      const expected = [
        ['Eva', '2026-11-01', ids.evaPlan],
        ['Daan', '2026-12-07', ids.daanPlan],
      ];
      const school = await agents.ib!.get(`/api/home/schools/${ids.school}/support-levels`);
      expect(due(school.json().evaluationsDue)).toEqual(expected);
      const groups = await agents.teacher!.get(`/api/home/schools/${ids.school}/own-groups`);
      expect(due(groups.json().evaluationsDue)).toEqual(expected);
      expect(school.json().evaluationsDue[0]).toMatchObject({
        studentId: ids.Eva,
        version: 2,
        hasDevelopmentPerspective: false,
        schoolName: 'De Regenboog',
        groupName: '6C',
      });
    });

    it('shows the consultant those of the team’s schools, a page at a time, with one search row', async () => {
      const response = await agents.consultant!.get('/api/home/evaluations-due');
      expect(response.statusCode).toBe(200);
      const page = response.json();
      expect({ ...page, rows: due(page.rows) }).toEqual({
        total: 2,
        page: 1,
        pageSize: 20,
        rows: [
          ['Eva', '2026-11-01', ids.evaPlan],
          ['Daan', '2026-12-07', ids.daanPlan],
        ],
      });
      expect(page.rows[0]).toMatchObject({ schoolId: ids.school, schoolName: 'De Regenboog' });
      expect(await logRowsOf(response)).toEqual([
        expect.objectContaining({
          part: 'home:evaluations_due',
          action: 'search',
          outcome: 'allowed',
          actor_role: 'consultant',
        }),
      ]);
      const refused = await agents.ib!.get('/api/home/evaluations-due');
      expect(refused.statusCode).toBe(403);
      expect((await logRowsOf(refused)).map((row) => row.outcome)).toEqual(['denied']);
    });

    it('filters by overdue or soon, by name and by school, and sorts by any column', async () => {
      const get = async (query: string) =>
        due((await agents.consultant!.get(`/api/home/evaluations-due?${query}`)).json().rows).map(
          (row) => row[0],
        );
      expect(await get('status=overdue')).toEqual(['Eva']);
      expect(await get('status=soon')).toEqual(['Daan']);
      expect(await get('q=daa')).toEqual(['Daan']);
      expect(await get('q=%25')).toEqual([]);
      expect(await get(`schoolId=${ids.school}`)).toEqual(['Eva', 'Daan']);
      // Het Kompas is not the team's: filtering on it shows nothing, not Tim.
      expect(await get(`schoolId=${ids.otherSchool}`)).toEqual([]);
      expect(await get('sort=dueOn&order=desc')).toEqual(['Daan', 'Eva']);
      expect(await get('sort=name')).toEqual(['Daan', 'Eva']);
      expect(await get('sort=group&order=desc')).toEqual(['Eva', 'Daan']);
      const second = (await agents.consultant!.get('/api/home/evaluations-due?pageSize=1&page=2')).json();
      expect({ ...second, rows: due(second.rows) }).toEqual({
        total: 2,
        page: 2,
        pageSize: 1,
        rows: [['Daan', '2026-12-07', ids.daanPlan]],
      });
      const past = (await agents.consultant!.get('/api/home/evaluations-due?pageSize=1&page=9')).json();
      expect([past.total, past.rows]).toEqual([2, []]);
    });

    it('refuses a page size over the cap, an unknown sort column and an unknown filter', async () => {
      for (const query of [
        'pageSize=51',
        'pageSize=0',
        'page=0',
        'sort=birthDate',
        'order=up',
        'status=late',
        'schoolId=abc',
        `q=${'x'.repeat(101)}`,
        'role=admin',
      ]) {
        const response = await agents.consultant!.get(`/api/home/evaluations-due?${query}`);
        expect(response.statusCode, query).toBe(400);
        expect(response.json().error.code, query).toBeTypeOf('string');
      }
      for (const query of ['pageSize=51', 'sort=level5', 'kind=school', 'order=', `schoolId=${ids.school}`]) {
        const response = await agents.consultant!.get(`/api/home/team-schools?${query}`);
        expect(response.statusCode, query).toBe(400);
      }
    });
  });

  describe('consultant', () => {
    it('shows the team’s schools with their children at level 3 and 4 and plans due, and writes no log row', async () => {
      const response = await agents.consultant!.get('/api/home/team-schools');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        total: 1,
        page: 1,
        pageSize: 20,
        rows: [
          {
            id: ids.school,
            name: 'De Regenboog',
            kind: 'bao',
            wijk: 'Noordwest',
            pupils: 6,
            level3: 1,
            level4: 1,
            plansDue: 2,
          },
        ],
      });
      expect(await logRowsOf(response)).toEqual([]);
    });

    it('pages, sorts and filters the schools of several teams', async () => {
      const db = t.database.db;
      const swv = await aSwv(db);
      const schools = [];
      for (const [name, wijk, kind] of [
        ['Het Anker', 'Oost', 'bao'],
        ['De Boog', 'West', 'sbo'],
        ['Cleijn', 'Oost', 'bao'],
      ] as const) {
        const row = await aSchool(db, swv.id, { name, kind });
        await db.update(school).set({ wijk }).where(eq(school.id, row.id));
        schools.push(row);
      }
      await aSchool(db, swv.id, { name: 'Buiten het team' });
      const consultant = await aUser(db, swv.id, [{ role: 'consultant' }]);
      await aTeam(db, swv.id, [schools[0]!.id, schools[1]!.id], [consultant.id]);
      await aTeam(db, swv.id, [schools[2]!.id], [consultant.id]);
      const ib = await aUser(db, swv.id, [{ role: 'school_ib', schoolId: schools[1]!.id }]);
      for (const level of [4, 4, 3]) {
        const id = uuidv7();
        await db.insert(student).values({
          swvId: swv.id,
          id,
          schoolId: schools[1]!.id,
          givenName: 'Kind',
          familyName: 'Boog',
          birthDate: '2015-01-01',
          supportLevel: level,
        });
        await aPlan(db, { swvId: swv.id, studentId: id, byUserId: ib.id, evaluationDueOn: '2026-11-20' });
      }
      const agent = await signIn(t, consultant);
      const get = async (query: string) => {
        const page = (await agent.get(`/api/home/team-schools?${query}`)).json();
        return [page.total, page.rows.map((row: { name: string }) => row.name)];
      };
      // By name; ties in any other column by name too.
      expect(await get('')).toEqual([3, ['Cleijn', 'De Boog', 'Het Anker']]);
      expect(await get('pageSize=2&page=2')).toEqual([3, ['Het Anker']]);
      expect(await get('pageSize=2&page=3')).toEqual([3, []]);
      expect(await get('sort=plansDue&order=desc')).toEqual([3, ['De Boog', 'Cleijn', 'Het Anker']]);
      expect(await get('sort=level4&order=desc&pageSize=1')).toEqual([3, ['De Boog']]);
      expect(await get('sort=wijk&order=desc')).toEqual([3, ['De Boog', 'Cleijn', 'Het Anker']]);
      expect(await get('q=oost')).toEqual([2, ['Cleijn', 'Het Anker']]);
      expect(await get('q=anker oost')).toEqual([1, ['Het Anker']]);
      expect(await get('kind=sbo')).toEqual([1, ['De Boog']]);
      expect(await get('q=buiten')).toEqual([0, []]);
      const boog = (await agent.get('/api/home/team-schools?kind=sbo')).json().rows[0];
      expect(boog).toMatchObject({ pupils: 3, level3: 1, level4: 2, plansDue: 3 });
    });
  });

  describe('director', () => {
    it('shows the school’s figures, the overdue evaluations and the plans on hold', async () => {
      const response = await agents.director!.get(`/api/home/schools/${ids.school}/director`);
      expect(response.statusCode).toBe(200);
      const panel = response.json();
      expect(panel.school).toEqual({ id: ids.school, name: 'De Regenboog' });
      expect(panel.levels.map((l: { count: number }) => l.count)).toEqual([2, 2, 1, 1]);
      // Bram's is a draft; Eva's and Daan's await the parents; Lotte's parents agreed.
      expect(panel.plans).toEqual([
        { stage: 'draft', count: 1 },
        { stage: 'awaiting_parents', count: 2 },
        { stage: 'agreed', count: 1 },
        { stage: 'not_agreed', count: 0 },
      ]);
      expect(panel.opps).toBe(0);
      // Only Eva's is past its date; Daan's is due soon but not overdue.
      expect(panel.overdue.map((p: { planId: string }) => p.planId)).toEqual([ids.evaPlan]);
      expect(
        panel.onHold.map((p: { givenName: string; stage: string; changedOn: string }) => [
          p.givenName,
          p.stage,
          p.changedOn,
        ]),
      ).toEqual([
        ['Bram', 'draft', '2026-09-15'],
        ['Eva', 'awaiting_parents', '2026-09-01'],
        ['Daan', 'awaiting_parents', '2026-09-01'],
      ]);
      expect(await logRowsOf(response)).toEqual([
        expect.objectContaining({
          object_id: ids.school,
          part: 'home:director',
          action: 'search',
          outcome: 'allowed',
          actor_role: 'school_director',
        }),
      ]);
    });

    it('is not the IB’er’s, and not for another school or SWV', async () => {
      const ib = await agents.ib!.get(`/api/home/schools/${ids.school}/director`);
      expect(ib.statusCode).toBe(403);
      expect((await logRowsOf(ib)).map((row) => row.outcome)).toEqual(['denied']);
      const other = await agents.director!.get(`/api/home/schools/${ids.otherSchool}/director`);
      expect(other.statusCode).toBe(403);
      const foreign = await agents.director!.get(`/api/home/schools/${ids.foreignSchool}/director`);
      expect(foreign.statusCode).toBe(404);
      expect((await logRowsOf(foreign)).map((row) => row.outcome)).toEqual(['denied']);
    });
  });

  describe('committee', () => {
    it('counts the schools and, as published counts, the children at level 4 and the OPPs', async () => {
      const response = await agents.committee!.get('/api/home/committee');
      expect(response.statusCode).toBe(200);
      // Two children at level 4 and no OPP: a count of two could point at a child, so it is hidden.
      expect(response.json()).toEqual({ schools: 2, level4: null, opps: 0 });
      expect(await logRowsOf(response)).toEqual([]);
      expect((await agents.teacher!.get('/api/home/committee')).statusCode).toBe(403);
      expect((await agents.ib!.get('/api/home/committee')).statusCode).toBe(403);
    });
  });

  describe('partner', () => {
    it('names only the cases consented for the own organisation today, and counts the others', async () => {
      const response = await agents.partner!.get('/api/home/cases');
      expect(response.statusCode).toBe(200);
      // Eva: consent for another organisation; Omar: withdrawn; Lotte: expired.
      expect(response.json()).toEqual({
        children: [
          {
            id: ids.Daan,
            givenName: 'Daan',
            familyNamePrefix: '',
            familyName: 'Jansen',
            schoolName: 'De Regenboog',
            groupName: '5A',
          },
        ],
        awaitingConsent: 3,
      });
      expect(await logRowsOf(response)).toEqual([
        {
          student_id: null,
          object_type: 'student_list',
          object_id: null,
          part: 'home:cases',
          action: 'search',
          outcome: 'allowed',
          actor_role: 'partner',
          actor_organisation: `partner:${ids.partnerOrganisation}`,
        },
      ]);
    });

    it('refuses someone without the partner role, with a logged denial', async () => {
      const response = await agents.ib!.get('/api/home/cases');
      expect(response.statusCode).toBe(403);
      expect(await logRowsOf(response)).toEqual([
        expect.objectContaining({ outcome: 'denied', actor_role: 'school_ib', part: 'home:cases' }),
      ]);
    });
  });

  describe('parent', () => {
    it('lists the own children with their school and group, at any school of the SWV', async () => {
      const response = await agents.parent!.get('/api/home/children');
      expect(response.statusCode).toBe(200);
      expect(
        response
          .json()
          .map((c: { givenName: string; schoolName: string; groupName: string }) => [
            c.givenName,
            c.schoolName,
            c.groupName,
          ]),
      ).toEqual([
        ['Daan', 'De Regenboog', '5A'],
        ['Tim', 'Het Kompas', '5A'],
      ]);
      expect(await logRowsOf(response)).toEqual([
        expect.objectContaining({
          part: 'home:children',
          action: 'search',
          outcome: 'allowed',
          actor_role: 'parent',
          actor_organisation: 'parent',
        }),
      ]);
    });

    it('shows what waits for them: plans to answer, consent to give, meetings to come to', async () => {
      const response = await agents.parent!.get('/api/home/waiting');
      expect(response.statusCode).toBe(200);
      const child = (name: string) => ({
        id: ids[name],
        givenName: name,
        familyNamePrefix: '',
        familyName: 'Jansen',
      });
      // Daan's partner has consent, Tim's organisation does not; the meeting of 2 November is past.
      expect(response.json().items).toEqual([
        { kind: 'plan_answer', child: child('Daan'), planId: ids.daanPlan, versionLabel: '1' },
        { kind: 'plan_answer', child: child('Tim'), planId: expect.any(String), versionLabel: '1' },
        { kind: 'consent', child: child('Tim'), partnerOrganisationName: expect.any(String) },
        { kind: 'meeting', child: child('Daan'), heldOn: '2026-12-01' },
      ]);
      expect(await logRowsOf(response)).toEqual([
        expect.objectContaining({
          student_id: null,
          part: 'home:waiting',
          action: 'search',
          outcome: 'allowed',
          actor_role: 'parent',
        }),
      ]);
      // Omar's parent withdrew the consent: that is an answer, nothing waits.
      expect((await agents.otherParent!.get('/api/home/waiting')).json()).toEqual({ items: [] });
      const refused = await agents.ib!.get('/api/home/waiting');
      expect(refused.statusCode).toBe(403);
      expect((await logRowsOf(refused)).map((row) => row.outcome)).toEqual(['denied']);
    });

    it('shows another parent only their own child', async () => {
      const response = await agents.otherParent!.get('/api/home/children');
      expect(names(response.json())).toEqual(['Omar']);
    });

    it('refuses someone who is no parent, with a logged denial', async () => {
      const response = await agents.teacher!.get('/api/home/children');
      expect(response.statusCode).toBe(403);
      expect((await logRowsOf(response)).map((row) => [row.outcome, row.actor_role])).toEqual([
        ['denied', 'teacher'],
      ]);
    });
  });

  describe('policy staff', () => {
    it('see headline figures with small cells suppressed, and never a child', async () => {
      const db = t.database.db;
      const swv = await aSwv(db);
      const bao = await aSchool(db, swv.id, { kind: 'bao' });
      await aSchool(db, swv.id, { kind: 'bao' });
      const sbo = await aSchool(db, swv.id, { kind: 'sbo' });
      const so = await aSchool(db, swv.id, { kind: 'so' });
      const many = (schoolId: string, level: number, n: number) =>
        db.insert(student).values(
          Array.from({ length: n }, (_, i) => ({
            swvId: swv.id,
            id: uuidv7(),
            schoolId,
            givenName: `Leerling${level}x${i}`,
            familyName: 'Figuur',
            birthDate: '2016-01-01',
            supportLevel: level,
          })),
        );
      await many(bao.id, 1, 40);
      await many(bao.id, 2, 10);
      await many(bao.id, 3, 2);
      await many(sbo.id, 4, 6);
      await many(so.id, 4, 2);
      const policy = await signIn(t, await aUser(db, swv.id, [{ role: 'policy' }]));
      const response = await policy.get('/api/home/swv-figures');
      expect(response.statusCode).toBe(200);
      // Levels 40/10/2/8: the 2 is hidden, and so is the 8 (else 60 − 40 − 10 − 8 gives the 2 away).
      // SBO 6 and SO 2 of 60: the 2 is hidden, and so is the 6.
      expect(response.json()).toEqual({
        schoolsByKind: [
          { kind: 'bao', count: 2 },
          { kind: 'sbo', count: 1 },
          { kind: 'so', count: 1 },
        ],
        pupils: 60,
        levels: [
          { level: 1, count: 40, share: 40 / 60 },
          { level: 2, count: 10, share: 10 / 60 },
          { level: 3, count: null, share: null },
          { level: 4, count: null, share: null },
        ],
        special: { sbo: { count: null, share: null }, so: { count: null, share: null } },
      });
      expect(response.body).not.toMatch(/Leerling|Figuur/);
      expect(await logRowsOf(response)).toEqual([]);
    });

    it('count only the own SWV', async () => {
      const policy = await signIn(t, await aUser(t.database.db, ids.swv!, [{ role: 'policy' }]));
      const figures = (await policy.get('/api/home/swv-figures')).json();
      // Six children at De Regenboog and Tim at Het Kompas; the foreign child is not counted.
      expect(figures.pupils).toBe(7);
      expect(figures.levels.map((cell: { count: number | null }) => cell.count)).toEqual([
        null,
        null,
        null,
        null,
      ]);
      expect(figures.schoolsByKind).toEqual([{ kind: 'bao', count: 2 }]);
    });
  });

  describe('SWV administrator', () => {
    it('counts the own SWV’s schools, boards, teams, partner organisations and users', async () => {
      const response = await agents.admin!.get('/api/home/organisation');
      expect(response.statusCode).toBe(200);
      const [users] = await queryRows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from app_user where swv_id = ${ids.swv}`,
      );

      expect(response.json()).toEqual({
        schools: 2,
        boards: 1,
        teams: 2,
        partnerOrganisations: 2,
        users: users!.n,
      });
      expect(await logRowsOf(response)).toEqual([]);
    });
  });
});
