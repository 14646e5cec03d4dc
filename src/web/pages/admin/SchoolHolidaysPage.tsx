// The SWV's school holidays per school year (/admin/school-holidays): the holidays of the chosen
// year as a list, and a form below it that replaces them whole (add and remove rows). When the SWV
// says so, the clock of requests stands still in them (docs/domain.md, "The two-week clock").
// The rules (within the school year, no overlaps, at most 20) are the server's; a refusal shows
// next to the row it names.
import { useQueryClient } from '@tanstack/react-query';
import { Button, Fieldset, FieldsetLegend, Heading, Paragraph } from '@utrecht/component-library-react';
import { useRef, useState } from 'react';
import { PutSchoolHolidaysBody, SchoolHolidaysView } from '../../../contracts/organisations.ts';
import { amsterdamToday, schoolYearOf } from '../../../domain/calendar.ts';
import { maxSchoolHolidays } from '../../../domain/schoolHolidays.ts';
import { ApiError, api } from '../../app/api.ts';
import { DataTable } from '../../components/DataTable.tsx';
import {
  AdminForm,
  errorsFromResponse,
  type FieldErrors,
  type FieldMessages,
  fieldId,
  SelectField,
  TextField,
  useAdminForm,
} from '../../components/forms.tsx';
import { EmptyState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/nl.ts';
import { adminKeys, type SchoolHolidays, useSchoolHolidays, useSwv } from './data.ts';
import { Loaded } from './frames.tsx';
import './admin.css';

type Row = { key: number; name: string; firstDay: string; lastDay: string };

const messages: FieldMessages = {
  name: 'calendar.error.holidayName',
  firstDay: 'calendar.error.firstDay',
  lastDay: 'calendar.error.lastDay',
};

const nextYear = (schoolYear: string) => {
  const first = Number(schoolYear.slice(0, 4)) + 1;
  return `${first}-${first + 1}`;
};

const dayCount = (firstDay: string, lastDay: string) =>
  Math.round((Date.parse(lastDay) - Date.parse(firstDay)) / 86_400_000) + 1;

/** A refusal of the server's rules goes next to the row and field it names. */
function errorsOf(caught: unknown): FieldErrors {
  if (caught instanceof ApiError && caught.code === 'rule_violated') {
    const details = (caught.details ?? {}) as { rule?: string; index?: number; field?: string };
    const message = `calendar.rule.${details.rule}` as MessageKey;
    const path =
      details.index === undefined ? '' : `holidays.${details.index}.${details.field ?? 'firstDay'}`;
    return { [path]: message };
  }
  return errorsFromResponse(caught, { messages });
}

let rowKeys = 0;
const rowOf = (holiday: { name: string; firstDay: string; lastDay: string }): Row => ({
  key: ++rowKeys,
  name: holiday.name,
  firstDay: holiday.firstDay,
  lastDay: holiday.lastDay,
});

function HolidaysForm({ data }: { data: SchoolHolidays }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const { schoolYear } = data;
  const form = useAdminForm({
    response: SchoolHolidaysView,
    initial: { holidays: data.holidays.map(rowOf) },
    messages,
    errorsOf,
    onSaved: () => client.invalidateQueries({ queryKey: adminKeys.schoolHolidays }),
  });
  const rows = form.values.holidays;
  const setRows = form.field('holidays').onChange;
  const addButton = useRef<HTMLButtonElement>(null);

  const change = (key: number, field: 'name' | 'firstDay' | 'lastDay', value: string) =>
    setRows(rows.map((row) => (row.key === key ? { ...row, [field]: value } : row)));
  const add = () => {
    const row = rowOf({ name: '', firstDay: '', lastDay: '' });
    setRows([...rows, row]);
    // The new row's first field, once it is there.
    requestAnimationFrame(() => document.getElementById(fieldId(`holidays.${rows.length}.name`))?.focus());
  };
  const remove = (key: number) => {
    setRows(rows.filter((row) => row.key !== key));
    addButton.current?.focus();
  };
  const save = () =>
    form.submit(
      PutSchoolHolidaysBody,
      { schoolYear, holidays: rows.map(({ name, firstDay, lastDay }) => ({ name, firstDay, lastDay })) },
      (body) => api<typeof SchoolHolidaysView>('PUT', '/api/swv/school-holidays', body),
    );

  return (
    <AdminForm
      form={form}
      title={t('calendar.holidays.editTitle', { schoolYear })}
      headingLevel={2}
      status={form.saved ? t('calendar.holidays.saved', { schoolYear }) : ''}
      submitLabel={t('calendar.holidays.save')}
      onSubmit={save}
    >
      <Paragraph>{t('calendar.holidays.editIntro')}</Paragraph>
      {rows.length === 0 && <Paragraph>{t('calendar.holidays.noRows')}</Paragraph>}
      <ol className="passend-admin-plain-list">
        {rows.map((row, index) => {
          const number = index + 1;
          const field = (name: 'name' | 'firstDay' | 'lastDay') => ({
            path: `holidays.${index}.${name}`,
            value: row[name],
            onChange: (value: string) => change(row.key, name, value),
            error: form.fieldErrors[`holidays.${index}.${name}`],
          });
          return (
            <li key={row.key}>
              <Fieldset className="passend-admin-membership">
                <FieldsetLegend>{t('calendar.holidays.row', { number })}</FieldsetLegend>
                <div className="passend-calendar-fields">
                  <TextField label={t('calendar.holidays.name')} autoComplete="off" {...field('name')} />
                  <div className="passend-calendar-days">
                    <TextField label={t('calendar.holidays.firstDay')} type="date" {...field('firstDay')} />
                    <TextField label={t('calendar.holidays.lastDay')} type="date" {...field('lastDay')} />
                  </div>
                  <div className="passend-admin-actions">
                    <Button appearance="secondary-action-button" onClick={() => remove(row.key)}>
                      {t('calendar.holidays.remove', { number })}
                    </Button>
                  </div>
                </div>
              </Fieldset>
            </li>
          );
        })}
      </ol>
      <div className="passend-admin-actions passend-admin-toolbar">
        <Button
          ref={addButton}
          appearance="secondary-action-button"
          disabled={rows.length >= maxSchoolHolidays}
          onClick={add}
        >
          {t('calendar.holidays.add')}
        </Button>
        {rows.length >= maxSchoolHolidays && (
          <Paragraph>{t('calendar.holidays.max', { max: maxSchoolHolidays })}</Paragraph>
        )}
      </div>
    </AdminForm>
  );
}

function HolidayList({ data }: { data: SchoolHolidays }) {
  const { t, formatDate, formatNumber } = useI18n();
  if (data.holidays.length === 0) {
    return <EmptyState>{t('calendar.holidays.empty', { schoolYear: data.schoolYear })}</EmptyState>;
  }
  return (
    <DataTable
      caption={t('calendar.holidays.caption', { schoolYear: data.schoolYear })}
      columns={[
        { header: t('calendar.holidays.name'), cell: (holiday) => holiday.name },
        { header: t('calendar.holidays.firstDay'), cell: (holiday) => formatDate(holiday.firstDay) },
        { header: t('calendar.holidays.lastDay'), cell: (holiday) => formatDate(holiday.lastDay) },
        {
          header: t('calendar.holidays.days'),
          cell: (holiday) => formatNumber(dayCount(holiday.firstDay, holiday.lastDay)),
          numeric: true,
        },
      ]}
      rows={data.holidays}
      rowKey={(holiday) => holiday.id}
    />
  );
}

export default function SchoolHolidaysPage() {
  const { t } = useI18n();
  const current = schoolYearOf(amsterdamToday(new Date()));
  const [schoolYear, setSchoolYear] = useState(current);
  const swv = useSwv();
  const holidays = useSchoolHolidays(schoolYear);
  // This year and the next, and every year that has holidays; the list keeps its options while loading.
  const [known, setKnown] = useState<string[]>([]);
  const stored = holidays.data?.schoolYears ?? [];
  if (stored.some((year) => !known.includes(year))) setKnown([...new Set([...known, ...stored])]);
  const years = [...new Set([current, nextYear(current), ...known])].sort();
  return (
    <>
      <Heading level={1}>{t('calendar.holidays.title')}</Heading>
      <Loaded queries={[swv]}>
        {() =>
          swv.data && (
            <>
              <Paragraph>
                {t('calendar.holidays.intro', {
                  region: t(`admin.settings.region.${swv.data.holidayRegion}`),
                })}
              </Paragraph>
              <Paragraph>
                {t(swv.data.skipSchoolHolidays ? 'calendar.holidays.skipped' : 'calendar.holidays.counted')}
              </Paragraph>
            </>
          )
        }
      </Loaded>
      <div className="passend-calendar-year">
        <SelectField
          path="schoolYear"
          label={t('calendar.holidays.schoolYear')}
          placeholder={t('calendar.holidays.schoolYear')}
          options={years.map((year) => ({ value: year, label: year }))}
          value={schoolYear}
          onChange={(value) => value && setSchoolYear(value)}
        />
      </div>
      <Loaded queries={[holidays]}>
        {() =>
          holidays.data && (
            <>
              <HolidayList data={holidays.data} />
              <div className="passend-admin-section">
                <HolidaysForm key={schoolYear} data={holidays.data} />
              </div>
            </>
          )
        }
      </Loaded>
    </>
  );
}
