// The administrators' audit trail (/admin/audit): who changed which account, role or sign-in
// setting, and when, newest first, a hundred at a time. Read-only: the log cannot be changed.
import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { DataTable } from '../../components/DataTable.tsx';
import { EmptyState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { type AdminEvent, useAdminEvents } from './data.ts';
import { Loaded } from './frames.tsx';
import './admin.css';

/** The role a role event is about, in words ("IB’er"); other events have none. */
function useRoleOf() {
  const { t } = useI18n();
  return (event: AdminEvent): string => {
    const role = event.details.role;
    return typeof role === 'string' && role !== 'operator' ? ` — ${t(`role.${role as 'parent'}`)}` : '';
  };
}

function EventsTable({ before, onOlder }: { before: string | null; onOlder: (last: string) => void }) {
  const { t, formatDateTime } = useI18n();
  const events = useAdminEvents(before);
  const roleOf = useRoleOf();
  return (
    <Loaded queries={[events]}>
      {() => {
        const rows = events.data ?? [];
        if (rows.length === 0) return <EmptyState>{t('admin.audit.empty')}</EmptyState>;
        return (
          <>
            <DataTable
              caption={t('admin.audit.caption')}
              rows={rows}
              rowKey={(event) => event.id}
              columns={[
                { header: t('admin.audit.at'), cell: (event) => formatDateTime(event.at) },
                {
                  header: t('admin.audit.actor'),
                  cell: (event) => event.actor?.displayName ?? t('admin.audit.operator'),
                },
                {
                  header: t('admin.audit.what'),
                  cell: (event) => `${t(`admin.audit.kind.${event.kind}`)}${roleOf(event)}`,
                },
                { header: t('admin.audit.subject'), cell: (event) => event.subject?.displayName ?? '' },
              ]}
            />
            {rows.length === 100 && (
              <div className="passend-admin-actions">
                <Button
                  appearance="secondary-action-button"
                  onClick={() => onOlder(rows[rows.length - 1]!.at)}
                >
                  {t('admin.audit.more')}
                </Button>
              </div>
            )}
          </>
        );
      }}
    </Loaded>
  );
}

export default function AuditPage() {
  const { t } = useI18n();
  const [before, setBefore] = useState<string | null>(null);
  return (
    <>
      <Heading level={1}>{t('admin.audit.title')}</Heading>
      <Paragraph>{t('admin.audit.intro')}</Paragraph>
      <EventsTable before={before} onOlder={setBefore} />
    </>
  );
}
