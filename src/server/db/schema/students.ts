// The child and the relations that give access to the child's file: guardians (parents),
// the case team (partners, consultants working on the case) and consent per purpose.
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  foreignKey,
  index,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { consentPurposes } from '../../../domain/consent.ts';
import { appUser } from './accounts.ts';
import { partnerOrganisation, school, swv } from './organisations.ts';

export const student = pgTable(
  'student',
  {
    swvId: uuid('swv_id')
      .notNull()
      .references(() => swv.id),
    id: uuid('id').primaryKey(),
    schoolId: uuid('school_id').notNull(),
    givenName: text('given_name').notNull(),
    familyNamePrefix: text('family_name_prefix').notNull().default(''),
    familyName: text('family_name').notNull(),
    birthDate: date('birth_date', { mode: 'string' }).notNull(),
    /** The school administration system's own key (EDEXML leerling/@key). */
    schoolKey: text('school_key'),
    /** The pupil's ECK iD (EDEXML 2.1 leerling/@eckid), a pseudonymous chain id; null when unknown. */
    eckId: text('eck_id'),
    groupName: text('group_name').notNull().default(''),
    /** Support level 1–4 (ondersteuningsniveau); history comes with the child's file. */
    supportLevel: smallint('support_level').notNull().default(1),
    /** The day the child left the school (a roster import without the child); the file stays. */
    leftOn: date('left_on', { mode: 'string' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique().on(t.swvId, t.id),
    index().on(t.swvId, t.schoolId, t.familyName),
    foreignKey({ columns: [t.swvId, t.schoolId], foreignColumns: [school.swvId, school.id] }),
    check('student_support_level', sql`${t.supportLevel} between 1 and 4`),
  ],
);

export const studentGuardian = pgTable(
  'student_guardian',
  {
    swvId: uuid('swv_id').notNull(),
    studentId: uuid('student_id').notNull(),
    userId: uuid('user_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.swvId, t.studentId, t.userId] }),
    index().on(t.userId),
    foreignKey({ columns: [t.swvId, t.studentId], foreignColumns: [student.swvId, student.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.swvId, t.userId], foreignColumns: [appUser.swvId, appUser.id] }).onDelete(
      'cascade',
    ),
  ],
);

/**
 * The case team: people (a partner's or consultant's account) or whole partner organisations
 * working on the child's case, with their role, the reason and a period. Ending a membership sets
 * ended_at; the row stays, so the team's history is kept. Partners need this and consent.
 */
export const caseMember = pgTable(
  'case_member',
  {
    swvId: uuid('swv_id').notNull(),
    id: uuid('id').primaryKey(),
    studentId: uuid('student_id').notNull(),
    /** A person on the team; null when an organisation is. */
    userId: uuid('user_id'),
    /** A partner organisation on the team: all its partner users; null when a person is. */
    partnerOrganisationId: uuid('partner_organisation_id'),
    /** The member's role on this case, e.g. "jeugdverpleegkundige" or "casusregisseur". */
    role: text('role').notNull(),
    reason: text('reason').notNull(),
    validFrom: date('valid_from', { mode: 'string' }).notNull(),
    /** The last day, inclusive; null until ended. */
    validUntil: date('valid_until', { mode: 'string' }),
    addedByUserId: uuid('added_by_user_id'),
    addedAt: timestamp('added_at', { withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    endedByUserId: uuid('ended_by_user_id'),
  },
  (t) => [
    index().on(t.swvId, t.studentId),
    index().on(t.userId),
    index().on(t.partnerOrganisationId),
    foreignKey({ columns: [t.swvId, t.studentId], foreignColumns: [student.swvId, student.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.swvId, t.userId], foreignColumns: [appUser.swvId, appUser.id] }).onDelete(
      'cascade',
    ),
    foreignKey({
      columns: [t.swvId, t.partnerOrganisationId],
      foreignColumns: [partnerOrganisation.swvId, partnerOrganisation.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.swvId, t.addedByUserId], foreignColumns: [appUser.swvId, appUser.id] }),
    foreignKey({ columns: [t.swvId, t.endedByUserId], foreignColumns: [appUser.swvId, appUser.id] }),
    check(
      'case_member_person_or_organisation',
      sql`(${t.userId} is null) <> (${t.partnerOrganisationId} is null)`,
    ),
    check('case_member_period', sql`${t.validUntil} is null or ${t.validUntil} >= ${t.validFrom}`),
  ],
);

export const consent = pgTable(
  'consent',
  {
    swvId: uuid('swv_id').notNull(),
    id: uuid('id').primaryKey(),
    studentId: uuid('student_id').notNull(),
    purpose: text('purpose', { enum: consentPurposes }).notNull(),
    /** For share_with_partner: which organisation. */
    partnerOrganisationId: uuid('partner_organisation_id'),
    /** The parent (or pupil of 16+) with an account who gave it; null when recorded on paper. */
    givenByUserId: uuid('given_by_user_id'),
    /** Who gave it, as written on the proof when there is no account. */
    givenByName: text('given_by_name').notNull().default(''),
    /** What is shared or asked, in the parent's words (e.g. "plan and reports, not medical"). */
    scope: text('scope').notNull().default(''),
    givenOn: date('given_on', { mode: 'string' }).notNull(),
    expiresOn: date('expires_on', { mode: 'string' }),
    /** Who entered it: the parent in the portal, or school staff with proof. */
    recordedByUserId: uuid('recorded_by_user_id'),
    /** For consent recorded by the school: what proves it (a signed form, its date). */
    proof: text('proof'),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    withdrawnByUserId: uuid('withdrawn_by_user_id'),
  },
  (t) => [
    index().on(t.swvId, t.studentId),
    foreignKey({ columns: [t.swvId, t.studentId], foreignColumns: [student.swvId, student.id] }).onDelete(
      'cascade',
    ),
    foreignKey({
      columns: [t.swvId, t.partnerOrganisationId],
      foreignColumns: [partnerOrganisation.swvId, partnerOrganisation.id],
    }),
    foreignKey({ columns: [t.swvId, t.givenByUserId], foreignColumns: [appUser.swvId, appUser.id] }),
    foreignKey({ columns: [t.swvId, t.recordedByUserId], foreignColumns: [appUser.swvId, appUser.id] }),
    foreignKey({ columns: [t.swvId, t.withdrawnByUserId], foreignColumns: [appUser.swvId, appUser.id] }),
    check('consent_giver', sql`${t.givenByUserId} is not null or ${t.givenByName} <> ''`),
    check(
      'consent_partner',
      sql`(${t.purpose} = 'share_with_partner') = (${t.partnerOrganisationId} is not null)`,
    ),
  ],
);

/** Where the child went to school: one row per school and group, from–to (docs/domain.md, "Student"). */
export const enrolment = pgTable(
  'enrolment',
  {
    swvId: uuid('swv_id').notNull(),
    id: uuid('id').primaryKey(),
    studentId: uuid('student_id').notNull(),
    schoolId: uuid('school_id').notNull(),
    groupName: text('group_name').notNull().default(''),
    startedOn: date('started_on', { mode: 'string' }).notNull(),
    /** Null while the child is enrolled there. */
    endedOn: date('ended_on', { mode: 'string' }),
  },
  (t) => [
    index().on(t.swvId, t.studentId),
    foreignKey({ columns: [t.swvId, t.studentId], foreignColumns: [student.swvId, student.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.swvId, t.schoolId], foreignColumns: [school.swvId, school.id] }),
    check('enrolment_period', sql`${t.endedOn} is null or ${t.endedOn} >= ${t.startedOn}`),
  ],
);

/** Every change of the support level, with its reason and who set it; never rewritten. */
export const supportLevelChange = pgTable(
  'support_level_change',
  {
    swvId: uuid('swv_id').notNull(),
    id: uuid('id').primaryKey(),
    studentId: uuid('student_id').notNull(),
    level: smallint('level').notNull(),
    previousLevel: smallint('previous_level'),
    reason: text('reason').notNull(),
    effectiveOn: date('effective_on', { mode: 'string' }).notNull(),
    setByUserId: uuid('set_by_user_id').notNull(),
    setAt: timestamp('set_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index().on(t.swvId, t.studentId),
    foreignKey({ columns: [t.swvId, t.studentId], foreignColumns: [student.swvId, student.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.swvId, t.setByUserId], foreignColumns: [appUser.swvId, appUser.id] }),
    check('support_level_change_level', sql`${t.level} between 1 and 4`),
  ],
);
