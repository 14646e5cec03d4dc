// Create a school (/admin/schools/new) or edit one (/admin/schools/:id): name, BRIN + vestiging
// (fixed once created: it is the school's natural key), kind, wijk, municipality, pupils.
import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { CreateSchoolBody, type SchoolView, UpdateSchoolBody } from '../../../contracts/organisations.ts';
import { schoolKinds } from '../../../domain/organisation.ts';
import { api } from '../../app/api.ts';
import { Link } from '../../app/router.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { adminKeys, type School, useInvalidate, useSchools } from './data.ts';
import {
  ErrorSummary,
  errorsFromResponse,
  type FieldErrors,
  SelectField,
  StatusMessage,
  TextField,
  validate,
} from './forms.tsx';
import './admin.css';

/** The number as typed (Dutch "1.250" too); empty is "not given", the rest the schema judges. */
function numberOf(typed: string): number | undefined {
  const value = typed.trim();
  if (value === '') return undefined;
  return Number(/^\d{1,3}(\.\d{3})+$/.test(value) ? value.replace(/\./g, '') : value);
}

function SchoolForm({ school }: { school: School | null }) {
  const { t } = useI18n();
  const invalidate = useInvalidate();
  const [name, setName] = useState(school?.name ?? '');
  const [locationCode, setLocationCode] = useState(school?.locationCode ?? '');
  const [kind, setKind] = useState<string>(school?.kind ?? '');
  const [wijk, setWijk] = useState(school?.wijk ?? '');
  const [municipality, setMunicipality] = useState(school?.municipality ?? '');
  const [pupilCount, setPupilCount] = useState(school ? String(school.pupilCount) : '');
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<School | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const fields = { name, kind, wijk, municipality, pupilCount: numberOf(pupilCount) };
    const checked = school
      ? validate(UpdateSchoolBody, fields)
      : validate(CreateSchoolBody, { ...fields, locationCode });
    if (checked.errors) {
      setErrors(checked.errors);
      return;
    }
    setBusy(true);
    try {
      const result = school
        ? await api<typeof SchoolView>('PATCH', `/api/schools/${school.id}`, checked.data)
        : await api<typeof SchoolView>('POST', '/api/schools', checked.data);
      setErrors(null);
      setSaved(result);
      await invalidate(adminKeys.schools);
    } catch (caught) {
      setErrors(
        errorsFromResponse(caught, {
          conflict: { path: 'locationCode', message: 'admin.error.locationCode.taken' },
        }),
      );
    } finally {
      setBusy(false);
    }
  }

  if (saved && !school) {
    return (
      <>
        <Heading level={1}>{t('admin.schoolNew.title')}</Heading>
        <StatusMessage>{t('admin.school.created', { name: saved.name })}</StatusMessage>
        <div className="passend-admin-actions">
          <Link href={`/admin/schools/${saved.id}`} className="utrecht-link">
            {t('admin.school.toSchool', { name: saved.name })}
          </Link>
        </div>
      </>
    );
  }
  const shown = errors ?? {};
  return (
    <form className="passend-form passend-admin-form" onSubmit={submit} noValidate>
      <Heading level={1}>{school ? school.name : t('admin.schoolNew.title')}</Heading>
      <StatusMessage>{saved ? t('admin.saved') : ''}</StatusMessage>
      <ErrorSummary errors={errors} />
      <TextField
        path="name"
        label={t('admin.school.name')}
        autoComplete="off"
        value={name}
        error={shown.name}
        onChange={setName}
      />
      {school ? (
        <Paragraph>{t('admin.school.locationCodeFixed', { code: school.locationCode })}</Paragraph>
      ) : (
        <TextField
          path="locationCode"
          label={t('admin.school.locationCode')}
          description={t('admin.school.locationCodeHint')}
          autoComplete="off"
          spellCheck={false}
          value={locationCode}
          error={shown.locationCode}
          onChange={setLocationCode}
        />
      )}
      <SelectField
        path="kind"
        label={t('admin.school.kind')}
        placeholder={t('admin.school.chooseKind')}
        value={kind}
        options={schoolKinds.map((value) => ({ value, label: t(`admin.kind.${value}`) }))}
        error={shown.kind}
        onChange={setKind}
      />
      <TextField
        path="wijk"
        label={t('admin.school.wijk')}
        value={wijk}
        error={shown.wijk}
        onChange={setWijk}
      />
      <TextField
        path="municipality"
        label={t('admin.school.municipality')}
        value={municipality}
        error={shown.municipality}
        onChange={setMunicipality}
      />
      <TextField
        path="pupilCount"
        label={t('admin.school.pupilCount')}
        inputMode="numeric"
        value={pupilCount}
        error={shown.pupilCount}
        onChange={setPupilCount}
      />
      <div className="passend-admin-actions">
        <Button type="submit" appearance="primary-action-button" disabled={busy}>
          {busy ? t('admin.saving') : school ? t('admin.save') : t('admin.schoolNew.submit')}
        </Button>
      </div>
    </form>
  );
}

export default function SchoolFormPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const schools = useSchools();
  const isNew = !params.id;
  let body: ReactNode;
  if (isNew) body = <SchoolForm school={null} />;
  else if (schools.isPending) body = <LoadingState />;
  else if (schools.isError) body = <ErrorState onRetry={() => void schools.refetch()} />;
  else {
    const school = schools.data.find((candidate) => candidate.id === params.id);
    body = school ? (
      <SchoolForm key={school.id} school={school} />
    ) : (
      <>
        <Heading level={1}>{t('admin.school.notFoundTitle')}</Heading>
        <EmptyState>{t('admin.school.notFound')}</EmptyState>
      </>
    );
  }
  return (
    <>
      <Paragraph>
        <Link href="/admin/schools" className="utrecht-link">
          {t('admin.schools.back')}
        </Link>
      </Paragraph>
      {body}
    </>
  );
}
