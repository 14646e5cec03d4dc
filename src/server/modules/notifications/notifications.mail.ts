// E-mail through SMTP with an outbox (docs/decisions/0022): notices become outbox rows in the
// user's language, and the rows go out through a Mailer. Called by the scheduled jobs
// (src/server/jobs/), never inside a request: a slow or refusing SMTP server never holds up or
// rolls back the work that caused a notice. Without SMTP settings the rows are held, and the
// outbox page shows what would have been sent.
import { and, asc, eq, inArray, lte } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { uuidv7 } from 'uuidv7';
import type { LanguageCode } from '../../../domain/language.ts';
import {
  type EmailState,
  isDeliverableAddress,
  type NotificationKind,
  outboxStateAfterFailure,
} from '../../../domain/notifications.ts';
import type { Database, Tx } from '../../db/client.ts';
import { appUser, notification, outboxMessage } from '../../db/schema/index.ts';
import { digestMail, type MailNotice, noticeMail } from './notifications.texts.ts';

export type MailMessage = { to: string; subject: string; text: string };

/** Sends one message or throws; the SMTP server's answer is in the error (nodemailer's shape). */
export type Mailer = { send(message: MailMessage): Promise<void> };

export type SmtpSettings = {
  host: string;
  port: number;
  /** TLS from the first byte (port 465); otherwise STARTTLS when the server offers it. */
  secure: boolean;
  user: string | null;
  password: string | null;
  /** The sender, e.g. "Passend <noreply@swv.example>". */
  from: string;
};

export function smtpMailer(settings: SmtpSettings): Mailer {
  const transport = nodemailer.createTransport({
    host: settings.host,
    port: settings.port,
    secure: settings.secure,
    ...(settings.user ? { auth: { user: settings.user, pass: settings.password ?? '' } } : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    async send(message) {
      await transport.sendMail({ from: settings.from, ...message });
    },
  };
}

/**
 * What the operator reads of a failure: the SMTP server's reply ("550 5.1.1 …") or the
 * connection's error code, never the message's content.
 */
export function smtpErrorText(error: unknown): string {
  const e = (error ?? {}) as { response?: unknown; responseCode?: unknown; code?: unknown };
  const text =
    typeof e.response === 'string' && e.response
      ? e.response
      : typeof e.code === 'string' && e.code
        ? `${e.code}${typeof e.responseCode === 'number' ? ` ${e.responseCode}` : ''}`
        : 'unknown error';
  return text.replace(/\s+/g, ' ').trim().slice(0, 500);
}

export const invalidAddress = 'invalid e-mail address: not sent';

export type SendResult = { sent: number; failed: number; held: number };

type Recipient = {
  swvId: string;
  userId: string;
  email: string;
  language: LanguageCode | null;
  disabledAt: Date | null;
};

/** Where a notice's e-mail goes: nowhere (no address, account off), a failed row, or a new row. */
async function queueFor(
  tx: Tx,
  now: Date,
  recipient: Recipient,
  mail: { subject: string; text: string },
): Promise<EmailState> {
  const email = recipient.email.trim();
  if (email === '' || recipient.disabledAt !== null) return 'none';
  const deliverable = isDeliverableAddress(email);
  await tx.insert(outboxMessage).values({
    swvId: recipient.swvId,
    id: uuidv7(),
    userId: recipient.userId,
    toAddress: email,
    subject: mail.subject,
    body: mail.text,
    // A bad address is parked at once with a clear reason for the operator's outbox page.
    state: deliverable ? 'pending' : 'failed',
    lastError: deliverable ? '' : invalidAddress,
    createdAt: now,
  });
  return deliverable ? 'sent' : 'failed';
}

const recipientColumns = {
  swvId: notification.swvId,
  userId: notification.userId,
  email: appUser.email,
  language: appUser.language,
  disabledAt: appUser.disabledAt,
};

/** Notices waiting in a given e-mail state, locked so two runs never take the same one. */
function waiting(tx: Tx, state: EmailState, now: Date, limit: number) {
  return tx
    .select({
      id: notification.id,
      kind: notification.kind,
      firstName: notification.firstName,
      link: notification.link,
      ...recipientColumns,
    })
    .from(notification)
    .innerJoin(appUser, and(eq(appUser.swvId, notification.swvId), eq(appUser.id, notification.userId)))
    .where(and(eq(notification.emailState, state), lte(notification.createdAt, now)))
    .orderBy(asc(notification.createdAt))
    .limit(limit)
    .for('update', { of: notification, skipLocked: true });
}

async function setEmailState(tx: Tx, ids: readonly string[], state: EmailState): Promise<void> {
  if (ids.length > 0)
    await tx.update(notification).set({ emailState: state }).where(inArray(notification.id, ids));
}

const batch = 200;

/** Turns notices marked for an e-mail at once into outbox rows, one each, in a batch per transaction. */
async function queueNotices(database: Database, now: Date, publicUrl: string): Promise<void> {
  for (;;) {
    const taken = await database.db.transaction(async (tx) => {
      const rows = await waiting(tx, 'pending', now, batch);
      for (const row of rows) {
        const notice: MailNotice = { kind: row.kind, firstName: row.firstName, link: row.link };
        const state = await queueFor(tx, now, row, noticeMail(notice, row.language, publicUrl));
        await setEmailState(tx, [row.id], state);
      }
      return rows.length;
    });
    if (taken < batch) return;
  }
}

/**
 * Sends the outbox's pending rows. Each attempt is claimed first (attempts + 1 where it was still
 * at its count), so two runs never send the same attempt; a failure keeps the row for the next run
 * until the last attempt, then parks it as failed. Without a mailer, pending rows are held.
 */
async function sendOutbox(database: Database, mailer: Mailer | null, now: Date): Promise<SendResult> {
  const result: SendResult = { sent: 0, failed: 0, held: 0 };
  if (!mailer) {
    const held = await database.db
      .update(outboxMessage)
      .set({ state: 'held' })
      .where(eq(outboxMessage.state, 'pending'))
      .returning({ id: outboxMessage.id });
    result.held = held.length;
    return result;
  }
  const rows = await database.db
    .select()
    .from(outboxMessage)
    .where(and(eq(outboxMessage.state, 'pending'), lte(outboxMessage.createdAt, now)))
    .orderBy(asc(outboxMessage.createdAt))
    .limit(500);
  for (const row of rows) {
    const attempts = row.attempts + 1;
    const [claimed] = await database.db
      .update(outboxMessage)
      .set({ attempts })
      .where(
        and(
          eq(outboxMessage.id, row.id),
          eq(outboxMessage.state, 'pending'),
          eq(outboxMessage.attempts, row.attempts),
        ),
      )
      .returning({ id: outboxMessage.id });
    if (!claimed) continue;
    try {
      await mailer.send({ to: row.toAddress, subject: row.subject, text: row.body });
      await database.db
        .update(outboxMessage)
        .set({ state: 'sent', sentAt: now, lastError: '' })
        .where(eq(outboxMessage.id, row.id));
      result.sent++;
    } catch (error) {
      await database.db
        .update(outboxMessage)
        .set({ state: outboxStateAfterFailure(attempts), lastError: smtpErrorText(error) })
        .where(eq(outboxMessage.id, row.id));
      result.failed++;
    }
  }
  return result;
}

/**
 * The scheduled job's work for e-mails at once: the notices marked 'pending' become outbox rows
 * (in the user's language; a first name and a link, nothing else of the child), then every
 * pending row is sent through the mailer, or held when there is none. `publicUrl` makes the links.
 */
export async function sendPendingEmails(
  database: Database,
  mailer: Mailer | null,
  now: Date,
  publicUrl: string,
): Promise<SendResult> {
  await queueNotices(database, now, publicUrl);
  return sendOutbox(database, mailer, now);
}

/**
 * The daily digest: one e-mail per user with all their notices marked 'digest' up to now, which
 * are then marked sent, so a second run the same day finds nothing and sends nothing.
 */
export async function sendDailyDigests(
  database: Database,
  mailer: Mailer | null,
  now: Date,
  publicUrl: string,
): Promise<SendResult> {
  await database.db.transaction(async (tx) => {
    const rows = await waiting(tx, 'digest', now, 10_000);
    const byUser = new Map<string, typeof rows>();
    for (const row of rows) byUser.set(row.userId, [...(byUser.get(row.userId) ?? []), row]);
    for (const notices of byUser.values()) {
      const first = notices[0]!;
      const mail = digestMail(
        notices.map((n) => ({ kind: n.kind as NotificationKind, firstName: n.firstName, link: n.link })),
        first.language,
        publicUrl,
      );
      const state = await queueFor(tx, now, first, mail);
      await setEmailState(
        tx,
        notices.map((n) => n.id),
        state,
      );
    }
  });
  return sendOutbox(database, mailer, now);
}
