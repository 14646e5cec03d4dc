// Requests as a table, in the queue and on the homes: the number (leading to the request), the
// child or team, school, type, state, who handles it and the clock. An overdue request stands out
// by a marked row and by the words "Te laat" with its days late, never by colour alone; a crisis
// placement carries the mark "Spoed".
import { StatusBadge } from '@utrecht/component-library-react';
import { Link } from '../../app/router.tsx';
import { type Column, DataTable } from '../../components/DataTable.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { Request } from './queue.ts';
import './work.css';

/** Where the request's clock stands, in words: days left, the last day, days late, or stopped. */
export function ClockText({ request }: { request: Request }) {
  const { t, formatDate } = useI18n();
  const { clock, state } = request;
  if (state === 'withdrawn') return <>—</>;
  if (clock.stopped) return <>{t(clock.overdue ? 'request.clock.stoppedLate' : 'request.clock.stopped')}</>;
  if (clock.deadlineOn === null || clock.daysLeft === null) return <>{t('request.clock.notStarted')}</>;
  const date = formatDate(clock.deadlineOn);
  if (clock.overdue || clock.daysLeft < 0)
    return (
      <span className="passend-work-late">
        <StatusBadge status="danger" className="passend-work-badge passend-work-badge--late">
          <span aria-hidden="true">⚠ </span>
          {t('work.overdue')}
        </StatusBadge>{' '}
        {t('request.clock.overdue', { days: Math.abs(clock.daysLeft) })}{' '}
        <span className="passend-work-date">{t('work.clock.deadlineOn', { date })}</span>
      </span>
    );
  if (clock.daysLeft === 0) return <>{`${t('request.clock.lastDay')} (${date})`}</>;
  if (clock.daysLeft === 1) return <>{t('work.clock.oneDayLeft', { date })}</>;
  return <>{t('request.clock.daysLeft', { days: clock.daysLeft, date })}</>;
}

/** The child's name, or that the request is for the school's team. */
export function useSubjectOf() {
  const { t } = useI18n();
  return (request: Request) => request.student?.name ?? t('work.team');
}

export function TypeText({ request }: { request: Request }) {
  const { t } = useI18n();
  return (
    <>
      {request.type.name}
      {request.type.crisis && (
        <>
          {' '}
          <StatusBadge status="warning" className="passend-work-badge">
            {t('work.crisis')}
          </StatusBadge>
        </>
      )}
    </>
  );
}

export function StateText({ request }: { request: Request }) {
  const { t } = useI18n();
  const state = t(`request.state.${request.state}`);
  return (
    <>{request.outcome ? `${state}: ${t(`request.outcome.${request.outcome}`).toLowerCase()}` : state}</>
  );
}

export function RequestTable({
  caption,
  requests,
  withSchool = true,
  withAssignee = true,
  withProgress = true,
  extra = [],
}: {
  caption: string;
  requests: readonly Request[];
  /** The school's own lists leave out the school. */
  withSchool?: boolean;
  withAssignee?: boolean;
  /** The state and the clock; what waits for the school says what to do instead. */
  withProgress?: boolean;
  /** Columns after the request's own (what the school has to do). */
  extra?: readonly Column<Request>[];
}) {
  const { t } = useI18n();
  const subjectOf = useSubjectOf();
  const columns: Column<Request>[] = [
    {
      header: t('work.col.number'),
      cell: (request) => (
        <Link
          href={`/requests/${encodeURIComponent(request.id)}`}
          className="utrecht-link utrecht-link--html-a passend-work-number"
          aria-label={t('work.link', { number: request.number, subject: subjectOf(request) })}
        >
          {request.number}
        </Link>
      ),
    },
    { header: t('work.col.subject'), cell: subjectOf },
    ...(withSchool
      ? [{ header: t('work.col.school'), cell: (request: Request) => request.school.name }]
      : []),
    { header: t('work.col.type'), cell: (request) => <TypeText request={request} /> },
    ...(withProgress
      ? [{ header: t('work.col.state'), cell: (request: Request) => <StateText request={request} /> }]
      : []),
    ...(withAssignee
      ? [
          {
            header: t('work.col.assignee'),
            cell: (request: Request) => request.assignedTo?.name ?? t('work.nobody'),
          },
        ]
      : []),
    ...(withProgress
      ? [{ header: t('work.col.deadline'), cell: (request: Request) => <ClockText request={request} /> }]
      : []),
    ...extra,
  ];
  return (
    <div className="passend-work-table">
      <DataTable
        caption={caption}
        columns={columns}
        rows={requests}
        rowKey={(request) => request.id}
        rowClassName={(request) => (request.clock.overdue ? 'passend-work-row--late' : undefined)}
      />
    </div>
  );
}
