// What the scheduled reminders tell whom, on a given day (docs/domain.md, "Notifications"): a
// decision deadline two working days ahead or passed, a plan evaluation due, a plan version that
// waits for the parents, a consent about to expire, a wait for a place that reached 3 months. Pure: the job gathers the facts, this file
// decides, notify() keeps each reminder to once (its occasion).
import { addDays } from './calendar.ts';
import { longWaitMonths } from './capacity.ts';
import { addMonths } from './childFile.ts';
import type { NotificationKind, NotificationSubject } from './notifications.ts';
import { evaluationDueCutoff } from './plans.ts';
import { termWarningDays } from './transitions.ts';

/** A deadline is near from this many working days before it. */
export const deadlineWarningWorkingDays = 2;
/**
 * An evaluation is reminded of from two weeks before its date until a week after: one long past is
 * on the IB'er's home as overdue already, and a first run must not flood the inbox with old ones.
 */
export const evaluationReminderLateDays = 7;
/** A temporary placement's return is prepared from this many days before its planned date. */
export const plannedReturnWarningDays = 14;
/** A consent's parents hear this many days before it expires. */
export const consentWarningDays = 30;

export type ReminderFacts = {
  today: string;
  /** Requests whose decision clock runs (complete, in review). */
  runningRequests: readonly {
    id: string;
    firstName: string;
    deadlineOn: string;
    userIds: readonly string[];
  }[];
  /** Active plans: the evaluation date and who evaluates (the school's IB'ers). */
  activePlans: readonly {
    id: string;
    studentId: string;
    firstName: string;
    evaluationDueOn: string;
    userIds: readonly string[];
  }[];
  /** Active plans whose current text waits for the parents' answer, with the parents' accounts. */
  plansAwaitingParents: readonly {
    id: string;
    studentId: string;
    firstName: string;
    amendment: number;
    version: number;
    userIds: readonly string[];
  }[];
  /** Consents in force with an end date. */
  expiringConsents: readonly {
    id: string;
    studentId: string;
    firstName: string;
    expiresOn: string;
    userIds: readonly string[];
  }[];
  /** Granted temporary placements (OPDC) with a planned return: who asked and who handles it. */
  plannedReturns: readonly {
    id: string;
    firstName: string;
    plannedReturnOn: string;
    userIds: readonly string[];
  }[];
  /** Undecided moves whose term this SWV holds: the last day to decide and the receiving school's staff. */
  transitionTerms: readonly { id: string; firstName: string; decideBy: string; userIds: readonly string[] }[];
  /** Placed moves: the follow-up day (6 weeks after the start) and the receiving school's staff. */
  transitionFollowUps: readonly {
    id: string;
    firstName: string;
    followUpOn: string;
    userIds: readonly string[];
  }[];
  /** Open waits for a place with none promised yet: the child's school's IB'ers and consultants. */
  openWaits: readonly { id: string; firstName: string; since: string; userIds: readonly string[] }[];
  /** Working days from today to a date, negative once passed (workingDaysLeft with the SWV's calendar). */
  workingDaysUntil: (date: string) => number;
};

export type Reminder = {
  kind: NotificationKind;
  subjectType: NotificationSubject;
  subjectId: string;
  occasion: string;
  firstName: string;
  link: string;
  userIds: readonly string[];
};

export function remindersDue(facts: ReminderFacts): Reminder[] {
  const reminders: Reminder[] = [];
  for (const request of facts.runningRequests) {
    const left = facts.workingDaysUntil(request.deadlineOn);
    if (left > deadlineWarningWorkingDays) continue;
    reminders.push({
      kind: left < 0 ? 'deadline_passed' : 'deadline_near',
      subjectType: 'request',
      subjectId: request.id,
      occasion: request.deadlineOn,
      firstName: request.firstName,
      link: `/requests/${request.id}`,
      userIds: request.userIds,
    });
  }
  const evaluationCutoff = evaluationDueCutoff(facts.today);
  const evaluationTooOld = addDays(facts.today, -evaluationReminderLateDays);
  for (const plan of facts.activePlans) {
    if (plan.evaluationDueOn > evaluationCutoff || plan.evaluationDueOn < evaluationTooOld) continue;
    reminders.push({
      kind: 'evaluation_due',
      subjectType: 'plan',
      subjectId: plan.id,
      occasion: plan.evaluationDueOn,
      firstName: plan.firstName,
      link: `/students/${plan.studentId}/plan`,
      userIds: plan.userIds,
    });
  }
  for (const plan of facts.plansAwaitingParents) {
    reminders.push({
      kind: 'plan_awaiting_parents',
      subjectType: 'plan',
      subjectId: plan.id,
      // Each new text of the action part waits for its own answer.
      occasion: `${plan.version}.${plan.amendment}`,
      firstName: plan.firstName,
      link: `/students/${plan.studentId}/plan`,
      userIds: plan.userIds,
    });
  }
  const consentCutoff = addDays(facts.today, consentWarningDays);
  for (const consent of facts.expiringConsents) {
    if (consent.expiresOn < facts.today || consent.expiresOn > consentCutoff) continue;
    reminders.push({
      kind: 'consent_expiring',
      subjectType: 'consent',
      subjectId: consent.id,
      occasion: consent.expiresOn,
      firstName: consent.firstName,
      link: `/students/${consent.studentId}/consent`,
      userIds: consent.userIds,
    });
  }
  // The return is prepared two weeks ahead; one not yet told (the job did not run) is told up to two
  // weeks after the date, so no placement runs on unnoticed.
  const returnFrom = addDays(facts.today, -plannedReturnWarningDays);
  const returnUntil = addDays(facts.today, plannedReturnWarningDays);
  for (const placement of facts.plannedReturns) {
    if (placement.plannedReturnOn < returnFrom || placement.plannedReturnOn > returnUntil) continue;
    reminders.push({
      kind: 'planned_return',
      subjectType: 'request',
      subjectId: placement.id,
      occasion: placement.plannedReturnOn,
      firstName: placement.firstName,
      link: `/requests/${placement.id}`,
      userIds: placement.userIds,
    });
  }
  // docs/domain.md, "Transitions": a week before the term ends, and on the follow-up day (told up to
  // two weeks late when the job did not run).
  for (const move of facts.transitionTerms) {
    if (move.decideBy < facts.today || move.decideBy > addDays(facts.today, termWarningDays)) continue;
    reminders.push({
      kind: 'transition_term_ending',
      subjectType: 'transition',
      subjectId: move.id,
      occasion: move.decideBy,
      firstName: move.firstName,
      link: `/transitions/${move.id}`,
      userIds: move.userIds,
    });
  }
  for (const move of facts.transitionFollowUps) {
    if (move.followUpOn > facts.today || move.followUpOn < addDays(facts.today, -14)) continue;
    reminders.push({
      kind: 'transition_follow_up',
      subjectType: 'transition',
      subjectId: move.id,
      occasion: move.followUpOn,
      firstName: move.firstName,
      link: `/transitions/${move.id}`,
      userIds: move.userIds,
    });
  }
  // docs/domain.md, "Places and waiting lists": the day a wait reaches 3 months (told up to two weeks
  // late when the job did not run); older waits are marked on the list already.
  for (const wait of facts.openWaits) {
    const longOn = addMonths(wait.since, longWaitMonths);
    if (longOn > facts.today || longOn < addDays(facts.today, -14)) continue;
    reminders.push({
      kind: 'long_wait',
      subjectType: 'waiting_entry',
      subjectId: wait.id,
      occasion: longOn,
      firstName: wait.firstName,
      link: `/waiting-list/${wait.id}`,
      userIds: wait.userIds,
    });
  }
  return reminders.filter((reminder) => reminder.userIds.length > 0);
}
