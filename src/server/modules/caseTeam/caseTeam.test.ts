import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type Agent,
  aCaseMember,
  aConsent,
  aGuardian,
  anOrganisationOnCase,
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

// The test clock stands at 2026-11-23 (Amsterdam).
describe('the case team', () => {
  let t: TestApp;
  let swvId: string;
  let schoolId: string;
  let buurtteam: string;
  let jgz: string;
  let ibUser: TestUser;
  let parentUser: TestUser;
  let partnerUser: TestUser;
  let colleagueUser: TestUser;
  let consultantUser: TestUser;
  let ib: Agent;
  let parent: Agent;
  let partner: Agent;
  let colleague: Agent;
  let consultant: Agent;
  let teacher: Agent;
  beforeAll(async () => {
    t = await testApp();
    const db = t.database.db;
    swvId = (await aSwv(db)).id;
    schoolId = (await aSchool(db, swvId)).id;
    buurtteam = await aPartnerOrganisation(db, swvId, [schoolId]);
    jgz = await aPartnerOrganisation(db, swvId, []);
    ibUser = await aUser(db, swvId, [{ role: 'school_ib', schoolId }]);
    parentUser = await aUser(db, swvId, [{ role: 'parent' }]);
    partnerUser = await aUser(db, swvId, [{ role: 'partner', partnerOrganisationId: buurtteam }]);
    colleagueUser = await aUser(db, swvId, [{ role: 'partner', partnerOrganisationId: buurtteam }]);
    consultantUser = await aUser(db, swvId, [{ role: 'consultant' }]);
    await aTeam(db, swvId, [schoolId], [consultantUser.id]);
    ib = await signIn(t, ibUser);
    parent = await signIn(t, parentUser);
    partner = await signIn(t, partnerUser);
    colleague = await signIn(t, colleagueUser);
    consultant = await signIn(t, consultantUser);
    teacher = await signIn(t, await aUser(db, swvId, [{ role: 'teacher', schoolId, groups: ['5A'] }]));
  });
  afterAll(() => t.close());

  /** A child of the parent; with `consent`, the parents consented to share with the buurtteam. */
  async function aChild({ consent = true } = {}) {
    const child = await aStudent(t.database.db, swvId, schoolId, { groupName: '5A' });
    await aGuardian(t.database.db, swvId, child.id, parentUser.id);
    if (consent) {
      await aConsent(t.database.db, {
        swvId,
        studentId: child.id,
        givenByUserId: parentUser.id,
        partnerOrganisationId: buurtteam,
      });
    }
    return child;
  }

  const onTheCase = {
    role: 'Gezinscoach',
    reason: 'Ondersteuning thuis bij de aanpak van het lezen',
    validFrom: '2026-11-23',
  };

  async function logRows(studentId: string) {
    return queryRows<{ action: string; object_type: string; part: string | null; outcome: string }>(
      t.database.db,
      sql`select action, object_type, part, outcome from access_log
          where student_id = ${studentId} and actor_user_id = ${ibUser.id} order by seq`,
    );
  }

  it('lets a partner read the file once their organisation is on the case and the parents consented', async () => {
    const child = await aChild();
    expect((await partner.get(`/api/students/${child.id}`)).statusCode).toBe(403);

    const added = await ib.post(`/api/students/${child.id}/case-team`, {
      ...onTheCase,
      partnerOrganisationId: buurtteam,
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({
      kind: 'organisation',
      partnerOrganisationId: buurtteam,
      name: expect.stringContaining('Buurtteam'),
      role: 'Gezinscoach',
      validFrom: '2026-11-23',
      validUntil: null,
      status: 'in_force',
      readsFile: true,
      addedByName: expect.any(String),
      endedAt: null,
    });
    // Every partner user of the organisation counts as a member.
    expect((await partner.get(`/api/students/${child.id}`)).statusCode).toBe(200);
    expect((await colleague.get(`/api/students/${child.id}/plans`)).statusCode).toBe(200);
    expect(await logRows(child.id)).toEqual([
      { action: 'create', object_type: 'case_member', part: 'organisation', outcome: 'allowed' },
    ]);
  });

  it('keeps the file closed to a member without the parents’ consent', async () => {
    const child = await aChild({ consent: false });
    const added = await ib.post(`/api/students/${child.id}/case-team`, {
      ...onTheCase,
      userId: partnerUser.id,
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toMatchObject({ kind: 'person', userId: partnerUser.id, readsFile: false });
    expect((await partner.get(`/api/students/${child.id}`)).statusCode).toBe(403);
    // A person's membership is theirs alone: a colleague of the same organisation is not on it.
    await aConsent(t.database.db, {
      swvId,
      studentId: child.id,
      givenByUserId: parentUser.id,
      partnerOrganisationId: buurtteam,
    });
    expect((await partner.get(`/api/students/${child.id}`)).statusCode).toBe(200);
    expect((await colleague.get(`/api/students/${child.id}`)).statusCode).toBe(403);
  });

  it('weighs each organisation of a partner on its own: one on the case, another consented, opens nothing', async () => {
    // Probe finding 04: the buurtteam is on the case without consent, the parents consented to the jgz.
    const db = t.database.db;
    const child = await aChild({ consent: false });
    await anOrganisationOnCase(db, swvId, child.id, buurtteam);
    await aConsent(db, {
      swvId,
      studentId: child.id,
      givenByUserId: parentUser.id,
      partnerOrganisationId: jgz,
    });
    const twoJobs = await signIn(
      t,
      await aUser(db, swvId, [
        { role: 'partner', partnerOrganisationId: buurtteam },
        { role: 'partner', partnerOrganisationId: jgz },
      ]),
    );
    for (const path of ['', '/plans', '/case-team', '/requests']) {
      expect((await twoJobs.get(`/api/students/${child.id}${path}`)).statusCode, path).toBe(403);
    }
    // Their home page lists it as a case waiting for consent, not as one to open.
    const cases = (await twoJobs.get('/api/home/cases')).json();
    expect(cases.children.map((c: { id: string }) => c.id)).not.toContain(child.id);
    expect(cases.awaitingConsent).toBe(1);
    // Once the parents consent to the organisation on the case, it opens.
    await aConsent(db, {
      swvId,
      studentId: child.id,
      givenByUserId: parentUser.id,
      partnerOrganisationId: buurtteam,
    });
    expect((await twoJobs.get(`/api/students/${child.id}`)).statusCode).toBe(200);
  });

  it('holds only from its first through its last day', async () => {
    const ended = await aChild();
    await aCaseMember(t.database.db, swvId, ended.id, partnerUser.id, { validUntil: '2026-11-22' });
    expect((await partner.get(`/api/students/${ended.id}`)).statusCode).toBe(403);

    const lastDay = await aChild();
    await aCaseMember(t.database.db, swvId, lastDay.id, partnerUser.id, { validUntil: '2026-11-23' });
    expect((await partner.get(`/api/students/${lastDay.id}`)).statusCode).toBe(200);

    const planned = await aChild();
    await anOrganisationOnCase(t.database.db, swvId, planned.id, buurtteam, { validFrom: '2026-11-24' });
    expect((await partner.get(`/api/students/${planned.id}`)).statusCode).toBe(403);
    const team = (await ib.get(`/api/students/${planned.id}/case-team`)).json();
    expect(team.members).toMatchObject([{ status: 'not_yet', readsFile: false }]);
  });

  it('ends a membership at once and keeps it as history', async () => {
    const child = await aChild();
    const memberId = await anOrganisationOnCase(t.database.db, swvId, child.id, buurtteam);
    expect((await partner.get(`/api/students/${child.id}`)).statusCode).toBe(200);

    const endedAt = t.clock.now.toISOString();
    const ended = await consultant.post(`/api/students/${child.id}/case-team/${memberId}/end`);
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toMatchObject({
      id: memberId,
      status: 'ended',
      readsFile: false,
      endedAt,
      endedByName: expect.any(String),
    });
    expect((await partner.get(`/api/students/${child.id}`)).statusCode).toBe(403);
    // Ending it again changes nothing.
    const again = await ib.post(`/api/students/${child.id}/case-team/${memberId}/end`);
    expect(again.json()).toMatchObject({ endedAt });

    const team = await parent.get(`/api/students/${child.id}/case-team`);
    expect(team.statusCode).toBe(200);
    expect(team.json()).toMatchObject({ members: [{ id: memberId, status: 'ended' }], choices: null });
    const logged = await queryRows<{ action: string; part: string | null; role: string }>(
      t.database.db,
      sql`select action, part, actor_role as role from access_log
          where student_id = ${child.id} and object_type = 'case_member' order by seq`,
    );
    expect(logged).toEqual([
      { action: 'update', part: 'ended', role: 'consultant' },
      { action: 'update', part: 'ended', role: 'school_ib' },
    ]);
  });

  it('shows the team to the parents, and whom to add only to those who manage it', async () => {
    const child = await aChild();
    await aCaseMember(t.database.db, swvId, child.id, partnerUser.id);
    const forParent = (await parent.get(`/api/students/${child.id}/case-team`)).json();
    expect(forParent).toMatchObject({
      members: [{ kind: 'person', organisationName: expect.stringContaining('Buurtteam'), readsFile: true }],
      choices: null,
    });
    const forIb = (await ib.get(`/api/students/${child.id}/case-team`)).json();
    expect(forIb.choices.organisations.map((o: { id: string }) => o.id)).toEqual([buurtteam, jgz]);
    const people = forIb.choices.people.map((p: { id: string }) => p.id);
    expect(people).toEqual(expect.arrayContaining([partnerUser.id, consultantUser.id]));
    expect(people).not.toContain(parentUser.id);
    expect(people).not.toContain(ibUser.id);
    expect((await teacher.get(`/api/students/${child.id}/case-team`)).statusCode).toBe(403);
    expect((await partner.get(`/api/students/${child.id}/case-team`)).statusCode).toBe(200);
  });

  it('lets only the IB’er and the school’s consultant manage the team', async () => {
    const child = await aChild();
    const body = { ...onTheCase, partnerOrganisationId: jgz };
    for (const agent of [parent, partner, teacher]) {
      expect((await agent.post(`/api/students/${child.id}/case-team`, body)).statusCode).toBe(403);
    }
    expect((await consultant.post(`/api/students/${child.id}/case-team`, body)).statusCode).toBe(201);
  });

  it('refuses whom the team cannot take, an overlap and a wrong period, and changes nothing', async () => {
    const child = await aChild();
    const foreignOrganisation = await aPartnerOrganisation(t.database.db, (await aSwv(t.database.db)).id);
    const refusals = [
      { ...onTheCase, userId: parentUser.id },
      { ...onTheCase, userId: ibUser.id },
      { ...onTheCase, partnerOrganisationId: foreignOrganisation },
      { ...onTheCase, userId: partnerUser.id, partnerOrganisationId: buurtteam },
      { ...onTheCase },
      { ...onTheCase, userId: partnerUser.id, validUntil: '2026-11-22' },
      { ...onTheCase, userId: partnerUser.id, reason: '   ' },
    ];
    for (const body of refusals) {
      const response = await ib.post(`/api/students/${child.id}/case-team`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json().error.code).toMatch(/validation_failed|bad_request/);
    }
    const first = await ib.post(`/api/students/${child.id}/case-team`, {
      ...onTheCase,
      userId: partnerUser.id,
      validUntil: '2027-07-31',
    });
    expect(first.statusCode).toBe(201);
    const overlap = await ib.post(`/api/students/${child.id}/case-team`, {
      ...onTheCase,
      userId: partnerUser.id,
      validFrom: '2027-07-31',
    });
    expect(overlap.statusCode).toBe(409);
    const next = await ib.post(`/api/students/${child.id}/case-team`, {
      ...onTheCase,
      userId: partnerUser.id,
      validFrom: '2027-08-01',
    });
    expect(next.statusCode).toBe(201);
    const rows = await queryRows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from case_member where student_id = ${child.id}`,
    );
    expect(rows[0]!.n).toBe(2);
  });

  it('answers "not found" for a member of another child, alike for one that does not exist', async () => {
    const child = await aChild();
    const other = await aChild();
    const memberId = await aCaseMember(t.database.db, swvId, other.id, partnerUser.id);
    const wrongChild = await ib.post(`/api/students/${child.id}/case-team/${memberId}/end`);
    const unknown = await ib.post(`/api/students/${child.id}/case-team/${crypto.randomUUID()}/end`);
    expect(wrongChild.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(wrongChild.json()).toEqual(unknown.json());
    expect((await partner.get(`/api/students/${other.id}`)).statusCode).toBe(200);
  });

  it('counts on the partner’s home page only the cases they are on today', async () => {
    const db = t.database.db;
    const shared = await aChild();
    await anOrganisationOnCase(db, swvId, shared.id, buurtteam);
    const waiting = await aChild({ consent: false });
    await aCaseMember(db, swvId, waiting.id, colleagueUser.id);
    await anOrganisationOnCase(db, swvId, waiting.id, buurtteam);
    const past = await aChild({ consent: false });
    await anOrganisationOnCase(db, swvId, past.id, buurtteam, { validUntil: '2026-11-01' });
    const cases = (await colleague.get('/api/home/cases')).json();
    const ids = cases.children.map((c: { id: string }) => c.id);
    expect(ids).toContain(shared.id);
    expect(ids).not.toContain(waiting.id);
    expect(ids).not.toContain(past.id);
    const before = cases.awaitingConsent;
    await aCaseMember(db, swvId, (await aChild({ consent: false })).id, colleagueUser.id, {
      validUntil: '2026-11-01',
    });
    expect((await colleague.get('/api/home/cases')).json().awaitingConsent).toBe(before);
    await aCaseMember(db, swvId, (await aChild({ consent: false })).id, colleagueUser.id);
    expect((await colleague.get('/api/home/cases')).json().awaitingConsent).toBe(before + 1);
  });
});
