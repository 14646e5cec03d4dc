// The installation's scheduled work (docs/domain.md, "Notifications"; docs/decisions/0021): what
// runs when. Every job is idempotent, so a retry or a second instance changes nothing twice.
import type { Database } from '../db/client.ts';
import { cleanUpExpired } from '../housekeeping.ts';
import { inviteAfterEndedArrangements } from '../modules/surveys/surveys.commands.ts';
import type { JobDefinition } from './jobQueue.ts';
import { sendReminders } from './reminders.ts';

export function scheduledJobs(database: Database): JobDefinition[] {
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
  ];
}
