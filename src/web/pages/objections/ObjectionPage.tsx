// One objection (/objections/:id): against which decision, by whom, when, the LBT clock for a TLV,
// the grounds, the advice and the decision; the SWV's next step (with its day and note, or the
// decision with its outcome and reasons); and the timeline, read-only.
import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { ObjectionStepBody, takenObjectionSteps } from '../../../contracts/objections.ts';
import { objectionOutcomes } from '../../../domain/objections.ts';
import { Link } from '../../app/router.tsx';
import {
  ErrorSummary,
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
import { Part } from '../requests/parts.tsx';
import { Breadcrumbs } from '../student/Breadcrumbs.tsx';
import { RecordStates } from '../student/Refusal.tsx';
import { type Objection, objectionErrors, useObjection, useObjectionsChange } from './data.ts';
import { LbtClock, ObjectionState } from './parts.tsx';
import '../student/student.css';
import '../requests/requests.css';

export default function ObjectionPage({ params }: { params: Record<string, string> }) {
  const query = useObjection(params.id ?? '');
  return <RecordStates query={query}>{(objection) => <Detail objection={objection} />}</RecordStates>;
}

function Detail({ objection }: { objection: Objection }) {
  const { t, formatDate, formatDateTime } = useI18n();
  const [feedback, setFeedback] = useState<Feedback>(null);
  const title = t('obj.page.title', { number: objection.requestNumber });
  const fact = (label: string, value: ReactNode) => (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  return (
    <div className="passend-request">
      <Breadcrumbs
        trail={[
          { href: '/objections', label: t('obj.queue.title') },
          { href: `/objections/${encodeURIComponent(objection.id)}`, label: title },
        ]}
      />
      <Heading level={1}>{title}</Heading>
      <dl className="passend-student-facts passend-request-facts">
        {fact(
          t('obj.fact.request'),
          <Link href={`/requests/${encodeURIComponent(objection.requestId)}`} className="utrecht-link">
            {`${objection.requestNumber}, ${objection.requestTypeName}`}
          </Link>,
        )}
        {fact(t('obj.fact.child'), objection.studentName ?? t('obj.team'))}
        {fact(t('obj.fact.school'), objection.schoolName)}
        {fact(t('obj.fact.filedBy'), objection.filedByName ?? t(`obj.filedBy.${objection.filedBy}`))}
        {fact(t('obj.fact.receivedOn'), formatDate(objection.receivedOn))}
        {fact(
          t('obj.fact.term'),
          `${formatDate(objection.termEndsOn)}${objection.late ? ` — ${t('obj.part.late')}` : ''}`,
        )}
        {fact(t('obj.fact.state'), <ObjectionState objection={objection} />)}
        {fact(t('obj.fact.lbt'), <LbtClock objection={objection} />)}
      </dl>
      <FeedbackMessage feedback={feedback} />
      <Part id="objection-grounds" title={t('obj.fact.grounds')}>
        <Paragraph className="passend-request-note">{objection.grounds}</Paragraph>
        {objection.lateReason && (
          <>
            <Paragraph>
              <strong>{t('obj.fact.lateReason')}</strong>
            </Paragraph>
            <Paragraph className="passend-request-note">{objection.lateReason}</Paragraph>
          </>
        )}
        {objection.adviceSummary && (
          <>
            <Paragraph>
              <strong>{t('obj.fact.advice')}</strong>
            </Paragraph>
            <Paragraph className="passend-request-note">{objection.adviceSummary}</Paragraph>
          </>
        )}
        {objection.outcome && (
          <>
            <Paragraph>
              <strong>{t('obj.fact.decision')}</strong>
            </Paragraph>
            <Paragraph className="passend-request-note">
              <strong>{t(objection.outcome === 'upheld' ? 'obj.part.upheld' : 'obj.part.rejected')}</strong>
              <br />
              {objection.decisionReasons}
            </Paragraph>
          </>
        )}
      </Part>
      {objection.permissions.steps.length > 0 && (
        <Part id="objection-step" title={t('obj.page.steps')}>
          <StepForm key={objection.revision} objection={objection} onDone={setFeedback} />
        </Part>
      )}
      <Part id="objection-timeline" title={t('obj.page.timeline')}>
        {objection.events.length === 0 ? (
          <EmptyState>{t('obj.step.noneOpen')}</EmptyState>
        ) : (
          <ol className="passend-request-timeline">
            {objection.events.map((event) => (
              <li key={event.id}>
                <strong>
                  {event.step === 'decide' && objection.outcome
                    ? `${t('obj.step.decide')}: ${t(`obj.outcome.${objection.outcome}`)}`
                    : t(`obj.step.${event.step}`)}
                </strong>{' '}
                <span className="passend-request-meta">
                  {formatDate(event.on)} —{' '}
                  {t('requests.timeline.when', { date: formatDateTime(event.at), name: event.byName })}
                </span>
                {event.note && <span className="passend-request-note">{event.note}</span>}
              </li>
            ))}
          </ol>
        )}
      </Part>
    </div>
  );
}

function StepForm({ objection, onDone }: { objection: Objection; onDone: (feedback: Feedback) => void }) {
  const { t } = useI18n();
  const change = useObjectionsChange();
  const steps = objection.permissions.steps;
  const [step, setStep] = useState<string>(steps.length === 1 ? steps[0]! : '');
  const [on, setOn] = useState('');
  const [note, setNote] = useState('');
  const [outcome, setOutcome] = useState('');
  const [reasons, setReasons] = useState('');
  const { errors, busy, submit } = useFormSubmit({
    messages: {
      step: 'obj.error.step',
      on: 'obj.error.on',
      outcome: 'obj.rule.objection_decision_incomplete',
    },
    errorsOf: (caught) => objectionErrors(caught, () => errorsFromResponse(caught)),
  });
  const deciding = step === 'decide';
  const save = (event: FormEvent) => {
    event.preventDefault();
    const body = {
      step: step || undefined,
      revision: objection.revision,
      ...(on ? { on } : {}),
      ...(deciding ? { outcome: outcome || undefined, reasons } : { note }),
    };
    void submit(ObjectionStepBody, body, async (valid) => {
      await change('POST', `/api/objections/${encodeURIComponent(objection.id)}/steps`, valid);
      onDone({ ok: true, text: t('obj.step.done') });
    });
  };
  return (
    <form
      className="passend-form passend-request-form"
      noValidate
      onSubmit={save}
      aria-label={t('obj.page.steps')}
    >
      <ErrorSummary errors={errors} />
      <SelectField
        path="step"
        label={t('obj.step.choose')}
        placeholder={t('obj.choose')}
        value={step}
        options={takenObjectionSteps
          .filter((value) => steps.includes(value))
          .map((value) => ({ value, label: t(`obj.step.${value}`) }))}
        error={errors?.step}
        onChange={setStep}
      />
      <TextField
        path="on"
        type="date"
        label={t('obj.step.on')}
        description={t('obj.step.onHint')}
        value={on}
        error={errors?.on}
        onChange={setOn}
      />
      {deciding ? (
        <>
          <SelectField
            path="outcome"
            label={t('obj.step.outcome')}
            placeholder={t('obj.choose')}
            value={outcome}
            options={objectionOutcomes.map((value) => ({ value, label: t(`obj.outcome.${value}`) }))}
            error={errors?.outcome}
            onChange={setOutcome}
          />
          <TextAreaField
            path="reasons"
            label={t('obj.step.reasons')}
            rows={5}
            value={reasons}
            error={errors?.reasons}
            onChange={setReasons}
          />
        </>
      ) : (
        <TextAreaField
          path="note"
          label={t(step === 'receive_advice' ? 'obj.step.adviceNote' : 'obj.step.note')}
          rows={4}
          value={note}
          error={errors?.note}
          onChange={setNote}
        />
      )}
      <Button type="submit" appearance="primary-action-button" disabled={busy}>
        {t('obj.step.submit')}
      </Button>
    </form>
  );
}
