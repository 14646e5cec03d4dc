// What a user hears about, and how (docs/domain.md, "Notifications"). Pure: no I/O.

/** The kinds of notification; each user chooses per kind how they hear it by e-mail. */
export const notificationKinds = [
  'request_incomplete',
  'request_supplemented',
  'request_decided',
  'deadline_near',
  'deadline_passed',
  'evaluation_due',
  'plan_awaiting_parents',
  'consent_expiring',
  'objection_filed',
  'objection_decided',
  'survey_invited',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** What a notification is about; the link in the inbox and the e-mail leads there. */
export const notificationSubjects = ['request', 'plan', 'consent', 'objection', 'survey'] as const;
export type NotificationSubject = (typeof notificationSubjects)[number];

/** Per kind: an e-mail at once, one daily digest, or the inbox only. */
export const emailChoices = ['on', 'digest', 'off'] as const;
export type EmailChoice = (typeof emailChoices)[number];

/** Where a notification's e-mail stands. */
export const emailStates = ['none', 'pending', 'digest', 'sent', 'failed'] as const;
export type EmailState = (typeof emailStates)[number];

/** The states of one e-mail message in the outbox. */
export const outboxStates = ['pending', 'sent', 'failed', 'held'] as const;
export type OutboxState = (typeof outboxStates)[number];

/** The e-mail choice of a kind the user has not chosen for: deadlines at once, the rest daily. */
export function defaultEmailChoice(kind: NotificationKind): EmailChoice {
  return kind === 'deadline_near' || kind === 'deadline_passed' ? 'on' : 'digest';
}

/** Where a new notification's e-mail starts, from the user's choice for its kind. */
export function emailStateFor(choice: EmailChoice): EmailState {
  return choice === 'on' ? 'pending' : choice === 'digest' ? 'digest' : 'none';
}
