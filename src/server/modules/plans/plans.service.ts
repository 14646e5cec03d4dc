// Use cases on the child's plan: list its versions, read one, start the first, change it (with
// optimistic locking), an agreement by its owner, evaluate (close this version, open the next),
// the parents' responses (each kept with the action part it answered), and the printable PDF. Each
// is run by runUseCase: one transaction with its one access-log row; a refusal after the policy
// allowed the call (409, 422) undoes the work but keeps the row (docs/SECURITY.md A1). The rules
// are src/domain/plans.ts; what other modules may write is plans.commands.ts.
import { and, asc, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type {
  EvaluatePlanBody,
  PlanResponseBody,
  StartPlanBody,
  UpdateAgreementBody,
  UpdatePlanBody,
} from '../../../contracts/plans.ts';
import { amsterdamToday } from '../../../domain/calendar.ts';
import {
  answersCurrentText,
  applyGoalDecisions,
  defaultEvaluationDueOn,
  evaluatedOnNotAllowed,
  evaluationDateNotAllowed,
  goalDecisionProblems,
  goalDecisionsMissing,
  isActionPartChanged,
  isAgreementOverdue,
  planNotActive,
  planPdfFileName,
  versionLabel,
} from '../../../domain/plans.ts';
import type { Role } from '../../../domain/roles.ts';
import { actingAs } from '../../access/acting.ts';
import type { Context } from '../../access/actor.ts';
import { authorizeChild } from '../../access/authorize.ts';
import { type ChildPart, can, type StudentFacts } from '../../access/policy.ts';
import { runUseCase } from '../../access/useCase.ts';
import type { Tx } from '../../db/client.ts';
import {
  appUser,
  plan,
  planAgreement,
  planGoal,
  planParentResponse,
  school,
  student,
  swv,
} from '../../db/schema/index.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { renderPlanPdf } from './plans.pdf.ts';
import {
  copyGoalsAndOpenAgreements,
  findActivePlan,
  findPlan,
  invalidField,
  listVersions,
  markActionPartChanged,
  nextVersionOf,
  type PlanData,
  type PlanRow,
  partnersOfSchool,
  readActionPart,
  readPlan,
  replaceAgreements,
  replaceGoals,
  startedOnOf,
} from './plans.queries.ts';

const staffRoles: readonly Role[] = ['school_ib', 'school_director', 'teacher', 'consultant', 'swv_admin'];

/** Looks the version up and asks the policy about it, writing the one access-log row. */
async function authorizePlan(
  tx: Tx,
  ctx: Context,
  planId: string,
  access: {
    action: 'read' | 'update' | 'create';
    logAction: 'read' | 'update' | 'create' | 'print';
    objectType?: string;
    objectId?: string;
    part?: string | null;
    resource?: (student: StudentFacts, row: PlanRow) => ChildPart;
  },
) {
  const row = await findPlan(tx, planId);
  if (!row) throw notFound();
  const facts = await authorizeChild(tx, ctx, {
    action: access.action,
    studentId: row.studentId,
    logAction: access.logAction,
    objectType: access.objectType ?? 'plan',
    objectId: access.objectId ?? planId,
    part: access.part ?? null,
    resource: (student) => access.resource?.(student, row) ?? { type: 'plan', student },
  });
  return { row, facts };
}

/** What the policy lets this actor do with the version, for the page to offer (the server checks again). */
function permissionsOf(ctx: Context, facts: StudentFacts, data: PlanData) {
  const active = data.status === 'active';
  const allows = (c: Context, action: 'update' | 'create', resource: ChildPart) =>
    active && can(c.actor, action, resource).allowed;
  return {
    edit: allows(ctx, 'update', { type: 'plan', student: facts }),
    respondAsParent: allows(actingAs(ctx, ['parent']), 'create', { type: 'plan_response', student: facts }),
    recordPaperResponse: allows(actingAs(ctx, staffRoles), 'create', {
      type: 'plan_response',
      student: facts,
    }),
    agreementIds: data.agreements
      .filter((a) =>
        allows(ctx, 'update', {
          type: 'plan_agreement',
          student: facts,
          partnerOrganisationId: a.partnerOrganisationId,
        }),
      )
      .map((a) => a.id),
  };
}

async function viewOf(tx: Tx, ctx: Context, facts: StudentFacts, row: PlanRow) {
  const data = await readPlan(tx, row);
  const permissions = permissionsOf(ctx, facts, data);
  const partnerOrganisations = permissions.edit
    ? await partnersOfSchool(tx, facts.swvId, facts.schoolId)
    : [];
  // Overdue on the server's day: a closed version's open agreements went on in the next one.
  const today = amsterdamToday(ctx.now);
  const agreements = data.agreements.map((agreement) => ({
    ...agreement,
    overdue: data.status === 'active' && isAgreementOverdue(agreement, today),
  }));
  return { ...data, agreements, partnerOrganisations, permissions };
}

/** The version as it is now, for a conflict's details: the page shows it next to the unsaved text. */
async function conflictWith(tx: Tx, ctx: Context, facts: StudentFacts, planId: string): Promise<AppError> {
  const current = (await findPlan(tx, planId))!;
  return new AppError('conflict', 'The plan was changed by someone else meanwhile', {
    current: await viewOf(tx, ctx, facts, current),
  });
}

/** Takes the next revision of an active version; null when someone else took it first. */
async function bumpRevision(
  tx: Tx,
  ctx: Context,
  row: PlanRow,
  revision: number | null,
  set: Partial<PlanRow> = {},
) {
  const [updated] = await tx
    .update(plan)
    .set({
      ...set,
      revision: sql`${plan.revision} + 1`,
      updatedAt: ctx.now,
      updatedByUserId: ctx.actor.userId,
    })
    .where(
      and(
        eq(plan.swvId, row.swvId),
        eq(plan.id, row.id),
        eq(plan.status, 'active'),
        revision === null ? undefined : eq(plan.revision, revision),
      ),
    )
    .returning();
  return updated ?? null;
}

// --- reading ---------------------------------------------------------------------------------

export async function listPlans(ctx: Context, studentId: string) {
  return runUseCase(ctx, {
    authorize: (tx) =>
      authorizeChild(tx, ctx, {
        action: 'read',
        studentId,
        logAction: 'read',
        objectType: 'plan',
        part: 'versions',
        resource: (student) => ({ type: 'plan', student }),
      }),
    work: (tx, facts) => listVersions(tx, facts.swvId, studentId),
  });
}

export async function getPlan(ctx: Context, planId: string) {
  return runUseCase(ctx, {
    authorize: (tx) => authorizePlan(tx, ctx, planId, { action: 'read', logAction: 'read' }),
    work: (tx, { row, facts }) => viewOf(tx, ctx, facts, row),
  });
}

// --- changing --------------------------------------------------------------------------------

/** Two people starting or evaluating at once: the second meets the one-active-plan index. */
const changedMeanwhile = 'The plan was changed meanwhile';

/** Starts the child's first plan; whoever may edit the child's plan may start it. */
export async function startPlan(ctx: Context, studentId: string, input: z.infer<typeof StartPlanBody>) {
  const id = uuidv7();
  return runUseCase(ctx, {
    authorize: (tx) =>
      authorizeChild(tx, ctx, {
        action: 'update',
        studentId,
        logAction: 'create',
        objectType: 'plan',
        objectId: id,
        resource: (student) => ({ type: 'plan', student }),
      }),
    work: async (tx, facts) => {
      const active = await findActivePlan(tx, facts.swvId, studentId);
      if (active) {
        throw new AppError('conflict', 'The child already has an active plan', {
          rule: 'active_plan_exists',
          planId: active.id,
        });
      }
      const today = amsterdamToday(ctx.now);
      const evaluationDueOn = input.evaluationDueOn ?? defaultEvaluationDueOn(today);
      const refusal = evaluationDateNotAllowed(today, evaluationDueOn, input.hasDevelopmentPerspective);
      if (refusal) return refusal;
      const [row] = await tx
        .insert(plan)
        .values({
          swvId: facts.swvId,
          id,
          studentId,
          version: await nextVersionOf(tx, facts.swvId, studentId),
          hasDevelopmentPerspective: input.hasDevelopmentPerspective,
          evaluationDueOn,
          createdByUserId: ctx.actor.userId,
          createdAt: ctx.now,
          updatedByUserId: ctx.actor.userId,
          updatedAt: ctx.now,
        })
        .returning();
      return viewOf(tx, ctx, facts, row!);
    },
    conflict: changedMeanwhile,
  });
}

export async function updatePlan(ctx: Context, planId: string, input: z.infer<typeof UpdatePlanBody>) {
  const { revision, goals, agreements, ...parts } = input;
  const named = Object.keys(input).filter((key) => key !== 'revision');
  return runUseCase(ctx, {
    authorize: (tx) =>
      authorizePlan(tx, ctx, planId, {
        action: 'update',
        logAction: 'update',
        part: named.sort().join(',') || null,
      }),
    work: async (tx, { row, facts }) => {
      const closed = planNotActive(row);
      if (closed) return closed;
      if (row.revision !== revision) throw await conflictWith(tx, ctx, facts, planId);
      const after = { ...row, ...parts };
      if (parts.evaluationDueOn !== undefined || parts.hasDevelopmentPerspective !== undefined) {
        const refusal = evaluationDateNotAllowed(
          await startedOnOf(tx, row),
          after.evaluationDueOn,
          after.hasDevelopmentPerspective,
        );
        if (refusal) return refusal;
      }
      const before = await readActionPart(tx, row);
      let updated = await bumpRevision(tx, ctx, row, revision, parts);
      if (!updated) throw await conflictWith(tx, ctx, facts, planId);
      if (goals) await replaceGoals(tx, updated, goals);
      if (agreements) await replaceAgreements(tx, updated, agreements);
      // A change of what the parents agree with is put to them again (WPO art. 40a).
      if (isActionPartChanged(before, await readActionPart(tx, updated)))
        updated = await markActionPartChanged(tx, updated);
      return viewOf(tx, ctx, facts, updated);
    },
  });
}

/**
 * Marks an agreement done or adds a note: what a partner may do for their own organisation's
 * agreements (with the parents' consent), and school staff for all. Raises the plan's revision,
 * so someone editing the whole list meanwhile is told instead of overwriting it.
 */
export async function updateAgreement(
  ctx: Context,
  planId: string,
  agreementId: string,
  input: z.infer<typeof UpdateAgreementBody>,
) {
  return runUseCase(ctx, {
    authorize: async (tx) => {
      const [agreement] = await tx
        .select({ partnerOrganisationId: planAgreement.partnerOrganisationId })
        .from(planAgreement)
        .where(and(eq(planAgreement.planId, planId), eq(planAgreement.id, agreementId)));
      if (!agreement) throw notFound();
      return authorizePlan(tx, ctx, planId, {
        action: 'update',
        logAction: 'update',
        objectType: 'plan_agreement',
        objectId: agreementId,
        part: Object.keys(input).sort().join(',') || null,
        resource: (student) => ({
          type: 'plan_agreement',
          student,
          partnerOrganisationId: agreement.partnerOrganisationId,
        }),
      });
    },
    work: async (tx, { row, facts }) => {
      const closed = planNotActive(row);
      if (closed) return closed;
      // No revision asked: ticking an agreement off never conflicts, but it tells concurrent editors.
      const updated = await bumpRevision(tx, ctx, row, null);
      // Evaluated meanwhile: the version is closed now.
      if (!updated) return planNotActive({ status: 'closed' })!;
      if (Object.keys(input).length > 0) {
        await tx
          .update(planAgreement)
          .set(input)
          .where(and(eq(planAgreement.swvId, row.swvId), eq(planAgreement.id, agreementId)));
      }
      return viewOf(tx, ctx, facts, updated);
    },
  });
}

/**
 * Evaluates the version: records the evaluation and each goal's progress, closes it, and opens the
 * next version with the same parts, the goals that go on and the agreements not yet done, in one
 * transaction. Each goal whose target date has come is decided on (reached, on with a new date,
 * stopped); the next version records those decisions. The pupil's view and the parents' responses
 * belong to a version: the next one starts without, showing the pupil's last view as the previous.
 */
export async function evaluatePlan(ctx: Context, planId: string, input: z.infer<typeof EvaluatePlanBody>) {
  return runUseCase(ctx, {
    authorize: (tx) =>
      authorizePlan(tx, ctx, planId, { action: 'update', logAction: 'update', part: 'evaluation' }),
    work: async (tx, { row, facts }) => {
      const closed = planNotActive(row);
      if (closed) return closed;
      if (row.revision !== input.revision) throw await conflictWith(tx, ctx, facts, planId);
      const startedOn = await startedOnOf(tx, row);
      const misdated = evaluatedOnNotAllowed(input.evaluatedOn, startedOn, amsterdamToday(ctx.now));
      if (misdated) return misdated;
      const nextDueOn = input.nextEvaluationDueOn ?? defaultEvaluationDueOn(input.evaluatedOn);
      const refusal = evaluationDateNotAllowed(
        input.evaluatedOn,
        nextDueOn,
        row.hasDevelopmentPerspective,
        'The next evaluation date is not allowed',
      );
      if (refusal) return refusal;

      const goalWhere = and(eq(planGoal.swvId, row.swvId), eq(planGoal.planId, row.id));
      const goalsBefore = await tx
        .select({ id: planGoal.id, targetDate: planGoal.targetDate })
        .from(planGoal)
        .where(goalWhere);
      const goalIds = new Set(goalsBefore.map((g) => g.id));
      for (const [index, { goalId }] of input.goalProgress.entries()) {
        if (!goalIds.has(goalId))
          throw invalidField(`goalProgress.${index}.goalId`, 'not a goal of this version');
      }
      // A goal whose date has come is decided on, not carried over silently.
      const decisions = input.goalDecisions ?? [];
      const problems = goalDecisionProblems(goalsBefore, decisions, input.evaluatedOn);
      for (const problem of problems) {
        if (problem.problem === 'new_date_not_after_evaluation')
          throw invalidField(`goalDecisions.${problem.index}.newTargetDate`, 'not after the evaluation');
        if (problem.problem !== 'missing')
          throw invalidField(`goalDecisions.${problem.index}.goalId`, 'not a goal of this version, or twice');
      }
      const undecided = goalDecisionsMissing(problems);
      if (undecided) return undecided;
      for (const { goalId, progress } of input.goalProgress) {
        await tx
          .update(planGoal)
          .set({ progress })
          .where(and(goalWhere, eq(planGoal.id, goalId)));
      }
      const closedRow = await bumpRevision(tx, ctx, row, input.revision, {
        status: 'closed',
        evaluatedOn: input.evaluatedOn,
        evaluation: input.evaluation,
        evaluatedWithParents: input.evaluatedWithParents,
        evaluatedByUserId: ctx.actor.userId,
      });
      if (!closedRow) throw await conflictWith(tx, ctx, facts, planId);

      const goals = await tx.select().from(planGoal).where(goalWhere).orderBy(asc(planGoal.position));
      const { carried, outcomes } = applyGoalDecisions(goals, decisions);
      const [next] = await tx
        .insert(plan)
        .values({
          swvId: row.swvId,
          id: uuidv7(),
          studentId: row.studentId,
          version: row.version + 1,
          strengths: row.strengths,
          stimulatingFactors: row.stimulatingFactors,
          hinderingFactors: row.hinderingFactors,
          needs: row.needs,
          teacherNeeds: row.teacherNeeds,
          hasDevelopmentPerspective: row.hasDevelopmentPerspective,
          exitDestination: row.exitDestination,
          exitGrounds: row.exitGrounds,
          programmeDeviations: row.programmeDeviations,
          // The pupil is heard again for the new version, with what they said last time in sight.
          previousPupilView: row.pupilView,
          goalOutcomes: outcomes,
          evaluationDueOn: nextDueOn,
          createdByUserId: ctx.actor.userId,
          createdAt: ctx.now,
          updatedByUserId: ctx.actor.userId,
          updatedAt: ctx.now,
        })
        .returning();
      await copyGoalsAndOpenAgreements(tx, row, next!, carried);
      return viewOf(tx, ctx, facts, next!);
    },
    conflict: changedMeanwhile,
  });
}

/**
 * A parent agrees with the version's action part or not, with their view; or school staff record
 * a parent's response from a signed form. Recorded per version, with when and by whom.
 */
export async function respondToPlan(ctx: Context, planId: string, input: z.infer<typeof PlanResponseBody>) {
  const id = uuidv7();
  const fromPaper = 'parentName' in input;
  // The parent answers for themselves; staff only record a form. Neither may do the other's part.
  const actor = fromPaper ? actingAs(ctx, staffRoles) : actingAs(ctx, ['parent']);
  return runUseCase(actor, {
    authorize: (tx) =>
      authorizePlan(tx, actor, planId, {
        action: 'create',
        logAction: 'create',
        objectType: 'plan_response',
        objectId: id,
        part: fromPaper ? 'paper' : null,
        resource: (student) => ({ type: 'plan_response', student }),
      }),
    work: async (tx, { row, facts }) => {
      // The row's lock keeps the action part as read until the answer is stored with it.
      const [current] = await tx
        .select()
        .from(plan)
        .where(and(eq(plan.swvId, row.swvId), eq(plan.id, row.id)))
        .for('update');
      const closed = planNotActive(current!);
      if (closed) return closed;
      if (!answersCurrentText(input.revision, current!)) {
        throw new AppError('conflict', 'The plan was changed after it was read: read it again', {
          current: await viewOf(tx, ctx, facts, current!),
        });
      }
      const [me] = await tx
        .select({ displayName: appUser.displayName })
        .from(appUser)
        .where(eq(appUser.id, ctx.actor.userId));
      await tx.insert(planParentResponse).values({
        swvId: row.swvId,
        id,
        planId: row.id,
        parentUserId: fromPaper ? null : ctx.actor.userId,
        parentName: fromPaper ? input.parentName : (me?.displayName ?? ''),
        agrees: input.agrees,
        view: input.view,
        respondedAt: ctx.now,
        recordedByUserId: ctx.actor.userId,
        proof: fromPaper ? input.proof : null,
        amendment: current!.amendment,
        actionPart: await readActionPart(tx, current!),
      });
      return viewOf(tx, ctx, facts, current!);
    },
  });
}

// --- printing --------------------------------------------------------------------------------

/** The version as a tagged PDF for printing and for parents without an account; logged as a print. */
export async function printPlan(ctx: Context, planId: string) {
  const { data, about } = await runUseCase(ctx, {
    authorize: (tx) => authorizePlan(tx, ctx, planId, { action: 'read', logAction: 'print' }),
    work: async (tx, { row }) => {
      const [found] = await tx
        .select({
          givenName: student.givenName,
          familyNamePrefix: student.familyNamePrefix,
          familyName: student.familyName,
          birthDate: student.birthDate,
          groupName: student.groupName,
          schoolName: school.name,
          swvName: swv.name,
          sector: swv.sector,
        })
        .from(student)
        .innerJoin(school, and(eq(school.swvId, student.swvId), eq(school.id, student.schoolId)))
        .innerJoin(swv, eq(swv.id, student.swvId))
        .where(and(eq(student.swvId, row.swvId), eq(student.id, row.studentId)));
      return { data: await readPlan(tx, row), about: found! };
    },
  });
  return {
    fileName: planPdfFileName({
      ...about,
      hasDevelopmentPerspective: data.hasDevelopmentPerspective,
      versionLabel: versionLabel(data.version, data.amendment),
    }),
    pdf: await renderPlanPdf(data, { ...about, printedOn: amsterdamToday(ctx.now) }),
  };
}
