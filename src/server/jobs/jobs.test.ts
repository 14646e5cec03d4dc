// The scheduler: today's reminders reach the right people once, however often the job runs; the
// queue runs a job, retries a failing one and then parks it; and two app instances on one
// PostgreSQL run each job once (docs/decisions/0021-pg-boss-job-queue.md).
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aConsent,
  aGuardian,
  aPlan,
  aRequest,
  aSchool,
  aStudent,
  aSwv,
  aUser,
  signIn,
} from '../../../test/support/factories.ts';
import { startSmtpServer, textOf } from '../../../test/support/smtpServer.ts';
import { type TestApp, testApp, testPublicUrl } from '../../../test/support/testApp.ts';
import { openDatabase, queryRows } from '../db/client.ts';
import { notification, supportRequest } from '../db/schema/index.ts';
import { type JobQueue, jobSchema, startJobQueue } from './jobQueue.ts';
import { sendReminders } from './reminders.ts';
import { scheduledJobs } from './scheduledJobs.ts';

/** Waits until `done()` holds, polling; fails after `ms`. */
async function until(done: () => Promise<boolean> | boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await done())) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const inboxOf = (t: TestApp, userId: string) =>
  t.database.db.select({ kind: notification.kind }).from(notification).where(eq(notification.userId, userId));

describe('scheduled reminders', () => {
  let t: TestApp;
  let swvId: string;
  const users: Record<string, string> = {};

  beforeAll(async () => {
    t = await testApp();
    const db = t.database.db;
    // A VO SWV: its catalogue has the OPDC placement.
    swvId = (await aSwv(db, { sector: 'VO' })).id;
    const schoolId = (await aSchool(db, swvId)).id;
    users.ib = (await aUser(db, swvId, [{ role: 'school_ib', schoolId }])).id;
    users.otherIb = (
      await aUser(db, swvId, [{ role: 'school_ib', schoolId: (await aSchool(db, swvId)).id }])
    ).id;
    users.consultant = (await aUser(db, swvId, [{ role: 'consultant' }])).id;
    users.parent = (await aUser(db, swvId, [{ role: 'parent' }])).id;
    // Monday 23 November 2026: Hugo's request is due on Wednesday (2 working days), Eva's was due last Friday.
    const hugo = await aStudent(db, swvId, schoolId, { givenName: 'Hugo', familyName: 'Brouwer' });
    const eva = await aStudent(db, swvId, schoolId, { givenName: 'Eva', familyName: 'Jansen' });
    await aGuardian(db, swvId, hugo.id, users.parent);
    for (const [child, deadlineOn] of [
      [hugo, '2026-11-25'],
      [eva, '2026-11-20'],
    ] as const) {
      const id = await aRequest(db, {
        swvId,
        schoolId,
        studentId: child.id,
        byUserId: users.ib,
        state: 'in_review',
      });
      await db
        .update(supportRequest)
        .set({ deadlineOn, assignedToUserId: users.consultant })
        .where(eq(supportRequest.id, id));
    }
    // Eva's placement at the OPDC ends on 4 December: her return to school is prepared.
    const placement = await aRequest(db, {
      swvId,
      schoolId,
      studentId: eva.id,
      byUserId: users.ib,
      state: 'in_progress',
      code: 'opdc_placement',
    });
    await db
      .update(supportRequest)
      .set({ plannedReturnOn: '2026-12-04' })
      .where(eq(supportRequest.id, placement));
    // Hugo's plan is evaluated on 1 December and waits for his parents; Eva's is far off.
    await aPlan(db, { swvId, studentId: hugo.id, byUserId: users.ib, evaluationDueOn: '2026-12-01' });
    await aPlan(db, { swvId, studentId: eva.id, byUserId: users.ib, evaluationDueOn: '2027-06-01' });
    await aConsent(db, {
      swvId,
      studentId: hugo.id,
      givenByUserId: users.parent,
      purpose: 'request_arrangement',
      expiresOn: '2026-12-15',
    });
  });
  afterAll(() => t.close());

  const inbox = () =>
    t.database.db
      .select({
        userId: notification.userId,
        kind: notification.kind,
        firstName: notification.firstName,
        occasion: notification.occasion,
      })
      .from(notification)
      .where(eq(notification.swvId, swvId));

  it('tells each person what needs them today, by first name only', async () => {
    const created = await sendReminders(t.database, t.clock.now);
    const rows = await inbox();
    const got = rows.map(
      (r) =>
        `${Object.keys(users).find((k) => users[k] === r.userId)} ${r.kind} ${r.firstName} ${r.occasion}`,
    );
    expect(got.sort()).toEqual(
      [
        'consultant deadline_near Hugo 2026-11-25',
        'ib deadline_near Hugo 2026-11-25',
        'consultant deadline_passed Eva 2026-11-20',
        'ib deadline_passed Eva 2026-11-20',
        'ib evaluation_due Hugo 2026-12-01',
        // Eva has no parent with an account: only Hugo's parent hears of the plan.
        'parent plan_awaiting_parents Hugo 1.0',
        'parent consent_expiring Hugo 2026-12-15',
        'ib planned_return Eva 2026-12-04',
      ].sort(),
    );
    expect(created).toBe(rows.length);
    // The other school's IB'er hears nothing.
    expect(rows.some((r) => r.userId === users.otherIb)).toBe(false);
  });

  it('adds nothing when the job runs again the same day, or the next', async () => {
    const before = (await inbox()).length;
    expect(await sendReminders(t.database, t.clock.now)).toBe(0);
    expect(await sendReminders(t.database, new Date(t.clock.now.getTime() + 3600_000))).toBe(0);
    expect((await inbox()).length).toBe(before);
  });

  it('warns again when the deadline has passed since', async () => {
    // Thursday 26 November: Hugo's deadline of Wednesday has passed.
    expect(await sendReminders(t.database, new Date('2026-11-26T08:00:00Z'))).toBe(2);
    const passed = await t.database.db
      .select({ userId: notification.userId })
      .from(notification)
      .where(
        and(
          eq(notification.swvId, swvId),
          eq(notification.kind, 'deadline_passed'),
          eq(notification.firstName, 'Hugo'),
        ),
      );
    expect(passed).toHaveLength(2);
  });
});

describe('a deadline two working days away, through the scheduler', () => {
  let t: TestApp;
  let queue: JobQueue | null = null;
  const smtp = startSmtpServer(false);
  afterAll(async () => {
    await queue?.stop();
    await (await smtp).close();
    await t.close();
  });

  it('reaches the IB’er by e-mail and in the inbox, with the first name only', async () => {
    t = await testApp();
    const db = t.database.db;
    const swvId = (await aSwv(db)).id;
    const schoolId = (await aSchool(db, swvId)).id;
    const ibUser = await aUser(db, swvId, [{ role: 'school_ib', schoolId }]);
    const hugo = await aStudent(db, swvId, schoolId, { givenName: 'Hugo', familyName: 'Brouwer' });
    const requestId = await aRequest(db, {
      swvId,
      schoolId,
      studentId: hugo.id,
      byUserId: ibUser.id,
      state: 'in_review',
    });
    // Monday 23 November; the deadline on Wednesday is two working days away.
    await db.update(supportRequest).set({ deadlineOn: '2026-11-25' }).where(eq(supportRequest.id, requestId));

    const { mailer, received } = await smtp;
    queue = await startJobQueue(t.database, {
      jobs: scheduledJobs(t.database, { mailer, publicUrl: testPublicUrl }),
      now: () => t.clock.now,
      onError: () => {},
      pollingIntervalSeconds: 0.5,
    });
    await queue.runNow('reminders');
    // Deadlines go out at once by default; the e-mail job sends what the reminders queued.
    await until(async () => (await inboxOf(t, ibUser.id)).length === 1);
    await queue.runNow('emails');
    await until(() => received.length === 1);

    const [mail] = received;
    expect(mail!.to).toEqual([ibUser.email]);
    const text = textOf(mail!.raw);
    expect(text).toContain('De termijn van de aanvraag voor Hugo loopt binnen twee werkdagen af.');
    expect(text).toContain(`${testPublicUrl}/requests/${requestId}`);
    expect(text).not.toContain('Brouwer');
    // The in-app notice, read by the IB'er themselves.
    const ib = await signIn(t, ibUser);
    const inbox = (await ib.get('/api/notifications')).json();
    expect(inbox.unread).toBe(1);
    expect(inbox.notifications[0]).toMatchObject({
      kind: 'deadline_near',
      firstName: 'Hugo',
      link: `/requests/${requestId}`,
    });
  });
});

describe('the job queue', () => {
  let t: TestApp;
  let queue: JobQueue | null = null;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(async () => {
    await queue?.stop();
    await t.close();
  });

  it('runs a job sent now, retries a failing one and then parks it as failed', async () => {
    const runs: string[] = [];
    let failures = 0;
    queue = await startJobQueue(t.database, {
      jobs: [
        { name: 'counting', cron: '0 3 * * *', run: async (_now, jobId) => void runs.push(jobId) },
        {
          name: 'failing',
          cron: '0 3 * * *',
          run: async () => {
            failures += 1;
            throw new Error('the SMTP server refused');
          },
        },
      ],
      now: () => t.clock.now,
      onError: () => {},
      pollingIntervalSeconds: 0.5,
      retry: { limit: 1, delaySeconds: 1 },
    });
    const id = await queue.runNow('counting');
    expect(id).toEqual(expect.any(String));
    await until(() => runs.length === 1);
    expect(runs).toEqual([id]);

    const failing = await queue.runNow('failing');
    const stateOf = async () =>
      (
        await queryRows<{ state: string; retryCount: number }>(
          t.database.db,
          sql`select state, retry_count as "retryCount" from ${sql.raw(jobSchema)}.job where id = ${failing}`,
        )
      )[0];
    await until(async () => (await stateOf())?.state === 'failed');
    expect(failures).toBe(2); // the first attempt and one retry
    expect(await stateOf()).toEqual({ state: 'failed', retryCount: 1 });
  });
});

describe.skipIf(!process.env.DATABASE_URL)('two app instances on one PostgreSQL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  it('run each job once, and the reminders once', async () => {
    const target = t.database.target;
    if (target.kind !== 'postgres') throw new Error('needs PostgreSQL');
    const second = await openDatabase({ ...target, poolSize: 3 });
    const db = t.database.db;
    const swvId = (await aSwv(db)).id;
    const schoolId = (await aSchool(db, swvId)).id;
    const ib = (await aUser(db, swvId, [{ role: 'school_ib', schoolId }])).id;
    const child = await aStudent(db, swvId, schoolId, { givenName: 'Noor' });
    await aPlan(db, { swvId, studentId: child.id, byUserId: ib, evaluationDueOn: '2026-11-30' });

    const runsPerJob = new Map<string, number>();
    const instance = (database: typeof t.database | typeof second) =>
      startJobQueue(database, {
        jobs: [
          {
            name: 'reminders',
            cron: '0 7 * * *',
            run: async (now, jobId) => {
              runsPerJob.set(jobId, (runsPerJob.get(jobId) ?? 0) + 1);
              await sendReminders(database, now);
            },
          },
        ],
        now: () => t.clock.now,
        onError: () => {},
        pollingIntervalSeconds: 0.5,
      });
    const [a, b] = await Promise.all([instance(t.database), instance(second)]);
    try {
      // Both instances ask for the run at once, several times, as two clocks ticking would.
      const sent = (
        await Promise.all([...Array(10)].map((_, i) => (i % 2 ? a : b).runNow('reminders')))
      ).filter((id): id is string => id !== null);
      expect(sent.length).toBeGreaterThan(0);
      await until(() => sent.every((id) => runsPerJob.has(id)));
      await new Promise((resolve) => setTimeout(resolve, 1500)); // room for a second run, if any
      expect([...runsPerJob.values()].every((runs) => runs === 1)).toBe(true);
      expect([...runsPerJob.keys()].sort()).toEqual([...sent].sort());
      const given = await queryRows<{ count: number }>(
        db,
        sql`select count(*)::int as count from notification where swv_id = ${swvId}`,
      );
      expect(given[0]?.count).toBe(1);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
      await second.close();
    }
  });
});
