// Use cases on case meetings (MDO / kernteamoverleg): list a child's meetings, hold one, read and
// change it, and take an agreed action into the child's active plan. Each runs in one transaction
// with its one access-log row, run by runUseCase (docs/SECURITY.md A1); the rules are
// src/domain/meetings.ts. Not here: the plan itself, which plans.commands.ts changes for us.
import { and, asc, desc, eq, inArray } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { CreateMeetingBody, UpdateMeetingBody } from '../../../contracts/meetings.ts';
import { actionInPlanChanged, noActivePlan } from '../../../domain/meetings.ts';
import type { Refusal } from '../../../domain/refusal.ts';
import type { Context } from '../../access/actor.ts';
import { authorizeChild, authorizeLogged } from '../../access/authorize.ts';
import { can } from '../../access/policy.ts';
import { loadStudentFacts } from '../../access/scope.ts';
import { runUseCase } from '../../access/useCase.ts';
import type { Tx } from '../../db/client.ts';
import { appUser, caseMeeting, caseMeetingAction } from '../../db/schema/index.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { addAgreementToActivePlan } from '../plans/plans.commands.ts';

type MeetingRow = typeof caseMeeting.$inferSelect;

/** The meetings with their actions and who wrote them down, in the order given. */
async function meetingViews(tx: Tx, meetings: readonly MeetingRow[]) {
  if (meetings.length === 0) return [];
  const swvId = meetings[0]!.swvId;
  const ids = meetings.map((m) => m.id);
  const actions = await tx
    .select({
      meetingId: caseMeetingAction.meetingId,
      id: caseMeetingAction.id,
      action: caseMeetingAction.action,
      owner: caseMeetingAction.owner,
      planAgreementId: caseMeetingAction.planAgreementId,
    })
    .from(caseMeetingAction)
    .where(and(eq(caseMeetingAction.swvId, swvId), inArray(caseMeetingAction.meetingId, ids)))
    .orderBy(asc(caseMeetingAction.position));
  const authors = await tx
    .select({ id: appUser.id, name: appUser.displayName })
    .from(appUser)
    .where(
      and(
        eq(appUser.swvId, swvId),
        inArray(appUser.id, [...new Set(meetings.map((m) => m.createdByUserId))]),
      ),
    );
  const authorName = new Map(authors.map((a) => [a.id, a.name]));
  return meetings.map((meeting) => ({
    id: meeting.id,
    studentId: meeting.studentId,
    kind: meeting.kind,
    heldOn: meeting.heldOn,
    participants: meeting.participants,
    notes: meeting.notes,
    actions: actions.filter((a) => a.meetingId === meeting.id).map(({ meetingId: _, ...action }) => action),
    createdByName: authorName.get(meeting.createdByUserId) ?? null,
    createdAt: meeting.createdAt.toISOString(),
  }));
}

async function meetingView(tx: Tx, swvId: string, meetingId: string) {
  const [meeting] = await tx
    .select()
    .from(caseMeeting)
    .where(and(eq(caseMeeting.swvId, swvId), eq(caseMeeting.id, meetingId)));
  return (await meetingViews(tx, [meeting!]))[0]!;
}

/** The child a meeting is about. The policy then decides; another SWV's meeting answers 404. */
async function studentOfMeeting(tx: Tx, meetingId: string): Promise<string> {
  const [found] = await tx
    .select({ studentId: caseMeeting.studentId })
    .from(caseMeeting)
    .where(eq(caseMeeting.id, meetingId));
  if (!found) throw notFound();
  return found.studentId;
}

/** Authorizes the meeting's record as the child's, writing the one access-log row. */
async function authorizeMeeting(
  tx: Tx,
  ctx: Context,
  meetingId: string,
  access: { action: 'read' | 'create'; logAction: 'read' | 'update'; part?: string | null },
) {
  return authorizeChild(tx, ctx, {
    ...access,
    studentId: await studentOfMeeting(tx, meetingId),
    objectType: 'case_meeting',
    objectId: meetingId,
    resource: (student) => ({ type: 'case_meeting', student }),
  });
}

export async function listMeetings(ctx: Context, studentId: string) {
  return runUseCase(ctx, {
    authorize: (tx) =>
      authorizeChild(tx, ctx, {
        action: 'read',
        studentId,
        logAction: 'read',
        objectType: 'case_meeting',
        resource: (student) => ({ type: 'case_meeting', student }),
      }),
    work: async (tx, facts) => {
      const meetings = await tx
        .select()
        .from(caseMeeting)
        .where(and(eq(caseMeeting.swvId, facts.swvId), eq(caseMeeting.studentId, studentId)))
        .orderBy(desc(caseMeeting.heldOn), desc(caseMeeting.createdAt));
      return meetingViews(tx, meetings);
    },
  });
}

export async function createMeeting(
  ctx: Context,
  studentId: string,
  input: z.infer<typeof CreateMeetingBody>,
) {
  const id = uuidv7();
  return runUseCase(ctx, {
    authorize: (tx) =>
      authorizeChild(tx, ctx, {
        action: 'create',
        studentId,
        logAction: 'create',
        objectType: 'case_meeting',
        objectId: id,
        resource: (student) => ({ type: 'case_meeting', student }),
      }),
    work: async (tx, facts) => {
      await tx.insert(caseMeeting).values({
        swvId: facts.swvId,
        id,
        studentId,
        kind: input.kind,
        heldOn: input.heldOn,
        participants: input.participants,
        notes: input.notes,
        createdByUserId: ctx.actor.userId,
        createdAt: ctx.now,
      });
      if (input.actions.length) {
        await tx.insert(caseMeetingAction).values(
          input.actions.map((action, index) => ({
            swvId: facts.swvId,
            id: uuidv7(),
            meetingId: id,
            position: index + 1,
            ...action,
          })),
        );
      }
      return meetingView(tx, facts.swvId, id);
    },
  });
}

export async function getMeeting(ctx: Context, meetingId: string) {
  return runUseCase(ctx, {
    authorize: (tx) => authorizeMeeting(tx, ctx, meetingId, { action: 'read', logAction: 'read' }),
    work: (tx, facts) => meetingView(tx, facts.swvId, meetingId),
  });
}

/**
 * Changes the notes, participants or actions. The policy has no separate "update" for meetings:
 * those who may hold a meeting may correct its record. An action taken into the plan must stay
 * as it is (the plan's agreement came from it); changing or removing it answers 422.
 */
export async function updateMeeting(
  ctx: Context,
  meetingId: string,
  input: z.infer<typeof UpdateMeetingBody>,
) {
  return runUseCase(ctx, {
    authorize: (tx) =>
      authorizeMeeting(tx, ctx, meetingId, {
        action: 'create',
        logAction: 'update',
        part: Object.keys(input).sort().join(',') || null,
      }),
    work: async (tx, facts) => {
      const swvId = facts.swvId;
      const { actions, ...fields } = input;
      if (actions) {
        const refusal = await replaceActions(tx, swvId, meetingId, actions);
        if (refusal) return refusal;
      }
      if (Object.keys(fields).length > 0) {
        await tx
          .update(caseMeeting)
          .set(fields)
          .where(and(eq(caseMeeting.swvId, swvId), eq(caseMeeting.id, meetingId)));
      }
      return meetingView(tx, swvId, meetingId);
    },
  });
}

type ActionInput = NonNullable<z.infer<typeof UpdateMeetingBody>['actions']>[number];

/** Writes the meeting's actions as the list says; returns a refusal before writing anything. */
async function replaceActions(
  tx: Tx,
  swvId: string,
  meetingId: string,
  actions: readonly ActionInput[],
): Promise<Refusal | null> {
  const existing = await tx
    .select()
    .from(caseMeetingAction)
    .where(and(eq(caseMeetingAction.swvId, swvId), eq(caseMeetingAction.meetingId, meetingId)))
    .for('update');
  const byId = new Map(existing.map((a) => [a.id, a]));
  const keptIds = actions.flatMap((a) => (a.id ? [a.id] : []));
  if (keptIds.some((id) => !byId.has(id)) || new Set(keptIds).size !== keptIds.length) {
    throw new AppError('validation_failed', 'An action id does not belong to this meeting', {
      fields: { actions: 'unknown' },
    });
  }
  const refusal = actionInPlanChanged(existing, actions);
  if (refusal) return refusal;
  const removed = existing.filter((a) => !keptIds.includes(a.id)).map((a) => a.id);
  if (removed.length) {
    await tx
      .delete(caseMeetingAction)
      .where(and(eq(caseMeetingAction.swvId, swvId), inArray(caseMeetingAction.id, removed)));
  }
  for (const [index, action] of actions.entries()) {
    const values = { position: index + 1, action: action.action, owner: action.owner };
    if (action.id) {
      await tx.update(caseMeetingAction).set(values).where(eq(caseMeetingAction.id, action.id));
    } else {
      await tx.insert(caseMeetingAction).values({ swvId, id: uuidv7(), meetingId, ...values });
    }
  }
  return null;
}

/**
 * POST /api/meetings/:meetingId/actions/:actionId/to-plan: the action becomes an agreement of the
 * child's active plan (at the end of its list) through plans.commands.ts, which raises the revision
 * so that an open editor notices and puts the changed action part to the parents again. Needs both
 * holding meetings and changing the plan; one access-log row records the refusal that applies, or
 * the allowance. An action already in the plan stays there (the call changes nothing); without an
 * active plan the call answers 422.
 */
export async function takeActionIntoPlan(ctx: Context, meetingId: string, actionId: string) {
  return runUseCase(ctx, {
    authorize: async (tx) => {
      const studentId = await studentOfMeeting(tx, meetingId);
      const facts = (await loadStudentFacts(tx, ctx.actor, [studentId], ctx.now)).get(studentId);
      if (!facts) throw notFound();
      const holdsMeetings = can(ctx.actor, 'create', { type: 'case_meeting', student: facts }).allowed;
      await authorizeLogged(tx, ctx, {
        ...(holdsMeetings
          ? { action: 'update', resource: { type: 'plan', student: facts } }
          : { action: 'create', resource: { type: 'case_meeting', student: facts } }),
        log: {
          swvId: facts.swvId,
          studentId,
          action: 'update',
          objectType: 'case_meeting_action',
          objectId: actionId,
          part: 'to_plan',
        },
      });
      // An unknown action answers 404 without a row, as an unknown meeting does.
      const [action] = await tx
        .select()
        .from(caseMeetingAction)
        .where(
          and(
            eq(caseMeetingAction.swvId, facts.swvId),
            eq(caseMeetingAction.meetingId, meetingId),
            eq(caseMeetingAction.id, actionId),
          ),
        )
        .for('update');
      if (!action) throw notFound();
      return { swvId: facts.swvId, studentId, action };
    },
    work: async (tx, { swvId, studentId, action }) => {
      if (action.planAgreementId === null) {
        const agreementId = await addAgreementToActivePlan(tx, ctx, {
          swvId,
          studentId,
          action: action.action,
          owner: action.owner,
        });
        if (!agreementId) return noActivePlan();
        await tx
          .update(caseMeetingAction)
          .set({ planAgreementId: agreementId })
          .where(eq(caseMeetingAction.id, actionId));
      }
      return meetingView(tx, swvId, meetingId);
    },
  });
}
