// Reading objections with what their pages show: the request they are against (number, type, child,
// school), the LBT clock computed from src/domain/objections.ts (never stored as a verdict), the
// timeline; and who hears of a filing or a decision.
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { amsterdamToday } from '../../../domain/calendar.ts';
import {
  lbtClock,
  objectionIsLate,
  objectionTermEndsOn,
  openObjectionSteps,
} from '../../../domain/objections.ts';
import type { Tx } from '../../db/client.ts';
import {
  appUser,
  membership,
  objection,
  objectionEvent,
  requestType,
  school,
  student,
  studentGuardian,
  supportRequest,
} from '../../db/schema/index.ts';

export type ObjectionRecord = typeof objection.$inferSelect;

const studentName = sql<string>`concat_ws(' ', ${student.givenName}, nullif(${student.familyNamePrefix}, ''), ${student.familyName})`;

/** The request an objection is against, with what the policy and the pages need. */
export type RequestFacts = {
  id: string;
  swvId: string;
  schoolId: string;
  studentId: string | null;
  number: string;
  state: string;
  decidedOn: string | null;
  assignedToUserId: string | null;
  isTlv: boolean;
  typeName: string;
  schoolName: string;
  studentName: string | null;
  studentFirstName: string | null;
};

const requestColumns = {
  id: supportRequest.id,
  swvId: supportRequest.swvId,
  schoolId: supportRequest.schoolId,
  studentId: supportRequest.studentId,
  number: supportRequest.number,
  state: supportRequest.state,
  decidedOn: supportRequest.decidedOn,
  assignedToUserId: supportRequest.assignedToUserId,
  isTlv: requestType.isTlv,
  typeName: requestType.name,
  schoolName: school.name,
  studentName: sql<string | null>`case when ${student.id} is null then null else ${studentName} end`,
  studentFirstName: student.givenName,
};

function requestsJoined(tx: Tx) {
  return tx
    .select(requestColumns)
    .from(supportRequest)
    .innerJoin(
      requestType,
      and(eq(requestType.swvId, supportRequest.swvId), eq(requestType.id, supportRequest.typeId)),
    )
    .innerJoin(school, and(eq(school.swvId, supportRequest.swvId), eq(school.id, supportRequest.schoolId)))
    .leftJoin(
      student,
      and(eq(student.swvId, supportRequest.swvId), eq(student.id, supportRequest.studentId)),
    );
}

export async function findRequestFacts(tx: Tx, requestId: string): Promise<RequestFacts | null> {
  const [row] = await requestsJoined(tx).where(eq(supportRequest.id, requestId));
  return row ?? null;
}

export async function findObjection(tx: Tx, objectionId: string): Promise<ObjectionRecord | null> {
  const [row] = await tx.select().from(objection).where(eq(objection.id, objectionId));
  return row ?? null;
}

export function rowOf(record: ObjectionRecord, request: RequestFacts, today: string) {
  const clock = lbtClock(record, today);
  return {
    id: record.id,
    requestId: request.id,
    requestNumber: request.number,
    requestTypeName: request.typeName,
    isTlv: request.isTlv,
    studentName: request.studentName,
    schoolName: request.schoolName,
    filedBy: record.filedBy,
    receivedOn: record.receivedOn,
    late: request.decidedOn !== null && objectionIsLate(request.decidedOn, record.receivedOn),
    state: record.state,
    outcome: record.outcome,
    clock: { adviceDueOn: record.adviceDueOn, ...clock },
  };
}

/** One objection as its page shows it; `mayHandle`: the user may take the SWV's steps. */
export async function objectionView(
  tx: Tx,
  record: ObjectionRecord,
  request: RequestFacts,
  now: Date,
  mayHandle: boolean,
) {
  const events = await tx
    .select({
      id: objectionEvent.id,
      step: objectionEvent.step,
      at: objectionEvent.at,
      on: objectionEvent.on,
      byName: appUser.displayName,
      note: objectionEvent.note,
    })
    .from(objectionEvent)
    .innerJoin(appUser, eq(appUser.id, objectionEvent.byUserId))
    .where(and(eq(objectionEvent.swvId, record.swvId), eq(objectionEvent.objectionId, record.id)))
    .orderBy(asc(objectionEvent.at), asc(objectionEvent.id));
  const [filer] = record.filedByUserId
    ? await tx.select({ name: appUser.displayName }).from(appUser).where(eq(appUser.id, record.filedByUserId))
    : [];
  const decisionOn = request.decidedOn ?? record.receivedOn;
  return {
    ...rowOf(record, request, amsterdamToday(now)),
    revision: record.revision,
    decisionOn,
    termEndsOn: objectionTermEndsOn(decisionOn),
    grounds: record.grounds,
    lateReason: record.lateReason,
    filedByName: filer?.name ?? null,
    adviceRequestedOn: record.adviceRequestedOn,
    adviceReceivedOn: record.adviceReceivedOn,
    adviceSummary: record.adviceSummary,
    hearingOn: record.hearingOn,
    decidedOn: record.decidedOn,
    decisionReasons: record.decisionReasons,
    events: events.map((event) => ({ ...event, at: event.at.toISOString() })),
    permissions: {
      steps: mayHandle
        ? openObjectionSteps(record.state, request.isTlv).filter(
            (step): step is Exclude<typeof step, 'receive'> => step !== 'receive',
          )
        : [],
    },
  };
}

/** The objections of a set of schools, with their requests, the shortest LBT time first. */
export async function objectionRows(tx: Tx, swvId: string, schoolIds: readonly string[], where?: SQL) {
  if (schoolIds.length === 0) return [];
  const rows = await tx
    .select({ record: objection, request: requestColumns })
    .from(objection)
    .innerJoin(
      supportRequest,
      and(eq(supportRequest.swvId, objection.swvId), eq(supportRequest.id, objection.requestId)),
    )
    .innerJoin(
      requestType,
      and(eq(requestType.swvId, supportRequest.swvId), eq(requestType.id, supportRequest.typeId)),
    )
    .innerJoin(school, and(eq(school.swvId, supportRequest.swvId), eq(school.id, supportRequest.schoolId)))
    .leftJoin(student, and(eq(student.swvId, supportRequest.swvId), eq(student.id, supportRequest.studentId)))
    .where(and(eq(objection.swvId, swvId), inArray(supportRequest.schoolId, [...schoolIds]), where))
    .orderBy(sql`${objection.adviceDueOn} asc nulls last`, asc(objection.receivedOn));
  return rows;
}

/** Who hears of a new objection: whoever handles the request, and the SWV's committee. */
export async function handlersOf(tx: Tx, request: RequestFacts): Promise<string[]> {
  const committee = await tx
    .select({ id: membership.userId })
    .from(membership)
    .where(and(eq(membership.swvId, request.swvId), eq(membership.role, 'committee')));
  return [...(request.assignedToUserId ? [request.assignedToUserId] : []), ...committee.map((row) => row.id)];
}

/** Who hears of the decision on an objection: who filed it, and the child's parents with an account. */
export async function partiesOf(tx: Tx, record: ObjectionRecord, request: RequestFacts): Promise<string[]> {
  const parents = request.studentId
    ? await tx
        .select({ id: studentGuardian.userId })
        .from(studentGuardian)
        .where(
          and(eq(studentGuardian.swvId, request.swvId), eq(studentGuardian.studentId, request.studentId)),
        )
    : [];
  return [...(record.filedByUserId ? [record.filedByUserId] : []), ...parents.map((row) => row.id)];
}
