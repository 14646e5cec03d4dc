// Contracts of the notifications module: one's own inbox and e-mail choices, and the outbox of
// e-mails for the operator and the SWV administrator (docs/domain.md, "Notifications").
import { z } from 'zod';
import {
  emailChoices,
  notificationKinds,
  notificationSubjects,
  outboxStates,
} from '../domain/notifications.ts';
import { Id } from './common.ts';

const paging = {
  limit: z.coerce.number().int().min(1).max(100).default(20),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
};

export const NotificationListQuery = z.strictObject({
  ...paging,
  /** Only the unread ones. */
  unread: z.stringbool().optional(),
});

export const NotificationParams = z.strictObject({ notificationId: Id });

export const NotificationView = z.object({
  id: z.string(),
  kind: z.enum(notificationKinds),
  subjectType: z.enum(notificationSubjects),
  /** The child's first name only; empty for a team's request. */
  firstName: z.string(),
  /** The web app's path the notification leads to. */
  link: z.string(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

export const NotificationList = z.object({
  total: z.number().int(),
  unread: z.number().int(),
  notifications: z.array(NotificationView),
});

export const UnreadCount = z.object({ unread: z.number().int() });

export const PreferenceView = z.object({
  kind: z.enum(notificationKinds),
  email: z.enum(emailChoices),
  /** No choice made: the default of docs/domain.md holds. */
  isDefault: z.boolean(),
});

export const PreferenceList = z.object({ preferences: z.array(PreferenceView) });

export const PreferencesBody = z.strictObject({
  preferences: z
    .array(z.strictObject({ kind: z.enum(notificationKinds), email: z.enum(emailChoices) }))
    .min(1)
    .max(notificationKinds.length)
    .refine((list) => new Set(list.map((p) => p.kind)).size === list.length, 'each kind once'),
});

export const OutboxQuery = z.strictObject({ ...paging, state: z.enum(outboxStates).optional() });

export const OutboxParams = z.strictObject({ messageId: Id });

export const OutboxMessageView = z.object({
  id: z.string(),
  to: z.string(),
  subject: z.string(),
  /** What was (or would have been) sent; only for the SWV's own administrator, not the operator. */
  body: z.string().nullable(),
  state: z.enum(outboxStates),
  attempts: z.number().int(),
  lastError: z.string(),
  createdAt: z.string(),
  sentAt: z.string().nullable(),
});

export const OutboxList = z.object({
  total: z.number().int(),
  messages: z.array(OutboxMessageView),
});
