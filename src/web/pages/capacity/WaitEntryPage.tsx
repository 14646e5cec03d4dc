// One child's wait (/waiting-list/:id): the child, where they wait since when, the waiting time, the
// promised date and the decision; a consultant promises a place, keeps a note and ends the wait.
import { Heading } from '@utrecht/component-library-react';
import { type ReactNode, useState } from 'react';
import { UpdateWaitBody } from '../../../contracts/capacity.ts';
import { waitEndings } from '../../../domain/capacity.ts';
import { Link } from '../../app/router.tsx';
import {
  errorsFromResponse,
  type Feedback,
  FeedbackMessage,
  SelectField,
  TextAreaField,
  TextField,
  useFormSubmit,
} from '../../components/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { RegisterForm, today } from '../objections/Register.tsx';
import { Breadcrumbs } from '../student/Breadcrumbs.tsx';
import { RecordStates } from '../student/Refusal.tsx';
import { capacityErrors, placeLabel, useCapacityChange, useWaitingEntry, type WaitingEntry } from './data.ts';
import '../student/student.css';
import '../requests/requests.css';
import './capacity.css';

export default function WaitEntryPage({ params }: { params: Record<string, string> }) {
  const query = useWaitingEntry(params.id ?? '');
  return (
    <RecordStates query={query} notFound={{ title: 'requests.notFound.title', body: 'cap.entry.notFound' }}>
      {(entry) => <Detail entry={entry} />}
    </RecordStates>
  );
}

function Detail({ entry }: { entry: WaitingEntry }) {
  const { t, formatDate, formatNumber } = useI18n();
  const [feedback, setFeedback] = useState<Feedback>(null);
  const title = t('cap.entry.title', { name: entry.student.name });
  const fact = (label: string, value: ReactNode) => (
    <div>
      <dt>{label}</dt>
      <dd>{value}</dd>
    </div>
  );
  const days = t(entry.longWait ? 'cap.list.long' : 'cap.list.days', {
    days: formatNumber(entry.waitingDays),
  });
  return (
    <div className="passend-request">
      <Breadcrumbs
        trail={[
          { href: `/students/${encodeURIComponent(entry.student.id)}/waiting`, label: entry.student.name },
          { href: `/waiting-list/${encodeURIComponent(entry.id)}`, label: title },
        ]}
      />
      <Heading level={1}>{title}</Heading>
      <dl className="passend-student-facts passend-request-facts">
        {fact(t('cap.entry.school'), entry.student.schoolName)}
        {fact(
          t('cap.entry.place'),
          `${entry.place.name} (${placeLabel(t, entry.place.kind, entry.category)})`,
        )}
        {fact(t('cap.entry.since'), formatDate(entry.since))}
        {fact(
          t('cap.entry.days'),
          entry.longWait ? <strong className="passend-wait-long">{days}</strong> : days,
        )}
        {fact(t('cap.entry.promised'), entry.promisedOn ? formatDate(entry.promisedOn) : t('cap.list.none'))}
        {fact(
          t('cap.entry.request'),
          entry.request ? (
            <Link href={`/requests/${encodeURIComponent(entry.request.id)}`} className="utrecht-link">
              {`${entry.request.number}, ${entry.request.typeName}`}
            </Link>
          ) : (
            t('cap.list.none')
          ),
        )}
        {fact(
          t('cap.entry.ended'),
          entry.endedOn
            ? `${t(`cap.ending.${entry.ending!}`)}, ${formatDate(entry.endedOn)}`
            : t('cap.entry.open'),
        )}
        {entry.note && fact(t('cap.entry.note'), entry.note)}
      </dl>
      <FeedbackMessage feedback={feedback} />
      {entry.mayChange && (
        <>
          <ChangeWait entry={entry} onDone={() => setFeedback({ ok: true, text: t('cap.entry.saved') })} />
          <EndWait entry={entry} onDone={() => setFeedback({ ok: true, text: t('cap.entry.endedDone') })} />
        </>
      )}
    </div>
  );
}

const entryPath = (entry: WaitingEntry) => `/api/waiting-entries/${encodeURIComponent(entry.id)}`;

function ChangeWait({ entry, onDone }: { entry: WaitingEntry; onDone: () => void }) {
  const { t } = useI18n();
  const change = useCapacityChange();
  const [promisedOn, setPromisedOn] = useState(entry.promisedOn ?? '');
  const [note, setNote] = useState(entry.note ?? '');
  const { errors, busy, submit } = useFormSubmit({
    messages: { promisedOn: 'cap.error.date' },
    errorsOf: (caught) => capacityErrors(caught, () => errorsFromResponse(caught)),
  });
  const save = () =>
    void submit(UpdateWaitBody, { promisedOn: promisedOn || null, note }, async (body) => {
      await change('PATCH', entryPath(entry), body);
      onDone();
    });
  return (
    <RegisterForm
      title={t('cap.entry.changeTitle')}
      errors={errors}
      busy={busy}
      submitLabel={t('cap.entry.save')}
      onSubmit={save}
    >
      <TextField
        path="promisedOn"
        type="date"
        label={t('cap.entry.promisedOn')}
        description={t('cap.entry.promisedHint')}
        value={promisedOn}
        error={errors?.promisedOn}
        onChange={setPromisedOn}
      />
      <TextAreaField
        path="note"
        label={t('cap.entry.note')}
        value={note}
        error={errors?.note}
        onChange={setNote}
      />
    </RegisterForm>
  );
}

function EndWait({ entry, onDone }: { entry: WaitingEntry; onDone: () => void }) {
  const { t } = useI18n();
  const change = useCapacityChange();
  const [ending, setEnding] = useState('');
  const [on, setOn] = useState(today());
  const { errors, busy, submit } = useFormSubmit({
    messages: { 'end.ending': 'cap.error.ending', 'end.on': 'cap.error.date' },
    errorsOf: (caught) => capacityErrors(caught, () => errorsFromResponse(caught)),
  });
  const save = () =>
    void submit(UpdateWaitBody, { end: { ending: ending || undefined, on } }, async (body) => {
      await change('PATCH', entryPath(entry), body);
      onDone();
    });
  return (
    <RegisterForm
      title={t('cap.entry.endTitle')}
      errors={errors}
      busy={busy}
      submitLabel={t('cap.entry.end')}
      onSubmit={save}
    >
      <SelectField
        path="end.ending"
        label={t('cap.entry.ending')}
        placeholder={t('obj.choose')}
        value={ending}
        options={waitEndings.map((value) => ({ value, label: t(`cap.ending.${value}`) }))}
        error={errors?.['end.ending']}
        onChange={setEnding}
      />
      <TextField
        path="end.on"
        type="date"
        label={t('cap.entry.endedOn')}
        value={on}
        error={errors?.['end.on']}
        onChange={setOn}
      />
    </RegisterForm>
  );
}
