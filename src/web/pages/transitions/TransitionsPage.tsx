// The transitions lists (/transitions): for a school's staff the children leaving and arriving (with
// the duty-of-care term's days left and the risks), for a consultant every move of the team's
// schools. Open risks on top; filters kept simple: open, waiting for action (the urgent first, as the
// home page's panels show), this summer (the group 8 wave), all. The filters live in the URL, so the
// home page links to a filtered list.
import { Heading, Paragraph } from '@utrecht/component-library-react';
import { Link, navigate, useLocation } from '../../app/router.tsx';
import { useSession } from '../../app/session.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { SelectField } from '../../components/forms.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { type ListView, periods, type TransitionListRow, transitionPage, useTransitionList } from './data.ts';
import { Attention, Risks, SchoolName, TermClock, TransitionState } from './parts.tsx';
import '../requests/work.css';
import './transitions.css';

export default function TransitionsPage() {
  const { t, formatDate } = useI18n();
  const me = useSession();
  const roles = me.data?.user.memberships.map((m) => m.role) ?? [];
  const views: ListView[] = [
    ...(roles.some((role) => role === 'school_ib' || role === 'school_director')
      ? (['arriving', 'leaving'] as const)
      : []),
    ...(roles.includes('consultant') ? (['swv'] as const) : []),
  ];
  // A filter the user does not have, or no filter, is the default (the empty value).
  const search = new URLSearchParams(useLocation().search);
  const view = views.slice(1).find((value) => value === search.get('view')) ?? '';
  const period = periods.slice(1).find((value) => value === search.get('period')) ?? '';
  const setFilter = (key: 'view' | 'period', value: string) => {
    const next = new URLSearchParams({ view, period, [key]: value });
    for (const [name, set] of [...next]) if (!set) next.delete(name);
    navigate(next.size > 0 ? `/transitions?${next}` : '/transitions', { replace: true });
  };
  const shown = view || views[0] || 'arriving';
  const list = useTransitionList(shown, period || 'open');
  return (
    <>
      <Heading level={1}>{t('trans.list.title')}</Heading>
      <Paragraph>{t('trans.list.intro')}</Paragraph>
      {/* The first choice of each filter is its default (the empty value). */}
      <div className="passend-work-filter">
        <div className="passend-work-filter__fields">
          {views.length > 1 && (
            <SelectField
              path="view"
              label={t('trans.view.label')}
              placeholder={t(`trans.view.${views[0]!}`)}
              value={view}
              options={views.slice(1).map((value) => ({ value, label: t(`trans.view.${value}`) }))}
              onChange={(value) => setFilter('view', value)}
            />
          )}
          <SelectField
            path="period"
            label={t('trans.period.label')}
            placeholder={t('trans.period.open')}
            value={period}
            options={periods.slice(1).map((value) => ({
              value,
              label: t(`trans.period.${value}`),
            }))}
            onChange={(value) => setFilter('period', value)}
          />
        </div>
      </div>
      {list.isPending ? (
        <LoadingState />
      ) : list.isError ? (
        <ErrorState onRetry={() => void list.refetch()} />
      ) : list.data.transitions.length === 0 ? (
        <EmptyState>{t('trans.list.empty')}</EmptyState>
      ) : (
        <DataTable<TransitionListRow>
          caption={t(period === 'due' ? 'trans.list.captionDue' : 'trans.list.caption')}
          rows={list.data.transitions}
          rowKey={(row) => row.id}
          rowClassName={(row) =>
            row.clock?.overdue && !row.decidedOn && !row.clock.paused ? 'passend-work-row--late' : undefined
          }
          columns={[
            {
              header: t('trans.col.child'),
              cell: (row) => (
                <Link href={transitionPage(row.id)} className="utrecht-link">
                  {row.studentName}
                </Link>
              ),
            },
            { header: t('trans.col.from'), cell: (row) => <SchoolName school={row.from} /> },
            { header: t('trans.col.to'), cell: (row) => <SchoolName school={row.to} /> },
            { header: t('trans.col.moves'), cell: (row) => formatDate(row.movesOn) },
            { header: t('trans.col.term'), cell: (row) => <TermClock row={row} /> },
            { header: t('trans.col.risks'), cell: (row) => <Risks row={row} /> },
            ...(period === 'due'
              ? [
                  {
                    header: t('trans.col.need'),
                    cell: (row: TransitionListRow) => <Attention row={row} withClock={false} />,
                  },
                ]
              : []),
            { header: t('trans.col.state'), cell: (row) => <TransitionState row={row} /> },
          ]}
        />
      )}
    </>
  );
}
