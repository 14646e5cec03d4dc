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
