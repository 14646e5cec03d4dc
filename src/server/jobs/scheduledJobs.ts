// The installation's scheduled work (docs/domain.md, "Notifications"; docs/decisions/0021): what
// runs when. Every job is idempotent, so a retry or a second instance changes nothing twice.
import type { Database } from '../db/client.ts';
import { cleanUpExpired } from '../housekeeping.ts';
import { runAbsenceThresholds } from '../modules/absence/absence.commands.ts';
import {
  type Mailer,
  sendDailyDigests,
  sendPendingEmails,
} from '../modules/notifications/notifications.mail.ts';
import { inviteAfterEndedArrangements } from '../modules/surveys/surveys.commands.ts';
import type { JobDefinition } from './jobQueue.ts';
import { sendReminders } from './reminders.ts';

export type MailSettings = {
  /** The SMTP server's mailer; null: e-mails are held in the outbox (the embedded mode's default). */
  mailer: Mailer | null;
  /** The web app's address, for the links in e-mails. */
  publicUrl: string;
};

export function scheduledJobs(database: Database, mail: MailSettings): JobDefinition[] {
  return [
    // Expired sessions and throttle windows.
    { name: 'housekeeping', cron: '*/10 * * * *', run: (now) => cleanUpExpired(database, now) },
    // Deadlines, evaluations, plans waiting for the parents, consents ending: before school starts.
    { name: 'reminders', cron: '0 7 * * 1-5', run: (now) => sendReminders(database, now) },
    // Arrangements whose period has ended without an evaluation: the parents get the survey.
    {
      name: 'surveys',
      cron: '15 7 * * *',
      run: (now) => database.db.transaction((tx) => inviteAfterEndedArrangements(tx, now)),
    },
    // Children at home: the thresholds of 4 weeks, 3 and 6 months and the escalation, every day.
    { name: 'absence', cron: '45 6 * * *', run: (now) => runAbsenceThresholds(database, now) },
    // E-mails of the notices whose users want them at once, and the daily digest of the others.
    {
      name: 'emails',
      cron: '* * * * *',
      run: (now) => sendPendingEmails(database, mail.mailer, now, mail.publicUrl),
    },
    {
      name: 'digests',
      cron: '30 7 * * *',
      run: (now) => sendDailyDigests(database, mail.mailer, now, mail.publicUrl),
    },
  ];
}
