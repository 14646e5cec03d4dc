// The request as a parent reads it, in plain Dutch (B1): what the school asked, what was decided
// and why, and what happens now; their own view, which they give here while the SWV has not yet
// decided; and what happened so far. No budgets, no codes.
import { Button, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { ParentsViewBody } from '../../../contracts/requests.ts';
import {
  ErrorSummary,
  errorsFromResponse,
  type Feedback,
  TextAreaField,
  useFormSubmit,
} from '../../components/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/nl.ts';
import { ObjectionPart } from '../objections/ObjectionPart.tsx';
import { DecisionLetter } from './Decision.tsx';
import { type Request, requestErrors, useRequestChange } from './data.ts';
import { Part } from './parts.tsx';
import { Timeline } from './Timeline.tsx';

type Props = { request: Request; onDone: (feedback: Feedback) => void };

export function ParentRequest({ request, onDone }: Props) {
  const { t } = useI18n();
  const name = firstName(request);
  return (
    <>
      <Part id="request-asked" title={t('requests.parent.asked')}>
        {request.type.isTlv && <Paragraph>{t('requests.parent.tlvExplained')}</Paragraph>}
        <Paragraph>{t('requests.parent.askedIntro', { name, type: request.type.name })}</Paragraph>
        {request.question && <Paragraph className="passend-request-note">{request.question}</Paragraph>}
        {request.triedSoFar && (
          <>
            <Paragraph>
              <strong>{t('requests.parent.tried')}</strong>
            </Paragraph>
            <Paragraph className="passend-request-note">{request.triedSoFar}</Paragraph>
          </>
        )}
      </Part>
      <Part id="request-decided" title={t('requests.parent.decided')}>
        <ParentDecision request={request} />
      </Part>
      <Part id="request-next" title={t('requests.parent.next')}>
        <NextStep request={request} />
      </Part>
      <Part id="request-view" title={t('requests.parent.view')}>
        {request.parentsView ? (
          <>
            <Paragraph>{t('requests.parent.viewGiven')}</Paragraph>
            <Paragraph className="passend-request-note">{request.parentsView}</Paragraph>
          </>
        ) : (
          !request.permissions.giveParentsView && <Paragraph>{t('requests.parent.viewNone')}</Paragraph>
        )}
        {request.permissions.giveParentsView && (
          <ParentsViewForm key={request.revision} request={request} onDone={onDone} />
        )}
      </Part>
      <ObjectionPart requestId={request.id} decided={request.decision !== null} asParent onDone={onDone} />
      <Timeline request={request} plain />
    </>
  );
}

/** "Noor Bakker" → "Noor": the page speaks of the child by their first name. */
const firstName = (request: Request) => request.student?.name.split(' ')[0] ?? '';

function ParentDecision({ request }: { request: Request }) {
  const { t, formatDate, formatNumber } = useI18n();
  const decision = request.decision;
  const name = firstName(request);
  if (!decision) return <Paragraph>{t('requests.parent.notYet')}</Paragraph>;
  return (
    <>
      <Paragraph>
        <strong>{t(`requests.parent.outcome.${decision.outcome}`, { name })}</strong>
      </Paragraph>
      <Paragraph>{t('requests.parent.decidedOn', { date: formatDate(decision.decidedOn) })}</Paragraph>
      <Paragraph>
        <strong>{t('requests.parent.why')}</strong>
      </Paragraph>
      <Paragraph className="passend-request-note">{decision.reasons}</Paragraph>
      {decision.outcome !== 'rejected' && (
        <ul className="passend-request-plain-list">
          {decision.periodFrom && decision.periodUntil && (
            <li>
              {t('requests.parent.period', {
                from: formatDate(decision.periodFrom),
                until: formatDate(decision.periodUntil),
              })}
            </li>
          )}
          {request.type.hasCategory && request.category && (
            <li>{t('requests.parent.category', { category: t(`request.category.${request.category}`) })}</li>
          )}
          {decision.hoursGranted !== null && (
            <li>{t('requests.parent.hours', { hours: formatNumber(decision.hoursGranted) })}</li>
          )}
          {decision.provider && <li>{t('requests.parent.provider', { provider: decision.provider })}</li>}
        </ul>
      )}
      <DecisionLetter request={request} />
    </>
  );
}

/** What happens now, for each state: who does what next, and by when. */
function NextStep({ request }: { request: Request }) {
  const { t, formatDate } = useI18n();
  const key: MessageKey =
    request.state === 'decided'
      ? request.outcome === 'rejected'
        ? 'requests.parent.nextState.rejected'
        : 'requests.parent.nextState.granted'
      : `requests.parent.nextState.${request.state}`;
  const deadline = request.clock.deadlineOn;
  return (
    <Paragraph>
      {t(key, { name: firstName(request) })}
      {deadline &&
        !request.clock.stopped &&
        ` ${t('requests.parent.deadline', { date: formatDate(deadline) })}`}
    </Paragraph>
  );
}

function ParentsViewForm({ request, onDone }: Props) {
  const { t } = useI18n();
  const change = useRequestChange();
  const [view, setView] = useState('');
  const { errors, busy, submit } = useFormSubmit({
    messages: { view: 'requests.error.view' },
    errorsOf: (caught) => requestErrors(caught, () => errorsFromResponse(caught)),
  });
  const save = (event: FormEvent) => {
    event.preventDefault();
    void submit(ParentsViewBody, { view }, async (body) => {
      await change('POST', request, '/parents-view', body);
      onDone({ ok: true, text: t('requests.done.parentsView') });
    });
  };
  return (
    <form
      className="passend-form passend-request-form"
      noValidate
      onSubmit={save}
      aria-label={t('requests.parent.viewForm')}
    >
      <ErrorSummary errors={errors} />
      <TextAreaField
        path="view"
        label={t('requests.parent.viewLabel')}
        description={t('requests.parent.viewHint')}
        rows={5}
        value={view}
        error={errors?.view}
        onChange={setView}
      />
      <Button type="submit" appearance="primary-action-button" disabled={busy}>
        {t('requests.parent.viewSubmit')}
      </Button>
    </form>
  );
}
