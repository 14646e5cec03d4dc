// Moves between schools (docs/domain.md, "Transitions"): the receiving school's duty-of-care term
// (zorgplicht: decide within 6 weeks of the registration, once extendable by 4, paused while it
// waits for information it asked for; after 10 weeks without a decision the child is placed
// temporarily), the follow-up 6 weeks after the start, and the risk flags a receiving school sees.
// Pure: no I/O. The module and pages come next (docs/requirements.md R-TRANS).
import { addDays, daysBetween } from './calendar.ts';
import { type Refusal, refuse } from './refusal.ts';

export const decisionTermDays = 6 * 7;
export const extensionDays = 4 * 7;
/** Past this without a decision, the child is placed temporarily (at the school of registration). */
export const temporaryPlacementDays = 10 * 7;
export const followUpDays = 6 * 7;

export type DutyOfCareFacts = {
  registeredOn: string;
  extended: boolean;
  /** Periods the school waited for information it asked for; an open one (to null) runs still. */
  pauses: readonly { from: string; to: string | null }[];
  decidedOn: string | null;
};

export type DutyOfCareClock = {
  /** The last day to decide, the pauses added. */
  decideBy: string;
  /** The day a child without a decision is placed temporarily. */
  temporaryPlacementOn: string;
  /** Calendar days to `decideBy` (negative once passed), counted to the decision once taken. */
  daysLeft: number;
  overdue: boolean;
  paused: boolean;
};

export function dutyOfCareClock(facts: DutyOfCareFacts, today: string): DutyOfCareClock {
  const at = facts.decidedOn ?? today;
  const pausedDays = facts.pauses.reduce(
    (sum, pause) => sum + Math.max(0, daysBetween(pause.from, pause.to ?? at)),
    0,
  );
  const decideBy = addDays(
    facts.registeredOn,
    decisionTermDays + (facts.extended ? extensionDays : 0) + pausedDays,
  );
  return {
    decideBy,
    temporaryPlacementOn: addDays(facts.registeredOn, temporaryPlacementDays + pausedDays),
    daysLeft: daysBetween(at, decideBy),
    overdue: at > decideBy,
    paused: facts.decidedOn === null && facts.pauses.some((pause) => pause.to === null),
  };
}

export type TransitionRefusal = Refusal<
  'transition_to_same_school' | 'term_extended_once' | 'term_already_decided'
>;

export function transitionRefusal(input: {
  fromSchoolId: string | null;
  toSchoolId: string;
}): TransitionRefusal | null {
  return input.fromSchoolId === input.toSchoolId
    ? refuse('transition_to_same_school', 'The child is at that school already')
    : null;
}

/** The term is extended once, and only before the decision. */
export function extensionRefusal(facts: DutyOfCareFacts): TransitionRefusal | null {
  if (facts.decidedOn !== null) return refuse('term_already_decided', 'The school has decided already');
  if (facts.extended) return refuse('term_extended_once', 'The term can be extended once');
  return null;
}

/** The follow-up at the new school, 6 weeks after the start. */
export const followUpOn = (startedOn: string): string => addDays(startedOn, followUpDays);

export const riskFlags = ['level_4', 'active_plan', 'absence_history', 'youth_care', 'opdc'] as const;
export type RiskFlag = (typeof riskFlags)[number];

/** What a receiving school should know before the child comes, derived from the file. */
export function riskFlagsOf(facts: {
  supportLevel: number;
  hasActivePlan: boolean;
  absenceCases: number;
  youthCareOnCase: boolean;
  opdcPlacement: boolean;
}): RiskFlag[] {
  const flags: RiskFlag[] = [];
  if (facts.supportLevel >= 4) flags.push('level_4');
  if (facts.hasActivePlan) flags.push('active_plan');
  if (facts.absenceCases > 0) flags.push('absence_history');
  if (facts.youthCareOnCase) flags.push('youth_care');
  if (facts.opdcPlacement) flags.push('opdc');
  return flags;
}
