// Registering an absence case (/absence/new): for a child enrolled nowhere with the child's own
// name, birth date and residence municipality, or for a student (?studentId=) from the child's
// file. Leerplicht, a consultant or the school's IB'er registers it (docs/domain.md).
import { Heading, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { RegisterAbsenceCaseBody } from '../../../contracts/absence.ts';
import { absenceKinds, exemptionArticles } from '../../../domain/absence.ts';
import { navigate, useLocation } from '../../app/router.tsx';
import {
  errorsFromResponse,
  SelectField,
  TextAreaField,
  TextField,
  useFormSubmit,
} from '../../components/forms.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { RegisterForm } from '../objections/Register.tsx';
import { absenceErrors, casePage, today, useAbsenceChange, useAbsenceList } from './data.ts';
import './absence.css';
import '../requests/requests.css';

export default function RegisterCasePage() {
  const { t } = useI18n();
  const studentId = new URLSearchParams(useLocation().search).get('studentId');
  const list = useAbsenceList('');
  const change = useAbsenceChange();
  const [values, setValues] = useState({
    givenName: '',
    familyName: '',
    birthDate: '',
    municipality: '',
    kind: studentId ? 'relative_long' : 'absolute',
    exemptionArticle: '',
    startedOn: today(),
    reason: '',
    attendanceOfficerUserId: '',
    consultantUserId: '',
  });
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const { errors, busy, submit } = useFormSubmit({
    messages: {
      'child.givenName': 'abs.error.givenName',
      'child.familyName': 'abs.error.familyName',
      'child.birthDate': 'abs.error.date',
      municipality: 'abs.error.municipality',
      startedOn: 'abs.error.date',
    },
    errorsOf: (caught) => absenceErrors(caught, () => errorsFromResponse(caught)),
  });
  if (list.isPending) return <LoadingState />;
  if (list.isError) return <ErrorState onRetry={() => void list.refetch()} />;
  const save = () =>
    void submit(
      RegisterAbsenceCaseBody,
      {
        studentId,
        child: studentId
          ? null
          : { givenName: values.givenName, familyName: values.familyName, birthDate: values.birthDate },
        municipality: values.municipality,
        kind: values.kind,
        exemptionArticle: values.exemptionArticle || null,
        startedOn: values.startedOn,
        reason: values.reason,
        attendanceOfficerUserId: values.attendanceOfficerUserId || null,
        consultantUserId: values.consultantUserId || null,
      },
      async (body) => {
        const created = await change<{ id: string }>('POST', '/api/absence/cases', body);
        navigate(casePage(created.id));
      },
    );
  return (
    <>
      <Heading level={1}>{t('abs.register.title')}</Heading>
      <Paragraph>{t(studentId ? 'abs.register.introStudent' : 'abs.register.intro')}</Paragraph>
      <RegisterForm
        title={t('abs.register.form')}
        errors={errors}
        busy={busy}
        submitLabel={t('abs.register.submit')}
        onSubmit={save}
        onCancel={() => navigate('/absence')}
      >
        {!studentId && (
          <>
            <TextField
              path="child.givenName"
              label={t('abs.field.givenName')}
              autoComplete="off"
              value={values.givenName}
              error={errors?.['child.givenName']}
              onChange={set('givenName')}
            />
            <TextField
              path="child.familyName"
              label={t('abs.field.familyName')}
              autoComplete="off"
              value={values.familyName}
              error={errors?.['child.familyName']}
              onChange={set('familyName')}
            />
            <TextField
              path="child.birthDate"
              type="date"
              label={t('abs.field.birthDate')}
              value={values.birthDate}
              error={errors?.['child.birthDate']}
              onChange={set('birthDate')}
            />
          </>
        )}
        <SelectField
          path="municipality"
          label={t('abs.field.municipality')}
          description={t('abs.field.municipalityHint')}
          placeholder={t('abs.choose')}
          value={values.municipality}
          options={list.data.municipalities.map((m) => ({ value: m, label: m }))}
          error={errors?.municipality}
          onChange={set('municipality')}
        />
        <SelectField
          path="kind"
          label={t('abs.field.kind')}
          placeholder={t('abs.choose')}
          value={values.kind}
          options={absenceKinds.map((kind) => ({ value: kind, label: t(`abs.kind.${kind}`) }))}
          error={errors?.kind}
          onChange={set('kind')}
        />
        {values.kind === 'exemption' && (
          <SelectField
            path="exemptionArticle"
            label={t('abs.field.article')}
            placeholder={t('abs.choose')}
            value={values.exemptionArticle}
            options={exemptionArticles.map((a) => ({ value: a, label: t('abs.article', { article: a }) }))}
            error={errors?.exemptionArticle}
            onChange={set('exemptionArticle')}
          />
        )}
        <TextField
          path="startedOn"
          type="date"
          label={t('abs.field.startedOn')}
          value={values.startedOn}
          error={errors?.startedOn}
          onChange={set('startedOn')}
        />
        <TextAreaField
          path="reason"
          label={t('abs.field.reason')}
          value={values.reason}
          error={errors?.reason}
          onChange={set('reason')}
        />
        <SelectField
          path="attendanceOfficerUserId"
          label={t('abs.field.officer')}
          placeholder={t('abs.nobody')}
          value={values.attendanceOfficerUserId}
          options={list.data.people.officers.map((p) => ({ value: p.id, label: p.name }))}
          onChange={set('attendanceOfficerUserId')}
        />
        <SelectField
          path="consultantUserId"
          label={t('abs.field.consultant')}
          placeholder={t('abs.nobody')}
          value={values.consultantUserId}
          options={list.data.people.consultants.map((p) => ({ value: p.id, label: p.name }))}
          onChange={set('consultantUserId')}
        />
      </RegisterForm>
    </>
  );
}
