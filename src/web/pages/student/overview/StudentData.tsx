// The child's data on the overview: read by everyone who may open the file; the IB'er and the
// consultant change it here (PATCH /api/students/:id, only the fields that changed, so the
// access log names what was changed).
import { Button } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { type StudentView, UpdateStudentBody } from '../../../../contracts/students.ts';
import { api } from '../../../app/api.ts';
import { ErrorSummary, StatusMessage, useFormSubmit, useFormToggle } from '../../../components/forms.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { type Student, studentPath, useRefreshStudent } from '../data.ts';
import {
  bodyOf,
  draftOf,
  type StudentDraft,
  StudentFields,
  studentFieldMessages,
} from '../StudentFields.tsx';

export function StudentData({ student, mayEdit }: { student: Student; mayEdit: boolean }) {
  const { t, formatDate } = useI18n();
  // Opening the form puts focus in its first field; closing it puts focus back on the button.
  const { isOpen: isEditing, setOpen: setEditing, openButton: editButton } = useFormToggle('givenName');
  const [saved, setSaved] = useState(false);

  return (
    <>
      <StatusMessage>{saved ? t('student.data.saved') : ''}</StatusMessage>
      {isEditing ? (
        <StudentDataForm
          student={student}
          onDone={(didSave) => {
            setSaved(didSave);
            setEditing(false);
          }}
        />
      ) : (
        <>
          <dl className="passend-student-data">
            <dt>{t('student.field.givenName')}</dt>
            <dd>{student.givenName}</dd>
            <dt>{t('student.field.familyName')}</dt>
            <dd>{[student.familyNamePrefix, student.familyName].filter(Boolean).join(' ')}</dd>
            <dt>{t('student.field.birthDate')}</dt>
            <dd>{formatDate(student.birthDate)}</dd>
            <dt>{t('student.field.groupName')}</dt>
            <dd>{student.groupName || t('student.group.none')}</dd>
            <dt>{t('student.field.schoolKey')}</dt>
            <dd>{student.schoolKey ?? t('student.data.noSchoolKey')}</dd>
          </dl>
          {mayEdit && (
            <Button
              ref={editButton}
              appearance="secondary-action-button"
              onClick={() => {
                setSaved(false);
                setEditing(true);
              }}
            >
              {t('student.data.edit')}
            </Button>
          )}
        </>
      )}
    </>
  );
}

function StudentDataForm({ student, onDone }: { student: Student; onDone: (saved: boolean) => void }) {
  const { t } = useI18n();
  const refresh = useRefreshStudent();
  const [draft, setDraft] = useState<StudentDraft>(() => draftOf(student));
  const { errors, busy, submit } = useFormSubmit({ messages: studentFieldMessages });

  const save = (event: FormEvent) => {
    event.preventDefault();
    void submit(UpdateStudentBody, bodyOf(draft), async (body) => {
      // Send only what changed: the access log then says which data was changed.
      const original = bodyOf(draftOf(student));
      const changes = Object.fromEntries(
        Object.entries(body).filter(([name, value]) => value !== original[name as keyof typeof original]),
      );
      if (Object.keys(changes).length === 0) return onDone(false);
      const updated = await api<typeof StudentView>('PATCH', studentPath(student.id), changes);
      await refresh(updated);
      onDone(true);
    });
  };

  return (
    <form className="passend-form" onSubmit={save} noValidate aria-label={t('student.data.formLabel')}>
      <ErrorSummary errors={errors} />
      <StudentFields draft={draft} onChange={setDraft} errors={errors ?? {}} />
      <div className="passend-student-actions">
        <Button type="submit" appearance="primary-action-button" disabled={busy}>
          {t('student.data.save')}
        </Button>
        <Button appearance="secondary-action-button" onClick={() => onDone(false)}>
          {t('admin.cancel')}
        </Button>
      </div>
    </form>
  );
}
