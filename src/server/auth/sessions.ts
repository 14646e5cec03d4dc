// Server-side sessions (docs/SECURITY.md B4): a random token in a __Host- cookie, only its hash stored; a new
// token at every login and at every step up; idle (30 min) and absolute (12 h) expiry against the
// injected clock; logout, password change and account disable delete the rows.
import { createHash, randomBytes } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import type { Actor } from '../access/actor.ts';
import { type ActorRow, actorColumns, toActor } from '../access/loadActor.ts';
import { type Queryable, queryRows } from '../db/client.ts';
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
  /** actor: the signed-in user once the session is active; null before the second factor or when disabled. */
  | { status: 'valid'; session: SessionRow; tokenHash: string; actor: Actor | null };

type SessionActorRow = ActorRow & {
  token_hash: string;
  stage: SessionStage;
  method: SessionRow['method'];
  csrf_token: string;
  created_at: string | Date;
  last_seen_at: string | Date;
};

/** The session of a cookie and its user as an actor, in one query: every API request pays it. */
export async function findSession(
  db: Queryable,
  token: string | undefined,
  now: Date,
): Promise<SessionLookup> {
  if (!token || token.length > 100) return { status: 'none' };
  const tokenHash = hashToken(token);
  const [row] = await queryRows<SessionActorRow>(
    db,
    sql`select s.token_hash, s.stage, s.method, s.csrf_token, s.created_at, s.last_seen_at, ${actorColumns}
          from session s join app_user u on u.id = s.user_id
         where s.token_hash = ${tokenHash}`,
  );
  if (!row) return { status: 'none' };
  const found: SessionRow = {
    tokenHash,
    userId: row.user_id,
    stage: row.stage,
    method: row.method,
    csrfToken: row.csrf_token,
    createdAt: new Date(row.created_at),
    lastSeenAt: new Date(row.last_seen_at),
  };
  const idle = now.getTime() - found.lastSeenAt.getTime();
  const age = now.getTime() - found.createdAt.getTime();
  if (idle > idleTimeoutMs || age > absoluteTimeoutMs) {
    await db.delete(session).where(eq(session.tokenHash, tokenHash));
    return { status: 'expired' };
  }
  if (idle > touchIntervalMs) {
    await db.update(session).set({ lastSeenAt: now }).where(eq(session.tokenHash, tokenHash));
  }
  return {
    status: 'valid',
    session: found,
    tokenHash,
    actor: found.stage === 'active' ? toActor(row) : null,
  };
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
