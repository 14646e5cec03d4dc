import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRefusal } from './refusal.ts';
import {
  clockOf,
  clockState,
  decisionOutcomes,
  decisionRefusal,
  nextStatus,
  openSteps,
  type RequestEvent,
  type RequestState,
  type RequestStatus,
  requestStates,
  requestSteps,
  type StepInput,
  stepRefusal,
} from './requests.ts';

const at = (state: RequestState, outcome: RequestStatus['outcome'] = null): RequestStatus => ({
  state,
  outcome,
});

describe('the steps of a request', () => {
  it('open exactly these steps in each state', () => {
    const expected: Record<RequestState, string[]> = {
      draft: ['submit', 'withdraw'],
      submitted: ['send_back_incomplete', 'accept_complete', 'withdraw'],
      incomplete: ['supplement', 'withdraw'],
      supplemented: ['send_back_incomplete', 'accept_complete', 'withdraw'],
      complete: ['start_review', 'withdraw'],
      in_review: ['decide', 'withdraw'],
      decided: ['start'],
      in_progress: ['evaluate'],
      evaluated: ['close'],
      closed: [],
      withdrawn: [],
    };
    for (const state of requestStates)
      expect(openSteps(at(state, 'granted')), state).toEqual(expected[state]);
    expect(openSteps(at('decided', 'rejected'))).toEqual(['close']);
    expect(openSteps(at('decided', 'partly_granted'))).toEqual(['start']);
  });

  it('go the whole way: draft to closed, through one sending back', () => {
    const steps: StepInput[] = [
      { step: 'submit' },
      { step: 'send_back_incomplete' },
      { step: 'supplement' },
      { step: 'accept_complete' },
      { step: 'start_review' },
      { step: 'decide', outcome: 'partly_granted' },
      { step: 'start' },
      { step: 'evaluate' },
      { step: 'close' },
    ];
    const states: string[] = [];
    let status = at('draft');
    for (const input of steps) {
      const next = nextStatus(status, input);
      if (isRefusal(next)) throw new Error(next.message);
      status = next;
      states.push(status.state);
    }
    expect(states).toEqual([
      'submitted',
      'incomplete',
      'supplemented',
      'complete',
      'in_review',
      'decided',
      'in_progress',
      'evaluated',
      'closed',
    ]);
    expect(status.outcome).toBe('partly_granted');
  });

  it('refuse deciding a draft, submitting twice, a second decision, starting a rejection and any step after withdrawal', () => {
    const refused: [RequestStatus, StepInput, string][] = [
      [at('draft'), { step: 'decide', outcome: 'granted' }, 'step_not_allowed'],
      [at('submitted'), { step: 'submit' }, 'step_not_allowed'],
      [at('complete'), { step: 'decide', outcome: 'granted' }, 'step_not_allowed'],
      [at('decided', 'granted'), { step: 'decide', outcome: 'rejected' }, 'step_not_allowed'],
      [at('decided', 'granted'), { step: 'withdraw' }, 'step_not_allowed'],
      [at('decided', 'granted'), { step: 'close' }, 'step_not_allowed'],
      [at('decided', 'rejected'), { step: 'start' }, 'rejected_cannot_start'],
      [at('withdrawn'), { step: 'submit' }, 'step_not_allowed'],
      [at('closed'), { step: 'withdraw' }, 'step_not_allowed'],
    ];
    for (const [status, input, rule] of refused) {
      const next = nextStatus(status, input);
      expect(isRefusal(next) && next.rule, `${status.state} → ${input.step}`).toBe(rule);
    }
  });
});

describe('any sequence of steps', () => {
  const anyStep: fc.Arbitrary<StepInput> = fc.oneof(
    fc.constantFrom(...requestSteps.filter((s) => s !== 'decide')).map((step) => ({ step }) as StepInput),
    fc.constantFrom(...decisionOutcomes).map((outcome) => ({ step: 'decide', outcome }) as StepInput),
  );

  it('keeps one state, decides at most once and only when complete, and runs the clock exactly while complete and undecided', () => {
    fc.assert(
      fc.property(fc.array(anyStep, { maxLength: 30 }), (inputs) => {
        let status = at('draft');
        const events: RequestEvent[] = [];
        let wasComplete = false;
        inputs.forEach((input, day) => {
          const next = nextStatus(status, input);
          if (isRefusal(next)) {
            expect(openSteps(status)).not.toContain(input.step);
            return;
          }
          if (input.step === 'decide') {
            expect(wasComplete && status.state === 'in_review').toBe(true);
            expect(events.some((e) => e.step === 'decide')).toBe(false);
          }
          if (input.step === 'accept_complete') wasComplete = true;
          events.push({ step: input.step, on: `2027-01-${String(day + 1).padStart(2, '0')}` });
          status = next;
          expect(requestStates).toContain(status.state);
          const clock = clockOf(events);
          const running = clock !== null && clock.stoppedOn === null;
          expect(running).toBe(status.state === 'complete' || status.state === 'in_review');
        });
      }),
      { numRuns: 2000 },
    );
  });
});

describe('the decision clock', () => {
  it('starts the day the request became complete and stops the day of the decision', () => {
    expect(clockOf([{ step: 'submit', on: '2027-01-04' }])).toBeNull();
    expect(
      clockOf([
        { step: 'submit', on: '2027-01-04' },
        { step: 'accept_complete', on: '2027-01-06' },
        { step: 'start_review', on: '2027-01-07' },
        { step: 'decide', on: '2027-01-15' },
        { step: 'start', on: '2027-01-18' },
      ]),
    ).toEqual({ startedOn: '2027-01-06', stoppedOn: '2027-01-15' });
    expect(
      clockOf([
        { step: 'accept_complete', on: '2027-01-06' },
        { step: 'withdraw', on: '2027-01-08' },
      ]),
    ).toEqual({ startedOn: '2027-01-06', stoppedOn: '2027-01-08' });
  });
});

describe('the decision’s own rules', () => {
  const grant = {
    outcome: 'granted' as const,
    isTlv: false,
    wholeSchoolCareer: false,
    hasCategory: false,
    category: null,
    budgetCents: 50_000,
    budgetLeftCents: 100_000,
    overBudgetConfirmed: false,
  };
  it('asks a TLV for special education its category, and a rejection nothing', () => {
    expect(decisionRefusal({ ...grant, hasCategory: true })?.rule).toBe('category_required');
    expect(decisionRefusal({ ...grant, hasCategory: true, category: 'high' })).toBeNull();
    expect(decisionRefusal({ ...grant, outcome: 'rejected', hasCategory: true })).toBeNull();
  });
  it('gives the whole school career only to a TLV for special education at category high', () => {
    const career = { ...grant, isTlv: true, hasCategory: true, wholeSchoolCareer: true };
    expect(decisionRefusal({ ...career, category: 'high' })).toBeNull();
    expect(decisionRefusal({ ...career, category: 'medium' })?.rule).toBe('whole_career_needs_high_tlv');
    expect(decisionRefusal({ ...career, hasCategory: false })?.rule).toBe('whole_career_needs_high_tlv');
    expect(decisionRefusal({ ...grant, wholeSchoolCareer: true })?.rule).toBe('whole_career_needs_high_tlv');
  });
  it('refuses going over the budget until confirmed; what costs nothing never goes over', () => {
    expect(decisionRefusal(grant)).toBeNull();
    expect(decisionRefusal({ ...grant, budgetLeftCents: 50_000 })).toBeNull();
    expect(decisionRefusal({ ...grant, budgetLeftCents: 49_999 })).toMatchObject({
      rule: 'over_budget',
      details: { budgetLeftCents: 49_999, budgetCents: 50_000 },
    });
    expect(decisionRefusal({ ...grant, budgetLeftCents: 49_999, overBudgetConfirmed: true })).toBeNull();
    expect(decisionRefusal({ ...grant, budgetLeftCents: -1, budgetCents: null })).toBeNull();
    expect(decisionRefusal({ ...grant, budgetLeftCents: -1, budgetCents: 0 })).toBeNull();
    expect(decisionRefusal({ ...grant, budgetLeftCents: null, budgetCents: 10 ** 9 })).toBeNull();
  });
});

describe('the clock’s state and completeness at the step', () => {
  const days = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 86_400_000;
  it('counts to the deadline while running, and to the day it stopped once decided', () => {
    expect(clockState({ deadlineOn: null, stoppedOn: null }, '2026-12-01', days)).toEqual({
      daysLeft: null,
      overdue: false,
      stopped: false,
    });
    expect(clockState({ deadlineOn: '2026-12-07', stoppedOn: null }, '2026-12-01', days)).toEqual({
      daysLeft: 6,
      overdue: false,
      stopped: false,
    });
    expect(clockState({ deadlineOn: '2026-12-07', stoppedOn: null }, '2026-12-09', days)).toMatchObject({
      overdue: true,
    });
    // Decided late stays late, whenever it is read.
    expect(clockState({ deadlineOn: '2026-12-07', stoppedOn: '2026-12-08' }, '2027-03-01', days)).toEqual({
      daysLeft: -1,
      overdue: true,
      stopped: true,
    });
  });
  it('declares a request complete only when nothing is missing', () => {
    const submitted = { state: 'submitted' as const, outcome: null };
    expect(stepRefusal(submitted, { step: 'accept_complete' }, ['parents_consent'])).toMatchObject({
      rule: 'request_incomplete',
      details: { missing: ['parents_consent'] },
    });
    expect(stepRefusal(submitted, { step: 'accept_complete' }, [])).toBeNull();
    expect(stepRefusal(submitted, { step: 'send_back_incomplete' }, ['parents_consent'])).toBeNull();
    expect(stepRefusal({ state: 'draft', outcome: null }, { step: 'accept_complete' }, [])?.rule).toBe(
      'step_not_allowed',
    );
  });
});
