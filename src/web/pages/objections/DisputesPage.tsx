// Disputes at the national disputes committee (/disputes): the list with the ruling's due date
// (10 weeks after filing; overdue said in words), a form to register one and one to record the ruling.
import { Button, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { z } from 'zod';
import { CreateDisputeBody, type DisputeView, RuleDisputeBody } from '../../../contracts/objections.ts';
import { disputeOutcomes, disputeSubjects } from '../../../domain/objections.ts';
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
import { objectionErrors, useDisputes, useObjectionsChange } from './data.ts';
import { RegisterForm, RegisterFrame, today } from './Register.tsx';
import { Summary } from './Summary.tsx';
import '../requests/requests.css';
import '../requests/work.css';

type Dispute = z.infer<typeof DisputeView>;

export default function DisputesPage() {
  const { t, formatDate } = useI18n();
  const disputes = useDisputes();
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [adding, setAdding] = useState(false);
  const [ruling, setRuling] = useState<Dispute | null>(null);
  const rows = disputes.data?.disputes ?? [];
  return (
    <RegisterFrame title={t('obj.dispute.title')} intro={t('obj.dispute.intro')} query={disputes}>
      <FeedbackMessage feedback={feedback} />
      {rows.length === 0 ? (
        <EmptyState>{t('obj.dispute.empty')}</EmptyState>
      ) : (
        <DataTable<Dispute>
          caption={t('obj.dispute.caption')}
          rows={rows}
          rowKey={(row) => row.id}
          rowClassName={(row) => (row.overdue ? 'passend-work-row--late' : undefined)}
          columns={[
            { header: t('obj.dispute.filedOn'), cell: (row) => formatDate(row.filedOn) },
            { header: t('obj.dispute.subject'), cell: (row) => t(`obj.dispute.subject.${row.subject}`) },
            { header: t('obj.dispute.school'), cell: (row) => row.school?.name ?? '—' },
            {
              header: t('obj.dispute.rulingDue'),
              cell: (row) =>
                `${formatDate(row.rulingDueOn)}${row.overdue ? ` — ${t('obj.dispute.overdue')}` : ''}`,
            },
            {
              header: t('obj.dispute.ruled'),
              cell: (row) =>
                row.outcome && row.ruledOn ? (
                  `${t(`obj.dispute.outcome.${row.outcome}`)} (${formatDate(row.ruledOn)})`
                ) : (
                  <Button
                    appearance="secondary-action-button"
                    onClick={() => {
                      setFeedback(null);
                      setRuling(row);
                    }}
                    aria-label={t('obj.dispute.ruleButton', { date: formatDate(row.filedOn) })}
                  >
                    {t('obj.dispute.rule')}
                  </Button>
                ),
            },
          ]}
        />
      )}
      {ruling && (
        <RulingForm
          key={ruling.id}
          dispute={ruling}
          onDone={(text) => {
            setRuling(null);
            setFeedback({ ok: true, text });
          }}
          onCancel={() => setRuling(null)}
        />
      )}
      {adding ? (
        <NewDispute
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
            {t('obj.dispute.add')}
          </Button>
        </Paragraph>
      )}
      {/* The board's counts: the SWV's administrator reaches them here (the queue is the handlers'). */}
      <Summary />
    </RegisterFrame>
  );
}

type FormProps = { onDone: (text: string) => void; onCancel: () => void };

function NewDispute({ onDone, onCancel }: FormProps) {
  const { t } = useI18n();
  const change = useObjectionsChange();
  const schools = useSchoolList();
  const [values, setValues] = useState({
    subject: '',
    schoolId: '',
    filedOn: today(),
    contestedOn: '',
    summary: '',
  });
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const { errors, busy, submit } = useFormSubmit({
    messages: { subject: 'obj.error.subject', filedOn: 'obj.error.date', contestedOn: 'obj.error.date' },
    errorsOf: (caught) => objectionErrors(caught, () => errorsFromResponse(caught)),
  });
  const save = () =>
    void submit(
      CreateDisputeBody,
      {
        subject: values.subject || undefined,
        schoolId: values.schoolId || null,
        filedOn: values.filedOn,
        contestedOn: values.contestedOn || null,
        summary: values.summary,
      },
      async (body) => {
        await change('POST', '/api/disputes', body);
        onDone(t('obj.dispute.done'));
      },
    );
  return (
    <RegisterForm
      title={t('obj.dispute.add')}
      errors={errors}
      busy={busy}
      submitLabel={t('obj.save')}
      onSubmit={save}
      onCancel={onCancel}
    >
      <SelectField
        path="subject"
        label={t('obj.dispute.subject')}
        placeholder={t('obj.choose')}
        value={values.subject}
        options={disputeSubjects.map((value) => ({ value, label: t(`obj.dispute.subject.${value}`) }))}
        error={errors?.subject}
        onChange={set('subject')}
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
      <TextField
        path="filedOn"
        type="date"
        label={t('obj.dispute.filedOn')}
        value={values.filedOn}
        error={errors?.filedOn}
        onChange={set('filedOn')}
      />
      <TextField
        path="contestedOn"
        type="date"
        label={t('obj.dispute.contestedOn')}
        description={t('obj.dispute.contestedHint')}
        value={values.contestedOn}
        error={errors?.contestedOn}
        onChange={set('contestedOn')}
      />
      <TextAreaField
        path="summary"
        label={t('obj.dispute.summary')}
        description={t('obj.dispute.summaryHint')}
        value={values.summary}
        error={errors?.summary}
        onChange={set('summary')}
      />
    </RegisterForm>
  );
}

function RulingForm({ dispute, onDone, onCancel }: FormProps & { dispute: Dispute }) {
  const { t, formatDate } = useI18n();
  const change = useObjectionsChange();
  const [ruledOn, setRuledOn] = useState(today());
  const [outcome, setOutcome] = useState('');
  const { errors, busy, submit } = useFormSubmit({
    messages: { ruledOn: 'obj.error.date', outcome: 'obj.error.outcome' },
    errorsOf: (caught) => objectionErrors(caught, () => errorsFromResponse(caught)),
  });
  const save = () =>
    void submit(RuleDisputeBody, { ruledOn, outcome: outcome || undefined }, async (body) => {
      await change('PATCH', `/api/disputes/${encodeURIComponent(dispute.id)}`, body);
      onDone(t('obj.dispute.done'));
    });
  return (
    <RegisterForm
      title={t('obj.dispute.ruleFor', { date: formatDate(dispute.filedOn) })}
      errors={errors}
      busy={busy}
      submitLabel={t('obj.save')}
      onSubmit={save}
      onCancel={onCancel}
    >
      <TextField
        path="ruledOn"
        type="date"
        label={t('obj.dispute.ruledOn')}
        value={ruledOn}
        error={errors?.ruledOn}
        onChange={setRuledOn}
      />
      <SelectField
        path="outcome"
        label={t('obj.dispute.outcome')}
        placeholder={t('obj.choose')}
        value={outcome}
        options={disputeOutcomes.map((value) => ({ value, label: t(`obj.dispute.outcome.${value}`) }))}
        error={errors?.outcome}
        onChange={setOutcome}
      />
    </RegisterForm>
  );
}
