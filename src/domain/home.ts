// What waits for someone on their home page (docs/home.md): for a parent, the answers only they can
// give; for the school's director, where each active plan stands. Pure rules over plain facts; the
// home module loads the facts and the policy decides who may see them.
import { isCaseMembershipInForce } from './caseTeam.ts';
import { type ConsentRecord, consentStatus } from './consent.ts';
import { type ParentAgreementStatus, parentAgreementWith } from './plans.ts';

type Response = {
  parentUserId: string | null;
  parentName: string;
  agrees: boolean;
  respondedAt: Date;
  amendment: number;
};

/** The facts of one child that decide what waits for one of their parents. */
export type ParentFacts = {
  studentId: string;
  /** The active plan version, with every parent's responses to it; null without one. */
  activePlan: { id: string; version: number; amendment: number; responses: readonly Response[] } | null;
  /** The partner organisations on the case team, as an organisation or through a person of theirs. */
  caseTeam: readonly {
    partnerOrganisationId: string;
    validFrom: string;
    validUntil: string | null;
    endedAt: Date | null;
  }[];
  consents: readonly ConsentRecord[];
  /** The case meetings (MDO) on the child, any date. */
  meetings: readonly { id: string; heldOn: string }[];
};

export type ParentWaitingItem =
  | { kind: 'plan_answer'; studentId: string; planId: string; version: number; amendment: number }
  | { kind: 'consent'; studentId: string; partnerOrganisationId: string }
  | { kind: 'meeting'; studentId: string; meetingId: string; heldOn: string };

/**
 * What waits for the parent `parentUserId` on `today` (Europe/Amsterdam) at `now`, in this order:
 * - the active plan's current text, while this parent did not answer it and the parents did not
 *   already agree with it (WPO art. 40a: the parents agree with the action part; one answer of
 *   theirs per text is enough to stop asking);
 * - consent to share with a partner organisation that is on the case team today but may not read
 *   the file without it, when the parents never gave it or it expired (a withdrawal is an answer);
 * - case meetings from today on, earliest first: the invitation to take part.
 */
export function parentWaitingItems(
  facts: readonly ParentFacts[],
  parentUserId: string,
  today: string,
  now: Date,
): ParentWaitingItem[] {
  const plans: ParentWaitingItem[] = [];
  const consents: ParentWaitingItem[] = [];
  const meetings: Extract<ParentWaitingItem, { kind: 'meeting' }>[] = [];
  for (const child of facts) {
    const { studentId, activePlan } = child;
    if (activePlan) {
      const current = activePlan.responses.filter((r) => r.amendment === activePlan.amendment);
      const answeredByMe = current.some((r) => r.parentUserId === parentUserId);
      if (!answeredByMe && parentAgreementWith(current, activePlan.amendment) !== 'agreed') {
        plans.push({
          kind: 'plan_answer',
          studentId,
          planId: activePlan.id,
          version: activePlan.version,
          amendment: activePlan.amendment,
        });
      }
    }
    const onTeam = new Set(
      child.caseTeam
        .filter((member) => isCaseMembershipInForce({ ...member, userId: null }, today, now))
        .map((member) => member.partnerOrganisationId),
    );
    for (const partnerOrganisationId of [...onTeam].sort()) {
      const statuses = child.consents
        .filter(
          (c) => c.purpose === 'share_with_partner' && c.partnerOrganisationId === partnerOrganisationId,
        )
        .map((c) => consentStatus(c, today, now));
      // Given (now or from a later day) or withdrawn: the parents answered; only expired asks again.
      if (statuses.some((status) => status !== 'expired')) continue;
      consents.push({ kind: 'consent', studentId, partnerOrganisationId });
    }
    for (const meeting of child.meetings) {
      if (meeting.heldOn >= today)
        meetings.push({ kind: 'meeting', studentId, meetingId: meeting.id, heldOn: meeting.heldOn });
    }
  }
  meetings.sort((a, b) => a.heldOn.localeCompare(b.heldOn) || a.meetingId.localeCompare(b.meetingId));
  return [...plans, ...consents, ...meetings];
}

// --- the director's view of the school's plans ------------------------------------------------

export const planStages = ['draft', 'awaiting_parents', 'agreed', 'not_agreed'] as const;
export type PlanStage = (typeof planStages)[number];

/**
 * Where an active plan stands: a draft while it has no goal or no agreement yet (there is nothing
 * for the parents to agree with), then with the parents: awaiting their answer to the current
 * text, agreed, or not agreed.
 */
export function planStage(plan: {
  goals: number;
  agreements: number;
  amendment: number;
  responses: readonly Response[];
}): PlanStage {
  if (plan.goals === 0 || plan.agreements === 0) return 'draft';
  const status: ParentAgreementStatus = parentAgreementWith(plan.responses, plan.amendment);
  return status === 'none' ? 'awaiting_parents' : status;
}

/** The stages in which a plan is on hold at the school: the IB'er has not finished it, or it waits for the parents. */
export const heldPlanStages = ['draft', 'awaiting_parents'] as const satisfies readonly PlanStage[];
export type HeldPlanStage = (typeof heldPlanStages)[number];

export const isHeldPlanStage = (stage: PlanStage): stage is HeldPlanStage =>
  (heldPlanStages as readonly PlanStage[]).includes(stage);

/** An evaluation is overdue the day after its date (isEvaluationDue counts two weeks ahead too). */
export const isEvaluationOverdue = (evaluationDueOn: string, today: string): boolean =>
  evaluationDueOn < today;
