// docs/SECURITY.md E5: unusual bulk reading — more children in an hour by one user than the
// threshold — raises an alert to the SWV's administrators, once per reader per hour, from what the
// sealer sealed. Denied reads and lists (no child named) do not count.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aSwv, aUser } from '../../../../test/support/factories.ts';
import { type TestDatabase, testDatabase } from '../../../../test/support/testDatabase.ts';
import { appendAccessLog } from '../../access/accessLog.ts';
import { newSigningKeyText, parseSigningKeys } from '../../access/checkpoints.ts';
import { createSealer } from '../../access/sealer.ts';
import { notification } from '../../db/schema/index.ts';
import { watchBulkReading } from './bulkReading.ts';

const [key] = parseSigningKeys(newSigningKeyText('2026-12'));
const threshold = 5;
let database: TestDatabase;
let folder: string;

beforeAll(async () => {
  database = await testDatabase();
  folder = mkdtempSync(path.join(tmpdir(), 'passend-bulk-'));
});
afterAll(async () => {
  await database.drop();
  rmSync(folder, { recursive: true, force: true });
});

type Read = { students: number; outcome?: 'allowed' | 'denied'; list?: boolean };

/** `user` read `students` different children (or lists) at `at`. */
async function reads(swvId: string, userId: string, at: Date, read: Read): Promise<void> {
  for (let index = 0; index < read.students; index++) {
    await appendAccessLog(
      database.db,
      { actorUserId: userId, requestId: `r-${index}`, clientAddress: '198.51.100.4', now: at },
      {
        swvId,
        studentId: read.list ? null : uuidv7(),
        objectType: read.list ? 'student_list' : 'student',
        objectId: null,
        action: 'read',
        outcome: read.outcome ?? 'allowed',
        purpose: 'case team',
        actorRole: 'consultant',
        actorOrganisation: 'team:west',
      },
    );
  }
}

async function alertsAbout(swvId: string, userId: string) {
  return database.db
    .select({ userId: notification.userId, link: notification.link, occasion: notification.occasion })
    .from(notification)
    .where(
      and(
        eq(notification.swvId, swvId),
        eq(notification.kind, 'bulk_reading'),
        eq(notification.subjectId, userId),
      ),
    );
}

/** The sealer as the server runs it, with the watch, on the test's clock. */
function aWatchedSealer(now: () => Date) {
  return createSealer(database.db, {
    key: key!,
    folder,
    now,
    onReaders: watchBulkReading(database.db, { threshold, now }),
  });
}

describe('the watch on bulk reading', () => {
  it("tells the SWV's administrators once an hour of a user reading more children than the threshold", async () => {
    const swv = await aSwv(database.db);
    const admins = [
      await aUser(database.db, swv.id, [{ role: 'swv_admin' }]),
      await aUser(database.db, swv.id, [{ role: 'swv_admin' }]),
    ];
    const reader = await aUser(database.db, swv.id, [{ role: 'consultant' }]);
    const modest = await aUser(database.db, swv.id, [{ role: 'consultant' }]);
    let now = new Date('2026-12-03T10:20:00Z');
    const sealer = aWatchedSealer(() => now);

    // As many as the threshold, plus refusals and lists: no alert.
    await reads(swv.id, reader.id, now, { students: threshold });
    await reads(swv.id, reader.id, now, { students: 3, outcome: 'denied' });
    await reads(swv.id, reader.id, now, { students: 3, list: true });
    await reads(swv.id, modest.id, now, { students: 2 });
    await sealer.runOnce();
    expect(await alertsAbout(swv.id, reader.id)).toEqual([]);

    // One child more (counted a minute later): each administrator is told, with the user's page.
    now = new Date('2026-12-03T10:21:00Z');
    await reads(swv.id, reader.id, now, { students: 1 });
    await sealer.runOnce();
    const alerts = await alertsAbout(swv.id, reader.id);
    expect(alerts.map((alert) => alert.userId).sort()).toEqual(admins.map((admin) => admin.id).sort());
    expect(alerts.every((alert) => alert.link === `/admin/users/${reader.id}`)).toBe(true);

    // Going on in the same hour adds no second alert; the next hour does.
    now = new Date('2026-12-03T10:40:00Z');
    await reads(swv.id, reader.id, now, { students: 4 });
    await sealer.runOnce();
    expect(await alertsAbout(swv.id, reader.id)).toHaveLength(2);
    now = new Date('2026-12-03T11:05:00Z');
    await reads(swv.id, reader.id, now, { students: 1 });
    await sealer.runOnce();
    expect((await alertsAbout(swv.id, reader.id)).map((alert) => alert.occasion).sort()).toEqual([
      '2026-12-03T10',
      '2026-12-03T10',
      '2026-12-03T11',
      '2026-12-03T11',
    ]);
    expect(await alertsAbout(swv.id, modest.id)).toEqual([]);
  });

  // An outside probe: 300 files in 11 seconds and then nothing raised no alert, as the reader was
  // counted after the first few reads and never again.
  it('tells of a burst that ended within the minute once the minute is over, with no further read', async () => {
    const swv = await aSwv(database.db);
    await aUser(database.db, swv.id, [{ role: 'swv_admin' }]);
    const reader = await aUser(database.db, swv.id, [{ role: 'consultant' }]);
    let now = new Date('2026-12-03T13:00:01Z');
    const sealer = aWatchedSealer(() => now);
    await reads(swv.id, reader.id, now, { students: 5 });
    await sealer.runOnce();
    now = new Date('2026-12-03T13:00:11Z');
    await reads(swv.id, reader.id, now, { students: threshold });
    await sealer.runOnce();
    expect(await alertsAbout(swv.id, reader.id)).toEqual([]);
    now = new Date('2026-12-03T13:01:02Z');
    await sealer.runOnce();
    expect(await alertsAbout(swv.id, reader.id)).toHaveLength(1);
  });

  it('counts only the last hour', async () => {
    const swv = await aSwv(database.db);
    await aUser(database.db, swv.id, [{ role: 'swv_admin' }]);
    const reader = await aUser(database.db, swv.id, [{ role: 'consultant' }]);
    let now = new Date('2026-12-03T08:00:00Z');
    const sealer = aWatchedSealer(() => now);
    await reads(swv.id, reader.id, now, { students: threshold });
    await sealer.runOnce();
    now = new Date('2026-12-03T09:00:01Z');
    await reads(swv.id, reader.id, now, { students: threshold });
    await sealer.runOnce();
    expect(await alertsAbout(swv.id, reader.id)).toEqual([]);
  });
});
