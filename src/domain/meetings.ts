// The rules of a case meeting's record (docs/domain.md): an action taken into the child's plan stays
// as it was taken, and an action goes only into an active plan. Pure: no I/O.
import type { AgreementOwner } from './childFile.ts';
import { type Refusal, refuse } from './refusal.ts';

/** Why a change to a meeting is refused (422 `rule_violated`, details.rule). */
export const meetingRefusals = ['no_active_plan', 'action_in_plan'] as const;
export type MeetingRule = (typeof meetingRefusals)[number];

type Action = { id?: string; action: string; owner: AgreementOwner };

/**
 * The meeting's actions as they will be must keep each action taken into the plan unchanged: the
 * plan's agreement came from it.
 */
export function actionInPlanChanged(
  existing: readonly (Action & { id: string; planAgreementId: string | null })[],
  actions: readonly Action[],
): Refusal<'action_in_plan'> | null {
  for (const taken of existing.filter((a) => a.planAgreementId !== null)) {
    const kept = actions.find((a) => a.id === taken.id);
    if (!kept || kept.action !== taken.action || kept.owner !== taken.owner)
      return refuse('action_in_plan', 'An action taken into the plan cannot be changed or removed');
  }
  return null;
}

/** An action goes into the child's active plan; without one it has nowhere to go. */
export const noActivePlan = (): Refusal<'no_active_plan'> =>
  refuse('no_active_plan', 'The child has no active plan to take the action into');
