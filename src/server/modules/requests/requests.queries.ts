// Reading requests: one request with what its page shows, and the lists (a child's, the queues).
// Completeness and the clock are computed here from the domain rules (src/domain/requests.ts,
// requestTypes.ts), never stored as a verdict, so a changed plan or consent shows at once.
import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { RequestRow, RequestView } from '../../../contracts/requests.ts';
import { amsterdamToday } from '../../../domain/calendar.ts';
import { isConsentInForce } from '../../../domain/consent.ts';
import { clockState, type RequestState } from '../../../domain/requests.ts';
import { missingItems, type RequiredItem } from '../../../domain/requestTypes.ts';
import { type WorkingCalendar, workingDaysLeft } from '../../../domain/workingDays.ts';
import type { Context } from '../../access/actor.ts';
import type { Tx } from '../../db/client.ts';
import {
  appUser,
  consent,
  membership,
  plan,
  planGoal,
  requestAdvice,
  requestDelivery,
  requestEvent,
  requestType,
  school,
  student,
  supportRequest,
} from '../../db/schema/index.ts';

export type RequestRecord = typeof supportRequest.$inferSelect;
export type RequestTypeRecord = typeof requestType.$inferSelect;

const assignee = alias(appUser, 'assignee');
const requester = alias(appUser, 'requester');
const decider = alias(appUser, 'decider');

/** The child's name as one line: "Sanne de Vries". */
const studentName = sql<string>`concat_ws(' ', ${student.givenName}, nullif(${student.familyNamePrefix}, ''), ${student.familyName})`;

/** The day a request's clock stopped: its decision, or the day it was withdrawn. */
function stoppedOn(row: { state: RequestState; decidedOn: string | null; updatedAt: Date }): string | null {
  if (row.decidedOn) return row.decidedOn;
  return row.state === 'withdrawn' ? amsterdamToday(row.updatedAt) : null;
}

export function clockView(
  row: {
    state: RequestState;
    completeOn: string | null;
    deadlineOn: string | null;
    decidedOn: string | null;
    updatedAt: Date;
  },
  today: string,
  calendar: WorkingCalendar,
) {
  const state = clockState({ deadlineOn: row.deadlineOn, stoppedOn: stoppedOn(row) }, today, (from, to) =>
    workingDaysLeft(from, to, calendar),
  );
  return { completeOn: row.completeOn, deadlineOn: row.deadlineOn, ...state };
}

const rowColumns = {
  id: supportRequest.id,
  number: supportRequest.number,
  state: supportRequest.state,
  outcome: supportRequest.outcome,
  completeOn: supportRequest.completeOn,
  deadlineOn: supportRequest.deadlineOn,
  decidedOn: supportRequest.decidedOn,
  updatedAt: supportRequest.updatedAt,
  typeId: requestType.id,
  typeName: requestType.name,
  crisis: requestType.crisis,
  isTlv: requestType.isTlv,
  schoolId: school.id,
  schoolName: school.name,
  studentId: supportRequest.studentId,
  studentName,
  assigneeId: assignee.id,
  assigneeName: assignee.displayName,
};

/** The rows of a list, newest deadline pressure first: undecided by deadline, then the rest. */
export async function requestRows(
  tx: Tx,
  ctx: Context,
  where: SQL,
  calendar: WorkingCalendar,
  page: { limit: number; offset: number },
): Promise<{ total: number; rows: z.infer<typeof RequestRow>[] }> {
  const [{ total } = { total: 0 }] = await tx
    .select({ total: sql<number>`count(*)::int` })
    .from(supportRequest)
    .where(where);
  const rows = await tx
    .select(rowColumns)
    .from(supportRequest)
    .innerJoin(
      requestType,
      and(eq(requestType.swvId, supportRequest.swvId), eq(requestType.id, supportRequest.typeId)),
    )
    .innerJoin(school, and(eq(school.swvId, supportRequest.swvId), eq(school.id, supportRequest.schoolId)))
    .leftJoin(student, and(eq(student.swvId, supportRequest.swvId), eq(student.id, supportRequest.studentId)))
    .leftJoin(assignee, eq(assignee.id, supportRequest.assignedToUserId))
    .where(where)
    .orderBy(
      sql`${supportRequest.decidedOn} is not null`,
      sql`${supportRequest.state} = 'withdrawn'`,
      asc(supportRequest.deadlineOn),
      desc(supportRequest.createdAt),
      asc(supportRequest.id),
    )
    .limit(page.limit)
    .offset(page.offset);
  const today = amsterdamToday(ctx.now);
  return {
    total,
    rows: rows.map((row) => ({
      id: row.id,
      number: row.number,
      type: { id: row.typeId, name: row.typeName, crisis: row.crisis, isTlv: row.isTlv },
      school: { id: row.schoolId, name: row.schoolName },
      student: row.studentId ? { id: row.studentId, name: row.studentName } : null,
      state: row.state,
      outcome: row.outcome,
      assignedTo: row.assigneeId ? { id: row.assigneeId, name: row.assigneeName! } : null,
      clock: clockView(row, today, calendar),
      updatedAt: row.updatedAt.toISOString(),
    })),
  };
}

/** The request by id, in any SWV, with its type: the policy then decides (another SWV's answers 404). */
export async function findRequest(
  tx: Tx,
  requestId: string,
): Promise<{ request: RequestRecord; type: RequestTypeRecord } | null> {
  const [found] = await tx
    .select({ request: supportRequest, type: requestType })
    .from(supportRequest)
    .innerJoin(
      requestType,
      and(eq(requestType.swvId, supportRequest.swvId), eq(requestType.id, supportRequest.typeId)),
    )
    .where(eq(supportRequest.id, requestId));
  return found ?? null;
}

/** What completeness asks of the child's file and the request (src/domain/requestTypes.ts). */
export async function missingOf(
  tx: Tx,
  ctx: Context,
  request: RequestRecord,
  required: readonly RequiredItem[],
): Promise<RequiredItem[]> {
  const { swvId } = request;
  const advices = await tx
    .select({ expertise: requestAdvice.expertise, adviserUserId: requestAdvice.adviserUserId })
    .from(requestAdvice)
    .where(and(eq(requestAdvice.swvId, swvId), eq(requestAdvice.requestId, request.id)));
  let extended: { evaluated: boolean } | null = null;
  if (request.extendsRequestId) {
    const [previous] = await tx
      .select({ outcome: supportRequest.evaluationOutcome })
      .from(supportRequest)
      .where(and(eq(supportRequest.swvId, swvId), eq(supportRequest.id, request.extendsRequestId)));
    extended = { evaluated: previous?.outcome != null };
  }
  let planFacts: { hasPicture: boolean; goalCount: number } | null = null;
  let consentInForce = false;
  if (request.studentId) {
    const [active] = await tx
      .select({
        needs: plan.needs,
        picture: sql<string>`${plan.strengths} || ${plan.stimulatingFactors} || ${plan.hinderingFactors}`,
        goals: sql<number>`count(${planGoal.id})::int`,
      })
      .from(plan)
      .leftJoin(planGoal, and(eq(planGoal.swvId, plan.swvId), eq(planGoal.planId, plan.id)))
      .where(and(eq(plan.swvId, swvId), eq(plan.studentId, request.studentId), eq(plan.status, 'active')))
      .groupBy(plan.id);
    if (active) {
      planFacts = {
        hasPicture: active.needs.trim() !== '' && active.picture.trim() !== '',
        goalCount: active.goals,
      };
    }
    const consents = await tx
      .select({
        purpose: consent.purpose,
        partnerOrganisationId: consent.partnerOrganisationId,
        givenOn: consent.givenOn,
        expiresOn: consent.expiresOn,
        withdrawnAt: consent.withdrawnAt,
      })
      .from(consent)
      .where(
        and(
          eq(consent.swvId, swvId),
          eq(consent.studentId, request.studentId),
          eq(consent.purpose, 'request_arrangement'),
        ),
      );
    const today = amsterdamToday(ctx.now);
    consentInForce = consents.some((c) => isConsentInForce(c, today, ctx.now));
  }
  return missingItems(required, {
    plan: planFacts,
    parentsConsentInForce: consentInForce,
    parentsView: request.parentsView,
    extends: extended,
    expertAdvices: advices,
    plannedReturnOn: request.plannedReturnOn,
    teamQuestion: request.teamQuestion,
  });
}

type Permissions = z.infer<typeof RequestView>['permissions'];

/** One request as its page shows it; permissions and the assignable people come from the caller. */
export async function requestView(
  tx: Tx,
  ctx: Context,
  loaded: { request: RequestRecord; type: RequestTypeRecord },
  extra: {
    calendar: WorkingCalendar;
    effectiveDeadlineDays: number;
    missing: RequiredItem[];
    permissions: Permissions;
    assignable: { id: string; name: string }[];
    /** What the policy lets this reader read of the texts (docs/SECURITY.md C6): else null. */
    reads: { notes: boolean; advices: boolean };
  },
): Promise<z.infer<typeof RequestView>> {
  const { request, type } = loaded;
  const swvId = request.swvId;
  const listed = (
    await requestRows(tx, ctx, eq(supportRequest.id, request.id), extra.calendar, { limit: 1, offset: 0 })
  ).rows[0]!;
  const [people] = await tx
    .select({ requesterName: requester.displayName, deciderName: decider.displayName })
    .from(supportRequest)
    .innerJoin(requester, eq(requester.id, supportRequest.requestedByUserId))
    .leftJoin(decider, eq(decider.id, supportRequest.decidedByUserId))
    .where(eq(supportRequest.id, request.id));
  const by = alias(appUser, 'by');
  const events = await tx
    .select({
      id: requestEvent.id,
      step: requestEvent.step,
      at: requestEvent.at,
      on: requestEvent.on,
      byName: by.displayName,
      reasonCode: requestEvent.reasonCode,
      note: requestEvent.note,
    })
    .from(requestEvent)
    .innerJoin(by, eq(by.id, requestEvent.byUserId))
    .where(and(eq(requestEvent.swvId, swvId), eq(requestEvent.requestId, request.id)))
    .orderBy(asc(requestEvent.at), asc(requestEvent.id));
  const advices = await tx
    .select({
      id: requestAdvice.id,
      adviserName: by.displayName,
      expertise: requestAdvice.expertise,
      advice: requestAdvice.advice,
      at: requestAdvice.at,
    })
    .from(requestAdvice)
    .innerJoin(by, eq(by.id, requestAdvice.adviserUserId))
    .where(and(eq(requestAdvice.swvId, swvId), eq(requestAdvice.requestId, request.id)))
    .orderBy(asc(requestAdvice.at), asc(requestAdvice.id));
  const deliveries = await tx
    .select({
      id: requestDelivery.id,
      deliveredOn: requestDelivery.deliveredOn,
      hours: requestDelivery.hours,
      deliveredBy: requestDelivery.deliveredBy,
      progress: requestDelivery.progress,
      recordedByName: by.displayName,
    })
    .from(requestDelivery)
    .innerJoin(by, eq(by.id, requestDelivery.recordedByUserId))
    .where(and(eq(requestDelivery.swvId, swvId), eq(requestDelivery.requestId, request.id)))
    .orderBy(asc(requestDelivery.deliveredOn), asc(requestDelivery.id));
  return {
    ...listed,
    type: typeView(type, extra.effectiveDeadlineDays),
    revision: request.revision,
    question: request.question,
    triedSoFar: request.triedSoFar,
    parentsView: request.parentsView,
    teamQuestion: request.teamQuestion,
    category: request.category,
    plannedReturnOn: request.plannedReturnOn,
    extendsRequestId: request.extendsRequestId,
    requestedBy: { id: request.requestedByUserId, name: people!.requesterName },
    missing: extra.missing,
    decision:
      request.outcome && request.decidedOn
        ? {
            outcome: request.outcome,
            decidedOn: request.decidedOn,
            decidedBy: people!.deciderName ?? '',
            reasons: request.decisionReasons,
            periodFrom: request.periodFrom,
            periodUntil: request.periodUntil,
            wholeSchoolCareer:
              request.outcome !== 'rejected' && request.periodFrom !== null && request.periodUntil === null,
            budgetCents: request.budgetCents,
            hoursGranted: request.hoursGranted === null ? null : Number(request.hoursGranted),
            provider: request.provider,
          }
        : null,
    evaluation:
      request.evaluationOutcome || request.evaluationNote
        ? { outcome: request.evaluationOutcome, note: extra.reads.notes ? request.evaluationNote : null }
        : null,
    hoursDelivered: deliveries.reduce((sum, d) => sum + Number(d.hours), 0),
    events: events.map((e) => ({ ...e, at: e.at.toISOString(), note: extra.reads.notes ? e.note : null })),
    advices: advices.map((a) => ({
      ...a,
      at: a.at.toISOString(),
      advice: extra.reads.advices ? a.advice : null,
    })),
    deliveries: deliveries.map((d) => ({ ...d, hours: Number(d.hours) })),
    assignable: extra.assignable,
    permissions: extra.permissions,
  };
}

export function typeView(type: RequestTypeRecord, effectiveDeadlineDays: number) {
  return {
    id: type.id,
    code: type.code,
    name: type.name,
    subject: type.subject,
    required: type.required,
    deadlineDays: type.deadlineDays,
    effectiveDeadlineDays,
    crisis: type.crisis,
    hasCategory: type.hasCategory,
    isTlv: type.isTlv,
    decidedBy: type.decidedBy,
    active: type.active,
  };
}

/** Consultants and committee members of the SWV with an account in use: who may handle a request. */
export async function assignablePeople(tx: Tx, swvId: string): Promise<{ id: string; name: string }[]> {
  return tx
    .selectDistinct({ id: appUser.id, name: appUser.displayName })
    .from(appUser)
    .innerJoin(membership, and(eq(membership.swvId, appUser.swvId), eq(membership.userId, appUser.id)))
    .where(
      and(
        eq(appUser.swvId, swvId),
        inArray(membership.role, ['consultant', 'committee']),
        isNull(appUser.disabledAt),
      ),
    )
    .orderBy(asc(appUser.displayName), asc(appUser.id));
}
