// The home panels of the parent (what waits for them), the school's director (the school at a
// glance) and the committee (the SWV's figures beside its queue). Each says what to do next.
import { Paragraph } from '@utrecht/component-library-react';
import type { z } from 'zod';
import type { ParentWaitingItem } from '../../../contracts/home.ts';
import { Link } from '../../app/router.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { EmptyState } from '../../components/States.tsx';
import { supportLevelKey, useI18n } from '../../i18n/index.tsx';
import { fullName, useCommitteeOverview, useDirectorOverview, useParentWaiting } from './data.ts';
import { EvaluationsDueTable, Panel, Part } from './panels.tsx';

const linkClass = 'utrecht-link utrecht-link--html-a';

/** One thing that waits, as a sentence with a link to where the parent answers it. */
function WaitingLink({ item }: { item: z.infer<typeof ParentWaitingItem> }) {
  const { t, formatDate } = useI18n();
  const child = encodeURIComponent(item.child.id);
  const name = item.child.givenName;
  switch (item.kind) {
    case 'plan_answer':
      return (
        <Link href={`/students/${child}/plan`} className={linkClass}>
          {t('home.waiting.plan', { name, version: item.versionLabel })}
        </Link>
      );
    case 'consent':
      return (
        <Link href={`/students/${child}/consent`} className={linkClass}>
          {t('home.waiting.consent', { name, organisation: item.partnerOrganisationName })}
        </Link>
      );
    case 'meeting':
      return (
        <Link href={`/students/${child}`} className={linkClass}>
          {t('home.waiting.meeting', { name, date: formatDate(item.heldOn) })}
        </Link>
      );
    default:
      return item satisfies never;
  }
}

/** Parent: what waits for their answer, before the list of their children. */
export function ParentWaitingPanel() {
  const { t } = useI18n();
  const query = useParentWaiting();
  return (
    <Panel query={query} title={() => t('home.waiting.title')}>
      {(data) =>
        data.items.length === 0 ? (
          <EmptyState>{t('home.waiting.empty')}</EmptyState>
        ) : (
          <ul className="passend-waiting-list">
            {data.items.map((item) => (
              <li
                key={`${item.kind}-${item.child.id}-${'heldOn' in item ? item.heldOn : ''}-${'partnerOrganisationName' in item ? item.partnerOrganisationName : ''}`}
              >
                <WaitingLink item={item} />
              </li>
            ))}
          </ul>
        )
      }
    </Panel>
  );
}

/** Director: the school's figures, the overdue evaluations and what the IB'er has on hold. */
export function DirectorPanel({ schoolId }: { schoolId: string }) {
  const { t, formatNumber, formatDate } = useI18n();
  const query = useDirectorOverview(schoolId);
  return (
    <Panel
      query={query}
      title={(data) =>
        data ? t('home.director.title', { school: data.school.name }) : t('home.school.titlePending')
      }
    >
      {(data) => (
        <>
          <DataTable
            caption={t('home.school.levelsCaption')}
            columns={[
              { header: t('home.col.level'), cell: (level) => t(supportLevelKey(level.level)) },
              { header: t('home.col.count'), cell: (level) => formatNumber(level.count), numeric: true },
            ]}
            rows={data.levels}
            rowKey={(level) => level.level}
          />
          <DataTable
            caption={t('home.director.plansCaption')}
            columns={[
              { header: t('home.director.stage'), cell: (row) => t(`home.stage.${row.stage}`) },
              { header: t('home.col.count'), cell: (row) => formatNumber(row.count), numeric: true },
            ]}
            rows={data.plans}
            rowKey={(row) => row.stage}
          />
          <Paragraph>{t('home.director.opps', { count: formatNumber(data.opps) })}</Paragraph>
          <Part title={t('home.director.overdueTitle')}>
            {data.overdue.length === 0 ? (
              <EmptyState>{t('home.director.noneOverdue')}</EmptyState>
            ) : (
              <EvaluationsDueTable
                plans={data.overdue}
                withSchool={false}
                caption={t('home.director.overdueCaption')}
              />
            )}
          </Part>
          <Part title={t('home.director.onHoldTitle')}>
            {data.onHold.length === 0 ? (
              <EmptyState>{t('home.director.noneOnHold')}</EmptyState>
            ) : (
              <DataTable
                caption={t('home.director.onHoldCaption')}
                columns={[
                  {
                    header: t('home.col.name'),
                    cell: (plan) => (
                      <Link
                        href={`/students/${encodeURIComponent(plan.studentId)}/plan`}
                        className={linkClass}
                      >
                        {fullName(plan)}
                      </Link>
                    ),
                  },
                  { header: t('home.col.group'), cell: (plan) => plan.groupName },
                  { header: t('home.director.stage'), cell: (plan) => t(`home.stage.${plan.stage}`) },
                  { header: t('home.director.since'), cell: (plan) => formatDate(plan.changedOn) },
                ]}
                rows={data.onHold}
                rowKey={(plan) => plan.planId}
              />
            )}
          </Part>
        </>
      )}
    </Panel>
  );
}

/** Committee: the SWV's figures that matter to its decisions (its queue has its own panel). */
export function CommitteePanel() {
  const { t, formatNumber } = useI18n();
  const query = useCommitteeOverview();
  const shown = (count: number | null) => (count === null ? t('home.figures.hidden') : formatNumber(count));
  return (
    <Panel query={query} title={() => t('home.committee.title')}>
      {(data) => (
        <>
          <DataTable
            caption={t('home.committee.caption')}
            columns={[
              { header: t('home.committee.what'), cell: (row) => row.label },
              { header: t('home.col.count'), cell: (row) => row.value, numeric: true },
            ]}
            rows={[
              { key: 'schools', label: t('home.committee.schools'), value: formatNumber(data.schools) },
              { key: 'level4', label: t('home.committee.level4'), value: shown(data.level4) },
              { key: 'opps', label: t('home.committee.opps'), value: shown(data.opps) },
            ]}
            rowKey={(row) => row.key}
          />
          <Paragraph>{t('home.figures.note')}</Paragraph>
        </>
      )}
    </Panel>
  );
}
