// Objections against a decision, disputes at the national disputes committee, complaints, and the
// signals of the SWV's parent and youth support point (docs/domain.md, "Objections, disputes,
// complaints"). The board reports on them; the parents file objections and complaints themselves.
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  complaintStates,
  disputeOutcomes,
  disputeSubjects,
  objectionFilers,
  objectionOutcomes,
  objectionStates,
  objectionSteps,
  supportSignalKinds,
  supportSignalOutcomes,
} from '../../../domain/objections.ts';
import { appUser } from './accounts.ts';
import { school } from './organisations.ts';
import { supportRequest } from './requests.ts';
import { student } from './students.ts';

export const objection = pgTable(
  'objection',
  {
    swvId: uuid('swv_id').notNull(),
    id: uuid('id').primaryKey(),
    /** The decided request the objection is against. */
    requestId: uuid('request_id').notNull(),
    filedBy: text('filed_by', { enum: objectionFilers }).notNull(),
    /** The parent or school user who filed it in Passend; null when it came on paper. */
    filedByUserId: uuid('filed_by_user_id'),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    /** Required when received more than 6 weeks after the decision. */
    lateReason: text('late_reason').notNull().default(''),
    grounds: text('grounds').notNull(),
    state: text('state', { enum: objectionStates }).notNull().default('received'),
    revision: integer('revision').notNull().default(1),
    /** A TLV: the day the advice of the national objection committee (LBT) is due. */
    adviceDueOn: date('advice_due_on', { mode: 'string' }),
    adviceRequestedOn: date('advice_requested_on', { mode: 'string' }),
    adviceReceivedOn: date('advice_received_on', { mode: 'string' }),
    adviceSummary: text('advice_summary').notNull().default(''),
    hearingOn: date('hearing_on', { mode: 'string' }),
    decidedOn: date('decided_on', { mode: 'string' }),
    outcome: text('outcome', { enum: objectionOutcomes }),
    decisionReasons: text('decision_reasons').notNull().default(''),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique().on(t.swvId, t.id),
    index().on(t.swvId, t.requestId),
    index().on(t.swvId, t.state),
    foreignKey({
      columns: [t.swvId, t.requestId],
      foreignColumns: [supportRequest.swvId, supportRequest.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.swvId, t.filedByUserId], foreignColumns: [appUser.swvId, appUser.id] }),
    check('objection_outcome', sql`(${t.outcome} is null) = (${t.decidedOn} is null)`),
  ],
);

/** The objection's timeline: one row per step, never changed (the database refuses an UPDATE). */
export const objectionEvent = pgTable(
  'objection_event',
  {
    swvId: uuid('swv_id').notNull(),
    id: uuid('id').primaryKey(),
    objectionId: uuid('objection_id').notNull(),
    step: text('step', { enum: objectionSteps }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    on: date('on', { mode: 'string' }).notNull(),
    byUserId: uuid('by_user_id').notNull(),
    note: text('note').notNull().default(''),
  },
  (t) => [
    index().on(t.swvId, t.objectionId, t.at),
    foreignKey({
      columns: [t.swvId, t.objectionId],
      foreignColumns: [objection.swvId, objection.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.swvId, t.byUserId], foreignColumns: [appUser.swvId, appUser.id] }),
  ],
);

/** A dispute at the national disputes committee: filed within 6 weeks, a ruling within 10. */
export const dispute = pgTable(
  'dispute',
  {
    swvId: uuid('swv_id').notNull(),
    id: uuid('id').primaryKey(),
    subject: text('subject', { enum: disputeSubjects }).notNull(),
    studentId: uuid('student_id'),
    schoolId: uuid('school_id'),
    filedOn: date('filed_on', { mode: 'string' }).notNull(),
    rulingDueOn: date('ruling_due_on', { mode: 'string' }).notNull(),
    ruledOn: date('ruled_on', { mode: 'string' }),
    outcome: text('outcome', { enum: disputeOutcomes }),
    summary: text('summary').notNull().default(''),
    registeredByUserId: uuid('registered_by_user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique().on(t.swvId, t.id),
    index().on(t.swvId, t.filedOn),
    foreignKey({ columns: [t.swvId, t.studentId], foreignColumns: [student.swvId, student.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.swvId, t.schoolId], foreignColumns: [school.swvId, school.id] }),
    foreignKey({ columns: [t.swvId, t.registeredByUserId], foreignColumns: [appUser.swvId, appUser.id] }),
    check('dispute_outcome', sql`(${t.outcome} is null) = (${t.ruledOn} is null)`),
  ],
);

export const complaint = pgTable(
  'complaint',
  {
    swvId: uuid('swv_id').notNull(),
    id: uuid('id').primaryKey(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    /** The parent who filed it in the portal; null when staff registered it. */
    filedByUserId: uuid('filed_by_user_id'),
    studentId: uuid('student_id'),
    schoolId: uuid('school_id'),
    about: text('about').notNull(),
    description: text('description').notNull(),
    state: text('state', { enum: complaintStates }).notNull().default('received'),
    handledByUserId: uuid('handled_by_user_id'),
    outcome: text('outcome').notNull().default(''),
    closedOn: date('closed_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique().on(t.swvId, t.id),
    index().on(t.swvId, t.receivedOn),
    foreignKey({ columns: [t.swvId, t.filedByUserId], foreignColumns: [appUser.swvId, appUser.id] }),
    foreignKey({ columns: [t.swvId, t.handledByUserId], foreignColumns: [appUser.swvId, appUser.id] }),
    foreignKey({ columns: [t.swvId, t.studentId], foreignColumns: [student.swvId, student.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.swvId, t.schoolId], foreignColumns: [school.swvId, school.id] }),
    check('complaint_closed', sql`(${t.state} = 'closed') = (${t.closedOn} is not null)`),
  ],
);

/** A signal of the parent and youth support point: a question, advice or mediation. No names. */
export const supportSignal = pgTable(
  'support_signal',
  {
    swvId: uuid('swv_id').notNull(),
    id: uuid('id').primaryKey(),
    receivedOn: date('received_on', { mode: 'string' }).notNull(),
    kind: text('kind', { enum: supportSignalKinds }).notNull(),
    schoolId: uuid('school_id'),
    summary: text('summary').notNull(),
    outcome: text('outcome', { enum: supportSignalOutcomes }).notNull().default('open'),
    closedOn: date('closed_on', { mode: 'string' }),
    registeredByUserId: uuid('registered_by_user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique().on(t.swvId, t.id),
    index().on(t.swvId, t.receivedOn),
    foreignKey({ columns: [t.swvId, t.schoolId], foreignColumns: [school.swvId, school.id] }),
    foreignKey({ columns: [t.swvId, t.registeredByUserId], foreignColumns: [appUser.swvId, appUser.id] }),
  ],
);
