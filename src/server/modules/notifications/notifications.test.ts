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
import { appUser, notification, outboxMessage } from '../../db/schema/index.ts';
import { notify } from './notifications.commands.ts';
import { invalidAddress, sendDailyDigests, sendPendingEmails } from './notifications.mail.ts';

type Inbox = {
  total: number;
  unread: number;
  notifications: { id: string; kind: string; firstName: string; link: string; readAt: string | null }[];
};

describe('notifications', () => {
  let t: TestApp;
  let swvId: string;
  let schoolId: string;
  let ibUser: TestUser;
  let secondIbUser: TestUser;
  let consultantUser: TestUser;
  let parentUser: TestUser;
  let ib: Agent;
  let secondIb: Agent;
  let consultant: Agent;
  let committee: Agent;
  let parent: Agent;
  let admin: Agent;
  let operator: Agent;
  let foreignAdmin: Agent;

  beforeAll(async () => {
    t = await testApp();
    const db = t.database.db;
    swvId = (await aSwv(db)).id;
    schoolId = (await aSchool(db, swvId)).id;
    ibUser = await aUser(db, swvId, [{ role: 'school_ib', schoolId }]);
    secondIbUser = await aUser(db, swvId, [{ role: 'school_ib', schoolId }]);
    consultantUser = await aUser(db, swvId, [{ role: 'consultant' }]);
    parentUser = await aUser(db, swvId, [{ role: 'parent' }]);
    await aTeam(db, swvId, [schoolId], [consultantUser.id]);
    ib = await signIn(t, ibUser);
    secondIb = await signIn(t, secondIbUser);
    consultant = await signIn(t, consultantUser);
    committee = await signIn(t, await aUser(db, swvId, [{ role: 'committee' }]));
    parent = await signIn(t, parentUser);
    admin = await signIn(t, await aUser(db, swvId, [{ role: 'swv_admin' }]));
    operator = await signIn(t, await aUser(db, null, [{ role: 'operator' }]));
    const foreignSwv = (await aSwv(db)).id;
    foreignAdmin = await signIn(t, await aUser(db, foreignSwv, [{ role: 'swv_admin' }]));
  });
  afterAll(() => t.close());

  const inboxOf = async (agent: Agent, query = ''): Promise<Inbox> => {
    const response = await agent.get(`/api/notifications${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  async function aChildRequest(state: 'submitted' | 'incomplete' | 'in_review', givenName = 'Hugo') {
    const db = t.database.db;
    const child = await aStudent(db, swvId, schoolId, { givenName, familyName: 'Verbeek' });
    await aGuardian(db, swvId, child.id, parentUser.id);
    const id = await aRequest(db, { swvId, schoolId, studentId: child.id, byUserId: ibUser.id, state });
    return { id, childId: child.id };
  }

  const notice = (userIds: string[], occasion: string, firstName = 'Sara') => ({
    swvId,
    userIds,
    kind: 'deadline_near' as const,
    subjectType: 'request' as const,
    subjectId: '00000000-0000-7000-8000-000000000001',
    occasion,
    firstName,
    link: '/requests/00000000-0000-7000-8000-000000000001',
  });

  it('keeps each user’s inbox, newest first, with the unread count, and marks read', async () => {
    const db = t.database.db;
    const before = (await inboxOf(secondIb)).total;
    expect(await notify(db, t.clock.now, notice([secondIbUser.id], 'a'))).toBe(1);
    t.clock.advance(60_000);
    expect(await notify(db, t.clock.now, notice([secondIbUser.id], 'b', 'Noor'))).toBe(1);
    // A job that runs twice adds nothing.
    expect(await notify(db, t.clock.now, notice([secondIbUser.id], 'b', 'Noor'))).toBe(0);

    let inbox = await inboxOf(secondIb);
    expect(inbox.total).toBe(before + 2);
    expect(inbox.notifications[0]).toMatchObject({ kind: 'deadline_near', firstName: 'Noor', readAt: null });
    expect(inbox.notifications[1]!.firstName).toBe('Sara');
    expect((await secondIb.get('/api/notifications/unread-count')).json()).toEqual({ unread: inbox.unread });

    const paged = await inboxOf(secondIb, '?limit=1&offset=1');
    expect(paged.notifications.map((n) => n.id)).toEqual([inbox.notifications[1]!.id]);

    const read = await secondIb.post(`/api/notifications/${inbox.notifications[0]!.id}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json().readAt).toBe(t.clock.now.toISOString());
    inbox = await inboxOf(secondIb);
    expect(inbox.unread).toBe(inbox.total - 1);
    expect((await inboxOf(secondIb, '?unread=true')).notifications.map((n) => n.firstName)).not.toContain(
      'Noor',
    );

    expect((await secondIb.post('/api/notifications/read-all')).json()).toEqual({ unread: 0 });
    expect((await secondIb.get('/api/notifications/unread-count')).json()).toEqual({ unread: 0 });
  });

  it('never shows or touches another user’s notification: 404 as for one that does not exist', async () => {
    const db = t.database.db;
    await notify(db, t.clock.now, notice([consultantUser.id], 'private'));
    const theirs = (await inboxOf(consultant)).notifications[0]!;
    expect((await inboxOf(parent)).notifications.map((n) => n.id)).not.toContain(theirs.id);
    const attempt = await parent.post(`/api/notifications/${theirs.id}/read`);
    const missing = await parent.post('/api/notifications/00000000-0000-7000-8000-0000000000ff/read');
    expect(attempt.statusCode).toBe(404);
    expect(attempt.body).toBe(missing.body);
    expect((await foreignAdmin.post(`/api/notifications/${theirs.id}/read`)).statusCode).toBe(404);
    const [row] = await db.select().from(notification).where(eq(notification.id, theirs.id));
    expect(row!.readAt).toBeNull();
    // The operator belongs to no SWV and has no inbox.
    expect(await inboxOf(operator)).toEqual({ total: 0, unread: 0, notifications: [] });
  });

  it('reading one’s own inbox writes nothing in the access log', async () => {
    const response = await consultant.get('/api/notifications');
    const rows = await queryRows(
      t.database.db,
      sql`select 1 from access_log where request_id = ${String(response.headers['x-request-id'])}`,
    );
    expect(rows).toEqual([]);
  });

  it('keeps each user’s e-mail choice per kind, with the defaults where none is made', async () => {
    const defaults = (await parent.get('/api/notification-preferences')).json().preferences;
    expect(defaults.find((p: { kind: string }) => p.kind === 'deadline_near')).toEqual({
      kind: 'deadline_near',
      email: 'on',
      isDefault: true,
    });
    expect(defaults.find((p: { kind: string }) => p.kind === 'request_decided').email).toBe('digest');
    const saved = await parent.request('PUT', '/api/notification-preferences', {
      preferences: [
        { kind: 'request_decided', email: 'on' },
        { kind: 'deadline_near', email: 'off' },
      ],
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const after = saved.json().preferences;
    expect(after.find((p: { kind: string }) => p.kind === 'request_decided')).toMatchObject({
      email: 'on',
      isDefault: false,
    });
    // Another user's choices stay as they were.
    const others = (await consultant.get('/api/notification-preferences')).json().preferences;
    expect(others.every((p: { isDefault: boolean }) => p.isDefault)).toBe(true);
    // The new choice decides how the next notice is mailed.
    await notify(t.database.db, t.clock.now, { ...notice([parentUser.id], 'pref'), kind: 'deadline_near' });
    const [row] = await t.database.db
      .select({ emailState: notification.emailState })
      .from(notification)
      .where(and(eq(notification.userId, parentUser.id), eq(notification.occasion, 'pref')));
    expect(row!.emailState).toBe('none');
    const twice = await parent.request('PUT', '/api/notification-preferences', {
      preferences: [
        { kind: 'request_decided', email: 'on' },
        { kind: 'request_decided', email: 'off' },
      ],
    });
    expect(twice.statusCode).toBe(400);
    expect(
      (
        await operator.request('PUT', '/api/notification-preferences', {
          preferences: [{ kind: 'deadline_near', email: 'on' }],
        })
      ).statusCode,
    ).toBe(403);
  });

  it('tells the requester and the school’s IB’ers when a request is sent back as incomplete', async () => {
    const request = await aChildRequest('submitted', 'Hugo');
    const sent = await consultant.post(`/api/requests/${request.id}/steps`, {
      revision: 1,
      step: 'send_back_incomplete',
      reasonCode: 'parents_consent',
    });
    expect(sent.statusCode, sent.body).toBe(200);
    for (const agent of [ib, secondIb]) {
      const [first] = (await inboxOf(agent)).notifications;
      expect(first).toMatchObject({
        kind: 'request_incomplete',
        firstName: 'Hugo',
        link: `/requests/${request.id}`,
        readAt: null,
      });
    }
    // Not the one who sent it back, and only the first name is kept.
    expect((await inboxOf(consultant)).notifications.some((n) => n.link === `/requests/${request.id}`)).toBe(
      false,
    );
    const stored = await t.database.db
      .select()
      .from(notification)
      .where(eq(notification.subjectId, request.id));
    expect(JSON.stringify(stored)).not.toContain('Verbeek');
  });

  it('tells the assignee, or else the school’s consultants, when a request is supplemented', async () => {
    const unassigned = await aChildRequest('incomplete', 'Mila');
    expect(
      (await ib.post(`/api/requests/${unassigned.id}/steps`, { revision: 1, step: 'supplement' })).statusCode,
    ).toBe(200);
    expect((await inboxOf(consultant)).notifications[0]).toMatchObject({
      kind: 'request_supplemented',
      firstName: 'Mila',
    });

    const assigned = await aChildRequest('incomplete', 'Daan');
    const committeeUser = await aUser(t.database.db, swvId, [{ role: 'committee' }]);
    const assignee = await signIn(t, committeeUser);
    await t.database.db.execute(
      sql`update support_request set assigned_to_user_id = ${committeeUser.id} where id = ${assigned.id}`,
    );
    expect(
      (await ib.post(`/api/requests/${assigned.id}/steps`, { revision: 1, step: 'supplement' })).statusCode,
    ).toBe(200);
    expect((await inboxOf(assignee)).notifications[0]).toMatchObject({ firstName: 'Daan' });
    expect((await inboxOf(consultant)).notifications.some((n) => n.firstName === 'Daan')).toBe(false);
  });

  it('tells the requester and the child’s parents when a request is decided', async () => {
    const request = await aChildRequest('in_review', 'Zoë');
    const decided = await committee.post(`/api/requests/${request.id}/decision`, {
      revision: 1,
      outcome: 'rejected',
      reasons: 'De basisondersteuning volstaat.',
    });
    expect(decided.statusCode, decided.body).toBe(200);
    for (const agent of [ib, parent]) {
      expect((await inboxOf(agent)).notifications[0]).toMatchObject({
        kind: 'request_decided',
        firstName: 'Zoë',
      });
    }
  });

  it('tells no one of a refused step', async () => {
    const request = await aChildRequest('in_review', 'Fleur');
    const before = await t.database.db
      .select()
      .from(notification)
      .where(eq(notification.subjectId, request.id));
    const refused = await consultant.post(`/api/requests/${request.id}/steps`, {
      revision: 1,
      step: 'send_back_incomplete',
      reasonCode: 'parents_consent',
    });
    expect(refused.statusCode).toBe(422);
    const after = await t.database.db
      .select()
      .from(notification)
      .where(eq(notification.subjectId, request.id));
    expect(after.length).toBe(before.length);
  });

  it('holds e-mails without SMTP settings, shows them in the outbox, and leaves users without an address out', async () => {
    const db = t.database.db;
    const noAddress = await aUser(db, swvId, [{ role: 'policy' }]);
    await db.update(appUser).set({ email: '' }).where(eq(appUser.id, noAddress.id));
    await notify(db, t.clock.now, notice([ibUser.id, noAddress.id], 'held'));
    const result = await sendPendingEmails(t.database, null, t.clock.now, 'https://passend.example');
    expect(result.sent).toBe(0);
    expect(result.held).toBeGreaterThanOrEqual(1);
    const [none] = await db
      .select({ emailState: notification.emailState })
      .from(notification)
      .where(and(eq(notification.userId, noAddress.id), eq(notification.occasion, 'held')));
    expect(none!.emailState).toBe('none');

    const outbox = (await admin.get('/api/outbox?state=held')).json();
    const mine = outbox.messages.find((m: { to: string }) => m.to === ibUser.email);
    expect(mine).toMatchObject({ state: 'held', attempts: 0, subject: 'Passend: Termijn loopt bijna af' });
    expect(mine.body).toContain('Sara');
    expect(mine.body).toContain('https://passend.example/requests/00000000-0000-7000-8000-000000000001');
    // The operator sees every SWV's messages without their text; another SWV's administrator none.
    const all = (await operator.get('/api/outbox?state=held')).json();
    expect(all.messages.find((m: { id: string }) => m.id === mine.id)).toMatchObject({ body: null });
    expect((await foreignAdmin.get('/api/outbox')).json().messages).toEqual([]);
    expect((await consultant.get('/api/outbox')).statusCode).toBe(403);
    // A second run finds nothing new to queue.
    const again = await sendPendingEmails(t.database, null, t.clock.now, 'https://passend.example');
    expect(again).toEqual({ sent: 0, failed: 0, held: 0 });
  });

  it('parks a message to a bad address with a clear error, and sends it again once corrected', async () => {
    const db = t.database.db;
    const badUser = await aUser(db, swvId, [{ role: 'policy' }]);
    await db.update(appUser).set({ email: 'nobody@nowhere' }).where(eq(appUser.id, badUser.id));
    await notify(db, t.clock.now, notice([badUser.id], 'bad'));
    await sendPendingEmails(t.database, null, t.clock.now, 'https://passend.example');
    const [row] = await db.select().from(outboxMessage).where(eq(outboxMessage.userId, badUser.id));
    expect(row).toMatchObject({ state: 'failed', lastError: invalidAddress });
    const stillBad = await admin.post(`/api/outbox/${row!.id}/retry`);
    expect(stillBad.statusCode).toBe(422);
    expect(stillBad.json().error.details.rule).toBe('email_address_invalid');
    await db.update(appUser).set({ email: 'fixed@school.example' }).where(eq(appUser.id, badUser.id));
    expect((await foreignAdmin.post(`/api/outbox/${row!.id}/retry`)).statusCode).toBe(404);
    const retried = await admin.post(`/api/outbox/${row!.id}/retry`);
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({
      state: 'pending',
      attempts: 0,
      lastError: '',
      to: 'fixed@school.example',
    });
    expect((await admin.post(`/api/outbox/${row!.id}/retry`)).json().error.details.rule).toBe(
      'outbox_not_retryable',
    );
  });

  it('gathers a user’s digest notices of the day in one e-mail, once', async () => {
    const db = t.database.db;
    const digestUser = await aUser(db, swvId, [{ role: 'school_ib', schoolId }]);
    for (const [occasion, firstName] of [
      ['d1', 'Anna'],
      ['d2', 'Bram'],
    ] as const) {
      await notify(db, t.clock.now, {
        ...notice([digestUser.id], occasion, firstName),
        kind: 'request_decided',
      });
    }
    const sent: { to: string; subject: string; text: string }[] = [];
    const mailer = { send: async (message: (typeof sent)[number]) => void sent.push(message) };
    const first = await sendDailyDigests(t.database, mailer, t.clock.now, 'https://passend.example');
    const mine = sent.filter((m) => m.to === digestUser.email);
    expect(mine).toHaveLength(1);
    expect(mine[0]!.subject).toBe('Passend: 2 nieuwe meldingen');
    expect(mine[0]!.text).toContain('Anna');
    expect(mine[0]!.text).toContain('Bram');
    expect(first.sent).toBeGreaterThanOrEqual(1);
    const second = await sendDailyDigests(t.database, mailer, t.clock.now, 'https://passend.example');
    expect(second).toEqual({ sent: 0, failed: 0, held: 0 });
    expect(sent.filter((m) => m.to === digestUser.email)).toHaveLength(1);
  });
});
