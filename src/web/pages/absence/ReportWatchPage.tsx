// The school's absence report (/absence/report/:studentId), from the child's file: an absence as
// reported to the national absence desk (16 hours of unauthorised absence in 4 weeks) or a worry.
// It opens a watch that the school's IB'er and leerplicht see; after 4 weeks it asks for a case.
import { Heading, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { AbsenceWatchBody } from '../../../contracts/absence.ts';
import { watchKinds } from '../../../domain/absence.ts';
import { Link, navigate } from '../../app/router.tsx';
import {
  errorsFromResponse,
  SelectField,
  TextAreaField,
  TextField,
  useFormSubmit,
} from '../../components/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { RegisterForm } from '../objections/Register.tsx';
import { absenceErrors, today, useAbsenceChange } from './data.ts';
import '../requests/requests.css';

export default function ReportWatchPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const studentId = params.studentId ?? '';
  const change = useAbsenceChange();
  const [values, setValues] = useState({ kind: 'absence_report', absentSince: today(), note: '' });
  const set = (key: keyof typeof values) => (value: string) => setValues((v) => ({ ...v, [key]: value }));
  const { errors, busy, submit } = useFormSubmit({
    messages: { absentSince: 'abs.error.date', kind: 'abs.error.kind' },
    errorsOf: (caught) => absenceErrors(caught, () => errorsFromResponse(caught)),
  });
  const back = `/students/${encodeURIComponent(studentId)}`;
  const save = () =>
    void submit(AbsenceWatchBody, values, async (body) => {
      await change('POST', `/api/students/${encodeURIComponent(studentId)}/absence-watches`, body);
      navigate('/absence');
    });
  return (
    <>
      <Paragraph>
        <Link href={back} className="utrecht-link">
          {t('abs.report.back')}
        </Link>
      </Paragraph>
      <Heading level={1}>{t('abs.report.title')}</Heading>
      <Paragraph>{t('abs.report.intro')}</Paragraph>
      <RegisterForm
        title={t('abs.report.form')}
        errors={errors}
        busy={busy}
        submitLabel={t('abs.report.submit')}
        onSubmit={save}
        onCancel={() => navigate(back)}
      >
        <SelectField
          path="kind"
          label={t('abs.watch.kind')}
          placeholder={t('abs.choose')}
          value={values.kind}
          options={watchKinds.map((kind) => ({ value: kind, label: t(`abs.watchKind.${kind}`) }))}
          error={errors?.kind}
          onChange={set('kind')}
        />
        <TextField
          path="absentSince"
          type="date"
          label={t('abs.watch.absentSince')}
          value={values.absentSince}
          error={errors?.absentSince}
          onChange={set('absentSince')}
        />
        <TextAreaField
          path="note"
          label={t('abs.report.note')}
          value={values.note}
          error={errors?.note}
          onChange={set('note')}
        />
      </RegisterForm>
    </>
  );
}
