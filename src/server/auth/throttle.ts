// Fixed-window throttling in the database, so all app instances share the counts (TRUST B3).
// Keys are hashed: the table holds no e-mail addresses.
import { createHash } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../db/client.ts';
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

/** Counts one attempt; true while within the limit. */
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

/** True while the subject is over the limit, without counting. */
export async function isThrottled(
  db: Queryable,
  rule: ThrottleRule,
  subject: string,
  now: Date,
): Promise<boolean> {
  const [row] = await queryRows<{ count: number }>(
    db,
    sql`select count from throttle where key = ${keyOf(rule, subject)}
        and window_started_at > ${new Date(now.getTime() - rule.windowSeconds * 1000)}`,
  );
  return row !== undefined && row.count >= rule.limit;
}

export async function clearAttempts(db: Queryable, rule: ThrottleRule, subject: string): Promise<void> {
  await db.execute(sql`delete from throttle where key = ${keyOf(rule, subject)}`);
}
