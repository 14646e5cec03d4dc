// The school boards (schoolbesturen) in the SWV, with their DUO number and how many of the SWV's
// schools they run. Adding and editing one start here; a school names its board on its own page.
import { Link } from '../../app/router.tsx';
import { EmptyState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useBoards, useSchools } from './data.ts';
import { FilteredTable, ListPage } from './frames.tsx';

export default function BoardsPage() {
  const { t, formatNumber } = useI18n();
  const boards = useBoards();
  const schools = useSchools();
  return (
    <ListPage
      title={t('admin.boards.title')}
      intro={t('admin.boards.intro')}
      add={{ href: '/admin/boards/new', label: t('admin.boards.new') }}
      queries={[boards, schools]}
    >
      {() => {
        const schoolCount = new Map<string, number>();
        for (const school of schools.data ?? [])
          if (school.boardId) schoolCount.set(school.boardId, (schoolCount.get(school.boardId) ?? 0) + 1);
        return boards.data?.length ? (
          <FilteredTable
            filter={{ label: t('admin.boards.filter'), hint: t('admin.boards.filterHint') }}
            textsOf={(board) => [board.name, board.code]}
            caption={t('admin.boards.caption')}
            columns={[
              {
                header: t('admin.board.name'),
                cell: (board) => (
                  <Link href={`/admin/boards/${board.id}`} className="utrecht-link">
                    {board.name}
                  </Link>
                ),
              },
              { header: t('admin.board.code'), cell: (board) => board.code },
              {
                header: t('admin.board.schoolCount'),
                cell: (board) => formatNumber(schoolCount.get(board.id) ?? 0),
                numeric: true,
              },
            ]}
            rows={boards.data}
            rowKey={(board) => board.id}
          />
        ) : (
          <EmptyState>{t('admin.boards.empty')}</EmptyState>
        );
      }}
    </ListPage>
  );
}
