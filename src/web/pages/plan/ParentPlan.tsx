// The plan as a parent reads it: the same version in plain Dutch (B1), simple headings, and the
// question "do you agree with what we will do?", answered here with an optional view. The parent
// sees every answer given on this version, theirs and the other parent's.
import { Heading, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { useState } from 'react';
import { versionLabel } from '../../../domain/plans.ts';
import { StatusMessage } from '../../components/forms.tsx';
import { EmptyState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { Plan } from './data.ts';
import { PlanChanges } from './PlanChanges.tsx';
import { GoalOutcomes, Part, PreviousPupilView, Section, useOwnerText } from './PlanSections.tsx';
import { PdfLink, PlanStatus } from './PlanStatus.tsx';
import { ParentResponseForm } from './ResponseForms.tsx';

export function ParentPlan({ plan, childName }: { plan: Plan; childName: string }) {
  const { t, formatDate } = useI18n();
  const ownerText = useOwnerText();
  const [sent, setSent] = useState(false);
  const name = { name: childName };
  return (
    <>
      <Paragraph>{t('plan.parent.intro', name)}</Paragraph>
      <PlanStatus plan={plan} />
      <PdfLink plan={plan} />
      <PlanChanges plan={plan} asParent />
      <Section title={t('plan.parent.picture', name)}>
        <Part title={t('plan.parent.strengths')} text={plan.strengths} />
        <Part title={t('plan.parent.helps', name)} text={plan.stimulatingFactors} />
        <Part title={t('plan.parent.hard', name)} text={plan.hinderingFactors} />
      </Section>
      <Section title={t('plan.parent.needs', name)}>
        <Part title={t('plan.parent.childNeeds', name)} text={plan.needs} />
        <Part title={t('plan.parent.teacherNeeds')} text={plan.teacherNeeds} />
      </Section>
      {plan.hasDevelopmentPerspective && (
        <Section title={t('plan.parent.perspective')}>
          <Part title={t('plan.parent.exitDestination', name)} text={plan.exitDestination} />
          <Part title={t('plan.parent.exitGrounds')} text={plan.exitGrounds} />
          <Part title={t('plan.parent.programmeDeviations')} text={plan.programmeDeviations} />
        </Section>
      )}
      <Section title={t('plan.parent.goals')}>
        {plan.goals.length === 0 ? (
          <EmptyState>{t('plan.goals.empty')}</EmptyState>
        ) : (
          plan.goals.map((goal) => (
            <div key={goal.id} className="passend-plan-goal">
              <Heading level={4}>{goal.description}</Heading>
              <dl className="passend-student-data">
                <dt>{t('plan.parent.goalNow')}</dt>
                <dd>{goal.baseline || t('plan.part.empty')}</dd>
                <dt>{t('plan.parent.goalTarget')}</dt>
                <dd>{goal.target || t('plan.part.empty')}</dd>
                <dt>{t('plan.parent.goalWhen')}</dt>
                <dd>{formatDate(goal.targetDate)}</dd>
                <dt>{t('plan.parent.goalProgress')}</dt>
                <dd>{goal.progress || t('plan.part.empty')}</dd>
              </dl>
            </div>
          ))
        )}
        <GoalOutcomes plan={plan} title={t('plan.parent.outcomes.title')} />
      </Section>
      <Section title={t('plan.parent.agreements')}>
        {plan.agreements.length === 0 ? (
          <EmptyState>{t('plan.agreements.empty')}</EmptyState>
        ) : (
          <UnorderedList>
            {plan.agreements.map((a) => (
              <UnorderedListItem key={a.id}>
                {t('plan.parent.agreement', {
                  action: a.action,
                  who: ownerText(a),
                  when: a.dueOn ? t('plan.parent.agreementBy', { date: formatDate(a.dueOn) }) : '',
                  state:
                    a.overdue && a.dueOn
                      ? t('plan.parent.agreementOverdue', { date: formatDate(a.dueOn) })
                      : t(a.done ? 'plan.parent.agreementDone' : 'plan.parent.agreementOpen'),
                })}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        )}
      </Section>
      <Section title={t('plan.parent.pupilView', name)}>
        {plan.pupilView.trim() ? (
          <Paragraph className="passend-plan-text">{plan.pupilView}</Paragraph>
        ) : (
          <EmptyState>{t('plan.parent.pupilViewEmpty', name)}</EmptyState>
        )}
        <PreviousPupilView plan={plan} title={t('plan.parent.previousPupilView', name)} />
      </Section>
      <Section title={t('plan.parent.next')}>
        <Paragraph>
          {plan.status === 'active'
            ? t('plan.parent.nextOn', { date: formatDate(plan.evaluationDueOn) })
            : t('plan.parent.evaluatedOn', { date: formatDate(plan.evaluatedOn ?? plan.evaluationDueOn) })}
        </Paragraph>
        {plan.status === 'closed' && plan.evaluation && (
          <Paragraph className="passend-plan-text">{plan.evaluation}</Paragraph>
        )}
      </Section>
      <Section title={t('plan.parent.answer')}>
        <StatusMessage>{sent ? t('plan.parent.sent') : ''}</StatusMessage>
        {plan.responses.length === 0 ? (
          <Paragraph>{t('plan.parent.noAnswers')}</Paragraph>
        ) : (
          <UnorderedList>
            {plan.responses.map((r) => (
              <UnorderedListItem key={r.id}>
                {t(r.agrees ? 'plan.parent.answered.yes' : 'plan.parent.answered.no', {
                  name: r.parentName,
                  version: versionLabel(plan.version, r.amendment),
                  date: formatDate(r.respondedAt),
                })}
                {r.view && <span className="passend-plan-note">{r.view}</span>}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        )}
        {plan.permissions.respondAsParent ? (
          <>
            {/* Changing an answer is for this text; a changed text is a new question. */}
            {plan.responses.some((r) => r.amendment === plan.amendment) && (
              <Paragraph>{t('plan.parent.change')}</Paragraph>
            )}
            <ParentResponseForm plan={plan} onDone={() => setSent(true)} />
          </>
        ) : (
          plan.status === 'closed' && <Paragraph>{t('plan.parent.closed')}</Paragraph>
        )}
      </Section>
    </>
  );
}
