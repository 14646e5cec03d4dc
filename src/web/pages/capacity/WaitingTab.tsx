// The waiting-list tab of a child's file (/students/:id/waiting): where the child waits, since when,
// and whether a place is promised; a consultant of the school's team puts the child on the list
// ("op de wachtlijst zetten"), from a granted decision where there is one.
import { Button, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { z } from 'zod';
import { CreateWaitBody, type StudentWaits, type WaitingEntryView } from '../../../contracts/capacity.ts';
import { placeCategories } from '../../../domain/capacity.ts';
import { Link, navigate } from '../../app/router.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import {
  errorsFromResponse,
  SelectField,
  TextAreaField,
  TextField,
  useFormSubmit,
} from '../../components/forms.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { RegisterForm, today } from '../objections/Register.tsx';
import type { StudentTabProps } from '../student/tabProps.ts';
import { capacityErrors, placeLabel, useCapacityChange, useStudentWaits, waitPage } from './data.ts';
import './capacity.css';

type Choices = NonNullable<z.infer<typeof StudentWaits>['choices']>;
type Entry = z.infer<typeof WaitingEntryView>;

export default function WaitingTab({ student }: StudentTabProps) {
  const { t } = useI18n();
  const query = useStudentWaits(student.id);
  const [adding, setAdding] = useState(false);
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState onRetry={() => void query.refetch()} />;
  const { entries, choices } = query.data;
  const name = student.givenName;
  return (
    <div className="passend-casefile">
      <Paragraph>
        {t(student.permissions.asParent ? 'cap.tab.introParent' : 'cap.tab.intro', { name })}
      </Paragraph>
      {choices &&
        (adding ? (
          <NewWait studentId={student.id} choices={choices} onCancel={() => setAdding(false)} />
        ) : (
          <Paragraph>
            <Button appearance="primary-action-button" onClick={() => setAdding(true)}>
              {t('cap.tab.add')}
            </Button>
          </Paragraph>
        ))}
      {entries.length === 0 ? (
        <EmptyState>{t('cap.tab.empty', { name })}</EmptyState>
      ) : (
        <Waits entries={entries} caption={t('cap.tab.caption', { name })} />
      )}
    </div>
  );
}

function Waits({ entries, caption }: { entries: readonly Entry[]; caption: string }) {
  const { t, formatDate, formatNumber } = useI18n();
  return (
    <DataTable<Entry>
      caption={caption}
      rows={entries}
      rowKey={(e) => e.id}
      columns={[
        {
          header: t('cap.list.col.place'),
          cell: (e) => (
            <Link
              href={waitPage(e.id)}
            >{`${e.place.name} (${placeLabel(t, e.place.kind, e.category)})`}</Link>
          ),
        },
        { header: t('cap.list.col.since'), cell: (e) => formatDate(e.since) },
        {
          header: t('cap.list.col.days'),
          cell: (e) =>
            t(e.longWait ? 'cap.list.long' : 'cap.list.days', { days: formatNumber(e.waitingDays) }),
        },
        {
          header: t('cap.list.col.promised'),
          cell: (e) => (e.promisedOn ? formatDate(e.promisedOn) : t('cap.list.none')),
        },
        {
          header: t('cap.entry.ended'),
          cell: (e) =>
            e.endedOn ? `${t(`cap.ending.${e.ending!}`)}, ${formatDate(e.endedOn)}` : t('cap.entry.open'),
        },
      ]}
    />
  );
}

function NewWait({
  studentId,
  choices,
  onCancel,
}: {
  studentId: string;
  choices: Choices;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const change = useCapacityChange();
  const [values, setValues] = useState({
    requestId: '',
    placeId: '',
    category: 'none',
    since: today(),
    promisedOn: '',
    note: '',
  });
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const { errors, busy, submit } = useFormSubmit({
    messages: { schoolId: 'cap.error.place', since: 'cap.error.date', promisedOn: 'cap.error.date' },
    errorsOf: (caught) => capacityErrors(caught, () => errorsFromResponse(caught)),
  });
  const place = choices.places.find((p) => p.id === values.placeId);
  // A decision with a category (a TLV for SO or VSO) gives the wait its category.
  const chooseRequest = (requestId: string) => {
    const request = choices.requests.find((r) => r.id === requestId);
    setValues((v) => ({ ...v, requestId, category: request?.category ?? v.category }));
  };
  const save = () =>
    void submit(
      CreateWaitBody,
      {
        requestId: values.requestId || null,
        ...(place?.kind === 'arrangement' ? { providerId: place.id } : { schoolId: place?.id }),
        category: values.category,
        since: values.since,
        promisedOn: values.promisedOn || null,
        note: values.note,
      },
      async (body) => {
        const made = await change<Entry>(
          'POST',
          `/api/students/${encodeURIComponent(studentId)}/waiting-entries`,
          body,
        );
        navigate(waitPage(made.id));
      },
    );
  return (
    <RegisterForm
      title={t('cap.tab.add')}
      errors={errors}
      busy={busy}
      submitLabel={t('cap.tab.add')}
      onSubmit={save}
      onCancel={onCancel}
    >
      <SelectField
        path="requestId"
        label={t('cap.tab.request')}
        placeholder={t('cap.tab.noRequest')}
        value={values.requestId}
        options={choices.requests.map((r) => ({ value: r.id, label: `${r.number}, ${r.typeName}` }))}
        onChange={chooseRequest}
      />
      <SelectField
        path="schoolId"
        label={t('cap.tab.place')}
        placeholder={t('obj.choose')}
        value={values.placeId}
        options={choices.places.map((p) => ({
          value: p.id,
          label: `${p.name} (${t(`cap.kind.${p.kind}`)})`,
        }))}
        error={errors?.schoolId}
        onChange={set('placeId')}
      />
      <SelectField
        path="category"
        label={t('cap.tab.category')}
        placeholder={t('cap.tab.noCategory')}
        value={values.category === 'none' ? '' : values.category}
        options={placeCategories
          .filter((c) => c !== 'none')
          .map((value) => ({ value, label: t(`cap.category.${value}`) }))}
        error={errors?.category}
        onChange={(value) => set('category')(value || 'none')}
      />
      <TextField
        path="since"
        type="date"
        label={t('cap.tab.since')}
        value={values.since}
        error={errors?.since}
        onChange={set('since')}
      />
      <TextField
        path="promisedOn"
        type="date"
        label={t('cap.tab.promisedOn')}
        value={values.promisedOn}
        error={errors?.promisedOn}
        onChange={set('promisedOn')}
      />
      <TextAreaField
        path="note"
        label={t('cap.tab.note')}
        value={values.note}
        error={errors?.note}
        onChange={set('note')}
      />
    </RegisterForm>
  );
}
