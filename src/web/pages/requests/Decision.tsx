// The decision: what was decided, why, for which period and with what budget, by whom and when;
// and the decision form for who may decide now (the committee, or a consultant where the SWV lets
// them). When the decision would go over the SWV's budget for the year, the server says so first
// (details.rule `over_budget`) and the decider confirms it knowingly.
import {
  Alert,
  Button,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldErrorMessage,
  FormLabel,
  Paragraph,
  RadioButton,
} from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { DecisionBody } from '../../../contracts/requests.ts';
import { type DecisionOutcome, decisionOutcomes } from '../../../domain/requests.ts';
import type { ApiError } from '../../app/api.ts';
import {
  CheckboxField,
  ErrorSummary,
  errorsFromResponse,
  type Feedback,
  fieldId,
  SelectField,
  TextAreaField,
  TextField,
  useFormSubmit,
} from '../../components/forms.tsx';
import { supportLevelKey, useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/nl.ts';
import { euros, type Request, requestErrors, requestPath, ruleOf, useRequestChange } from './data.ts';
import { centsOf } from './money.ts';
import { Part } from './parts.tsx';

type Props = { request: Request; onDone: (feedback: Feedback) => void };

export function DecisionPart({ request, onDone }: Props) {
  const { t } = useI18n();
  if (!request.decision && !request.permissions.decide) return null;
  return (
    <Part id="request-decision" title={t('requests.decision.title')}>
      {request.decision ? (
        <DecisionText request={request} />
      ) : (
        <DecisionForm request={request} onDone={onDone} />
      )}
      {request.evaluation && (
        <dl className="passend-request-text">
          <div>
            <dt>{t('requests.evaluation.title')}</dt>
            <dd>
              {request.evaluation.outcome
                ? t(`request.evaluation.${request.evaluation.outcome}`)
                : t('requests.notGiven')}
              {request.evaluation.note && (
                <span className="passend-request-note">{request.evaluation.note}</span>
              )}
            </dd>
          </div>
        </dl>
      )}
    </Part>
  );
}

/** The decision as staff read it: every part, the empty ones left out. */
function DecisionText({ request }: { request: Request }) {
  const { t, formatDate, formatNumber, language } = useI18n();
  const decision = request.decision!;
  const rows: Array<[MessageKey, string]> = [
    ['requests.decision.outcome', t(`request.outcome.${decision.outcome}`)],
    [
      'requests.decision.decidedOn',
      t('requests.decision.decidedOnBy', { date: formatDate(decision.decidedOn), name: decision.decidedBy }),
    ],
    ['requests.decision.reasons', decision.reasons],
  ];
  if (decision.periodFrom && decision.wholeSchoolCareer)
    rows.push([
      'requests.decision.period',
      t('requests.periodWholeCareer', { from: formatDate(decision.periodFrom) }),
    ]);
  if (decision.periodFrom && decision.periodUntil)
    rows.push([
      'requests.decision.period',
      t('requests.period', {
        from: formatDate(decision.periodFrom),
        until: formatDate(decision.periodUntil),
      }),
    ]);
  if (request.type.hasCategory && request.category)
    rows.push(['requests.decision.category', t(`request.category.${request.category}`)]);
  if (decision.budgetCents !== null)
    rows.push(['requests.decision.budget', euros(decision.budgetCents, language)]);
  if (decision.hoursGranted !== null)
    rows.push([
      'requests.decision.hours',
      t('requests.hours', { hours: formatNumber(decision.hoursGranted) }),
    ]);
  if (decision.provider) rows.push(['requests.decision.provider', decision.provider]);
  return (
    <>
      <dl className="passend-request-text">
        {rows.map(([label, value]) => (
          <div key={label}>
            <dt>{t(label)}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <DecisionLetter request={request} />
    </>
  );
}

/** The decision as a PDF letter for the school and the parents (logged as a print). */
export function DecisionLetter({ request }: { request: Request }) {
  const { t } = useI18n();
  return (
    <Paragraph>
      <a className="utrecht-link" href={`${requestPath(request.id)}/decision.pdf`} download>
        {t('requests.decision.pdf', { number: request.number })}
      </a>
    </Paragraph>
  );
}

/** "1,5" or "1.5" → 1.5; empty is none. */
export function hoursOf(typed: string): number | string | null {
  const value = typed.trim().replace(',', '.');
  if (value === '') return null;
  return /^\d+(\.\d+)?$/.test(value) ? Number(value) : typed;
}

const fieldMessages: Record<string, MessageKey> = {
  outcome: 'requests.error.outcome',
  reasons: 'requests.error.reasons',
  periodFrom: 'requests.error.periodFrom',
  periodUntil: 'requests.error.periodUntil',
  category: 'requests.error.category',
  budgetCents: 'requests.error.budget',
  hoursGranted: 'requests.error.hours',
  provider: 'requests.error.provider',
  supportLevel: 'requests.error.supportLevel',
};

function DecisionForm({ request, onDone }: Props) {
  const { t } = useI18n();
  const change = useRequestChange();
  const [outcome, setOutcome] = useState<DecisionOutcome | ''>('');
  const [values, setValues] = useState({
    reasons: '',
    periodFrom: '',
    periodUntil: '',
    category: request.category ?? '',
    budget: '',
    hours: '',
    provider: '',
    supportLevel: '',
  });
  const [wholeSchoolCareer, setWholeSchoolCareer] = useState(false);
  const set = (key: keyof typeof values) => (value: string) =>
    setValues((current) => ({ ...current, [key]: value }));
  /** The server's warning: what the year's budget has left, and what this decision costs. */
  const [overBudget, setOverBudget] = useState<{ left: number; cost: number } | null>(null);
  const { errors, busy, submit } = useFormSubmit({
    messages: fieldMessages,
    errorsOf: (caught) => {
      if (ruleOf(caught) === 'over_budget') {
        const details = (caught as ApiError).details as { budgetLeftCents?: number; budgetCents?: number };
        setOverBudget({ left: details.budgetLeftCents ?? 0, cost: details.budgetCents ?? 0 });
        return {};
      }
      return requestErrors(caught, () => errorsFromResponse(caught, { messages: fieldMessages }));
    },
  });
  const arrangement = !request.type.isTlv;
  const grants = outcome !== 'rejected';
  /** A TLV for special education may run for the whole school career (severe multiple disabilities). */
  const career = grants && request.type.hasCategory && wholeSchoolCareer;

  const decide = (overBudgetConfirmed: boolean) => {
    setOverBudget(null);
    const input = {
      revision: request.revision,
      outcome: outcome || undefined,
      reasons: values.reasons,
      periodFrom: grants ? values.periodFrom || null : null,
      periodUntil: grants && !career ? values.periodUntil || null : null,
      wholeSchoolCareer: career,
      category: request.type.hasCategory && grants ? values.category || null : null,
      budgetCents: arrangement && grants ? (centsOf(values.budget) ?? null) : null,
      hoursGranted: arrangement && grants ? hoursOf(values.hours) : null,
      provider: arrangement && grants ? values.provider : '',
      supportLevel: request.student && grants && values.supportLevel ? Number(values.supportLevel) : null,
      overBudgetConfirmed,
    };
    void submit(DecisionBody, input, async (body) => {
      await change('POST', request, '/decision', body);
      onDone({ ok: true, text: t('requests.done.decide') });
    });
  };
  const outcomeError = errors?.outcome;
  return (
    <form
      className="passend-form passend-request-form"
      noValidate
      aria-label={t('requests.decision.form')}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        decide(false);
      }}
    >
      <ErrorSummary errors={errors && Object.keys(errors).length > 0 ? errors : null} />
      {request.missing.length > 0 && (
        <Alert type="warning" role="note">
          <Paragraph>{t('requests.decision.missing')}</Paragraph>
        </Alert>
      )}
      <Fieldset
        invalid={Boolean(outcomeError)}
        aria-describedby={outcomeError ? `${fieldId('outcome')}-error` : undefined}
      >
        <FieldsetLegend>{t('requests.decision.outcome')}</FieldsetLegend>
        {outcomeError && (
          <FormFieldErrorMessage id={`${fieldId('outcome')}-error`}>{t(outcomeError)}</FormFieldErrorMessage>
        )}
        {decisionOutcomes.map((value, index) => {
          const id = index === 0 ? fieldId('outcome') : `${fieldId('outcome')}-${value}`;
          return (
            <FormField key={value} type="radio">
              <RadioButton
                id={id}
                name="outcome"
                value={value}
                checked={outcome === value}
                invalid={Boolean(outcomeError)}
                onChange={() => setOutcome(value)}
              />
              <FormLabel htmlFor={id} type="radio">
                {t(`request.outcome.${value}`)}
              </FormLabel>
            </FormField>
          );
        })}
      </Fieldset>
      <TextAreaField
        path="reasons"
        label={t('requests.decision.reasons')}
        description={t('requests.decision.reasonsHint')}
        rows={5}
        value={values.reasons}
        error={errors?.reasons}
        onChange={set('reasons')}
      />
      {grants && (
        <>
          <TextField
            path="periodFrom"
            type="date"
            label={t('requests.decision.periodFrom')}
            value={values.periodFrom}
            error={errors?.periodFrom}
            onChange={set('periodFrom')}
          />
          {request.type.hasCategory && (
            <CheckboxField
              path="wholeSchoolCareer"
              label={t('requests.decision.wholeSchoolCareer')}
              description={t('requests.decision.wholeSchoolCareerHint')}
              value={wholeSchoolCareer}
              onChange={setWholeSchoolCareer}
            />
          )}
          {!career && (
            <TextField
              path="periodUntil"
              type="date"
              label={t('requests.decision.periodUntil')}
              value={values.periodUntil}
              error={errors?.periodUntil}
              onChange={set('periodUntil')}
            />
          )}
          {request.type.hasCategory && (
            <SelectField
              path="category"
              label={t('requests.decision.category')}
              placeholder={t('requests.choose')}
              value={values.category}
              options={(['low', 'medium', 'high'] as const).map((value) => ({
                value,
                label: t(`request.category.${value}`),
              }))}
              error={errors?.category}
              onChange={set('category')}
            />
          )}
          {arrangement && (
            <>
              <TextField
                path="budgetCents"
                inputMode="decimal"
                autoComplete="off"
                label={t('requests.decision.budget')}
                description={t('requests.decision.budgetHint')}
                value={values.budget}
                error={errors?.budgetCents}
                onChange={set('budget')}
              />
              <TextField
                path="hoursGranted"
                inputMode="decimal"
                autoComplete="off"
                label={t('requests.decision.hours')}
                description={t('requests.decision.hoursHint')}
                value={values.hours}
                error={errors?.hoursGranted}
                onChange={set('hours')}
              />
              <TextField
                path="provider"
                autoComplete="off"
                label={t('requests.decision.provider')}
                description={t('requests.decision.providerHint')}
                value={values.provider}
                error={errors?.provider}
                onChange={set('provider')}
              />
            </>
          )}
        </>
      )}
      {grants && request.student && (
        <SelectField
          path="supportLevel"
          label={t('requests.decision.supportLevel')}
          description={t('requests.decision.supportLevelHint')}
          placeholder={t('requests.decision.supportLevelSame')}
          value={values.supportLevel}
          options={[1, 2, 3, 4].map((level) => ({ value: String(level), label: t(supportLevelKey(level)) }))}
          error={errors?.supportLevel}
          onChange={set('supportLevel')}
        />
      )}
      {overBudget && <OverBudget {...overBudget} busy={busy} onConfirm={() => decide(true)} />}
      <div className="passend-student-actions">
        <Button
          type="submit"
          appearance={overBudget ? 'secondary-action-button' : 'primary-action-button'}
          disabled={busy}
        >
          {t('requests.decision.submit')}
        </Button>
      </div>
    </form>
  );
}

/** The server's warning before the year's budget is exceeded: decide anyway, or change the amount. */
function OverBudget({
  left,
  cost,
  busy,
  onConfirm,
}: {
  left: number;
  cost: number;
  busy: boolean;
  onConfirm: () => void;
}) {
  const { t, language } = useI18n();
  return (
    <div className="passend-request-warning">
      <Alert type="warning">
        <Paragraph>{t('requests.decision.overBudget')}</Paragraph>
        <Paragraph>
          {t('requests.decision.overBudgetAmounts', {
            left: euros(left, language),
            cost: euros(cost, language),
          })}
        </Paragraph>
        <div className="passend-student-actions">
          <Button appearance="primary-action-button" disabled={busy} onClick={onConfirm}>
            {t('requests.decision.overBudgetConfirm')}
          </Button>
        </div>
      </Alert>
    </div>
  );
}
