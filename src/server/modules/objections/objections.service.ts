// Use cases on objections against a decision, and on the SWV's registers of disputes, complaints and
// support-point signals (docs/domain.md, "Objections, disputes, complaints"). An objection is about
// a child's file: every read and write runs through runUseCase with its access-log row (docs/SECURITY.md
// A1). The rules are src/domain/objections.ts; who may do what is the policy's.
import { and, asc, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type {
  CreateComplaintBody,
  CreateDisputeBody,
  CreateSupportSignalBody,
  FileObjectionBody,
  ObjectionListQuery,
  ObjectionStepBody,
  RuleDisputeBody,
  SummaryQuery,
  UpdateComplaintBody,
  UpdateSupportSignalBody,
} from '../../../contracts/objections.ts';
import { amsterdamToday, schoolYearBounds, schoolYearOf } from '../../../domain/calendar.ts';
import {
  complaintChangeRefusal,
  disputeFilingRefusal,
  disputeRulingDueOn,
  disputeRulingRefusal,
  lbtAdviceDueOn,
  nextObjectionState,
  objectionFilingRefusal,
  objectionTermEndsOn,
  openObjectionStates,
} from '../../../domain/objections.ts';
import { refuse } from '../../../domain/refusal.ts';
import { ownSwv } from '../../access/acting.ts';
import type { Context } from '../../access/actor.ts';
import { authorize, authorizeLogged, inTransaction } from '../../access/authorize.ts';
import { can, type RequestPart, type Resource, type StudentFacts } from '../../access/policy.ts';
import { loadStudentFacts } from '../../access/scope.ts';
import { runUseCase } from '../../access/useCase.ts';
import { queryRows, type Tx } from '../../db/client.ts';
import {
  complaint,
  dispute,
  objection,
  objectionEvent,
  school,
  student,
  studentGuardian,
  supportSignal,
} from '../../db/schema/index.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { notify } from '../notifications/notifications.commands.ts';
import {
  findObjection,
  findRequestFacts,
  handlersOf,
  type ObjectionRecord,
  objectionRows,
  objectionView,
  partiesOf,
  type RequestFacts,
  rowOf,
} from './objections.queries.ts';

type Loaded = { request: RequestFacts; student: StudentFacts | null };

const partOf = (loaded: Loaded, type: RequestPart['type']): RequestPart => ({
  type,
  swvId: loaded.request.swvId,
  schoolId: loaded.request.schoolId,
  student: loaded.student,
  decidedBy: 'committee',
  draft: loaded.request.state === 'draft',
});

async function loadRequest(tx: Tx, ctx: Context, requestId: string): Promise<Loaded> {
  const request = await findRequestFacts(tx, requestId);
  if (!request) throw notFound();
  const studentId = request.studentId;
  const facts = studentId
    ? ((await loadStudentFacts(tx, ctx.actor, [studentId], ctx.now)).get(studentId) ?? null)
    : null;
  return { request, student: facts };
}

/** Asks the policy about the request's part and writes the one access-log row. */
async function authorizeOn(
  tx: Tx,
  ctx: Context,
  loaded: Loaded,
  access: {
    action: 'read' | 'create' | 'update';
    part: RequestPart['type'];
    logAction: 'read' | 'create' | 'update';
    objectType: 'objection' | 'request';
    objectId: string;
    logPart: string | null;
  },
): Promise<void> {
  await authorizeLogged(tx, ctx, {
    action: access.action,
    resource: partOf(loaded, access.part),
    log: {
      swvId: loaded.request.swvId,
      studentId: loaded.request.studentId,
      action: access.logAction,
      objectType: access.objectType,
      objectId: access.objectId,
      part: access.logPart,
    },
  });
}

const mayHandle = (ctx: Context, loaded: Loaded) =>
  can(ctx.actor, 'update', partOf(loaded, 'objection_handling')).allowed;

// --- objections ----------------------------------------------------------------------------------

async function objectionsOf(tx: Tx, ctx: Context, loaded: Loaded) {
  const records = await tx
    .select()
    .from(objection)
    .where(and(eq(objection.swvId, loaded.request.swvId), eq(objection.requestId, loaded.request.id)))
    .orderBy(asc(objection.receivedOn), asc(objection.createdAt));
  const handle = mayHandle(ctx, loaded);
  const objections = [];
  for (const record of records)
    objections.push(await objectionView(tx, record, loaded.request, ctx.now, handle));
  const decidedOn = loaded.request.decidedOn;
  return {
    objections,
    decidedOn,
    termEndsOn: decidedOn ? objectionTermEndsOn(decidedOn) : null,
    permissions: {
      file: decidedOn !== null && can(ctx.actor, 'create', partOf(loaded, 'request_objection')).allowed,
    },
  };
}

/** The objections on one request, for its page: whoever reads the request reads them. */
export async function listRequestObjections(ctx: Context, requestId: string) {
  return runUseCase(ctx, {
    authorize: async (tx) => {
      const loaded = await loadRequest(tx, ctx, requestId);
      await authorizeOn(tx, ctx, loaded, {
        action: 'read',
        part: 'request',
        logAction: 'read',
        objectType: 'request',
        objectId: requestId,
        logPart: 'objections',
      });
      return loaded;
    },
    work: (tx, loaded) => objectionsOf(tx, ctx, loaded),
  });
}

/** A parent of the child or the request's school objects to the decision. */
export async function fileObjection(
  ctx: Context,
  requestId: string,
  input: z.infer<typeof FileObjectionBody>,
) {
  return runUseCase(ctx, {
    authorize: async (tx) => {
      const loaded = await loadRequest(tx, ctx, requestId);
      await authorizeOn(tx, ctx, loaded, {
        action: 'create',
        part: 'request_objection',
        logAction: 'create',
        objectType: 'request',
        objectId: requestId,
        logPart: 'objection',
      });
      return loaded;
    },
    work: async (tx, loaded) => {
      const { request } = loaded;
      const today = amsterdamToday(ctx.now);
      const refusal = objectionFilingRefusal({
        decidedOn: request.decidedOn,
        receivedOn: today,
        lateReason: input.lateReason,
      });
      if (refusal) return refusal;
      const decision = can(ctx.actor, 'create', partOf(loaded, 'request_objection'));
      const filedBy = decision.allowed && decision.role === 'parent' ? 'parent' : 'school';
      const id = uuidv7();
      await tx.insert(objection).values({
        swvId: request.swvId,
        id,
        requestId,
        filedBy,
        filedByUserId: ctx.actor.userId,
        receivedOn: today,
        lateReason: input.lateReason,
        grounds: input.grounds,
        // docs/domain.md: for a TLV the LBT's advice is asked within 2 weeks of receipt.
        adviceDueOn: request.isTlv ? lbtAdviceDueOn(today) : null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      await addEvent(tx, ctx, request.swvId, id, 'receive', today, '');
      await notify(tx, ctx.now, {
        swvId: request.swvId,
        userIds: (await handlersOf(tx, request)).filter((userId) => userId !== ctx.actor.userId),
        kind: 'objection_filed',
        subjectType: 'objection',
        subjectId: id,
        ...(request.studentFirstName ? { firstName: request.studentFirstName } : {}),
        link: `/objections/${id}`,
      });
      const record = (await findObjection(tx, id))!;
      return objectionView(tx, record, request, ctx.now, mayHandle(ctx, loaded));
    },
  });
}

async function addEvent(
  tx: Tx,
  ctx: Context,
  swvId: string,
  objectionId: string,
  step: (typeof objectionEvent.$inferInsert)['step'],
  on: string,
  note: string,
) {
  await tx.insert(objectionEvent).values({
    swvId,
    id: uuidv7(),
    objectionId,
    step,
    at: ctx.now,
    on,
    byUserId: ctx.actor.userId,
    note,
  });
}

async function loadObjection(tx: Tx, ctx: Context, objectionId: string) {
  const record = await findObjection(tx, objectionId);
  if (!record) throw notFound();
  return { record, ...(await loadRequest(tx, ctx, record.requestId)) };
}

/** One objection: whoever reads the request reads its objections. */
export async function getObjection(ctx: Context, objectionId: string) {
  return runUseCase(ctx, {
    authorize: async (tx) => {
      const loaded = await loadObjection(tx, ctx, objectionId);
      await authorizeOn(tx, ctx, loaded, {
        action: 'read',
        part: 'request',
        logAction: 'read',
        objectType: 'objection',
        objectId: objectionId,
        logPart: null,
      });
      return loaded;
    },
    work: (tx, loaded) => objectionView(tx, loaded.record, loaded.request, ctx.now, mayHandle(ctx, loaded)),
  });
}

/** The SWV takes a step: the LBT asked or heard, the hearing, the decision, a withdrawal. */
export async function takeObjectionStep(
  ctx: Context,
  objectionId: string,
  input: z.infer<typeof ObjectionStepBody>,
) {
  return runUseCase(ctx, {
    authorize: async (tx) => {
      const loaded = await loadObjection(tx, ctx, objectionId);
      await authorizeOn(tx, ctx, loaded, {
        action: 'update',
        part: 'objection_handling',
        logAction: 'update',
        objectType: 'objection',
        objectId: objectionId,
        logPart: input.step,
      });
      return loaded;
    },
    work: async (tx, loaded) => {
      const { record, request } = loaded;
      const today = amsterdamToday(ctx.now);
      const on = input.on ?? today;
      if (on > today || on < record.receivedOn) {
        throw new AppError('validation_failed', 'A step happens between the receipt and today', {
          fields: { on: on > today ? 'in the future' : 'before the objection was received' },
        });
      }
      const next = nextObjectionState(
        record.state,
        request.isTlv,
        input.step === 'decide'
          ? { step: 'decide', outcome: input.outcome ?? null, reasons: input.reasons }
          : { step: input.step },
      );
      if (typeof next !== 'string') return next;
      const set: Partial<typeof objection.$inferInsert> = { state: next };
      if (input.step === 'request_advice') set.adviceRequestedOn = on;
      if (input.step === 'receive_advice') {
        set.adviceReceivedOn = on;
        set.adviceSummary = input.note;
      }
      if (input.step === 'hold_hearing') set.hearingOn = on;
      if (input.step === 'decide') {
        set.decidedOn = on;
        set.outcome = input.outcome!;
        set.decisionReasons = input.reasons;
      }
      const [changed] = await tx
        .update(objection)
        .set({ ...set, revision: sql`${objection.revision} + 1`, updatedAt: ctx.now })
        .where(
          and(
            eq(objection.swvId, record.swvId),
            eq(objection.id, record.id),
            eq(objection.revision, input.revision),
          ),
        )
        .returning({ id: objection.id });
      if (!changed) throw new AppError('conflict', 'The objection was changed by someone else meanwhile');
      await addEvent(
        tx,
        ctx,
        record.swvId,
        record.id,
        input.step,
        on,
        input.step === 'decide' ? input.reasons : input.note,
      );
      if (input.step === 'decide') {
        await notify(tx, ctx.now, {
          swvId: record.swvId,
          userIds: await partiesOf(tx, record, request),
          kind: 'objection_decided',
          subjectType: 'objection',
          subjectId: record.id,
          ...(request.studentFirstName ? { firstName: request.studentFirstName } : {}),
          link: `/requests/${request.id}`,
        });
      }
      const updated = (await findObjection(tx, record.id)) as ObjectionRecord;
      return objectionView(tx, updated, request, ctx.now, true);
    },
  });
}

/** The schools whose objections the actor handles: a consultant their team's, the committee all. */
async function handledSchools(tx: Tx, ctx: Context, swvId: string): Promise<string[]> {
  const schools = await tx.select({ id: school.id }).from(school).where(eq(school.swvId, swvId));
  return schools
    .map((row) => row.id)
    .filter(
      (schoolId) =>
        can(ctx.actor, 'update', {
          type: 'objection_handling',
          swvId,
          schoolId,
          student: null,
          decidedBy: 'committee',
          draft: false,
        }).allowed,
    );
}

/** The SWV's queue of objections, with the LBT clock; logged as one search. */
export async function listObjections(ctx: Context, query: z.infer<typeof ObjectionListQuery>) {
  const swvId = ownSwv(ctx);
  return inTransaction(ctx, async (tx) => {
    await authorizeLogged(tx, ctx, {
      action: 'read',
      resource: { type: 'objection_queue', swvId },
      log: { swvId, studentId: null, action: 'search', objectType: 'objection_queue', objectId: null },
    });
    const rows = await objectionRows(
      tx,
      swvId,
      await handledSchools(tx, ctx, swvId),
      query.state === 'open' ? inArray(objection.state, [...openObjectionStates]) : undefined,
    );
    const today = amsterdamToday(ctx.now);
    return { objections: rows.map((row) => rowOf(row.record, row.request, today)) };
  });
}

// --- the registers ---------------------------------------------------------------------------------

const register = (swvId: string): Resource => ({ type: 'swv_register', swvId });

/** A register's read or change, logged; `studentId` when it concerns one child. */
async function authorizeRegister(
  tx: Tx,
  ctx: Context,
  swvId: string,
  access: {
    action: 'read' | 'manage';
    logAction: 'search' | 'create' | 'update';
    objectType: string;
    objectId: string | null;
    studentId?: string | null;
  },
) {
  await authorizeLogged(tx, ctx, {
    action: access.action,
    resource: register(swvId),
    log: {
      swvId,
      studentId: access.studentId ?? null,
      action: access.logAction,
      objectType: access.objectType,
      objectId: access.objectId,
    },
  });
}

/** An id given in a body must be the SWV's own school or child. */
async function checkLinks(
  tx: Tx,
  swvId: string,
  links: { schoolId?: string | null; studentId?: string | null },
) {
  if (links.schoolId) {
    const [found] = await tx
      .select({ id: school.id })
      .from(school)
      .where(and(eq(school.swvId, swvId), eq(school.id, links.schoolId)));
    if (!found)
      throw new AppError('validation_failed', 'Unknown school', { fields: { schoolId: 'unknown' } });
  }
  if (links.studentId) {
    const [found] = await tx
      .select({ id: student.id })
      .from(student)
      .where(and(eq(student.swvId, swvId), eq(student.id, links.studentId)));
    if (!found)
      throw new AppError('validation_failed', 'Unknown child', { fields: { studentId: 'unknown' } });
  }
}

const schoolRef = (row: { schoolId: string | null; schoolName: string | null }) =>
  row.schoolId && row.schoolName ? { id: row.schoolId, name: row.schoolName } : null;

function notInFuture(ctx: Context, field: string, date: string) {
  if (date > amsterdamToday(ctx.now))
    throw new AppError('validation_failed', 'A date that has not come yet', {
      fields: { [field]: 'in the future' },
    });
}

// disputes

async function disputeViews(tx: Tx, ctx: Context, swvId: string, id?: string) {
  const today = amsterdamToday(ctx.now);
  const rows = await tx
    .select({ row: dispute, schoolName: school.name })
    .from(dispute)
    .leftJoin(school, and(eq(school.swvId, dispute.swvId), eq(school.id, dispute.schoolId)))
    .where(and(eq(dispute.swvId, swvId), id ? eq(dispute.id, id) : undefined))
    .orderBy(desc(dispute.filedOn), desc(dispute.createdAt));
  return rows.map(({ row, schoolName }) => ({
    id: row.id,
    subject: row.subject,
    linkedToChild: row.studentId !== null,
    school: schoolRef({ schoolId: row.schoolId, schoolName }),
    filedOn: row.filedOn,
    rulingDueOn: row.rulingDueOn,
    ruledOn: row.ruledOn,
    outcome: row.outcome,
    summary: row.summary,
    overdue: row.ruledOn === null && today > row.rulingDueOn,
  }));
}

export async function listDisputes(ctx: Context) {
  const swvId = ownSwv(ctx);
  return inTransaction(ctx, async (tx) => {
    await authorizeRegister(tx, ctx, swvId, {
      action: 'read',
      logAction: 'search',
      objectType: 'dispute',
      objectId: null,
    });
    return { disputes: await disputeViews(tx, ctx, swvId) };
  });
}

export async function createDispute(ctx: Context, input: z.infer<typeof CreateDisputeBody>) {
  const swvId = ownSwv(ctx);
  const id = uuidv7();
  return runUseCase(ctx, {
    authorize: (tx) =>
      authorizeRegister(tx, ctx, swvId, {
        action: 'manage',
        logAction: 'create',
        objectType: 'dispute',
        objectId: id,
        // The child it concerns, as given (checked against the SWV in the work).
        studentId: input.studentId,
      }),
    work: async (tx) => {
      await checkLinks(tx, swvId, input);
      notInFuture(ctx, 'filedOn', input.filedOn);
      const late = disputeFilingRefusal(input.contestedOn, input.filedOn);
      if (late) return late;
      await tx.insert(dispute).values({
        swvId,
        id,
        subject: input.subject,
        studentId: input.studentId,
        schoolId: input.schoolId,
        filedOn: input.filedOn,
        rulingDueOn: disputeRulingDueOn(input.filedOn),
        summary: input.summary,
        registeredByUserId: ctx.actor.userId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      return (await disputeViews(tx, ctx, swvId, id))[0]!;
    },
  });
}

export async function ruleDispute(ctx: Context, id: string, input: z.infer<typeof RuleDisputeBody>) {
  return runUseCase(ctx, {
    authorize: async (tx) => {
      const [row] = await tx.select().from(dispute).where(eq(dispute.id, id));
      if (!row) throw notFound();
      await authorizeRegister(tx, ctx, row.swvId, {
        action: 'manage',
        logAction: 'update',
        objectType: 'dispute',
        objectId: id,
        studentId: row.studentId,
      });
      return row;
    },
    work: async (tx, row) => {
      notInFuture(ctx, 'ruledOn', input.ruledOn);
      const refusal = disputeRulingRefusal(row.filedOn, input.ruledOn);
      if (refusal) return refusal;
      await tx
        .update(dispute)
        .set({
          ruledOn: input.ruledOn,
          outcome: input.outcome,
          ...(input.summary !== undefined ? { summary: input.summary } : {}),
          updatedAt: ctx.now,
        })
        .where(and(eq(dispute.swvId, row.swvId), eq(dispute.id, id)));
      return (await disputeViews(tx, ctx, row.swvId, id))[0]!;
    },
  });
}

// complaints

async function complaintViews(
  tx: Tx,
  swvId: string,
  filter: { id?: string; filedBy?: string },
  asFiler: boolean,
) {
  const rows = await tx
    .select({ row: complaint, schoolName: school.name, firstName: student.givenName })
    .from(complaint)
    .leftJoin(school, and(eq(school.swvId, complaint.swvId), eq(school.id, complaint.schoolId)))
    .leftJoin(student, and(eq(student.swvId, complaint.swvId), eq(student.id, complaint.studentId)))
    .where(
      and(
        eq(complaint.swvId, swvId),
        filter.id ? eq(complaint.id, filter.id) : undefined,
        filter.filedBy ? eq(complaint.filedByUserId, filter.filedBy) : undefined,
      ),
    )
    .orderBy(desc(complaint.receivedOn), desc(complaint.createdAt));
  return rows.map(({ row, schoolName, firstName }) => ({
    id: row.id,
    receivedOn: row.receivedOn,
    about: row.about,
    description: row.description,
    fromPortal: row.filedByUserId !== null,
    // The parent who filed it reads their child's first name; staff see that a child is linked.
    childFirstName: asFiler ? (firstName ?? null) : null,
    linkedToChild: row.studentId !== null,
    school: schoolRef({ schoolId: row.schoolId, schoolName }),
    state: row.state,
    outcome: row.outcome,
    closedOn: row.closedOn,
  }));
}

const mayHandleRegister = (ctx: Context, swvId: string) => can(ctx.actor, 'manage', register(swvId)).allowed;

async function childrenOf(tx: Tx, ctx: Context, swvId: string) {
  return tx
    .select({ id: student.id, firstName: student.givenName })
    .from(studentGuardian)
    .innerJoin(
      student,
      and(eq(student.swvId, studentGuardian.swvId), eq(student.id, studentGuardian.studentId)),
    )
    .where(and(eq(studentGuardian.swvId, swvId), eq(studentGuardian.userId, ctx.actor.userId)))
    .orderBy(student.givenName);
}

/** Staff read the register; a parent reads the complaints they filed. Logged as one search. */
export async function listComplaints(ctx: Context) {
  const swvId = ownSwv(ctx);
  return inTransaction(ctx, async (tx) => {
    const staff = can(ctx.actor, 'read', register(swvId)).allowed;
    await authorizeLogged(tx, ctx, {
      action: 'read',
      resource: staff ? register(swvId) : { type: 'parent_complaint', swvId, student: null },
      log: { swvId, studentId: null, action: 'search', objectType: 'complaint', objectId: null },
    });
    return {
      complaints: await complaintViews(tx, swvId, staff ? {} : { filedBy: ctx.actor.userId }, !staff),
      children: staff ? [] : await childrenOf(tx, ctx, swvId),
      permissions: { handle: mayHandleRegister(ctx, swvId) },
    };
  });
}

/**
 * A complaint: staff register one that came in (any day up to today); a parent files their own
 * from the portal, today, about their own child or none.
 */
export async function createComplaint(ctx: Context, input: z.infer<typeof CreateComplaintBody>) {
  const swvId = ownSwv(ctx);
  const id = uuidv7();
  const staff = mayHandleRegister(ctx, swvId);
  return runUseCase(ctx, {
    authorize: async (tx) => {
      if (staff) {
        await authorizeRegister(tx, ctx, swvId, {
          action: 'manage',
          logAction: 'create',
          objectType: 'complaint',
          objectId: id,
          studentId: input.studentId,
        });
        return;
      }
      const facts = input.studentId
        ? (await loadStudentFacts(tx, ctx.actor, [input.studentId], ctx.now)).get(input.studentId)
        : null;
      if (input.studentId && !facts) throw notFound();
      await authorizeLogged(tx, ctx, {
        action: 'create',
        resource: { type: 'parent_complaint', swvId: facts?.swvId ?? swvId, student: facts ?? null },
        log: {
          swvId: facts?.swvId ?? swvId,
          studentId: input.studentId,
          action: 'create',
          objectType: 'complaint',
          objectId: id,
        },
      });
    },
    work: async (tx) => {
      await checkLinks(tx, swvId, input);
      const today = amsterdamToday(ctx.now);
      const receivedOn = staff ? (input.receivedOn ?? today) : today;
      notInFuture(ctx, 'receivedOn', receivedOn);
      await tx.insert(complaint).values({
        swvId,
        id,
        receivedOn,
        filedByUserId: staff ? null : ctx.actor.userId,
        studentId: input.studentId,
        schoolId: input.schoolId,
        about: input.about,
        description: input.description,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      return (await complaintViews(tx, swvId, { id }, !staff))[0]!;
    },
  });
}

export async function updateComplaint(ctx: Context, id: string, input: z.infer<typeof UpdateComplaintBody>) {
  return runUseCase(ctx, {
    authorize: async (tx) => {
      const [row] = await tx.select().from(complaint).where(eq(complaint.id, id));
      if (!row) throw notFound();
      await authorizeRegister(tx, ctx, row.swvId, {
        action: 'manage',
        logAction: 'update',
        objectType: 'complaint',
        objectId: id,
        studentId: row.studentId,
      });
      return row;
    },
    work: async (tx, row) => {
      const refusal = complaintChangeRefusal(row.state, input.state, input.outcome);
      if (refusal) return refusal;
      await tx
        .update(complaint)
        .set({
          state: input.state,
          outcome: input.outcome,
          handledByUserId: ctx.actor.userId,
          closedOn: input.state === 'closed' ? amsterdamToday(ctx.now) : null,
          updatedAt: ctx.now,
        })
        .where(and(eq(complaint.swvId, row.swvId), eq(complaint.id, id)));
      return (await complaintViews(tx, row.swvId, { id }, false))[0]!;
    },
  });
}

// support-point signals

async function signalViews(tx: Tx, swvId: string, id?: string) {
  const rows = await tx
    .select({ row: supportSignal, schoolName: school.name })
    .from(supportSignal)
    .leftJoin(school, and(eq(school.swvId, supportSignal.swvId), eq(school.id, supportSignal.schoolId)))
    .where(and(eq(supportSignal.swvId, swvId), id ? eq(supportSignal.id, id) : undefined))
    .orderBy(desc(supportSignal.receivedOn), desc(supportSignal.createdAt));
  return rows.map(({ row, schoolName }) => ({
    id: row.id,
    receivedOn: row.receivedOn,
    kind: row.kind,
    school: schoolRef({ schoolId: row.schoolId, schoolName }),
    summary: row.summary,
    outcome: row.outcome,
    closedOn: row.closedOn,
  }));
}

export async function listSupportSignals(ctx: Context) {
  const swvId = ownSwv(ctx);
  return inTransaction(ctx, async (tx) => {
    await authorizeRegister(tx, ctx, swvId, {
      action: 'read',
      logAction: 'search',
      objectType: 'support_signal',
      objectId: null,
    });
    return { signals: await signalViews(tx, swvId) };
  });
}

export async function createSupportSignal(ctx: Context, input: z.infer<typeof CreateSupportSignalBody>) {
  const swvId = ownSwv(ctx);
  const id = uuidv7();
  return runUseCase(ctx, {
    authorize: (tx) =>
      authorizeRegister(tx, ctx, swvId, {
        action: 'manage',
        logAction: 'create',
        objectType: 'support_signal',
        objectId: id,
      }),
    work: async (tx) => {
      await checkLinks(tx, swvId, input);
      notInFuture(ctx, 'receivedOn', input.receivedOn);
      await tx.insert(supportSignal).values({
        swvId,
        id,
        receivedOn: input.receivedOn,
        kind: input.kind,
        schoolId: input.schoolId,
        summary: input.summary,
        outcome: input.outcome,
        closedOn: input.outcome === 'open' ? null : amsterdamToday(ctx.now),
        registeredByUserId: ctx.actor.userId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      return (await signalViews(tx, swvId, id))[0]!;
    },
  });
}

export async function updateSupportSignal(
  ctx: Context,
  id: string,
  input: z.infer<typeof UpdateSupportSignalBody>,
) {
  return runUseCase(ctx, {
    authorize: async (tx) => {
      const [row] = await tx.select().from(supportSignal).where(eq(supportSignal.id, id));
      if (!row) throw notFound();
      await authorizeRegister(tx, ctx, row.swvId, {
        action: 'manage',
        logAction: 'update',
        objectType: 'support_signal',
        objectId: id,
      });
      return row;
    },
    work: async (tx, row) => {
      const closedOn = input.outcome === 'open' ? null : (input.closedOn ?? amsterdamToday(ctx.now));
      if (closedOn !== null) notInFuture(ctx, 'closedOn', closedOn);
      if (closedOn !== null && closedOn < row.receivedOn) {
        return refuse('closed_before_received', 'A signal is closed after it came in', {});
      }
      await tx
        .update(supportSignal)
        .set({ outcome: input.outcome, closedOn, updatedAt: ctx.now })
        .where(and(eq(supportSignal.swvId, row.swvId), eq(supportSignal.id, id)));
      return (await signalViews(tx, row.swvId, id))[0]!;
    },
  });
}

// --- the board's counts ------------------------------------------------------------------------------

/** Counts per kind and outcome in a school year, for the board and later the monitor: no names, no ids. */
export async function summary(ctx: Context, query: z.infer<typeof SummaryQuery>) {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'read', register(swvId));
  const schoolYear = query.schoolYear ?? schoolYearOf(amsterdamToday(ctx.now));
  const { from, to } = schoolYearBounds(schoolYear);
  return ctx.database.db.transaction(async (tx) => {
    const counted = async (key: SQL, table: SQL, on: SQL) =>
      (
        await queryRows<{ key: string; count: number }>(
          tx,
          sql`select ${key} as key, count(*)::int as count from ${table}
              where swv_id = ${swvId} and ${on} between ${from} and ${to} group by 1 order by 1`,
        )
      ).map((row) => ({ key: row.key, count: row.count }));
    return {
      schoolYear,
      objections: await counted(sql`coalesce(outcome, state)`, sql`objection`, sql`received_on`),
      disputes: await counted(
        sql`subject || ':' || coalesce(outcome, 'pending')`,
        sql`dispute`,
        sql`filed_on`,
      ),
      complaints: await counted(sql`state`, sql`complaint`, sql`received_on`),
      signals: await counted(sql`kind || ':' || outcome`, sql`support_signal`, sql`received_on`),
    };
  });
}
