// One plan version as school staff, the consultant and partners work with it: where it stands
// (version, evaluation date, the parents' agreement), what the user may do with it (edit, evaluate,
// record a paper response, print), and every part. Each action opens its form in place.
import { Button } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { StatusMessage } from '../../components/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/nl.ts';
import type { Plan } from './data.ts';
import { EvaluationForm } from './EvaluationForm.tsx';
import { PlanChanges } from './PlanChanges.tsx';
import { PlanEditor } from './PlanEditor.tsx';
import { PlanSections } from './PlanSections.tsx';
import { PdfLink, PlanStatus } from './PlanStatus.tsx';
import { PaperResponseForm } from './ResponseForms.tsx';

type Mode = 'view' | 'edit' | 'evaluate' | 'paper';

export function StaffPlan({ plan, onNewVersion }: { plan: Plan; onNewVersion: (plan: Plan) => void }) {
  const { t } = useI18n();
  const [mode, setMode] = useState<Mode>('view');
  // A message belongs to the version it was said about; choosing another version hides it.
  const [status, setStatus] = useState<{ message: MessageKey; planId: string } | null>(null);
  const opener = useRef<Mode>('view');
  const buttons = useRef<Partial<Record<Mode, HTMLButtonElement | null>>>({});

  // Closing a form puts focus back on the button that opened it.
  useEffect(() => {
    if (mode === 'view' && opener.current !== 'view') buttons.current[opener.current]?.focus();
  }, [mode]);

  const open = (next: Mode) => {
    opener.current = next;
    setStatus(null);
    setMode(next);
  };
  const close = (message: MessageKey | null, planId = plan.id) => {
    setStatus(message ? { message, planId } : null);
    setMode('view');
  };

  if (mode === 'edit')
    return <PlanEditor plan={plan} onDone={(saved) => close(saved ? 'plan.edit.saved' : null)} />;
  if (mode === 'evaluate')
    return (
      <EvaluationForm
        plan={plan}
        onDone={(next) => {
          close(next ? 'plan.evaluate.saved' : null, next?.id);
          if (next) onNewVersion(next);
        }}
      />
    );
  if (mode === 'paper')
    return <PaperResponseForm plan={plan} onDone={(saved) => close(saved ? 'plan.paper.saved' : null)} />;

  const actions: { mode: Mode; label: MessageKey; allowed: boolean }[] = [
    { mode: 'edit', label: 'plan.action.edit', allowed: plan.permissions.edit },
    { mode: 'evaluate', label: 'plan.action.evaluate', allowed: plan.permissions.edit },
    { mode: 'paper', label: 'plan.action.paper', allowed: plan.permissions.recordPaperResponse },
  ];
  return (
    <>
      <StatusMessage>{status?.planId === plan.id ? t(status.message) : ''}</StatusMessage>
      <PlanStatus plan={plan} />
      <div className="passend-student-actions">
        {actions
          .filter((action) => action.allowed)
          .map((action) => (
            <Button
              key={action.mode}
              ref={(element) => {
                buttons.current[action.mode] = element;
              }}
              appearance={action.mode === 'edit' ? 'primary-action-button' : 'secondary-action-button'}
              onClick={() => open(action.mode)}
            >
              {t(action.label)}
            </Button>
          ))}
      </div>
      <PdfLink plan={plan} />
      <PlanChanges plan={plan} />
      <PlanSections plan={plan} />
    </>
  );
}
