// Evaluating a plan version (POST /api/plans/:id/evaluation): the date, what came out of it, whether
// the parents took part, each goal's progress, and when the next evaluation is due. The server
// closes this version and opens the next; an OPP is evaluated at least yearly.
import { Button, Checkbox, FormField, FormLabel, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useState } from 'react';
import { EvaluatePlanBody, type PlanView } from '../../../contracts/plans.ts';
import { addMonths, defaultEvaluationMonths, maxOppEvaluationMonths } from '../../../domain/childFile.ts';
import { api } from '../../app/api.ts';
import { ErrorSummary, fieldId, TextAreaField, TextField, useFormSubmit } from '../../components/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { type Plan, planPath, today, useSavedPlan } from './data.ts';
import { conflictingPlan, planErrorsOf, planFieldMessages } from './PlanEditor.tsx';

const messages = {
  ...planFieldMessages,
  evaluatedOn: 'plan.error.evaluatedOn',
  evaluation: 'plan.error.evaluation',
  nextEvaluationDueOn: 'plan.error.evaluationDueOn',
} as const;

export function EvaluationForm({ plan, onDone }: { plan: Plan; onDone: (next: Plan | null) => void }) {
  const { t, formatDate } = useI18n();
  const saved = useSavedPlan();
  const [evaluatedOn, setEvaluatedOn] = useState(today);
  const [evaluation, setEvaluation] = useState('');
  const [withParents, setWithParents] = useState(false);
  const [progress, setProgress] = useState(() => plan.goals.map((goal) => goal.progress));
  const [nextDueOn, setNextDueOn] = useState('');
  const { errors, busy, submit } = useFormSubmit({
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

  const save = (event: FormEvent) => {
    event.preventDefault();
    const input = {
      revision: plan.revision,
      evaluatedOn,
      evaluation,
      evaluatedWithParents: withParents,
      goalProgress: plan.goals.map((goal, index) => ({ goalId: goal.id, progress: progress[index] ?? '' })),
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
