// Transitions on the home page (docs/home.md): what waits in the moves between schools. A school's
// IB'er and director see the children arriving who wait for the school's decision or follow-up
// meeting, and the children leaving whose file is not handed over yet; a consultant the moves of the
// team's schools, open risks on top. A few rows each (the list's `due` filter, urgent first), each
// leading to the move, and the way to the whole list.
import { Paragraph } from '@utrecht/component-library-react';
import { Link } from '../../app/router.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { EmptyState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/nl.ts';
import { Panel, Part } from '../home/panels.tsx';
import {
  type ListView,
  type TransitionListRow,
  transitionList,
  transitionPage,
  useSchoolTransitionsDue,
  useTransitionList,
} from './data.ts';
import { Attention, Risks, SchoolName } from './parts.tsx';
import '../requests/work.css';
import './transitions.css';

/** Rows a panel shows; the list page has the rest. */
const shownRows = 5;

type Texts = { caption: MessageKey; empty: MessageKey; all: MessageKey };

/** The first rows of a `due` list, with "the first 5 of 8" and the link to the list filtered alike. */
function DueRows({
  view,
  rows,
  texts,
  columns,
}: {
  view: ListView;
  rows: readonly TransitionListRow[];
  texts: Texts;
  columns: 'arriving' | 'leaving' | 'swv';
}) {
  const { t, formatDate } = useI18n();
  if (rows.length === 0) return <EmptyState>{t(texts.empty)}</EmptyState>;
  const shown = rows.slice(0, shownRows);
  const child = {
    header: t('trans.col.child'),
    cell: (row: TransitionListRow) => (
      <Link
        href={transitionPage(row.id)}
        className="utrecht-link utrecht-link--html-a"
        aria-label={t('trans.link', { name: row.studentName })}
      >
        {row.studentName}
      </Link>
    ),
  };
  const from = {
    header: t('trans.col.from'),
    cell: (row: TransitionListRow) => <SchoolName school={row.from} />,
  };
  const to = { header: t('trans.col.to'), cell: (row: TransitionListRow) => <SchoolName school={row.to} /> };
  const need = { header: t('trans.col.need'), cell: (row: TransitionListRow) => <Attention row={row} /> };
  const risks = { header: t('trans.col.risks'), cell: (row: TransitionListRow) => <Risks row={row} /> };
  const moves = {
    header: t('trans.col.moves'),
    cell: (row: TransitionListRow) => formatDate(row.movesOn),
  };
  return (
    <>
      {rows.length > shown.length && (
        <Paragraph>{t('trans.home.more', { shown: shown.length, total: rows.length })}</Paragraph>
      )}
      <DataTable<TransitionListRow>
        caption={t(texts.caption)}
        rows={shown}
        rowKey={(row) => row.id}
        rowClassName={(row) => (row.attention?.urgent ? 'passend-work-row--late' : undefined)}
        columns={
          columns === 'arriving'
            ? [child, from, need, risks]
            : columns === 'leaving'
              ? [child, to, moves, need]
              : [child, from, to, need, risks]
        }
      />
      <Paragraph>
        <Link href={transitionList(view, 'due')} className="utrecht-link utrecht-link--html-a">
          {t(texts.all)}
        </Link>
      </Paragraph>
    </>
  );
}

/** IB'er and director: arriving children waiting for the school, leaving children not handed over. */
export function SchoolTransitionsPanel() {
  const { t } = useI18n();
  const query = useSchoolTransitionsDue();
  return (
    <Panel query={query} title={() => t('trans.home.title')}>
      {(lists) => (
        <>
          <Part title={t('trans.home.arrivingTitle')}>
            <DueRows
              view="arriving"
              columns="arriving"
              rows={lists.arriving.transitions}
              texts={{
                caption: 'trans.home.arrivingCaption',
                empty: 'trans.home.arrivingEmpty',
                all: 'trans.home.arrivingAll',
              }}
            />
          </Part>
          <Part title={t('trans.home.leavingTitle')}>
            <DueRows
              view="leaving"
              columns="leaving"
              rows={lists.leaving.transitions}
              texts={{
                caption: 'trans.home.leavingCaption',
                empty: 'trans.home.leavingEmpty',
                all: 'trans.home.leavingAll',
              }}
            />
          </Part>
        </>
      )}
    </Panel>
  );
}

/** Consultant: what waits in the moves of the team's schools, open risks on top. */
export function TeamTransitionsPanel() {
  const { t } = useI18n();
  const query = useTransitionList('swv', 'due');
  return (
    <Panel query={query} title={() => t('trans.home.teamTitle')}>
      {(list) => (
        <DueRows
          view="swv"
          columns="swv"
          rows={list.transitions}
          texts={{
            caption: 'trans.home.teamCaption',
            empty: 'trans.home.teamEmpty',
            all: 'trans.home.teamAll',
          }}
        />
      )}
    </Panel>
  );
}
