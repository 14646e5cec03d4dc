// The SWV's objections (/objections): the queue with the LBT clock, shortest time first, and the
// board's counts of the school year (objections, disputes, complaints, support-point signals).
import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { Link } from '../../app/router.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { type ObjectionRow, objectionPage, useObjectionQueue } from './data.ts';
import { LbtClock, ObjectionState } from './parts.tsx';
import { Summary } from './Summary.tsx';
import '../requests/work.css';

export default function ObjectionsPage() {
  const { t, formatDate } = useI18n();
  const [state, setState] = useState<'open' | 'all'>('open');
  const queue = useObjectionQueue(state);
  return (
    <>
      <Heading level={1}>{t('obj.queue.title')}</Heading>
      <Paragraph>{t('obj.queue.intro')}</Paragraph>
      <Paragraph>
        <Button
          appearance="secondary-action-button"
          onClick={() => setState(state === 'open' ? 'all' : 'open')}
        >
          {t(state === 'open' ? 'obj.queue.all' : 'obj.queue.open')}
        </Button>
      </Paragraph>
      {queue.isPending ? (
        <LoadingState />
      ) : queue.isError ? (
        <ErrorState onRetry={() => void queue.refetch()} />
      ) : queue.data.objections.length === 0 ? (
        <EmptyState>{t('obj.queue.empty')}</EmptyState>
      ) : (
        <DataTable<ObjectionRow>
          caption={t('obj.queue.caption')}
          rows={queue.data.objections}
          rowKey={(row) => row.id}
          rowClassName={(row) =>
            row.clock.overdue && !row.clock.stopped ? 'passend-work-row--late' : undefined
          }
          columns={[
            {
              header: t('obj.col.request'),
              cell: (row) => (
                <Link href={objectionPage(row.id)} className="utrecht-link">
                  {t('obj.queue.link', { number: row.requestNumber })}
                </Link>
              ),
            },
            { header: t('obj.col.child'), cell: (row) => row.studentName ?? t('obj.team') },
            { header: t('obj.col.received'), cell: (row) => formatDate(row.receivedOn) },
            { header: t('obj.col.state'), cell: (row) => <ObjectionState objection={row} /> },
            { header: t('obj.col.lbt'), cell: (row) => <LbtClock objection={row} /> },
          ]}
        />
      )}
      <Summary />
    </>
  );
}
