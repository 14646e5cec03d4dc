// A request for support and its life (docs/domain.md, "Requests and decisions"): the states, which
// step leads where, and the decision clock that runs while a complete request awaits its decision.
// Who may take a step is the policy's business (src/server/access/policy.ts), not this file's.

import { type Refusal, refuse } from './refusal.ts';

export const requestStates = [
  'draft',
  'submitted',
  'incomplete',
  'supplemented',
  'complete',
  'in_review',
  'decided',
  'in_progress',
  'evaluated',
  'closed',
  'withdrawn',
] as const;
export type RequestState = (typeof requestStates)[number];

export const decisionOutcomes = ['granted', 'partly_granted', 'rejected'] as const;
export type DecisionOutcome = (typeof decisionOutcomes)[number];

/** The steps of a request; each becomes one event on its timeline. */
export const requestSteps = [
  'submit',
  'send_back_incomplete',
  'supplement',
  'accept_complete',
  'start_review',
  'decide',
  'start',
  'evaluate',
  'close',
  'withdraw',
] as const;
export type RequestStep = (typeof requestSteps)[number];

export type StepInput =
  | { step: Exclude<RequestStep, 'decide'> }
  | { step: 'decide'; outcome: DecisionOutcome };

/** Where each step may be taken. A decision is taken once; nothing leaves `closed` or `withdrawn`. */
const from: Record<RequestStep, readonly RequestState[]> = {
  submit: ['draft'],
  send_back_incomplete: ['submitted', 'supplemented'],
  supplement: ['incomplete'],
  accept_complete: ['submitted', 'supplemented'],
  start_review: ['complete'],
  decide: ['in_review'],
  start: ['decided'],
  evaluate: ['in_progress'],
  close: ['decided', 'evaluated'],
  withdraw: ['draft', 'submitted', 'incomplete', 'supplemented', 'complete', 'in_review'],
};

const to: Record<Exclude<RequestStep, 'close'>, RequestState> = {
  submit: 'submitted',
  send_back_incomplete: 'incomplete',
  supplement: 'supplemented',
  accept_complete: 'complete',
  start_review: 'in_review',
  decide: 'decided',
  start: 'in_progress',
  evaluate: 'evaluated',
  withdraw: 'withdrawn',
};

export type RequestStatus = { state: RequestState; outcome: DecisionOutcome | null };

export type StepRefusal = Refusal<'step_not_allowed' | 'rejected_cannot_start'>;

/**
 * The state after a step, or why it cannot be taken now. A rejected request is closed, never
 * started; a granted one is closed after its evaluation.
 */
export function nextStatus(current: RequestStatus, input: StepInput): RequestStatus | StepRefusal {
  if (!from[input.step].includes(current.state)) {
    return refuse('step_not_allowed', `A ${current.state} request cannot take the step ${input.step}`, {
      state: current.state,
      step: input.step,
    });
  }
  if (input.step === 'decide') return { state: 'decided', outcome: input.outcome };
  if (current.state === 'decided') {
    const rejected = current.outcome === 'rejected';
    if (input.step === 'start' && rejected) {
      return refuse('rejected_cannot_start', 'A rejected request is closed, not started', {
        state: current.state,
        step: input.step,
      });
    }
    if (input.step === 'close' && !rejected) {
      return refuse('step_not_allowed', 'A granted request is closed after its evaluation', {
        state: current.state,
        step: input.step,
      });
    }
  }
  return { state: input.step === 'close' ? 'closed' : to[input.step], outcome: current.outcome };
}

/** The steps open from a status: what the page may offer (the policy narrows it per person). */
export function openSteps(current: RequestStatus): RequestStep[] {
  return requestSteps.filter((step) => {
    const input: StepInput =
      step === 'decide' ? { step, outcome: 'granted' } : { step: step as Exclude<RequestStep, 'decide'> };
    return !('rule' in nextStatus(current, input));
  });
}

/** One step on the timeline, as stored: never changed, never removed. */
export type RequestEvent = { step: RequestStep; on: string };

/**
 * The decision clock from the timeline: it starts on the day the request became complete and stops
 * on the day of the decision (or of a withdrawal). Null while the request was never complete.
 */
export function clockOf(
  events: readonly RequestEvent[],
): { startedOn: string; stoppedOn: string | null } | null {
  let startedOn: string | null = null;
  let stoppedOn: string | null = null;
  for (const event of events) {
    if (event.step === 'accept_complete') startedOn = event.on;
    if (event.step === 'decide' || event.step === 'withdraw') stoppedOn ??= event.on;
  }
  return startedOn === null ? null : { startedOn, stoppedOn };
}

/** The school writes its request while it is a draft or sent back as incomplete. */
export const schoolMayEdit = (state: RequestState): boolean => state === 'draft' || state === 'incomplete';

/** Advice is given between submission and decision, so a TLV can rest on two before it is complete. */
export const adviceOpen = (state: RequestState): boolean =>
  ['submitted', 'incomplete', 'supplemented', 'complete', 'in_review'].includes(state);

/** The parents give their view until the decision. */
export const parentsViewOpen = (state: RequestState): boolean =>
  state !== 'withdrawn' && requestStates.indexOf(state) < requestStates.indexOf('decided');

/** Delivery is logged while a granted arrangement runs. */
export const deliveryOpen = (state: RequestState): boolean => state === 'in_progress';

export type IncompleteRefusal = Refusal<'request_incomplete'>;

/**
 * A step with what the request still lacks: it is declared complete (and its clock starts) only
 * when nothing is missing. Other steps follow the state machine alone.
 */
export function stepRefusal(
  current: RequestStatus,
  input: StepInput,
  missing: readonly string[],
): StepRefusal | IncompleteRefusal | null {
  const next = nextStatus(current, input);
  if ('rule' in next) return next;
  if (input.step === 'accept_complete' && missing.length > 0) {
    return refuse('request_incomplete', 'The request is not complete', { missing: [...missing] });
  }
  return null;
}

export type ClockState = { daysLeft: number | null; overdue: boolean; stopped: boolean };

/**
 * Where a request's clock stands on `today`: the working days left until its deadline (negative
 * once passed). A stopped clock (decided or withdrawn) counts to the day it stopped, so a late
 * decision stays late.
 */
export function clockState(
  clock: { deadlineOn: string | null; stoppedOn: string | null },
  today: string,
  daysBetween: (from: string, to: string) => number,
): ClockState {
  if (clock.deadlineOn === null) return { daysLeft: null, overdue: false, stopped: clock.stoppedOn !== null };
  const at = clock.stoppedOn ?? today;
  const daysLeft = daysBetween(at, clock.deadlineOn);
  return { daysLeft, overdue: at > clock.deadlineOn, stopped: clock.stoppedOn !== null };
}

export type DecisionFacts = {
  outcome: DecisionOutcome;
  isTlv: boolean;
  /** A TLV for the whole school career (children with severe multiple disabilities). */
  wholeSchoolCareer: boolean;
  hasCategory: boolean;
  category: string | null;
  budgetCents: number | null;
  /** What the SWV's budget for the school year has left before this decision; null: no budget set. */
  budgetLeftCents: number | null;
  overBudgetConfirmed: boolean;
};

export type DecisionRefusal = Refusal<'category_required' | 'whole_career_needs_high_tlv' | 'over_budget'>;

/**
 * A grant of a TLV for special education names its category, and only one at category high may
 * run for the whole school career; a decision that goes over the year's budget is taken only when
 * the decider confirms it, having seen by how much.
 */
export function decisionRefusal(facts: DecisionFacts): DecisionRefusal | null {
  if (facts.outcome === 'rejected') return null;
  if (facts.hasCategory && facts.category === null) {
    return refuse('category_required', 'A TLV for special education names its category', {});
  }
  // Only a TLV for special education at the highest category runs for the whole school career.
  if (facts.wholeSchoolCareer && !(facts.isTlv && facts.hasCategory && facts.category === 'high')) {
    return refuse(
      'whole_career_needs_high_tlv',
      'Only a TLV at category high is for the whole school career',
      {},
    );
  }
  // A decision that costs nothing (a TLV, a consultation) never goes over the budget.
  const cost = facts.budgetCents ?? 0;
  if (
    cost > 0 &&
    facts.budgetLeftCents !== null &&
    cost > facts.budgetLeftCents &&
    !facts.overBudgetConfirmed
  ) {
    return refuse('over_budget', 'The decision goes over the budget for the school year', {
      budgetLeftCents: facts.budgetLeftCents,
      budgetCents: cost,
    });
  }
  return null;
}
