// Reads and writes of the notifications module's own tables: a user's inbox and e-mail choices,
// and the outbox. Every query names the SWV and, for the inbox, the user: a user only ever
// reaches their own notices.
import { and, count, desc, eq, isNull, type SQL, sql } from 'drizzle-orm';
import type { EmailChoice, NotificationKind, OutboxState } from '../../../domain/notifications.ts';
import type { Queryable } from '../../db/client.ts';
import { appUser, notification, notificationPreference, outboxMessage } from '../../db/schema/index.ts';

export type Owner = { swvId: string; userId: string };

const mine = (owner: Owner) =>
  and(eq(notification.swvId, owner.swvId), eq(notification.userId, owner.userId));

export async function inboxPage(
  db: Queryable,
  owner: Owner,
  page: { limit: number; offset: number; unreadOnly: boolean },
) {
  const where = and(mine(owner), page.unreadOnly ? isNull(notification.readAt) : undefined);
  const rows = await db
    .select({
      id: notification.id,
      kind: notification.kind,
      subjectType: notification.subjectType,
      firstName: notification.firstName,
      link: notification.link,
      createdAt: notification.createdAt,
      readAt: notification.readAt,
    })
    .from(notification)
    .where(where)
    .orderBy(desc(notification.createdAt), desc(notification.id))
    .limit(page.limit)
    .offset(page.offset);
  const [totals] = await db
    .select({
      total: count(),
      unread: sql<number>`count(*) filter (where ${notification.readAt} is null)`.mapWith(Number),
    })
    .from(notification)
    .where(mine(owner));
  return {
    total: page.unreadOnly ? (totals?.unread ?? 0) : (totals?.total ?? 0),
    unread: totals?.unread ?? 0,
    rows,
  };
}

export async function unreadCount(db: Queryable, owner: Owner): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notification)
    .where(and(mine(owner), isNull(notification.readAt)));
  return row?.n ?? 0;
}

/** Marks one of the owner's notices read (once: a second call keeps the first moment). */
export async function markRead(db: Queryable, owner: Owner, id: string, now: Date) {
  const [row] = await db
    .update(notification)
    .set({ readAt: sql`coalesce(${notification.readAt}, ${now.toISOString()}::timestamptz)` })
    .where(and(mine(owner), eq(notification.id, id)))
    .returning();
  return row ?? null;
}

export async function markAllRead(db: Queryable, owner: Owner, now: Date): Promise<number> {
  const rows = await db
    .update(notification)
    .set({ readAt: now })
    .where(and(mine(owner), isNull(notification.readAt)))
    .returning({ id: notification.id });
  return rows.length;
}

export async function choicesOf(db: Queryable, owner: Owner): Promise<Map<NotificationKind, EmailChoice>> {
  const rows = await db
    .select({ kind: notificationPreference.kind, email: notificationPreference.email })
    .from(notificationPreference)
    .where(
      and(eq(notificationPreference.swvId, owner.swvId), eq(notificationPreference.userId, owner.userId)),
    );
  return new Map(rows.map((row) => [row.kind, row.email]));
}

export async function saveChoices(
  db: Queryable,
  owner: Owner,
  choices: readonly { kind: NotificationKind; email: EmailChoice }[],
): Promise<void> {
  await db
    .insert(notificationPreference)
    .values(choices.map((choice) => ({ ...owner, ...choice })))
    .onConflictDoUpdate({
      target: [notificationPreference.swvId, notificationPreference.userId, notificationPreference.kind],
      set: { email: sql`excluded.email` },
    });
}

/** The outbox, newest first; `swvId` null: every SWV's (the operator). */
export async function outboxPage(
  db: Queryable,
  filter: { swvId: string | null; state?: OutboxState },
  page: { limit: number; offset: number },
) {
  const conditions: SQL[] = [];
  if (filter.swvId !== null) conditions.push(eq(outboxMessage.swvId, filter.swvId));
  if (filter.state) conditions.push(eq(outboxMessage.state, filter.state));
  const where = and(...conditions);
  const rows = await db
    .select()
    .from(outboxMessage)
    .where(where)
    .orderBy(desc(outboxMessage.createdAt), desc(outboxMessage.id))
    .limit(page.limit)
    .offset(page.offset);
  const [total] = await db.select({ n: count() }).from(outboxMessage).where(where);
  return { total: total?.n ?? 0, rows };
}

/** One outbox row with its user's current address (an address corrected since is used on retry). */
export async function outboxMessageWithAddress(db: Queryable, id: string) {
  const [row] = await db
    .select({ message: outboxMessage, currentAddress: appUser.email })
    .from(outboxMessage)
    .innerJoin(appUser, and(eq(appUser.swvId, outboxMessage.swvId), eq(appUser.id, outboxMessage.userId)))
    .where(eq(outboxMessage.id, id));
  return row ?? null;
}

/** Puts a message back in line with a fresh count of attempts, to the user's current address. */
export async function requeue(db: Queryable, id: string, toAddress: string) {
  const [row] = await db
    .update(outboxMessage)
    .set({ state: 'pending', attempts: 0, lastError: '', toAddress })
    .where(eq(outboxMessage.id, id))
    .returning();
  return row!;
}
