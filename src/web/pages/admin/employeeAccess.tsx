// What an employee did with children's files, per day (docs/SECURITY.md A3, staff side): for the
// administrator, who sees no children's data, so counts only — how many children, reads, changes,
// downloads and prints, refusals, first and last time. The last two weeks; a bulk-reading alert
// (E5) leads here.

import { useQuery } from '@tanstack/react-query';
import { Heading, Paragraph } from '@utrecht/component-library-react';
import type { EmployeeAccessView } from '../../../contracts/organisations.ts';
import { api } from '../../app/api.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { EmptyState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { adminKeys, type User } from './data.ts';
import { Loaded } from './frames.tsx';

export function EmployeeAccess({ user }: { user: User }) {
  const { t, formatDate, formatTime } = useI18n();
  const access = useQuery({
    queryKey: [...adminKeys.users, user.id, 'access'],
    queryFn: () => api<typeof EmployeeAccessView>('GET', `/api/users/${user.id}/access`),
  });
  return (
    <section aria-labelledby="employee-access" className="passend-admin-section">
      <Heading level={2} id="employee-access">
        {t('admin.user.access.title')}
      </Heading>
      <Paragraph>{t('admin.user.access.intro', { name: user.displayName })}</Paragraph>
      <Loaded queries={[access]}>
        {() => {
          const days = access.data?.days ?? [];
          if (days.length === 0) return <EmptyState>{t('admin.user.access.empty')}</EmptyState>;
          return (
            <DataTable
              caption={t('admin.user.access.caption', { name: user.displayName })}
              rows={days}
              rowKey={(day) => day.day}
              columns={[
                { header: t('admin.user.access.day'), cell: (day) => formatDate(day.day) },
                { header: t('admin.user.access.children'), cell: (day) => day.children, numeric: true },
                { header: t('admin.user.access.reads'), cell: (day) => day.reads, numeric: true },
                { header: t('admin.user.access.changes'), cell: (day) => day.changes, numeric: true },
                { header: t('admin.user.access.exports'), cell: (day) => day.exports, numeric: true },
                { header: t('admin.user.access.denied'), cell: (day) => day.denied, numeric: true },
                {
                  header: t('admin.user.access.between'),
                  cell: (day) => `${formatTime(day.firstAt)}–${formatTime(day.lastAt)}`,
                },
              ]}
            />
          );
        }}
      </Loaded>
    </section>
  );
}
