// Notifications (docs/domain.md, "Notifications"): each user's inbox, their choice per kind of how
// they hear it by e-mail, and the outbox of e-mails (sent through SMTP, or held for the operator's
// outbox page when no SMTP server is set). An e-mail names no child beyond a first name.
import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  emailChoices,
  emailStates,
  notificationKinds,
  notificationSubjects,
  outboxStates,
} from '../../../domain/notifications.ts';
import { appUser } from './accounts.ts';

export const notification = pgTable(
  'notification',
  {
    swvId: uuid('swv_id').notNull(),
    id: uuid('id').primaryKey(),
    userId: uuid('user_id').notNull(),
    kind: text('kind', { enum: notificationKinds }).notNull(),
    subjectType: text('subject_type', { enum: notificationSubjects }).notNull(),
    subjectId: uuid('subject_id').notNull(),
    /**
     * What makes one notification of this kind on this subject distinct, e.g. the deadline day it
     * warns of: a scheduled job that runs twice finds the row and adds none (idempotence).
     */
    occasion: text('occasion').notNull().default(''),
    /** The child's first name only, for the inbox line and the e-mail; may be empty. */
    firstName: text('first_name').notNull().default(''),
    /** The web app's path the notification leads to, e.g. /requests/… */
    link: text('link').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
    emailState: text('email_state', { enum: emailStates }).notNull().default('none'),
  },
  (t) => [
    unique().on(t.swvId, t.id),
    unique('notification_once').on(t.swvId, t.userId, t.kind, t.subjectId, t.occasion),
    index().on(t.swvId, t.userId, t.createdAt),
    index().on(t.emailState),
    foreignKey({ columns: [t.swvId, t.userId], foreignColumns: [appUser.swvId, appUser.id] }).onDelete(
      'cascade',
    ),
  ],
);

/** A user's e-mail choice per kind; a kind without a row takes the default of docs/domain.md. */
export const notificationPreference = pgTable(
  'notification_preference',
  {
    swvId: uuid('swv_id').notNull(),
    userId: uuid('user_id').notNull(),
    kind: text('kind', { enum: notificationKinds }).notNull(),
    email: text('email', { enum: emailChoices }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.swvId, t.userId, t.kind] }),
    foreignKey({ columns: [t.swvId, t.userId], foreignColumns: [appUser.swvId, appUser.id] }).onDelete(
      'cascade',
    ),
  ],
);

/** One e-mail: a single notice or a daily digest. Kept for the operator's outbox page. */
export const outboxMessage = pgTable(
  'outbox_message',
  {
    swvId: uuid('swv_id').notNull(),
    id: uuid('id').primaryKey(),
    userId: uuid('user_id').notNull(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    state: text('state', { enum: outboxStates }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    /** The SMTP server's answer on the last failure, without the message's content. */
    lastError: text('last_error').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    unique().on(t.swvId, t.id),
    index().on(t.state, t.createdAt),
    index().on(t.swvId, t.createdAt),
    foreignKey({ columns: [t.swvId, t.userId], foreignColumns: [appUser.swvId, appUser.id] }).onDelete(
      'cascade',
    ),
    check('outbox_message_attempts', sql`${t.attempts} >= 0`),
  ],
);
