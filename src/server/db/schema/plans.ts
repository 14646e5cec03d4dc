// The child's one plan (groeidocument / OPP), versioned per evaluation cycle: exactly one active
// version per child; an evaluation closes it and opens the next, and closed versions stay readable.
// Goals and agreements belong to one version; parents' responses are recorded per version.
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  date,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { agreementOwners } from '../../../domain/childFile.ts';
import { type ActionPart, type GoalOutcomeRecord, planStatuses } from '../../../domain/plans.ts';
import { appUser } from './accounts.ts';
import { partnerOrganisation } from './organisations.ts';
import { student } from './students.ts';

export const plan = pgTable(
  'plan',
  {
    swvId: uuid('swv_id').notNull(),
    id: uuid('id').primaryKey(),
    studentId: uuid('student_id').notNull(),
    version: integer('version').notNull(),
    status: text('status', { enum: planStatuses }).notNull().default('active'),
    /** Optimistic locking: every change raises it; a change naming an older revision is refused. */
    revision: integer('revision').notNull().default(1),
    /**
     * The action part's text within this version (src/domain/plans.ts): 0 first; a change of the
     * action part after a parent answered makes the next, which awaits the parents.
     */
    amendment: integer('amendment').notNull().default(0),
    /** The revision at which the action part last changed: an answer read before it is refused. */
    actionPartRevision: integer('action_part_revision').notNull().default(1),
    // Picture of the child.
    strengths: text('strengths').notNull().default(''),
    stimulatingFactors: text('stimulating_factors').notNull().default(''),
    hinderingFactors: text('hindering_factors').notNull().default(''),
    /** Educational needs ("heeft nodig…"). */
    needs: text('needs').notNull().default(''),
    /** Support needs of the teacher. */
    teacherNeeds: text('teacher_needs').notNull().default(''),
    // Development perspective (OPP): required by law with extra support and in SBO/(V)SO/PrO.
    hasDevelopmentPerspective: boolean('has_development_perspective').notNull().default(false),
    exitDestination: text('exit_destination').notNull().default(''),
    exitGrounds: text('exit_grounds').notNull().default(''),
    /** Deviations from the regular programme and the support given (part of the action part). */
    programmeDeviations: text('programme_deviations').notNull().default(''),
    /** The pupil's own view (hoorrecht). */
    pupilView: text('pupil_view').notNull().default(''),
    /** The pupil's view in the version before, kept in sight while the new one is heard. */
    previousPupilView: text('previous_pupil_view').notNull().default(''),
    /** What the evaluation that opened this version decided about the goals it ended or extended. */
    goalOutcomes: jsonb('goal_outcomes').$type<GoalOutcomeRecord[]>().notNull().default([]),
    evaluationDueOn: date('evaluation_due_on', { mode: 'string' }).notNull(),
    // The evaluation that closed this version.
    evaluatedOn: date('evaluated_on', { mode: 'string' }),
    evaluation: text('evaluation'),
    evaluatedWithParents: boolean('evaluated_with_parents'),
    evaluatedByUserId: uuid('evaluated_by_user_id'),
    createdByUserId: uuid('created_by_user_id').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    updatedByUserId: uuid('updated_by_user_id').notNull(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    unique().on(t.swvId, t.id),
    unique().on(t.swvId, t.studentId, t.version),
    uniqueIndex('plan_one_active').on(t.swvId, t.studentId).where(sql`${t.status} = 'active'`),
    index().on(t.swvId, t.status, t.evaluationDueOn),
    foreignKey({ columns: [t.swvId, t.studentId], foreignColumns: [student.swvId, student.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.swvId, t.createdByUserId], foreignColumns: [appUser.swvId, appUser.id] }),
    foreignKey({ columns: [t.swvId, t.updatedByUserId], foreignColumns: [appUser.swvId, appUser.id] }),
    foreignKey({ columns: [t.swvId, t.evaluatedByUserId], foreignColumns: [appUser.swvId, appUser.id] }),
    check('plan_closed_is_evaluated', sql`(${t.status} = 'closed') = (${t.evaluatedOn} is not null)`),
  ],
);

const planPart = {
  swvId: uuid('swv_id').notNull(),
  id: uuid('id').primaryKey(),
  planId: uuid('plan_id').notNull(),
  position: smallint('position').notNull(),
};

/** A SMART goal: baseline, target, target date and progress. */
export const planGoal = pgTable(
  'plan_goal',
  {
    ...planPart,
    description: text('description').notNull(),
    baseline: text('baseline').notNull().default(''),
    target: text('target').notNull().default(''),
    targetDate: date('target_date', { mode: 'string' }).notNull(),
    progress: text('progress').notNull().default(''),
  },
  (t) => [
    index().on(t.swvId, t.planId),
    foreignKey({ columns: [t.swvId, t.planId], foreignColumns: [plan.swvId, plan.id] }).onDelete('cascade'),
  ],
);

/** An agreement of the action part (handelingsdeel): what, who carries it out, by when. */
export const planAgreement = pgTable(
  'plan_agreement',
  {
    ...planPart,
    action: text('action').notNull(),
    owner: text('owner', { enum: agreementOwners }).notNull(),
    /** The named partner organisation that carries it out; its people may update it (with consent). */
    partnerOrganisationId: uuid('partner_organisation_id'),
    dueOn: date('due_on', { mode: 'string' }),
    done: boolean('done').notNull().default(false),
    note: text('note').notNull().default(''),
  },
  (t) => [
    unique().on(t.swvId, t.id),
    index().on(t.swvId, t.planId),
    foreignKey({ columns: [t.swvId, t.planId], foreignColumns: [plan.swvId, plan.id] }).onDelete('cascade'),
    foreignKey({
      columns: [t.swvId, t.partnerOrganisationId],
      foreignColumns: [partnerOrganisation.swvId, partnerOrganisation.id],
    }),
  ],
);

/**
 * A parent's agreement (instemming) with a version's action part, and their view (zienswijze).
 * Entered by the parent in the portal, or by school staff from a signed form (with proof).
 */
export const planParentResponse = pgTable(
  'plan_parent_response',
  {
    swvId: uuid('swv_id').notNull(),
    id: uuid('id').primaryKey(),
    planId: uuid('plan_id').notNull(),
    /** The parent with an account; null when recorded from paper. */
    parentUserId: uuid('parent_user_id'),
    parentName: text('parent_name').notNull(),
    agrees: boolean('agrees').notNull(),
    view: text('view').notNull().default(''),
    respondedAt: timestamp('responded_at', { withTimezone: true }).notNull(),
    recordedByUserId: uuid('recorded_by_user_id').notNull(),
    proof: text('proof'),
    /** The amendment of the version's action part this answer was given on. */
    amendment: integer('amendment').notNull().default(0),
    /** The action part exactly as the parent answered it: what an agreement agreed with. */
    actionPart: jsonb('action_part').$type<ActionPart>().notNull(),
  },
  (t) => [
    index().on(t.swvId, t.planId),
    foreignKey({ columns: [t.swvId, t.planId], foreignColumns: [plan.swvId, plan.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.swvId, t.parentUserId], foreignColumns: [appUser.swvId, appUser.id] }),
    foreignKey({ columns: [t.swvId, t.recordedByUserId], foreignColumns: [appUser.swvId, appUser.id] }),
  ],
);
