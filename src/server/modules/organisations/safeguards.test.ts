// docs/SECURITY.md C8, findings 4 and 8: accounts do not leak across SWVs, new accounts are activated by the
// person (never a password in an answer), roles that open children's data wait for a second
// administrator, and every account, role and sign-in change is in the administrators' audit trail.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Agent,
  activate,
  aSchool,
  aStudent,
  aSwv,
  aUser,
  signIn,
} from '../../../../test/support/factories.ts';
import { type TestApp, testApp } from '../../../../test/support/testApp.ts';
import { activationLifetimeMs } from '../../auth/activation.ts';
import { accountActivation, appUser, swv } from '../../db/schema/index.ts';

const password = 'een zin die alleen ik ken';

describe('account safeguards', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  async function anSwvWithAdmins(count: number) {
    const swvRow = await aSwv(t.database.db);
    const admins = [];
    for (let i = 0; i < count; i++)
      admins.push(await aUser(t.database.db, swvRow.id, [{ role: 'swv_admin' }]));
    return { swvId: swvRow.id, admins, agents: await Promise.all(admins.map((a) => signIn(t, a))) };
  }

  const newUser = (email: string, memberships: unknown[] = [{ role: 'policy' }]) => ({
    email,
    displayName: 'Nieuwe collega',
    memberships,
  });

  describe('accounts per SWV (point 4)', () => {
    it('answers an address that has an account in another SWV exactly like a new one', async () => {
      const a = await anSwvWithAdmins(1);
      const b = await anSwvWithAdmins(1);
      const known = await aUser(t.database.db, b.swvId, [{ role: 'parent' }]);
      const fresh = await a.agents[0]!.post('/api/users', newUser('nog-onbekend@example.test'));
      const existing = await a.agents[0]!.post('/api/users', newUser(known.email));
      expect(existing.statusCode).toBe(201);
      expect(fresh.statusCode).toBe(201);
      const shape = (body: { user: Record<string, unknown>; activation: Record<string, unknown> }) => ({
        user: Object.keys(body.user).sort(),
        activation: Object.keys(body.activation).sort(),
        activated: body.user.activated,
        hasSecondFactor: body.user.hasSecondFactor,
      });
      expect(shape(existing.json())).toEqual(shape(fresh.json()));
      // The other SWV's account is untouched and still its own.
      const [stillThere] = await t.database.db.select().from(appUser).where(eq(appUser.id, known.id));
      expect(stillThere!.swvId).toBe(b.swvId);
      // Only an address of the own SWV collides.
      const again = await a.agents[0]!.post('/api/users', newUser(known.email.toUpperCase()));
      expect(again.statusCode).toBe(409);
    });

    it('lets the password choose between a person’s accounts in two SWVs', async () => {
      const a = await anSwvWithAdmins(1);
      const inB = await aUser(t.database.db, (await aSwv(t.database.db)).id, [{ role: 'policy' }]);
      const created = (await a.agents[0]!.post('/api/users', newUser(inB.email))).json();
      expect(await activate(t, created.activation.token, password)).toBe(204);
      const toA = new Agent(t);
      await toA.post('/api/auth/login', { email: inB.email, password });
      const toB = new Agent(t);
      await toB.post('/api/auth/login', { email: inB.email, password: inB.password });
      // Policy staff set up a second factor first; the session says whose account it is.
      const meA = await toA.get('/api/auth/me');
      const meB = await toB.get('/api/auth/me');
      expect(meA.json().user.id).toBe(created.user.id);
      expect(meB.json().user.id).toBe(inB.id);
    });
  });

  describe('activation instead of a password (point 8)', () => {
    it('never answers a password, and the link works once', async () => {
      const { agents } = await anSwvWithAdmins(1);
      const created = await agents[0]!.post('/api/users', newUser('eenmalig@example.test'));
      expect(created.body).not.toMatch(/password/i);
      const { user, activation } = created.json();
      expect(user.activated).toBe(false);
      // The token is stored hashed only.
      const rows = await t.database.db
        .select()
        .from(accountActivation)
        .where(eq(accountActivation.userId, user.id));
      expect(rows).toHaveLength(1);
      expect(rows[0]!.tokenHash).not.toContain(activation.token);
      // A weak password is refused and leaves the link valid.
      expect(await activate(t, activation.token, 'kort')).toBe(400);
      expect(await activate(t, activation.token, password)).toBe(204);
      expect(await activate(t, activation.token, 'nog een andere lange zin')).toBe(400);
      const login = await new Agent(t).post('/api/auth/login', { email: 'eenmalig@example.test', password });
      expect(login.statusCode).toBe(200);
      const listed = (await agents[0]!.get('/api/users'))
        .json()
        .find((u: { id: string }) => u.id === user.id);
      expect(listed.activated).toBe(true);
      // An activated account gets no new link: it would let an administrator take it over.
      expect((await agents[0]!.post(`/api/users/${user.id}/activation`)).statusCode).toBe(409);
    });

    it('refuses an expired link; a renewed one replaces the old', async () => {
      const { admins, agents } = await anSwvWithAdmins(1);
      const { user, activation } = (
        await agents[0]!.post('/api/users', newUser('verlopen@example.test'))
      ).json();
      t.clock.advance(activationLifetimeMs + 1000);
      expect(await activate(t, activation.token, password)).toBe(400);
      const renewed = await (await signIn(t, admins[0]!)).post(`/api/users/${user.id}/activation`);
      expect(renewed.statusCode).toBe(200);
      expect(await activate(t, activation.token, password)).toBe(400);
      expect(await activate(t, renewed.json().token, password)).toBe(204);
    });

    it('refuses malformed activation bodies with 400 and changes nothing', async () => {
      for (const payload of [
        {},
        { token: 'x', password },
        { token: 'A'.repeat(43), password: '' },
        { token: 'A'.repeat(43), password, userId: '01900000-0000-7000-8000-000000000000' },
        { token: 42, password },
      ]) {
        const response = await t.app.inject({ method: 'POST', url: '/api/auth/activate', payload });
        expect(response.statusCode, JSON.stringify(payload)).toBe(400);
        expect(response.json().error.code).toBe('validation_failed');
      }
    });
  });

  describe('a second administrator approves roles with children’s data (point 8)', () => {
    it('keeps an IB’er role pending until another administrator approves it', async () => {
      const { swvId, admins, agents } = await anSwvWithAdmins(2);
      const [asker, approver] = agents as [Agent, Agent];
      const schoolId = (await aSchool(t.database.db, swvId)).id;
      await aStudent(t.database.db, swvId, schoolId);
      const created = (
        await asker.post('/api/users', newUser('ib@example.test', [{ role: 'school_ib', schoolId }]))
      ).json();
      expect(created.user.memberships).toEqual([]);
      expect(await activate(t, created.activation.token, password)).toBe(204);
      const ib = new Agent(t);
      await ib.post('/api/auth/login', { email: 'ib@example.test', password });
      // Signed in, but without the role: no children.
      expect((await ib.get(`/api/schools/${schoolId}/students`)).statusCode).toBe(403);

      const pending = (await asker.get('/api/role-grants')).json();
      expect(pending).toHaveLength(1);
      expect(pending[0]).toMatchObject({
        role: 'school_ib',
        schoolId,
        user: { id: created.user.id },
        requestedBy: { id: admins[0]!.id },
        mayDecide: false,
      });
      expect((await asker.post(`/api/role-grants/${pending[0].id}/approve`)).statusCode).toBe(403);
      expect((await approver.get('/api/role-grants')).json()[0].mayDecide).toBe(true);
      const approved = await approver.post(`/api/role-grants/${pending[0].id}/approve`);
      expect(approved.json()).toEqual({ id: pending[0].id, status: 'approved' });
      // Decided once: a second decision finds nothing pending.
      expect((await approver.post(`/api/role-grants/${pending[0].id}/reject`)).statusCode).toBe(404);

      const again = new Agent(t);
      await again.post('/api/auth/login', { email: 'ib@example.test', password });
      expect((await again.get(`/api/schools/${schoolId}/students`)).statusCode).toBe(200);
    });

    it('does not let an administrator approve a grant made for themselves', async () => {
      const { swvId, admins, agents } = await anSwvWithAdmins(2);
      const schoolId = (await aSchool(t.database.db, swvId)).id;
      await agents[0]!.patch(`/api/users/${admins[1]!.id}`, {
        memberships: [{ role: 'swv_admin' }, { role: 'school_ib', schoolId }],
      });
      const second = await signIn(t, admins[1]!);
      const [grant] = (await second.get('/api/role-grants')).json();
      expect(grant.mayDecide).toBe(false);
      expect((await second.post(`/api/role-grants/${grant.id}/approve`)).statusCode).toBe(403);
    });

    it('lets the operator decide where the SWV has one administrator, and only there', async () => {
      const single = await anSwvWithAdmins(1);
      const pair = await anSwvWithAdmins(2);
      const operator = await signIn(t, await aUser(t.database.db, null, [{ role: 'operator' }]));
      const ask = async (agent: Agent, swvId: string, email: string) => {
        const schoolId = (await aSchool(t.database.db, swvId)).id;
        await agent.post('/api/users', newUser(email, [{ role: 'school_director', schoolId }]));
        return (await agent.get('/api/role-grants')).json()[0].id as string;
      };
      const singleGrant = await ask(single.agents[0]!, single.swvId, 'directeur@example.test');
      const pairGrant = await ask(pair.agents[0]!, pair.swvId, 'directeur@example.test');
      const listed = (await operator.get('/api/role-grants')).json().map((g: { id: string }) => g.id);
      expect(listed).toContain(singleGrant);
      expect(listed).not.toContain(pairGrant);
      expect((await operator.post(`/api/role-grants/${pairGrant}/approve`)).statusCode).toBe(403);
      expect((await operator.post(`/api/role-grants/${singleGrant}/reject`)).json().status).toBe('rejected');
      const user = (await single.agents[0]!.get('/api/users'))
        .json()
        .find((u: { email: string }) => u.email === 'directeur@example.test');
      expect(user).toMatchObject({ memberships: [], pendingMemberships: [] });
    });

    it('answers another SWV’s grant as not found', async () => {
      const a = await anSwvWithAdmins(2);
      const b = await anSwvWithAdmins(2);
      const schoolId = (await aSchool(t.database.db, a.swvId)).id;
      await a.agents[0]!.post(
        '/api/users',
        newUser('leerkracht@example.test', [{ role: 'teacher', schoolId, groups: ['3'] }]),
      );
      const [grant] = (await a.agents[0]!.get('/api/role-grants')).json();
      expect((await b.agents[1]!.post(`/api/role-grants/${grant.id}/approve`)).statusCode).toBe(404);
      expect((await b.agents[1]!.get('/api/role-grants')).json()).toEqual([]);
      expect((await a.agents[1]!.post('/api/role-grants/not-an-id/approve')).statusCode).toBe(400);
    });

    it('gives roles without children’s data at once, takes roles away at once, withdraws what is no longer asked', async () => {
      const { swvId, agents } = await anSwvWithAdmins(2);
      const schoolId = (await aSchool(t.database.db, swvId)).id;
      const { user } = (
        await agents[0]!.post(
          '/api/users',
          newUser('beleid@example.test', [{ role: 'policy' }, { role: 'teacher', schoolId, groups: ['4'] }]),
        )
      ).json();
      expect(user.memberships.map((m: { role: string }) => m.role)).toEqual(['policy']);
      expect(user.pendingMemberships.map((m: { role: string }) => m.role)).toEqual(['teacher']);
      const changed = await agents[0]!.patch(`/api/users/${user.id}`, {
        memberships: [{ role: 'committee' }],
      });
      expect(changed.json()).toMatchObject({ memberships: [], pendingMemberships: [{ role: 'committee' }] });
      const kinds = (await agents[1]!.get('/api/admin-events'))
        .json()
        .filter((e: { subject: { id: string } | null }) => e.subject?.id === user.id)
        .map((e: { kind: string }) => e.kind);
      expect(kinds).toEqual(
        expect.arrayContaining(['user_created', 'roles_changed', 'grant_requested', 'grant_withdrawn']),
      );
    });

    it('gives every role at once where the operator turned the approval off', async () => {
      const { swvId, agents } = await anSwvWithAdmins(1);
      await t.database.db.update(swv).set({ grantApprovalRequired: false }).where(eq(swv.id, swvId));
      const schoolId = (await aSchool(t.database.db, swvId)).id;
      const { user } = (
        await agents[0]!.post('/api/users', newUser('direct@example.test', [{ role: 'school_ib', schoolId }]))
      ).json();
      expect(user.memberships.map((m: { role: string }) => m.role)).toEqual(['school_ib']);
      // An administrator cannot turn it off: only on.
      expect((await agents[0]!.patch('/api/swv', { grantApprovalRequired: false })).statusCode).toBe(400);
      expect(
        (await agents[0]!.patch('/api/swv', { grantApprovalRequired: true })).json().grantApprovalRequired,
      ).toBe(true);
    });
  });

  describe('the administrators’ audit trail', () => {
    it('says who did what to whom and when, for the own SWV only', async () => {
      const { swvId, admins, agents } = await anSwvWithAdmins(2);
      const other = await anSwvWithAdmins(1);
      const schoolId = (await aSchool(t.database.db, swvId)).id;
      const { user } = (
        await agents[0]!.post('/api/users', newUser('gelogd@example.test', [{ role: 'school_ib', schoolId }]))
      ).json();
      const [grant] = (await agents[1]!.get('/api/role-grants')).json();
      await agents[1]!.post(`/api/role-grants/${grant.id}/approve`);
      await agents[0]!.post(`/api/users/${user.id}/end-sessions`);
      const events = (await agents[0]!.get('/api/admin-events')).json();
      const approval = events.find((e: { kind: string }) => e.kind === 'grant_approved');
      expect(approval).toMatchObject({
        actor: { id: admins[1]!.id },
        subject: { id: user.id, displayName: 'Nieuwe collega' },
        details: { role: 'school_ib', schoolId, requestedByUserId: admins[0]!.id },
        at: expect.any(String),
      });
      expect(events.map((e: { kind: string }) => e.kind)).toEqual(
        expect.arrayContaining(['user_created', 'grant_requested', 'grant_approved', 'sessions_ended']),
      );
      // No personal data in the details: ids and roles only.
      expect(JSON.stringify(events.map((e: { details: unknown }) => e.details))).not.toContain('gelogd@');
      const foreign = (await other.agents[0]!.get('/api/admin-events')).json();
      expect(foreign.map((e: { subject: { id: string } | null }) => e.subject?.id)).not.toContain(user.id);
      expect((await agents[0]!.get('/api/admin-events?before=gisteren')).statusCode).toBe(400);
    });

    // An administrator who also holds a consultant's role could reach any school's children by
    // adding themselves to a team, on their own say (C8).
    it('refuses an administrator widening their own team, and records every team change', async () => {
      const { swvId, admins, agents } = await anSwvWithAdmins(1);
      const both = await aUser(t.database.db, swvId, [{ role: 'swv_admin' }, { role: 'consultant' }]);
      const self = await signIn(t, both);
      const [north, south] = [await aSchool(t.database.db, swvId), await aSchool(t.database.db, swvId)];
      const teamCount = async () =>
        (await self.get('/api/teams'))
          .json()
          .filter((team: { name: string }) => team.name.startsWith('Noord')).length;
      const joining = await self.post('/api/teams', {
        name: 'Noord',
        wijk: 'Noord',
        schoolIds: [north.id],
        memberIds: [both.id],
      });
      expect(joining.statusCode).toBe(422);
      expect(joining.json().error.details.rule).toBe('own_team');
      expect(await teamCount()).toBe(0);

      const made = await agents[0]!.post('/api/teams', {
        name: 'Noord',
        wijk: 'Noord',
        schoolIds: [north.id],
        memberIds: [both.id],
      });
      expect(made.statusCode, made.body).toBe(201);
      const teamId: string = made.json().id;
      const widening = await self.patch(`/api/teams/${teamId}`, { schoolIds: [north.id, south.id] });
      expect(widening.statusCode).toBe(422);
      expect(widening.json().error.details.rule).toBe('own_team');
      expect(
        (await self.get('/api/teams')).json().find((team: { id: string }) => team.id === teamId),
      ).toMatchObject({ schoolIds: [north.id] });
      // Leaving is allowed.
      expect((await self.patch(`/api/teams/${teamId}`, { memberIds: [] })).statusCode).toBe(200);

      const changes = (await agents[0]!.get('/api/admin-events'))
        .json()
        .filter((event: { kind: string }) => event.kind === 'team_changed');
      expect(
        changes.map((event: { actor: { id: string }; details: unknown }) => [event.actor.id, event.details]),
      ).toEqual([
        [
          both.id,
          { teamId, schoolsAdded: [], schoolsRemoved: [], membersAdded: [], membersRemoved: [both.id] },
        ],
        [
          admins[0]!.id,
          {
            teamId,
            schoolsAdded: [north.id],
            schoolsRemoved: [],
            membersAdded: [both.id],
            membersRemoved: [],
          },
        ],
      ]);
    });

    it('cannot be rewritten, not even by a careless script', async () => {
      const { agents } = await anSwvWithAdmins(1);
      await agents[0]!.post('/api/users', newUser('blijvend@example.test'));
      await expect(
        t.database.db.execute(sql`update admin_event set kind = 'user_renamed'`),
      ).rejects.toThrow();
      await expect(t.database.db.execute(sql`delete from admin_event`)).rejects.toThrow();
    });
  });
});
