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
/** The receiving school hears this many days before its term ends. */
export const termWarningDays = 7;

/** Within one SWV; from this SWV to a school of another; into this SWV from another. */
export const transitionDirections = ['within', 'outgoing', 'incoming'] as const;
export type TransitionDirection = (typeof transitionDirections)[number];
export const transitionOutcomes = ['placed', 'not_placed'] as const;
export type TransitionOutcome = (typeof transitionOutcomes)[number];

/** What kind of move, from the kinds of the two schools (docs/domain.md, "Transitions"). */
export const moveKinds = ['po_vo', 'to_special', 'to_regular', 'between_schools'] as const;
export type MoveKind = (typeof moveKinds)[number];
const primary = ['bao', 'sbo', 'so'];
const special = ['sbo', 'so', 'vso', 'opdc'];

export function moveKindOf(from: string, to: string): MoveKind {
  if (primary.includes(from) && (to === 'vo' || to === 'vso')) return 'po_vo';
  if (!special.includes(from) && special.includes(to)) return 'to_special';
  if (special.includes(from) && !special.includes(to)) return 'to_regular';
  return 'between_schools';
}

/** The summer wave: moves planned from 1 July to 30 September of a year. */
export const isSummerMove = (movesOn: string): boolean =>
  movesOn.slice(5) >= '07-01' && movesOn.slice(5) <= '09-30';

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
  | 'transition_to_same_school'
  | 'move_already_open'
  | 'term_extended_once'
  | 'term_already_decided'
  | 'registered_in_future'
  | 'registered_before_birth'
  | 'hand_over_without_consent'
  | 'handed_over_already'
  | 'not_handed_over'
  | 'waiting_already'
  | 'not_waiting'
  | 'start_before_registration'
>;

/** A new move: to another school, and not while a move of the child still waits for its decision. */
export function transitionRefusal(input: {
  fromSchoolId: string | null;
  toSchoolId: string;
  /** The child's moves away from this school not yet decided by the receiving school. */
  openMoves: number;
}): TransitionRefusal | null {
  if (input.fromSchoolId === input.toSchoolId)
    return refuse('transition_to_same_school', 'The child is at that school already');
  if (input.openMoves > 0)
    return refuse('move_already_open', 'The child has a move that waits for its decision');
  return null;
}

/** The registration happened: not ahead of today, not before the child was born. */
export function registrationRefusal(input: {
  registeredOn: string;
  birthDate: string;
  today: string;
}): TransitionRefusal | null {
  if (input.registeredOn > input.today)
    return refuse('registered_in_future', 'The registration date has not come yet', {
      fields: { registeredOn: 'in the future' },
    });
  if (input.registeredOn < input.birthDate)
    return refuse('registered_before_birth', 'The registration date is before the child was born', {
      fields: { registeredOn: 'before birth' },
    });
  return null;
}

/**
 * The file goes to the receiving school only with the parents' consent to hand it over
 * (purpose hand_over_to_school, in force today: docs/SECURITY.md C7), and once.
 */
export function handOverRefusal(input: {
  consentInForce: boolean;
  handedOverOn: string | null;
}): TransitionRefusal | null {
  if (input.handedOverOn !== null) return refuse('handed_over_already', 'The file was handed over already');
  if (!input.consentInForce)
    return refuse(
      'hand_over_without_consent',
      'The parents have not consented to hand the file over to the next school (hand_over_to_school)',
    );
  return null;
}

/** The receiving school waits for information it asked for (the clock pauses), or stops waiting. */
export function waitingRefusal(facts: DutyOfCareFacts, wait: boolean): TransitionRefusal | null {
  if (facts.decidedOn !== null) return refuse('term_already_decided', 'The school has decided already');
  const waiting = facts.pauses.some((pause) => pause.to === null);
  if (wait && waiting) return refuse('waiting_already', 'The school waits already');
  if (!wait && !waiting) return refuse('not_waiting', 'The school is not waiting');
  return null;
}

/** The receiving school decides once, after the hand-over; a placed child starts on or after the registration. */
export function decisionRefusal(
  facts: DutyOfCareFacts & { handedOverOn: string | null },
  decision: { outcome: TransitionOutcome; startsOn: string | null },
): TransitionRefusal | null {
  if (facts.decidedOn !== null) return refuse('term_already_decided', 'The school has decided already');
  if (facts.handedOverOn === null)
    return refuse('not_handed_over', 'The school decides once the file is handed over');
  if (decision.outcome === 'placed' && decision.startsOn !== null && decision.startsOn < facts.registeredOn)
    return refuse('start_before_registration', 'The start is before the registration', {
      fields: { startsOn: 'before the registration' },
    });
  return null;
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

/** What a move waits for, and from whom: the receiving school decides and follows up, the sending one hands over. */
export const transitionNeeds = ['hand_over', 'decide', 'follow_up'] as const;
export type TransitionNeed = (typeof transitionNeeds)[number];
/** The follow-up shows from a week before its day until two weeks after (nothing records it as held). */
export const followUpShownAfterDays = 14;

export type TransitionAttention = {
  need: TransitionNeed;
  /** The day it is due by: the planned first day, the decision's last day, the follow-up day. */
  dueOn: string;
  /** Due within a week or past it, or past 10 weeks without a decision (the temporary placement). */
  urgent: boolean;
};

/**
 * What a move waits for today, seen from the sending side, the receiving side or both (a
 * consultant of the team): null when nothing. The hand-over comes first (the decision needs it);
 * while the receiving side's term runs too, the hand-over is as urgent as the decision and due by
 * the earlier day. A paused term is not urgent (the school waits for others), a temporary placement is.
 */
export function transitionAttention(
  move: DutyOfCareFacts & {
    movesOn: string;
    handedOverOn: string | null;
    outcome: TransitionOutcome | null;
    startedOn: string | null;
  },
  side: { sending: boolean; receiving: boolean },
  today: string,
): TransitionAttention | null {
  const soon = addDays(today, termWarningDays);
  const clock = side.receiving && move.decidedOn === null ? dutyOfCareClock(move, today) : null;
  const decision = clock && {
    need: 'decide' as const,
    dueOn: clock.decideBy,
    urgent: today >= clock.temporaryPlacementOn || (!clock.paused && clock.decideBy <= soon),
  };
  if (side.sending && move.handedOverOn === null) {
    const dueOn = decision && decision.dueOn < move.movesOn ? decision.dueOn : move.movesOn;
    return { need: 'hand_over', dueOn, urgent: move.movesOn <= soon || (decision?.urgent ?? false) };
  }
  if (decision) return decision;
  if (side.receiving && move.outcome === 'placed' && move.startedOn !== null) {
    const dueOn = followUpOn(move.startedOn);
    if (dueOn > soon || addDays(dueOn, followUpShownAfterDays) < today) return null;
    return { need: 'follow_up', dueOn, urgent: dueOn <= today };
  }
  return null;
}

/** The order of what waits: the urgent first, then by the day it is due. */
export const byAttention = (a: TransitionAttention, b: TransitionAttention): number =>
  Number(b.urgent) - Number(a.urgent) || a.dueOn.localeCompare(b.dueOn);
