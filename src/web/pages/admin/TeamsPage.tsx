// The consultants' teams per wijk: name, wijk, the schools they serve and their members.
import { Link } from '../../app/router.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { EmptyState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { byId, namesOf, useSchools, useTeams, useUsers } from './data.ts';
import { ListPage } from './frames.tsx';

export default function TeamsPage() {
  const { t } = useI18n();
  const teams = useTeams();
  const schools = useSchools();
  const users = useUsers();
  return (
    <ListPage
      title={t('admin.teams.title')}
      intro={t('admin.teams.intro')}
      add={{ href: '/admin/teams/new', label: t('admin.teams.new') }}
      queries={[teams, schools, users]}
    >
      {() => {
        const schoolsById = byId(schools.data);
        const usersById = new Map((users.data ?? []).map((user) => [user.id, { name: user.displayName }]));
        const unknown = t('admin.unknown');
        return teams.data?.length ? (
          <DataTable
            caption={t('admin.teams.caption')}
            columns={[
              {
                header: t('admin.team.name'),
                cell: (team) => (
                  <Link href={`/admin/teams/${team.id}`} className="utrecht-link">
                    {team.name}
                  </Link>
                ),
              },
              { header: t('admin.team.wijk'), cell: (team) => team.wijk },
              {
                header: t('admin.team.schools'),
                cell: (team) =>
                  team.schoolIds.length === 0
                    ? t('admin.team.noSchools')
                    : namesOf(team.schoolIds, schoolsById, unknown).join(', '),
              },
              {
                header: t('admin.team.members'),
                cell: (team) =>
                  team.memberIds.length === 0
                    ? t('admin.team.noMembers')
                    : namesOf(team.memberIds, usersById, unknown).join(', '),
              },
            ]}
            rows={teams.data}
            rowKey={(team) => team.id}
          />
        ) : (
          <EmptyState>{t('admin.teams.empty')}</EmptyState>
        );
      }}
    </ListPage>
  );
}
