// Server-side sessions (TRUST B4): a random token in a __Host- cookie, only its hash stored; a new
// token at every login and at every step up; idle (30 min) and absolute (12 h) expiry against the
// injected clock; logout, password change and account disable delete the rows.
import { createHash, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { session } from '../db/schema/index.ts';

export const idleTimeoutMs = 30 * 60 * 1000;
export const absoluteTimeoutMs = 12 * 60 * 60 * 1000;
/** lastSeenAt is written at most this often, so reads do not each cost a write. */
const touchIntervalMs = 60 * 1000;

export type SessionStage = (typeof session.$inferSelect)['stage'];
export type SessionRow = typeof session.$inferSelect;

export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-passend' : 'passend';
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export async function createSession(
  db: Queryable,
  input: { userId: string; stage: SessionStage; method: SessionRow['method']; now: Date },
): Promise<{ token: string; csrfToken: string }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  await db.insert(session).values({
    tokenHash: hashToken(token),
    userId: input.userId,
    stage: input.stage,
    method: input.method,
    csrfToken,
    createdAt: input.now,
    lastSeenAt: input.now,
  });
  return { token, csrfToken };
}

export type SessionLookup =
  | { status: 'none' }
  | { status: 'expired' }
  | { status: 'valid'; session: SessionRow; tokenHash: string };

export async function findSession(
  db: Queryable,
  token: string | undefined,
  now: Date,
): Promise<SessionLookup> {
  if (!token || token.length > 100) return { status: 'none' };
  const tokenHash = hashToken(token);
  const [row] = await db.select().from(session).where(eq(session.tokenHash, tokenHash));
  if (!row) return { status: 'none' };
  const idle = now.getTime() - row.lastSeenAt.getTime();
  const age = now.getTime() - row.createdAt.getTime();
  if (idle > idleTimeoutMs || age > absoluteTimeoutMs) {
    await db.delete(session).where(eq(session.tokenHash, tokenHash));
    return { status: 'expired' };
  }
  if (idle > touchIntervalMs) {
    await db.update(session).set({ lastSeenAt: now }).where(eq(session.tokenHash, tokenHash));
  }
  return { status: 'valid', session: row, tokenHash };
}

export async function endSession(db: Queryable, tokenHash: string): Promise<void> {
  await db.delete(session).where(eq(session.tokenHash, tokenHash));
}

export async function endUserSessions(db: Queryable, userId: string): Promise<number> {
  const ended = await db
    .delete(session)
    .where(eq(session.userId, userId))
    .returning({ t: session.tokenHash });
  return ended.length;
}

/** Deletes expired sessions; run by the scheduler. */
export async function deleteExpiredSessions(db: Queryable, now: Date): Promise<void> {
  await db
    .delete(session)
    .where(
      sql`${session.lastSeenAt} < ${new Date(now.getTime() - idleTimeoutMs)} or ${session.createdAt} < ${new Date(now.getTime() - absoluteTimeoutMs)}`,
    );
}
