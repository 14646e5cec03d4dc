// The SWV's own settings (/admin/settings): name, municipalities and school holiday region, and
// the clock of requests: the decision and crisis deadlines in working days, whether the clock
// stands still in the school holidays (entered on /admin/school-holidays), and whether consultants
// decide arrangements. Register code and sector are fixed: shown, not edited. Below it, a form of
// its own for the monitor's participation reference (PUT /api/swv/participation-reference).
import { useQueryClient } from '@tanstack/react-query';
import { Fieldset, FieldsetLegend, Paragraph } from '@utrecht/component-library-react';
import {
  ParticipationReferenceView,
  PutParticipationReferenceBody,
  SwvView,
  UpdateSwvBody,
} from '../../../contracts/organisations.ts';
import { holidayRegions } from '../../../domain/organisation.ts';
import { api } from '../../app/api.ts';
import { Link } from '../../app/router.tsx';
import { sessionKey } from '../../app/session.ts';
import {
  AdminForm,
  CheckboxField,
  numberOf,
  SelectField,
  TextField,
  useAdminForm,
} from '../../components/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { adminKeys, type Swv, useSwv } from './data.ts';
import { Loaded } from './frames.tsx';
import './admin.css';

/** "Woerden, Montfoort" → the list; the schema judges each name. */
function listOf(typed: string): string[] {
  return typed
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
}

function SettingsForm({ swv }: { swv: Swv }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const form = useAdminForm({
    response: SwvView,
    initial: {
      name: swv.name,
      municipalities: swv.municipalities.join(', '),
      holidayRegion: String(swv.holidayRegion),
      decisionWorkingDays: String(swv.decisionWorkingDays),
      crisisWorkingDays: String(swv.crisisWorkingDays),
      skipSchoolHolidays: swv.skipSchoolHolidays,
      consultantsDecide: swv.consultantsDecide,
    },
    messages: {
      decisionWorkingDays: 'calendar.error.decisionWorkingDays',
      crisisWorkingDays: 'calendar.error.crisisWorkingDays',
    },
    // The header shows the SWV's name from the session: read both again.
    onSaved: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: adminKeys.swv }),
        client.invalidateQueries({ queryKey: sessionKey }),
      ]),
  });

  const { values } = form;
  const save = () =>
    form.submit(
      UpdateSwvBody,
      {
        ...values,
        municipalities: listOf(values.municipalities),
        decisionWorkingDays: numberOf(values.decisionWorkingDays) ?? null,
        crisisWorkingDays: numberOf(values.crisisWorkingDays) ?? null,
      },
      (body) => api<typeof SwvView>('PATCH', '/api/swv', body),
    );

  return (
    <AdminForm
      form={form}
      title={t('admin.settings.title')}
      status={form.saved ? t('admin.settings.saved') : ''}
      submitLabel={t('admin.save')}
      onSubmit={save}
    >
      <dl className="passend-admin-facts">
        <dt>{t('admin.settings.registerCode')}</dt>
        <dd>{swv.registerCode}</dd>
        <dt>{t('admin.settings.sector')}</dt>
        <dd>{t(`admin.settings.sector.${swv.sector}`)}</dd>
      </dl>
      <TextField label={t('admin.settings.name')} autoComplete="organization" {...form.field('name')} />
      <TextField
        label={t('admin.settings.municipalities')}
        description={t('admin.settings.municipalitiesHint')}
        {...form.field('municipalities')}
      />
      <SelectField
        label={t('admin.settings.holidayRegion')}
        placeholder={t('admin.settings.chooseHolidayRegion')}
        options={holidayRegions.map((value) => ({ value, label: t(`admin.settings.region.${value}`) }))}
        {...form.field('holidayRegion')}
      />
      <Fieldset className="passend-admin-section">
        <FieldsetLegend>{t('calendar.settings.clock')}</FieldsetLegend>
        <div className="passend-calendar-fields">
          <Paragraph>{t('calendar.settings.clockIntro')}</Paragraph>
          <TextField
            label={t('calendar.settings.decisionWorkingDays')}
            description={t('calendar.settings.decisionWorkingDaysHint')}
            inputMode="numeric"
            autoComplete="off"
            {...form.field('decisionWorkingDays')}
          />
          <TextField
            label={t('calendar.settings.crisisWorkingDays')}
            description={t('calendar.settings.crisisWorkingDaysHint')}
            inputMode="numeric"
            autoComplete="off"
            {...form.field('crisisWorkingDays')}
          />
          <CheckboxField
            label={t('calendar.settings.skipSchoolHolidays')}
            description={t('calendar.settings.skipSchoolHolidaysHint')}
            {...form.field('skipSchoolHolidays')}
          />
          <Paragraph>
            <Link href="/admin/school-holidays" className="utrecht-link">
              {t('calendar.settings.holidaysLink')}
            </Link>
          </Paragraph>
          <CheckboxField
            label={t('calendar.settings.consultantsDecide')}
            description={t('calendar.settings.consultantsDecideHint')}
            {...form.field('consultantsDecide')}
          />
        </div>
      </Fieldset>
    </AdminForm>
  );
}

/** "3,2" or "3.2" → 3.2; empty → nothing (the schema says it is required). */
function percentOf(typed: string): number | undefined {
  const value = typed.trim().replace(',', '.');
  return value === '' ? undefined : Number(value);
}

/** The monitor's reference for participation in SBO, SO and VSO (3.5 % unless set). */
function ReferenceForm({ swv }: { swv: Swv }) {
  const { t, formatNumber } = useI18n();
  const client = useQueryClient();
  const form = useAdminForm({
    response: ParticipationReferenceView,
    initial: { participationReference: formatNumber(swv.participationReference) },
    messages: { participationReference: 'mon.settings.referenceError' },
    onSaved: () => client.invalidateQueries({ queryKey: adminKeys.swv }),
  });
  const save = () =>
    form.submit(
      PutParticipationReferenceBody,
      { participationReference: percentOf(form.values.participationReference) },
      (body) => api<typeof ParticipationReferenceView>('PUT', '/api/swv/participation-reference', body),
    );
  return (
    <AdminForm
      form={form}
      title={t('mon.settings.legend')}
      headingLevel={2}
      status={form.saved ? t('mon.settings.saved') : ''}
      submitLabel={t('mon.settings.save')}
      onSubmit={save}
    >
      <TextField
        label={t('mon.settings.reference')}
        description={t('mon.settings.referenceHint')}
        inputMode="decimal"
        autoComplete="off"
        {...form.field('participationReference')}
      />
    </AdminForm>
  );
}

export default function SettingsPage() {
  const swv = useSwv();
  return (
    <Loaded queries={[swv]}>
      {() =>
        swv.data && (
          <>
            <SettingsForm swv={swv.data} />
            <ReferenceForm swv={swv.data} />
          </>
        )
      }
    </Loaded>
  );
}
