import { describe, expect, it } from 'vitest';
import { notificationKinds } from '../../../domain/notifications.ts';
import { digestMail, noticeMail } from './notifications.texts.ts';

describe('the words of an e-mail', () => {
  const notice = { kind: 'request_incomplete' as const, firstName: 'Hugo', link: '/requests/abc' };

  it('says what happened with the first name and the link, in Dutch unless the user chose English', () => {
    const dutch = noticeMail(notice, null, 'https://passend.example/');
    expect(dutch.subject).toBe('Passend: Aanvraag teruggestuurd');
    expect(dutch.text).toContain('De aanvraag voor Hugo is teruggestuurd: niet compleet.');
    expect(dutch.text).toContain('https://passend.example/requests/abc');
    expect(dutch.text).toContain('https://passend.example/settings/notifications');
    const english = noticeMail(notice, 'en', 'https://passend.example');
    expect(english.subject).toBe('Passend: Request sent back');
    expect(english.text).toContain('The request for Hugo was sent back: not complete.');
  });

  it('keeps names out of every subject, and leaves out "for" when there is no child', () => {
    for (const kind of notificationKinds) {
      for (const language of ['nl', 'en'] as const) {
        const mail = noticeMail({ kind, firstName: 'Hugo', link: '/x' }, language, 'https://p.example');
        expect(mail.subject).not.toContain('Hugo');
        // An alert about a member of staff (bulk reading) or the operator's break-glass access names no child.
        if (kind === 'bulk_reading' || kind === 'break_glass') expect(mail.text).not.toContain('Hugo');
        else expect(mail.text).toContain('Hugo');
      }
    }
    const team = noticeMail({ ...notice, firstName: '' }, 'nl', 'https://p.example');
    expect(team.text).toContain('De aanvraag is teruggestuurd: niet compleet.');
  });

  it('gathers a digest in one e-mail, a line and a link per notice', () => {
    const mail = digestMail(
      [notice, { kind: 'request_decided', firstName: 'Noor', link: '/requests/def' }],
      'nl',
      'https://p.example',
    );
    expect(mail.subject).toBe('Passend: 2 nieuwe meldingen');
    expect(mail.text).toContain(
      '- De aanvraag voor Hugo is teruggestuurd: niet compleet.\n  https://p.example/requests/abc',
    );
    expect(mail.text).toContain('- Er is een besluit genomen over de aanvraag voor Noor.');
    expect(digestMail([notice], 'en', 'https://p.example').subject).toBe('Passend: 1 new notification');
  });
});
