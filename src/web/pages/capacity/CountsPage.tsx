// The waiting-list count (/waiting-list/counts): the children waiting on a reference date, as the
// national waiting-list monitor counts, per kind and category, waiting time, promise and place.
// Small counts are hidden by the server for who sees counts only (src/domain/capacity.ts).
import { Button, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { navigate, useLocation } from '../../app/router.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { TextField } from '../../components/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { RegisterFrame } from '../objections/Register.tsx';
import { type Counts, placeLabel, useWaitingCounts } from './data.ts';
import '../requests/requests.css';

const datePattern = /^\d{4}-\d{2}-\d{2}$/;

export default function CountsPage() {
  const { t } = useI18n();
  const asked = new URLSearchParams(useLocation().search).get('on') ?? '';
  const counts = useWaitingCounts(datePattern.test(asked) ? asked : '');
  return (
    <RegisterFrame title={t('cap.counts.title')} intro={t('cap.counts.intro')} query={counts}>
      {counts.data && (
        <div aria-busy={counts.isPlaceholderData}>
          <OnFilter on={counts.data.on} key={counts.data.on} />
          <Figures counts={counts.data} />
        </div>
      )}
    </RegisterFrame>
  );
}

function OnFilter({ on }: { on: string }) {
  const { t } = useI18n();
  const [value, setValue] = useState(on);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/waiting-list/counts?${new URLSearchParams({ on: value })}`);
  };
  return (
    <search>
      <form className="passend-work-filter" onSubmit={submit} noValidate aria-label={t('cap.list.filter')}>
        <div className="passend-work-filter__fields">
          <TextField path="on" type="date" label={t('cap.counts.on')} value={value} onChange={setValue} />
          <Button type="submit" appearance="primary-action-button">
            {t('cap.counts.show')}
          </Button>
        </div>
      </form>
    </search>
  );
}

type Line = { key: string; what: string; count: number | null };

function Figures({ counts }: { counts: Counts }) {
  const { t, formatDate, formatNumber } = useI18n();
  const on = formatDate(counts.on);
  const table = (caption: string, lines: Line[]) => (
    <DataTable<Line>
      caption={caption}
      rows={lines}
      rowKey={(line) => line.key}
      columns={[
        { header: t('cap.counts.col.what'), cell: (line) => line.what },
        {
          header: t('cap.counts.col.count'),
          numeric: true,
          cell: (line) => (line.count === null ? t('cap.counts.hidden') : formatNumber(line.count)),
        },
      ]}
    />
  );
  return (
    <>
      {counts.smallCellsHidden && (
        <Paragraph>{t('cap.counts.hiddenNote', { threshold: counts.threshold })}</Paragraph>
      )}
      <Paragraph>
        <strong>
          {counts.total === null
            ? t('cap.counts.totalHidden', { on })
            : t('cap.counts.total', { on, count: formatNumber(counts.total) })}
        </strong>
      </Paragraph>
      {/* A total too small to show hides every part too (src/domain/smallCells.ts): no tables then. */}
      {counts.total !== null && (
        <>
          {table(
            t('cap.counts.byKind'),
            // Kinds nobody waits for (VSO in a PO SWV) are left out; a hidden count is never a zero.
            counts.byKind
              .filter((k) => k.count !== 0)
              .map((k) => ({
                key: `${k.kind}-${k.category}`,
                what: placeLabel(t, k.kind, k.category),
                count: k.count,
              })),
          )}
          {table(
            t('cap.counts.byBucket'),
            counts.byBucket.map((b) => ({
              key: b.bucket,
              what: t(`cap.bucket.${b.bucket}`),
              count: b.count,
            })),
          )}
          {table(
            t('cap.counts.byPromise'),
            counts.byPromise.map((p) => ({
              key: String(p.promised),
              what: t(p.promised ? 'cap.counts.promised' : 'cap.counts.notPromised'),
              count: p.count,
            })),
          )}
          {counts.byPlace.length > 0 &&
            table(
              t('cap.counts.byPlace'),
              counts.byPlace.map((p) => ({
                key: p.id,
                what: `${p.name} (${t(`cap.kind.${p.kind}`)})`,
                count: p.count,
              })),
            )}
        </>
      )}
    </>
  );
}
