// The "Bezwaar" part of a decided request's page: the objections against the decision, each with
// its state, dates and course, what an upheld objection means for the decision, and the form to
// object (a parent of the child in plain Dutch, or the request's school). Staff follow the link to
// the objection's own page to take its steps.
import { Button, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { FileObjectionBody } from '../../../contracts/objections.ts';
import { Link } from '../../app/router.tsx';
import {
  ErrorSummary,
  errorsFromResponse,
  type Feedback,
  TextAreaField,
  useFormSubmit,
  useFormToggle,
} from '../../components/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/nl.ts';
import { OpenFormButton, Part } from '../requests/parts.tsx';
import {
  type Objection,
  objectionErrors,
  objectionPage,
  requestObjectionsPath,
  useObjectionsChange,
  useRequestObjections,
} from './data.ts';
import { LbtClock, ObjectionState } from './parts.tsx';

type Props = {
  requestId: string;
  decided: boolean;
  asParent: boolean;
  onDone: (feedback: Feedback) => void;
};

export function ObjectionPart({ requestId, decided, asParent, onDone }: Props) {
  const { t, formatDate } = useI18n();
  const query = useRequestObjections(requestId, decided);
  if (!decided || !query.data) return null;
  const { objections, termEndsOn, permissions } = query.data;
  return (
    <Part id="request-objection" title={t('obj.part.title')}>
      {objections.length === 0 && <Paragraph>{t('obj.part.none')}</Paragraph>}
      {termEndsOn && permissions.file && (
        <Paragraph>{t('obj.part.term', { date: formatDate(termEndsOn) })}</Paragraph>
      )}
      {objections.map((objection) =>
        asParent ? (
          <ParentObjection key={objection.id} objection={objection} />
        ) : (
          <StaffObjection key={objection.id} objection={objection} />
        ),
      )}
      {permissions.file && termEndsOn && (
        <FileObjection requestId={requestId} termEndsOn={termEndsOn} asParent={asParent} onDone={onDone} />
      )}
    </Part>
  );
}

/** An upheld objection reopens the decision; a rejected one leaves it standing. Said plainly. */
function Outcome({ objection }: { objection: Objection }) {
  const { t } = useI18n();
  if (objection.outcome === null) return null;
  return (
    <Paragraph className="passend-request-note">
      <strong>{t(objection.outcome === 'upheld' ? 'obj.part.upheld' : 'obj.part.rejected')}</strong>
      {objection.decisionReasons && (
        <>
          <br />
          {objection.decisionReasons}
        </>
      )}
    </Paragraph>
  );
}

function History({ objection, headingId }: { objection: Objection; headingId: string }) {
  const { t, formatDate } = useI18n();
  return (
    <>
      <Paragraph id={headingId}>
        <strong>{t('obj.part.history')}</strong>
      </Paragraph>
      <ol className="passend-request-timeline" aria-labelledby={headingId}>
        {objection.events.map((event) => (
          <li key={event.id}>
            {t('obj.part.historyItem', {
              step:
                event.step === 'decide' && objection.outcome
                  ? `${t('obj.step.decide')}: ${t(`obj.outcome.${objection.outcome}`)}`
                  : t(`obj.step.${event.step}`),
              date: formatDate(event.on),
            })}
          </li>
        ))}
      </ol>
    </>
  );
}

function StaffObjection({ objection }: { objection: Objection }) {
  const { t, formatDate } = useI18n();
  return (
    <article className="passend-request-record" aria-labelledby={`objection-${objection.id}`}>
      <Paragraph id={`objection-${objection.id}`}>
        <Link href={objectionPage(objection.id)} className="utrecht-link">
          {t('obj.part.open', { date: formatDate(objection.receivedOn) })}
        </Link>{' '}
        ({t(`obj.filedBy.${objection.filedBy}`)}
        {objection.late ? `, ${t('obj.part.late')}` : ''})
      </Paragraph>
      <Paragraph>
        <ObjectionState objection={objection} />
      </Paragraph>
      {objection.isTlv && objection.state !== 'decided' && objection.state !== 'withdrawn' && (
        <Paragraph>
          {t('obj.fact.lbt')}: <LbtClock objection={objection} />
        </Paragraph>
      )}
      <Outcome objection={objection} />
      <History objection={objection} headingId={`objection-history-${objection.id}`} />
    </article>
  );
}

/** The last dated thing that happened, in the parent's words. */
function parentStateDate(objection: Objection): string {
  switch (objection.state) {
    case 'advice_requested':
      return objection.adviceRequestedOn ?? objection.receivedOn;
    case 'advice_received':
      return objection.adviceReceivedOn ?? objection.receivedOn;
    case 'hearing':
      return objection.hearingOn ?? objection.receivedOn;
    case 'decided':
      return objection.decidedOn ?? objection.receivedOn;
    default:
      return objection.receivedOn;
  }
}

function ParentObjection({ objection }: { objection: Objection }) {
  const { t, formatDate } = useI18n();
  const stateKey: MessageKey = `obj.parent.state.${objection.state}`;
  return (
    <article className="passend-request-record" aria-labelledby={`objection-${objection.id}`}>
      <Paragraph id={`objection-${objection.id}`}>
        <strong>{t(stateKey, { date: formatDate(parentStateDate(objection)) })}</strong>
      </Paragraph>
      {objection.state === 'received' && (
        <Paragraph>
          {objection.isTlv && objection.clock.adviceDueOn
            ? t('obj.parent.nextTlv', { date: formatDate(objection.clock.adviceDueOn) })
            : t('obj.parent.next.received')}
        </Paragraph>
      )}
      <Outcome objection={objection} />
      <History objection={objection} headingId={`objection-history-${objection.id}`} />
    </article>
  );
}

function FileObjection({
  requestId,
  termEndsOn,
  asParent,
  onDone,
}: {
  requestId: string;
  termEndsOn: string;
  asParent: boolean;
  onDone: (feedback: Feedback) => void;
}) {
  const { t, formatDate } = useI18n();
  const change = useObjectionsChange();
  const { isOpen, setOpen, openButton } = useFormToggle('grounds');
  const [grounds, setGrounds] = useState('');
  const [lateReason, setLateReason] = useState('');
  const { errors, busy, submit } = useFormSubmit({
    messages: { grounds: 'obj.error.grounds', lateReason: 'obj.error.lateReason' },
    errorsOf: (caught) => objectionErrors(caught, () => errorsFromResponse(caught)),
  });
  // The page's day against the term: the server decides, this only asks for the reason in time.
  const late = new Date().toISOString().slice(0, 10) > termEndsOn;
  if (!isOpen)
    return (
      <>
        <Paragraph>{t('obj.file.intro')}</Paragraph>
        <OpenFormButton
          buttonRef={openButton}
          onOpen={() => {
            onDone(null);
            setOpen(true);
          }}
        >
          {t(asParent ? 'obj.file.open' : 'obj.file.titleSchool')}
        </OpenFormButton>
      </>
    );
  const save = (event: FormEvent) => {
    event.preventDefault();
    void submit(FileObjectionBody, { grounds, lateReason }, async (body) => {
      await change('POST', requestObjectionsPath(requestId), body);
      setOpen(false);
      setGrounds('');
      setLateReason('');
      onDone({ ok: true, text: t('obj.file.done') });
    });
  };
  return (
    <form
      className="passend-form passend-request-form"
      noValidate
      onSubmit={save}
      aria-label={t(asParent ? 'obj.file.title' : 'obj.file.titleSchool')}
    >
      <ErrorSummary errors={errors} />
      <TextAreaField
        path="grounds"
        label={t('obj.file.grounds')}
        description={t('obj.file.groundsHint')}
        rows={6}
        value={grounds}
        error={errors?.grounds}
        onChange={setGrounds}
      />
      {late && (
        <TextAreaField
          path="lateReason"
          label={t('obj.file.lateReason')}
          description={t('obj.file.lateHint', { date: formatDate(termEndsOn) })}
          rows={3}
          value={lateReason}
          error={errors?.lateReason}
          onChange={setLateReason}
        />
      )}
      <div className="passend-student-actions">
        <Button type="submit" appearance="primary-action-button" disabled={busy}>
          {t('obj.file.submit')}
        </Button>
        <Button appearance="secondary-action-button" onClick={() => setOpen(false)}>
          {t('obj.cancel')}
        </Button>
      </div>
    </form>
  );
}
