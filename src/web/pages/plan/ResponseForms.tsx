// The parents' response to a plan version (POST /api/plans/:id/responses): a parent agrees with the
// action part or not and may give a view (zienswijze); the IB'er records a response that came on a
// signed form, naming the parent and where the form is kept.
import {
  Button,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldErrorMessage,
  FormLabel,
  RadioButton,
} from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useState } from 'react';
import type { z } from 'zod';
import { PaperResponseBody, ParentResponseBody, type PlanView } from '../../../contracts/plans.ts';
import { versionLabel } from '../../../domain/plans.ts';
import { api } from '../../app/api.ts';
import { ErrorSummary, fieldId, TextAreaField, TextField, useFormSubmit } from '../../components/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/nl.ts';
import { type Plan, planPath, useSavedPlan } from './data.ts';
import { conflictingPlan, planErrorsOf } from './PlanEditor.tsx';

const messages: Record<string, MessageKey> = {
  agrees: 'plan.error.agrees',
  view: 'plan.error.view',
  parentName: 'plan.error.parentName',
  proof: 'plan.error.proof',
};

/** "Agree" or "do not agree", as two radio buttons with the question as their legend. */
function AgreeChoice({
  legend,
  yes,
  no,
  value,
  onChange,
  error,
}: {
  legend: string;
  yes: string;
  no: string;
  value: boolean | null;
  onChange: (agrees: boolean) => void;
  error: MessageKey | undefined;
}) {
  const { t } = useI18n();
  const id = fieldId('agrees');
  return (
    <Fieldset invalid={Boolean(error)} aria-describedby={error ? `${id}-error` : undefined}>
      <FieldsetLegend>{legend}</FieldsetLegend>
      {error && <FormFieldErrorMessage id={`${id}-error`}>{t(error)}</FormFieldErrorMessage>}
      {[true, false].map((agrees) => {
        const optionId = agrees ? id : `${id}-no`;
        return (
          <FormField type="radio" key={String(agrees)}>
            <RadioButton
              id={optionId}
              name="agrees"
              checked={value === agrees}
              invalid={Boolean(error)}
              onChange={() => onChange(agrees)}
            />
            <FormLabel htmlFor={optionId} type="radio">
              {agrees ? yes : no}
            </FormLabel>
          </FormField>
        );
      })}
    </Fieldset>
  );
}

/**
 * A refused answer's errors, in the plan's words. When the action part changed after the plan was
 * read (409), the page shows the changed plan, and what changed, before the answer is given again.
 */
function useAnswerErrors(onChanged: () => void) {
  const saved = useSavedPlan();
  return async (caught: unknown) => {
    const newer = conflictingPlan(caught);
    if (!newer) return planErrorsOf(caught, 'agrees');
    await saved(newer);
    onChanged();
    return { '': 'plan.error.answerAfterChange' } as const;
  };
}

async function send(
  plan: Plan,
  body: z.infer<typeof ParentResponseBody> | z.infer<typeof PaperResponseBody>,
): Promise<Plan> {
  return api<typeof PlanView>('POST', `${planPath(plan.id)}/responses`, body);
}

/** The parent's own answer, in plain words. */
export function ParentResponseForm({ plan, onDone }: { plan: Plan; onDone: () => void }) {
  const { t } = useI18n();
  const saved = useSavedPlan();
  const [agrees, setAgrees] = useState<boolean | null>(null);
  const [view, setView] = useState('');
  // After a change meanwhile, the parent chooses again having read it; their view stays.
  const errorsOf = useAnswerErrors(() => setAgrees(null));
  const { errors, setErrors, busy, submit } = useFormSubmit({ messages, errorsOf });

  const save = (event: FormEvent) => {
    event.preventDefault();
    const input = { revision: plan.revision, agrees: agrees ?? undefined, view };
    void submit(ParentResponseBody, input, async (body) => {
      await saved(await send(plan, body));
      setAgrees(null);
      setView('');
      setErrors(null);
      onDone();
    });
  };

  return (
    <form className="passend-form" onSubmit={save} noValidate aria-label={t('plan.parent.formLabel')}>
      <ErrorSummary errors={errors} />
      <AgreeChoice
        legend={t('plan.parent.question', { version: versionLabel(plan.version, plan.amendment) })}
        yes={t('plan.parent.agree')}
        no={t('plan.parent.disagree')}
        value={agrees}
        onChange={setAgrees}
        error={errors?.agrees}
      />
      <TextAreaField
        path="view"
        label={t('plan.parent.view')}
        description={t('plan.parent.viewHint')}
        value={view}
        error={errors?.view}
        onChange={setView}
      />
      <Button type="submit" appearance="primary-action-button" disabled={busy}>
        {t('plan.parent.send')}
      </Button>
    </form>
  );
}

/** The IB'er records a parent's response from a signed form. */
export function PaperResponseForm({ plan, onDone }: { plan: Plan; onDone: (saved: boolean) => void }) {
  const { t } = useI18n();
  const saved = useSavedPlan();
  const [parentName, setParentName] = useState('');
  const [agrees, setAgrees] = useState<boolean | null>(null);
  const [view, setView] = useState('');
  const [proof, setProof] = useState('');
  const errorsOf = useAnswerErrors(() => setAgrees(null));
  const { errors, busy, submit } = useFormSubmit({ messages, errorsOf });

  useEffect(() => {
    document.getElementById(fieldId('parentName'))?.focus();
  }, []);

  const save = (event: FormEvent) => {
    event.preventDefault();
    const input = { revision: plan.revision, parentName, agrees: agrees ?? undefined, view, proof };
    void submit(PaperResponseBody, input, async (body) => {
      await saved(await send(plan, body));
      onDone(true);
    });
  };

  return (
    <form
      className="passend-form passend-plan-form"
      onSubmit={save}
      noValidate
      aria-label={t('plan.paper.label')}
    >
      <ErrorSummary errors={errors} />
      <TextField
        path="parentName"
        label={t('plan.paper.parentName')}
        autoComplete="off"
        value={parentName}
        error={errors?.parentName}
        onChange={setParentName}
      />
      <AgreeChoice
        legend={t('plan.paper.question', { version: versionLabel(plan.version, plan.amendment) })}
        yes={t('plan.paper.agree')}
        no={t('plan.paper.disagree')}
        value={agrees}
        onChange={setAgrees}
        error={errors?.agrees}
      />
      <TextAreaField
        path="view"
        label={t('plan.paper.view')}
        value={view}
        error={errors?.view}
        onChange={setView}
      />
      <TextField
        path="proof"
        label={t('plan.paper.proof')}
        description={t('plan.paper.proofHint')}
        value={proof}
        error={errors?.proof}
        onChange={setProof}
      />
      <div className="passend-student-actions">
        <Button type="submit" appearance="primary-action-button" disabled={busy}>
          {t('plan.paper.submit')}
        </Button>
        <Button appearance="secondary-action-button" onClick={() => onDone(false)}>
          {t('admin.cancel')}
        </Button>
      </div>
    </form>
  );
}
