// The home page's panels, one per role: each a section with its own heading, loading, error and
// empty state. Panels of features that do not exist yet are not here (no placeholders).
import type { UseQueryResult } from '@tanstack/react-query';
import { Heading, Paragraph } from '@utrecht/component-library-react';
import { type ReactNode, useId } from 'react';
import type { z } from 'zod';
import type { Cell, DuePlan } from '../../../contracts/home.ts';
import type { SchoolKind } from '../../../domain/organisation.ts';
import { Link } from '../../app/router.tsx';
import { type Column, DataTable, type TableSort } from '../../components/DataTable.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { supportLevelKey, useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/nl.ts';
import {
  fullName,
  useOrganisationCounts,
  useOwnGroups,
  useParentChildren,
  usePartnerCases,
  useSchoolSupport,
  useSwvFigures,
  useSwvs,
} from './data.ts';

/** The name of a kind of school. */
export const kindKey = (kind: SchoolKind): MessageKey => `home.kind.${kind}`;

/** A part of a panel with its own h3 (e.g. a school's arriving and leaving children). */
export function Part({ title, children }: { title: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="passend-home-part">
      <Heading level={3} id={headingId}>
        {title}
      </Heading>
      {children}
    </section>
  );
}

/**
 * A panel: a section named by its heading (h2 on the home page, h1 when it is a page of its own),
 * showing the query's loading, error or data.
 */
export function Panel<Data>({
  title,
  query,
  children,
  headingLevel = 2,
}: {
  title: (data: Data | undefined) => string;
  query: UseQueryResult<Data>;
  children: (data: Data) => ReactNode;
  headingLevel?: 1 | 2;
}) {
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="passend-home-panel">
      <Heading level={headingLevel} id={headingId}>
        {title(query.data)}
      </Heading>
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState onRetry={() => void query.refetch()} />
      ) : (
        children(query.data)
      )}
    </section>
  );
}

function usePercent() {
  const { language } = useI18n();
  const format = new Intl.NumberFormat(language === 'nl' ? 'nl-NL' : 'en-GB', {
    style: 'percent',
    maximumFractionDigits: 1,
  });
  return (share: number) => format.format(share);
}

type Child = { id: string; givenName: string; familyNamePrefix: string; familyName: string };

/** A child's name, leading to the child's file. */
function ChildLink({ child }: { child: Child }) {
  return (
    <Link href={`/students/${child.id}`} className="utrecht-link utrecht-link--html-a">
      {fullName(child)}
    </Link>
  );
}

/** IB'er and director: children per support level, and the list at level 4 and 3. */
export function SchoolSupportPanel({ schoolId }: { schoolId: string }) {
  const { t, formatNumber } = useI18n();
  const query = useSchoolSupport(schoolId);
  return (
    <Panel
      query={query}
      title={(data) =>
        data ? t('home.school.title', { school: data.school.name }) : t('home.school.titlePending')
      }
    >
      {(data) => {
        const total = data.levels.reduce((sum, level) => sum + level.count, 0);
        if (total === 0) return <EmptyState>{t('home.school.empty')}</EmptyState>;
        const atLevel34 = data.levels.filter((l) => l.level >= 3).reduce((sum, l) => sum + l.count, 0);
        return (
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
            {data.children.length === 0 ? (
              <EmptyState>{t('home.school.noneAtLevel34')}</EmptyState>
            ) : (
              <>
                {data.children.length < atLevel34 && (
                  <Paragraph>
                    {t('home.school.truncated', { shown: data.children.length, total: atLevel34 })}
                  </Paragraph>
                )}
                <ChildrenTable caption={t('home.school.childrenCaption')} rows={data.children} />
              </>
            )}
            <EvaluationsDue plans={data.evaluationsDue} />
          </>
        );
      }}
    </Panel>
  );
}

function ChildrenTable({
  caption,
  rows,
}: {
  caption: string;
  rows: Array<Child & { groupName: string; supportLevel: number }>;
}) {
  const { t } = useI18n();
  return (
    <DataTable
      caption={caption}
      columns={[
        { header: t('home.col.name'), cell: (child) => <ChildLink child={child} /> },
        { header: t('home.col.group'), cell: (child) => child.groupName },
        { header: t('home.col.level'), cell: (child) => t(supportLevelKey(child.supportLevel)) },
      ]}
      rows={rows}
      rowKey={(child) => child.id}
    />
  );
}

/** Teacher: the own groups' children at level 2 or higher. */
export function OwnGroupsPanel({ schoolId }: { schoolId: string }) {
  const { t } = useI18n();
  const query = useOwnGroups(schoolId);
  return (
    <Panel
      query={query}
      title={(data) =>
        data ? t('home.groups.title', { school: data.school.name }) : t('home.groups.titlePending')
      }
    >
      {(data) =>
        data.groups.length === 0 ? (
          <EmptyState>{t('home.groups.noGroups')}</EmptyState>
        ) : (
          <>
            <Paragraph>{t('home.groups.intro', { groups: data.groups.join(', ') })}</Paragraph>
            {data.children.length === 0 ? (
              <EmptyState>{t('home.groups.empty')}</EmptyState>
            ) : (
              <ChildrenTable caption={t('home.groups.caption')} rows={data.children} />
            )}
            <EvaluationsDue plans={data.evaluationsDue} />
          </>
        )
      }
    </Panel>
  );
}

/** The plans whose evaluation is due, each linking to the child's plan tab. */
export function EvaluationsDueTable({
  plans,
  withSchool,
  sort,
  caption,
}: {
  plans: readonly z.infer<typeof DuePlan>[];
  withSchool: boolean;
  /** A paged list's order (the consultant's): the columns' headers sort it. */
  sort?: TableSort;
  caption?: string;
}) {
  const { t, formatDate } = useI18n();
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
  if (plans.length === 0) return <EmptyState>{t('home.due.empty')}</EmptyState>;
  return (
    <DataTable
      caption={caption ?? t('home.due.caption')}
      sort={sort}
      columns={[
        {
          header: t('home.col.name'),
          sortKey: 'name',
          cell: (plan) => (
            <Link
              href={`/students/${encodeURIComponent(plan.studentId)}/plan`}
              className="utrecht-link utrecht-link--html-a"
              aria-label={t('home.due.link', { name: fullName(plan) })}
            >
              {fullName(plan)}
            </Link>
          ),
        },
        ...(withSchool
          ? [
              {
                header: t('home.col.school'),
                sortKey: 'school',
                cell: (plan: z.infer<typeof DuePlan>) => plan.schoolName,
              },
            ]
          : []),
        { header: t('home.col.group'), sortKey: 'group', cell: (plan) => plan.groupName },
        {
          header: t('home.due.col.dueOn'),
          sortKey: 'dueOn',
          cell: (plan) =>
            plan.evaluationDueOn < today
              ? t('home.due.overdue', { date: formatDate(plan.evaluationDueOn) })
              : formatDate(plan.evaluationDueOn),
        },
        {
          header: t('home.due.col.kind'),
          cell: (plan) => t(plan.hasDevelopmentPerspective ? 'plan.kind.opp' : 'plan.kind.plan'),
        },
      ]}
      rows={plans}
      rowKey={(plan) => plan.planId}
    />
  );
}

/** Inside a school's or a teacher's panel: its own heading under the panel's. */
function EvaluationsDue({ plans }: { plans: readonly z.infer<typeof DuePlan>[] }) {
  const { t } = useI18n();
  const headingId = useId();
  return (
    <section aria-labelledby={headingId} className="passend-home-part">
      <Heading level={3} id={headingId}>
        {t('home.due.title')}
      </Heading>
      <EvaluationsDueTable plans={plans} withSchool={false} />
    </section>
  );
}

function ChildrenAtSchoolTable({
  caption,
  rows,
}: {
  caption: string;
  rows: Array<Child & { schoolName: string; groupName: string }>;
}) {
  const { t } = useI18n();
  return (
    <DataTable
      caption={caption}
      columns={[
        { header: t('home.col.name'), cell: (child) => <ChildLink child={child} /> },
        { header: t('home.col.school'), cell: (child) => child.schoolName },
        { header: t('home.col.group'), cell: (child) => child.groupName },
      ]}
      rows={rows}
      rowKey={(child) => child.id}
    />
  );
}

/** Partner: the consented cases, and how many wait for consent (a number, no names). */
export function PartnerCasesPanel() {
  const { t, formatNumber } = useI18n();
  const query = usePartnerCases();
  return (
    <Panel query={query} title={() => t('home.cases.title')}>
      {(data) => (
        <>
          {data.children.length === 0 ? (
            <EmptyState>{t('home.cases.empty')}</EmptyState>
          ) : (
            <ChildrenAtSchoolTable caption={t('home.cases.caption')} rows={data.children} />
          )}
          {data.awaitingConsent > 0 && (
            <Paragraph>{t('home.cases.awaiting', { count: formatNumber(data.awaitingConsent) })}</Paragraph>
          )}
        </>
      )}
    </Panel>
  );
}

/** Parent: the own children. */
export function ParentChildrenPanel({ headingLevel = 2 }: { headingLevel?: 1 | 2 }) {
  const { t } = useI18n();
  const query = useParentChildren();
  return (
    <Panel query={query} title={() => t('home.children.title')} headingLevel={headingLevel}>
      {(children) =>
        children.length === 0 ? (
          <EmptyState>{t('home.children.empty')}</EmptyState>
        ) : (
          <ChildrenAtSchoolTable caption={t('home.children.caption')} rows={children} />
        )
      }
    </Panel>
  );
}

/** The count and share columns of a suppressed figure: both hidden when the count is. */
function useCountAndShareColumns<Row>(cellOf: (row: Row) => z.infer<typeof Cell>): Column<Row>[] {
  const { t, formatNumber } = useI18n();
  const percent = usePercent();
  const hidden = t('home.figures.hidden');
  return [
    {
      header: t('home.col.count'),
      cell: (row) => {
        const { count } = cellOf(row);
        return count === null ? hidden : formatNumber(count);
      },
      numeric: true,
    },
    {
      header: t('home.col.share'),
      cell: (row) => {
        const { count, share } = cellOf(row);
        if (count === null) return hidden;
        return share === null ? '' : percent(share);
      },
      numeric: true,
    },
  ];
}

/** Policy staff: the SWV's headline figures, small cells suppressed by the server. */
export function SwvFiguresPanel() {
  const { t, formatNumber } = useI18n();
  const query = useSwvFigures();
  const levelColumns = useCountAndShareColumns((cell: z.infer<typeof Cell>) => cell);
  const specialColumns = useCountAndShareColumns((row: { cell: z.infer<typeof Cell> }) => row.cell);
  return (
    <Panel query={query} title={() => t('home.figures.title')}>
      {(figures) =>
        figures.schoolsByKind.length === 0 ? (
          <EmptyState>{t('home.figures.empty')}</EmptyState>
        ) : (
          <>
            <Paragraph>
              {t('home.figures.coming')} <Link href="/monitor">{t('home.figures.monitorLink')}</Link>
            </Paragraph>
            <Paragraph>
              {t('home.figures.pupils', {
                count: figures.pupils === null ? t('home.figures.hidden') : formatNumber(figures.pupils),
              })}
            </Paragraph>
            <DataTable
              caption={t('home.figures.schoolsCaption')}
              columns={[
                { header: t('home.col.kind'), cell: (row) => t(kindKey(row.kind)) },
                { header: t('home.col.count'), cell: (row) => formatNumber(row.count), numeric: true },
              ]}
              rows={figures.schoolsByKind}
              rowKey={(row) => row.kind}
            />
            <DataTable
              caption={t('home.figures.levelsCaption')}
              columns={[
                { header: t('home.col.level'), cell: (cell) => t(supportLevelKey(cell.level)) },
                ...levelColumns,
              ]}
              rows={figures.levels}
              rowKey={(cell) => cell.level}
            />
            <DataTable
              caption={t('home.figures.specialCaption')}
              columns={[
                { header: t('home.col.kind'), cell: (row) => t(kindKey(row.kind)) },
                ...specialColumns,
              ]}
              rows={[
                { kind: 'sbo' as const, cell: figures.special.sbo },
                { kind: 'so' as const, cell: figures.special.so },
              ]}
              rowKey={(row) => row.kind}
            />
            <Paragraph>{t('home.figures.note')}</Paragraph>
          </>
        )
      }
    </Panel>
  );
}

/** SWV administrator: how much there is, with the way to each admin page. */
export function OrganisationPanel() {
  const { t, formatNumber } = useI18n();
  const query = useOrganisationCounts();
  const rows = [
    { key: 'schools', href: '/admin/schools', label: 'home.organisation.schools' },
    { key: 'boards', href: '/admin/boards', label: 'home.organisation.boards' },
    { key: 'teams', href: '/admin/teams', label: 'home.organisation.teams' },
    { key: 'partnerOrganisations', href: '/admin/partners', label: 'home.organisation.partners' },
    { key: 'users', href: '/admin/users', label: 'home.organisation.users' },
  ] as const;
  return (
    <Panel query={query} title={() => t('home.organisation.title')}>
      {(counts) => (
        <>
          {counts.schools === 0 && <EmptyState>{t('home.organisation.start')}</EmptyState>}
          <DataTable
            caption={t('home.organisation.caption')}
            columns={[
              {
                header: t('home.organisation.what'),
                cell: (row) => (
                  <Link href={row.href} className="utrecht-link utrecht-link--html-a">
                    {t(row.label)}
                  </Link>
                ),
              },
              { header: t('home.col.count'), cell: (row) => formatNumber(counts[row.key]), numeric: true },
            ]}
            rows={rows}
            rowKey={(row) => row.key}
          />
          <Paragraph>
            <Link href="/admin/settings" className="utrecht-link utrecht-link--html-a">
              {t('home.organisation.settings')}
            </Link>
          </Paragraph>
        </>
      )}
    </Panel>
  );
}

/** Operator: the SWVs on the platform. */
export function SwvsPanel() {
  const { t } = useI18n();
  const query = useSwvs();
  return (
    <Panel query={query} title={() => t('home.swvs.title')}>
      {(swvs) =>
        swvs.length === 0 ? (
          <EmptyState>{t('home.swvs.empty')}</EmptyState>
        ) : (
          <DataTable
            caption={t('home.swvs.caption')}
            columns={[
              { header: t('home.col.name'), cell: (swv) => swv.name },
              { header: t('home.swvs.code'), cell: (swv) => swv.registerCode },
              { header: t('home.swvs.sector'), cell: (swv) => swv.sector },
            ]}
            rows={swvs}
            rowKey={(swv) => swv.id}
          />
        )
      }
    </Panel>
  );
}
