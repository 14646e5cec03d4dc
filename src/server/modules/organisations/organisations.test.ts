import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, activate, aSchool, aSwv, aUser, signIn } from '../../../../test/support/factories.ts';
import { type TestApp, testApp } from '../../../../test/support/testApp.ts';

describe('the SWV and its organisation', () => {
  let t: TestApp;
  let swvId: string;
  let admin: Agent;
  let secondAdmin: Agent;
  beforeAll(async () => {
    t = await testApp();
    swvId = (await aSwv(t.database.db)).id;
    admin = await signIn(t, await aUser(t.database.db, swvId, [{ role: 'swv_admin' }]));
    secondAdmin = await signIn(t, await aUser(t.database.db, swvId, [{ role: 'swv_admin' }]));
  });
  afterAll(() => t.close());

  it('lets the operator create an SWV whose administrator can sign in', async () => {
    const operator = await signIn(t, await aUser(t.database.db, null, [{ role: 'operator' }]));
    const created = await operator.post('/api/swvs', {
      name: 'Passenderwijs',
      registerCode: 'PO 26.04',
      sector: 'PO',
      municipalities: ['Woerden', 'Montfoort'],
      holidayRegion: 'midden',
      admin: { email: 'Beheer@Passenderwijs.example', displayName: 'Beheerder' },
    });
    expect(created.statusCode).toBe(201);
    const { swv, admin: newAdmin } = created.json();
    expect(swv).toMatchObject({ registerCode: 'PO 26.04', decisionWorkingDays: 10, crisisWorkingDays: 1 });
    expect(newAdmin.email).toBe('beheer@passenderwijs.example');
    // No password in the answer: the administrator sets their own with the activation link.
    expect(created.body).not.toMatch(/password/i);
    expect(await activate(t, newAdmin.activation.token, 'mijn geheime zin voor het swv')).toBe(204);
    const login = await new Agent(t).post('/api/auth/login', {
      email: newAdmin.email,
      password: 'mijn geheime zin voor het swv',
    });
    // An SWV role sets up its second factor first.
    expect(login.json().stage).toBe('totp_setup');
    const again = await operator.post('/api/swvs', {
      name: 'Dubbel',
      registerCode: 'PO 26.04',
      sector: 'PO',
      holidayRegion: 'midden',
      admin: { email: 'ander@passenderwijs.example', displayName: 'Ander' },
    });
    expect(again.statusCode).toBe(409);
  });

  it('manages schools, refusing a duplicate location code and a malformed one', async () => {
    const school = {
      locationCode: '16ab00',
      name: 'De Regenboog',
      kind: 'bao',
      wijk: 'Overvecht',
      municipality: 'Utrecht',
    };
    const created = await admin.post('/api/schools', school);
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({ brin: '16AB', locationCode: '16AB00', pupilCount: 0 });
    expect((await admin.post('/api/schools', school)).statusCode).toBe(409);
    const bad = await admin.post('/api/schools', { ...school, locationCode: '16AB0' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].path).toBe('body.locationCode');
    const patched = await admin.patch(`/api/schools/${created.json().id}`, { pupilCount: 312 });
    expect(patched.json()).toMatchObject({ pupilCount: 312, wijk: 'Overvecht', name: 'De Regenboog' });
  });

  it('links teams to schools and consultants, and keeps the links a PATCH does not name', async () => {
    const schoolId = (await aSchool(t.database.db, swvId)).id;
    const consultant = await aUser(t.database.db, swvId, [{ role: 'consultant' }]);
    const created = await admin.post('/api/teams', {
      name: 'Team Overvecht',
      wijk: 'Overvecht',
      schoolIds: [schoolId],
      memberIds: [consultant.id],
    });
    expect(created.statusCode).toBe(201);
    const patched = await admin.patch(`/api/teams/${created.json().id}`, { name: 'Team Overvecht-Noord' });
    expect(patched.json()).toMatchObject({
      name: 'Team Overvecht-Noord',
      schoolIds: [schoolId],
      memberIds: [consultant.id],
    });
    const consultantAgent = await signIn(t, consultant);
    expect((await consultantAgent.get(`/api/schools/${schoolId}/students`)).statusCode).toBe(200);
  });

  it('refuses ids of another SWV in a body as unknown', async () => {
    const otherSwv = (await aSwv(t.database.db)).id;
    const foreignSchool = (await aSchool(t.database.db, otherSwv)).id;
    const response = await admin.post('/api/users', {
      email: 'ib-vreemd@example.test',
      displayName: 'IB elders',
      memberships: [{ role: 'school_ib', schoolId: foreignSchool }],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.details).toEqual({ fields: { schoolId: 'unknown' } });
    const team = await admin.post('/api/teams', { name: 'Team X', wijk: 'Oost', schoolIds: [foreignSchool] });
    expect(team.statusCode).toBe(400);
  });

  it('creates users with scoped roles; disabling one ends the sessions at once', async () => {
    const schoolId = (await aSchool(t.database.db, swvId)).id;
    const created = await admin.post('/api/users', {
      email: 'leerkracht@example.test',
      displayName: 'Juf Anouk',
      memberships: [{ role: 'teacher', schoolId, groups: ['5A', '5B'] }],
    });
    expect(created.statusCode).toBe(201);
    const { user, activation } = created.json();
    // A teacher reads children's files: the role waits for the second administrator.
    expect(user.memberships).toEqual([]);
    const teacherRole = { role: 'teacher', schoolId, groups: ['5A', '5B'], partnerOrganisationId: null };
    expect(user.pendingMemberships).toEqual([teacherRole]);
    const grant = (await secondAdmin.get('/api/role-grants'))
      .json()
      .find((g: { user: { id: string } }) => g.user.id === user.id);
    expect((await secondAdmin.post(`/api/role-grants/${grant.id}/approve`)).statusCode).toBe(200);
    const approved = (await admin.get('/api/users')).json().find((u: { id: string }) => u.id === user.id);
    expect(approved).toMatchObject({ memberships: [teacherRole], pendingMemberships: [] });
    const password = 'het wachtwoord van juf anouk';
    expect(await activate(t, activation.token, password)).toBe(204);
    const teacher = new Agent(t);
    expect((await teacher.post('/api/auth/login', { email: user.email, password })).statusCode).toBe(200);
    expect((await teacher.get('/api/auth/me')).statusCode).toBe(200);

    const disabled = await admin.patch(`/api/users/${user.id}`, { disabled: true });
    expect(disabled.json().disabled).toBe(true);
    expect((await teacher.get('/api/auth/me')).statusCode).toBe(401);
    const relogin = await new Agent(t).post('/api/auth/login', { email: user.email, password });
    expect(relogin.statusCode).toBe(401);
    const duplicate = await admin.post('/api/users', {
      email: 'LEERKRACHT@example.test',
      displayName: 'Dubbel',
      memberships: [{ role: 'policy' }],
    });
    expect(duplicate.statusCode).toBe(409);
  });

  it('lets an administrator end a user’s sessions and reset the second factor', async () => {
    const consultant = await aUser(t.database.db, swvId, [{ role: 'consultant' }]);
    const agent = await signIn(t, consultant);
    const ended = await admin.post(`/api/users/${consultant.id}/end-sessions`);
    expect(ended.json()).toEqual({ ended: 1 });
    expect((await agent.get('/api/auth/me')).statusCode).toBe(401);
    expect((await admin.post(`/api/users/${consultant.id}/reset-second-factor`)).statusCode).toBe(204);
    const login = await new Agent(t).post('/api/auth/login', {
      email: consultant.email,
      password: consultant.password,
    });
    expect(login.json().stage).toBe('totp_setup');
  });

  it('does not let an administrator lock themselves out', async () => {
    const me = await admin.get('/api/auth/me');
    const response = await admin.patch(`/api/users/${me.json().user.id}`, { disabled: true });
    expect(response.statusCode).toBe(409);
  });

  it('keeps a register of boards, refusing a code that is no DUO number or is taken', async () => {
    const created = await admin.post('/api/boards', { code: '41534', name: 'Stichting Kind en Onderwijs' });
    expect(created.statusCode).toBe(201);
    const boardId = created.json().id;
    expect((await admin.post('/api/boards', { code: '41534', name: 'Dubbel' })).statusCode).toBe(409);
    const bad = await admin.post('/api/boards', { code: '4153', name: 'Te kort' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details.issues[0].path).toBe('body.code');

    const other = (await admin.post('/api/boards', { code: '32099', name: 'Stichting Ander' })).json();
    const renamed = await admin.patch(`/api/boards/${boardId}`, { name: 'Stichting KenO' });
    expect(renamed.json()).toEqual({ id: boardId, code: '41534', name: 'Stichting KenO' });
    // Another board's code: a conflict, and nothing changed.
    expect((await admin.patch(`/api/boards/${boardId}`, { code: other.code })).statusCode).toBe(409);
    const boards = (await admin.get('/api/boards')).json();
    expect(boards.find((b: { id: string }) => b.id === boardId).code).toBe('41534');

    // A school names its board; a board of another SWV is unknown.
    const schoolId = (await aSchool(t.database.db, swvId)).id;
    expect((await admin.patch(`/api/schools/${schoolId}`, { boardId })).json().boardId).toBe(boardId);
    const foreignSwv = (await aSwv(t.database.db)).id;
    const foreignAdmin = await signIn(t, await aUser(t.database.db, foreignSwv, [{ role: 'swv_admin' }]));
    expect((await foreignAdmin.patch(`/api/boards/${boardId}`, { name: 'Overgenomen' })).statusCode).toBe(
      404,
    );
  });

  it('edits a partner organisation: name, kind and schools, keeping what a PATCH does not name', async () => {
    const [schoolA, schoolB] = [
      (await aSchool(t.database.db, swvId)).id,
      (await aSchool(t.database.db, swvId)).id,
    ];
    const created = await admin.post('/api/partner-organisations', {
      name: 'Buurtteam Noordwest',
      kind: 'buurtteam',
      schoolIds: [schoolA],
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const moved = await admin.patch(`/api/partner-organisations/${id}`, { schoolIds: [schoolB, schoolB] });
    expect(moved.json()).toEqual({
      id,
      name: 'Buurtteam Noordwest',
      kind: 'buurtteam',
      schoolIds: [schoolB],
      municipality: null,
    });
    const renamed = await admin.patch(`/api/partner-organisations/${id}`, {
      name: 'JGZ Noordwest',
      kind: 'jgz',
    });
    expect(renamed.json()).toEqual({
      id,
      name: 'JGZ Noordwest',
      kind: 'jgz',
      schoolIds: [schoolB],
      municipality: null,
    });

    // Leerplicht names the municipality whose resident children it serves (docs/domain.md).
    const leerplicht = await admin.post('/api/partner-organisations', {
      name: 'Leerplicht Utrecht',
      kind: 'leerplicht',
      municipality: 'Utrecht',
    });
    expect(leerplicht.json().municipality).toBe('Utrecht');
    const taken = await admin.patch(`/api/partner-organisations/${id}`, { name: 'Leerplicht Utrecht' });
    expect(taken.statusCode).toBe(409);
    const foreignSchool = (await aSchool(t.database.db, (await aSwv(t.database.db)).id)).id;
    const foreign = await admin.patch(`/api/partner-organisations/${id}`, { schoolIds: [foreignSchool] });
    expect(foreign.json().error.details).toEqual({ fields: { schoolIds: 'unknown' } });
    const list = (await admin.get('/api/partner-organisations')).json();
    expect(list.find((p: { id: string }) => p.id === id)).toEqual(renamed.json());
  });

  it('refuses renaming a team to the name of another team as a conflict', async () => {
    await admin.post('/api/teams', { name: 'Team Zuid', wijk: 'Zuid' });
    const other = (await admin.post('/api/teams', { name: 'Team West', wijk: 'West' })).json();
    const response = await admin.patch(`/api/teams/${other.id}`, { name: 'Team Zuid' });
    expect(response.statusCode).toBe(409);
  });

  it('changes the SWV settings within their bounds', async () => {
    const ok = await admin.patch('/api/swv', { decisionWorkingDays: 15, skipSchoolHolidays: true });
    expect(ok.json()).toMatchObject({ decisionWorkingDays: 15, skipSchoolHolidays: true });
    expect((await admin.patch('/api/swv', { decisionWorkingDays: 0 })).statusCode).toBe(400);
  });
});
