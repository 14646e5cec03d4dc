// What changed in the action part since the text the parents agreed with (src/domain/plans.ts):
// staff see it with the version still in force; parents see it in plain words before they are
// asked again. Nothing is shown while the current text is the agreed one, or none was agreed.
import { Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { versionLabel } from '../../../domain/plans.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { Plan } from './data.ts';
import { Section, useOwnerText } from './PlanSections.tsx';

type Change = Plan['changesSinceAgreement'][number];
type ChangedGoal = NonNullable<Extract<Change, { part: 'goal' }>['after']>;
type ChangedAgreement = NonNullable<Extract<Change, { part: 'agreement' }>['after']>;

/** One change in words. */
function useChangeText() {
  const { t, formatDate } = useI18n();
  const ownerText = useOwnerText();
  const text = (value: string) => value.trim() || t('plan.change.empty');
  const goal = (g: ChangedGoal) =>
    t('plan.change.goal', {
      description: g.description,
      baseline: text(g.baseline),
      target: text(g.target),
      date: formatDate(g.targetDate),
    });
  const agreement = (a: ChangedAgreement) =>
    t('plan.change.agreement', {
      action: a.action,
      who: ownerText(a),
      when: a.dueOn ? t('plan.parent.agreementBy', { date: formatDate(a.dueOn) }) : '',
    });
  return (change: Change): string => {
    switch (change.part) {
      case 'development_perspective':
        return t(change.after ? 'plan.change.oppOn' : 'plan.change.oppOff');
      case 'programme_deviations':
        return t('plan.change.deviations', { before: text(change.before), after: text(change.after) });
      case 'goal':
        if (!change.before) return t('plan.change.goalAdded', { goal: goal(change.after!) });
        if (!change.after) return t('plan.change.goalRemoved', { goal: goal(change.before) });
        return t('plan.change.goalChanged', { before: goal(change.before), after: goal(change.after) });
      case 'agreement':
        if (!change.before) return t('plan.change.agreementAdded', { agreement: agreement(change.after!) });
        if (!change.after) return t('plan.change.agreementRemoved', { agreement: agreement(change.before) });
        return t('plan.change.agreementChanged', {
          before: agreement(change.before),
          after: agreement(change.after),
        });
      default: {
        const never: never = change;
        return never;
      }
    }
  };
}

const keyOf = (change: Change) =>
  change.part === 'goal' || change.part === 'agreement'
    ? `${change.part}-${(change.after ?? change.before)?.id}`
    : change.part;

export function PlanChanges({ plan, asParent = false }: { plan: Plan; asParent?: boolean }) {
  const { t, formatDate } = useI18n();
  const changeText = useChangeText();
  if (!plan.inForce || plan.changesSinceAgreement.length === 0) return null;
  const agreed = versionLabel(plan.version, plan.inForce.amendment);
  const date = formatDate(plan.inForce.agreedAt);
  return (
    <Section title={asParent ? t('plan.parent.changes.title') : t('plan.changes.title', { version: agreed })}>
      <Paragraph>
        {asParent
          ? t('plan.parent.changes.intro', { date })
          : t('plan.changes.intro', { version: agreed, date })}
      </Paragraph>
      <UnorderedList className="passend-plan-changes">
        {plan.changesSinceAgreement.map((change) => (
          <UnorderedListItem key={keyOf(change)}>{changeText(change)}</UnorderedListItem>
        ))}
      </UnorderedList>
    </Section>
  );
}
