// What a user hears about, and how (docs/domain.md, "Notifications"). Pure: no I/O.
import { type Refusal, refuse } from './refusal.ts';

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
  'planned_return',
  'objection_filed',
  'objection_decided',
  'survey_invited',
  'transition_handed_over',
  'transition_term_ending',
  'transition_follow_up',
  'absence_threshold',
  'absence_watch_due',
  'long_wait',
  'bulk_reading',
  'break_glass',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** What a notification is about; the link in the inbox and the e-mail leads there. */
export const notificationSubjects = [
  'request',
  'plan',
  'consent',
  'objection',
  'survey',
  'transition',
  'absence_case',
  'absence_watch',
  'waiting_entry',
  'user',
  'break_glass',
] as const;
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

/** The e-mail choice of a kind the user has not chosen for: deadlines and alerts at once, the rest daily. */
export function defaultEmailChoice(kind: NotificationKind): EmailChoice {
  return kind === 'deadline_near' ||
    kind === 'deadline_passed' ||
    kind === 'bulk_reading' ||
    kind === 'break_glass'
    ? 'on'
    : 'digest';
}

/** Where a new notification's e-mail starts, from the user's choice for its kind. */
export function emailStateFor(choice: EmailChoice): EmailState {
  return choice === 'on' ? 'pending' : choice === 'digest' ? 'digest' : 'none';
}

/** An e-mail is tried this many times; after the last failure it stays 'failed' for the operator. */
export const maxEmailAttempts = 5;

/** After a failed attempt (attempts counted with it): try again on the next run, or give up. */
export function outboxStateAfterFailure(attempts: number): Extract<OutboxState, 'pending' | 'failed'> {
  return attempts >= maxEmailAttempts ? 'failed' : 'pending';
}

/**
 * Whether an address can be handed to an SMTP server: one @, a dotted domain, no spaces, quotes,
 * angle brackets or line breaks (which would break the message's header), at most 254 characters.
 */
export function isDeliverableAddress(address: string): boolean {
  if (address.length === 0 || address.length > 254) return false;
  return /^[^\s@"<>(),;:\\[\]]+@[^\s@"<>(),;:\\[\]]+\.[^\s@"<>(),;:\\[\].]{2,}$/.test(address);
}

/** The choice that holds for each kind: the user's own, else the default. */
export function effectiveChoices(
  chosen: ReadonlyMap<NotificationKind, EmailChoice>,
): { kind: NotificationKind; email: EmailChoice; isDefault: boolean }[] {
  return notificationKinds.map((kind) => {
    const own = chosen.get(kind);
    return { kind, email: own ?? defaultEmailChoice(kind), isDefault: own === undefined };
  });
}

/** A message is tried again only when it failed or was held; a sent or pending one is left alone. */
export function retryRefusal(
  state: OutboxState,
  address: string,
): Refusal<'outbox_not_retryable' | 'email_address_invalid'> | null {
  if (state !== 'failed' && state !== 'held') {
    return refuse('outbox_not_retryable', 'Only a failed or held message is sent again', { state });
  }
  if (!isDeliverableAddress(address)) {
    return refuse(
      'email_address_invalid',
      'The account’s e-mail address cannot be used; correct it first',
      {},
    );
  }
  return null;
}
