// Children at home (/absence): the absence cases, past the red line first and then the longest at
// home, with filters (kind, municipality, school, days at home) kept in the address; and the open
// watches the schools reported before the 4 weeks, which leerplicht or the school turns into a case.
import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { absenceKinds } from '../../../domain/absence.ts';
import { ApiError } from '../../app/api.ts';
import { Link, navigate, useLocation } from '../../app/router.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { type Feedback, FeedbackMessage, SelectField, TextField } from '../../components/forms.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Refusal } from '../student/Refusal.tsx';
import { type AbsenceListData, absenceErrors, casePage, useAbsenceChange, useAbsenceList } from './data.ts';
import './absence.css';

type CaseRow = AbsenceListData['cases'][number];
type WatchRow = AbsenceListData['watches'][number];
const filterKeys = ['kind', 'municipality', 'schoolId', 'days'] as const;

export default function AbsencePage() {
  const { t, formatDate, formatNumber } = useI18n();
  const location = useLocation();
  const params = new URLSearchParams(location.search);
  const server = new URLSearchParams(
    [...params.entries()].filter(([key]) => key !== 'days' && filterKeys.includes(key as never)),
  ).toString();
  const list = useAbsenceList(server ? `?${server}` : '');
  const change = useAbsenceChange();
  const [feedback, setFeedback] = useState<Feedback>(null);
  const setFilter = (key: (typeof filterKeys)[number]) => (value: string) => {
    const next = new URLSearchParams(location.search);
    if (value) next.set(key, value);
    else next.delete(key);
    const search = next.toString();
    navigate(`/absence${search ? `?${search}` : ''}`, { replace: true });
  };
  if (list.isError && list.error instanceof ApiError && list.error.status === 403)
    return <Refusal title="abs.forbidden.title" body="abs.forbidden.body" />;
  const minDays = Number(params.get('days') ?? '') || 0;
  const cases = (list.data?.cases ?? []).filter((row) => row.daysAtHome >= minDays);
  const convert = async (watch: WatchRow) => {
    setFeedback(null);
    try {
      const created = await change<{ id: string }>(
        'POST',
        `/api/absence/watches/${encodeURIComponent(watch.id)}/convert`,
        { reason: '' },
      );
      navigate(casePage(created.id));
    } catch (caught) {
      const errors = absenceErrors(caught, () => ({ '': 'admin.error.form' }));
      setFeedback({ ok: false, text: t(errors['']!) });
    }
  };
  const close = async (watch: WatchRow) => {
    setFeedback(null);
    try {
      await change('POST', `/api/absence/watches/${encodeURIComponent(watch.id)}/close`, {});
      setFeedback({ ok: true, text: t('abs.watch.closed', { name: watch.childName }) });
    } catch (caught) {
      const errors = absenceErrors(caught, () => ({ '': 'admin.error.form' }));
      setFeedback({ ok: false, text: t(errors['']!) });
    }
  };
  return (
    <>
      <Heading level={1}>{t('abs.list.title')}</Heading>
      <Paragraph>{t('abs.list.intro')}</Paragraph>
      <Paragraph className="passend-absence-links">
        {list.data?.permissions.register && (
          <Link href="/absence/new" className="utrecht-link">
            {t('abs.register.open')}
          </Link>
        )}
        {list.data?.permissions.figures && (
          <Link href="/absence/figures" className="utrecht-link">
            {t('abs.figures.open')}
          </Link>
        )}
      </Paragraph>
      <FeedbackMessage feedback={feedback} />
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState onRetry={() => void list.refetch()} />
      ) : (
        <>
          <form
            className="passend-absence-filters"
            aria-label={t('abs.filter.label')}
            onSubmit={(e) => e.preventDefault()}
          >
            <SelectField
              path="kind"
              label={t('abs.field.kind')}
              placeholder={t('abs.filter.all')}
              value={params.get('kind') ?? ''}
              options={absenceKinds.map((kind) => ({ value: kind, label: t(`abs.kind.${kind}`) }))}
              onChange={setFilter('kind')}
            />
            <SelectField
              path="municipality"
              label={t('abs.field.municipality')}
              placeholder={t('abs.filter.all')}
              value={params.get('municipality') ?? ''}
              options={list.data.municipalities.map((m) => ({ value: m, label: m }))}
              onChange={setFilter('municipality')}
            />
            <SelectField
              path="schoolId"
              label={t('abs.field.school')}
              placeholder={t('abs.filter.all')}
              value={params.get('schoolId') ?? ''}
              options={list.data.schools.map((s) => ({ value: s.id, label: s.name }))}
              onChange={setFilter('schoolId')}
            />
            <TextField
              path="days"
              type="number"
              inputMode="numeric"
              min={0}
              label={t('abs.filter.days')}
              value={params.get('days') ?? ''}
              onChange={setFilter('days')}
            />
          </form>
          <Heading level={2}>{t('abs.list.cases')}</Heading>
          {cases.length === 0 ? (
            <EmptyState>{t('abs.list.empty')}</EmptyState>
          ) : (
            <DataTable<CaseRow>
              caption={t('abs.list.caption', { count: cases.length })}
              rows={cases}
              rowKey={(row) => row.id}
              rowClassName={(row) => (row.pastRedLine ? 'passend-work-row--late' : undefined)}
              columns={[
                {
                  header: t('abs.col.child'),
                  cell: (row) => (
                    <Link href={casePage(row.id)} className="utrecht-link">
                      {row.childName}
                    </Link>
                  ),
                },
                { header: t('abs.field.kind'), cell: (row) => t(`abs.kind.${row.kind}`) },
                { header: t('abs.field.school'), cell: (row) => row.schoolName ?? t('abs.noSchool') },
                { header: t('abs.field.municipality'), cell: (row) => row.municipality },
                { header: t('abs.field.startedOn'), cell: (row) => formatDate(row.startedOn) },
                {
                  header: t('abs.col.days'),
                  cell: (row) => formatNumber(row.daysAtHome),
                  numeric: true,
                },
                {
                  header: t('abs.col.offer'),
                  cell: (row) => (
                    <>
                      {row.offerHours ? t('abs.hours', { hours: row.offerHours }) : t('abs.noOffer')}
                      {row.pastRedLine && (
                        <>
                          <br />
                          <strong className="passend-absence-redline">{t('abs.redLine')}</strong>
                        </>
                      )}
                      {row.endedOn && (
                        <>
                          <br />
                          {t('abs.endedOn', { date: formatDate(row.endedOn) })}
                        </>
                      )}
                    </>
                  ),
                },
              ]}
            />
          )}
          <Heading level={2}>{t('abs.watch.title')}</Heading>
          <Paragraph>{t('abs.watch.intro')}</Paragraph>
          {list.data.watches.length === 0 ? (
            <EmptyState>{t('abs.watch.empty')}</EmptyState>
          ) : (
            <DataTable<WatchRow>
              caption={t('abs.watch.caption')}
              rows={list.data.watches}
              rowKey={(row) => row.id}
              columns={[
                { header: t('abs.col.child'), cell: (row) => row.childName },
                { header: t('abs.field.school'), cell: (row) => row.schoolName },
                { header: t('abs.watch.kind'), cell: (row) => t(`abs.watchKind.${row.kind}`) },
                { header: t('abs.watch.absentSince'), cell: (row) => formatDate(row.absentSince) },
                {
                  header: t('abs.watch.due'),
                  cell: (row) =>
                    row.due ? (
                      <strong>{t('abs.watch.dueNow', { date: formatDate(row.dueOn) })}</strong>
                    ) : (
                      formatDate(row.dueOn)
                    ),
                },
                {
                  header: t('abs.watch.action'),
                  cell: (row) =>
                    row.permissions.convert || row.permissions.close ? (
                      <span className="passend-absence-actions">
                        {row.permissions.convert && (
                          <Button
                            appearance="secondary-action-button"
                            aria-label={t('abs.watch.convertFor', { name: row.childName })}
                            onClick={() => void convert(row)}
                          >
                            {t('abs.watch.convert')}
                          </Button>
                        )}
                        {row.permissions.close && (
                          <Button
                            appearance="subtle-button"
                            aria-label={t('abs.watch.closeFor', { name: row.childName })}
                            onClick={() => void close(row)}
                          >
                            {t('abs.watch.close')}
                          </Button>
                        )}
                      </span>
                    ) : (
                      '—'
                    ),
                },
              ]}
            />
          )}
        </>
      )}
    </>
  );
}
