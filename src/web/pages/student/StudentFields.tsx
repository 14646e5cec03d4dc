// The child's data as form fields, shared by "new pupil" and the overview's edit form: what was
// typed (strings), the body the contracts expect, and the message of each field's error.

import { type FieldErrors, TextField } from '../../components/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/nl.ts';
import type { Student } from './data.ts';

export type StudentDraft = {
  givenName: string;
  familyNamePrefix: string;
  familyName: string;
  birthDate: string;
  schoolKey: string;
  groupName: string;
};

export const draftOf = (student: Student | null): StudentDraft => ({
  givenName: student?.givenName ?? '',
  familyNamePrefix: student?.familyNamePrefix ?? '',
  familyName: student?.familyName ?? '',
  birthDate: student?.birthDate ?? '',
  schoolKey: student?.schoolKey ?? '',
  groupName: student?.groupName ?? '',
});

/** The fields as the contracts take them: no pupil number is null, not "". */
export const bodyOf = (draft: StudentDraft) => ({ ...draft, schoolKey: draft.schoolKey.trim() || null });

export const studentFieldMessages: Record<string, MessageKey> = {
  givenName: 'student.error.givenName',
  familyNamePrefix: 'student.error.familyNamePrefix',
  familyName: 'student.error.familyName',
  birthDate: 'student.error.birthDate',
  schoolKey: 'student.error.schoolKey',
  groupName: 'student.error.groupName',
};

export function StudentFields({
  draft,
  onChange,
  errors,
}: {
  draft: StudentDraft;
  onChange: (draft: StudentDraft) => void;
  errors: FieldErrors;
}) {
  const { t } = useI18n();
  const field = (name: keyof StudentDraft) => ({
    path: name,
    value: draft[name],
    error: errors[name],
    onChange: (value: string) => onChange({ ...draft, [name]: value }),
  });
  return (
    <>
      <TextField label={t('student.field.givenName')} autoComplete="off" {...field('givenName')} />
      <TextField
        label={t('student.field.familyNamePrefix')}
        autoComplete="off"
        {...field('familyNamePrefix')}
      />
      <TextField label={t('student.field.familyName')} autoComplete="off" {...field('familyName')} />
      <TextField label={t('student.field.birthDate')} type="date" {...field('birthDate')} />
      <TextField
        label={t('student.field.groupName')}
        description={t('student.field.groupNameHint')}
        autoComplete="off"
        {...field('groupName')}
      />
      <TextField
        label={t('student.field.schoolKey')}
        description={t('student.field.schoolKeyHint')}
        autoComplete="off"
        spellCheck={false}
        {...field('schoolKey')}
      />
    </>
  );
}
