// The requests on the homes (GET /api/requests): the consultant's and the committee's queue first
// (the few most urgent, overdue first, the way to the whole queue), and for a school's IB'er what
// waits for the school (sent back incomplete, drafts) beside what the SWV is handling.
import { Paragraph } from '@utrecht/component-library-react';
import { Link } from '../../app/router.tsx';
import { EmptyState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { overdueFirst, type Request, useRequests, waitingForSchool } from '../requests/queue.ts';
import { RequestTable } from '../requests/RequestTable.tsx';
import { useSchoolSupport } from './data.ts';
import { Panel, Part } from './panels.tsx';

const linkClass = 'utrecht-link utrecht-link--html-a';
/** How many requests the queue panel shows; the whole queue is a link away. */
const urgentCount = 5;
/** A school has few open requests; past this many, the panel says it shows the first ones. */
const schoolCount = 50;

/** Consultant and committee: the most urgent open requests, overdue first. */
export function RequestQueuePanel() {
  const { t, formatNumber } = useI18n();
  const open = useRequests({ state: 'open', limit: urgentCount });
  // The overdue ones first, even when the server's order would leave one off the first few.
  const late = useRequests({ state: 'open', overdue: 'true', limit: urgentCount });
  // Loading and errors of the first read, then of the second; the panel shows once both are in.
  const query = open.isSuccess ? late : open;
  return (
    <Panel query={query} title={() => t('work.home.queue.title')}>
      {() => {
        if (!open.data || !late.data) return null;
        const lateCount = late.data.total;
        const urgent = overdueFirst([
          ...late.data.requests,
          ...open.data.requests.filter(
            (request) => !late.data.requests.some((other) => other.id === request.id),
          ),
        ]).slice(0, urgentCount);
        if (open.data.total === 0) return <EmptyState>{t('work.home.queue.empty')}</EmptyState>;
        return (
          <>
            <Paragraph>
              {lateCount > 0
                ? t('work.home.queue.summary', {
                    open: formatNumber(open.data.total),
                    overdue: formatNumber(lateCount),
                  })
                : t('work.home.queue.summaryNoneLate', { open: formatNumber(open.data.total) })}
            </Paragraph>
            <RequestTable caption={t('work.home.queue.caption')} requests={urgent} />
            <div className="passend-work-links">
              <Link href="/requests" className={linkClass}>
                {`${t('work.home.queue.all')} (${formatNumber(open.data.total)})`}
              </Link>
              {lateCount > 0 && (
                <Link href="/requests?overdue=true" className={linkClass}>
                  {`${t('work.home.queue.late')} (${formatNumber(lateCount)})`}
                </Link>
              )}
              <Link href="/requests?mine=true" className={linkClass}>
                {t('work.home.queue.mine')}
              </Link>
            </div>
          </>
        );
      }}
    </Panel>
  );
}

/** IB'er: the school's open requests, what waits for the school first. */
export function SchoolRequestsPanel({ schoolId }: { schoolId: string }) {
  const { t, formatNumber } = useI18n();
  const query = useRequests({ state: 'open', schoolId, limit: schoolCount });
  // The school's name, from the support panel's read of the same school (asked once).
  const support = useSchoolSupport(schoolId);
  const schoolName = (requests: readonly Request[] | undefined) =>
    support.data?.school.name ?? requests?.[0]?.school.name;
  return (
    <Panel
      query={query}
      title={(data) => {
        const school = schoolName(data?.requests);
        return school ? t('work.home.school.title', { school }) : t('work.home.school.titlePending');
      }}
    >
      {(data) => {
        const waiting = waitingForSchool(data.requests);
        const atSwv = data.requests.filter((request) => !waiting.includes(request));
        return (
          <>
            {data.total > data.requests.length && (
              <Paragraph>
                {t('work.home.school.truncated', {
                  shown: formatNumber(data.requests.length),
                  total: formatNumber(data.total),
                })}
              </Paragraph>
            )}
            <Part title={t('work.home.school.waitingTitle')}>
              {waiting.length === 0 ? (
                <EmptyState>{t('work.home.school.noneWaiting')}</EmptyState>
              ) : (
                <RequestTable
                  caption={t('work.home.school.waitingCaption')}
                  requests={waiting}
                  withSchool={false}
                  withAssignee={false}
                  withProgress={false}
                  extra={[
                    {
                      header: t('work.col.todo'),
                      cell: (request) =>
                        t(
                          request.state === 'incomplete'
                            ? 'work.home.school.todo.incomplete'
                            : 'work.home.school.todo.draft',
                        ),
                    },
                  ]}
                />
              )}
            </Part>
            <Part title={t('work.home.school.atSwvTitle')}>
              {atSwv.length === 0 ? (
                <EmptyState>{t('work.home.school.noneAtSwv')}</EmptyState>
              ) : (
                <RequestTable
                  caption={t('work.home.school.atSwvCaption')}
                  requests={atSwv}
                  withSchool={false}
                />
              )}
            </Part>
            <Paragraph>
              <Link
                href={`/requests?schoolId=${encodeURIComponent(schoolId)}&state=all`}
                className={linkClass}
              >
                {t('work.home.school.all')}
              </Link>
            </Paragraph>
          </>
        );
      }}
    </Panel>
  );
}
