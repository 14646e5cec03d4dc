// Editing a plan version: its text parts, the development perspective, the goals and the agreements
// (PATCH /api/plans/:id, only what changed, naming the revision the form started from). When
// someone else saved meanwhile (409), nothing typed is lost: the form stays, says so, and shows
// the newer text under each part that differs, so the user can compare and save again.
import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormLabel,
  Heading,
  Paragraph,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { type PlanView, UpdatePlanBody } from '../../../contracts/plans.ts';
import { agreementOwners } from '../../../domain/childFile.ts';
import { ApiError, api } from '../../app/api.ts';
import {
  ErrorSummary,
  errorsFromResponse,
  type FieldErrors,
  fieldId,
  SelectField,
  TextAreaField,
  TextField,
  validate,
} from '../../components/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/nl.ts';
import { type Plan, planPath, useSavedPlan } from './data.ts';
import { AgreementsTable, GoalsTable, ownerKey, PreviousPupilView } from './PlanSections.tsx';

const textParts = [
  'strengths',
  'stimulatingFactors',
  'hinderingFactors',
  'needs',
  'teacherNeeds',
  'exitDestination',
  'exitGrounds',
  'programmeDeviations',
  'pupilView',
] as const;
type TextPart = (typeof textParts)[number];

type GoalDraft = {
  id?: string;
  key: string;
  description: string;
  baseline: string;
  target: string;
  targetDate: string;
  progress: string;
};
type AgreementDraft = {
  id?: string;
  key: string;
  action: string;
  owner: string;
  partnerOrganisationId: string;
  dueOn: string;
  done: boolean;
  note: string;
};
type Draft = Record<TextPart, string> & {
  hasDevelopmentPerspective: boolean;
  evaluationDueOn: string;
  goals: GoalDraft[];
  agreements: AgreementDraft[];
};

let keys = 0;
const newKey = () => `new-${++keys}`;

function draftOf(plan: Plan): Draft {
  return {
    ...(Object.fromEntries(textParts.map((part) => [part, plan[part]])) as Record<TextPart, string>),
    hasDevelopmentPerspective: plan.hasDevelopmentPerspective,
    evaluationDueOn: plan.evaluationDueOn,
    goals: plan.goals.map((goal) => ({ ...goal, key: goal.id })),
    agreements: plan.agreements.map((a) => ({
      id: a.id,
      key: a.id,
      action: a.action,
      owner: a.owner,
      partnerOrganisationId: a.partnerOrganisationId ?? '',
      dueOn: a.dueOn ?? '',
      done: a.done,
      note: a.note,
    })),
  };
}

const goalsBody = (goals: readonly GoalDraft[]) => goals.map(({ key: _key, ...goal }) => goal);
const agreementsBody = (agreements: readonly AgreementDraft[]) =>
  agreements.map(({ key: _key, ...a }) => ({
    ...a,
    partnerOrganisationId: a.partnerOrganisationId || null,
    dueOn: a.dueOn || null,
  }));

/** What changed against the version the form started from, as the PATCH body. */
function changesOf(draft: Draft, base: Plan): Record<string, unknown> {
  const start = draftOf(base);
  const body: Record<string, unknown> = { revision: base.revision };
  for (const part of textParts) if (draft[part] !== start[part]) body[part] = draft[part];
  if (draft.hasDevelopmentPerspective !== start.hasDevelopmentPerspective)
    body.hasDevelopmentPerspective = draft.hasDevelopmentPerspective;
  if (draft.evaluationDueOn !== start.evaluationDueOn) body.evaluationDueOn = draft.evaluationDueOn;
  const goals = goalsBody(draft.goals);
  if (JSON.stringify(goals) !== JSON.stringify(goalsBody(start.goals))) body.goals = goals;
  const agreements = agreementsBody(draft.agreements);
  if (JSON.stringify(agreements) !== JSON.stringify(agreementsBody(start.agreements)))
    body.agreements = agreements;
  return body;
}

export const planFieldMessages: Record<string, MessageKey> = {
  strengths: 'plan.error.text',
  stimulatingFactors: 'plan.error.text',
  hinderingFactors: 'plan.error.text',
  needs: 'plan.error.text',
  teacherNeeds: 'plan.error.text',
  exitDestination: 'plan.error.exitDestination',
  exitGrounds: 'plan.error.text',
  programmeDeviations: 'plan.error.text',
  pupilView: 'plan.error.text',
  evaluationDueOn: 'plan.error.evaluationDueOn',
  description: 'plan.error.goalDescription',
  baseline: 'plan.error.shortText',
  target: 'plan.error.shortText',
  targetDate: 'plan.error.targetDate',
  progress: 'plan.error.shortText',
  action: 'plan.error.action',
  owner: 'plan.error.owner',
  partnerOrganisationId: 'plan.error.partner',
  dueOn: 'plan.error.dueOn',
  note: 'plan.error.shortText',
  goals: 'plan.error.goals',
  agreements: 'plan.error.agreements',
};

/** The newer version a 409 conflict carries, if this was one. */
export function conflictingPlan(caught: unknown): Plan | null {
  if (!(caught instanceof ApiError) || caught.code !== 'conflict') return null;
  return (caught.details as { current?: Plan } | undefined)?.current ?? null;
}

/** A refused date rule (422) as the date field's error; everything else as usual. */
export function planErrorsOf(caught: unknown, dateField: string): FieldErrors {
  if (caught instanceof ApiError && caught.code === 'rule_violated') {
    const rule = (caught.details as { rule?: string } | undefined)?.rule;
    if (rule === 'opp_evaluated_yearly') return { [dateField]: 'plan.error.oppYearly' };
    if (rule === 'due_before_start') return { [dateField]: 'plan.error.dueBeforeStart' };
    if (rule === 'evaluated_in_future') return { evaluatedOn: 'plan.error.evaluatedInFuture' };
    if (rule === 'evaluated_before_start') return { evaluatedOn: 'plan.error.evaluatedBeforeStart' };
    if (rule === 'plan_closed') return { '': 'plan.error.closed' };
    if (rule === 'goal_decision_missing') return { '': 'plan.error.goalDecision' };
  }
  return errorsFromResponse(caught, { messages: planFieldMessages });
}

/**
 * After a conflict the form continues from the newer version: what the user did not touch takes
 * the newer content; what they changed stays theirs (items the newer version dropped become new).
 */
function rebase(draft: Draft, started: Plan, current: Plan): Draft {
  const before = draftOf(started);
  const newer = draftOf(current);
  const untouched = <K extends keyof Draft>(name: K) =>
    JSON.stringify(draft[name]) === JSON.stringify(before[name]);
  const next = { ...draft };
  for (const name of Object.keys(draft) as (keyof Draft)[]) {
    if (untouched(name)) Object.assign(next, { [name]: newer[name] });
  }
  const goalIds = new Set(current.goals.map((g) => g.id));
  const agreementIds = new Set(current.agreements.map((a) => a.id));
  next.goals = next.goals.map((g) => (g.id && !goalIds.has(g.id) ? { ...g, id: undefined } : g));
  next.agreements = next.agreements.map((a) =>
    a.id && !agreementIds.has(a.id) ? { ...a, id: undefined } : a,
  );
  return next;
}

/** The text of the newer version under a field whose text differs from what the user typed. */
function Newer({ text, differs }: { text: string; differs: boolean }) {
  const { t } = useI18n();
  if (!differs) return null;
  return (
    <div className="passend-plan-newer">
      <Paragraph>
        <strong>{t('plan.conflict.newerText')}</strong>
      </Paragraph>
      <Paragraph className="passend-plan-text">{text.trim() ? text : t('plan.part.empty')}</Paragraph>
    </div>
  );
}

export function PlanEditor({ plan, onDone }: { plan: Plan; onDone: (saved: boolean) => void }) {
  const { t, formatDate } = useI18n();
  const saved = useSavedPlan();
  const [base, setBase] = useState(plan);
  const [draft, setDraft] = useState<Draft>(() => draftOf(plan));
  const [conflict, setConflict] = useState<Plan | null>(null);
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const [busy, setBusy] = useState(false);
  const conflictRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    document.getElementById(fieldId('strengths'))?.focus();
  }, []);
  useEffect(() => {
    if (conflict) conflictRef.current?.focus();
  }, [conflict]);

  const set = <K extends keyof Draft>(name: K, value: Draft[K]) => setDraft((d) => ({ ...d, [name]: value }));
  const text = (part: TextPart, options: { rows?: number; description?: string } = {}) => (
    <>
      <TextAreaField
        path={part}
        label={t(`plan.field.${part}`)}
        value={draft[part]}
        error={errors?.[part]}
        onChange={(value) => set(part, value)}
        {...options}
      />
      {conflict && <Newer text={conflict[part]} differs={conflict[part] !== draft[part]} />}
    </>
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = changesOf(draft, base);
    const checked = validate(UpdatePlanBody, body, planFieldMessages);
    if (checked.errors) {
      setErrors(checked.errors);
      return;
    }
    if (Object.keys(checked.data).length === 1) {
      onDone(false);
      return;
    }
    setBusy(true);
    setErrors(null);
    try {
      const updated = await api<typeof PlanView>('PATCH', planPath(plan.id), checked.data);
      await saved(updated);
      onDone(true);
    } catch (caught) {
      const current = conflictingPlan(caught);
      if (current) {
        // Keep everything typed; continue from the newer revision, showing what it says.
        setDraft((d) => rebase(d, base, current));
        setBase(current);
        setConflict(current);
      } else setErrors(planErrorsOf(caught, 'evaluationDueOn'));
    } finally {
      setBusy(false);
    }
  }

  const partnerOptions = plan.partnerOrganisations.map((p) => ({ value: p.id, label: p.name }));
  const actions = (
    <>
      <Button type="submit" appearance="primary-action-button" disabled={busy}>
        {t(conflict ? 'plan.edit.saveAgain' : 'plan.edit.save')}
      </Button>
      <Button appearance="secondary-action-button" onClick={() => onDone(false)}>
        {t('admin.cancel')}
      </Button>
    </>
  );
  return (
    <form
      className="passend-form passend-plan-form"
      onSubmit={submit}
      noValidate
      aria-label={t('plan.edit.label')}
    >
      {/* The actions first, and kept in view while scrolling: the form is long, and a keyboard
          user reaches Save from the first field with two Shift+Tabs. They are repeated at the end. */}
      <div className="passend-student-actions passend-plan-actionbar">{actions}</div>
      {conflict && (
        <div ref={conflictRef} tabIndex={-1} className="passend-plan-conflict">
          <Alert type="warning" role="alert">
            <Heading level={3}>{t('plan.conflict.title')}</Heading>
            <Paragraph>
              {t('plan.conflict.body', {
                name: conflict.updatedByName ?? t('plan.someone'),
                date: formatDate(conflict.updatedAt),
              })}
            </Paragraph>
          </Alert>
        </div>
      )}
      <ErrorSummary errors={errors} />

      <Fieldset>
        <FieldsetLegend>{t('plan.section.picture')}</FieldsetLegend>
        {text('strengths')}
        {text('stimulatingFactors')}
        {text('hinderingFactors')}
      </Fieldset>
      <Fieldset>
        <FieldsetLegend>{t('plan.section.needs')}</FieldsetLegend>
        {text('needs', { description: t('plan.field.needsHint') })}
        {text('teacherNeeds')}
      </Fieldset>
      <Fieldset>
        <FieldsetLegend>{t('plan.section.perspective')}</FieldsetLegend>
        <FormField type="checkbox">
          <Checkbox
            id={fieldId('hasDevelopmentPerspective')}
            checked={draft.hasDevelopmentPerspective}
            onChange={(event) => set('hasDevelopmentPerspective', event.target.checked)}
          />
          <FormLabel htmlFor={fieldId('hasDevelopmentPerspective')} type="checkbox">
            {t('plan.field.hasDevelopmentPerspective')}
          </FormLabel>
        </FormField>
        {draft.hasDevelopmentPerspective && (
          <>
            {text('exitDestination', { rows: 2 })}
            {text('exitGrounds')}
            {text('programmeDeviations')}
          </>
        )}
      </Fieldset>

      <Fieldset>
        <FieldsetLegend>{t('plan.section.goals')}</FieldsetLegend>
        {draft.goals.map((goal, index) => (
          <GoalFields
            key={goal.key}
            index={index}
            goal={goal}
            errors={errors ?? {}}
            onChange={(next) =>
              set(
                'goals',
                draft.goals.map((g, i) => (i === index ? next : g)),
              )
            }
            onRemove={() =>
              set(
                'goals',
                draft.goals.filter((_, i) => i !== index),
              )
            }
          />
        ))}
        <Button
          appearance="secondary-action-button"
          onClick={() =>
            set('goals', [
              ...draft.goals,
              { key: newKey(), description: '', baseline: '', target: '', targetDate: '', progress: '' },
            ])
          }
        >
          {t('plan.goal.add')}
        </Button>
        {conflict &&
          JSON.stringify(goalsBody(draftOf(conflict).goals)) !== JSON.stringify(goalsBody(draft.goals)) && (
            <details className="passend-plan-newer">
              <summary>{t('plan.conflict.newerGoals')}</summary>
              <GoalsTable goals={conflict.goals} caption={t('plan.conflict.newerGoals')} />
            </details>
          )}
      </Fieldset>

      <Fieldset>
        <FieldsetLegend>{t('plan.section.agreements')}</FieldsetLegend>
        {draft.agreements.map((agreement, index) => (
          <AgreementFields
            key={agreement.key}
            index={index}
            agreement={agreement}
            partnerOptions={partnerOptions}
            errors={errors ?? {}}
            onChange={(next) =>
              set(
                'agreements',
                draft.agreements.map((a, i) => (i === index ? next : a)),
              )
            }
            onRemove={() =>
              set(
                'agreements',
                draft.agreements.filter((_, i) => i !== index),
              )
            }
          />
        ))}
        <Button
          appearance="secondary-action-button"
          onClick={() =>
            set('agreements', [
              ...draft.agreements,
              {
                key: newKey(),
                action: '',
                owner: 'school',
                partnerOrganisationId: '',
                dueOn: '',
                done: false,
                note: '',
              },
            ])
          }
        >
          {t('plan.agreement.add')}
        </Button>
        {conflict &&
          JSON.stringify(agreementsBody(draftOf(conflict).agreements)) !==
            JSON.stringify(agreementsBody(draft.agreements)) && (
            <details className="passend-plan-newer">
              <summary>{t('plan.conflict.newerAgreements')}</summary>
              <AgreementsTable plan={conflict} mayTick={false} caption={t('plan.conflict.newerAgreements')} />
            </details>
          )}
      </Fieldset>

      <Fieldset>
        <FieldsetLegend>{t('plan.section.pupilView')}</FieldsetLegend>
        {text('pupilView', { description: t('plan.field.pupilViewHint') })}
        <PreviousPupilView plan={plan} title={t('plan.previousPupilView.title')} />
      </Fieldset>
      <TextField
        path="evaluationDueOn"
        type="date"
        label={t('plan.field.evaluationDueOn')}
        description={t('plan.field.evaluationDueOnHint')}
        value={draft.evaluationDueOn}
        error={errors?.evaluationDueOn}
        onChange={(value) => set('evaluationDueOn', value)}
      />

      <div className="passend-student-actions">{actions}</div>
    </form>
  );
}

function GoalFields({
  index,
  goal,
  errors,
  onChange,
  onRemove,
}: {
  index: number;
  goal: GoalDraft;
  errors: FieldErrors;
  onChange: (goal: GoalDraft) => void;
  onRemove: () => void;
}) {
  const { t } = useI18n();
  const field = (name: 'description' | 'baseline' | 'target' | 'targetDate' | 'progress') => ({
    path: `goals.${index}.${name}`,
    label: t(`plan.goal.${name}`),
    value: goal[name],
    error: errors[`goals.${index}.${name}`],
    onChange: (value: string) => onChange({ ...goal, [name]: value }),
  });
  return (
    <Fieldset className="passend-plan-item">
      <FieldsetLegend>{t('plan.goal.legend', { number: index + 1 })}</FieldsetLegend>
      <TextAreaField rows={2} {...field('description')} description={t('plan.goal.descriptionHint')} />
      <TextAreaField rows={2} {...field('baseline')} />
      <TextAreaField rows={2} {...field('target')} />
      <TextField type="date" {...field('targetDate')} />
      <TextAreaField rows={2} {...field('progress')} />
      <Button appearance="subtle-button" onClick={onRemove}>
        {t('plan.goal.remove', { number: index + 1 })}
      </Button>
    </Fieldset>
  );
}

function AgreementFields({
  index,
  agreement,
  partnerOptions,
  errors,
  onChange,
  onRemove,
}: {
  index: number;
  agreement: AgreementDraft;
  partnerOptions: { value: string; label: string }[];
  errors: FieldErrors;
  onChange: (agreement: AgreementDraft) => void;
  onRemove: () => void;
}) {
  const { t } = useI18n();
  const path = (name: string) => `agreements.${index}.${name}`;
  const doneId = fieldId(path('done'));
  return (
    <Fieldset className="passend-plan-item">
      <FieldsetLegend>{t('plan.agreement.legend', { number: index + 1 })}</FieldsetLegend>
      <TextAreaField
        rows={2}
        path={path('action')}
        label={t('plan.agreement.action')}
        value={agreement.action}
        error={errors[path('action')]}
        onChange={(action) => onChange({ ...agreement, action })}
      />
      <SelectField
        path={path('owner')}
        label={t('plan.agreement.owner')}
        placeholder={t('plan.agreement.chooseOwner')}
        value={agreement.owner}
        options={agreementOwners.map((owner) => ({ value: owner, label: t(ownerKey(owner)) }))}
        error={errors[path('owner')]}
        onChange={(owner) => onChange({ ...agreement, owner })}
      />
      <SelectField
        path={path('partnerOrganisationId')}
        label={t('plan.agreement.partner')}
        description={t('plan.agreement.partnerHint')}
        placeholder={t('plan.agreement.noPartner')}
        value={agreement.partnerOrganisationId}
        options={partnerOptions}
        error={errors[path('partnerOrganisationId')]}
        onChange={(partnerOrganisationId) => onChange({ ...agreement, partnerOrganisationId })}
      />
      <TextField
        type="date"
        path={path('dueOn')}
        label={t('plan.agreement.dueOn')}
        value={agreement.dueOn}
        error={errors[path('dueOn')]}
        onChange={(dueOn) => onChange({ ...agreement, dueOn })}
      />
      <FormField type="checkbox">
        <Checkbox
          id={doneId}
          checked={agreement.done}
          onChange={(event) => onChange({ ...agreement, done: event.target.checked })}
        />
        <FormLabel htmlFor={doneId} type="checkbox">
          {t('plan.agreement.doneLabel')}
        </FormLabel>
      </FormField>
      <TextAreaField
        rows={2}
        path={path('note')}
        label={t('plan.agreement.note')}
        value={agreement.note}
        error={errors[path('note')]}
        onChange={(note) => onChange({ ...agreement, note })}
      />
      <Button appearance="subtle-button" onClick={onRemove}>
        {t('plan.agreement.remove', { number: index + 1 })}
      </Button>
    </Fieldset>
  );
}
