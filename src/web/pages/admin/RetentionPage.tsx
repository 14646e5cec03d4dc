// The SWV's retention (/admin/retention; docs/domain.md, "Retention"; docs/decisions/0045): the
// period per data kind, the dry run of what is due today (children by number only) and the
// deletion the administrator confirms after it. The bounds and the rules are the server's.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { DeletionResult, RetentionReport, RetentionSettingsView } from '../../../contracts/retention.ts';
import { ApiError, api } from '../../app/api.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { CheckboxField, type Feedback, FeedbackMessage, SelectField } from '../../components/forms.tsx';
import { EmptyState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/nl.ts';
import { Loaded } from './frames.tsx';
import './admin.css';

const settingsKey = ['retention', 'settings'] as const;
const reportKey = ['retention', 'report'] as const;
type Kind = RetentionSettingsView['kinds'][number];

function PeriodForm({ kind }: { kind: Kind }) {
  const { t, formatDateTime } = useI18n();
  const client = useQueryClient();
  const [years, setYears] = useState(String(kind.years));
  const [feedback, setFeedback] = useState<Feedback>(null);
  const name = t(`retention.kind.${kind.kind}` as MessageKey);
  const options = [];
  for (let y = kind.minYears; y <= kind.maxYears; y++) {
    options.push({ value: String(y), label: t('retention.yearsOption', { years: y }) });
  }
  async function save() {
    try {
      await api<typeof RetentionSettingsView>('PUT', '/api/retention/settings', {
        kind: kind.kind,
        years: Number(years),
      });
      setFeedback({ ok: true, text: t('retention.saved', { kind: name }) });
      await client.invalidateQueries({ queryKey: ['retention'] });
    } catch (caught) {
      const rule =
        caught instanceof ApiError ? (caught.details as { rule?: string } | undefined)?.rule : undefined;
      setFeedback({
        ok: false,
        text: t((rule ? `retention.rule.${rule}` : 'retention.error') as MessageKey),
      });
    }
  }
  return (
    <form
      className="passend-admin-membership"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <Heading level={3}>{name}</Heading>
      <SelectField
        path={`retention.${kind.kind}`}
        label={t('retention.years', { kind: name })}
        description={t('retention.bounds', {
          defaultYears: kind.defaultYears,
          minYears: kind.minYears,
          maxYears: kind.maxYears,
          rule: t(`retention.kind.${kind.kind}.rule` as MessageKey),
        })}
        value={years}
        onChange={setYears}
        options={options}
        placeholder={t('retention.choose')}
      />
      <Paragraph>
        {kind.setAt ? t('retention.setAt', { at: formatDateTime(kind.setAt) }) : t('retention.default')}
      </Paragraph>
      <div className="passend-admin-actions">
        <Button type="submit" appearance="primary-action-button" disabled={years === ''}>
          {t('retention.save', { kind: name })}
        </Button>
      </div>
      <FeedbackMessage feedback={feedback} />
    </form>
  );
}

function DryRun({ report }: { report: RetentionReport }) {
  const { t, formatDate, formatNumber } = useI18n();
  const client = useQueryClient();
  const [confirmed, setConfirmed] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const items = [
    ...report.children.map((item) => ({ ...item, kind: t('retention.itemChild') })),
    ...report.absenceCases.map((item) => ({ ...item, kind: t('retention.itemAbsence') })),
  ];
  async function remove() {
    if (!confirmed) {
      setFeedback({ ok: false, text: t('retention.confirmFirst') });
      return;
    }
    try {
      const result = await api<typeof DeletionResult>('POST', '/api/retention/deletions', {
        children: report.children.map((item) => item.pseudonym),
        absenceCases: report.absenceCases.map((item) => item.pseudonym),
      });
      setFeedback({
        ok: true,
        text: t('retention.deleted', {
          children: result.deletedChildren,
          cases: result.deletedAbsenceCases,
          skipped: result.skipped,
        }),
      });
      setConfirmed(false);
    } catch {
      setFeedback({ ok: false, text: t('retention.deleteError') });
    }
    await client.invalidateQueries({ queryKey: reportKey });
  }
  return (
    <>
      <FeedbackMessage feedback={feedback} />
      <Paragraph>
        {t('retention.notYetDue', {
          periodRunning: formatNumber(report.notYetDue.periodRunning),
          openRequest: formatNumber(report.notYetDue.openRequest),
          openAbsence: formatNumber(report.notYetDue.openAbsence),
        })}
      </Paragraph>
      {items.length === 0 ? (
        <EmptyState>{t('retention.nothingDue')}</EmptyState>
      ) : (
        <>
          <Paragraph>
            {t('retention.dueSummary', {
              children: formatNumber(report.children.length),
              cases: formatNumber(report.absenceCases.length),
              today: formatDate(report.today),
            })}
          </Paragraph>
          <DataTable
            caption={t('retention.tablesCaption')}
            rows={report.tables}
            rowKey={(row) => row.table}
            columns={[
              { header: t('retention.table'), cell: (row) => <code>{row.table}</code> },
              { header: t('retention.rows'), cell: (row) => formatNumber(row.rows) },
            ]}
          />
          <DataTable
            caption={t('retention.itemsCaption')}
            rows={items}
            rowKey={(item) => item.pseudonym}
            columns={[
              { header: t('retention.itemKind'), cell: (item) => item.kind },
              { header: t('retention.pseudonym'), cell: (item) => <code>{item.pseudonym}</code> },
              { header: t('retention.dueOn'), cell: (item) => formatDate(item.dueOn) },
            ]}
          />
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void remove();
            }}
          >
            <CheckboxField
              path="retention.confirm"
              label={t('retention.confirm')}
              value={confirmed}
              onChange={setConfirmed}
            />
            <div className="passend-admin-actions">
              <Button type="submit" appearance="primary-action-button">
                {t('retention.delete')}
              </Button>
            </div>
          </form>
        </>
      )}
    </>
  );
}

export default function RetentionPage() {
  const { t } = useI18n();
  const settings = useQuery({
    queryKey: settingsKey,
    queryFn: () => api<typeof RetentionSettingsView>('GET', '/api/retention/settings'),
  });
  const report = useQuery({
    queryKey: reportKey,
    queryFn: () => api<typeof RetentionReport>('GET', '/api/retention/report'),
  });
  return (
    <>
      <Heading level={1}>{t('retention.title')}</Heading>
      <Paragraph>{t('retention.intro')}</Paragraph>
      <Heading level={2}>{t('retention.periods')}</Heading>
      <Loaded queries={[settings]}>
        {() => (
          <>
            {settings.data!.kinds.map((kind) => (
              <PeriodForm key={kind.kind} kind={kind} />
            ))}
          </>
        )}
      </Loaded>
      <Heading level={2}>{t('retention.dryRun')}</Heading>
      <Paragraph>{t('retention.dryRunIntro')}</Paragraph>
      <Loaded queries={[report]}>{() => <DryRun report={report.data!} />}</Loaded>
    </>
  );
}
