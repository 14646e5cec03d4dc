// The English texts of jobs.ts, loaded only when someone reads Passend in English.
import type { jobsNl } from './jobs.ts';

export const jobsEn: Record<keyof typeof jobsNl, string> = {
  'nav.admin.jobs': 'Scheduled jobs',
  'jobs.title': 'Scheduled jobs',
  'jobs.intro':
    'Passend does some things by itself at set times: sending reminders, sending e-mail and cleaning up. Here you see what waits, what runs and what failed.',
  'jobs.notRunning':
    'This server does not run the scheduled jobs now. Another server of the same installation may.',
  'jobs.caption': 'Jobs',
  'jobs.name': 'Job',
  'jobs.when': 'When',
  'jobs.pending': 'Waiting',
  'jobs.active': 'Running',
  'jobs.failed': 'Failed',
  'jobs.lastRun': 'Last finished',
  'jobs.never': 'Not yet',
  'jobs.runNow': 'Run now',
  'jobs.runNowLabel': 'Run now: {name}',
  'jobs.sent': '{name} is queued to run.',
  'jobs.alreadyWaiting': '{name} is already waiting to run.',
  'jobs.error': 'That did not work. Please try again.',
  'jobs.failedTitle': 'Failed jobs',
  'jobs.failedIntro':
    'A job that fails is tried four more times, each time later. If it still fails, it stays here until you retry it.',
  'jobs.failedCaption': 'Failed jobs, newest first',
  'jobs.failedAt': 'Failed at',
  'jobs.attempts': 'Attempts',
  'jobs.message': 'Error message',
  'jobs.retry': 'Retry',
  'jobs.retryLabel': 'Retry: {name}',
  'jobs.retried': '{name} will be retried.',
  'jobs.noneFailed': 'There are no failed jobs.',
  'jobs.none': 'There are no jobs yet. They appear once the server first schedules them.',
  'jobs.job.housekeeping': 'Clean-up (expired sessions)',
  'jobs.job.reminders': 'Reminders (deadlines, evaluations, consents)',
  'jobs.job.emails': 'Send e-mail',
  'jobs.job.digests': 'Daily e-mail digest',
  'jobs.when.housekeeping': 'Every 10 minutes',
  'jobs.when.reminders': 'Weekdays at 7:00',
  'jobs.when.emails': 'Every minute',
  'jobs.when.digests': 'Every day at 7:30',
};
