// E-mail through a real SMTP server, started in the test on a free port (the smtp-server package):
// what arrives holds the child's first name and the link, never the surname; a server that refuses
// leaves a failed row with its reply, and the notice stays.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aSwv, aUser, type TestUser } from '../../../../test/support/factories.ts';
import { startSmtpServer, textOf } from '../../../../test/support/smtpServer.ts';
import { type TestDatabase, testDatabase } from '../../../../test/support/testDatabase.ts';
import { maxEmailAttempts } from '../../../domain/notifications.ts';
import { notification, outboxMessage } from '../../db/schema/index.ts';
import { notify } from './notifications.commands.ts';
import { sendPendingEmails } from './notifications.mail.ts';

describe('e-mail through SMTP', () => {
  let database: TestDatabase;
  let swvId: string;
  let user: TestUser;
  const now = new Date('2026-11-23T09:00:00.000Z');

  beforeAll(async () => {
    database = await testDatabase();
    swvId = (await aSwv(database.db)).id;
    user = await aUser(database.db, swvId, [{ role: 'policy' }]);
  });
  afterAll(() => database.drop());

  const noticeFor = (occasion: string) => ({
    swvId,
    userIds: [user.id],
    kind: 'deadline_near' as const,
    subjectType: 'request' as const,
    subjectId: '00000000-0000-7000-8000-0000000000aa',
    occasion,
    firstName: 'Hugo',
    link: '/requests/00000000-0000-7000-8000-0000000000aa',
  });

  it('sends pending e-mails to the server: the first name and the link, not the surname', async () => {
    const smtp = await startSmtpServer(false);
    try {
      await notify(database.db, now, noticeFor('sent'));
      const result = await sendPendingEmails(database, smtp.mailer, now, 'https://passend.example');
      expect(result).toEqual({ sent: 1, failed: 0, held: 0 });
      expect(smtp.received).toHaveLength(1);
      const message = smtp.received[0]!;
      expect(message.to).toEqual([user.email]);
      expect(message.from).toBe('noreply@passend.example');
      expect(message.raw).toContain('Subject: Passend: Termijn loopt bijna af');
      const text = textOf(message.raw);
      expect(text).toContain('De termijn van de aanvraag voor Hugo loopt binnen twee werkdagen af.');
      expect(text).toContain('https://passend.example/requests/00000000-0000-7000-8000-0000000000aa');
      expect(text).not.toContain('Verbeek');
      const [row] = await database.db.select().from(outboxMessage).where(eq(outboxMessage.userId, user.id));
      expect(row).toMatchObject({ state: 'sent', attempts: 1, lastError: '', sentAt: now });
      // Nothing is sent twice.
      expect(await sendPendingEmails(database, smtp.mailer, now, 'https://passend.example')).toEqual({
        sent: 0,
        failed: 0,
        held: 0,
      });
      expect(smtp.received).toHaveLength(1);
    } finally {
      await smtp.close();
    }
  });

  it('keeps a refused e-mail for another try with the server’s reply, then parks it; the notice stays', async () => {
    const smtp = await startSmtpServer(true);
    try {
      await notify(database.db, now, noticeFor('refused'));
      const first = await sendPendingEmails(database, smtp.mailer, now, 'https://passend.example');
      expect(first).toEqual({ sent: 0, failed: 1, held: 0 });
      const rowOf = async () =>
        (await database.db.select().from(outboxMessage).where(eq(outboxMessage.userId, user.id))).find(
          (row) => row.state !== 'sent',
        )!;
      let row = await rowOf();
      expect(row).toMatchObject({ state: 'pending', attempts: 1 });
      expect(row.lastError).toMatch(/^550 5\.1\.1 Mailbox unavailable/);
      expect(row.lastError).not.toContain('Hugo');
      for (let attempt = 2; attempt <= maxEmailAttempts; attempt++) {
        await sendPendingEmails(database, smtp.mailer, now, 'https://passend.example');
      }
      row = await rowOf();
      expect(row).toMatchObject({ state: 'failed', attempts: maxEmailAttempts });
      expect(await sendPendingEmails(database, smtp.mailer, now, 'https://passend.example')).toEqual({
        sent: 0,
        failed: 0,
        held: 0,
      });
      const notices = await database.db
        .select()
        .from(notification)
        .where(eq(notification.occasion, 'refused'));
      expect(notices).toHaveLength(1);
    } finally {
      await smtp.close();
    }
  });

  it('records a server that cannot be reached as a connection error', async () => {
    const smtp = await startSmtpServer(false);
    await smtp.close();
    await notify(database.db, now, noticeFor('unreachable'));
    const result = await sendPendingEmails(database, smtp.mailer, now, 'https://passend.example');
    expect(result).toMatchObject({ sent: 0, failed: 1 });
    const rows = await database.db.select().from(outboxMessage).where(eq(outboxMessage.state, 'pending'));
    expect(rows.map((r) => r.lastError)).toEqual([expect.stringMatching(/^E[A-Z]+$/)]);
  });
});
