// The signals of the parent and youth support point (/support-signals): question, advice or
// mediation, a school if it concerns one, a summary without names, and the outcome.
import { Button, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { z } from 'zod';
import {
  CreateSupportSignalBody,
  type SupportSignalView,
  UpdateSupportSignalBody,
} from '../../../contracts/objections.ts';
import { supportSignalKinds, supportSignalOutcomes } from '../../../domain/objections.ts';
import { DataTable } from '../../components/DataTable.tsx';
import {
  errorsFromResponse,
  type Feedback,
  FeedbackMessage,
  SelectField,
  TextAreaField,
  TextField,
  useFormSubmit,
} from '../../components/forms.tsx';
import { EmptyState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useSchoolList } from '../requests/queue.ts';
import { objectionErrors, useObjectionsChange, useSignals } from './data.ts';
import { RegisterForm, RegisterFrame, today } from './Register.tsx';
import '../requests/requests.css';

type Signal = z.infer<typeof SupportSignalView>;

export default function SupportSignalsPage() {
  const { t, formatDate } = useI18n();
  const signals = useSignals();
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [adding, setAdding] = useState(false);
  const [closing, setClosing] = useState<Signal | null>(null);
  const rows = signals.data?.signals ?? [];
  return (
    <RegisterFrame title={t('obj.signal.title')} intro={t('obj.signal.intro')} query={signals}>
      <FeedbackMessage feedback={feedback} />
      {adding ? (
        <NewSignal
          onDone={(text) => {
            setAdding(false);
            setFeedback({ ok: true, text });
          }}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <Paragraph>
          <Button
            appearance="primary-action-button"
            onClick={() => {
              setFeedback(null);
              setAdding(true);
            }}
          >
            {t('obj.signal.add')}
          </Button>
        </Paragraph>
      )}
      {rows.length === 0 ? (
        <EmptyState>{t('obj.signal.empty')}</EmptyState>
      ) : (
        <DataTable<Signal>
          caption={t('obj.signal.caption')}
          rows={rows}
          rowKey={(row) => row.id}
          columns={[
            { header: t('obj.signal.receivedOn'), cell: (row) => formatDate(row.receivedOn) },
            { header: t('obj.signal.kind'), cell: (row) => t(`obj.signal.kind.${row.kind}`) },
            { header: t('obj.dispute.school'), cell: (row) => row.school?.name ?? '—' },
            { header: t('obj.signal.summary'), cell: (row) => row.summary },
            {
              header: t('obj.signal.outcome'),
              cell: (row) =>
                row.outcome === 'open' ? (
                  <Button
                    appearance="secondary-action-button"
                    aria-label={t('obj.signal.closeButton', { date: formatDate(row.receivedOn) })}
                    onClick={() => {
                      setFeedback(null);
                      setClosing(row);
                    }}
                  >
                    {t('obj.signal.save')}
                  </Button>
                ) : (
                  `${t(`obj.signal.outcome.${row.outcome}`)}${row.closedOn ? ` (${formatDate(row.closedOn)})` : ''}`
                ),
            },
          ]}
        />
      )}
      {closing && (
        <CloseSignal
          key={closing.id}
          signal={closing}
          onDone={(text) => {
            setClosing(null);
            setFeedback({ ok: true, text });
          }}
          onCancel={() => setClosing(null)}
        />
      )}
    </RegisterFrame>
  );
}

type FormProps = { onDone: (text: string) => void; onCancel: () => void };

function NewSignal({ onDone, onCancel }: FormProps) {
  const { t } = useI18n();
  const change = useObjectionsChange();
  const schools = useSchoolList();
  const [values, setValues] = useState({
    receivedOn: today(),
    kind: '',
    schoolId: '',
    summary: '',
    outcome: 'open',
  });
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const { errors, busy, submit } = useFormSubmit({
    messages: { kind: 'obj.error.kind', summary: 'obj.error.summary', receivedOn: 'obj.error.date' },
    errorsOf: (caught) => objectionErrors(caught, () => errorsFromResponse(caught)),
  });
  const save = () =>
    void submit(
      CreateSupportSignalBody,
      {
        receivedOn: values.receivedOn,
        kind: values.kind || undefined,
        schoolId: values.schoolId || null,
        summary: values.summary,
        outcome: values.outcome,
      },
      async (body) => {
        await change('POST', '/api/support-signals', body);
        onDone(t('obj.signal.done'));
      },
    );
  return (
    <RegisterForm
      title={t('obj.signal.add')}
      errors={errors}
      busy={busy}
      submitLabel={t('obj.save')}
      onSubmit={save}
      onCancel={onCancel}
    >
      <TextField
        path="receivedOn"
        type="date"
        label={t('obj.signal.receivedOn')}
        value={values.receivedOn}
        error={errors?.receivedOn}
        onChange={set('receivedOn')}
      />
      <SelectField
        path="kind"
        label={t('obj.signal.kind')}
        placeholder={t('obj.choose')}
        value={values.kind}
        options={supportSignalKinds.map((value) => ({ value, label: t(`obj.signal.kind.${value}`) }))}
        error={errors?.kind}
        onChange={set('kind')}
      />
      <SelectField
        path="schoolId"
        label={t('obj.dispute.school')}
        placeholder={t('obj.dispute.noSchool')}
        value={values.schoolId}
        options={(schools.data ?? []).map((school) => ({ value: school.id, label: school.name }))}
        error={errors?.schoolId}
        onChange={set('schoolId')}
      />
      <TextAreaField
        path="summary"
        label={t('obj.signal.summary')}
        description={t('obj.signal.summaryHint')}
        value={values.summary}
        error={errors?.summary}
        onChange={set('summary')}
      />
      <SelectField
        path="outcome"
        label={t('obj.signal.outcome')}
        placeholder={t('obj.choose')}
        value={values.outcome}
        options={supportSignalOutcomes.map((value) => ({ value, label: t(`obj.signal.outcome.${value}`) }))}
        error={errors?.outcome}
        onChange={set('outcome')}
      />
    </RegisterForm>
  );
}

function CloseSignal({ signal, onDone, onCancel }: FormProps & { signal: Signal }) {
  const { t, formatDate } = useI18n();
  const change = useObjectionsChange();
  const [outcome, setOutcome] = useState('');
  const { errors, busy, submit } = useFormSubmit({
    messages: { outcome: 'obj.error.outcome' },
    errorsOf: (caught) => objectionErrors(caught, () => errorsFromResponse(caught)),
  });
  const save = () =>
    void submit(UpdateSupportSignalBody, { outcome: outcome || undefined }, async (body) => {
      await change('PATCH', `/api/support-signals/${encodeURIComponent(signal.id)}`, body);
      onDone(t('obj.signal.done'));
    });
  return (
    <RegisterForm
      title={t('obj.signal.closeFor', { date: formatDate(signal.receivedOn) })}
      errors={errors}
      busy={busy}
      submitLabel={t('obj.signal.save')}
      onSubmit={save}
      onCancel={onCancel}
    >
      <SelectField
        path="outcome"
        label={t('obj.signal.outcome')}
        placeholder={t('obj.choose')}
        value={outcome}
        options={supportSignalOutcomes.map((value) => ({ value, label: t(`obj.signal.outcome.${value}`) }))}
        error={errors?.outcome}
        onChange={setOutcome}
      />
    </RegisterForm>
  );
}
