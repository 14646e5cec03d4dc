// What other modules and the scheduled jobs may ask the notifications module to do: put a notice
// in users' inboxes, with their transaction, so it exists exactly when the change that caused it
// commits (docs/domain.md, "Notifications").
import { and, eq, inArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import {
  defaultEmailChoice,
  emailStateFor,
  type NotificationKind,
  type NotificationSubject,
} from '../../../domain/notifications.ts';
import type { Queryable } from '../../db/client.ts';
import { notification, notificationPreference } from '../../db/schema/index.ts';

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
