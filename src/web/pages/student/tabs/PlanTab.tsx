// The plan tab (/students/:id/plan): the child's one plan, the active version first and every older
// one on request. Staff and partners get the working view; a parent the same plan in plain words,
// with their answer. Without a plan, those who may edit it can start the first one.
import {
  Button,
  Checkbox,
  FormField,
  FormLabel,
  Paragraph,
  Select,
  SelectOption,
} from '@utrecht/component-library-react';
import { type ChangeEvent, type FormEvent, useState } from 'react';
import type { PlanView } from '../../../../contracts/plans.ts';
import { versionLabel } from '../../../../domain/plans.ts';
import { api } from '../../../app/api.ts';
import { ErrorSummary, errorsFromResponse, type FieldErrors, fieldId } from '../../../components/forms.tsx';
import { ErrorState, LoadingState } from '../../../components/States.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { usePlan, usePlanVersions, useSavedPlan, type Version, versionsPath } from '../../plan/data.ts';
import { ParentPlan } from '../../plan/ParentPlan.tsx';
import { StaffPlan } from '../../plan/StaffPlan.tsx';
import type { StudentTabProps } from '../tabProps.ts';
import '../../plan/plan.css';

export default function PlanTab({ student }: StudentTabProps) {
  const { t } = useI18n();
  const versions = usePlanVersions(student.id);
  const [chosen, setChosen] = useState<string | null>(null);
  if (versions.isPending) return <LoadingState />;
  if (versions.isError) return <ErrorState onRetry={() => void versions.refetch()} />;
  // A parent of the child reads the plan in plain words (the server's `asParent`).
  const asParent = student.permissions.asParent;
  if (versions.data.length === 0) {
    return asParent ? (
      <Paragraph>{t('plan.parent.none', { name: student.givenName })}</Paragraph>
    ) : (
      <StartPlan studentId={student.id} name={student.givenName} mayStart={student.permissions.startPlan} />
    );
  }
  const shown = versions.data.find((v) => v.id === chosen) ?? versions.data[0]!;
  return (
    <>
      {versions.data.length > 1 && (
        <VersionChoice versions={versions.data} value={shown.id} onChange={setChosen} />
      )}
      <ShownVersion
        studentId={student.id}
        planId={shown.id}
        childName={student.givenName}
        asParent={asParent}
        onNewVersion={(id) => setChosen(id)}
      />
    </>
  );
}

function VersionChoice({
  versions,
  value,
  onChange,
}: {
  versions: readonly Version[];
  value: string;
  onChange: (id: string) => void;
}) {
  const { t, formatDate } = useI18n();
  return (
    <FormField className="passend-plan-versions">
      <FormLabel htmlFor="plan-version">{t('plan.versions.label')}</FormLabel>
      <Select
        id="plan-version"
        value={value}
        onChange={(event: ChangeEvent<HTMLSelectElement>) => onChange(event.target.value)}
      >
        {versions.map((v) => (
          <SelectOption key={v.id} value={v.id}>
            {v.status === 'active'
              ? t('plan.versions.active', { version: versionLabel(v.version, v.amendment) })
              : t('plan.versions.closed', {
                  version: versionLabel(v.version, v.amendment),
                  date: formatDate(v.evaluatedOn ?? v.evaluationDueOn),
                })}
          </SelectOption>
        ))}
      </Select>
    </FormField>
  );
}

function ShownVersion({
  studentId,
  planId,
  childName,
  asParent,
  onNewVersion,
}: {
  studentId: string;
  planId: string;
  childName: string;
  asParent: boolean;
  onNewVersion: (id: string) => void;
}) {
  const plan = usePlan(studentId, planId);
  if (plan.isPending) return <LoadingState />;
  if (plan.isError) return <ErrorState onRetry={() => void plan.refetch()} />;
  if (asParent) return <ParentPlan plan={plan.data} childName={childName} />;
  return <StaffPlan plan={plan.data} onNewVersion={(next) => onNewVersion(next.id)} />;
}

/** The first plan: a plain one or an OPP; the first evaluation is due in six months. */
function StartPlan({ studentId, name, mayStart }: { studentId: string; name: string; mayStart: boolean }) {
  const { t } = useI18n();
  const saved = useSavedPlan();
  const [opp, setOpp] = useState(false);
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      await saved(
        await api<typeof PlanView>('POST', versionsPath(studentId), { hasDevelopmentPerspective: opp }),
      );
    } catch (caught) {
      setErrors(errorsFromResponse(caught));
      setBusy(false);
    }
  }

  return (
    <div className="passend-plan-start">
      <Paragraph>{t('plan.none', { name })}</Paragraph>
      {mayStart && (
        <form className="passend-form" onSubmit={submit} noValidate aria-label={t('plan.start.label')}>
          <ErrorSummary errors={errors} />
          <FormField type="checkbox">
            <Checkbox
              id={fieldId('hasDevelopmentPerspective')}
              checked={opp}
              onChange={(event) => setOpp(event.target.checked)}
            />
            <FormLabel htmlFor={fieldId('hasDevelopmentPerspective')} type="checkbox">
              {t('plan.field.hasDevelopmentPerspective')}
            </FormLabel>
          </FormField>
          <Button type="submit" appearance="primary-action-button" disabled={busy}>
            {t('plan.start.submit')}
          </Button>
        </form>
      )}
    </div>
  );
}
