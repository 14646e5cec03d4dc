// The support level on the overview: the IB'er and the consultant set a new level with a reason and
// the date it starts (POST /api/students/:id/support-level). The server enforces the level-4 rule
// (docs/domain.md); its refusal is explained here in plain Dutch, saying what level 4 needs.
import { Button } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import { SetSupportLevelBody, SupportLevelRefusal } from '../../../../contracts/students.ts';
import { amsterdamToday } from '../../../../domain/calendar.ts';
import { supportLevels } from '../../../../domain/childFile.ts';
import { ApiError, api } from '../../../app/api.ts';
import {
  ErrorSummary,
  errorsFromResponse,
  type FieldErrors,
  SelectField,
  StatusMessage,
  TextAreaField,
  TextField,
  useFormSubmit,
  useFormToggle,
} from '../../../components/forms.tsx';
import { supportLevelKey, useI18n } from '../../../i18n/index.tsx';
import type { MessageKey } from '../../../i18n/nl.ts';
import { type Student, studentPath, useRefreshStudent } from '../data.ts';

const fieldMessages: Record<string, MessageKey> = {
  level: 'student.error.level',
  reason: 'student.error.reason',
  effectiveOn: 'student.error.effectiveOn',
};

const refusalMessages: Record<z.infer<typeof SupportLevelRefusal>, MessageKey> = {
  no_active_plan: 'student.level4.no_active_plan',
  no_development_perspective: 'student.level4.no_development_perspective',
  no_parent_agreement: 'student.level4.no_parent_agreement',
};

/** Today in the Netherlands, whatever the browser's time zone. */
const today = () => amsterdamToday(new Date());

/** The level-4 refusal as the level field's error, or the usual translation of the error. */
function errorsOf(caught: unknown): FieldErrors {
  const details =
    caught instanceof ApiError ? (caught.details as Record<string, unknown> | undefined) : undefined;
  if (caught instanceof ApiError && caught.code === 'rule_violated') {
    const rule = SupportLevelRefusal.safeParse(details?.rule);
    if (rule.success) return { level: refusalMessages[rule.data] };
  }
  if ((details?.fields as Record<string, string> | undefined)?.effectiveOn === 'future')
    return { effectiveOn: 'student.error.effectiveOn.future' };
  return errorsFromResponse(caught, { messages: fieldMessages });
}

export function SupportLevelChange({ student }: { student: Student }) {
  const { t } = useI18n();
  const { isOpen, setOpen, openButton } = useFormToggle('level');
  const [saved, setSaved] = useState<number | null>(null);

  return (
    <>
      <StatusMessage>{saved === null ? '' : t('student.levelForm.saved', { level: saved })}</StatusMessage>
      {isOpen ? (
        <SupportLevelForm
          student={student}
          onDone={(level) => {
            setSaved(level);
            setOpen(false);
          }}
        />
      ) : (
        <Button
          ref={openButton}
          appearance="secondary-action-button"
          onClick={() => {
            setSaved(null);
            setOpen(true);
          }}
        >
          {t('student.levelForm.open')}
        </Button>
      )}
    </>
  );
}

function SupportLevelForm({ student, onDone }: { student: Student; onDone: (level: number | null) => void }) {
  const { t } = useI18n();
  const refresh = useRefreshStudent();
  const [level, setLevel] = useState('');
  const [reason, setReason] = useState('');
  const [effectiveOn, setEffectiveOn] = useState(today);
  const { errors, busy, submit } = useFormSubmit({ messages: fieldMessages, errorsOf });

  const save = (event: FormEvent) => {
    event.preventDefault();
    const input = { level: level === '' ? undefined : Number(level), reason, effectiveOn };
    void submit(SetSupportLevelBody, input, async (body) => {
      await api('POST', `${studentPath(student.id)}/support-level`, body);
      await refresh(student);
      onDone(body.level);
    });
  };

  return (
    <form className="passend-form" onSubmit={save} noValidate aria-label={t('student.levelForm.label')}>
      <ErrorSummary errors={errors} />
      <SelectField
        path="level"
        label={t('student.levelForm.level')}
        description={t('student.levelForm.levelHint')}
        placeholder={t('student.levelForm.choose')}
        value={level}
        options={supportLevels.map((value) => ({
          value: String(value),
          label: t(supportLevelKey(value)),
        }))}
        error={errors?.level}
        onChange={setLevel}
      />
      <TextAreaField
        path="reason"
        label={t('student.levelForm.reason')}
        description={t('student.levelForm.reasonHint')}
        value={reason}
        error={errors?.reason}
        onChange={setReason}
      />
      <TextField
        path="effectiveOn"
        type="date"
        label={t('student.levelForm.effectiveOn')}
        max={today()}
        value={effectiveOn}
        error={errors?.effectiveOn}
        onChange={setEffectiveOn}
      />
      <div className="passend-student-actions">
        <Button type="submit" appearance="primary-action-button" disabled={busy}>
          {t('student.levelForm.submit')}
        </Button>
        <Button appearance="secondary-action-button" onClick={() => onDone(null)}>
          {t('admin.cancel')}
        </Button>
      </div>
    </form>
  );
}
