// Use cases of break-glass access (docs/SECURITY.md A4, docs/domain.md "Break-glass access"): the
// operator opens a window on one child of one SWV with a reason, and closes it; the SWV's
// administrators are told at once and see every window. Reading the file under a window goes
// through the file's own routes: the policy allows it (relation break_glass) and flags their rows.
import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { BreakGlassWindowView, OpenBreakGlassBody } from '../../../contracts/breakGlass.ts';
import {
  breakGlassPurpose,
  closeRefusal,
  defaultWindowMinutes,
  newWindow,
  openRefusal,
  windowMinutes,
  windowState,
} from '../../../domain/breakGlass.ts';
import { appendAccessLog } from '../../access/accessLog.ts';
import { ownSwv } from '../../access/acting.ts';
import type { Context } from '../../access/actor.ts';
import { authorize, originOf } from '../../access/authorize.ts';
import { runUseCase } from '../../access/useCase.ts';
import { breakGlassWindow } from '../../db/schema/index.ts';
import { notFound } from '../../http/errors.ts';
import { notify } from '../notifications/notifications.commands.ts';
import { administratorsOf } from '../organisations/organisations.service.ts';
import {
  childExists,
  unclosedWindows,
  type WindowRow,
  windowById,
  windowsOfOperator,
  windowsOfSwv,
} from './breakGlass.queries.ts';

/** The lists show this many windows, newest first. */
const listLength = 200;

function viewOf(row: WindowRow, now: Date): BreakGlassWindowView {
  return {
    id: row.id,
    swvId: row.swvId,
    swvName: row.swvName,
    studentId: row.studentId,
    operatorUserId: row.operatorUserId,
    operatorName: row.operatorName,
    reason: row.reason,
    openedAt: row.openedAt.toISOString(),
    closesAt: row.closesAt.toISOString(),
    closedAt: row.closedAt?.toISOString() ?? null,
    state: windowState(row, now),
    minutes: windowMinutes(row),
    accesses: row.reads,
  };
}

/** The access-log row of opening or closing a window: on the child's log, flagged, with the reason. */
function windowLogRow(
  swvId: string,
  studentId: string,
  windowId: string,
  reason: string,
  action: 'create' | 'update',
) {
  return {
    swvId,
    studentId,
    objectType: 'break_glass',
    objectId: windowId,
    part: action === 'update' ? 'close' : null,
    action,
    outcome: 'allowed' as const,
    purpose: breakGlassPurpose(reason),
    actorRole: 'operator',
    actorOrganisation: 'operator',
    breakGlass: true,
  };
}

/**
 * Opens a window: only the operator; a child that is not in the named SWV is not found. The SWV's
 * administrators get a notice in the same transaction (and an e-mail at once unless they chose
 * otherwise); the child's access log gets the opening as a line of its own.
 */
export async function openBreakGlass(
  ctx: Context,
  input: z.output<typeof OpenBreakGlassBody>,
): Promise<BreakGlassWindowView> {
  authorize(ctx, 'create', { type: 'break_glass_window' });
  const windowId = uuidv7();
  return runUseCase(ctx, {
    authorize: async (tx) => {
      if (!(await childExists(tx, input.swvId, input.studentId))) throw notFound();
      await appendAccessLog(
        tx,
        originOf(ctx),
        windowLogRow(input.swvId, input.studentId, windowId, input.reason, 'create'),
      );
    },
    work: async (tx) => {
      const existing = await unclosedWindows(tx, input.swvId, input.studentId, ctx.actor.userId);
      const refusal = openRefusal(existing, ctx.now);
      if (refusal) return refusal;
      const window = newWindow(ctx.now, input.minutes ?? defaultWindowMinutes);
      await tx.insert(breakGlassWindow).values({
        swvId: input.swvId,
        id: windowId,
        studentId: input.studentId,
        operatorUserId: ctx.actor.userId,
        reason: input.reason,
        ...window,
      });
      const administrators = (await administratorsOf(tx, [input.swvId])).get(input.swvId) ?? [];
      // No child's name, not even a first name: the notice says that, not whose.
      await notify(tx, ctx.now, {
        swvId: input.swvId,
        userIds: administrators,
        kind: 'break_glass',
        subjectType: 'break_glass',
        subjectId: windowId,
        link: '/admin/break-glass',
      });
      return viewOf((await windowById(tx, windowId))!, ctx.now);
    },
  });
}

/** Closes the operator's own open window before its time; another's or an unknown one is not found. */
export async function closeBreakGlass(ctx: Context, windowId: string): Promise<BreakGlassWindowView> {
  authorize(ctx, 'manage', { type: 'break_glass_window' });
  return runUseCase(ctx, {
    authorize: async (tx) => {
      const window = await windowById(tx, windowId);
      if (!window || window.operatorUserId !== ctx.actor.userId) throw notFound();
      await appendAccessLog(
        tx,
        originOf(ctx),
        windowLogRow(window.swvId, window.studentId, window.id, window.reason, 'update'),
      );
      return window;
    },
    work: async (tx, window) => {
      const refusal = closeRefusal(window, ctx.now);
      if (refusal) return refusal;
      await tx.update(breakGlassWindow).set({ closedAt: ctx.now }).where(eq(breakGlassWindow.id, window.id));
      return viewOf({ ...window, closedAt: ctx.now }, ctx.now);
    },
  });
}

/** The windows the operator opened, in every SWV. */
export async function listOwnWindows(ctx: Context) {
  authorize(ctx, 'read', { type: 'break_glass_window' });
  const rows = await windowsOfOperator(ctx.database.db, ctx.actor.userId, listLength);
  return { windows: rows.map((row) => viewOf(row, ctx.now)) };
}

/** The SWV's list for its administrators: who, when, how long, why, which child by record id. */
export async function listSwvWindows(ctx: Context) {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'read', { type: 'break_glass_register', swvId });
  const rows = await windowsOfSwv(ctx.database.db, swvId, listLength);
  return { windows: rows.map((row) => viewOf(row, ctx.now)) };
}
