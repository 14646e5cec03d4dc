// One plan version as school staff and partners read it: the parts of the groeidocument (docs/domain.md)
// under their own headings (the tab's own start at h3), the goals and agreements as tables, and the
// parents' responses. Ticking off an agreement is offered where the server said the user may.
import {
  Button,
  Heading,
  Paragraph,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { type ReactNode, useId, useState } from 'react';
import type { PlanView } from '../../../contracts/plans.ts';
import { versionLabel } from '../../../domain/plans.ts';
import { api } from '../../app/api.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { errorsFromResponse, type FieldErrors } from '../../components/forms.tsx';
import { EmptyState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/nl.ts';
import { type Plan, planPath, useSavedPlan } from './data.ts';

type Goal = Plan['goals'][number];
type Agreement = Plan['agreements'][number];

export const ownerKey = (owner: Agreement['owner']): MessageKey => `plan.owner.${owner}`;

/** A part of the plan: its heading and its text, keeping the writer's line breaks. */
export function Part({ title, text, level = 4 }: { title: string; text: string; level?: 3 | 4 }) {
  const { t } = useI18n();
  return (
    <>
      <Heading level={level}>{title}</Heading>
      {text.trim() ? (
        <Paragraph className="passend-plan-text">{text}</Paragraph>
      ) : (
        <EmptyState>{t('plan.part.empty')}</EmptyState>
      )}
    </>
  );
}

export function Section({ title, children }: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="passend-plan-section">
      <Heading level={3} id={id}>
        {title}
      </Heading>
      {children}
    </section>
  );
}

export function GoalsTable({ goals, caption }: { goals: readonly Goal[]; caption: string }) {
  const { t, formatDate } = useI18n();
  if (goals.length === 0) return <EmptyState>{t('plan.goals.empty')}</EmptyState>;
  return (
    <DataTable
      caption={caption}
      columns={[
        { header: t('plan.goal.description'), cell: (goal) => goal.description },
        { header: t('plan.goal.baseline'), cell: (goal) => goal.baseline },
        { header: t('plan.goal.target'), cell: (goal) => goal.target },
        { header: t('plan.goal.targetDate'), cell: (goal) => formatDate(goal.targetDate) },
        { header: t('plan.goal.progress'), cell: (goal) => goal.progress },
      ]}
      rows={goals}
      rowKey={(goal) => goal.id}
    />
  );
}

/** Who carries out an agreement: the owner, and the named organisation when there is one. */
export function useOwnerText() {
  const { t } = useI18n();
  return (agreement: Pick<Agreement, 'owner' | 'partnerOrganisationName'>) =>
    agreement.partnerOrganisationName
      ? `${t(ownerKey(agreement.owner))} (${agreement.partnerOrganisationName})`
      : t(ownerKey(agreement.owner));
}

export function AgreementsTable({
  plan,
  caption,
  agreements = plan.agreements,
  mayTick = true,
}: {
  plan: Plan;
  caption: string;
  agreements?: readonly Agreement[];
  mayTick?: boolean;
}) {
  const { t, formatDate } = useI18n();
  const ownerText = useOwnerText();
  const saved = useSavedPlan();
  const [busy, setBusy] = useState<string | null>(null);
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  if (agreements.length === 0) return <EmptyState>{t('plan.agreements.empty')}</EmptyState>;
  const tickable = mayTick ? plan.permissions.agreementIds : [];

  async function toggle(agreement: Agreement) {
    setBusy(agreement.id);
    setErrors(null);
    try {
      const updated = await api<typeof PlanView>(
        'PATCH',
        `${planPath(plan.id)}/agreements/${encodeURIComponent(agreement.id)}`,
        { done: !agreement.done },
      );
      await saved(updated);
    } catch (caught) {
      setErrors(errorsFromResponse(caught));
    } finally {
      setBusy(null);
    }
  }

  return (
    <>
      {errors?.[''] && (
        <Paragraph role="alert" className="passend-plan-inline-error">
          {t(errors[''])}
        </Paragraph>
      )}
      <DataTable
        caption={caption}
        columns={[
          { header: t('plan.agreement.action'), cell: (a) => a.action },
          { header: t('plan.agreement.owner'), cell: (a) => ownerText(a) },
          { header: t('plan.agreement.dueOn'), cell: (a) => (a.dueOn ? formatDate(a.dueOn) : '') },
          {
            header: t('plan.agreement.state'),
            cell: (a) => (
              <>
                {a.done ? t('plan.agreement.done') : t('plan.agreement.open')}
                {a.overdue && a.dueOn && (
                  <span
                    className="passend-level-badge passend-plan-overdue"
                    title={t('plan.agreement.overdueNamed', { date: formatDate(a.dueOn) })}
                  >
                    {t('plan.agreement.overdue')}
                  </span>
                )}
                {a.note && <span className="passend-plan-note">{a.note}</span>}
              </>
            ),
          },
          ...(tickable.length > 0
            ? [
                {
                  header: t('plan.agreement.change'),
                  cell: (a: Agreement) =>
                    tickable.includes(a.id) ? (
                      <Button
                        appearance="secondary-action-button"
                        disabled={busy !== null}
                        aria-label={t(a.done ? 'plan.agreement.reopenNamed' : 'plan.agreement.tickNamed', {
                          action: a.action,
                        })}
                        onClick={() => void toggle(a)}
                      >
                        {t(a.done ? 'plan.agreement.reopen' : 'plan.agreement.tick')}
                      </Button>
                    ) : null,
                },
              ]
            : []),
        ]}
        rows={agreements}
        rowKey={(a) => a.id}
      />
    </>
  );
}

export function ResponsesTable({ plan }: { plan: Plan }) {
  const { t, formatDate } = useI18n();
  if (plan.responses.length === 0) return <EmptyState>{t('plan.responses.empty')}</EmptyState>;
  return (
    <DataTable
      caption={t('plan.responses.caption', { version: plan.version })}
      columns={[
        { header: t('plan.response.parent'), cell: (r) => r.parentName },
        { header: t('plan.response.version'), cell: (r) => versionLabel(plan.version, r.amendment) },
        {
          header: t('plan.response.agrees'),
          cell: (r) => t(r.agrees ? 'plan.response.yes' : 'plan.response.no'),
        },
        { header: t('plan.response.view'), cell: (r) => r.view },
        { header: t('plan.response.on'), cell: (r) => formatDate(r.respondedAt) },
        {
          header: t('plan.response.how'),
          cell: (r) =>
            r.fromPaper
              ? t('plan.response.fromPaper', { name: r.recordedByName ?? '', proof: r.proof ?? '' })
              : t('plan.response.online'),
        },
      ]}
      rows={plan.responses}
      rowKey={(r) => r.id}
    />
  );
}

/** What the evaluation that opened this version decided about goals whose target date had passed. */
export function GoalOutcomes({ plan, title }: { plan: Plan; title: string }) {
  const { t, formatDate } = useI18n();
  if (plan.goalOutcomes.length === 0) return null;
  return (
    <>
      <Heading level={4}>{title}</Heading>
      <Paragraph>{t('plan.outcomes.intro')}</Paragraph>
      <UnorderedList>
        {plan.goalOutcomes.map((outcome) => (
          <UnorderedListItem key={`${outcome.description}|${outcome.targetDate}|${outcome.outcome}`}>
            {t(`plan.outcome.${outcome.outcome}`, {
              goal: outcome.description,
              date: formatDate(outcome.targetDate),
              newDate: outcome.newTargetDate ? formatDate(outcome.newTargetDate) : '',
            })}
          </UnorderedListItem>
        ))}
      </UnorderedList>
    </>
  );
}

/** The pupil's view in the version before, kept in sight while the pupil is heard again. */
export function PreviousPupilView({ plan, title }: { plan: Plan; title: string }) {
  const { t } = useI18n();
  if (plan.version === 1) return null;
  const version = plan.version - 1;
  return (
    <div className="passend-plan-previous">
      <Heading level={4}>{title}</Heading>
      {plan.previousPupilView.trim() ? (
        <>
          <Paragraph>{t('plan.previousPupilView.intro', { version })}</Paragraph>
          <Paragraph className="passend-plan-text">{plan.previousPupilView}</Paragraph>
        </>
      ) : (
        <EmptyState>{t('plan.previousPupilView.empty', { version })}</EmptyState>
      )}
    </div>
  );
}

/** Every part of the version, as staff and partners read it. */
export function PlanSections({ plan }: { plan: Plan }) {
  const { t, formatDate } = useI18n();
  const label = versionLabel(plan.version, plan.amendment);
  return (
    <>
      <Section title={t('plan.section.picture')}>
        <Part title={t('plan.field.strengths')} text={plan.strengths} />
        <Part title={t('plan.field.stimulatingFactors')} text={plan.stimulatingFactors} />
        <Part title={t('plan.field.hinderingFactors')} text={plan.hinderingFactors} />
      </Section>
      <Section title={t('plan.section.needs')}>
        <Part title={t('plan.field.needs')} text={plan.needs} />
        <Part title={t('plan.field.teacherNeeds')} text={plan.teacherNeeds} />
      </Section>
      {plan.hasDevelopmentPerspective && (
        <Section title={t('plan.section.perspective')}>
          <Part title={t('plan.field.exitDestination')} text={plan.exitDestination} />
          <Part title={t('plan.field.exitGrounds')} text={plan.exitGrounds} />
          <Part title={t('plan.field.programmeDeviations')} text={plan.programmeDeviations} />
        </Section>
      )}
      <Section title={t('plan.section.goals')}>
        <GoalsTable goals={plan.goals} caption={t('plan.goals.caption', { version: label })} />
        <GoalOutcomes plan={plan} title={t('plan.outcomes.title')} />
      </Section>
      <Section title={t('plan.section.agreements')}>
        <AgreementsTable plan={plan} caption={t('plan.agreements.caption', { version: label })} />
      </Section>
      <Section title={t('plan.section.pupilView')}>
        <Part title={t('plan.field.pupilView')} text={plan.pupilView} />
        <PreviousPupilView plan={plan} title={t('plan.previousPupilView.title')} />
      </Section>
      {plan.status === 'closed' && plan.evaluatedOn && (
        <Section title={t('plan.section.evaluation')}>
          <Paragraph>
            {t(plan.evaluatedWithParents ? 'plan.evaluation.withParents' : 'plan.evaluation.withoutParents', {
              date: formatDate(plan.evaluatedOn),
              name: plan.evaluatedByName ?? '',
            })}
          </Paragraph>
          <Paragraph className="passend-plan-text">{plan.evaluation}</Paragraph>
        </Section>
      )}
      <Section title={t('plan.section.responses')}>
        <ResponsesTable plan={plan} />
      </Section>
    </>
  );
}
