// What other modules and the scheduled jobs may ask the notifications module to do: put a notice
// in users' inboxes, with their transaction, so it exists exactly when the change that caused it
// commits (docs/domain.md, "Notifications").
import { and, eq, inArray, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import {
  defaultEmailChoice,
  emailStateFor,
  type NotificationKind,
  type NotificationSubject,
} from '../../../domain/notifications.ts';
import type { Queryable } from '../../db/client.ts';
import { notification, notificationPreference, outboxMessage } from '../../db/schema/index.ts';

export type Notice = {
  swvId: string;
  userIds: readonly string[];
  kind: NotificationKind;
  subjectType: NotificationSubject;
  subjectId: string;
  /** What makes this notice distinct from an earlier one of the same kind on the subject. */
  occasion?: string;
  /** The child's first name only; never a full name or anything else from the file. */
  firstName?: string;
  /** The web app's path, e.g. `/requests/${id}`. */
  link: string;
};

/**
 * Notifies each user once: a notice already given (same user, kind, subject and occasion) is not
 * given again, so a job that runs twice changes nothing. Returns how many were new.
 */
export async function notify(tx: Queryable, now: Date, notice: Notice): Promise<number> {
  const userIds = [...new Set(notice.userIds)];
  if (userIds.length === 0) return 0;
  const choices = await tx
    .select({ userId: notificationPreference.userId, email: notificationPreference.email })
    .from(notificationPreference)
    .where(
      and(
        eq(notificationPreference.swvId, notice.swvId),
        eq(notificationPreference.kind, notice.kind),
        inArray(notificationPreference.userId, userIds),
      ),
    );
  const chosen = new Map(choices.map((row) => [row.userId, row.email]));
  const inserted = await tx
    .insert(notification)
    .values(
      userIds.map((userId) => ({
        swvId: notice.swvId,
        id: uuidv7(),
        userId,
        kind: notice.kind,
        subjectType: notice.subjectType,
        subjectId: notice.subjectId,
        occasion: notice.occasion ?? '',
        firstName: notice.firstName ?? '',
        link: notice.link,
        createdAt: now,
        emailState: emailStateFor(chosen.get(userId) ?? defaultEmailChoice(notice.kind)),
      })),
    )
    .onConflictDoNothing({
      target: [
        notification.swvId,
        notification.userId,
        notification.kind,
        notification.subjectId,
        notification.occasion,
      ],
    })
    .returning({ id: notification.id });
  return inserted.length;
}

/**
 * Retention (docs/decisions/0045): deletes the notices about the given subjects (a deleted child's
 * requests, plans, consents…), which carry the child's first name, and the e-mails in the outbox
 * whose text links to one of them or to the child. A digest that also named other children goes
 * whole: it was sent already, or its notices are in the inboxes.
 */
export async function deleteNotificationsAbout(
  tx: Queryable,
  swvId: string,
  subjectIds: readonly string[],
): Promise<void> {
  if (subjectIds.length === 0) return;
  await tx
    .delete(notification)
    .where(and(eq(notification.swvId, swvId), inArray(notification.subjectId, [...subjectIds])));
  // Ids are UUIDs: no quoting or LIKE wildcards inside them.
  const patterns = `{${subjectIds.map((id) => `%${id}%`).join(',')}}`;
  await tx
    .delete(outboxMessage)
    .where(and(eq(outboxMessage.swvId, swvId), sql`${outboxMessage.body} like any(${patterns}::text[])`));
}
