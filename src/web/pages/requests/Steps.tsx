// The steps the user may take now (the server's permissions.steps): one button for a plain step,
// a question first for a withdrawal, and a short form where the step needs words — sending back
// as incomplete names a reason, an evaluation says how the goals went. The answer is the request
// as it now stands; a refusal says why in words.
import { Button, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { StepBody } from '../../../contracts/requests.ts';
import { evaluationOutcomes, incompleteReasons } from '../../../domain/requestTypes.ts';
import {
  ConfirmAction,
  ErrorSummary,
  errorsFromResponse,
  type Feedback,
  type FieldErrors,
  SelectField,
  TextAreaField,
  useFormSubmit,
  useFormToggle,
} from '../../components/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { type Request, refusalOf, requestErrors, useRequestChange } from './data.ts';
import { Part } from './parts.tsx';

type Props = { request: Request; onDone: (feedback: Feedback) => void };
type PlainStep = 'submit' | 'supplement' | 'accept_complete' | 'start_review' | 'start' | 'close';

/** Steps taken by one press, in the order of a request's life. */
const plainSteps: readonly PlainStep[] = [
  'submit',
  'supplement',
  'accept_complete',
  'start_review',
  'start',
  'close',
];

export function Steps({ request, onDone }: Props) {
  const { t } = useI18n();
  const { steps, edit } = request.permissions;
  // Submitting and supplementing sit under the school's form, which saves first.
  const plain = plainSteps.filter(
    (step) => steps.includes(step) && !(edit && (step === 'submit' || step === 'supplement')),
  );
  const shown =
    plain.length > 0 ||
    steps.includes('send_back_incomplete') ||
    steps.includes('evaluate') ||
    steps.includes('withdraw');
  if (!shown) return null;
  return (
    <Part id="request-steps" title={t('requests.steps.title')}>
      {steps.includes('accept_complete') && request.missing.length > 0 && (
        <Paragraph>{t('requests.steps.stillMissing')}</Paragraph>
      )}
      <div className="passend-student-actions">
        {plain.map((step) => (
          <PlainStepButton key={step} step={step} request={request} onDone={onDone} />
        ))}
        {steps.includes('withdraw') && <Withdraw request={request} onDone={onDone} />}
      </div>
      {steps.includes('send_back_incomplete') && <SendBack request={request} onDone={onDone} />}
      {steps.includes('evaluate') && <Evaluate request={request} onDone={onDone} />}
    </Part>
  );
}

function PlainStepButton({ step, request, onDone }: Props & { step: PlainStep }) {
  const { t } = useI18n();
  const change = useRequestChange();
  const [busy, setBusy] = useState(false);
  const take = async () => {
    setBusy(true);
    onDone(null);
    try {
      await change('POST', request, '/steps', { step, revision: request.revision });
      onDone({ ok: true, text: t(`requests.done.${step}`) });
    } catch (caught) {
      onDone({ ok: false, text: t(refusalOf(caught)) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button
      appearance={step === 'close' ? 'secondary-action-button' : 'primary-action-button'}
      disabled={busy}
      onClick={() => void take()}
    >
      {t(`requests.step.${step}`)}
    </Button>
  );
}

function Withdraw({ request, onDone }: Props) {
  const { t } = useI18n();
  const change = useRequestChange();
  return (
    <ConfirmAction
      label={t('requests.step.withdraw')}
      question={t('requests.withdraw.question')}
      confirmLabel={t('requests.withdraw.confirm')}
      onConfirm={async () => {
        try {
          await change('POST', request, '/steps', { step: 'withdraw', revision: request.revision });
          onDone({ ok: true, text: t('requests.done.withdraw') });
        } catch (caught) {
          onDone({ ok: false, text: t(refusalOf(caught)) });
        }
      }}
    />
  );
}

/** A step with words: behind its button, a small form that says why (or how it went). */
function StepForm({
  request,
  onDone,
  step,
  firstField,
  children,
  input,
}: Props & {
  step: 'send_back_incomplete' | 'evaluate';
  firstField: string;
  children: (errors: FieldErrors | null) => ReactNode;
  input: () => Record<string, unknown>;
}) {
  const { t } = useI18n();
  const change = useRequestChange();
  const { isOpen, setOpen, openButton } = useFormToggle(firstField);
  const { errors, setErrors, busy, submit } = useFormSubmit({
    messages: {
      reasonCode: 'requests.error.reasonCode',
      evaluationOutcome: 'requests.error.evaluationOutcome',
    },
    errorsOf: (caught) => requestErrors(caught, () => errorsFromResponse(caught)),
  });
  if (!isOpen)
    return (
      <Button
        ref={openButton}
        appearance="secondary-action-button"
        onClick={() => {
          onDone(null);
          setErrors(null);
          setOpen(true);
        }}
      >
        {t(`requests.step.${step}`)}
      </Button>
    );
  const send = (event: FormEvent) => {
    event.preventDefault();
    void submit(StepBody, { step, revision: request.revision, ...input() }, async (body) => {
      await change('POST', request, '/steps', body);
      setOpen(false);
      onDone({ ok: true, text: t(`requests.done.${step}`) });
    });
  };
  return (
    <form
      className="passend-form passend-request-form"
      noValidate
      onSubmit={send}
      aria-label={t(`requests.step.${step}`)}
    >
      <ErrorSummary errors={errors} />
      {children(errors)}
      <div className="passend-student-actions">
        <Button type="submit" appearance="primary-action-button" disabled={busy}>
          {t(`requests.stepSubmit.${step}`)}
        </Button>
        <Button appearance="secondary-action-button" onClick={() => setOpen(false)}>
          {t('admin.cancel')}
        </Button>
      </div>
    </form>
  );
}

function SendBack(props: Props) {
  const { t } = useI18n();
  const [reasonCode, setReasonCode] = useState('');
  const [note, setNote] = useState('');
  return (
    <StepForm
      {...props}
      step="send_back_incomplete"
      firstField="reasonCode"
      input={() => ({ reasonCode: reasonCode || undefined, note })}
    >
      {(errors) => (
        <>
          <SelectField
            path="reasonCode"
            label={t('requests.sendBack.reason')}
            placeholder={t('requests.choose')}
            value={reasonCode}
            options={incompleteReasons.map((value) => ({ value, label: t(`request.reason.${value}`) }))}
            error={errors?.reasonCode}
            onChange={setReasonCode}
          />
          <TextAreaField
            path="note"
            label={t('requests.sendBack.note')}
            description={t('requests.sendBack.noteHint')}
            value={note}
            error={errors?.note}
            onChange={setNote}
          />
        </>
      )}
    </StepForm>
  );
}

function Evaluate(props: Props) {
  const { t } = useI18n();
  const [outcome, setOutcome] = useState('');
  const [note, setNote] = useState('');
  return (
    <StepForm
      {...props}
      step="evaluate"
      firstField="evaluationOutcome"
      input={() => ({ evaluationOutcome: outcome || undefined, note })}
    >
      {(errors) => (
        <>
          <SelectField
            path="evaluationOutcome"
            label={t('requests.evaluate.outcome')}
            placeholder={t('requests.choose')}
            value={outcome}
            options={evaluationOutcomes.map((value) => ({ value, label: t(`request.evaluation.${value}`) }))}
            error={errors?.evaluationOutcome}
            onChange={setOutcome}
          />
          <TextAreaField
            path="note"
            label={t('requests.evaluate.note')}
            description={t('requests.evaluate.noteHint')}
            value={note}
            error={errors?.note}
            onChange={setNote}
          />
        </>
      )}
    </StepForm>
  );
}
