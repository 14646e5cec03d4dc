import { describe, expect, it } from 'vitest';
import { type ReminderFacts, remindersDue } from './reminders.ts';
import { legalHolidaysOnly, workingDaysLeft } from './workingDays.ts';

const today = '2026-12-02'; // a Wednesday
const none: ReminderFacts = {
  today,
  runningRequests: [],
  activePlans: [],
  plansAwaitingParents: [],
  expiringConsents: [],
  plannedReturns: [],
  transitionTerms: [],
  transitionFollowUps: [],
  openWaits: [],
  workingDaysUntil: (date) => workingDaysLeft(today, date, legalHolidaysOnly),
};
const request = (deadlineOn: string) => ({
  id: `r-${deadlineOn}`,
  firstName: 'Hugo',
  deadlineOn,
  userIds: ['ib'],
});

describe('remindersDue', () => {
  it('warns of a decision deadline from two working days before, and once it has passed', () => {
    const due = remindersDue({
      ...none,
      runningRequests: [
        request('2026-12-07'), // Monday: 3 working days left
        request('2026-12-04'), // Friday: 2 left
        request('2026-12-02'), // today: 0 left, not passed
        request('2026-12-01'), // yesterday
      ],
    });
    expect(due.map((r) => [r.occasion, r.kind])).toEqual([
      ['2026-12-04', 'deadline_near'],
      ['2026-12-02', 'deadline_near'],
      ['2026-12-01', 'deadline_passed'],
    ]);
    expect(due[0]).toMatchObject({
      subjectType: 'request',
      link: '/requests/r-2026-12-04',
      firstName: 'Hugo',
    });
  });

  it('counts working days: a deadline after a weekend is two working days away on Thursday', () => {
    const thursday = '2026-12-03';
    const due = remindersDue({
      ...none,
      today: thursday,
      workingDaysUntil: (date) => workingDaysLeft(thursday, date, legalHolidaysOnly),
      runningRequests: [request('2026-12-07')],
    });
    expect(due.map((r) => r.kind)).toEqual(['deadline_near']);
  });

  it('reminds of an evaluation from two weeks before its date until a week after', () => {
    const plan = (evaluationDueOn: string) => ({
      id: `p-${evaluationDueOn}`,
      studentId: 's',
      firstName: 'Eva',
      evaluationDueOn,
      userIds: ['ib'],
    });
    const due = remindersDue({
      ...none,
      activePlans: [plan('2026-12-16'), plan('2026-12-17'), plan('2026-11-25'), plan('2026-11-24')],
    });
    expect(due.map((r) => [r.kind, r.occasion, r.link])).toEqual([
      ['evaluation_due', '2026-12-16', '/students/s/plan'],
      ['evaluation_due', '2026-11-25', '/students/s/plan'],
    ]);
  });

  it('asks the parents once per text of the plan that waits for them', () => {
    const due = remindersDue({
      ...none,
      plansAwaitingParents: [
        { id: 'p', studentId: 's', firstName: 'Daan', version: 2, amendment: 1, userIds: ['mum', 'dad'] },
      ],
    });
    expect(due).toEqual([
      {
        kind: 'plan_awaiting_parents',
        subjectType: 'plan',
        subjectId: 'p',
        occasion: '2.1',
        firstName: 'Daan',
        link: '/students/s/plan',
        userIds: ['mum', 'dad'],
      },
    ]);
  });

  it('warns of a consent that ends within 30 days, not one already ended or further away', () => {
    const consent = (expiresOn: string) => ({
      id: `c-${expiresOn}`,
      studentId: 's',
      firstName: 'Tim',
      expiresOn,
      userIds: ['mum'],
    });
    const due = remindersDue({
      ...none,
      expiringConsents: [consent('2027-01-01'), consent('2027-01-02'), consent('2026-12-01')],
    });
    expect(due.map((r) => [r.kind, r.occasion])).toEqual([['consent_expiring', '2027-01-01']]);
  });

  it('prepares a temporary placement’s return from two weeks before its date, until two weeks after', () => {
    const placement = (plannedReturnOn: string) => ({
      id: `o-${plannedReturnOn}`,
      firstName: 'Daan',
      plannedReturnOn,
      userIds: ['ib'],
    });
    const due = remindersDue({
      ...none,
      plannedReturns: [
        placement('2026-12-16'),
        placement('2026-12-17'),
        placement('2026-11-18'),
        placement('2026-11-17'),
      ],
    });
    expect(due.map((r) => [r.kind, r.occasion, r.link])).toEqual([
      ['planned_return', '2026-12-16', '/requests/o-2026-12-16'],
      ['planned_return', '2026-11-18', '/requests/o-2026-11-18'],
    ]);
  });

  it('gives nothing to nobody: a reminder without recipients is dropped', () => {
    expect(remindersDue({ ...none, runningRequests: [{ ...request('2026-12-01'), userIds: [] }] })).toEqual(
      [],
    );
  });

  it('tells the receiving school a week before its term ends, and on the follow-up day', () => {
    const term = (decideBy: string) => ({ id: `t-${decideBy}`, firstName: 'Eva', decideBy, userIds: ['ib'] });
    const followUp = (followUpOn: string) => ({
      id: `f-${followUpOn}`,
      firstName: 'Eva',
      followUpOn,
      userIds: ['ib'],
    });
    const due = remindersDue({
      ...none,
      transitionTerms: [term('2026-12-09'), term('2026-12-10'), term('2026-12-01')],
      transitionFollowUps: [followUp('2026-12-02'), followUp('2026-12-03'), followUp('2026-11-17')],
    });
    expect(due.map((r) => [r.kind, r.occasion, r.link])).toEqual([
      ['transition_term_ending', '2026-12-09', '/transitions/t-2026-12-09'],
      ['transition_follow_up', '2026-12-02', '/transitions/f-2026-12-02'],
    ]);
  });

  it('tells of a wait for a place on the day it reaches 3 months, up to two weeks late', () => {
    const wait = (since: string) => ({
      id: `w-${since}`,
      firstName: 'Sem',
      since,
      userIds: ['ib', 'consultant'],
    });
    const due = remindersDue({
      ...none,
      openWaits: [
        wait('2026-09-02'), // 3 months today
        wait('2026-09-03'), // 3 months tomorrow
        wait('2026-08-18'), // reached on 18 November: two weeks ago
        wait('2026-08-17'), // reached on 17 November: older, on the list already
        wait('2026-08-31'), // 31 August + 3 months is 30 November (the month has no 31st)
      ],
    });
    expect(due.map((r) => [r.kind, r.occasion, r.link])).toEqual([
      ['long_wait', '2026-12-02', '/waiting-list/w-2026-09-02'],
      ['long_wait', '2026-11-18', '/waiting-list/w-2026-08-18'],
      ['long_wait', '2026-11-30', '/waiting-list/w-2026-08-31'],
    ]);
    expect(due[0]).toMatchObject({
      subjectType: 'waiting_entry',
      firstName: 'Sem',
      userIds: ['ib', 'consultant'],
    });
  });
});
