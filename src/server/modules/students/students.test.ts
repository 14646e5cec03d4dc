import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Agent,
  aCaseMember,
  aConsent,
  aGuardian,
  anActivePlan,
  aParentResponse,
  aPartnerOrganisation,
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
import {
  appUser,
  consent,
  partnerOrganisation,
  plan,
  student,
  supportLevelChange,
} from '../../db/schema/index.ts';

describe('a school’s children', () => {
  let t: TestApp;
  let swvId: string;
  let schoolId: string;
  let ib: Agent;
  beforeAll(async () => {
    t = await testApp();
    swvId = (await aSwv(t.database.db)).id;
    schoolId = (await aSchool(t.database.db, swvId, { name: 'Basisschool De Regenboog' })).id;
    ib = await signIn(t, await aUser(t.database.db, swvId, [{ role: 'school_ib', schoolId }]));
  });
  afterAll(() => t.close());

  it('creates a child and reads it back', async () => {
    const created = await ib.post(`/api/schools/${schoolId}/students`, {
      givenName: 'Mila',
      familyNamePrefix: 'van',
      familyName: 'Dijk',
      birthDate: '2017-05-02',
      schoolKey: 'LL-1001',
      groupName: '4B',
    });
    expect(created.statusCode).toBe(201);
    const { id } = created.json();
    expect(created.json().schoolName).toBe('Basisschool De Regenboog');
    const read = await ib.get(`/api/students/${id}`);
    expect(read.json()).toEqual({
      id,
      schoolId,
      schoolName: 'Basisschool De Regenboog',
      givenName: 'Mila',
      familyNamePrefix: 'van',
      familyName: 'Dijk',
      birthDate: '2017-05-02',
      schoolKey: 'LL-1001',
      groupName: '4B',
      supportLevel: 1,
      leftOn: null,
      permissions: expect.objectContaining({ edit: true }),
    });
  });

  it('changes only the fields a PATCH names', async () => {
    const created = await ib.post(`/api/schools/${schoolId}/students`, {
      givenName: 'Yusuf',
      familyName: 'Yılmaz',
      birthDate: '2016-01-20',
      schoolKey: 'LL-2002',
      groupName: '5A',
    });
    const { id } = created.json();
    const patched = await ib.patch(`/api/students/${id}`, { groupName: '6A' });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({
      groupName: '6A',
      schoolKey: 'LL-2002',
      familyName: 'Yılmaz',
      schoolName: 'Basisschool De Regenboog',
    });
  });

  it('refuses an impossible birth date', async () => {
    const response = await ib.post(`/api/schools/${schoolId}/students`, {
      givenName: 'Fout',
      familyName: 'Datum',
      birthDate: '2017-02-30',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.code).toBe('validation_failed');
  });

  it('searches by name, filters by group and pages', async () => {
    const listSchool = (await aSchool(t.database.db, swvId, { name: 'Basisschool Het Kompas' })).id;
    const listIb = await signIn(
      t,
      await aUser(t.database.db, swvId, [{ role: 'school_ib', schoolId: listSchool }]),
    );
    for (let i = 0; i < 12; i++) {
      await aStudent(t.database.db, swvId, listSchool, {
        familyName: `Jansen${String(i).padStart(2, '0')}`,
        groupName: i % 2 ? '3A' : '3B',
      });
    }
    await aStudent(t.database.db, swvId, listSchool, { familyName: '50%_korting', groupName: '8' });
    const page = await listIb.get(`/api/schools/${listSchool}/students?limit=5&offset=5`);
    expect(page.json().total).toBe(13);
    expect(page.json().school).toEqual({ id: listSchool, name: 'Basisschool Het Kompas' });
    expect(page.json().students.map((s: { familyName: string }) => s.familyName)).toEqual([
      // "50%_korting" sorts first.
      'Jansen04',
      'Jansen05',
      'Jansen06',
      'Jansen07',
      'Jansen08',
    ]);
    const group = await listIb.get(`/api/schools/${listSchool}/students?group=3A`);
    expect(group.json().total).toBe(6);
    // LIKE wildcards in a search are literal characters.
    const literal = await listIb.get(`/api/schools/${listSchool}/students?q=${encodeURIComponent('50%_')}`);
    expect(literal.json().students.map((s: { familyName: string }) => s.familyName)).toEqual(['50%_korting']);
    const none = await listIb.get(`/api/schools/${listSchool}/students?q=${encodeURIComponent('%')}`);
    expect(none.json().students.map((s: { familyName: string }) => s.familyName)).toEqual(['50%_korting']);
  });

  it('finds a child by the whole name as people write it, in any order', async () => {
    const searchSchool = (await aSchool(t.database.db, swvId)).id;
    const searchIb = await signIn(
      t,
      await aUser(t.database.db, swvId, [{ role: 'school_ib', schoolId: searchSchool }]),
    );
    for (const [givenName, prefix, familyName] of [
      ['Sanne', 'de', 'Vries'],
      ['Daan', 'de', 'Vries'],
      ['Sanne', '', 'Jansen'],
    ] as const) {
      const { id } = await aStudent(t.database.db, swvId, searchSchool, { givenName, familyName });
      await searchIb.patch(`/api/students/${id}`, { familyNamePrefix: prefix });
    }
    const names = async (q: string) =>
      (await searchIb.get(`/api/schools/${searchSchool}/students?q=${encodeURIComponent(q)}`))
        .json()
        .students.map((s: { givenName: string; familyName: string }) => `${s.givenName} ${s.familyName}`);
    expect(await names('Sanne de Vries')).toEqual(['Sanne Vries']);
    expect(await names('vries  sanne')).toEqual(['Sanne Vries']);
    expect(await names('de vries')).toEqual(['Daan Vries', 'Sanne Vries']);
    expect(await names('sanne')).toEqual(['Sanne Jansen', 'Sanne Vries']);
  });

  it('leaves out children who left the school unless asked, and their file stays open', async () => {
    const listSchool = (await aSchool(t.database.db, swvId)).id;
    const listIb = await signIn(
      t,
      await aUser(t.database.db, swvId, [{ role: 'school_ib', schoolId: listSchool }]),
    );
    await aStudent(t.database.db, swvId, listSchool, { givenName: 'Noor' });
    const left = await aStudent(t.database.db, swvId, listSchool, { givenName: 'Finn' });
    await t.database.db.update(student).set({ leftOn: '2026-07-17' }).where(eq(student.id, left.id));
    const given = async (query: string) =>
      (await listIb.get(`/api/schools/${listSchool}/students${query}`))
        .json()
        .students.map((s: { givenName: string; leftOn: string | null }) => `${s.givenName} ${s.leftOn}`);
    expect(await given('')).toEqual(['Noor null']);
    expect((await given('?includeLeft=true')).sort()).toEqual(['Finn 2026-07-17', 'Noor null']);
    const file = await listIb.get(`/api/students/${left.id}`);
    expect(file.statusCode).toBe(200);
    expect(file.json().leftOn).toBe('2026-07-17');
  });
});

describe('consent and the access log', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it('lets a partner read only while the parents’ consent is in force; withdrawal takes effect at once', async () => {
    const db = t.database.db;
    const swvId = (await aSwv(db)).id;
    const schoolId = (await aSchool(db, swvId)).id;
    const organisation = await aPartnerOrganisation(db, swvId, [schoolId]);
    const partnerUser = await aUser(db, swvId, [{ role: 'partner', partnerOrganisationId: organisation }]);
    const parentUser = await aUser(db, swvId, [{ role: 'parent' }]);
    const child = await aStudent(db, swvId, schoolId);
    await aGuardian(db, swvId, child.id, parentUser.id);
    await aCaseMember(db, swvId, child.id, partnerUser.id);
    const partner = await signIn(t, partnerUser);

    expect((await partner.get(`/api/students/${child.id}`)).statusCode).toBe(403);
    const consentId = await aConsent(db, {
      swvId,
      studentId: child.id,
      givenByUserId: parentUser.id,
      partnerOrganisationId: organisation,
    });
    expect((await partner.get(`/api/students/${child.id}`)).statusCode).toBe(200);
    await db.update(consent).set({ withdrawnAt: t.clock.now }).where(eq(consent.id, consentId));
    t.clock.advance(1);
    expect((await partner.get(`/api/students/${child.id}`)).statusCode).toBe(403);

    // The parent sees all of it: who, in what role, allowed or refused; their own reads of the
    // log only when they ask for them.
    const parent = await signIn(t, parentUser);
    const log = await parent.get(`/api/students/${child.id}/access-log`);
    expect(log.statusCode).toBe(200);
    const lines = log.json().lines as Array<{
      actorRole: string;
      outcome: string;
      objects: Array<{ objectType: string }>;
      organisationName: string | null;
    }>;
    // Refusals keep a line each; the partner's one allowed read is a line of one.
    expect(lines.map((e) => [e.actorRole, e.objects[0]!.objectType, e.outcome])).toEqual([
      ['partner', 'student', 'denied'],
      ['partner', 'student', 'allowed'],
      ['partner', 'student', 'denied'],
    ]);
    // The organisation by name, so a parent can read it; a refused partner is named too.
    const [partnerName] = await db
      .select({ name: partnerOrganisation.name })
      .from(partnerOrganisation)
      .where(eq(partnerOrganisation.id, organisation));
    expect(lines.map((e) => e.organisationName)).toEqual([
      partnerName!.name,
      partnerName!.name,
      partnerName!.name,
    ]);
    const today = await parent.get(
      `/api/students/${child.id}/access-log?from=2026-11-23&to=2026-11-23&own=true`,
    );
    // The parent's two reads of the log are one line, acting for no organisation.
    expect(
      today
        .json()
        .lines.map((e: { actorRole: string; count: number; organisationName: string | null }) => [
          e.actorRole,
          e.count,
          e.organisationName,
        ]),
    ).toEqual([
      ['parent', 2, null],
      ['partner', 1, partnerName!.name],
      ['partner', 1, partnerName!.name],
      ['partner', 1, partnerName!.name],
    ]);
    const before = await parent.get(`/api/students/${child.id}/access-log?to=2026-11-22`);
    expect(before.json()).toEqual({ lines: [], olderBefore: null });
  });
});

describe('enrolment history and the support level', () => {
  let t: TestApp;
  let swvId: string;
  let schoolId: string;
  let ibUser: TestUser;
  let ib: Agent;
  beforeAll(async () => {
    t = await testApp();
    swvId = (await aSwv(t.database.db)).id;
    schoolId = (await aSchool(t.database.db, swvId, { name: 'De Regenboog' })).id;
    ibUser = await aUser(t.database.db, swvId, [{ role: 'school_ib', schoolId }]);
    ib = await signIn(t, ibUser);
  });
  afterAll(() => t.close());

  const newChild = async (groupName = '4B') =>
    (
      await ib.post(`/api/schools/${schoolId}/students`, {
        givenName: 'Daan',
        familyName: 'Smit',
        birthDate: '2017-03-04',
        groupName,
      })
    ).json().id as string;

  it('opens an enrolment at creation and a new one when the group changes', async () => {
    const id = await newChild('4B');
    // Same group: nothing to record.
    await ib.patch(`/api/students/${id}`, { groupName: '4B', schoolKey: 'LL-7' });
    t.clock.advance(2 * 86_400_000);
    // Two days on, the session has ended: sign in again.
    ib = await signIn(t, ibUser);
    expect((await ib.patch(`/api/students/${id}`, { groupName: '5A' })).statusCode).toBe(200);
    const history = await ib.get(`/api/students/${id}/history`);
    expect(history.statusCode).toBe(200);
    expect(history.json().enrolments).toEqual([
      { schoolId, schoolName: 'De Regenboog', groupName: '5A', startedOn: '2026-11-25', endedOn: null },
      {
        schoolId,
        schoolName: 'De Regenboog',
        groupName: '4B',
        startedOn: '2026-11-23',
        endedOn: '2026-11-25',
      },
    ]);
    // A second change on the same day corrects today's enrolment instead of adding one.
    await ib.patch(`/api/students/${id}`, { groupName: '5B' });
    const corrected = (await ib.get(`/api/students/${id}/history`)).json();
    expect(corrected.enrolments.map((e: { groupName: string }) => e.groupName)).toEqual(['5B', '4B']);
  });

  it('records each level with its reason and who set it, newest first, and logs one read', async () => {
    const id = await newChild();
    const first = await ib.post(`/api/students/${id}/support-level`, {
      level: 2,
      reason: 'Extra leesbegeleiding in de klas',
      effectiveOn: '2026-11-01',
    });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ id, supportLevel: 2 });
    t.clock.advance(60_000);
    // The same level again is a confirmation: recorded with its reason, the level stays.
    const again = await ib.post(`/api/students/${id}/support-level`, {
      level: 2,
      reason: 'Na evaluatie: blijft niveau 2',
      effectiveOn: '2026-11-20',
    });
    expect(again.json().supportLevel).toBe(2);
    t.clock.advance(60_000);
    await ib.post(`/api/students/${id}/support-level`, {
      level: 3,
      reason: 'Consulent ingeschakeld',
      effectiveOn: '2026-11-25',
    });
    const history = await ib.get(`/api/students/${id}/history`);
    const ibName = await displayName(ibUser.id);
    expect(history.json().supportLevels).toEqual([
      {
        level: 3,
        previousLevel: 2,
        reason: 'Consulent ingeschakeld',
        effectiveOn: '2026-11-25',
        setAt: expect.any(String),
        setByName: ibName,
      },
      expect.objectContaining({ level: 2, previousLevel: 2, reason: 'Na evaluatie: blijft niveau 2' }),
      expect.objectContaining({ level: 2, previousLevel: 1, effectiveOn: '2026-11-01' }),
    ]);
    const logged = await queryRows<{ object_type: string; part: string | null; outcome: string }>(
      t.database.db,
      sql`select object_type, part, outcome from access_log where request_id = ${String(history.headers['x-request-id'])}`,
    );
    expect(logged).toEqual([{ object_type: 'student', part: 'history', outcome: 'allowed' }]);
  });

  it('refuses level 4 until the active plan is an OPP that every responding parent agreed to', async () => {
    const db = t.database.db;
    const id = await newChild();
    const level4 = () =>
      ib.post(`/api/students/${id}/support-level`, {
        level: 4,
        reason: 'Arrangement van het SWV',
        effectiveOn: '2026-11-25',
      });
    const refusal = async () => {
      const response = await level4();
      expect(response.statusCode).toBe(422);
      expect(response.json().error.code).toBe('rule_violated');
      // The refusal read the plan's facts: the access stays logged, nothing else is written.
      const logged = await queryRows<{ outcome: string }>(
        db,
        sql`select outcome from access_log where request_id = ${String(response.headers['x-request-id'])}`,
      );
      expect(logged).toEqual([{ outcome: 'allowed' }]);
      return response.json().error.details.rule;
    };
    expect(await refusal()).toBe('no_active_plan');
    const planId = await anActivePlan(db, { swvId, studentId: id, userId: ibUser.id });
    expect(await refusal()).toBe('no_development_perspective');
    await db.update(plan).set({ hasDevelopmentPerspective: true }).where(eq(plan.id, planId));
    expect(await refusal()).toBe('no_parent_agreement');

    const mother = await aUser(db, swvId, [{ role: 'parent' }]);
    const response = (parentUserId: string | null, agrees: boolean, at: string, parentName = 'Ouder') =>
      aParentResponse(db, {
        swvId,
        planId,
        parentUserId,
        parentName,
        agrees,
        respondedAt: new Date(at),
        recordedByUserId: ibUser.id,
      });
    await response(mother.id, true, '2026-11-10T10:00:00Z');
    // The father answered on paper: no account, known by name. His "no" stands until he changes it.
    await response(null, false, '2026-11-11T10:00:00Z', 'K. Smit');
    expect(await refusal()).toBe('no_parent_agreement');
    await response(null, true, '2026-11-12T10:00:00Z', 'K. Smit');
    const allowed = await level4();
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json().supportLevel).toBe(4);
    const changes = await db.select().from(supportLevelChange).where(eq(supportLevelChange.studentId, id));
    expect(changes.map((c) => c.level)).toEqual([4]);
  });

  it('refuses a level that takes effect in the future, and staff who may not set levels', async () => {
    const id = await newChild();
    const future = await ib.post(`/api/students/${id}/support-level`, {
      level: 2,
      reason: 'Volgend jaar',
      effectiveOn: '2026-12-01',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error.details).toEqual({ fields: { effectiveOn: 'future' } });
    const director = await signIn(
      t,
      await aUser(t.database.db, swvId, [{ role: 'school_director', schoolId }]),
    );
    const refused = await director.post(`/api/students/${id}/support-level`, {
      level: 2,
      reason: 'Directeur',
      effectiveOn: '2026-11-25',
    });
    expect(refused.statusCode).toBe(403);
    expect((await ib.get(`/api/students/${id}`)).json().supportLevel).toBe(1);
  });

  it('shows the active plan on the list and filters by it', async () => {
    const db = t.database.db;
    const listSchool = (await aSchool(db, swvId)).id;
    const listIb = await signIn(t, await aUser(db, swvId, [{ role: 'school_ib', schoolId: listSchool }]));
    const withPlan = await aStudent(db, swvId, listSchool, { familyName: 'Aarts' });
    const without = await aStudent(db, swvId, listSchool, { familyName: 'Bos' });
    await anActivePlan(db, { swvId, studentId: withPlan.id, userId: ibUser.id });
    const all = (await listIb.get(`/api/schools/${listSchool}/students`)).json();
    expect(all.students.map((s: { id: string; flags: unknown }) => [s.id, s.flags])).toEqual([
      [withPlan.id, { activePlan: true, evaluationDueOn: '2027-03-15' }],
      [without.id, { activePlan: false, evaluationDueOn: null }],
    ]);
    const onlyWith = (await listIb.get(`/api/schools/${listSchool}/students?hasActivePlan=true`)).json();
    expect([onlyWith.total, onlyWith.students.map((s: { id: string }) => s.id)]).toEqual([1, [withPlan.id]]);
    const onlyWithout = (await listIb.get(`/api/schools/${listSchool}/students?hasActivePlan=false`)).json();
    expect([onlyWithout.total, onlyWithout.students.map((s: { id: string }) => s.id)]).toEqual([
      1,
      [without.id],
    ]);
    const bad = await listIb.get(`/api/schools/${listSchool}/students?hasActivePlan=maybe`);
    expect(bad.statusCode).toBe(400);
  });

  async function displayName(userId: string) {
    const [row] = await t.database.db
      .select({ name: appUser.displayName })
      .from(appUser)
      .where(eq(appUser.id, userId));
    return row!.name;
  }
});

describe('a school’s list of children (docs/SECURITY.md C7: a list shows only children the user may open)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it('shows each actor exactly the children they may open, a teacher only their own groups', async () => {
    const db = t.database.db;
    const swvId = (await aSwv(db)).id;
    const schoolId = (await aSchool(db, swvId)).id;
    const otherSchoolId = (await aSchool(db, swvId)).id;
    // At levels 2–4, so the home panels (which list children with extra support) name them too.
    const children = [
      await aStudent(db, swvId, schoolId, { groupName: '5A', supportLevel: 3 }),
      await aStudent(db, swvId, schoolId, { groupName: '5A', supportLevel: 2 }),
      await aStudent(db, swvId, schoolId, { groupName: '7B', supportLevel: 4 }),
      await aStudent(db, swvId, schoolId, { groupName: '', supportLevel: 3 }),
    ];
    const childIn7B = children[2]!;
    const teacherAndParent = await aUser(db, swvId, [
      { role: 'teacher', schoolId, groups: ['5A'] },
      { role: 'parent' },
    ]);
    await aGuardian(db, swvId, childIn7B.id, teacherAndParent.id);
    const consultant = await aUser(db, swvId, [{ role: 'consultant' }]);
    await aTeam(db, swvId, [schoolId], [consultant.id]);
    const actors = {
      ib: await aUser(db, swvId, [{ role: 'school_ib', schoolId }]),
      director: await aUser(db, swvId, [{ role: 'school_director', schoolId }]),
      consultant,
      teacherOf5A: await aUser(db, swvId, [{ role: 'teacher', schoolId, groups: ['5A'] }]),
      teacherOf5Aand7B: await aUser(db, swvId, [{ role: 'teacher', schoolId, groups: ['5A', '7B'] }]),
      teacherWithoutGroups: await aUser(db, swvId, [{ role: 'teacher', schoolId, groups: [] }]),
      // Group 7B at another school, 5A here: the other school's group does not count here.
      teacherAtTwoSchools: await aUser(db, swvId, [
        { role: 'teacher', schoolId, groups: ['5A'] },
        { role: 'teacher', schoolId: otherSchoolId, groups: ['7B'] },
      ]),
      // Their own child in 7B opens as a parent, but a school's list is not a parent's.
      teacherAndParent,
    };
    const expected: Record<keyof typeof actors, number> = {
      ib: 4,
      director: 4,
      consultant: 4,
      teacherOf5A: 2,
      teacherOf5Aand7B: 3,
      teacherWithoutGroups: 0,
      teacherAtTwoSchools: 2,
      teacherAndParent: 2,
    };
    // What the page tells the actor the list is limited to: null for the whole school.
    const groupsShown: Record<keyof typeof actors, string[] | null> = {
      ib: null,
      director: null,
      consultant: null,
      teacherOf5A: ['5A'],
      teacherOf5Aand7B: ['5A', '7B'],
      teacherWithoutGroups: [],
      teacherAtTwoSchools: ['5A'],
      teacherAndParent: ['5A'],
    };
    for (const [name, user] of Object.entries(actors) as [keyof typeof actors, TestUser][]) {
      const agent = await signIn(t, user);
      const list = await agent.get(`/api/schools/${schoolId}/students?limit=200`);
      expect(list.statusCode, name).toBe(200);
      const listed: string[] = list.json().students.map((s: { id: string }) => s.id);
      expect(listed.length, name).toBe(expected[name]);
      expect(list.json().total, name).toBe(listed.length);
      expect(list.json().onlyGroups, name).toEqual(groupsShown[name]);
      // Every listed child opens; a child that is not listed does not, unless as the actor's own child.
      for (const child of children) {
        const opened = (await agent.get(`/api/students/${child.id}`)).statusCode === 200;
        const ownChild = name === 'teacherAndParent' && child.id === childIn7B.id;
        expect(opened, `${name} opens ${child.groupName || 'no group'}`).toBe(
          listed.includes(child.id) || ownChild,
        );
      }
    }
    // The home panels that name children name only children the list shows too.
    const panels: Array<[keyof typeof actors, string]> = [
      ['ib', 'support-levels'],
      ['director', 'support-levels'],
      ['teacherOf5A', 'own-groups'],
      ['teacherAtTwoSchools', 'own-groups'],
      ['teacherAndParent', 'own-groups'],
    ];
    for (const [name, panel] of panels) {
      const agent = await signIn(t, actors[name]);
      const listed = (await agent.get(`/api/schools/${schoolId}/students?limit=200`))
        .json()
        .students.map((s: { id: string }) => s.id);
      const shown = (await agent.get(`/api/home/schools/${schoolId}/${panel}`))
        .json()
        .children.map((c: { id: string }) => c.id);
      expect(shown.length, `${name} ${panel}`).toBeGreaterThan(0);
      expect(listed, `${name} ${panel}`).toEqual(expect.arrayContaining(shown));
    }
    // A filter on a group that is not theirs finds nothing, rather than the other group's children.
    const teacher = await signIn(t, actors.teacherOf5A);
    const other = await teacher.get(`/api/schools/${schoolId}/students?group=7B`);
    expect(other.json()).toMatchObject({ total: 0, students: [] });
  });
});
