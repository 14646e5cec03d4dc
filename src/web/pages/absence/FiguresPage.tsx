// Children at home in figures (/absence/figures?on=YYYY-MM-DD): the count on a reference date by
// the national attendance count's definitions (docs/domain.md, "Children at home"), by kind,
// duration and offer, per school, wijk and municipality, beside the latest national figures.
// Counts only; for policy staff small cells are hidden ("—").
import { Heading, Paragraph } from '@utrecht/component-library-react';
import { ApiError } from '../../app/api.ts';
import { navigate, useLocation } from '../../app/router.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { TextField } from '../../components/forms.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Refusal } from '../student/Refusal.tsx';
import { today, useAbsenceFigures } from './data.ts';
import './absence.css';

export default function FiguresPage() {
  const { t, formatDate, formatNumber } = useI18n();
  const on = new URLSearchParams(useLocation().search).get('on') ?? '';
  const figures = useAbsenceFigures(/^\d{4}-\d{2}-\d{2}$/.test(on) ? on : '');
  const count = (value: number | null) => (value === null ? t('abs.figures.hidden') : formatNumber(value));
  if (figures.isError && figures.error instanceof ApiError && figures.error.status === 403)
    return <Refusal title="abs.forbidden.title" body="abs.forbidden.body" />;
  const breakdown = (title: string, rows: { key: string; count: number | null }[]) => (
    <DataTable
      caption={title}
      rows={rows}
      rowKey={(row) => `${rows.indexOf(row)}`}
      columns={[
        { header: t('abs.figures.group'), cell: (row) => row.key || t('abs.noSchool') },
        { header: t('abs.figures.count'), cell: (row) => count(row.count), numeric: true },
      ]}
    />
  );
  return (
    <>
      <Heading level={1}>{t('abs.figures.title')}</Heading>
      <Paragraph>{t('abs.figures.intro')}</Paragraph>
      <form
        className="passend-absence-filters"
        aria-label={t('abs.figures.on')}
        onSubmit={(e) => e.preventDefault()}
      >
        <TextField
          path="on"
          type="date"
          label={t('abs.figures.on')}
          value={on || figures.data?.on || today()}
          onChange={(value) => navigate(`/absence/figures${value ? `?on=${value}` : ''}`, { replace: true })}
        />
      </form>
      {figures.isPending ? (
        <LoadingState />
      ) : figures.isError ? (
        <ErrorState onRetry={() => void figures.refetch()} />
      ) : (
        <>
          {figures.data.smallCellsHidden && <Paragraph>{t('abs.figures.smallCells')}</Paragraph>}
          <Paragraph className="passend-absence-total">
            {t('abs.figures.total', { date: formatDate(figures.data.on), count: count(figures.data.total) })}
          </Paragraph>
          <Paragraph>{t('abs.figures.exemptions', { count: count(figures.data.exemptions) })}</Paragraph>
          <DataTable
            caption={t('abs.figures.byKind')}
            rows={figures.data.thuiszitters}
            rowKey={(row) => `${row.kind}-${row.bucket}-${row.withOffer}`}
            columns={[
              { header: t('abs.field.kind'), cell: (row) => t(`abs.kind.${row.kind}`) },
              { header: t('abs.figures.duration'), cell: (row) => t(`abs.bucket.${row.bucket}`) },
              {
                header: t('abs.col.offer'),
                cell: (row) => t(row.withOffer ? 'abs.figures.withOffer' : 'abs.noOffer'),
              },
              { header: t('abs.figures.count'), cell: (row) => count(row.count), numeric: true },
            ]}
          />
          {breakdown(t('abs.figures.byMunicipality'), figures.data.byMunicipality)}
          {breakdown(t('abs.figures.byWijk'), figures.data.byWijk)}
          {breakdown(t('abs.figures.bySchool'), figures.data.bySchool)}
          <Heading level={2}>{t('abs.figures.national')}</Heading>
          <Paragraph>
            {t('abs.figures.nationalLine', {
              year: figures.data.national.schoolYear,
              absolute: formatNumber(figures.data.national.absolute),
              relative: formatNumber(figures.data.national.relativeLong),
              exemption: formatNumber(figures.data.national.exemption5a),
            })}
          </Paragraph>
          <Paragraph>
            <small>{t('abs.figures.source', { source: figures.data.national.source })}</small>
          </Paragraph>
        </>
      )}
    </>
  );
}
