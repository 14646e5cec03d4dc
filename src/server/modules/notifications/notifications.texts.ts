// The words of an e-mail, in the user's language (docs/domain.md, "Notifications"). An e-mail
// names no child beyond a first name and says nothing of the file: the detail is behind sign-in.
// The inbox's words are the web app's (src/web/i18n/notifications.ts); keep the two alike.
import type { LanguageCode as Language } from '../../../domain/language.ts';
import type { NotificationKind } from '../../../domain/notifications.ts';

type Words = { subject: string; line: (firstName: string) => string };

/** "voor Hugo" / "for Hugo", or nothing when the notice is not about one child (a team's request). */
const forNl = (name: string) => (name ? ` voor ${name}` : '');
const forEn = (name: string) => (name ? ` for ${name}` : '');

const nl: Record<NotificationKind, Words> = {
  request_incomplete: {
    subject: 'Aanvraag teruggestuurd',
    line: (n) => `De aanvraag${forNl(n)} is teruggestuurd: niet compleet.`,
  },
  request_supplemented: {
    subject: 'Aanvraag aangevuld',
    line: (n) => `De aanvraag${forNl(n)} is aangevuld en wacht op u.`,
  },
  request_decided: {
    subject: 'Besluit genomen',
    line: (n) => `Er is een besluit genomen over de aanvraag${forNl(n)}.`,
  },
  deadline_near: {
    subject: 'Termijn loopt bijna af',
    line: (n) => `De termijn van de aanvraag${forNl(n)} loopt binnen twee werkdagen af.`,
  },
  deadline_passed: {
    subject: 'Termijn verstreken',
    line: (n) => `De termijn van de aanvraag${forNl(n)} is verstreken.`,
  },
  evaluation_due: {
    subject: 'Evaluatie nodig',
    line: (n) => `Het plan${forNl(n)} moet geëvalueerd worden.`,
  },
  // To the parents themselves (src/domain/reminders.ts).
  plan_awaiting_parents: {
    subject: 'Plan wacht op uw reactie',
    line: (n) => `Het plan${forNl(n)} wacht op uw reactie: bent u het ermee eens?`,
  },
  consent_expiring: {
    subject: 'Toestemming verloopt',
    line: (n) => `Een toestemming${forNl(n)} verloopt binnenkort.`,
  },
  planned_return: {
    subject: 'Terugkeer voorbereiden',
    line: (n) => `De geplande terugkeer${forNl(n)} naar school komt eraan: bereid hem voor.`,
  },
  objection_filed: {
    subject: 'Bezwaar ingediend',
    line: (n) => `Er is bezwaar gemaakt tegen een besluit${forNl(n)}.`,
  },
  objection_decided: {
    subject: 'Besluit op bezwaar',
    line: (n) => `Er is besloten op het bezwaar${forNl(n)}.`,
  },
  survey_invited: {
    subject: 'Uw mening gevraagd',
    line: (n) => `Wilt u een korte vragenlijst invullen over de hulp${forNl(n)}?`,
  },
  transition_handed_over: {
    subject: 'Overdracht ontvangen',
    line: (n) => `Er is een overdracht${forNl(n)} ontvangen: uw school beslist binnen de zorgplichttermijn.`,
  },
  transition_term_ending: {
    subject: 'Zorgplichttermijn loopt af',
    line: (n) => `De zorgplichttermijn${forNl(n)} loopt binnen een week af.`,
  },
  transition_follow_up: {
    subject: 'Nazorg na overstap',
    line: (n) => `Zes weken na de start: tijd voor de nazorg${forNl(n)}.`,
  },
  absence_threshold: {
    subject: 'Thuiszitter: grens bereikt',
    line: (n) => `Het verzuimdossier${forNl(n)} heeft een grens bereikt (4 weken, 3 of 6 maanden thuis).`,
  },
  absence_watch_due: {
    subject: 'Verzuim: 4 weken bereikt',
    line: (n) => `Het verzuim${forNl(n)} duurt 4 weken: maak er een verzuimdossier van.`,
  },
  long_wait: {
    subject: 'Wachtlijst: 3 maanden',
    line: (n) => `Het wachten op een plaats${forNl(n)} duurt 3 maanden: zoek met de ouders naar wat nu kan.`,
  },
  bulk_reading: {
    subject: 'Ongewoon veel dossiers geopend',
    line: () =>
      'Een medewerker opende het afgelopen uur de gegevens van ongewoon veel kinderen. Kijk of dat bij het werk past.',
  },
  break_glass: {
    subject: 'Noodtoegang tot een dossier',
    line: () =>
      'De beheerder van het platform heeft noodtoegang geopend tot het dossier van een kind, met een reden. U ziet wie, wanneer, hoe lang en waarom in Passend.',
  },
};

const en: Record<NotificationKind, Words> = {
  request_incomplete: {
    subject: 'Request sent back',
    line: (n) => `The request${forEn(n)} was sent back: not complete.`,
  },
  request_supplemented: {
    subject: 'Request supplemented',
    line: (n) => `The request${forEn(n)} was supplemented and awaits you.`,
  },
  request_decided: {
    subject: 'Decision taken',
    line: (n) => `A decision was taken on the request${forEn(n)}.`,
  },
  deadline_near: {
    subject: 'Deadline near',
    line: (n) => `The deadline of the request${forEn(n)} passes within two working days.`,
  },
  deadline_passed: {
    subject: 'Deadline passed',
    line: (n) => `The deadline of the request${forEn(n)} has passed.`,
  },
  evaluation_due: {
    subject: 'Evaluation due',
    line: (n) => `The plan${forEn(n)} is due for evaluation.`,
  },
  plan_awaiting_parents: {
    subject: 'Plan awaits your response',
    line: (n) => `The plan${forEn(n)} awaits your response: do you agree with it?`,
  },
  consent_expiring: {
    subject: 'Consent expiring',
    line: (n) => `A consent${forEn(n)} expires soon.`,
  },
  planned_return: {
    subject: 'Prepare the return',
    line: (n) => `The planned return${forEn(n)} to school is near: prepare it.`,
  },
  objection_filed: {
    subject: 'Objection filed',
    line: (n) => `An objection was filed against a decision${forEn(n)}.`,
  },
  objection_decided: {
    subject: 'Objection decided',
    line: (n) => `The objection${forEn(n)} was decided.`,
  },
  survey_invited: {
    subject: 'Your view asked',
    line: (n) => `Would you fill in a short survey about the help${forEn(n)}?`,
  },
  transition_handed_over: {
    subject: 'Hand-over received',
    line: (n) => `A hand-over${forEn(n)} came in: your school decides within the duty-of-care term.`,
  },
  transition_term_ending: {
    subject: 'Duty-of-care term ending',
    line: (n) => `The duty-of-care term${forEn(n)} ends within a week.`,
  },
  transition_follow_up: {
    subject: 'Follow-up after a move',
    line: (n) => `Six weeks after the start: time for the follow-up${forEn(n)}.`,
  },
  absence_threshold: {
    subject: 'Child at home: threshold reached',
    line: (n) => `The absence case${forEn(n)} reached a threshold (4 weeks, 3 or 6 months at home).`,
  },
  absence_watch_due: {
    subject: 'Absence: 4 weeks reached',
    line: (n) => `The absence${forEn(n)} has lasted 4 weeks: open an absence case.`,
  },
  long_wait: {
    subject: 'Waiting list: 3 months',
    line: (n) =>
      `The wait for a place${forEn(n)} has lasted 3 months: look with the parents at what can be done now.`,
  },
  bulk_reading: {
    subject: 'Unusually many files opened',
    line: () =>
      'A member of staff opened the data of unusually many children in the last hour. Check whether that fits their work.',
  },
  break_glass: {
    subject: 'Emergency access to a file',
    line: () =>
      "The platform's operator opened emergency access to a child's file, with a reason. See who, when, for how long and why in Passend.",
  },
};

const frame = {
  nl: {
    greeting: 'Goedendag,',
    open: 'Bekijk het in Passend (u logt eerst in):',
    digestSubject: (count: number) => `Passend: ${count} nieuwe ${count === 1 ? 'melding' : 'meldingen'}`,
    digestIntro: 'Dit is er de afgelopen dag voor u gebeurd:',
    footer: (settings: string) =>
      `U krijgt deze e-mail van Passend. Hoe u meldingen per e-mail krijgt, kiest u hier: ${settings}`,
  },
  en: {
    greeting: 'Hello,',
    open: 'See it in Passend (you sign in first):',
    digestSubject: (count: number) =>
      `Passend: ${count} new ${count === 1 ? 'notification' : 'notifications'}`,
    digestIntro: 'This happened for you in the past day:',
    footer: (settings: string) =>
      `This e-mail comes from Passend. Choose how you get notifications by e-mail here: ${settings}`,
  },
} as const;

export type MailNotice = { kind: NotificationKind; firstName: string; link: string };

const url = (publicUrl: string, path: string) => `${publicUrl.replace(/\/+$/, '')}${path}`;
const wordsOf = (language: Language | null) => (language === 'en' ? en : nl);
const frameOf = (language: Language | null) => (language === 'en' ? frame.en : frame.nl);

/** One notice as an e-mail: a subject without a name, the one line and the link. */
export function noticeMail(notice: MailNotice, language: Language | null, publicUrl: string) {
  const words = wordsOf(language)[notice.kind];
  const f = frameOf(language);
  return {
    subject: `Passend: ${words.subject}`,
    text: [
      f.greeting,
      '',
      words.line(notice.firstName),
      '',
      f.open,
      url(publicUrl, notice.link),
      '',
      '--',
      f.footer(url(publicUrl, '/settings/notifications')),
      '',
    ].join('\n'),
  };
}

/** A day's notices as one e-mail, each line with its link. */
export function digestMail(notices: readonly MailNotice[], language: Language | null, publicUrl: string) {
  const words = wordsOf(language);
  const f = frameOf(language);
  return {
    subject: f.digestSubject(notices.length),
    text: [
      f.greeting,
      '',
      f.digestIntro,
      '',
      ...notices.flatMap((n) => [`- ${words[n.kind].line(n.firstName)}`, `  ${url(publicUrl, n.link)}`]),
      '',
      '--',
      f.footer(url(publicUrl, '/settings/notifications')),
      '',
    ].join('\n'),
  };
}
