// Evaluating a plan version (POST /api/plans/:id/evaluation): the date, what came out of it, whether
// the parents took part, what happens with each goal whose target date has passed (reached, on with
// a new date, stopped), each goal's progress, and when the next evaluation is due. The server
// closes this version and opens the next; an OPP is evaluated at least yearly.
import {
  Button,
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldErrorMessage,
  FormLabel,
  Paragraph,
  RadioButton,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useState } from 'react';
import { EvaluatePlanBody, type PlanView } from '../../../contracts/plans.ts';
import { addMonths, defaultEvaluationMonths, maxOppEvaluationMonths } from '../../../domain/childFile.ts';
import { type GoalOutcome, goalOutcomes, isGoalDueAt } from '../../../domain/plans.ts';
import { api } from '../../app/api.ts';
import {
  ErrorSummary,
  type FieldErrors,
  fieldId,
  TextAreaField,
  TextField,
  useFormSubmit,
} from '../../components/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { type Plan, planPath, today, useSavedPlan } from './data.ts';
import { conflictingPlan, planErrorsOf, planFieldMessages } from './PlanEditor.tsx';

const messages = {
  ...planFieldMessages,
  evaluatedOn: 'plan.error.evaluatedOn',
  evaluation: 'plan.error.evaluation',
  nextEvaluationDueOn: 'plan.error.evaluationDueOn',
  outcome: 'plan.error.goalDecision',
  newTargetDate: 'plan.error.newTargetDate',
} as const;

type Decision = { outcome: GoalOutcome | null; newTargetDate: string };

export function EvaluationForm({ plan, onDone }: { plan: Plan; onDone: (next: Plan | null) => void }) {
  const { t, formatDate } = useI18n();
  const saved = useSavedPlan();
  const [evaluatedOn, setEvaluatedOn] = useState(today);
  const [evaluation, setEvaluation] = useState('');
  const [withParents, setWithParents] = useState(false);
  const [progress, setProgress] = useState(() => plan.goals.map((goal) => goal.progress));
  const [nextDueOn, setNextDueOn] = useState('');
  const [decisions, setDecisions] = useState<Record<string, Decision>>({});
  const { errors, setErrors, busy, submit } = useFormSubmit({
    messages,
    errorsOf: async (caught) => {
      const current = conflictingPlan(caught);
      if (!current) return planErrorsOf(caught, 'nextEvaluationDueOn');
      // Someone changed the version meanwhile: show it, keep what was typed, let the user look first.
      await saved(current);
      return { '': 'plan.error.changedMeanwhile' };
    },
  });

  useEffect(() => {
    document.getElementById(fieldId('evaluatedOn'))?.focus();
  }, []);

  // Asked of every goal whose date has come by the day of the evaluation, as the server asks it.
  const dueGoals = plan.goals.filter((goal) => isGoalDueAt(goal, evaluatedOn || today()));
  const undecided: Decision = { outcome: null, newTargetDate: '' };
  const decisionOf = (goalId: string): Decision => decisions[goalId] ?? undecided;
  const decide = (goalId: string, change: Partial<Decision>) =>
    setDecisions((all) => ({ ...all, [goalId]: { ...(all[goalId] ?? undecided), ...change } }));

  const save = (event: FormEvent) => {
    event.preventDefault();
    const unanswered: FieldErrors = {};
    dueGoals.forEach((goal, index) => {
      if (!decisionOf(goal.id).outcome)
        unanswered[`goalDecisions.${index}.outcome`] = 'plan.error.goalDecision';
    });
    if (Object.keys(unanswered).length > 0) {
      setErrors(unanswered);
      return;
    }
    const input = {
      revision: plan.revision,
      evaluatedOn,
      evaluation,
      evaluatedWithParents: withParents,
      goalProgress: plan.goals.map((goal, index) => ({ goalId: goal.id, progress: progress[index] ?? '' })),
      goalDecisions: dueGoals.map((goal) => {
        const { outcome, newTargetDate } = decisionOf(goal.id);
        return outcome === 'continued'
          ? { goalId: goal.id, outcome, newTargetDate }
          : { goalId: goal.id, outcome };
      }),
      ...(nextDueOn ? { nextEvaluationDueOn: nextDueOn } : {}),
    };
    void submit(EvaluatePlanBody, input, async (body) => {
      const next = await api<typeof PlanView>('POST', `${planPath(plan.id)}/evaluation`, body);
      await saved(next);
      onDone(next);
    });
  };

  const defaultNext = addMonths(evaluatedOn || today(), defaultEvaluationMonths);
  return (
    <form
      className="passend-form passend-plan-form"
      onSubmit={save}
      noValidate
      aria-label={t('plan.evaluate.label')}
    >
      <ErrorSummary errors={errors} />
      <Paragraph>{t('plan.evaluate.intro', { version: plan.version })}</Paragraph>
      <TextField
        path="evaluatedOn"
        type="date"
        label={t('plan.evaluate.evaluatedOn')}
        value={evaluatedOn}
        error={errors?.evaluatedOn}
        onChange={setEvaluatedOn}
      />
      <TextAreaField
        path="evaluation"
        label={t('plan.evaluate.evaluation')}
        description={t('plan.evaluate.evaluationHint')}
        value={evaluation}
        error={errors?.evaluation}
        onChange={setEvaluation}
        rows={5}
      />
      <FormField type="checkbox">
        <Checkbox
          id={fieldId('evaluatedWithParents')}
          checked={withParents}
          onChange={(event) => setWithParents(event.target.checked)}
        />
        <FormLabel htmlFor={fieldId('evaluatedWithParents')} type="checkbox">
          {t('plan.evaluate.withParents')}
        </FormLabel>
      </FormField>
      {dueGoals.length > 0 && (
        <Fieldset>
          <FieldsetLegend>{t('plan.evaluate.goalsDue')}</FieldsetLegend>
          <Paragraph>{t('plan.evaluate.goalsDueIntro')}</Paragraph>
          {dueGoals.map((goal, index) => (
            <GoalDecisionFields
              key={goal.id}
              path={`goalDecisions.${index}`}
              question={t('plan.evaluate.goalQuestion', {
                goal: goal.description,
                date: formatDate(goal.targetDate),
              })}
              decision={decisionOf(goal.id)}
              errors={errors ?? {}}
              onChange={(change) => decide(goal.id, change)}
            />
          ))}
        </Fieldset>
      )}
      {plan.goals.map((goal, index) => (
        <TextAreaField
          key={goal.id}
          path={`goalProgress.${index}.progress`}
          label={t('plan.evaluate.progress', { goal: goal.description })}
          value={progress[index] ?? ''}
          error={errors?.[`goalProgress.${index}.progress`]}
          onChange={(value) => setProgress(progress.map((p, i) => (i === index ? value : p)))}
          rows={2}
        />
      ))}
      <TextField
        path="nextEvaluationDueOn"
        type="date"
        label={t('plan.evaluate.next')}
        description={t(
          plan.hasDevelopmentPerspective ? 'plan.evaluate.nextHintOpp' : 'plan.evaluate.nextHint',
          {
            months: maxOppEvaluationMonths,
            date: formatDate(defaultNext),
          },
        )}
        value={nextDueOn}
        error={errors?.nextEvaluationDueOn}
        onChange={setNextDueOn}
      />
      <div className="passend-student-actions">
        <Button type="submit" appearance="primary-action-button" disabled={busy}>
          {t('plan.evaluate.submit')}
        </Button>
        <Button appearance="secondary-action-button" onClick={() => onDone(null)}>
          {t('admin.cancel')}
        </Button>
      </div>
    </form>
  );
}

/** One goal past its date: reached, on with a new target date, or stopped; the date only when going on. */
function GoalDecisionFields({
  path,
  question,
  decision,
  errors,
  onChange,
}: {
  path: string;
  question: string;
  decision: Decision;
  errors: FieldErrors;
  onChange: (change: Partial<Decision>) => void;
}) {
  const { t } = useI18n();
  const outcomeId = fieldId(`${path}.outcome`);
  const error = errors[`${path}.outcome`];
  return (
    <Fieldset
      className="passend-plan-item"
      invalid={Boolean(error)}
      aria-describedby={error ? `${outcomeId}-error` : undefined}
    >
      <FieldsetLegend>{question}</FieldsetLegend>
      {error && <FormFieldErrorMessage id={`${outcomeId}-error`}>{t(error)}</FormFieldErrorMessage>}
      {goalOutcomes.map((outcome, index) => {
        // The first option carries the group's id: the error summary links to it.
        const id = index === 0 ? outcomeId : `${outcomeId}-${outcome}`;
        return (
          <FormField type="radio" key={outcome}>
            <RadioButton
              id={id}
              name={outcomeId}
              checked={decision.outcome === outcome}
              invalid={Boolean(error)}
              onChange={() => onChange({ outcome })}
            />
            <FormLabel htmlFor={id} type="radio">
              {t(`plan.evaluate.outcome.${outcome}`)}
            </FormLabel>
          </FormField>
        );
      })}
      {decision.outcome === 'continued' && (
        <TextField
          path={`${path}.newTargetDate`}
          type="date"
          label={t('plan.evaluate.newTargetDate')}
          value={decision.newTargetDate}
          error={errors[`${path}.newTargetDate`]}
          onChange={(newTargetDate) => onChange({ newTargetDate })}
        />
      )}
    </Fieldset>
  );
}
