// What other modules may do to the plan, within their own use case's transaction (which authorized
// the call and logs it). Only the plans module writes the plan tables (test/layers.test.ts).
import { and, eq, max, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { AgreementOwner } from '../../../domain/childFile.ts';
import type { Context } from '../../access/actor.ts';
import type { Tx } from '../../db/client.ts';
import { plan, planAgreement } from '../../db/schema/index.ts';
import { markActionPartChanged } from './plans.queries.ts';

/**
 * A case meeting's action becomes the last agreement of the child's active plan. Raises the
 * revision, so an open editor notices, and puts the changed action part to the parents as any
 * change. Returns the new agreement's id, or null without an active plan.
 */
export async function addAgreementToActivePlan(
  tx: Tx,
  ctx: Context,
  input: { swvId: string; studentId: string; action: string; owner: AgreementOwner },
): Promise<string | null> {
  // Taking the plan's row first serialises two actions going into the same plan.
  const [active] = await tx
    .update(plan)
    .set({ revision: sql`${plan.revision} + 1`, updatedByUserId: ctx.actor.userId, updatedAt: ctx.now })
    .where(and(eq(plan.swvId, input.swvId), eq(plan.studentId, input.studentId), eq(plan.status, 'active')))
    .returning();
  if (!active) return null;
  const [last] = await tx
    .select({ position: max(planAgreement.position) })
    .from(planAgreement)
    .where(and(eq(planAgreement.swvId, input.swvId), eq(planAgreement.planId, active.id)));
  const id = uuidv7();
  await tx.insert(planAgreement).values({
    swvId: input.swvId,
    id,
    planId: active.id,
    position: (last?.position ?? 0) + 1,
    action: input.action,
    owner: input.owner,
  });
  await markActionPartChanged(tx, active);
  return id;
}
