import { describe, expect, it } from 'vitest';
import {
  byAttention,
  decisionRefusal,
  dutyOfCareClock,
  extensionRefusal,
  followUpOn,
  handOverRefusal,
  isSummerMove,
  moveKindOf,
  registrationRefusal,
  riskFlagsOf,
  transitionAttention,
  transitionRefusal,
  waitingRefusal,
} from './transitions.ts';

const registered = { registeredOn: '2027-03-01', extended: false, pauses: [], decidedOn: null };

describe('the duty-of-care term', () => {
  it('gives 6 weeks to decide, and places the child temporarily after 10', () => {
    expect(dutyOfCareClock(registered, '2027-03-01')).toEqual({
      decideBy: '2027-04-12',
      temporaryPlacementOn: '2027-05-10',
      daysLeft: 42,
      overdue: false,
      paused: false,
    });
    expect(dutyOfCareClock(registered, '2027-04-13')).toMatchObject({ daysLeft: -1, overdue: true });
  });

  it('adds 4 weeks once extended', () => {
    expect(dutyOfCareClock({ ...registered, extended: true }, '2027-03-01').decideBy).toBe('2027-05-10');
  });

  it('stands still while the school waits for information it asked for', () => {
    const waiting = { ...registered, pauses: [{ from: '2027-03-10', to: null }] };
    // Ten days of waiting so far: the term and the temporary placement move by ten days.
    expect(dutyOfCareClock(waiting, '2027-03-20')).toMatchObject({
      decideBy: '2027-04-22',
      temporaryPlacementOn: '2027-05-20',
      paused: true,
    });
    const answered = { ...registered, pauses: [{ from: '2027-03-10', to: '2027-03-15' }] };
    expect(dutyOfCareClock(answered, '2027-06-01')).toMatchObject({ decideBy: '2027-04-17', paused: false });
  });

  it('counts to the decision once taken', () => {
    expect(dutyOfCareClock({ ...registered, decidedOn: '2027-04-02' }, '2027-06-01')).toMatchObject({
      daysLeft: 10,
      overdue: false,
    });
  });

  it('extends once, and not after the decision', () => {
    expect(extensionRefusal(registered)).toBeNull();
    expect(extensionRefusal({ ...registered, extended: true })?.rule).toBe('term_extended_once');
    expect(extensionRefusal({ ...registered, decidedOn: '2027-03-20' })?.rule).toBe('term_already_decided');
  });
});

describe('a transition', () => {
  it('goes to another school', () => {
    expect(transitionRefusal({ fromSchoolId: 'a', toSchoolId: 'b', openMoves: 0 })).toBeNull();
    expect(transitionRefusal({ fromSchoolId: null, toSchoolId: 'b', openMoves: 0 })).toBeNull();
    expect(transitionRefusal({ fromSchoolId: 'a', toSchoolId: 'a', openMoves: 0 })?.rule).toBe(
      'transition_to_same_school',
    );
    expect(transitionRefusal({ fromSchoolId: 'a', toSchoolId: 'b', openMoves: 1 })?.rule).toBe(
      'move_already_open',
    );
  });

  it('is followed up 6 weeks after the start', () => {
    expect(followUpOn('2027-08-30')).toBe('2027-10-11');
  });

  it('flags what a receiving school should know', () => {
    const none = {
      supportLevel: 2,
      hasActivePlan: false,
      absenceCases: 0,
      youthCareOnCase: false,
      opdcPlacement: false,
    };
    expect(riskFlagsOf(none)).toEqual([]);
    expect(
      riskFlagsOf({
        supportLevel: 4,
        hasActivePlan: true,
        absenceCases: 1,
        youthCareOnCase: true,
        opdcPlacement: true,
      }),
    ).toEqual(['level_4', 'active_plan', 'absence_history', 'youth_care', 'opdc']);
  });

  it('takes a registration between the birth and today', () => {
    const child = { birthDate: '2015-04-02', today: '2027-03-10' };
    expect(registrationRefusal({ ...child, registeredOn: '2027-03-10' })).toBeNull();
    expect(registrationRefusal({ ...child, registeredOn: '2027-03-11' })?.rule).toBe('registered_in_future');
    expect(registrationRefusal({ ...child, registeredOn: '2015-04-01' })?.rule).toBe(
      'registered_before_birth',
    );
  });

  it('hands the file over once and only with the parents consent', () => {
    expect(handOverRefusal({ consentInForce: true, handedOverOn: null })).toBeNull();
    expect(handOverRefusal({ consentInForce: false, handedOverOn: null })?.rule).toBe(
      'hand_over_without_consent',
    );
    expect(handOverRefusal({ consentInForce: true, handedOverOn: '2027-03-02' })?.rule).toBe(
      'handed_over_already',
    );
  });

  it('waits and stops waiting in turn, never after the decision', () => {
    expect(waitingRefusal(registered, true)).toBeNull();
    expect(waitingRefusal(registered, false)?.rule).toBe('not_waiting');
    const waiting = { ...registered, pauses: [{ from: '2027-03-05', to: null }] };
    expect(waitingRefusal(waiting, true)?.rule).toBe('waiting_already');
    expect(waitingRefusal(waiting, false)).toBeNull();
    expect(waitingRefusal({ ...registered, decidedOn: '2027-03-09' }, true)?.rule).toBe(
      'term_already_decided',
    );
  });

  it('decides once, after the hand-over, with a start after the registration', () => {
    const handed = { ...registered, handedOverOn: '2027-03-02' };
    expect(decisionRefusal(handed, { outcome: 'placed', startsOn: '2027-08-30' })).toBeNull();
    expect(
      decisionRefusal({ ...handed, handedOverOn: null }, { outcome: 'placed', startsOn: null })?.rule,
    ).toBe('not_handed_over');
    expect(
      decisionRefusal({ ...handed, decidedOn: '2027-03-20' }, { outcome: 'not_placed', startsOn: null })
        ?.rule,
    ).toBe('term_already_decided');
    expect(decisionRefusal(handed, { outcome: 'placed', startsOn: '2027-02-01' })?.rule).toBe(
      'start_before_registration',
    );
  });

  it('names the kind of move and the summer wave', () => {
    expect(moveKindOf('bao', 'vo')).toBe('po_vo');
    expect(moveKindOf('bao', 'sbo')).toBe('to_special');
    expect(moveKindOf('so', 'bao')).toBe('to_regular');
    expect(moveKindOf('bao', 'bao')).toBe('between_schools');
    expect(isSummerMove('2027-08-30')).toBe(true);
    expect(isSummerMove('2027-01-11')).toBe(false);
  });
});

describe('what a move waits for', () => {
  // Registered 1 March: decide by 12 April, temporary placement on 10 May.
  const move = {
    ...registered,
    movesOn: '2027-04-19',
    handedOverOn: null,
    outcome: null,
    startedOn: null,
  };
  const receiving = { sending: false, receiving: true };
  const sending = { sending: true, receiving: false };
  const both = { sending: true, receiving: true };

  it('asks the receiving school to decide, urgent from a week before the term ends', () => {
    expect(transitionAttention(move, receiving, '2027-04-01')).toEqual({
      need: 'decide',
      dueOn: '2027-04-12',
      urgent: false,
    });
    expect(transitionAttention(move, receiving, '2027-04-05')?.urgent).toBe(true);
    expect(transitionAttention(move, receiving, '2027-04-20')?.urgent).toBe(true);
  });

  it('does not hurry a school that waits for information it asked for, until 10 weeks have passed', () => {
    const waiting = { ...move, pauses: [{ from: '2027-04-01', to: null }] };
    expect(transitionAttention(waiting, receiving, '2027-04-10')).toEqual({
      need: 'decide',
      dueOn: '2027-04-21',
      urgent: false,
    });
    // Paused from day 75: the temporary placement (day 70 plus the pause) has passed already.
    const late = { ...move, pauses: [{ from: '2027-05-15', to: null }] };
    expect(transitionAttention(late, receiving, '2027-05-20')).toMatchObject({ urgent: true });
  });

  it('asks the sending school to hand over before the first day, urgent a week before it', () => {
    expect(transitionAttention(move, sending, '2027-04-01')).toEqual({
      need: 'hand_over',
      dueOn: '2027-04-19',
      urgent: false,
    });
    expect(transitionAttention(move, sending, '2027-04-12')?.urgent).toBe(true);
    expect(transitionAttention({ ...move, handedOverOn: '2027-03-20' }, sending, '2027-04-12')).toBeNull();
  });

  it('shows a consultant the hand-over first, due by the earlier of the first day and the term', () => {
    expect(transitionAttention(move, both, '2027-04-06')).toEqual({
      need: 'hand_over',
      dueOn: '2027-04-12',
      urgent: true,
    });
    expect(transitionAttention({ ...move, handedOverOn: '2027-03-20' }, both, '2027-04-06')?.need).toBe(
      'decide',
    );
  });

  it('shows the follow-up from a week before its day until two weeks after', () => {
    // Started 19 April: the follow-up is on 31 May.
    const placed = {
      ...move,
      handedOverOn: '2027-03-20',
      decidedOn: '2027-04-01',
      outcome: 'placed' as const,
      startedOn: '2027-04-19',
    };
    expect(transitionAttention(placed, receiving, '2027-05-23')).toBeNull();
    expect(transitionAttention(placed, receiving, '2027-05-24')).toEqual({
      need: 'follow_up',
      dueOn: '2027-05-31',
      urgent: false,
    });
    expect(transitionAttention(placed, receiving, '2027-06-14')?.urgent).toBe(true);
    expect(transitionAttention(placed, receiving, '2027-06-15')).toBeNull();
    expect(transitionAttention(placed, sending, '2027-05-31')).toBeNull();
    expect(
      transitionAttention({ ...placed, outcome: 'not_placed', startedOn: null }, receiving, '2027-05-31'),
    ).toBeNull();
  });

  it('orders the urgent first, then by the day it is due', () => {
    const rows = [
      { need: 'decide' as const, dueOn: '2027-04-01', urgent: false },
      { need: 'hand_over' as const, dueOn: '2027-04-20', urgent: true },
      { need: 'follow_up' as const, dueOn: '2027-03-30', urgent: false },
      { need: 'decide' as const, dueOn: '2027-04-10', urgent: true },
    ];
    expect(rows.sort(byAttention).map((row) => row.dueOn)).toEqual([
      '2027-04-10',
      '2027-04-20',
      '2027-03-30',
      '2027-04-01',
    ]);
  });
});
