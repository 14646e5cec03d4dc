// The plan's SQL: one version whole, the versions of a child, and the writes of goals and
// agreements. Always scoped by swv_id. Not responsible for who may do what: the service asks first.
import { and, asc, desc, eq, inArray, max } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { AgreementInput, GoalInput } from '../../../contracts/plans.ts';
import { amsterdamToday } from '../../../domain/calendar.ts';
import {
  type ActionPart,
  actionPartChanges,
  actionPartOf,
  amendmentAfterChange,
  amendmentInForce,
  parentAgreementWith,
} from '../../../domain/plans.ts';
import type { Queryable } from '../../db/client.ts';
import {
  appUser,
  partnerOrganisation,
  partnerSchool,
  plan,
  planAgreement,
  planGoal,
  planParentResponse,
} from '../../db/schema/index.ts';
import { AppError } from '../../http/errors.ts';

export type PlanRow = typeof plan.$inferSelect;

/** The plan version by id, in any SWV: the policy then decides (another SWV's answers 404). */
export async function findPlan(db: Queryable, planId: string): Promise<PlanRow | null> {
  const [row] = await db.select().from(plan).where(eq(plan.id, planId));
  return row ?? null;
}

export async function findActivePlan(db: Queryable, swvId: string, studentId: string) {
  const [row] = await db
    .select({ id: plan.id })
    .from(plan)
    .where(and(eq(plan.swvId, swvId), eq(plan.studentId, studentId), eq(plan.status, 'active')));
  return row ?? null;
}

export async function nextVersionOf(db: Queryable, swvId: string, studentId: string): Promise<number> {
  const [row] = await db
    .select({ last: max(plan.version) })
    .from(plan)
    .where(and(eq(plan.swvId, swvId), eq(plan.studentId, studentId)));
  return (row?.last ?? 0) + 1;
}

/**
 * The day the version's cycle began: the evaluation that opened it, or the day the first version
 * was written (in Amsterdam).
 */
export async function startedOnOf(db: Queryable, row: PlanRow): Promise<string> {
  if (row.version > 1) {
    const [previous] = await db
      .select({ evaluatedOn: plan.evaluatedOn })
      .from(plan)
      .where(
        and(eq(plan.swvId, row.swvId), eq(plan.studentId, row.studentId), eq(plan.version, row.version - 1)),
      );
    if (previous?.evaluatedOn) return previous.evaluatedOn;
  }
  return amsterdamToday(row.createdAt);
}

async function responsesOf(db: Queryable, swvId: string, planIds: readonly string[]) {
  if (planIds.length === 0) return [];
  const recorder = alias(appUser, 'recorder');
  return db
    .select({
      id: planParentResponse.id,
      planId: planParentResponse.planId,
      parentUserId: planParentResponse.parentUserId,
      parentName: planParentResponse.parentName,
      agrees: planParentResponse.agrees,
      view: planParentResponse.view,
      respondedAt: planParentResponse.respondedAt,
      proof: planParentResponse.proof,
      recordedByName: recorder.displayName,
      amendment: planParentResponse.amendment,
      actionPart: planParentResponse.actionPart,
    })
    .from(planParentResponse)
    .leftJoin(recorder, eq(recorder.id, planParentResponse.recordedByUserId))
    .where(and(eq(planParentResponse.swvId, swvId), inArray(planParentResponse.planId, [...planIds])))
    .orderBy(asc(planParentResponse.respondedAt), asc(planParentResponse.id));
}

/** Every version of the child's plan, newest first, with where each stands with the parents. */
export async function listVersions(db: Queryable, swvId: string, studentId: string) {
  const versions = await db
    .select({
      id: plan.id,
      version: plan.version,
      amendment: plan.amendment,
      status: plan.status,
      hasDevelopmentPerspective: plan.hasDevelopmentPerspective,
      evaluationDueOn: plan.evaluationDueOn,
      evaluatedOn: plan.evaluatedOn,
    })
    .from(plan)
    .where(and(eq(plan.swvId, swvId), eq(plan.studentId, studentId)))
    .orderBy(desc(plan.version));
  const responses = await responsesOf(
    db,
    swvId,
    versions.map((v) => v.id),
  );
  return versions.map((version) => ({
    ...version,
    parentAgreement: parentAgreementWith(
      responses.filter((r) => r.planId === version.id),
      version.amendment,
    ),
  }));
}

/** One version whole: its parts, goals, agreements and the parents' responses. */
export async function readPlan(db: Queryable, row: PlanRow) {
  const swvId = row.swvId;
  const evaluator = alias(appUser, 'evaluator');
  const updater = alias(appUser, 'updater');
  const [names] = await db
    .select({ evaluatedByName: evaluator.displayName, updatedByName: updater.displayName })
    .from(plan)
    .leftJoin(evaluator, eq(evaluator.id, plan.evaluatedByUserId))
    .leftJoin(updater, eq(updater.id, plan.updatedByUserId))
    .where(and(eq(plan.swvId, swvId), eq(plan.id, row.id)));
  const goals = await db
    .select({
      id: planGoal.id,
      description: planGoal.description,
      baseline: planGoal.baseline,
      target: planGoal.target,
      targetDate: planGoal.targetDate,
      progress: planGoal.progress,
    })
    .from(planGoal)
    .where(and(eq(planGoal.swvId, swvId), eq(planGoal.planId, row.id)))
    .orderBy(asc(planGoal.position));
  const agreements = await db
    .select({
      id: planAgreement.id,
      action: planAgreement.action,
      owner: planAgreement.owner,
      partnerOrganisationId: planAgreement.partnerOrganisationId,
      partnerOrganisationName: partnerOrganisation.name,
      dueOn: planAgreement.dueOn,
      done: planAgreement.done,
      note: planAgreement.note,
    })
    .from(planAgreement)
    .leftJoin(
      partnerOrganisation,
      and(
        eq(partnerOrganisation.swvId, planAgreement.swvId),
        eq(partnerOrganisation.id, planAgreement.partnerOrganisationId),
      ),
    )
    .where(and(eq(planAgreement.swvId, swvId), eq(planAgreement.planId, row.id)))
    .orderBy(asc(planAgreement.position));
  const responses = await responsesOf(db, swvId, [row.id]);
  const inForce = amendmentInForce(responses);
  // The agreed text, as the last parent who agreed with it answered it.
  const agreedPart =
    inForce && inForce.amendment !== row.amendment
      ? responses.findLast((r) => r.amendment === inForce.amendment && r.agrees)?.actionPart
      : undefined;
  const changes = agreedPart
    ? actionPartChanges(agreedPart, actionPartOf({ ...row, goals, agreements }))
    : [];
  const partners = await partnerNames(
    db,
    swvId,
    changes.flatMap((c) => (c.part === 'agreement' ? [c.before, c.after] : [])),
  );
  const named = <T extends { partnerOrganisationId: string | null }>(item: T | null) =>
    item && {
      ...item,
      partnerOrganisationName: item.partnerOrganisationId
        ? (partners.get(item.partnerOrganisationId) ?? null)
        : null,
    };
  return {
    id: row.id,
    studentId: row.studentId,
    version: row.version,
    amendment: row.amendment,
    status: row.status,
    revision: row.revision,
    strengths: row.strengths,
    stimulatingFactors: row.stimulatingFactors,
    hinderingFactors: row.hinderingFactors,
    needs: row.needs,
    teacherNeeds: row.teacherNeeds,
    hasDevelopmentPerspective: row.hasDevelopmentPerspective,
    exitDestination: row.exitDestination,
    exitGrounds: row.exitGrounds,
    programmeDeviations: row.programmeDeviations,
    pupilView: row.pupilView,
    previousPupilView: row.previousPupilView,
    goalOutcomes: row.goalOutcomes,
    startedOn: await startedOnOf(db, row),
    evaluationDueOn: row.evaluationDueOn,
    evaluatedOn: row.evaluatedOn,
    evaluation: row.evaluation,
    evaluatedWithParents: row.evaluatedWithParents,
    evaluatedByName: names?.evaluatedByName ?? null,
    updatedAt: row.updatedAt.toISOString(),
    updatedByName: names?.updatedByName ?? null,
    goals,
    agreements,
    responses: responses.map((r) => ({
      id: r.id,
      amendment: r.amendment,
      parentName: r.parentName,
      agrees: r.agrees,
      view: r.view,
      respondedAt: r.respondedAt.toISOString(),
      fromPaper: r.parentUserId === null,
      proof: r.proof,
      recordedByName: r.recordedByName,
    })),
    parentAgreement: parentAgreementWith(responses, row.amendment),
    inForce: inForce && { amendment: inForce.amendment, agreedAt: inForce.agreedAt.toISOString() },
    changesSinceAgreement: changes.map((change) =>
      change.part === 'agreement'
        ? { ...change, before: named(change.before), after: named(change.after) }
        : change,
    ),
  };
}

/** The names of the partner organisations the agreements name (one query). */
async function partnerNames(
  db: Queryable,
  swvId: string,
  items: readonly ({ partnerOrganisationId: string | null } | null)[],
): Promise<Map<string, string>> {
  const ids = [
    ...new Set(items.flatMap((item) => (item?.partnerOrganisationId ? [item.partnerOrganisationId] : []))),
  ];
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: partnerOrganisation.id, name: partnerOrganisation.name })
    .from(partnerOrganisation)
    .where(and(eq(partnerOrganisation.swvId, swvId), inArray(partnerOrganisation.id, ids)));
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** The version's action part as it stands now (src/domain/plans.ts): what a parent answers. */
export async function readActionPart(db: Queryable, row: PlanRow): Promise<ActionPart> {
  const goals = await db
    .select({
      id: planGoal.id,
      description: planGoal.description,
      baseline: planGoal.baseline,
      target: planGoal.target,
      targetDate: planGoal.targetDate,
    })
    .from(planGoal)
    .where(and(eq(planGoal.swvId, row.swvId), eq(planGoal.planId, row.id)))
    .orderBy(asc(planGoal.position));
  const agreements = await db
    .select({
      id: planAgreement.id,
      action: planAgreement.action,
      owner: planAgreement.owner,
      partnerOrganisationId: planAgreement.partnerOrganisationId,
      dueOn: planAgreement.dueOn,
    })
    .from(planAgreement)
    .where(and(eq(planAgreement.swvId, row.swvId), eq(planAgreement.planId, row.id)))
    .orderBy(asc(planAgreement.position));
  return actionPartOf({ ...row, goals, agreements });
}

/**
 * After the action part changed (the row holds the revision that changed it, and its lock): the
 * same amendment while no parent answered it, else the next, which awaits the parents.
 */
export async function markActionPartChanged(db: Queryable, row: PlanRow): Promise<PlanRow> {
  const [answer] = await db
    .select({ id: planParentResponse.id })
    .from(planParentResponse)
    .where(
      and(
        eq(planParentResponse.swvId, row.swvId),
        eq(planParentResponse.planId, row.id),
        eq(planParentResponse.amendment, row.amendment),
      ),
    )
    .limit(1);
  const [marked] = await db
    .update(plan)
    .set({
      amendment: amendmentAfterChange(row.amendment, answer !== undefined),
      actionPartRevision: row.revision,
    })
    .where(and(eq(plan.swvId, row.swvId), eq(plan.id, row.id)))
    .returning();
  return marked!;
}

export type PlanData = Awaited<ReturnType<typeof readPlan>>;

/** A 400 that names the field in the body, as the error handler does for schema failures. */
export function invalidField(path: string, message: string): AppError {
  return new AppError('validation_failed', 'The request is not valid', {
    issues: [{ path: `body.${path}`, message }],
  });
}

/** Items that name an id must name one of this version's, each once. */
function checkIds(
  items: readonly { id?: string | undefined }[],
  existing: ReadonlySet<string>,
  field: string,
) {
  const seen = new Set<string>();
  items.forEach((item, index) => {
    if (item.id === undefined) return;
    if (!existing.has(item.id) || seen.has(item.id))
      throw invalidField(`${field}.${index}.id`, 'not an item of this version');
    seen.add(item.id);
  });
}

/** Replaces the version's goals with the list: named ones changed, new ones added, the rest removed. */
export async function replaceGoals(
  db: Queryable,
  row: PlanRow,
  goals: readonly z.infer<typeof GoalInput>[],
): Promise<void> {
  const where = and(eq(planGoal.swvId, row.swvId), eq(planGoal.planId, row.id));
  const existing = new Set(
    (await db.select({ id: planGoal.id }).from(planGoal).where(where)).map((g) => g.id),
  );
  checkIds(goals, existing, 'goals');
  await db.delete(planGoal).where(where);
  if (goals.length === 0) return;
  await db.insert(planGoal).values(
    goals.map((goal, position) => ({
      swvId: row.swvId,
      planId: row.id,
      position,
      id: goal.id ?? uuidv7(),
      description: goal.description,
      baseline: goal.baseline,
      target: goal.target,
      targetDate: goal.targetDate,
      progress: goal.progress,
    })),
  );
}

/**
 * Replaces the version's agreements with the list, keeping the ids of named ones (a partner's
 * changes and a case meeting's link point at them). A meeting action whose agreement is removed
 * loses its link first.
 */
export async function replaceAgreements(
  db: Queryable,
  row: PlanRow,
  agreements: readonly z.infer<typeof AgreementInput>[],
): Promise<void> {
  const where = and(eq(planAgreement.swvId, row.swvId), eq(planAgreement.planId, row.id));
  const existing = new Set(
    (await db.select({ id: planAgreement.id }).from(planAgreement).where(where)).map((a) => a.id),
  );
  checkIds(agreements, existing, 'agreements');
  const partnerIds = [
    ...new Set(agreements.flatMap((a) => (a.partnerOrganisationId ? [a.partnerOrganisationId] : []))),
  ];
  if (partnerIds.length > 0) {
    const known = new Set(
      (
        await db
          .select({ id: partnerOrganisation.id })
          .from(partnerOrganisation)
          .where(and(eq(partnerOrganisation.swvId, row.swvId), inArray(partnerOrganisation.id, partnerIds)))
      ).map((p) => p.id),
    );
    agreements.forEach((agreement, index) => {
      if (agreement.partnerOrganisationId && !known.has(agreement.partnerOrganisationId))
        throw invalidField(`agreements.${index}.partnerOrganisationId`, 'no such partner organisation');
    });
  }
  const kept = new Set(agreements.flatMap((a) => (a.id ? [a.id] : [])));
  const removed = [...existing].filter((id) => !kept.has(id));
  // A meeting's action taken into a removed agreement is unlinked by the database (the foreign key
  // sets its plan_agreement_id to null): the meetings module's table is not written here.
  if (removed.length > 0) {
    await db.delete(planAgreement).where(and(where, inArray(planAgreement.id, removed)));
  }
  // Kept ones are rewritten in place (their ids stay referenced), new ones added.
  for (const [position, agreement] of agreements.entries()) {
    const values = {
      position,
      action: agreement.action,
      owner: agreement.owner,
      partnerOrganisationId: agreement.partnerOrganisationId,
      dueOn: agreement.dueOn,
      done: agreement.done,
      note: agreement.note,
    };
    if (agreement.id)
      await db
        .update(planAgreement)
        .set(values)
        .where(and(where, eq(planAgreement.id, agreement.id)));
    else await db.insert(planAgreement).values({ ...values, swvId: row.swvId, planId: row.id, id: uuidv7() });
  }
}

/**
 * The next version starts with the goals that go on (with their progress; see applyGoalDecisions)
 * and the agreements not yet done.
 */
export async function copyGoalsAndOpenAgreements(
  db: Queryable,
  from: PlanRow,
  to: PlanRow,
  goals: readonly (typeof planGoal.$inferSelect)[],
): Promise<void> {
  if (goals.length > 0) {
    await db
      .insert(planGoal)
      .values(goals.map((goal, position) => ({ ...goal, id: uuidv7(), planId: to.id, position })));
  }
  const open = await db
    .select()
    .from(planAgreement)
    .where(
      and(
        eq(planAgreement.swvId, from.swvId),
        eq(planAgreement.planId, from.id),
        eq(planAgreement.done, false),
      ),
    )
    .orderBy(asc(planAgreement.position));
  if (open.length > 0) {
    await db
      .insert(planAgreement)
      .values(open.map((agreement, position) => ({ ...agreement, id: uuidv7(), planId: to.id, position })));
  }
}

/** The partner organisations that work with the school, by name: who may carry out an agreement. */
export async function partnersOfSchool(db: Queryable, swvId: string, schoolId: string) {
  return db
    .select({ id: partnerOrganisation.id, name: partnerOrganisation.name })
    .from(partnerSchool)
    .innerJoin(
      partnerOrganisation,
      and(
        eq(partnerOrganisation.swvId, partnerSchool.swvId),
        eq(partnerOrganisation.id, partnerSchool.partnerOrganisationId),
      ),
    )
    .where(and(eq(partnerSchool.swvId, swvId), eq(partnerSchool.schoolId, schoolId)))
    .orderBy(asc(partnerOrganisation.name));
}
