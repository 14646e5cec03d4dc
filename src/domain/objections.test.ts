import { describe, expect, it } from 'vitest';
import { addDays } from './calendar.ts';
import {
  complaintChangeRefusal,
  disputeFilingRefusal,
  disputeRulingDueOn,
  disputeRulingRefusal,
  lbtAdviceDueOn,
  lbtClock,
  nextObjectionState,
  objectionFilingRefusal,
  objectionTermEndsOn,
  openObjectionSteps,
} from './objections.ts';

describe('the objection term', () => {
  it('ends 6 weeks after the decision', () => {
    expect(objectionTermEndsOn('2026-11-20')).toBe('2027-01-01');
    expect(addDays('2026-03-25', 7)).toBe('2026-04-01');
  });

  it('accepts an objection on the last day without a reason', () => {
    expect(
      objectionFilingRefusal({ decidedOn: '2026-11-20', receivedOn: '2027-01-01', lateReason: '' }),
    ).toBeNull();
  });

  it('refuses a late objection without a reason, and accepts it with one', () => {
    expect(
      objectionFilingRefusal({ decidedOn: '2026-11-20', receivedOn: '2027-01-02', lateReason: '  ' }),
    ).toMatchObject({ rule: 'objection_late_without_reason', details: { termEndsOn: '2027-01-01' } });
    expect(
      objectionFilingRefusal({
        decidedOn: '2026-11-20',
        receivedOn: '2027-01-02',
        lateReason: 'De brief kwam pas in januari aan.',
      }),
    ).toBeNull();
  });

  it('refuses an objection against a request not decided', () => {
    expect(
      objectionFilingRefusal({ decidedOn: null, receivedOn: '2026-11-20', lateReason: '' }),
    ).toMatchObject({ rule: 'request_not_decided' });
  });
});

describe('the objection state machine', () => {
  it('takes a TLV through the LBT advice before the hearing', () => {
    expect(nextObjectionState('received', true, { step: 'hold_hearing' })).toMatchObject({
      rule: 'lbt_advice_required',
    });
    expect(nextObjectionState('received', true, { step: 'request_advice' })).toBe('advice_requested');
    expect(nextObjectionState('advice_requested', true, { step: 'receive_advice' })).toBe('advice_received');
    expect(nextObjectionState('advice_received', true, { step: 'hold_hearing' })).toBe('hearing');
    expect(
      nextObjectionState('hearing', true, { step: 'decide', outcome: 'upheld', reasons: 'Gegrond.' }),
    ).toBe('decided');
  });

  it('asks the LBT only about a TLV', () => {
    expect(nextObjectionState('received', false, { step: 'request_advice' })).toMatchObject({
      rule: 'lbt_advice_only_for_tlv',
    });
    expect(nextObjectionState('received', false, { step: 'hold_hearing' })).toBe('hearing');
  });

  it('decides only after the hearing, with an outcome and reasons', () => {
    expect(
      nextObjectionState('received', false, { step: 'decide', outcome: 'rejected', reasons: 'Nee.' }),
    ).toMatchObject({ rule: 'step_not_allowed' });
    expect(
      nextObjectionState('hearing', false, { step: 'decide', outcome: null, reasons: 'x' }),
    ).toMatchObject({
      rule: 'objection_decision_incomplete',
    });
    expect(
      nextObjectionState('hearing', false, { step: 'decide', outcome: 'rejected', reasons: ' ' }),
    ).toMatchObject({ rule: 'objection_decision_incomplete' });
  });

  it('is withdrawn from any open state, and nothing leaves decided or withdrawn', () => {
    for (const state of ['received', 'advice_requested', 'advice_received', 'hearing'] as const)
      expect(nextObjectionState(state, true, { step: 'withdraw' })).toBe('withdrawn');
    expect(openObjectionSteps('decided', true)).toEqual([]);
    expect(openObjectionSteps('withdrawn', false)).toEqual([]);
    expect(openObjectionSteps('received', true)).toEqual(['request_advice', 'withdraw']);
    expect(openObjectionSteps('received', false)).toEqual(['hold_hearing', 'withdraw']);
  });
});

describe('the LBT clock', () => {
  it('is due 2 weeks after receipt and counts calendar days', () => {
    expect(lbtAdviceDueOn('2026-11-23')).toBe('2026-12-07');
    expect(
      lbtClock({ adviceDueOn: '2026-12-07', adviceRequestedOn: null, state: 'received' }, '2026-11-30'),
    ).toEqual({ daysLeft: 7, overdue: false, stopped: false });
  });

  it('is overdue once the day has passed, and stops when the advice is asked', () => {
    expect(
      lbtClock({ adviceDueOn: '2026-12-07', adviceRequestedOn: null, state: 'received' }, '2026-12-09'),
    ).toEqual({ daysLeft: -2, overdue: true, stopped: false });
    expect(
      lbtClock(
        { adviceDueOn: '2026-12-07', adviceRequestedOn: '2026-12-08', state: 'advice_requested' },
        '2027-01-10',
      ),
    ).toEqual({ daysLeft: -1, overdue: true, stopped: true });
  });

  it('has no due date for an objection that is no TLV', () => {
    expect(lbtClock({ adviceDueOn: null, adviceRequestedOn: null, state: 'received' }, '2026-12-01')).toEqual(
      {
        daysLeft: null,
        overdue: false,
        stopped: false,
      },
    );
  });
});

describe('disputes and complaints', () => {
  it('are ruled on 10 weeks after filing, filed within 6 weeks of the decision', () => {
    expect(disputeRulingDueOn('2026-11-23')).toBe('2027-02-01');
    expect(disputeFilingRefusal('2026-10-01', '2026-11-12')).toBeNull();
    expect(disputeFilingRefusal('2026-10-01', '2026-11-13')).toMatchObject({ rule: 'dispute_filed_late' });
    expect(disputeFilingRefusal('2026-10-01', '2026-09-30')).toMatchObject({
      rule: 'dispute_before_decision',
    });
    expect(disputeFilingRefusal(null, '2026-11-13')).toBeNull();
    expect(disputeRulingRefusal('2026-11-13', '2026-11-12')).toMatchObject({ rule: 'ruling_before_filing' });
  });

  it('closes a complaint only with an outcome, and never changes a closed one', () => {
    expect(complaintChangeRefusal('in_progress', 'closed', '')).toMatchObject({
      rule: 'complaint_outcome_required',
    });
    expect(complaintChangeRefusal('in_progress', 'closed', 'Excuses gemaakt.')).toBeNull();
    expect(complaintChangeRefusal('closed', 'in_progress', 'x')).toMatchObject({ rule: 'complaint_closed' });
  });
});
