// Places and occupancy (/capacity): per special school, OPDC and provider in a school year, the
// places, the places taken, what is free, who waits and who was placed through the list. The
// administrator changes any row and adds providers, a special school's director their own school.
import { Button, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useState } from 'react';
import { CreateProviderBody, SetPlacesBody } from '../../../contracts/capacity.ts';
import { navigate, useLocation } from '../../app/router.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import {
  errorsFromResponse,
  type Feedback,
  FeedbackMessage,
  fieldId,
  numberOf,
  SelectField,
  TextField,
  useFormSubmit,
} from '../../components/forms.tsx';
import { EmptyState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { RegisterForm, RegisterFrame } from '../objections/Register.tsx';
import { type Capacity, capacityErrors, placeLabel, useCapacity, useCapacityChange } from './data.ts';
import '../requests/requests.css';

type Row = { place: Capacity['places'][number]; row: Capacity['places'][number]['rows'][number] };

const yearPattern = /^\d{4}-\d{4}$/;

/** This school year and the next, for planning the places of the coming year. */
function nearYears(schoolYear: string): string[] {
  const first = Number(schoolYear.slice(0, 4));
  return [first - 1, first, first + 1].map((year) => `${year}-${year + 1}`);
}

export default function CapacityPage() {
  const { t } = useI18n();
  const asked = new URLSearchParams(useLocation().search).get('schoolYear') ?? '';
  const capacity = useCapacity(yearPattern.test(asked) ? asked : '');
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [editing, setEditing] = useState<Row | null>(null);
  const [adding, setAdding] = useState(false);
  const data = capacity.data;
  const done = (text: string) => {
    setEditing(null);
    setAdding(false);
    setFeedback({ ok: true, text });
  };
  return (
    <RegisterFrame title={t('cap.places.title')} intro={t('cap.places.intro')} query={capacity}>
      {data && (
        <div aria-busy={capacity.isPlaceholderData}>
          <YearFilter schoolYear={data.schoolYear} key={data.schoolYear} />
          <FeedbackMessage feedback={feedback} />
          {editing && (
            <EditPlaces
              key={`${editing.place.id}-${editing.row.category}`}
              edit={editing}
              schoolYear={data.schoolYear}
              onDone={() => done(t('cap.places.saved'))}
              onCancel={() => setEditing(null)}
            />
          )}
          <PlacesTable
            capacity={data}
            onEdit={(row) => {
              setFeedback(null);
              setAdding(false);
              setEditing(row);
            }}
          />
          {data.permissions.addProvider &&
            (adding ? (
              <NewProvider
                onDone={() => done(t('cap.places.providerAdded'))}
                onCancel={() => setAdding(false)}
              />
            ) : (
              <Paragraph>
                <Button
                  appearance="secondary-action-button"
                  onClick={() => {
                    setFeedback(null);
                    setEditing(null);
                    setAdding(true);
                  }}
                >
                  {t('cap.places.addProvider')}
                </Button>
              </Paragraph>
            ))}
        </div>
      )}
    </RegisterFrame>
  );
}

function YearFilter({ schoolYear }: { schoolYear: string }) {
  const { t } = useI18n();
  const [year, setYear] = useState(schoolYear);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    navigate(`/capacity?${new URLSearchParams({ schoolYear: year })}`);
  };
  return (
    <search>
      <form className="passend-work-filter" onSubmit={submit} noValidate aria-label={t('cap.list.filter')}>
        <div className="passend-work-filter__fields">
          <SelectField
            path="schoolYear"
            label={t('cap.places.schoolYear')}
            placeholder={schoolYear}
            value={year === schoolYear ? '' : year}
            options={nearYears(schoolYear)
              .filter((y) => y !== schoolYear)
              .map((y) => ({ value: y, label: y }))}
            onChange={(value) => setYear(value || schoolYear)}
          />
          <Button type="submit" appearance="primary-action-button">
            {t('cap.places.show')}
          </Button>
        </div>
      </form>
    </search>
  );
}

function PlacesTable({ capacity, onEdit }: { capacity: Capacity; onEdit: (row: Row) => void }) {
  const { t, formatNumber } = useI18n();
  const rows: Row[] = capacity.places.flatMap((place) => place.rows.map((row) => ({ place, row })));
  if (rows.length === 0) return <EmptyState>{t('cap.places.empty')}</EmptyState>;
  const number = (value: number | null, missing: string) => (value === null ? missing : formatNumber(value));
  const anyEditable = capacity.places.some((place) => place.mayEdit);
  return (
    <DataTable<Row>
      caption={t('cap.places.caption', { schoolYear: capacity.schoolYear })}
      rows={rows}
      rowKey={({ place, row }) => `${place.id}-${row.category}`}
      columns={[
        { header: t('cap.places.col.place'), cell: ({ place }) => place.name },
        {
          header: t('cap.places.col.kind'),
          cell: ({ place, row }) => placeLabel(t, place.kind, row.category),
        },
        {
          header: t('cap.places.col.places'),
          numeric: true,
          cell: ({ row }) => number(row.places, t('cap.places.notEntered')),
        },
        { header: t('cap.places.col.taken'), numeric: true, cell: ({ row }) => number(row.taken, '—') },
        {
          header: t('cap.places.col.free'),
          numeric: true,
          cell: ({ row }) =>
            row.places === null || row.taken === null ? '—' : formatNumber(row.places - row.taken),
        },
        {
          header: t('cap.places.col.waiting'),
          numeric: true,
          cell: ({ row }) => number(row.waiting, t('cap.places.hidden')),
        },
        {
          header: t('cap.places.col.placed'),
          numeric: true,
          cell: ({ row }) => number(row.placed, t('cap.places.hidden')),
        },
        ...(anyEditable
          ? [
              {
                header: t('cap.places.col.change'),
                cell: ({ place, row }: Row) =>
                  place.mayEdit ? (
                    <Button
                      appearance="secondary-action-button"
                      aria-label={t('cap.places.edit', {
                        place: `${place.name}, ${placeLabel(t, place.kind, row.category)}`,
                      })}
                      onClick={() => onEdit({ place, row })}
                    >
                      {t('cap.places.col.change')}
                    </Button>
                  ) : null,
              },
            ]
          : []),
      ]}
    />
  );
}

type FormProps = { onDone: () => void; onCancel: () => void };

function EditPlaces({ edit, schoolYear, onDone, onCancel }: FormProps & { edit: Row; schoolYear: string }) {
  const { t } = useI18n();
  const change = useCapacityChange();
  const [places, setPlaces] = useState(edit.row.places === null ? '' : String(edit.row.places));
  const [taken, setTaken] = useState(edit.row.taken === null ? '' : String(edit.row.taken));
  const { errors, busy, submit } = useFormSubmit({
    messages: { places: 'cap.error.places', taken: 'cap.error.places' },
    errorsOf: (caught) => capacityErrors(caught, () => errorsFromResponse(caught)),
  });
  const isSchool = edit.place.kind !== 'arrangement';
  // The form opens from a button in the table: take the keyboard to its first field.
  useEffect(() => document.getElementById(fieldId('places'))?.focus(), []);
  const save = () =>
    void submit(
      SetPlacesBody,
      {
        schoolYear,
        ...(isSchool ? { schoolId: edit.place.id } : { providerId: edit.place.id }),
        category: edit.row.category,
        places: numberOf(places),
        taken: numberOf(taken),
      },
      async (body) => {
        await change('PUT', '/api/capacity', body);
        onDone();
      },
    );
  return (
    <RegisterForm
      title={t('cap.places.editTitle', {
        place: `${edit.place.name}, ${placeLabel(t, edit.place.kind, edit.row.category)}`,
        schoolYear,
      })}
      errors={errors}
      busy={busy}
      submitLabel={t('cap.places.save')}
      onSubmit={save}
      onCancel={onCancel}
    >
      <TextField
        path="places"
        inputMode="numeric"
        label={t('cap.places.col.places')}
        value={places}
        error={errors?.places}
        onChange={setPlaces}
      />
      <TextField
        path="taken"
        inputMode="numeric"
        label={t('cap.places.col.taken')}
        value={taken}
        error={errors?.taken}
        onChange={setTaken}
      />
    </RegisterForm>
  );
}

function NewProvider({ onDone, onCancel }: FormProps) {
  const { t } = useI18n();
  const change = useCapacityChange();
  const [name, setName] = useState('');
  const { errors, busy, submit } = useFormSubmit({
    messages: { name: 'cap.error.name' },
    errorsOf: (caught) => capacityErrors(caught, () => errorsFromResponse(caught)),
  });
  const save = () =>
    void submit(CreateProviderBody, { name }, async (body) => {
      await change('POST', '/api/arrangement-providers', body);
      onDone();
    });
  return (
    <RegisterForm
      title={t('cap.places.addProvider')}
      errors={errors}
      busy={busy}
      submitLabel={t('cap.places.save')}
      onSubmit={save}
      onCancel={onCancel}
    >
      <TextField
        path="name"
        label={t('cap.places.providerName')}
        value={name}
        error={errors?.name}
        onChange={setName}
      />
    </RegisterForm>
  );
}
