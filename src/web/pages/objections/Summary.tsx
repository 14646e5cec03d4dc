// The board's counts of a school year: objections, disputes, complaints and support-point signals,
// per kind and outcome. No names, no ids: what the board reports (and the monitor can read later).
import { Heading } from '@utrecht/component-library-react';
import { DataTable } from '../../components/DataTable.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/nl.ts';
import { nl } from '../../i18n/nl.ts';
import { useSummary } from './data.ts';

const hasKey = (key: string): key is MessageKey => key in nl;

export function Summary() {
  const { t } = useI18n();
  const summary = useSummary();
  if (!summary.data) return null;
  const { schoolYear, ...groups } = summary.data;
  // A count's key is "<kind>:<outcome>" or one word; each part in words where the app has them.
  const words: Record<keyof typeof groups, (part: string, index: number) => string> = {
    objections: (part) => word(`obj.outcome.${part}`, `obj.state.${part}`, part),
    disputes: (part, index) =>
      index === 0
        ? word(`obj.dispute.subject.${part}`, part, part)
        : word(`obj.dispute.outcome.${part}`, 'obj.dispute.pending', part),
    complaints: (part) => word(`obj.complaint.state.${part}`, part, part),
    signals: (part, index) =>
      word(index === 0 ? `obj.signal.kind.${part}` : `obj.signal.outcome.${part}`, part, part),
  };
  function word(first: string, second: string, fallback: string): string {
    if (hasKey(first)) return t(first);
    if (hasKey(second)) return t(second);
    return fallback;
  }
  const titles: Record<keyof typeof groups, MessageKey> = {
    objections: 'obj.summary.objections',
    disputes: 'obj.summary.disputes',
    complaints: 'obj.summary.complaints',
    signals: 'obj.summary.signals',
  };
  return (
    <section aria-labelledby="objection-summary-heading" className="passend-request-part">
      <Heading level={2} id="objection-summary-heading">
        {t('obj.summary.title', { year: schoolYear })}
      </Heading>
      {(Object.keys(groups) as (keyof typeof groups)[]).map((group) => (
        <DataTable
          key={group}
          caption={t(titles[group])}
          rows={groups[group].length ? groups[group] : [{ key: '', count: 0 }]}
          rowKey={(row) => row.key}
          columns={[
            {
              header: t('obj.summary.kind'),
              cell: (row) =>
                row.key === '' ? t('obj.summary.none') : row.key.split(':').map(words[group]).join(' — '),
            },
            { header: t('obj.summary.count'), cell: (row) => row.count, numeric: true },
          ]}
        />
      ))}
    </section>
  );
}
