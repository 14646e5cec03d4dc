// Fixed-window throttling in the database, so all app instances share the counts (docs/SECURITY.md B3).
// Keys are hashed: the table holds no e-mail addresses. An attempt is counted and checked in one
// statement BEFORE the credential is verified: a check made first and a count made after a slow
// password hash let concurrent guesses all pass the check (docs/SECURITY.md finding 6).
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { throttle } from '../db/schema/index.ts';

export type ThrottleRule = { name: string; limit: number; windowSeconds: number };

export const throttleRules = {
  loginPerAccount: { name: 'login-account', limit: 10, windowSeconds: 15 * 60 },
  loginPerAddress: { name: 'login-address', limit: 100, windowSeconds: 15 * 60 },
  secondFactorPerAccount: { name: 'second-factor', limit: 5, windowSeconds: 15 * 60 },
} satisfies Record<string, ThrottleRule>;

function keyOf(rule: ThrottleRule, subject: string): string {
  return createHash('sha256').update(`${rule.name}\n${subject}`).digest('hex');
}

/** Counts one attempt and answers, in the same statement, whether it is within the limit. */
export async function countAttempt(
  db: Queryable,
  rule: ThrottleRule,
  subject: string,
  now: Date,
): Promise<boolean> {
  const windowStart = new Date(now.getTime() - rule.windowSeconds * 1000);
  const [row] = await db
    .insert(throttle)
    .values({ key: keyOf(rule, subject), windowStartedAt: now, count: 1 })
    .onConflictDoUpdate({
      target: throttle.key,
      set: {
        count: sql`case when ${throttle.windowStartedAt} <= ${windowStart} then 1 else ${throttle.count} + 1 end`,
        windowStartedAt: sql`case when ${throttle.windowStartedAt} <= ${windowStart} then ${now} else ${throttle.windowStartedAt} end`,
      },
    })
    .returning({ count: throttle.count });
  return (row?.count ?? 0) <= rule.limit;
}

/** Takes back one counted attempt that succeeded, so only failures use up the limit. */
export async function uncountAttempt(db: Queryable, rule: ThrottleRule, subject: string): Promise<void> {
  await db.execute(
    sql`update throttle set count = greatest(count - 1, 0) where key = ${keyOf(rule, subject)}`,
  );
}

export async function clearAttempts(db: Queryable, rule: ThrottleRule, subject: string): Promise<void> {
  await db.execute(sql`delete from throttle where key = ${keyOf(rule, subject)}`);
}
