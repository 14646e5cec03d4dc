// The SWV's schools (vestigingen): name, BRIN + vestiging, kind, wijk and pupils, filtered by any
// text shown. Creating and editing start here.
import { Heading, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { Link } from '../../app/router.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useSchools } from './data.ts';
import { TextField } from './forms.tsx';
import './admin.css';

export default function SchoolsPage() {
  const { t, formatNumber } = useI18n();
  const schools = useSchools();
  const [filter, setFilter] = useState('');

  const header = (
    <>
      <Heading level={1}>{t('admin.schools.title')}</Heading>
      <Paragraph>{t('admin.schools.intro')}</Paragraph>
      <div className="passend-admin-toolbar">
        <Link
          href="/admin/schools/new"
          className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
        >
          {t('admin.schools.new')}
        </Link>
      </div>
    </>
  );
  if (schools.isPending) {
    return (
      <>
        {header}
        <LoadingState />
      </>
    );
  }
  if (schools.isError) {
    return (
      <>
        {header}
        <ErrorState onRetry={() => void schools.refetch()} />
      </>
    );
  }
  const needle = filter.trim().toLocaleLowerCase();
  const shown = needle
    ? schools.data.filter((school) =>
        [
          school.name,
          school.locationCode,
          school.wijk,
          school.municipality,
          t(`admin.kind.${school.kind}`),
        ].some((text) => text.toLocaleLowerCase().includes(needle)),
      )
    : schools.data;

  return (
    <>
      {header}
      {schools.data.length === 0 ? (
        <EmptyState>{t('admin.schools.empty')}</EmptyState>
      ) : (
        <>
          <search className="passend-admin-filter">
            <TextField
              path="filter"
              type="search"
              label={t('admin.schools.filter')}
              description={t('admin.schools.filterHint')}
              value={filter}
              onChange={setFilter}
            />
          </search>
          <Paragraph role="status" aria-live="polite">
            {t('admin.shown', { shown: shown.length, total: schools.data.length })}
          </Paragraph>
          {shown.length === 0 ? (
            <EmptyState>{t('admin.noMatch')}</EmptyState>
          ) : (
            <DataTable
              caption={t('admin.schools.caption')}
              columns={[
                {
                  header: t('admin.school.name'),
                  cell: (school) => (
                    <Link href={`/admin/schools/${school.id}`} className="utrecht-link">
                      {school.name}
                    </Link>
                  ),
                },
                { header: t('admin.school.locationCode'), cell: (school) => school.locationCode },
                { header: t('admin.school.kind'), cell: (school) => t(`admin.kind.${school.kind}`) },
                { header: t('admin.school.wijk'), cell: (school) => school.wijk },
                {
                  header: t('admin.school.pupilCount'),
                  cell: (school) => formatNumber(school.pupilCount),
                  numeric: true,
                },
              ]}
              rows={shown}
              rowKey={(school) => school.id}
            />
          )}
        </>
      )}
    </>
  );
}
