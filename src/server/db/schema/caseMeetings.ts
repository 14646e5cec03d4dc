// Case meetings (MDO / kernteamoverleg) on one child: who took part, notes, and the actions agreed,
// which can be taken into the plan as agreements.
import {
  date,
  foreignKey,
  index,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { agreementOwners, caseMeetingKinds } from '../../../domain/childFile.ts';
import { appUser } from './accounts.ts';
import { planAgreement } from './plans.ts';
import { student } from './students.ts';

export type MeetingParticipant = { name: string; role: string };

export const caseMeeting = pgTable(
  'case_meeting',
  {
    swvId: uuid('swv_id').notNull(),
    id: uuid('id').primaryKey(),
    studentId: uuid('student_id').notNull(),
    kind: text('kind', { enum: caseMeetingKinds }).notNull(),
    heldOn: date('held_on', { mode: 'string' }).notNull(),
    /** Staff, partners and parents present, by name and role (not all of them have an account). */
    participants: jsonb('participants').$type<MeetingParticipant[]>().notNull(),
    notes: text('notes').notNull().default(''),
    createdByUserId: uuid('created_by_user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique().on(t.swvId, t.id),
    index().on(t.swvId, t.studentId),
    foreignKey({ columns: [t.swvId, t.studentId], foreignColumns: [student.swvId, student.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.swvId, t.createdByUserId], foreignColumns: [appUser.swvId, appUser.id] }),
  ],
);

export const caseMeetingAction = pgTable(
  'case_meeting_action',
  {
    swvId: uuid('swv_id').notNull(),
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id').notNull(),
    position: smallint('position').notNull(),
    action: text('action').notNull(),
    owner: text('owner', { enum: agreementOwners }).notNull(),
    /**
     * Set when the action was taken into the plan as an agreement. Deleting that agreement
     * clears only this column: migration 0002 says `ON DELETE SET NULL ("plan_agreement_id")`,
     * which Drizzle cannot express (a plain SET NULL would also clear swv_id).
     */
    planAgreementId: uuid('plan_agreement_id'),
  },
  (t) => [
    unique().on(t.swvId, t.id),
    index().on(t.swvId, t.meetingId),
    foreignKey({
      columns: [t.swvId, t.meetingId],
      foreignColumns: [caseMeeting.swvId, caseMeeting.id],
    }).onDelete('cascade'),
    foreignKey({
      columns: [t.swvId, t.planAgreementId],
      foreignColumns: [planAgreement.swvId, planAgreement.id],
    }).onDelete('set null'),
  ],
);
