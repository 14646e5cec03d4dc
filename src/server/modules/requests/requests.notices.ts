// Who hears of a step on a request, through the notifications module's notify(), in the step's own
// transaction (docs/domain.md, "Notifications"): sent back as incomplete → the requester and the
// school's IB'ers; supplemented → the assignee, or else the consultants of the school's teams;
// decided → the requester and the child's parents with an account. The one who took the step is
// not told of it. Accounts that are switched off are left out.
import { and, eq, inArray, isNull } from 'drizzle-orm';
import type { NotificationKind } from '../../../domain/notifications.ts';
import type { Context } from '../../access/actor.ts';
import type { Tx } from '../../db/client.ts';
import {
  appUser,
  membership,
  student,
  studentGuardian,
  teamMember,
  teamSchool,
} from '../../db/schema/index.ts';
import { notify } from '../notifications/notifications.commands.ts';
import type { RequestRecord } from './requests.queries.ts';

async function activeUsers(tx: Tx, swvId: string, userIds: readonly string[]): Promise<string[]> {
  if (userIds.length === 0) return [];
  const rows = await tx
    .select({ id: appUser.id })
    .from(appUser)
    .where(and(eq(appUser.swvId, swvId), inArray(appUser.id, [...userIds]), isNull(appUser.disabledAt)));
  return rows.map((row) => row.id);
}

async function schoolIbers(tx: Tx, request: RequestRecord): Promise<string[]> {
  const rows = await tx
    .select({ id: membership.userId })
    .from(membership)
    .where(
      and(
        eq(membership.swvId, request.swvId),
        eq(membership.role, 'school_ib'),
        eq(membership.schoolId, request.schoolId),
      ),
    );
  return rows.map((row) => row.id);
}

/** The consultants who work for the request's school: members of a team that has the school. */
async function schoolConsultants(tx: Tx, request: RequestRecord): Promise<string[]> {
  const rows = await tx
    .select({ id: teamMember.userId })
    .from(teamMember)
    .innerJoin(
      teamSchool,
      and(eq(teamSchool.swvId, teamMember.swvId), eq(teamSchool.teamId, teamMember.teamId)),
    )
    .innerJoin(
      membership,
      and(
        eq(membership.swvId, teamMember.swvId),
        eq(membership.userId, teamMember.userId),
        eq(membership.role, 'consultant'),
      ),
    )
    .where(and(eq(teamMember.swvId, request.swvId), eq(teamSchool.schoolId, request.schoolId)));
  return rows.map((row) => row.id);
}

async function parentsOf(tx: Tx, request: RequestRecord): Promise<string[]> {
  if (!request.studentId) return [];
  const rows = await tx
    .select({ id: studentGuardian.userId })
    .from(studentGuardian)
    .where(and(eq(studentGuardian.swvId, request.swvId), eq(studentGuardian.studentId, request.studentId)));
  return rows.map((row) => row.id);
}

async function firstNameOf(tx: Tx, request: RequestRecord): Promise<string> {
  if (!request.studentId) return '';
  const [row] = await tx
    .select({ givenName: student.givenName })
    .from(student)
    .where(and(eq(student.swvId, request.swvId), eq(student.id, request.studentId)));
  return row?.givenName ?? '';
}

async function recipients(tx: Tx, kind: NotificationKind, request: RequestRecord): Promise<string[]> {
  switch (kind) {
    case 'request_incomplete':
      return [request.requestedByUserId, ...(await schoolIbers(tx, request))];
    case 'request_supplemented':
      return request.assignedToUserId ? [request.assignedToUserId] : schoolConsultants(tx, request);
    case 'request_decided':
      return [request.requestedByUserId, ...(await parentsOf(tx, request))];
    default:
      return [];
  }
}

/** Tells the people of docs/domain.md of a step on the request; each step's moment is its own occasion. */
export async function noticeOfStep(
  tx: Tx,
  ctx: Context,
  request: RequestRecord,
  kind: 'request_incomplete' | 'request_supplemented' | 'request_decided',
): Promise<void> {
  const people = (await recipients(tx, kind, request)).filter((id) => id !== ctx.actor.userId);
  await notify(tx, ctx.now, {
    swvId: request.swvId,
    userIds: await activeUsers(tx, request.swvId, people),
    kind,
    subjectType: 'request',
    subjectId: request.id,
    occasion: ctx.now.toISOString(),
    firstName: await firstNameOf(tx, request),
    link: `/requests/${request.id}`,
  });
}
