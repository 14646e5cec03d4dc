// The budget for arrangements (/requests/budget): per school year the SWV's budget, what granted
// decisions commit in total and per school, and a warning when they commit more than the budget.
// The SWV's administrator sets the amount (PUT /api/request-budget); the others read it.
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Heading, Paragraph } from '@utrecht/component-library-react';
import { useId } from 'react';
import type { z } from 'zod';
import { BudgetBody, BudgetView } from '../../../contracts/requests.ts';
import { api } from '../../app/api.ts';
import { Link, useLocation } from '../../app/router.tsx';
import { useSession } from '../../app/session.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { AdminForm, TextField, useAdminForm } from '../../components/forms.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { centsOf, schoolYearAfter, typedOf } from './money.ts';
import { hasRole, useBudget, workKeys } from './queue.ts';
import './work.css';

type Budget = z.infer<typeof BudgetView>;

/** Euros as the language writes them: "€ 250.000,00". */
export function useEuros() {
  const { language } = useI18n();
  const format = new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
    style: 'currency',
    currency: 'EUR',
  });
  return (cents: number) => format.format(cents / 100);
}

const yearPattern = /^\d{4}-\d{4}$/;

export default function BudgetPage() {
  const { t } = useI18n();
  const { search } = useLocation();
  const asked = new URLSearchParams(search).get('schoolYear') ?? '';
  const budget = useBudget(yearPattern.test(asked) ? asked : '');
  const session = useSession();
  const mayManage = hasRole(session.data?.stage === 'active' ? session.data : null, ['swv_admin']);
  return (
    <>
      <Heading level={1}>{t('work.budget.title')}</Heading>
      <Paragraph>{t('work.budget.intro')}</Paragraph>
      {budget.isPending ? (
        <LoadingState />
      ) : budget.isError ? (
        <ErrorState onRetry={() => void budget.refetch()} />
      ) : (
        <div aria-busy={budget.isPlaceholderData}>
          <YearLinks current={budget.data.schoolYear} />
          <Figures budget={budget.data} mayManage={mayManage} />
          {mayManage && <BudgetForm key={budget.data.schoolYear} budget={budget.data} />}
          <PerSchool budget={budget.data} />
        </div>
      )}
    </>
  );
}

/** The school year shown, with the one before and after it, as links (the URL keeps the year). */
function YearLinks({ current }: { current: string }) {
  const { t } = useI18n();
  const years = [-1, 0, 1].map((step) => schoolYearAfter(current, step));
  return (
    <nav aria-label={t('work.budget.years')} className="passend-work-years">
      <ul>
        {years.map((year) => (
          <li key={year}>
            <Link
              href={`/requests/budget?schoolYear=${year}`}
              className="utrecht-link utrecht-link--html-a"
              aria-current={year === current ? 'page' : undefined}
            >
              {year}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Figures({ budget, mayManage }: { budget: Budget; mayManage: boolean }) {
  const { t } = useI18n();
  const euros = useEuros();
  const headingId = useId();
  const year = budget.schoolYear;
  const over = budget.amountCents === null ? 0 : budget.committedCents - budget.amountCents;
  return (
    <section aria-labelledby={headingId} className="passend-work-section">
      <Heading level={2} id={headingId}>
        {t('work.budget.figures', { year })}
      </Heading>
      {over > 0 && (
        <Alert type="warning">
          <Paragraph>
            <strong>{t('work.budget.over')}: </strong>
            {t('work.budget.overWarning', { year, over: euros(over) })}
          </Paragraph>
        </Alert>
      )}
      <dl className="passend-work-figures">
        <dt>{t('work.budget.amount')}</dt>
        <dd>{budget.amountCents === null ? t('work.budget.notSet') : euros(budget.amountCents)}</dd>
        <dt>{t('work.budget.committed')}</dt>
        <dd>{euros(budget.committedCents)}</dd>
        {budget.amountCents !== null && (
          <>
            <dt>{over > 0 ? t('work.budget.over') : t('work.budget.left')}</dt>
            <dd>{euros(Math.abs(budget.amountCents - budget.committedCents))}</dd>
          </>
        )}
      </dl>
      {budget.amountCents === null && !mayManage && (
        <Paragraph>{t('work.budget.notSetNote', { year })}</Paragraph>
      )}
    </section>
  );
}

function BudgetForm({ budget }: { budget: Budget }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const year = budget.schoolYear;
  const form = useAdminForm({
    response: BudgetView,
    initial: { amountCents: typedOf(budget.amountCents) },
    messages: { amountCents: 'work.budget.error.amount' },
    onSaved: () => client.invalidateQueries({ queryKey: workKeys.budget }),
  });
  const save = () =>
    form.submit(BudgetBody, { schoolYear: year, amountCents: centsOf(form.values.amountCents) }, (body) =>
      api<typeof BudgetView>('PUT', '/api/request-budget', body),
    );
  return (
    <section className="passend-work-section">
      <AdminForm
        form={form}
        title={t('work.budget.form.title')}
        headingLevel={2}
        status={form.saved ? t('work.budget.form.saved', { year }) : ''}
        submitLabel={t('work.budget.form.submit')}
        onSubmit={save}
      >
        <TextField
          label={t('work.budget.form.amount', { year })}
          description={t('work.budget.form.hint')}
          inputMode="decimal"
          autoComplete="off"
          {...form.field('amountCents')}
        />
      </AdminForm>
    </section>
  );
}

function PerSchool({ budget }: { budget: Budget }) {
  const { t, formatNumber } = useI18n();
  const euros = useEuros();
  const headingId = useId();
  const year = budget.schoolYear;
  return (
    <section aria-labelledby={headingId} className="passend-work-section">
      <Heading level={2} id={headingId}>
        {t('work.budget.schools')}
      </Heading>
      {budget.schools.length === 0 ? (
        <EmptyState>{t('work.budget.noSchools', { year })}</EmptyState>
      ) : (
        <DataTable
          caption={t('work.budget.schoolsCaption', { year })}
          columns={[
            { header: t('work.budget.col.school'), cell: (school) => school.name },
            {
              header: t('work.budget.col.requests'),
              cell: (school) => formatNumber(school.requests),
              numeric: true,
            },
            {
              header: t('work.budget.col.committed'),
              cell: (school) => euros(school.committedCents),
              numeric: true,
            },
          ]}
          rows={budget.schools}
          rowKey={(school) => school.id}
        />
      )}
    </section>
  );
}
