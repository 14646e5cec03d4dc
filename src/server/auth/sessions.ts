// Server-side sessions (docs/SECURITY.md B4): a random token in a __Host- cookie, only its hash stored; a new
// token at every login and at every step up; idle (30 min) and absolute (12 h) expiry against the
// injected clock; logout, password change and account disable delete the rows.
import { createHash, randomBytes } from 'node:crypto';
import { eq, type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../access/actor.ts';
import type { FactsRow } from '../access/factsRow.ts';
import { type ActorRow, actorColumns, toActor } from '../access/loadActor.ts';
import { factsColumns } from '../access/scope.ts';
import { type Queryable, queryPrepared } from '../db/client.ts';
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
  /**
   * actor: the signed-in user once the session is active; null before the second factor or when
   * disabled. childFacts: with a child asked for, the policy's facts of that child for this user
   * (null: no such child), loaded in the same query.
   */
  | {
      status: 'valid';
      session: SessionRow;
      tokenHash: string;
      actor: Actor | null;
      childFacts?: FactsRow | null;
    };

type SessionActorRow = ActorRow & {
  token_hash: string;
  stage: SessionStage;
  method: SessionRow['method'];
  csrf_token: string;
  created_at: string | Date;
  last_seen_at: string | Date;
  child_facts?: FactsRow | null;
};

/** The user's partner organisations, for the case-team memberships that could cover them (scope.ts). */
const ofUsersOrganisations = (column: SQL) =>
  sql`${column} in (select m.partner_organisation_id from membership m
                     where m.user_id = u.id and m.role = 'partner' and m.partner_organisation_id is not null)`;

/**
 * The session of a cookie and its user as an actor, in one query: every API request pays it. With
 * `childId` (a route on one child's file, docs/decisions/0038) the same query also loads the
 * policy's facts of that child, so the read needs one statement more, not two.
 */
export async function findSession(
  db: Queryable,
  token: string | undefined,
  now: Date,
  childId?: string,
): Promise<SessionLookup> {
  if (!token || token.length > 100) return { status: 'none' };
  const tokenHash = hashToken(token);
  const childFacts =
    childId === undefined
      ? sql``
      : sql`, (select row_to_json(f) from (select ${factsColumns(sql`u.id`, ofUsersOrganisations)}
                                         from student s where s.id = ${childId}::uuid) f) as child_facts`;
  const [row] = await queryPrepared<SessionActorRow>(
    db,
    sql`select se.token_hash, se.stage, se.method, se.csrf_token, se.created_at, se.last_seen_at, ${actorColumns}${childFacts}
          from session se join app_user u on u.id = se.user_id
         where se.token_hash = ${tokenHash}`,
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
    ...(childId === undefined ? {} : { childFacts: row.child_facts ?? null }),
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
