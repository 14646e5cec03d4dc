// Moves between schools (docs/domain.md, "Transitions"): one row per move in the SWV that holds it.
// A move inside the SWV is one row naming both schools. A move to a school of another SWV is two
// rows that never point at each other: the sending SWV's ('outgoing', naming the receiving school
// by its BRIN and vestiging) and, once handed over, the receiving SWV's ('incoming', on the new
// file made there). docs/decisions/0025-transitions-between-swvs.md.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  jsonb,
  pgTable,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { osoParts } from '../../../domain/osoExport.ts';
import {
  moveKinds,
  riskFlags,
  transitionDirections,
  transitionOutcomes,
} from '../../../domain/transitions.ts';
import { appUser } from './accounts.ts';
import { school } from './organisations.ts';
import { student } from './students.ts';

export const transition = pgTable(
  'transition',
  {
    swvId: uuid('swv_id').notNull(),
    id: uuid('id').primaryKey(),
    studentId: uuid('student_id').notNull(),
    direction: text('direction', { enum: transitionDirections }).notNull(),
    moveKind: text('move_kind', { enum: moveKinds }).notNull(),
    /** The sending school in this SWV; null for an incoming move (it is in another SWV). */
    fromSchoolId: uuid('from_school_id'),
    /** The receiving school in this SWV; null for an outgoing move. */
    toSchoolId: uuid('to_school_id'),
    /** The other SWV's school as it was named at the move (BRIN + vestiging, name, its SWV). */
    otherSchoolCode: text('other_school_code').notNull().default(''),
    otherSchoolName: text('other_school_name').notNull().default(''),
    otherSwvName: text('other_swv_name').notNull().default(''),
    /** The day the parents registered the child at the receiving school: the term starts. */
    registeredOn: date('registered_on', { mode: 'string' }).notNull(),
    /** The planned first day at the new school (e.g. after the summer). */
    movesOn: date('moves_on', { mode: 'string' }).notNull(),
    /** The sending school's hand-over report (overdrachtsverslag). */
    report: text('report').notNull().default(''),
    handedOverOn: date('handed_over_on', { mode: 'string' }),
    handedOverByUserId: uuid('handed_over_by_user_id'),
    /** What the parents' consent said it covers, in their words, at the hand-over. */
    consentScope: text('consent_scope').notNull().default(''),
    /** The parts of the file the parents consented to hand over, ticked at the hand-over (the OSO dossier's). */
    handedOverParts: text('handed_over_parts', { enum: osoParts })
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    /** The risk flags handed over (derived from the file at the hand-over). */
    riskFlags: text('risk_flags', { enum: riskFlags }).array().notNull().default(sql`'{}'::text[]`),
    /** The warm hand-over meeting. */
    meetingOn: date('meeting_on', { mode: 'string' }),
    meetingWith: text('meeting_with').notNull().default(''),
    extended: boolean('extended').notNull().default(false),
    /** Periods the receiving school waited for information it asked for; an open one has to null. */
    pauses: jsonb('pauses').$type<{ from: string; to: string | null }[]>().notNull().default([]),
    decidedOn: date('decided_on', { mode: 'string' }),
    outcome: text('outcome', { enum: transitionOutcomes }),
    decisionReason: text('decision_reason').notNull().default(''),
    startedOn: date('started_on', { mode: 'string' }),
    createdByUserId: uuid('created_by_user_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index().on(t.swvId, t.studentId),
    index().on(t.swvId, t.movesOn),
    foreignKey({ columns: [t.swvId, t.studentId], foreignColumns: [student.swvId, student.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.swvId, t.fromSchoolId], foreignColumns: [school.swvId, school.id] }),
    foreignKey({ columns: [t.swvId, t.toSchoolId], foreignColumns: [school.swvId, school.id] }),
    foreignKey({ columns: [t.swvId, t.handedOverByUserId], foreignColumns: [appUser.swvId, appUser.id] }),
    foreignKey({ columns: [t.swvId, t.createdByUserId], foreignColumns: [appUser.swvId, appUser.id] }),
    check(
      'transition_schools',
      sql`(${t.fromSchoolId} is null) = (${t.direction} = 'incoming') and (${t.toSchoolId} is null) = (${t.direction} = 'outgoing')`,
    ),
    check('transition_decision', sql`(${t.decidedOn} is null) = (${t.outcome} is null)`),
  ],
);
