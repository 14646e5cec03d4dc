// Objections against a decision, disputes at the national disputes committee, complaints and the
// signals of the parent and youth support point (docs/domain.md, "Objections, disputes,
// complaints"). Pure: no I/O.

import { addDays } from './calendar.ts';
import { type Refusal, refuse } from './refusal.ts';
import { type ClockState, clockState } from './requests.ts';

/** Who may file an objection against a decision on a request. */
export const objectionFilers = ['parent', 'school'] as const;
export type ObjectionFiler = (typeof objectionFilers)[number];

/** received → (a TLV: advice asked of the LBT → advice received) → hearing → decided; or withdrawn. */
export const objectionStates = [
  'received',
  'advice_requested',
  'advice_received',
  'hearing',
  'decided',
  'withdrawn',
] as const;
export type ObjectionState = (typeof objectionStates)[number];

export const objectionOutcomes = ['upheld', 'rejected'] as const;
export type ObjectionOutcome = (typeof objectionOutcomes)[number];

/** The steps on an objection's timeline. */
export const objectionSteps = [
  'receive',
  'request_advice',
  'receive_advice',
  'hold_hearing',
  'decide',
  'withdraw',
] as const;
export type ObjectionStep = (typeof objectionSteps)[number];

/** What a dispute at the national disputes committee (Geschillencommissie) is about. */
export const disputeSubjects = ['admission', 'removal', 'plan'] as const;
export type DisputeSubject = (typeof disputeSubjects)[number];

export const disputeOutcomes = ['well_founded', 'partly_well_founded', 'unfounded', 'withdrawn'] as const;
export type DisputeOutcome = (typeof disputeOutcomes)[number];

export const complaintStates = ['received', 'in_progress', 'closed'] as const;
export type ComplaintState = (typeof complaintStates)[number];

/** What the parent and youth support point (ouder- en jeugdsteunpunt) was asked. */
export const supportSignalKinds = ['question', 'advice', 'mediation'] as const;
export type SupportSignalKind = (typeof supportSignalKinds)[number];

export const supportSignalOutcomes = ['answered', 'referred', 'agreement', 'no_agreement', 'open'] as const;
export type SupportSignalOutcome = (typeof supportSignalOutcomes)[number];

// --- the rules ----------------------------------------------------------------------------------

/** Calendar days from one date to another (negative when `to` is earlier). */
export function calendarDaysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Awb art. 6:7: an objection is made within 6 weeks of the decision. */
export const objectionTermWeeks = 6;
/** The SWV asks the Landelijke Bezwaaradviescommissie TLV for advice within 2 weeks of receipt. */
export const lbtAdviceWeeks = 2;
/** A dispute goes to the national disputes committee within 6 weeks; it rules within 10. */
export const disputeTermWeeks = 6;
export const disputeRulingWeeks = 10;

/** The last day on which an objection against a decision of `decidedOn` is on time. */
export const objectionTermEndsOn = (decidedOn: string): string => addDays(decidedOn, objectionTermWeeks * 7);

/** Is an objection received on `receivedOn` late? */
export const objectionIsLate = (decidedOn: string, receivedOn: string): boolean =>
  receivedOn > objectionTermEndsOn(decidedOn);

export type FilingRefusal = Refusal<'request_not_decided' | 'objection_late_without_reason'>;

/**
 * An objection is made only against a decided request, and after the 6 weeks only with a reason
 * for the lateness (Awb art. 6:11: the SWV then judges whether the lateness is excusable).
 */
export function objectionFilingRefusal(facts: {
  decidedOn: string | null;
  receivedOn: string;
  lateReason: string;
}): FilingRefusal | null {
  if (facts.decidedOn === null) {
    return refuse('request_not_decided', 'An objection is made against a decision; there is none yet', {});
  }
  if (objectionIsLate(facts.decidedOn, facts.receivedOn) && facts.lateReason.trim() === '') {
    return refuse('objection_late_without_reason', 'The objection is late: say why', {
      termEndsOn: objectionTermEndsOn(facts.decidedOn),
    });
  }
  return null;
}

/** The day the LBT's advice must have been asked for a TLV objection received on `receivedOn`. */
export const lbtAdviceDueOn = (receivedOn: string): string => addDays(receivedOn, lbtAdviceWeeks * 7);

/**
 * The LBT clock (calendar days, like the request's clock in src/domain/requests.ts): it runs from
 * receipt until the advice is asked; once asked it stops, and a late request stays late.
 */
export function lbtClock(
  objection: { adviceDueOn: string | null; adviceRequestedOn: string | null; state: ObjectionState },
  today: string,
): ClockState {
  // A withdrawn objection stops the clock on the day it was withdrawn; the page shows it stopped.
  const stoppedOn = objection.adviceRequestedOn ?? (objection.state === 'withdrawn' ? today : null);
  return clockState({ deadlineOn: objection.adviceDueOn, stoppedOn }, today, calendarDaysBetween);
}

export const openObjectionStates: readonly ObjectionState[] = [
  'received',
  'advice_requested',
  'advice_received',
  'hearing',
];

/** Where each step may be taken; a TLV goes through the LBT's advice before the hearing. */
const stepFrom: Record<Exclude<ObjectionStep, 'receive'>, readonly ObjectionState[]> = {
  request_advice: ['received'],
  receive_advice: ['advice_requested'],
  hold_hearing: ['received', 'advice_received'],
  decide: ['hearing'],
  withdraw: openObjectionStates,
};

const stepTo: Record<Exclude<ObjectionStep, 'receive'>, ObjectionState> = {
  request_advice: 'advice_requested',
  receive_advice: 'advice_received',
  hold_hearing: 'hearing',
  decide: 'decided',
  withdraw: 'withdrawn',
};

export type ObjectionStepRefusal = Refusal<
  'step_not_allowed' | 'lbt_advice_only_for_tlv' | 'lbt_advice_required' | 'objection_decision_incomplete'
>;

export type ObjectionStepInput =
  | { step: Exclude<ObjectionStep, 'receive' | 'decide'> }
  | { step: 'decide'; outcome: ObjectionOutcome | null; reasons: string };

/**
 * The state after a step, or why it cannot be taken now: received → (a TLV: advice asked of the
 * LBT → advice received) → hearing → decided; withdrawn from any open state. A decision names its
 * outcome (upheld or rejected) and its reasons.
 */
export function nextObjectionState(
  current: ObjectionState,
  isTlv: boolean,
  input: ObjectionStepInput,
): ObjectionState | ObjectionStepRefusal {
  const { step } = input;
  if (!stepFrom[step].includes(current)) {
    return refuse('step_not_allowed', `A ${current} objection cannot take the step ${step}`, {
      state: current,
      step,
    });
  }
  if (step === 'request_advice' && !isTlv) {
    return refuse('lbt_advice_only_for_tlv', 'The LBT advises on objections against a TLV only', {});
  }
  if (step === 'hold_hearing' && isTlv && current === 'received') {
    return refuse('lbt_advice_required', 'An objection against a TLV first goes to the LBT for advice', {});
  }
  if (input.step === 'decide' && (input.outcome === null || input.reasons.trim() === '')) {
    return refuse(
      'objection_decision_incomplete',
      'A decision on an objection names its outcome and reasons',
      {},
    );
  }
  return stepTo[step];
}

/** The steps open from a state: what the page may offer. */
export function openObjectionSteps(current: ObjectionState, isTlv: boolean): ObjectionStep[] {
  return objectionSteps.filter((step) => {
    if (step === 'receive') return false;
    const input: ObjectionStepInput =
      step === 'decide' ? { step, outcome: 'rejected', reasons: 'x' } : { step };
    return typeof nextObjectionState(current, isTlv, input) === 'string';
  });
}

/** The day the national disputes committee's ruling is due for a dispute filed on `filedOn`. */
export const disputeRulingDueOn = (filedOn: string): string => addDays(filedOn, disputeRulingWeeks * 7);

/** A dispute is filed within 6 weeks of the contested decision. */
export function disputeFilingRefusal(
  contestedOn: string | null,
  filedOn: string,
): Refusal<'dispute_filed_late' | 'dispute_before_decision'> | null {
  if (contestedOn === null) return null;
  if (filedOn < contestedOn) {
    return refuse('dispute_before_decision', 'A dispute is filed after the decision it is about', {});
  }
  if (filedOn > addDays(contestedOn, disputeTermWeeks * 7)) {
    return refuse('dispute_filed_late', 'A dispute is filed within 6 weeks of the decision', {
      termEndsOn: addDays(contestedOn, disputeTermWeeks * 7),
    });
  }
  return null;
}

/** A ruling is given on or after the filing, with its outcome. */
export function disputeRulingRefusal(
  filedOn: string,
  ruledOn: string,
): Refusal<'ruling_before_filing'> | null {
  return ruledOn < filedOn
    ? refuse('ruling_before_filing', 'A ruling comes after the dispute was filed', {})
    : null;
}

export type ComplaintRefusal = Refusal<'complaint_closed' | 'complaint_outcome_required'>;

/** received → in progress → closed; a closed complaint stays closed, and closing names the outcome. */
export function complaintChangeRefusal(
  current: ComplaintState,
  next: ComplaintState,
  outcome: string,
): ComplaintRefusal | null {
  if (current === 'closed') return refuse('complaint_closed', 'A closed complaint is not changed', {});
  if (next === 'closed' && outcome.trim() === '') {
    return refuse('complaint_outcome_required', 'Closing a complaint names its outcome', {});
  }
  return null;
}
