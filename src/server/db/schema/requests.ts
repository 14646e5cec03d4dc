// Requests for support and their decisions (docs/domain.md, "Requests and decisions"): the SWV's
// catalogue of request types, each request with its current state, the timeline of its steps
// (append-only, like the access log), expert advices, the delivery log of a granted arrangement,
// and the SWV's budget for arrangements per school year.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  numeric,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { decisionOutcomes, requestStates, requestSteps } from '../../../domain/requests.ts';
import {
  adviceExpertises,
  deciders,
  evaluationOutcomes,
  incompleteReasons,
  requestSubjects,
  requiredItems,
  tlvCategories,
} from '../../../domain/requestTypes.ts';
import { appUser } from './accounts.ts';
import { school, swv } from './organisations.ts';
import { student } from './students.ts';

export const requestType = pgTable(
  'request_type',
  {
    swvId: uuid('swv_id')
      .notNull()
      .references(() => swv.id),
    id: uuid('id').primaryKey(),
    /** The catalogue's code (src/domain/requestTypes.ts), or one the SWV made. */
    code: text('code').notNull(),
    name: text('name').notNull(),
    subject: text('subject', { enum: requestSubjects }).notNull(),
    required: text('required', { enum: requiredItems }).array().notNull(),
    /** Working days from complete to decision; null: the SWV's own (crisis or ordinary) period. */
    deadlineDays: integer('deadline_days'),
    crisis: boolean('crisis').notNull().default(false),
    /** A TLV for special education names its funding category. */
    hasCategory: boolean('has_category').notNull().default(false),
    /** A TLV: decided by the committee, on two expert advices. */
    isTlv: boolean('is_tlv').notNull().default(false),
    /** Who decides when the SWV lets consultants decide (never a TLV). */
    decidedBy: text('decided_by', { enum: deciders }).notNull().default('committee'),
    active: boolean('active').notNull().default(true),
    position: integer('position').notNull().default(0),
  },
  (t) => [
    unique().on(t.swvId, t.id),
    unique().on(t.swvId, t.code),
    check('request_type_deadline', sql`${t.deadlineDays} is null or ${t.deadlineDays} between 0 and 60`),
  ],
);

export const supportRequest = pgTable(
  'support_request',
  {
    swvId: uuid('swv_id').notNull(),
    id: uuid('id').primaryKey(),
    /** A short, readable number per SWV, e.g. 2026-0042, for phone calls and letters. */
    number: text('number').notNull(),
    typeId: uuid('type_id').notNull(),
    schoolId: uuid('school_id').notNull(),
    /** The child asked for; null for a team's request. */
    studentId: uuid('student_id'),
    state: text('state', { enum: requestStates }).notNull().default('draft'),
    outcome: text('outcome', { enum: decisionOutcomes }),
    /** Optimistic locking: every change raises it. */
    revision: integer('revision').notNull().default(1),
    /** What the school asks and why, taken from the plan and completed by the school. */
    question: text('question').notNull().default(''),
    /** What the school has tried already (from the plan's evaluations). */
    triedSoFar: text('tried_so_far').notNull().default(''),
    parentsView: text('parents_view').notNull().default(''),
    teamQuestion: text('team_question').notNull().default(''),
    category: text('category', { enum: tlvCategories }),
    plannedReturnOn: date('planned_return_on', { mode: 'string' }),
    /** An extension refers to the request it extends. */
    extendsRequestId: uuid('extends_request_id'),
    requestedByUserId: uuid('requested_by_user_id').notNull(),
    assignedToUserId: uuid('assigned_to_user_id'),
    /** The clock: the day it became complete and the deadline then computed. */
    completeOn: date('complete_on', { mode: 'string' }),
    deadlineOn: date('deadline_on', { mode: 'string' }),
    // The decision.
    decidedOn: date('decided_on', { mode: 'string' }),
    decidedByUserId: uuid('decided_by_user_id'),
    decisionReasons: text('decision_reasons').notNull().default(''),
    periodFrom: date('period_from', { mode: 'string' }),
    periodUntil: date('period_until', { mode: 'string' }),
    /** Granted budget in euro cents. */
    budgetCents: integer('budget_cents'),
    hoursGranted: numeric('hours_granted', { precision: 7, scale: 2 }),
    provider: text('provider').notNull().default(''),
    // The evaluation of an arrangement.
    evaluationOutcome: text('evaluation_outcome', { enum: evaluationOutcomes }),
    evaluationNote: text('evaluation_note').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique().on(t.swvId, t.id),
    unique().on(t.swvId, t.number),
    index().on(t.swvId, t.state, t.deadlineOn),
    index().on(t.swvId, t.studentId),
    index().on(t.swvId, t.schoolId),
    foreignKey({ columns: [t.swvId, t.typeId], foreignColumns: [requestType.swvId, requestType.id] }),
    foreignKey({ columns: [t.swvId, t.schoolId], foreignColumns: [school.swvId, school.id] }),
    foreignKey({ columns: [t.swvId, t.studentId], foreignColumns: [student.swvId, student.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.swvId, t.extendsRequestId], foreignColumns: [t.swvId, t.id] }),
    foreignKey({ columns: [t.swvId, t.requestedByUserId], foreignColumns: [appUser.swvId, appUser.id] }),
    foreignKey({ columns: [t.swvId, t.assignedToUserId], foreignColumns: [appUser.swvId, appUser.id] }),
    foreignKey({ columns: [t.swvId, t.decidedByUserId], foreignColumns: [appUser.swvId, appUser.id] }),
    check('support_request_outcome', sql`(${t.outcome} is null) = (${t.decidedOn} is null)`),
    check('support_request_period', sql`${t.periodUntil} is null or ${t.periodUntil} >= ${t.periodFrom}`),
  ],
);

/** The timeline: one row per step, never changed or removed (the database refuses it). */
export const requestEvent = pgTable(
  'request_event',
  {
    swvId: uuid('swv_id').notNull(),
    id: uuid('id').primaryKey(),
    requestId: uuid('request_id').notNull(),
    step: text('step', { enum: [...requestSteps, 'create', 'assign'] as const }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** The day in Amsterdam, which the clock counts from. */
    on: date('on', { mode: 'string' }).notNull(),
    byUserId: uuid('by_user_id').notNull(),
    reasonCode: text('reason_code', { enum: incompleteReasons }),
    note: text('note').notNull().default(''),
  },
  (t) => [
    index().on(t.swvId, t.requestId, t.at),
    foreignKey({
      columns: [t.swvId, t.requestId],
      foreignColumns: [supportRequest.swvId, supportRequest.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.swvId, t.byUserId], foreignColumns: [appUser.swvId, appUser.id] }),
  ],
);

export const requestAdvice = pgTable(
  'request_advice',
  {
    swvId: uuid('swv_id').notNull(),
    id: uuid('id').primaryKey(),
    requestId: uuid('request_id').notNull(),
    adviserUserId: uuid('adviser_user_id').notNull(),
    expertise: text('expertise', { enum: adviceExpertises }).notNull(),
    advice: text('advice').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index().on(t.swvId, t.requestId),
    foreignKey({
      columns: [t.swvId, t.requestId],
      foreignColumns: [supportRequest.swvId, supportRequest.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.swvId, t.adviserUserId], foreignColumns: [appUser.swvId, appUser.id] }),
  ],
);

/** What a granted arrangement delivered: hours, by whom, and how the goals go. */
export const requestDelivery = pgTable(
  'request_delivery',
  {
    swvId: uuid('swv_id').notNull(),
    id: uuid('id').primaryKey(),
    requestId: uuid('request_id').notNull(),
    deliveredOn: date('delivered_on', { mode: 'string' }).notNull(),
    hours: numeric('hours', { precision: 6, scale: 2 }).notNull(),
    deliveredBy: text('delivered_by').notNull(),
    progress: text('progress').notNull().default(''),
    recordedByUserId: uuid('recorded_by_user_id').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index().on(t.swvId, t.requestId),
    foreignKey({
      columns: [t.swvId, t.requestId],
      foreignColumns: [supportRequest.swvId, supportRequest.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.swvId, t.recordedByUserId], foreignColumns: [appUser.swvId, appUser.id] }),
    check('request_delivery_hours', sql`${t.hours} > 0`),
  ],
);

/** The SWV's budget for arrangements in a school year ("2026-2027"), in euro cents. */
export const arrangementBudget = pgTable(
  'arrangement_budget',
  {
    swvId: uuid('swv_id')
      .notNull()
      .references(() => swv.id),
    schoolYear: text('school_year').notNull(),
    amountCents: bigint('amount_cents', { mode: 'number' }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.swvId, t.schoolYear] }),
    check('arrangement_budget_year', sql`${t.schoolYear} ~ '^[0-9]{4}-[0-9]{4}$'`),
    check('arrangement_budget_amount', sql`${t.amountCents} >= 0`),
  ],
);
