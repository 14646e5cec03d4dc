// Children at home (docs/domain.md, "Children at home"): the absence case (thuiszittersdossier)
// with its offers (never rewritten), its return plan and its timeline; the school's watch before
// the 4 weeks; the escalation ladder per SWV and municipality. Leerplicht works by the child's
// residence municipality, so every case and watch holds it.
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  foreignKey,
  index,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import {
  absenceEndings,
  absenceEventKinds,
  absenceKinds,
  absenceThresholds,
  exemptionArticles,
  watchKinds,
  watchStates,
} from '../../../domain/absence.ts';
import { appUser } from './accounts.ts';
import { school, swv } from './organisations.ts';
import { student } from './students.ts';

/** Before the 4 weeks: a school's absence report or worry about an enrolled child. */
export const absenceWatch = pgTable(
  'absence_watch',
  {
    swvId: uuid('swv_id')
      .notNull()
      .references(() => swv.id),
    id: uuid('id').primaryKey(),
    studentId: uuid('student_id').notNull(),
    /** The reporting school (the child's school when reported). */
    schoolId: uuid('school_id').notNull(),
    municipality: text('municipality').notNull(),
    kind: text('kind', { enum: watchKinds }).notNull(),
    /** The first day of the absence the report is about. */
    absentSince: date('absent_since', { mode: 'string' }).notNull(),
    reportedOn: date('reported_on', { mode: 'string' }).notNull(),
    note: text('note').notNull().default(''),
    state: text('state', { enum: watchStates }).notNull().default('open'),
    /** The case it became. */
    caseId: uuid('case_id'),
    reportedByUserId: uuid('reported_by_user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique().on(t.swvId, t.id),
    index().on(t.swvId, t.state),
    foreignKey({ columns: [t.swvId, t.studentId], foreignColumns: [student.swvId, student.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.swvId, t.schoolId], foreignColumns: [school.swvId, school.id] }),
    foreignKey({ columns: [t.swvId, t.reportedByUserId], foreignColumns: [appUser.swvId, appUser.id] }),
    check('absence_watch_converted', sql`(${t.state} = 'converted') = (${t.caseId} is not null)`),
  ],
);

export const absenceCase = pgTable(
  'absence_case',
  {
    swvId: uuid('swv_id')
      .notNull()
      .references(() => swv.id),
    id: uuid('id').primaryKey(),
    /** Null for a child of school age enrolled nowhere, until a student record comes. */
    studentId: uuid('student_id'),
    /** The child's own data while there is no student record. */
    childGivenName: text('child_given_name').notNull().default(''),
    childFamilyName: text('child_family_name').notNull().default(''),
    childBirthDate: date('child_birth_date', { mode: 'string' }),
    /** The child's residence municipality: leerplicht works by it. */
    municipality: text('municipality').notNull(),
    kind: text('kind', { enum: absenceKinds }).notNull(),
    exemptionArticle: text('exemption_article', { enum: exemptionArticles }),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    reason: text('reason').notNull().default(''),
    attendanceOfficerUserId: uuid('attendance_officer_user_id'),
    consultantUserId: uuid('consultant_user_id'),
    endedOn: date('ended_on', { mode: 'string' }),
    ending: text('ending', { enum: absenceEndings }),
    endNote: text('end_note').notNull().default(''),
    createdByUserId: uuid('created_by_user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique().on(t.swvId, t.id),
    index().on(t.swvId, t.studentId),
    index().on(t.swvId, t.municipality),
    foreignKey({ columns: [t.swvId, t.studentId], foreignColumns: [student.swvId, student.id] }).onDelete(
      'cascade',
    ),
    foreignKey({
      columns: [t.swvId, t.attendanceOfficerUserId],
      foreignColumns: [appUser.swvId, appUser.id],
    }),
    foreignKey({ columns: [t.swvId, t.consultantUserId], foreignColumns: [appUser.swvId, appUser.id] }),
    foreignKey({ columns: [t.swvId, t.createdByUserId], foreignColumns: [appUser.swvId, appUser.id] }),
    check(
      'absence_case_child',
      sql`${t.studentId} is not null or (${t.childGivenName} <> '' and ${t.childBirthDate} is not null)`,
    ),
    check(
      'absence_case_exemption_article',
      sql`(${t.kind} = 'exemption') = (${t.exemptionArticle} is not null)`,
    ),
    check('absence_case_ending', sql`(${t.endedOn} is null) = (${t.ending} is null)`),
    check('absence_case_period', sql`${t.endedOn} is null or ${t.endedOn} >= ${t.startedOn}`),
  ],
);

/** The offer from a day on: hours of education and of care a week. Added to, never rewritten. */
export const absenceOffer = pgTable(
  'absence_offer',
  {
    swvId: uuid('swv_id').notNull(),
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull(),
    fromOn: date('from_on', { mode: 'string' }).notNull(),
    educationHours: smallint('education_hours').notNull(),
    careHours: smallint('care_hours').notNull(),
    description: text('description').notNull().default(''),
    recordedByUserId: uuid('recorded_by_user_id').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index().on(t.swvId, t.caseId, t.fromOn),
    foreignKey({
      columns: [t.swvId, t.caseId],
      foreignColumns: [absenceCase.swvId, absenceCase.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.swvId, t.recordedByUserId], foreignColumns: [appUser.swvId, appUser.id] }),
    check(
      'absence_offer_hours',
      sql`${t.educationHours} >= 0 and ${t.careHours} >= 0 and ${t.educationHours} + ${t.careHours} <= 40`,
    ),
  ],
);

/** A step of the return plan: what, who, by when, and when it was done. */
export const absenceStep = pgTable(
  'absence_step',
  {
    swvId: uuid('swv_id').notNull(),
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull(),
    what: text('what').notNull(),
    who: text('who').notNull(),
    dueOn: date('due_on', { mode: 'string' }).notNull(),
    doneOn: date('done_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique().on(t.swvId, t.id),
    index().on(t.swvId, t.caseId),
    foreignKey({
      columns: [t.swvId, t.caseId],
      foreignColumns: [absenceCase.swvId, absenceCase.id],
    }).onDelete('cascade'),
  ],
);

/** The case's timeline; a threshold is recorded once per case (the daily job is idempotent). */
export const absenceEvent = pgTable(
  'absence_event',
  {
    swvId: uuid('swv_id').notNull(),
    id: uuid('id').primaryKey(),
    caseId: uuid('case_id').notNull(),
    kind: text('kind', { enum: absenceEventKinds }).notNull(),
    threshold: text('threshold', { enum: absenceThresholds }),
    on: date('on', { mode: 'string' }).notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** Null: the scheduled job. */
    byUserId: uuid('by_user_id'),
    /** Escalated: the users added at the threshold. */
    userIds: uuid('user_ids').array().notNull().default(sql`'{}'::uuid[]`),
    note: text('note').notNull().default(''),
  },
  (t) => [
    index().on(t.swvId, t.caseId, t.at),
    uniqueIndex('absence_event_once')
      .on(t.swvId, t.caseId, t.kind, t.threshold)
      .where(sql`${t.threshold} is not null`),
    foreignKey({
      columns: [t.swvId, t.caseId],
      foreignColumns: [absenceCase.swvId, absenceCase.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.swvId, t.byUserId], foreignColumns: [appUser.swvId, appUser.id] }),
  ],
);

/** The escalation ladder: at a threshold, a user of the SWV is added; '' is the SWV-wide ladder. */
export const absenceLadder = pgTable(
  'absence_ladder',
  {
    swvId: uuid('swv_id')
      .notNull()
      .references(() => swv.id),
    id: uuid('id').primaryKey(),
    municipality: text('municipality').notNull().default(''),
    threshold: text('threshold', { enum: absenceThresholds }).notNull(),
    userId: uuid('user_id').notNull(),
  },
  (t) => [
    unique().on(t.swvId, t.municipality, t.threshold, t.userId),
    foreignKey({ columns: [t.swvId, t.userId], foreignColumns: [appUser.swvId, appUser.id] }).onDelete(
      'cascade',
    ),
  ],
);
