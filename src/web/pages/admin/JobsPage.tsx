// The operator's page of scheduled work (/admin/jobs): per job when it runs, what waits, runs and
// failed, when it last finished, "run now"; and the parked failures with "retry"
// (docs/decisions/0021-pg-boss-job-queue.md).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { JobSent, JobsView } from '../../../contracts/jobs.ts';
import { api } from '../../app/api.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { type Feedback, FeedbackMessage } from '../../components/forms.tsx';
import { EmptyState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/nl.ts';
import { Loaded } from './frames.tsx';
import './admin.css';

const jobsKey = ['jobs'] as const;
/**
 * The jobs the app schedules (src/server/jobs/scheduledJobs.ts) and when, in words; another job
 * shows its name and its cron line.
 */
const jobLabels: Record<string, { name: MessageKey; when: MessageKey }> = {
  housekeeping: { name: 'jobs.job.housekeeping', when: 'jobs.when.housekeeping' },
  reminders: { name: 'jobs.job.reminders', when: 'jobs.when.reminders' },
  surveys: { name: 'jobs.job.surveys', when: 'jobs.when.surveys' },
  emails: { name: 'jobs.job.emails', when: 'jobs.when.emails' },
  digests: { name: 'jobs.job.digests', when: 'jobs.when.digests' },
};

export default function JobsPage() {
  const { t, formatDateTime, formatNumber } = useI18n();
  const client = useQueryClient();
  const jobs = useQuery({ queryKey: jobsKey, queryFn: () => api<typeof JobsView>('GET', '/api/jobs') });
  const [feedback, setFeedback] = useState<Feedback>(null);
  const nameOf = (name: string) => {
    const label = jobLabels[name];
    return label ? t(label.name) : name;
  };
  const whenOf = (name: string, cron: string | null) => {
    const label = jobLabels[name];
    return label ? t(label.when) : <code>{cron ?? ''}</code>;
  };

  async function act(path: string, done: (sent: { id: string | null } | null) => string) {
    try {
      setFeedback({ ok: true, text: done(await api<typeof JobSent>('POST', path)) });
    } catch {
      setFeedback({ ok: false, text: t('jobs.error') });
    }
    await client.invalidateQueries({ queryKey: jobsKey });
  }

  return (
    <>
      <Heading level={1}>{t('jobs.title')}</Heading>
      <Paragraph>{t('jobs.intro')}</Paragraph>
      <FeedbackMessage feedback={feedback} />
      <Loaded queries={[jobs]}>
        {() => {
          const view = jobs.data!;
          return (
            <>
              {!view.running && <Alert type="info">{t('jobs.notRunning')}</Alert>}
              {view.queues.length === 0 ? (
                <EmptyState>{t('jobs.none')}</EmptyState>
              ) : (
                <DataTable
                  caption={t('jobs.caption')}
                  rows={view.queues}
                  rowKey={(queue) => queue.name}
                  columns={[
                    { header: t('jobs.name'), cell: (queue) => nameOf(queue.name) },
                    { header: t('jobs.when'), cell: (queue) => whenOf(queue.name, queue.cron) },
                    { header: t('jobs.pending'), cell: (queue) => formatNumber(queue.pending) },
                    { header: t('jobs.active'), cell: (queue) => formatNumber(queue.active) },
                    { header: t('jobs.failed'), cell: (queue) => formatNumber(queue.failed) },
                    {
                      header: t('jobs.lastRun'),
                      cell: (queue) =>
                        queue.lastCompletedAt ? formatDateTime(queue.lastCompletedAt) : t('jobs.never'),
                    },
                    {
                      header: t('jobs.runNow'),
                      cell: (queue) => (
                        <Button
                          appearance="secondary-action-button"
                          disabled={!view.running}
                          aria-label={t('jobs.runNowLabel', { name: nameOf(queue.name) })}
                          onClick={() =>
                            act(`/api/jobs/${encodeURIComponent(queue.name)}/run`, (sent) =>
                              t(sent?.id ? 'jobs.sent' : 'jobs.alreadyWaiting', { name: nameOf(queue.name) }),
                            )
                          }
                        >
                          {t('jobs.runNow')}
                        </Button>
                      ),
                    },
                  ]}
                />
              )}
              <Heading level={2}>{t('jobs.failedTitle')}</Heading>
              <Paragraph>{t('jobs.failedIntro')}</Paragraph>
              {view.failed.length === 0 ? (
                <EmptyState>{t('jobs.noneFailed')}</EmptyState>
              ) : (
                <DataTable
                  caption={t('jobs.failedCaption')}
                  rows={view.failed}
                  rowKey={(job) => job.id}
                  columns={[
                    { header: t('jobs.name'), cell: (job) => nameOf(job.name) },
                    {
                      header: t('jobs.failedAt'),
                      cell: (job) => (job.failedAt ? formatDateTime(job.failedAt) : ''),
                    },
                    { header: t('jobs.attempts'), cell: (job) => formatNumber(job.attempts) },
                    { header: t('jobs.message'), cell: (job) => job.message },
                    {
                      header: t('jobs.retry'),
                      cell: (job) => (
                        <Button
                          appearance="secondary-action-button"
                          disabled={!view.running}
                          aria-label={t('jobs.retryLabel', { name: nameOf(job.name) })}
                          onClick={() =>
                            act(
                              `/api/jobs/${encodeURIComponent(job.name)}/failed/${encodeURIComponent(job.id)}/retry`,
                              () => t('jobs.retried', { name: nameOf(job.name) }),
                            )
                          }
                        >
                          {t('jobs.retry')}
                        </Button>
                      ),
                    },
                  ]}
                />
              )}
            </>
          );
        }}
      </Loaded>
    </>
  );
}
