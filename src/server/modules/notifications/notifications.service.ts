// Use cases of the notifications module (docs/domain.md, "Notifications").
// The inbox and the e-mail choices are the user's own account: the user comes from the session,
// never from the request, and a notice of someone else answers 404 like one that does not exist.
// They hold a child's first name and a link only, so reading one's own inbox writes no access-log
// row (the detail behind the link is logged when it is opened). The outbox is the administrators':
// the SWV administrator sees their SWV's messages with their text, the operator every SWV's
// without it (docs/SECURITY.md, "E-mail").
import type { z } from 'zod';
import type {
  NotificationListQuery,
  OutboxQuery,
  PreferencesBody,
} from '../../../contracts/notifications.ts';
import { effectiveChoices, retryRefusal } from '../../../domain/notifications.ts';
import { ownSwv } from '../../access/acting.ts';
import type { Context } from '../../access/actor.ts';
import { authorize } from '../../access/authorize.ts';
import { can } from '../../access/policy.ts';
import { ruleViolated } from '../../access/useCase.ts';
import { notFound } from '../../http/errors.ts';
import * as queries from './notifications.queries.ts';

/** The signed-in user's own inbox; the operator belongs to no SWV and has none. */
const ownerOf = (ctx: Context): queries.Owner | null =>
  ctx.actor.swvId ? { swvId: ctx.actor.swvId, userId: ctx.actor.userId } : null;

const noticeView = (row: Awaited<ReturnType<typeof queries.inboxPage>>['rows'][number]) => ({
  id: row.id,
  kind: row.kind,
  subjectType: row.subjectType,
  firstName: row.firstName,
  link: row.link,
  createdAt: row.createdAt.toISOString(),
  readAt: row.readAt?.toISOString() ?? null,
});

export async function listInbox(ctx: Context, query: z.infer<typeof NotificationListQuery>) {
  const owner = ownerOf(ctx);
  if (!owner) return { total: 0, unread: 0, notifications: [] };
  const page = await queries.inboxPage(ctx.database.db, owner, {
    limit: query.limit,
    offset: query.offset,
    unreadOnly: query.unread ?? false,
  });
  return { total: page.total, unread: page.unread, notifications: page.rows.map(noticeView) };
}

export async function unread(ctx: Context) {
  const owner = ownerOf(ctx);
  return { unread: owner ? await queries.unreadCount(ctx.database.db, owner) : 0 };
}

export async function markRead(ctx: Context, notificationId: string) {
  const owner = ownerOf(ctx);
  const row = owner ? await queries.markRead(ctx.database.db, owner, notificationId, ctx.now) : null;
  if (!row) throw notFound();
  return noticeView(row);
}

export async function markAllRead(ctx: Context) {
  const owner = ownerOf(ctx);
  if (owner) await queries.markAllRead(ctx.database.db, owner, ctx.now);
  return { unread: 0 };
}

export async function preferences(ctx: Context) {
  const owner = ownerOf(ctx);
  const chosen = owner ? await queries.choicesOf(ctx.database.db, owner) : new Map();
  return { preferences: effectiveChoices(chosen) };
}

export async function setPreferences(ctx: Context, input: z.infer<typeof PreferencesBody>) {
  const owner = { swvId: ownSwv(ctx), userId: ctx.actor.userId };
  await queries.saveChoices(ctx.database.db, owner, input.preferences);
  return preferences(ctx);
}

/**
 * Whose outbox the actor sees: the operator every SWV's (addresses and states, for running the
 * mail), the SWV administrator their own SWV's with the text of each message.
 */
function outboxScope(ctx: Context): { swvId: string | null; withBody: boolean } {
  if (can(ctx.actor, 'read', { type: 'tenant' }).allowed) return { swvId: null, withBody: false };
  const swvId = ownSwv(ctx);
  authorize(ctx, 'manage', { type: 'swv', swvId });
  return { swvId, withBody: true };
}

type OutboxRow = Awaited<ReturnType<typeof queries.outboxPage>>['rows'][number];

const messageView = (row: OutboxRow, withBody: boolean) => ({
  id: row.id,
  to: row.toAddress,
  subject: row.subject,
  body: withBody ? row.body : null,
  state: row.state,
  attempts: row.attempts,
  lastError: row.lastError,
  createdAt: row.createdAt.toISOString(),
  sentAt: row.sentAt?.toISOString() ?? null,
});

export async function listOutbox(ctx: Context, query: z.infer<typeof OutboxQuery>) {
  const scope = outboxScope(ctx);
  const page = await queries.outboxPage(
    ctx.database.db,
    { swvId: scope.swvId, ...(query.state ? { state: query.state } : {}) },
    { limit: query.limit, offset: query.offset },
  );
  return { total: page.total, messages: page.rows.map((row) => messageView(row, scope.withBody)) };
}

/**
 * Puts a failed or held message back in line for the next run of the mail job. Another SWV's
 * message answers 404 as a missing one, before the role is asked (docs/SECURITY.md C3).
 */
export async function retryMessage(ctx: Context, messageId: string) {
  return ctx.database.db.transaction(async (tx) => {
    const found = await queries.outboxMessageWithAddress(tx, messageId);
    const operator = can(ctx.actor, 'read', { type: 'tenant' }).allowed;
    if (!found || (!operator && found.message.swvId !== ctx.actor.swvId)) throw notFound();
    const scope = outboxScope(ctx);
    const refusal = retryRefusal(found.message.state, found.currentAddress);
    if (refusal) throw ruleViolated(refusal);
    return messageView(await queries.requeue(tx, messageId, found.currentAddress), scope.withBody);
  });
}
