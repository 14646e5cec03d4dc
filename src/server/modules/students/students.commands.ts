// What other modules may ask the students module to do: set a child's support level as the
// file's own route does (a history row, the level-4 rule), e.g. when a decision on a request
// changes it (docs/domain.md, "Support levels").
import { and, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { amsterdamToday } from '../../../domain/calendar.ts';
import { type ActivePlanFacts, type SupportLevel, supportLevelRefusal } from '../../../domain/childFile.ts';
import { amendmentInForce } from '../../../domain/plans.ts';
import type { Context } from '../../access/actor.ts';
import type { Tx } from '../../db/client.ts';
import { enrolment, plan, planParentResponse, student, supportLevelChange } from '../../db/schema/index.ts';
import { studentColumns } from './students.queries.ts';

/** What the level-4 rule needs of the child's active plan, or null without one. */
async function activePlanFacts(tx: Tx, swvId: string, studentId: string): Promise<ActivePlanFacts | null> {
  const [active] = await tx
    .select({ id: plan.id, hasDevelopmentPerspective: plan.hasDevelopmentPerspective })
    .from(plan)
    .where(and(eq(plan.swvId, swvId), eq(plan.studentId, studentId), eq(plan.status, 'active')));
  if (!active) return null;
  const responses = await tx
    .select({
      parentUserId: planParentResponse.parentUserId,
      parentName: planParentResponse.parentName,
      agrees: planParentResponse.agrees,
      respondedAt: planParentResponse.respondedAt,
      amendment: planParentResponse.amendment,
    })
    .from(planParentResponse)
    .where(and(eq(planParentResponse.swvId, swvId), eq(planParentResponse.planId, active.id)));
  return {
    hasDevelopmentPerspective: active.hasDevelopmentPerspective,
    // An action part the parents agreed with is in force, even while a changed one awaits them.
    parentsAgreed: amendmentInForce(responses) !== null,
  };
}

/**
 * Records the level with its reason and who set it, and sets the child's level, in the caller's
 * transaction; or answers the level-4 rule's refusal. The caller has authorized the change.
 */
export async function recordSupportLevel(
  tx: Tx,
  ctx: Context,
  swvId: string,
  studentId: string,
  input: { level: SupportLevel; reason: string; effectiveOn: string },
) {
  const refusal = supportLevelRefusal(input.level, await activePlanFacts(tx, swvId, studentId));
  if (refusal) return refusal;
  const where = and(eq(student.swvId, swvId), eq(student.id, studentId));
  // Locks the child's row, so two changes at once each name the level they replaced.
  const [before] = await tx.select({ level: student.supportLevel }).from(student).where(where).for('update');
  await tx.insert(supportLevelChange).values({
    swvId,
    id: uuidv7(),
    studentId,
    level: input.level,
    previousLevel: before!.level,
    reason: input.reason,
    effectiveOn: input.effectiveOn,
    setByUserId: ctx.actor.userId,
    setAt: ctx.now,
  });
  const [row] = await tx
    .update(student)
    .set({ supportLevel: input.level })
    .where(where)
    .returning(studentColumns);
  return row!;
}

/**
 * A new file for a child handed over from another SWV (docs/decisions/0025-transitions-between-swvs.md):
 * the child's name, birth date and support level only, at the receiving school. The caller has
 * checked the parents' consent and writes the access-log rows in both SWVs.
 */
export async function createHandedOverStudent(
  tx: Tx,
  swvId: string,
  schoolId: string,
  child: {
    givenName: string;
    familyNamePrefix: string;
    familyName: string;
    birthDate: string;
    supportLevel: number;
  },
  now: Date,
): Promise<string> {
  const id = uuidv7();
  await tx.insert(student).values({ swvId, id, schoolId, ...child, createdAt: now });
  return id;
}

/**
 * A new child at a school, enrolled from today, as `createStudent` makes one: for a child whose
 * file starts with an OSO dossier (docs/decisions/0029-oso-dossier-import.md). The caller has
 * authorized creating a child at the school and writes the access-log row.
 */
export async function createSchoolChild(
  tx: Tx,
  ctx: Context,
  swvId: string,
  schoolId: string,
  id: string,
  child: {
    givenName: string;
    familyNamePrefix: string;
    familyName: string;
    birthDate: string;
    schoolKey: string | null;
  },
): Promise<string> {
  await tx.insert(student).values({ swvId, id, schoolId, ...child, groupName: '', createdAt: ctx.now });
  await tx.insert(enrolment).values({
    swvId,
    id: uuidv7(),
    studentId: id,
    schoolId,
    groupName: '',
    startedOn: amsterdamToday(ctx.now),
  });
  return id;
}

/**
 * Deletes a child's file whole, for retention (docs/decisions/0045): the student row, and with it,
 * by the foreign keys' ON DELETE CASCADE (migrations 0000–0017), every row that names the child —
 * guardians, case team, consents, enrolments, support levels, plans with their goals, agreements
 * and responses, case meetings and their actions, documents and their encrypted chunks, OSO
 * dossiers, requests with their events, advice, deliveries, objections and survey invitations,
 * transitions, waiting entries, disputes, complaints, absence cases and reports. The access log
 * keeps its rows: it has no foreign key to the child (append-only, NEN 7513). Returns whether
 * there was a file to delete.
 */
export async function deleteChildFile(tx: Tx, swvId: string, studentId: string): Promise<boolean> {
  const deleted = await tx
    .delete(student)
    .where(and(eq(student.swvId, swvId), eq(student.id, studentId)))
    .returning({ id: student.id });
  return deleted.length > 0;
}
