import { describe, expect, it } from 'vitest';
import {
  defaultEmailChoice,
  effectiveChoices,
  emailStateFor,
  isDeliverableAddress,
  maxEmailAttempts,
  notificationKinds,
  outboxStateAfterFailure,
  retryRefusal,
} from './notifications.ts';

describe('notifications', () => {
  it('mails deadlines at once and gathers the rest in the daily digest by default', () => {
    expect(defaultEmailChoice('deadline_near')).toBe('on');
    expect(defaultEmailChoice('deadline_passed')).toBe('on');
    expect(defaultEmailChoice('bulk_reading')).toBe('on');
    expect(defaultEmailChoice('break_glass')).toBe('on');
    expect(defaultEmailChoice('request_incomplete')).toBe('digest');
    expect(defaultEmailChoice('request_decided')).toBe('digest');
  });

  it('starts a notification’s e-mail from the choice', () => {
    expect(emailStateFor('on')).toBe('pending');
    expect(emailStateFor('digest')).toBe('digest');
    expect(emailStateFor('off')).toBe('none');
  });

  it('tries an e-mail again until the last attempt, then parks it as failed', () => {
    expect(outboxStateAfterFailure(1)).toBe('pending');
    expect(outboxStateAfterFailure(maxEmailAttempts - 1)).toBe('pending');
    expect(outboxStateAfterFailure(maxEmailAttempts)).toBe('failed');
    expect(outboxStateAfterFailure(maxEmailAttempts + 3)).toBe('failed');
  });

  it('hands only plain addresses to the SMTP server', () => {
    expect(isDeliverableAddress('ib@school.example')).toBe(true);
    expect(isDeliverableAddress('a.b+c@sub.school.nl')).toBe(true);
    for (const bad of [
      '',
      'no-at-sign',
      'two@@school.nl',
      'space in@school.nl',
      'ib@school',
      'ib@school.nl\r\nBcc: x@y.nl',
      '<ib@school.nl>',
      `${'a'.repeat(250)}@s.nl`,
    ]) {
      expect(isDeliverableAddress(bad), bad).toBe(false);
    }
  });

  it('lists every kind with the user’s own choice or the default', () => {
    const choices = effectiveChoices(new Map([['request_decided', 'off']]));
    expect(choices).toHaveLength(notificationKinds.length);
    expect(choices.find((c) => c.kind === 'request_decided')).toEqual({
      kind: 'request_decided',
      email: 'off',
      isDefault: false,
    });
    expect(choices.find((c) => c.kind === 'deadline_near')).toEqual({
      kind: 'deadline_near',
      email: 'on',
      isDefault: true,
    });
  });

  it('sends a message again only when it failed or was held, and to a usable address', () => {
    expect(retryRefusal('failed', 'ib@school.nl')).toBeNull();
    expect(retryRefusal('held', 'ib@school.nl')).toBeNull();
    expect(retryRefusal('sent', 'ib@school.nl')?.rule).toBe('outbox_not_retryable');
    expect(retryRefusal('pending', 'ib@school.nl')?.rule).toBe('outbox_not_retryable');
    expect(retryRefusal('failed', 'ib@school')?.rule).toBe('email_address_invalid');
  });
});
