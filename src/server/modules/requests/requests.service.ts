// Use cases on requests for support (docs/domain.md, "Requests and decisions"): the catalogue, a
// child's or a team's request from draft to decision and beyond, the queues, advices, the
// parents' view, the delivery log and the budget. Each runs through runUseCase with its
// access-log row (docs/SECURITY.md A1); the state machine, completeness, the clock and the
// decision's rules are src/domain/requests.ts and requestTypes.ts; who may do what is the policy's.
import { and, eq, inArray, isNotNull, isNull, ne, notInArray, type SQL, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type {
  AdviceBody,
  AssignBody,
  BudgetBody,
  BudgetQuery,
  CreateRequestBody,
  DecisionBody,
  DeliveryBody,
  ParentsViewBody,
  plainSteps,
  RequestListQuery,
  StepBody,
  UpdateRequestBody,
  UpdateRequestTypeBody,
} from '../../../contracts/requests.ts';
import { amsterdamToday, schoolYearBounds, schoolYearOf } from '../../../domain/calendar.ts';
import { isRefusal, refuse } from '../../../domain/refusal.ts';
import {
  adviceOpen,
  decisionRefusal,
  deliveryOpen,
  nextStatus,
  openSteps,
  parentsViewOpen,
  type RequestState,
  type RequestStatus,
  type RequestStep,
  schoolMayEdit,
  stepRefusal,
} from '../../../domain/requests.ts';
import { addWorkingDays } from '../../../domain/workingDays.ts';
import { ownSwv } from '../../access/acting.ts';
import type { Context } from '../../access/actor.ts';
import { appendAdminEvent } from '../../access/adminLog.ts';
import { authorize, authorizeChild, authorizeLogged, inTransaction } from '../../access/authorize.ts';
import { type Action, can, type RequestPart, type StudentFacts } from '../../access/policy.ts';
import { loadStudentFacts } from '../../access/scope.ts';
import { runUseCase } from '../../access/useCase.ts';
import type { Tx } from '../../db/client.ts';
import {
  arrangementBudget,
  plan,
  requestAdvice,
  requestDelivery,
  requestEvent,
  requestType,
  school,
  student,
  supportRequest,
  swv,
} from '../../db/schema/index.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { workingCalendarOf } from '../organisations/organisations.queries.ts';
import { recordSupportLevel } from '../students/students.commands.ts';
import { schoolOf } from '../students/students.queries.ts';
import { inviteToSurvey } from '../surveys/surveys.commands.ts';
import { noticeOfStep } from './requests.notices.ts';
import { renderDecisionPdf } from './requests.pdf.ts';
import {
  assignablePeople,
  findRequest,
  missingOf,
  type RequestRecord,
  type RequestTypeRecord,
  requestRows,
  requestView,
  typeView,
} from './requests.queries.ts';

type Settings = Awaited<ReturnType<typeof workingCalendarOf>>;
type PlainStep = (typeof plainSteps)[number];
type Loaded = {
  request: RequestRecord;
  type: RequestTypeRecord;
  student: StudentFacts | null;
  settings: Settings;
};

/** Who decides this type here: a TLV always the committee; other types the consultant where the SWV says so. */
const deciderOf = (type: RequestTypeRecord, settings: Settings): RequestPart['decidedBy'] =>
  !type.isTlv && settings.consultantsDecide && type.decidedBy === 'consultant' ? 'consultant' : 'committee';

const partOf = (loaded: Loaded, type: RequestPart['type']): RequestPart => ({
  type,
  swvId: loaded.request.swvId,
  schoolId: loaded.request.schoolId,
  student: loaded.student,
  decidedBy: deciderOf(loaded.type, loaded.settings),
  draft: loaded.request.state === 'draft',
});

/** Whose step it is: the school's (its own request) or the SWV's (handling); both may start and evaluate. */
const stepParts: Record<PlainStep, readonly RequestPart['type'][]> = {
  submit: ['request'],
  supplement: ['request'],
  withdraw: ['request'],
  send_back_incomplete: ['request_handling'],
  accept_complete: ['request_handling'],
  start_review: ['request_handling'],
  close: ['request_handling'],
  start: ['request', 'request_handling'],
  evaluate: ['request', 'request_handling'],
};

/** The steps someone hears of (docs/domain.md, "Notifications"); the decision is its own use case. */
const stepNotices: Partial<Record<PlainStep, 'request_incomplete' | 'request_supplemented'>> = {
  send_back_incomplete: 'request_incomplete',
  supplement: 'request_supplemented',
};

const effectiveDeadlineDays = (type: RequestTypeRecord, settings: Settings): number =>
  type.deadlineDays ?? (type.crisis ? settings.crisisWorkingDays : settings.decisionWorkingDays);

async function load(tx: Tx, ctx: Context, requestId: string): Promise<Loaded> {
  const found = await findRequest(tx, requestId);
  if (!found) throw notFound();
  const studentId = found.request.studentId;
  const student = studentId
    ? ((await loadStudentFacts(tx, ctx.actor, [studentId], ctx.now)).get(studentId) ?? null)
    : null;
  return { ...found, student, settings: await workingCalendarOf(tx, found.request.swvId) };
}

/** Loads the request, asks the policy for one of `parts` and writes the access-log row. */
async function authorizeRequest(
  tx: Tx,
  ctx: Context,
  requestId: string,
  access: {
    action: Action;
    parts: readonly RequestPart['type'][];
    logAction: 'read' | 'update' | 'create' | 'print';
    part: string | null;
  },
): Promise<Loaded> {
  const loaded = await load(tx, ctx, requestId);
  const allowing =
    access.parts.find((type) => can(ctx.actor, access.action, partOf(loaded, type)).allowed) ??
    access.parts[0]!;
  await authorizeLogged(tx, ctx, {
    action: access.action,
    resource: partOf(loaded, allowing),
    log: {
      swvId: loaded.request.swvId,
      studentId: loaded.request.studentId,
      action: access.logAction,
      objectType: 'request',
      objectId: requestId,
      part: access.part,
    },
  });
  return loaded;
}

function permissionsOf(ctx: Context, loaded: Loaded, missing: readonly string[]) {
  const may = (action: Action, type: RequestPart['type']) =>
    can(ctx.actor, action, partOf(loaded, type)).allowed;
  const state = loaded.request.state;
  const steps = openSteps({ state, outcome: loaded.request.outcome }).filter(
    (step): step is PlainStep =>
      step !== 'decide' &&
      stepParts[step].some((type) => may('update', type)) &&
      (step !== 'accept_complete' || missing.length === 0),
  );
  return {
    asParent: loaded.student?.isGuardian ?? false,
    steps,
    edit: schoolMayEdit(state) && may('update', 'request'),
    decide: state === 'in_review' && may('create', 'request_decision'),
    advise: adviceOpen(state) && may('create', 'request_advice'),
    assign: !['closed', 'withdrawn'].includes(state) && may('update', 'request_handling'),
    giveParentsView: parentsViewOpen(state) && may('create', 'request_parents_view'),
    recordDelivery: deliveryOpen(state) && may('create', 'request_delivery'),
  };
}

/** The request as its page shows it to this user, read afresh (after a change too). */
async function viewOf(tx: Tx, ctx: Context, requestId: string) {
  const loaded = await load(tx, ctx, requestId);
  const missing = await missingOf(tx, ctx, loaded.request, loaded.type.required);
  const permissions = permissionsOf(ctx, loaded, missing);
  return requestView(tx, ctx, loaded, {
    calendar: loaded.settings.calendar,
    effectiveDeadlineDays: effectiveDeadlineDays(loaded.type, loaded.settings),
    missing,
    permissions,
    assignable: permissions.assign ? await assignablePeople(tx, loaded.request.swvId) : [],
    // docs/SECURITY.md C6: the advice's text and the staff's notes are parts of their own.
    reads: {
      notes: can(ctx.actor, 'read', partOf(loaded, 'request_note')).allowed,
      advices: can(ctx.actor, 'read', partOf(loaded, 'request_advice')).allowed,
    },
  });
}

const stale = () => new AppError('conflict', 'The request was changed by someone else meanwhile; reload it');

/** Writes the change when the request is still at `revision` (null: whatever it is now), raising it. */
async function change(
  tx: Tx,
  ctx: Context,
  request: RequestRecord,
  revision: number | null,
  set: Partial<typeof supportRequest.$inferInsert>,
): Promise<void> {
  const [changed] = await tx
    .update(supportRequest)
    .set({ ...set, revision: sql`${supportRequest.revision} + 1`, updatedAt: ctx.now })
    .where(
      and(
        eq(supportRequest.swvId, request.swvId),
        eq(supportRequest.id, request.id),
        eq(supportRequest.revision, revision ?? request.revision),
      ),
    )
    .returning({ id: supportRequest.id });
  if (!changed) throw stale();
}

async function addEvent(
  tx: Tx,
  ctx: Context,
  request: RequestRecord,
  step: RequestStep | 'create' | 'assign',
  details: { reasonCode?: (typeof requestEvent.$inferInsert)['reasonCode']; note?: string } = {},
): Promise<void> {
  await tx.insert(requestEvent).values({
    swvId: request.swvId,
    id: uuidv7(),
    requestId: request.id,
    step,
    at: ctx.now,
    on: amsterdamToday(ctx.now),
    byUserId: ctx.actor.userId,
    reasonCode: details.reasonCode ?? null,
    note: details.note ?? '',
  });
}

// --- the catalogue ---------------------------------------------------------------------------

/** The catalogue holds no child data: the policy is asked, and nothing is written to the access log. */
export async function listRequestTypes(ctx: Context) {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'read', { type: 'swv', swvId });
  return ctx.database.db.transaction(async (tx) => {
    const settings = await workingCalendarOf(tx, swvId);
    const types = await tx
      .select()
      .from(requestType)
      .where(eq(requestType.swvId, swvId))
      .orderBy(requestType.position, requestType.name);
    return { types: types.map((type) => typeView(type, effectiveDeadlineDays(type, settings))) };
  });
}

export async function updateRequestType(
  ctx: Context,
  typeId: string,
  input: z.infer<typeof UpdateRequestTypeBody>,
) {
  return runUseCase(ctx, {
    authorize: async (tx) => {
      const [type] = await tx.select().from(requestType).where(eq(requestType.id, typeId));
      if (!type) throw notFound();
      authorize(ctx, 'manage', { type: 'swv', swvId: type.swvId });
      return type;
    },
    work: async (tx, type) => {
      const swvId = type.swvId;
      if (type.isTlv && input.decidedBy === 'consultant') {
        return refuse('tlv_decided_by_committee', 'A TLV is always decided by the committee', {});
      }
      const [updated] = await tx
        .update(requestType)
        .set(input)
        .where(and(eq(requestType.swvId, swvId), eq(requestType.id, typeId)))
        .returning();
      await appendAdminEvent(tx, {
        swvId,
        actorUserId: ctx.actor.userId,
        kind: 'request_type_changed',
        details: { typeId, code: type.code, fields: Object.keys(input) },
        at: ctx.now,
      });
      return typeView(updated!, effectiveDeadlineDays(updated!, await workingCalendarOf(tx, swvId)));
    },
  });
}

// --- lists -------------------------------------------------------------------------------------

const decidedStates: readonly RequestState[] = ['decided', 'in_progress', 'evaluated', 'closed', 'withdrawn'];

function stateFilter(state: z.infer<typeof RequestListQuery>['state']): SQL | undefined {
  if (state === 'all') return undefined;
  if (state === 'open') return notInArray(supportRequest.state, [...decidedStates]);
  return eq(supportRequest.state, state);
}

/**
 * The queue: the requests of the schools whose requests the actor may read (asked of the policy per
 * school, as the student list does), logged as one search. Drafts are the school's own work: shown
 * only where the policy lets the actor read a draft (its staff), as it does one by id.
 */
export async function listRequests(ctx: Context, query: z.infer<typeof RequestListQuery>) {
  const swvId = ownSwv(ctx);
  return inTransaction(ctx, async (tx) => {
    await authorizeLogged(tx, ctx, {
      action: 'read',
      resource: { type: 'request_queue', swvId },
      log: { swvId, studentId: null, action: 'search', objectType: 'request_queue', objectId: null },
    });
    const settings = await workingCalendarOf(tx, swvId);
    const schools = await tx
      .select({ id: school.id, name: school.name })
      .from(school)
      .where(eq(school.swvId, swvId))
      .orderBy(school.name);
    const asSchoolPart = (schoolId: string, type: RequestPart['type'], draft = false): RequestPart => ({
      type,
      swvId,
      schoolId,
      student: null,
      decidedBy: 'committee',
      draft,
    });
    const readable = schools
      .map((s) => s.id)
      .filter((id) => can(ctx.actor, 'read', asSchoolPart(id, 'request')).allowed);
    const draftsOf = readable.filter(
      (id) => can(ctx.actor, 'read', asSchoolPart(id, 'request', true)).allowed,
    );
    const today = amsterdamToday(ctx.now);
    const none = sql`false`;
    const where = and(
      eq(supportRequest.swvId, swvId),
      readable.length ? inArray(supportRequest.schoolId, readable) : none,
      draftsOf.length
        ? sql`(${supportRequest.state} <> 'draft' or ${inArray(supportRequest.schoolId, draftsOf)})`
        : ne(supportRequest.state, 'draft'),
      stateFilter(query.state),
      query.typeId ? eq(supportRequest.typeId, query.typeId) : undefined,
      query.schoolId ? eq(supportRequest.schoolId, query.schoolId) : undefined,
      query.mine ? eq(supportRequest.assignedToUserId, ctx.actor.userId) : undefined,
      query.overdue
        ? and(
            isNull(supportRequest.decidedOn),
            ne(supportRequest.state, 'withdrawn'),
            sql`${supportRequest.deadlineOn} < ${today}`,
          )
        : undefined,
    )!;
    const { total, rows } = await requestRows(tx, ctx, where, settings.calendar, query);
    const createTeamAt = schools.filter(
      (s) => can(ctx.actor, 'create', asSchoolPart(s.id, 'request', true)).allowed,
    );
    return { total, requests: rows, permissions: { create: false, createTeamAt } };
  });
}

export async function listChildRequests(ctx: Context, studentId: string) {
  return runUseCase(ctx, {
    authorize: (tx) =>
      authorizeChild(tx, ctx, {
        action: 'read',
        studentId,
        logAction: 'read',
        objectType: 'request',
        resource: (student) => childPart(student, 'request', false),
      }),
    work: async (tx, student) => {
      const settings = await workingCalendarOf(tx, student.swvId);
      const mayWrite = can(ctx.actor, 'create', childPart(student, 'request', true)).allowed;
      const mayReadDrafts = can(ctx.actor, 'read', childPart(student, 'request', true)).allowed;
      const where = and(
        eq(supportRequest.swvId, student.swvId),
        eq(supportRequest.studentId, studentId),
        mayReadDrafts ? undefined : ne(supportRequest.state, 'draft'),
      )!;
      const { total, rows } = await requestRows(tx, ctx, where, settings.calendar, { limit: 200, offset: 0 });
      return { total, requests: rows, permissions: { create: mayWrite, createTeamAt: [] } };
    },
  });
}

/** A part of a child's request before one is loaded: a new one (a draft) or the child's list. */
const childPart = (student: StudentFacts, type: RequestPart['type'], draft: boolean): RequestPart => ({
  type,
  swvId: student.swvId,
  schoolId: student.schoolId,
  student,
  decidedBy: 'committee',
  draft,
});

// --- a new request -----------------------------------------------------------------------------

/** The next readable number of the SWV's requests in a calendar year: 2026-0001, 2026-0002, … */
async function nextNumber(tx: Tx, swvId: string, today: string): Promise<string> {
  const year = today.slice(0, 4);
  const [row] = await tx
    .select({ last: sql<number | null>`max(split_part(${supportRequest.number}, '-', 2)::int)` })
    .from(supportRequest)
    .where(and(eq(supportRequest.swvId, swvId), sql`${supportRequest.number} ~ ${`^${year}-[0-9]{1,9}$`}`));
  return `${year}-${String((row?.last ?? 0) + 1).padStart(4, '0')}`;
}

async function typeFor(tx: Tx, swvId: string, typeId: string, subject: 'child' | 'team') {
  const [type] = await tx
    .select()
    .from(requestType)
    .where(and(eq(requestType.swvId, swvId), eq(requestType.id, typeId)));
  if (!type?.active || type.subject !== subject) {
    throw new AppError('validation_failed', `Choose an active request type for a ${subject}`, {
      fields: { typeId: 'unknown' },
    });
  }
  return type;
}

async function insertRequest(
  tx: Tx,
  ctx: Context,
  values: Omit<typeof supportRequest.$inferInsert, 'id' | 'number' | 'requestedByUserId'>,
): Promise<string> {
  const id = uuidv7();
  const today = amsterdamToday(ctx.now);
  const [created] = await tx
    .insert(supportRequest)
    .values({
      ...values,
      id,
      number: await nextNumber(tx, values.swvId, today),
      requestedByUserId: ctx.actor.userId,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    })
    .returning();
  await addEvent(tx, ctx, created!, 'create');
  return id;
}

/**
 * A child's request starts as a draft filled from the child's active plan (what the child needs,
 * and what the school does already), so nothing is typed twice. An extension names the granted
 * arrangement of the same child that it extends.
 */
export async function createChildRequest(
  ctx: Context,
  studentId: string,
  input: z.infer<typeof CreateRequestBody>,
) {
  return runUseCase(ctx, {
    authorize: (tx) =>
      authorizeChild(tx, ctx, {
        action: 'create',
        studentId,
        logAction: 'create',
        objectType: 'request',
        resource: (student) => childPart(student, 'request', true),
      }),
    work: async (tx, student) => {
      const type = await typeFor(tx, student.swvId, input.typeId, 'child');
      if (input.extendsRequestId) {
        const [extended] = await tx
          .select({ outcome: supportRequest.outcome })
          .from(supportRequest)
          .where(
            and(
              eq(supportRequest.swvId, student.swvId),
              eq(supportRequest.id, input.extendsRequestId),
              eq(supportRequest.studentId, studentId),
            ),
          );
        if (!extended || extended.outcome === null || extended.outcome === 'rejected') {
          throw new AppError('validation_failed', 'An extension names a granted request of the same child', {
            fields: { extendsRequestId: 'unknown' },
          });
        }
      }
      const [active] = await tx
        .select({ needs: plan.needs, programmeDeviations: plan.programmeDeviations })
        .from(plan)
        .where(and(eq(plan.swvId, student.swvId), eq(plan.studentId, studentId), eq(plan.status, 'active')));
      const id = await insertRequest(tx, ctx, {
        swvId: student.swvId,
        typeId: type.id,
        schoolId: student.schoolId,
        studentId,
        question: active?.needs ?? '',
        triedSoFar: active?.programmeDeviations ?? '',
        extendsRequestId: input.extendsRequestId,
      });
      return viewOf(tx, ctx, id);
    },
  });
}

/** A team's request (e.g. training): the school asks for its team, no child involved. */
export async function createTeamRequest(
  ctx: Context,
  schoolId: string,
  input: z.infer<typeof CreateRequestBody>,
) {
  return runUseCase(ctx, {
    authorize: async (tx) => {
      const found = await schoolOf(tx, schoolId);
      const part: RequestPart = {
        type: 'request',
        swvId: found.swvId,
        schoolId,
        student: null,
        decidedBy: 'committee',
        draft: true,
      };
      await authorizeLogged(tx, ctx, {
        action: 'create',
        resource: part,
        log: { swvId: found.swvId, studentId: null, action: 'create', objectType: 'request', objectId: null },
      });
      return found;
    },
    work: async (tx, found) => {
      if (input.extendsRequestId) {
        throw new AppError('validation_failed', 'A team request extends nothing', {
          fields: { extendsRequestId: 'not allowed' },
        });
      }
      const type = await typeFor(tx, found.swvId, input.typeId, 'team');
      const id = await insertRequest(tx, ctx, {
        swvId: found.swvId,
        typeId: type.id,
        schoolId,
        studentId: null,
      });
      return viewOf(tx, ctx, id);
    },
  });
}

// --- one request -------------------------------------------------------------------------------

export async function getRequest(ctx: Context, requestId: string) {
  return runUseCase(ctx, {
    authorize: (tx) =>
      authorizeRequest(tx, ctx, requestId, {
        action: 'read',
        parts: ['request'],
        logAction: 'read',
        part: null,
      }),
    work: (tx) => viewOf(tx, ctx, requestId),
  });
}

export async function updateRequest(
  ctx: Context,
  requestId: string,
  input: z.infer<typeof UpdateRequestBody>,
) {
  const { revision, ...fields } = input;
  return runUseCase(ctx, {
    authorize: (tx) =>
      authorizeRequest(tx, ctx, requestId, {
        action: 'update',
        parts: ['request'],
        logAction: 'update',
        part: 'content',
      }),
    work: async (tx, { request, type }) => {
      if (!schoolMayEdit(request.state)) {
        return refuse(
          'request_not_editable',
          'The school changes its request only as a draft or when sent back',
          {
            state: request.state,
          },
        );
      }
      if (fields.category !== undefined && fields.category !== null && !type.hasCategory) {
        throw new AppError('validation_failed', 'This type has no category', {
          fields: { category: 'not allowed' },
        });
      }
      await change(tx, ctx, request, revision, fields);
      return viewOf(tx, ctx, requestId);
    },
  });
}

export async function takeStep(ctx: Context, requestId: string, input: z.infer<typeof StepBody>) {
  return runUseCase(ctx, {
    authorize: (tx) =>
      authorizeRequest(tx, ctx, requestId, {
        action: 'update',
        parts: stepParts[input.step],
        logAction: 'update',
        part: input.step,
      }),
    work: async (tx, loaded) => {
      const { request, type, settings } = loaded;
      const status: RequestStatus = { state: request.state, outcome: request.outcome };
      const missing =
        input.step === 'accept_complete' ? await missingOf(tx, ctx, request, type.required) : [];
      const refusal = stepRefusal(status, { step: input.step }, missing);
      if (refusal) return refusal;
      const next = nextStatus(status, { step: input.step }) as RequestStatus;
      const today = amsterdamToday(ctx.now);
      const set: Partial<typeof supportRequest.$inferInsert> = { state: next.state };
      if (input.step === 'accept_complete') {
        // docs/domain.md, "The two-week clock": it starts on the day the request is complete.
        set.completeOn = today;
        set.deadlineOn = addWorkingDays(today, effectiveDeadlineDays(type, settings), settings.calendar);
      }
      if (input.step === 'evaluate') {
        set.evaluationOutcome = input.evaluationOutcome!;
        set.evaluationNote = input.note;
      }
      await change(tx, ctx, request, input.revision, set);
      await addEvent(tx, ctx, request, input.step, { reasonCode: input.reasonCode, note: input.note });
      if (input.step === 'evaluate') {
        // docs/domain.md, "Satisfaction": the arrangement has ended; the parents are asked.
        await inviteToSurvey(tx, ctx.now, { swvId: request.swvId, requestId, occasion: 'arrangement_ended' });
      }
      const notice = stepNotices[input.step];
      if (notice) await noticeOfStep(tx, ctx, request, notice);
      return viewOf(tx, ctx, requestId);
    },
  });
}

/** What granted decisions commit of the budget of a school year, by the year their period starts in. */
async function committedCents(tx: Tx, swvId: string, schoolYear: string, except?: string): Promise<number> {
  const { from, to } = schoolYearBounds(schoolYear);
  const [row] = await tx
    .select({ total: sql<string>`coalesce(sum(${supportRequest.budgetCents}), 0)` })
    .from(supportRequest)
    .where(
      and(
        eq(supportRequest.swvId, swvId),
        inArray(supportRequest.outcome, ['granted', 'partly_granted']),
        sql`${supportRequest.periodFrom} between ${from} and ${to}`,
        except ? ne(supportRequest.id, except) : undefined,
      ),
    );
  return Number(row?.total ?? 0);
}

async function budgetOf(tx: Tx, swvId: string, schoolYear: string): Promise<number | null> {
  const [row] = await tx
    .select({ amount: arrangementBudget.amountCents })
    .from(arrangementBudget)
    .where(and(eq(arrangementBudget.swvId, swvId), eq(arrangementBudget.schoolYear, schoolYear)));
  return row?.amount ?? null;
}

export async function decide(ctx: Context, requestId: string, input: z.infer<typeof DecisionBody>) {
  return runUseCase(ctx, {
    authorize: (tx) =>
      authorizeRequest(tx, ctx, requestId, {
        action: 'create',
        parts: ['request_decision'],
        logAction: 'update',
        part: 'decision',
      }),
    work: async (tx, { request, type }) => {
      const status: RequestStatus = { state: request.state, outcome: request.outcome };
      const next = nextStatus(status, { step: 'decide', outcome: input.outcome });
      if ('rule' in next) return next;
      const today = amsterdamToday(ctx.now);
      const schoolYear = schoolYearOf(input.periodFrom ?? today);
      const budget = await budgetOf(tx, request.swvId, schoolYear);
      const refusal = decisionRefusal({
        outcome: input.outcome,
        isTlv: type.isTlv,
        wholeSchoolCareer: input.wholeSchoolCareer,
        hasCategory: type.hasCategory,
        category: input.category ?? request.category,
        budgetCents: input.budgetCents,
        budgetLeftCents:
          budget === null ? null : budget - (await committedCents(tx, request.swvId, schoolYear)),
        overBudgetConfirmed: input.overBudgetConfirmed,
      });
      if (refusal) return refusal;
      const granted = input.outcome !== 'rejected';
      await change(tx, ctx, request, input.revision, {
        state: next.state,
        outcome: input.outcome,
        decidedOn: today,
        decidedByUserId: ctx.actor.userId,
        decisionReasons: input.reasons,
        category: granted && type.hasCategory ? (input.category ?? request.category) : request.category,
        periodFrom: granted ? input.periodFrom : null,
        periodUntil: granted ? input.periodUntil : null,
        budgetCents: granted ? input.budgetCents : null,
        hoursGranted: granted && input.hoursGranted !== null ? String(input.hoursGranted) : null,
        provider: granted ? input.provider : '',
      });
      if (granted && input.supportLevel !== null && request.studentId) {
        // Through the child's file's own command: a history row, and the level-4 rule.
        const level = await recordSupportLevel(tx, ctx, request.swvId, request.studentId, {
          level: input.supportLevel,
          reason: `Besluit op aanvraag ${request.number}: ${input.reasons}`,
          effectiveOn: input.periodFrom ?? today,
        });
        if (isRefusal(level)) return level;
      }
      await addEvent(tx, ctx, request, 'decide');
      await inviteToSurvey(tx, ctx.now, { swvId: request.swvId, requestId, occasion: 'request_decided' });
      await noticeOfStep(tx, ctx, request, 'request_decided');
      return viewOf(tx, ctx, requestId);
    },
  });
}

export async function addAdvice(ctx: Context, requestId: string, input: z.infer<typeof AdviceBody>) {
  return runUseCase(ctx, {
    authorize: (tx) =>
      authorizeRequest(tx, ctx, requestId, {
        action: 'create',
        parts: ['request_advice'],
        logAction: 'create',
        part: 'advice',
      }),
    work: async (tx, { request }) => {
      if (!adviceOpen(request.state)) {
        return refuse('advice_closed', 'Advice is given between submission and decision', {
          state: request.state,
        });
      }
      await change(tx, ctx, request, null, {});
      await tx.insert(requestAdvice).values({
        swvId: request.swvId,
        id: uuidv7(),
        requestId,
        adviserUserId: ctx.actor.userId,
        expertise: input.expertise,
        advice: input.advice,
        at: ctx.now,
      });
      return viewOf(tx, ctx, requestId);
    },
  });
}

export async function giveParentsView(
  ctx: Context,
  requestId: string,
  input: z.infer<typeof ParentsViewBody>,
) {
  return runUseCase(ctx, {
    authorize: (tx) =>
      authorizeRequest(tx, ctx, requestId, {
        action: 'create',
        parts: ['request_parents_view'],
        logAction: 'create',
        part: 'parents_view',
      }),
    work: async (tx, { request }) => {
      if (!parentsViewOpen(request.state)) {
        return refuse('parents_view_closed', 'The parents give their view until the decision', {
          state: request.state,
        });
      }
      await change(tx, ctx, request, null, { parentsView: input.view });
      return viewOf(tx, ctx, requestId);
    },
  });
}

export async function recordDelivery(ctx: Context, requestId: string, input: z.infer<typeof DeliveryBody>) {
  return runUseCase(ctx, {
    authorize: (tx) =>
      authorizeRequest(tx, ctx, requestId, {
        action: 'create',
        parts: ['request_delivery'],
        logAction: 'create',
        part: 'delivery',
      }),
    work: async (tx, { request }) => {
      if (!deliveryOpen(request.state)) {
        return refuse('delivery_closed', 'Delivery is logged while a granted arrangement runs', {
          state: request.state,
        });
      }
      if (input.deliveredOn > amsterdamToday(ctx.now)) {
        throw new AppError('validation_failed', 'Delivery is logged when it happened', {
          fields: { deliveredOn: 'in the future' },
        });
      }
      await change(tx, ctx, request, null, {});
      await tx.insert(requestDelivery).values({
        swvId: request.swvId,
        id: uuidv7(),
        requestId,
        deliveredOn: input.deliveredOn,
        hours: String(input.hours),
        deliveredBy: input.deliveredBy,
        progress: input.progress,
        recordedByUserId: ctx.actor.userId,
        at: ctx.now,
      });
      return viewOf(tx, ctx, requestId);
    },
  });
}

export async function assign(ctx: Context, requestId: string, input: z.infer<typeof AssignBody>) {
  return runUseCase(ctx, {
    authorize: (tx) =>
      authorizeRequest(tx, ctx, requestId, {
        action: 'update',
        parts: ['request_handling'],
        logAction: 'update',
        part: 'assignee',
      }),
    work: async (tx, { request }) => {
      if (['closed', 'withdrawn'].includes(request.state)) {
        return refuse('request_finished', 'A closed or withdrawn request is assigned to no one', {
          state: request.state,
        });
      }
      if (input.userId !== null) {
        const people = await assignablePeople(tx, request.swvId);
        if (!people.some((person) => person.id === input.userId)) {
          throw new AppError('validation_failed', 'Assign a consultant or committee member of the SWV', {
            fields: { userId: 'unknown' },
          });
        }
      }
      await change(tx, ctx, request, null, { assignedToUserId: input.userId });
      await addEvent(tx, ctx, request, 'assign');
      return viewOf(tx, ctx, requestId);
    },
  });
}

/** The decision as a PDF for the school and the parents; logged as a print. Only once decided. */
export async function printDecision(ctx: Context, requestId: string) {
  const { view, about } = await runUseCase(ctx, {
    authorize: (tx) =>
      authorizeRequest(tx, ctx, requestId, {
        action: 'read',
        parts: ['request'],
        logAction: 'print',
        part: 'decision',
      }),
    work: async (tx, { request }) => {
      if (request.decidedOn === null) {
        return refuse('not_decided', 'There is no decision to print yet', { state: request.state });
      }
      const [found] = await tx
        .select({ swvName: swv.name, birthDate: student.birthDate })
        .from(swv)
        .leftJoin(student, and(eq(student.swvId, swv.id), eq(student.id, sql`${request.studentId}::uuid`)))
        .where(eq(swv.id, request.swvId));
      return { view: await viewOf(tx, ctx, requestId), about: found! };
    },
  });
  return {
    fileName: `Besluit-${view.number}.pdf`,
    pdf: await renderDecisionPdf(view, { ...about, printedOn: amsterdamToday(ctx.now) }),
  };
}

// --- the budget --------------------------------------------------------------------------------

async function budgetView(tx: Tx, swvId: string, schoolYear: string) {
  const { from, to } = schoolYearBounds(schoolYear);
  const perSchool = await tx
    .select({
      id: school.id,
      name: school.name,
      committedCents: sql<string>`sum(${supportRequest.budgetCents})`,
      requests: sql<number>`count(*)::int`,
    })
    .from(supportRequest)
    .innerJoin(school, and(eq(school.swvId, supportRequest.swvId), eq(school.id, supportRequest.schoolId)))
    .where(
      and(
        eq(supportRequest.swvId, swvId),
        inArray(supportRequest.outcome, ['granted', 'partly_granted']),
        isNotNull(supportRequest.budgetCents),
        sql`${supportRequest.periodFrom} between ${from} and ${to}`,
      ),
    )
    .groupBy(school.id, school.name)
    .orderBy(school.name);
  const schools = perSchool.map((row) => ({ ...row, committedCents: Number(row.committedCents) }));
  return {
    schoolYear,
    amountCents: await budgetOf(tx, swvId, schoolYear),
    committedCents: schools.reduce((sum, row) => sum + row.committedCents, 0),
    schools,
  };
}

export async function getBudget(ctx: Context, query: z.infer<typeof BudgetQuery>) {
  const swvId = ownSwv(ctx);
  const schoolYear = query.schoolYear ?? schoolYearOf(amsterdamToday(ctx.now));
  authorize(ctx, 'read', { type: 'request_budget', swvId });
  return ctx.database.db.transaction((tx) => budgetView(tx, swvId, schoolYear));
}

export async function setBudget(ctx: Context, input: z.infer<typeof BudgetBody>) {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'manage', { type: 'request_budget', swvId });
  return ctx.database.db.transaction(async (tx) => {
    await tx
      .insert(arrangementBudget)
      .values({ swvId, schoolYear: input.schoolYear, amountCents: input.amountCents })
      .onConflictDoUpdate({
        target: [arrangementBudget.swvId, arrangementBudget.schoolYear],
        set: { amountCents: input.amountCents },
      });
    await appendAdminEvent(tx, {
      swvId,
      actorUserId: ctx.actor.userId,
      kind: 'request_budget_changed',
      details: { schoolYear: input.schoolYear },
      at: ctx.now,
    });
    return budgetView(tx, swvId, input.schoolYear);
  });
}
