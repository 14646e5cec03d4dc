// One transition (/transitions/:id): the child, both schools, the duty-of-care clock, what the new
// school should know (risks, the hand-over report, the parents' consent), the warm hand-over
// meeting and the decision with its start and follow-up; then the next step the reader may take.
import {
  Button,
  Fieldset,
  FieldsetLegend,
  Heading,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { TransitionStepBody, transitionSteps } from '../../../contracts/transitions.ts';
import { osoParts } from '../../../domain/osoExport.ts';
import { transitionOutcomes } from '../../../domain/transitions.ts';
import { Link } from '../../app/router.tsx';
import {
  CheckboxField,
  ErrorSummary,
  errorsFromResponse,
  type Feedback,
  FeedbackMessage,
  SelectField,
  TextAreaField,
  TextField,
  useFormSubmit,
} from '../../components/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Part } from '../requests/parts.tsx';
import { Breadcrumbs } from '../student/Breadcrumbs.tsx';
import { RecordStates } from '../student/Refusal.tsx';
import { type Transition, transitionErrors, useTransition, useTransitionsChange } from './data.ts';
import { Risks, SchoolName, TermClock, TransitionState } from './parts.tsx';
import '../student/student.css';
import '../requests/requests.css';
import '../requests/work.css';
import './transitions.css';

export default function TransitionPage({ params }: { params: Record<string, string> }) {
  const query = useTransition(params.id ?? '');
  return <RecordStates query={query}>{(transition) => <Detail transition={transition} />}</RecordStates>;
}

function Detail({ transition }: { transition: Transition }) {
  const { t, formatDate } = useI18n();
  const [feedback, setFeedback] = useState<Feedback>(null);
  const title = t('trans.page.title', { name: transition.studentName });
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
          { href: '/transitions', label: t('trans.list.title') },
          { href: `/transitions/${encodeURIComponent(transition.id)}`, label: title },
        ]}
      />
      <Heading level={1}>{title}</Heading>
      <dl className="passend-student-facts passend-request-facts">
        {fact(t('trans.fact.birthDate'), formatDate(transition.birthDate))}
        {fact(
          t('trans.fact.kind'),
          `${t(`trans.kind.${transition.moveKind}`)} — ${t(`trans.direction.${transition.direction}`)}`,
        )}
        {fact(t('trans.fact.from'), <SchoolName school={transition.from} />)}
        {fact(t('trans.fact.to'), <SchoolName school={transition.to} />)}
        {fact(t('trans.fact.registeredOn'), formatDate(transition.registeredOn))}
        {fact(t('trans.fact.movesOn'), formatDate(transition.movesOn))}
        {fact(
          t('trans.fact.term'),
          <>
            <TermClock row={transition} />
            {transition.extended && ` — ${t('trans.fact.extended')}`}
          </>,
        )}
        {fact(t('trans.col.state'), <TransitionState row={transition} />)}
        {transition.followUpOn &&
          fact(
            t('trans.fact.followUp'),
            t('trans.fact.followUpOn', { date: formatDate(transition.followUpOn) }),
          )}
      </dl>
      <FeedbackMessage feedback={feedback} />
      <Part id="transition-risks" title={t('trans.part.risks')}>
        {transition.risks === null ? (
          <Paragraph>{t('trans.part.risksHidden')}</Paragraph>
        ) : (
          <Risks row={transition} />
        )}
        {transition.report !== null && (
          <>
            <Heading level={3}>{t('trans.part.report')}</Heading>
            <Paragraph className="passend-request-note">
              {transition.report || t('trans.part.reportEmpty')}
            </Paragraph>
          </>
        )}
        {(transition.consentInForce !== null || transition.handedOverOn) && transition.report !== null && (
          <>
            <Heading level={3}>{t('trans.part.consent')}</Heading>
            <Paragraph>
              {transition.handedOverOn
                ? t('trans.consent.handed')
                : t(transition.consentInForce ? 'trans.consent.inForce' : 'trans.consent.missing')}
            </Paragraph>
            {transition.consentScope && (
              <Paragraph>{t('trans.consent.scope', { scope: transition.consentScope })}</Paragraph>
            )}
          </>
        )}
      </Part>
      {(transition.handedOverParts !== null || transition.permissions.steps.includes('hand_over')) && (
        <Part id="transition-oso" title={t('trans.oso.title')}>
          <OsoDossier transition={transition} />
        </Part>
      )}
      <Part id="transition-meeting" title={t('trans.part.meeting')}>
        <Paragraph>
          {transition.meetingOn
            ? t('trans.meeting.held', {
                date: formatDate(transition.meetingOn),
                with: transition.meetingWith,
              })
            : t('trans.meeting.none')}
        </Paragraph>
      </Part>
      {transition.outcome && (
        <Part id="transition-decision" title={t('trans.part.decision')}>
          <Paragraph>
            {transition.outcome === 'placed'
              ? t('trans.decision.placed', { date: formatDate(transition.startedOn ?? '') })
              : t('trans.decision.not_placed', { reason: transition.decisionReason })}
          </Paragraph>
        </Part>
      )}
      {transition.permissions.steps.length > 0 && (
        <Part id="transition-step" title={t('trans.part.steps')}>
          <StepForm transition={transition} onDone={setFeedback} />
        </Part>
      )}
      <Paragraph>
        <Link
          href={`/students/${encodeURIComponent(transition.studentId)}/transitions`}
          className="utrecht-link"
        >
          {t('trans.tab.caption', { name: transition.studentName })}
        </Link>
      </Paragraph>
    </div>
  );
}

/** The OSO hand-over dossier: the parts handed over and its download (docs/decisions/0030-oso-dossier-export.md). */
function OsoDossier({ transition }: { transition: Transition }) {
  const { t } = useI18n();
  const parts = transition.handedOverParts;
  return (
    <>
      <Paragraph>{t('trans.oso.intro')}</Paragraph>
      {parts === null ? (
        <Paragraph>{t('trans.oso.notYet')}</Paragraph>
      ) : parts.length === 0 ? (
        <Paragraph>{t('trans.oso.noParts')}</Paragraph>
      ) : (
        <>
          <Paragraph>{t('trans.oso.parts')}</Paragraph>
          <UnorderedList>
            {parts.map((part) => (
              <UnorderedListItem key={part}>{t(`trans.oso.part.${part}`)}</UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      )}
      {transition.direction === 'incoming' && parts !== null && (
        <Paragraph>{t('trans.oso.otherSwv')}</Paragraph>
      )}
      {transition.permissions.osoDossier && (
        <Paragraph>
          <a
            className="utrecht-link"
            href={`/api/transitions/${encodeURIComponent(transition.id)}/oso-dossier`}
            download
          >
            {t('trans.oso.download')}
          </a>
        </Paragraph>
      )}
    </>
  );
}

const messages = {
  step: 'trans.error.step',
  meetingOn: 'trans.error.meetingOn',
  meetingWith: 'trans.error.meetingWith',
  outcome: 'trans.error.outcome',
  startsOn: 'trans.error.startsOn',
  reason: 'trans.error.reason',
} as const;

function StepForm({ transition, onDone }: { transition: Transition; onDone: (feedback: Feedback) => void }) {
  const { t } = useI18n();
  const change = useTransitionsChange();
  const steps = transition.permissions.steps;
  const [step, setStep] = useState<string>(steps.length === 1 ? steps[0]! : '');
  const [report, setReport] = useState(transition.report ?? '');
  const [meetingOn, setMeetingOn] = useState('');
  const [meetingWith, setMeetingWith] = useState('');
  const [outcome, setOutcome] = useState('');
  const [startsOn, setStartsOn] = useState(transition.movesOn);
  const [reason, setReason] = useState('');
  const [parts, setParts] = useState<string[]>([]);
  const { errors, busy, submit } = useFormSubmit({
    messages,
    errorsOf: (caught) => transitionErrors(caught, () => errorsFromResponse(caught, { messages })),
  });
  const save = (event: FormEvent) => {
    event.preventDefault();
    const body =
      step === 'report'
        ? { step, report }
        : step === 'meeting'
          ? { step, meetingOn, meetingWith }
          : step === 'decide'
            ? {
                step,
                outcome: outcome || undefined,
                reason,
                ...(outcome === 'placed' ? { startsOn: startsOn || undefined } : {}),
              }
            : step === 'hand_over'
              ? { step, parts: osoParts.filter((part) => parts.includes(part)) }
              : { step: step || undefined };
    void submit(TransitionStepBody, body, async (valid) => {
      await change('POST', `/api/transitions/${encodeURIComponent(transition.id)}/steps`, valid);
      onDone({ ok: true, text: t('trans.step.done') });
      setStep('');
    });
  };
  return (
    <form
      className="passend-form passend-request-form"
      noValidate
      onSubmit={save}
      aria-label={t('trans.part.steps')}
    >
      <ErrorSummary errors={errors} />
      <SelectField
        path="step"
        label={t('trans.part.steps')}
        placeholder={t('trans.choose')}
        value={step}
        options={transitionSteps
          .filter((value) => steps.includes(value))
          .map((value) => ({ value, label: t(`trans.step.${value}`) }))}
        error={errors?.step}
        onChange={setStep}
      />
      {step === 'hand_over' && (
        <>
          <Paragraph>{t('trans.step.handOverHint')}</Paragraph>
          <Fieldset aria-describedby="transition-oso-parts-hint">
            <FieldsetLegend>{t('trans.oso.legend')}</FieldsetLegend>
            <Paragraph id="transition-oso-parts-hint">{t('trans.oso.legendHint')}</Paragraph>
            {osoParts.map((part) => (
              <CheckboxField
                key={part}
                path={`parts-${part}`}
                label={t(`trans.oso.part.${part}`)}
                value={parts.includes(part)}
                onChange={(checked) =>
                  setParts((chosen) => (checked ? [...chosen, part] : chosen.filter((p) => p !== part)))
                }
              />
            ))}
          </Fieldset>
        </>
      )}
      {step === 'report' && (
        <TextAreaField
          path="report"
          label={t('trans.field.report')}
          description={t('trans.field.reportHint')}
          rows={6}
          value={report}
          error={errors?.report}
          onChange={setReport}
        />
      )}
      {step === 'meeting' && (
        <>
          <TextField
            path="meetingOn"
            type="date"
            label={t('trans.field.meetingOn')}
            value={meetingOn}
            error={errors?.meetingOn}
            onChange={setMeetingOn}
          />
          <TextField
            path="meetingWith"
            label={t('trans.field.meetingWith')}
            description={t('trans.field.meetingWithHint')}
            value={meetingWith}
            error={errors?.meetingWith}
            onChange={setMeetingWith}
          />
        </>
      )}
      {step === 'decide' && (
        <>
          <SelectField
            path="outcome"
            label={t('trans.field.outcome')}
            placeholder={t('trans.choose')}
            value={outcome}
            options={transitionOutcomes.map((value) => ({ value, label: t(`trans.outcome.${value}`) }))}
            error={errors?.outcome}
            onChange={setOutcome}
          />
          {outcome === 'placed' && (
            <TextField
              path="startsOn"
              type="date"
              label={t('trans.field.startsOn')}
              value={startsOn}
              error={errors?.startsOn}
              onChange={setStartsOn}
            />
          )}
          {outcome === 'not_placed' && (
            <TextAreaField
              path="reason"
              label={t('trans.field.reason')}
              rows={4}
              value={reason}
              error={errors?.reason}
              onChange={setReason}
            />
          )}
        </>
      )}
      <Button type="submit" appearance="primary-action-button" disabled={busy}>
        {step ? t(`trans.step.${step as (typeof transitionSteps)[number]}`) : t('trans.part.steps')}
      </Button>
    </form>
  );
}
