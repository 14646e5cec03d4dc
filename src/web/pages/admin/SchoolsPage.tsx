// The SWV's schools (vestigingen): name, BRIN + vestiging, kind, board, wijk and pupils, filtered by
// any text shown. Creating and editing start here.
import { Link } from '../../app/router.tsx';
import { EmptyState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { byId, useBoards, useSchools } from './data.ts';
import { FilteredTable, ListPage } from './frames.tsx';

export default function SchoolsPage() {
  const { t, formatNumber } = useI18n();
  const schools = useSchools();
  const boards = useBoards();
  return (
    <ListPage
      title={t('admin.schools.title')}
      intro={t('admin.schools.intro')}
      add={{ href: '/admin/schools/new', label: t('admin.schools.new') }}
      more={{ href: '/admin/schools/register', label: t('admin.register.link') }}
      queries={[schools, boards]}
    >
      {() => {
        const boardsById = byId(boards.data);
        const boardOf = (boardId: string | null) => (boardId ? (boardsById.get(boardId)?.name ?? '') : '');
        return schools.data?.length ? (
          <FilteredTable
            filter={{ label: t('admin.schools.filter'), hint: t('admin.schools.filterHint') }}
            textsOf={(school) => [
              school.name,
              school.locationCode,
              school.wijk,
              school.municipality,
              t(`admin.kind.${school.kind}`),
              boardOf(school.boardId),
            ]}
            caption={t('admin.schools.caption')}
            columns={[
              {
                header: t('admin.school.name'),
                cell: (school) => (
                  <Link href={`/admin/schools/${school.id}`} className="utrecht-link">
                    {school.name}
                  </Link>
                ),
              },
              { header: t('admin.school.locationCode'), cell: (school) => school.locationCode },
              { header: t('admin.school.kind'), cell: (school) => t(`admin.kind.${school.kind}`) },
              { header: t('admin.school.board'), cell: (school) => boardOf(school.boardId) },
              { header: t('admin.school.wijk'), cell: (school) => school.wijk },
              {
                header: t('admin.school.pupilCount'),
                cell: (school) => formatNumber(school.pupilCount),
                numeric: true,
              },
              {
                header: t('roster.link'),
                cell: (school) => (
                  <Link
                    href={`/schools/${school.id}/roster-import`}
                    className="utrecht-link"
                    aria-label={t('roster.importForLabel', { school: school.name })}
                  >
                    {t('roster.import')}
                  </Link>
                ),
              },
            ]}
            rows={schools.data}
            rowKey={(school) => school.id}
          />
        ) : (
          <EmptyState>{t('admin.schools.empty')}</EmptyState>
        );
      }}
    </ListPage>
  );
}
