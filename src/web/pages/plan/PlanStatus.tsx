// Where a plan version stands (kind, version, evaluation date, the parents' agreement) and the link
// to its PDF: shown above the plan for staff and parents alike.
import { Paragraph } from '@utrecht/component-library-react';
import { isEvaluationDue } from '../../../domain/childFile.ts';
import { versionLabel } from '../../../domain/plans.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/nl.ts';
import { type Plan, planPath, today } from './data.ts';

const agreementKeys: Record<Plan['parentAgreement'], MessageKey> = {
  none: 'plan.parents.none',
  agreed: 'plan.parents.agreed',
  not_agreed: 'plan.parents.notAgreed',
};

/** Which text the parents agreed with and when, and whether a changed one awaits them. */
function useParentsText() {
  const { t, formatDate } = useI18n();
  return (plan: Plan) => {
    const current = versionLabel(plan.version, plan.amendment);
    const inForce = plan.inForce;
    if (!inForce) return t(agreementKeys[plan.parentAgreement]);
    const date = formatDate(inForce.agreedAt);
    if (inForce.amendment === plan.amendment) return t('plan.parents.agreedOn', { version: current, date });
    const key = plan.parentAgreement === 'not_agreed' ? 'plan.parents.refusedNewer' : 'plan.parents.awaiting';
    return t(key, { version: current, agreed: versionLabel(plan.version, inForce.amendment), date });
  };
}

export function PlanStatus({ plan }: { plan: Plan }) {
  const { t, formatDate } = useI18n();
  const parentsText = useParentsText();
  const due = plan.status === 'active' && isEvaluationDue(plan.evaluationDueOn, today());
  return (
    <dl className="passend-student-facts passend-plan-status">
      <div>
        <dt>{t('plan.status.kind')}</dt>
        <dd>{t(plan.hasDevelopmentPerspective ? 'plan.kind.opp' : 'plan.kind.plan')}</dd>
      </div>
      <div>
        <dt>{t('plan.status.version')}</dt>
        <dd>
          {t(plan.status === 'active' ? 'plan.status.active' : 'plan.status.closed', {
            version: versionLabel(plan.version, plan.amendment),
            date: formatDate(plan.startedOn),
          })}
        </dd>
      </div>
      <div>
        <dt>{t(plan.status === 'active' ? 'plan.status.dueOn' : 'plan.status.evaluatedOn')}</dt>
        <dd>
          {formatDate(
            plan.status === 'active' ? plan.evaluationDueOn : (plan.evaluatedOn ?? plan.evaluationDueOn),
          )}
          {due && <span className="passend-level-badge passend-plan-due">{t('plan.status.due')}</span>}
        </dd>
      </div>
      <div>
        <dt>{t('plan.status.parents')}</dt>
        <dd>{parentsText(plan)}</dd>
      </div>
    </dl>
  );
}

export function PdfLink({ plan }: { plan: Plan }) {
  const { t } = useI18n();
  return (
    <Paragraph className="passend-plan-pdf">
      <a className="utrecht-link" href={`${planPath(plan.id)}/pdf`} download>
        {t('plan.pdf', { version: versionLabel(plan.version, plan.amendment) })}
      </a>
    </Paragraph>
  );
}
