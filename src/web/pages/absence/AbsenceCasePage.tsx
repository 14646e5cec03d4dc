// One absence case (/absence/cases/:id): the child and the case, the thresholds (4 weeks, 3 and 6
// months) with what happened at each, the offer in force and its history (never rewritten), the
// return plan's steps, the timeline, and ending the case with how it ended.
import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { type ReactNode, useState } from 'react';
import { AbsenceOfferBody, AbsenceStepBody, EndAbsenceCaseBody } from '../../../contracts/absence.ts';
import { absenceEndings } from '../../../domain/absence.ts';
import { Link } from '../../app/router.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import {
  errorsFromResponse,
  type Feedback,
  FeedbackMessage,
  numberOf,
  SelectField,
  TextAreaField,
  TextField,
  useFormSubmit,
} from '../../components/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { RegisterForm } from '../objections/Register.tsx';
import { RecordStates } from '../student/Refusal.tsx';
import {
  type AbsenceCase,
  absenceErrors,
  casePath,
  today,
  useAbsenceCase,
  useAbsenceChange,
} from './data.ts';
import './absence.css';
import '../requests/requests.css';

export default function AbsenceCasePage({ params }: { params: Record<string, string> }) {
  const query = useAbsenceCase(params.id ?? '');
  return (
    <RecordStates
      query={query}
      forbidden={{ title: 'abs.forbidden.title', body: 'abs.forbidden.body' }}
      notFound={{ title: 'abs.notFound.title', body: 'abs.notFound.body' }}
    >
      {(view) => <Detail view={view} />}
    </RecordStates>
  );
}

function Row({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Detail({ view }: { view: AbsenceCase }) {
  const { t, formatDate, formatNumber } = useI18n();
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [open, setOpen] = useState<'offer' | 'step' | 'end' | null>(null);
  const change = useAbsenceChange();
  const done = (text: string) => {
    setOpen(null);
    setFeedback({ ok: true, text });
  };
  const mayUpdate = view.permissions.update;
  const toggle = (form: 'offer' | 'step' | 'end') => {
    setFeedback(null);
    setOpen(open === form ? null : form);
  };
  return (
    <>
      <Paragraph>
        <Link href="/absence" className="utrecht-link">
          {t('abs.backToList')}
        </Link>
      </Paragraph>
      <Heading level={1}>{t('abs.case.title', { name: view.child.name })}</Heading>
      {view.pastRedLine && (
        <Paragraph>
          <strong className="passend-absence-redline">{t('abs.redLineLong')}</strong>
        </Paragraph>
      )}
      <FeedbackMessage feedback={feedback} />
      <dl className="passend-absence-facts">
        <Row term={t('abs.field.kind')}>
          {t(`abs.kind.${view.kind}`)}
          {view.exemptionArticle ? ` (${t('abs.article', { article: view.exemptionArticle })})` : ''}
        </Row>
        <Row term={t('abs.field.birthDate')}>{formatDate(view.child.birthDate)}</Row>
        <Row term={t('abs.field.school')}>
          {view.child.studentId ? (
            <Link href={`/students/${encodeURIComponent(view.child.studentId)}`} className="utrecht-link">
              {view.child.schoolName ?? t('abs.noSchool')}
            </Link>
          ) : (
            t('abs.noStudent')
          )}
        </Row>
        <Row term={t('abs.field.municipality')}>{view.municipality}</Row>
        <Row term={t('abs.field.startedOn')}>{formatDate(view.startedOn)}</Row>
        <Row term={t('abs.col.days')}>
          {t('abs.days', { days: formatNumber(view.daysAtHome) })} · {t(`abs.bucket.${view.bucket}`)}
        </Row>
        <Row term={t('abs.field.reason')}>{view.reason || '—'}</Row>
        <Row term={t('abs.field.officer')}>{view.attendanceOfficer?.name ?? '—'}</Row>
        <Row term={t('abs.field.consultant')}>{view.consultant?.name ?? '—'}</Row>
        {view.endedOn && (
          <Row term={t('abs.end.title')}>
            {t('abs.endedAs', { date: formatDate(view.endedOn), ending: t(`abs.ending.${view.ending!}`) })}
            {view.endNote ? ` — ${view.endNote}` : ''}
          </Row>
        )}
      </dl>

      <Heading level={2}>{t('abs.thresholds.title')}</Heading>
      <ul className="passend-absence-thresholds">
        {view.thresholds.map((th) => (
          <li key={th.threshold}>
            {t(`abs.threshold.${th.threshold}`)}: {formatDate(th.on)} —{' '}
            {th.crossed ? <strong>{t('abs.thresholds.crossed')}</strong> : t('abs.thresholds.ahead')}
          </li>
        ))}
      </ul>

      <Heading level={2}>{t('abs.offer.title')}</Heading>
      <Paragraph>
        {view.offer
          ? t('abs.offer.current', {
              education: view.offer.educationHours,
              care: view.offer.careHours,
              date: formatDate(view.offer.fromOn),
            })
          : t('abs.offer.none')}
      </Paragraph>
      {view.offers.length > 0 && (
        <DataTable
          caption={t('abs.offer.history')}
          rows={view.offers}
          rowKey={(row) => `${row.fromOn}-${row.recordedAt}`}
          columns={[
            { header: t('abs.offer.fromOn'), cell: (row) => formatDate(row.fromOn) },
            {
              header: t('abs.offer.education'),
              cell: (row) => formatNumber(row.educationHours),
              numeric: true,
            },
            { header: t('abs.offer.care'), cell: (row) => formatNumber(row.careHours), numeric: true },
            { header: t('abs.offer.description'), cell: (row) => row.description || '—' },
          ]}
        />
      )}
      {mayUpdate && (
        <Paragraph>
          <Button
            appearance="secondary-action-button"
            aria-expanded={open === 'offer'}
            onClick={() => toggle('offer')}
          >
            {t('abs.offer.add')}
          </Button>
        </Paragraph>
      )}
      {open === 'offer' && (
        <OfferForm
          view={view}
          change={change}
          onDone={() => done(t('abs.offer.saved'))}
          onCancel={() => setOpen(null)}
        />
      )}

      <Heading level={2}>{t('abs.steps.title')}</Heading>
      {view.steps.length === 0 ? (
        <Paragraph>{t('abs.steps.none')}</Paragraph>
      ) : (
        <DataTable
          caption={t('abs.steps.caption')}
          rows={view.steps}
          rowKey={(row) => row.id}
          columns={[
            { header: t('abs.steps.what'), cell: (row) => row.what },
            { header: t('abs.steps.who'), cell: (row) => row.who },
            { header: t('abs.steps.dueOn'), cell: (row) => formatDate(row.dueOn) },
            {
              header: t('abs.steps.done'),
              cell: (row) =>
                row.doneOn ? (
                  t('abs.steps.doneOn', { date: formatDate(row.doneOn) })
                ) : mayUpdate ? (
                  <Button
                    appearance="secondary-action-button"
                    aria-label={t('abs.steps.markFor', { what: row.what })}
                    onClick={() =>
                      void change('PATCH', `${casePath(view.id)}/steps/${encodeURIComponent(row.id)}`, {
                        done: true,
                      }).then(() => setFeedback({ ok: true, text: t('abs.steps.marked') }))
                    }
                  >
                    {t('abs.steps.mark')}
                  </Button>
                ) : (
                  t('abs.steps.open')
                ),
            },
          ]}
        />
      )}
      {mayUpdate && (
        <Paragraph>
          <Button
            appearance="secondary-action-button"
            aria-expanded={open === 'step'}
            onClick={() => toggle('step')}
          >
            {t('abs.steps.add')}
          </Button>
        </Paragraph>
      )}
      {open === 'step' && (
        <StepForm
          view={view}
          change={change}
          onDone={() => done(t('abs.steps.saved'))}
          onCancel={() => setOpen(null)}
        />
      )}

      <Heading level={2}>{t('abs.timeline.title')}</Heading>
      <ol className="passend-absence-timeline">
        {view.events.map((event) => (
          <li key={event.id}>
            {formatDate(event.on)}:{' '}
            {event.threshold
              ? t('abs.event.threshold', { threshold: t(`abs.threshold.${event.threshold}`) })
              : t(`abs.event.${event.kind}`)}
            {event.people.length > 0 && ` — ${t('abs.event.added', { people: event.people.join(', ') })}`}
            {event.by ? ` (${event.by})` : ''}
          </li>
        ))}
      </ol>

      {mayUpdate && (
        <Paragraph>
          <Button
            appearance="secondary-action-button"
            aria-expanded={open === 'end'}
            onClick={() => toggle('end')}
          >
            {t('abs.end.open')}
          </Button>
        </Paragraph>
      )}
      {open === 'end' && (
        <EndForm
          view={view}
          change={change}
          onDone={() => done(t('abs.end.saved'))}
          onCancel={() => setOpen(null)}
        />
      )}
    </>
  );
}

type FormProps = {
  view: AbsenceCase;
  change: ReturnType<typeof useAbsenceChange>;
  onDone: () => void;
  onCancel: () => void;
};

const errorsOf = (caught: unknown) => absenceErrors(caught, () => errorsFromResponse(caught));

function OfferForm({ view, change, onDone, onCancel }: FormProps) {
  const { t } = useI18n();
  const [values, setValues] = useState({
    fromOn: today(),
    educationHours: '',
    careHours: '',
    description: '',
  });
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const { errors, busy, submit } = useFormSubmit({ errorsOf });
  const save = () =>
    void submit(
      AbsenceOfferBody,
      {
        fromOn: values.fromOn,
        educationHours: numberOf(values.educationHours) ?? 0,
        careHours: numberOf(values.careHours) ?? 0,
        description: values.description,
      },
      async (body) => {
        await change('POST', `${casePath(view.id)}/offers`, body);
        onDone();
      },
    );
  return (
    <RegisterForm
      title={t('abs.offer.add')}
      errors={errors}
      busy={busy}
      submitLabel={t('abs.save')}
      onSubmit={save}
      onCancel={onCancel}
    >
      <TextField
        path="fromOn"
        type="date"
        label={t('abs.offer.fromOn')}
        value={values.fromOn}
        error={errors?.fromOn}
        onChange={set('fromOn')}
      />
      <TextField
        path="educationHours"
        type="number"
        inputMode="numeric"
        label={t('abs.offer.education')}
        description={t('abs.offer.hoursHint')}
        value={values.educationHours}
        error={errors?.educationHours}
        onChange={set('educationHours')}
      />
      <TextField
        path="careHours"
        type="number"
        inputMode="numeric"
        label={t('abs.offer.care')}
        value={values.careHours}
        error={errors?.careHours}
        onChange={set('careHours')}
      />
      <TextAreaField
        path="description"
        label={t('abs.offer.description')}
        value={values.description}
        error={errors?.description}
        onChange={set('description')}
      />
    </RegisterForm>
  );
}

function StepForm({ view, change, onDone, onCancel }: FormProps) {
  const { t } = useI18n();
  const [values, setValues] = useState({ what: '', who: '', dueOn: '' });
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const { errors, busy, submit } = useFormSubmit({
    messages: { what: 'abs.error.what', who: 'abs.error.who', dueOn: 'abs.error.date' },
    errorsOf,
  });
  const save = () =>
    void submit(AbsenceStepBody, values, async (body) => {
      await change('POST', `${casePath(view.id)}/steps`, body);
      onDone();
    });
  return (
    <RegisterForm
      title={t('abs.steps.add')}
      errors={errors}
      busy={busy}
      submitLabel={t('abs.save')}
      onSubmit={save}
      onCancel={onCancel}
    >
      <TextField
        path="what"
        label={t('abs.steps.what')}
        value={values.what}
        error={errors?.what}
        onChange={set('what')}
      />
      <TextField
        path="who"
        label={t('abs.steps.who')}
        value={values.who}
        error={errors?.who}
        onChange={set('who')}
      />
      <TextField
        path="dueOn"
        type="date"
        label={t('abs.steps.dueOn')}
        value={values.dueOn}
        error={errors?.dueOn}
        onChange={set('dueOn')}
      />
    </RegisterForm>
  );
}

function EndForm({ view, change, onDone, onCancel }: FormProps) {
  const { t } = useI18n();
  const [values, setValues] = useState({ endedOn: today(), ending: '', note: '' });
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const { errors, busy, submit } = useFormSubmit({
    messages: { ending: 'abs.error.ending', endedOn: 'abs.error.date' },
    errorsOf,
  });
  const save = () =>
    void submit(EndAbsenceCaseBody, values, async (body) => {
      await change('POST', `${casePath(view.id)}/end`, body);
      onDone();
    });
  return (
    <RegisterForm
      title={t('abs.end.title')}
      errors={errors}
      busy={busy}
      submitLabel={t('abs.end.submit')}
      onSubmit={save}
      onCancel={onCancel}
    >
      <TextField
        path="endedOn"
        type="date"
        label={t('abs.end.endedOn')}
        value={values.endedOn}
        error={errors?.endedOn}
        onChange={set('endedOn')}
      />
      <SelectField
        path="ending"
        label={t('abs.end.ending')}
        placeholder={t('abs.choose')}
        value={values.ending}
        options={absenceEndings.map((value) => ({ value, label: t(`abs.ending.${value}`) }))}
        error={errors?.ending}
        onChange={set('ending')}
      />
      <TextAreaField
        path="note"
        label={t('abs.end.note')}
        value={values.note}
        error={errors?.note}
        onChange={set('note')}
      />
    </RegisterForm>
  );
}
