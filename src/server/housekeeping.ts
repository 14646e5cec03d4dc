// Periodic clean-up of rows that only matter for a while: expired sessions, throttle windows and
// uploads that never finished storing.
// Every statement is idempotent; the job queue runs it every ten minutes (src/server/jobs/).
import { lt } from 'drizzle-orm';
import { deleteExpiredSessions } from './auth/sessions.ts';
import type { Database } from './db/client.ts';
import { throttle } from './db/schema/index.ts';
import { deleteAbandonedUploads } from './modules/documents/chunks.ts';

/** The longest throttle window (login: 15 minutes) plus a margin. */
const throttleRetentionMs = 60 * 60 * 1000;

export async function cleanUpExpired(database: Database, now: Date): Promise<void> {
  await deleteExpiredSessions(database.db, now);
  await database.db
    .delete(throttle)
    .where(lt(throttle.windowStartedAt, new Date(now.getTime() - throttleRetentionMs)));
  await deleteAbandonedUploads(database.db, now);
}
