// A new pupil, added by hand by the IB'er (/schools/:schoolId/students/new; a whole roster comes
// in from the school's system through RosterImportPage.tsx). The same fields as the overview's
// edit form; after saving, the new child's file opens.
import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { CreateStudentBody, type StudentView } from '../../../contracts/students.ts';
import { api } from '../../app/api.ts';
import { navigate } from '../../app/router.tsx';
import { ErrorSummary, useFormSubmit } from '../../components/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Breadcrumbs } from './Breadcrumbs.tsx';
import { useRefreshStudent } from './data.ts';
import { bodyOf, draftOf, type StudentDraft, StudentFields, studentFieldMessages } from './StudentFields.tsx';
import './student.css';

export default function StudentNewPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const schoolId = params.schoolId ?? '';
  const listPath = `/schools/${encodeURIComponent(schoolId)}/students`;
  const refresh = useRefreshStudent();
  const [draft, setDraft] = useState<StudentDraft>(() => draftOf(null));
  const { errors, busy, submit } = useFormSubmit({ messages: studentFieldMessages });

  const save = (event: FormEvent) => {
    event.preventDefault();
    void submit(CreateStudentBody, bodyOf(draft), async (body) => {
      const created = await api<typeof StudentView>(
        'POST',
        `/api/schools/${encodeURIComponent(schoolId)}/students`,
        body,
      );
      await refresh(created);
      navigate(`/students/${encodeURIComponent(created.id)}`);
    });
  };

  return (
    <>
      <Breadcrumbs
        trail={[
          { href: listPath, label: t('student.nav.list') },
          { href: `${listPath}/new`, label: t('student.new.title') },
        ]}
      />
      <form className="passend-form" onSubmit={save} noValidate>
        <Heading level={1}>{t('student.new.title')}</Heading>
        <Paragraph>{t('student.new.intro')}</Paragraph>
        <ErrorSummary errors={errors} />
        <StudentFields draft={draft} onChange={setDraft} errors={errors ?? {}} />
        <Button type="submit" appearance="primary-action-button" disabled={busy}>
          {t('student.new.submit')}
        </Button>
      </form>
    </>
  );
}
