// The consultants' teams per wijk: name, wijk, the schools they serve and their members.
import { Heading, Paragraph } from '@utrecht/component-library-react';
import { Link } from '../../app/router.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { byId, useSchools, useTeams, useUsers } from './data.ts';
import './admin.css';

/** Names for ids, in the list's order; an id that is gone shows as "unknown". */
function names(ids: readonly string[], lookup: ReadonlyMap<string, { name: string }>, unknown: string) {
  return ids.map((id) => lookup.get(id)?.name ?? unknown).sort((a, b) => a.localeCompare(b, 'nl'));
}

export default function TeamsPage() {
  const { t } = useI18n();
  const teams = useTeams();
  const schools = useSchools();
  const users = useUsers();

  const header = (
    <>
      <Heading level={1}>{t('admin.teams.title')}</Heading>
      <Paragraph>{t('admin.teams.intro')}</Paragraph>
      <div className="passend-admin-toolbar">
        <Link
          href="/admin/teams/new"
          className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
        >
          {t('admin.teams.new')}
        </Link>
      </div>
    </>
  );
  if (teams.isPending || schools.isPending || users.isPending) {
    return (
      <>
        {header}
        <LoadingState />
      </>
    );
  }
  if (teams.isError || schools.isError || users.isError) {
    return (
      <>
        {header}
        <ErrorState
          onRetry={() => {
            void teams.refetch();
            void schools.refetch();
            void users.refetch();
          }}
        />
      </>
    );
  }
  const schoolsById = byId(schools.data);
  const usersById = new Map(users.data.map((user) => [user.id, { name: user.displayName }]));
  const unknown = t('admin.unknown');

  return (
    <>
      {header}
      {teams.data.length === 0 ? (
        <EmptyState>{t('admin.teams.empty')}</EmptyState>
      ) : (
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
                  : names(team.schoolIds, schoolsById, unknown).join(', '),
            },
            {
              header: t('admin.team.members'),
              cell: (team) =>
                team.memberIds.length === 0
                  ? t('admin.team.noMembers')
                  : names(team.memberIds, usersById, unknown).join(', '),
            },
          ]}
          rows={teams.data}
          rowKey={(team) => team.id}
        />
      )}
    </>
  );
}
