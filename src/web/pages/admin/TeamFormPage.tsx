// Create a team (/admin/teams/new) or edit one (/admin/teams/:id): name, wijk, the schools it
// serves and its consultants, chosen from lists of checkboxes (the school list can be filtered).
import { CreateTeamBody, TeamView, UpdateTeamBody } from '../../../contracts/organisations.ts';
import { ChoiceList, TextField } from '../../components/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { adminKeys, type School, type Team, type User, useSchools, useTeams, useUsers } from './data.ts';
import { RecordForm, SchoolsChoice, useRecordForm } from './forms.tsx';
import { RecordPage } from './frames.tsx';
import './admin.css';

function TeamForm({ team, schools, users }: { team: Team | null; schools: School[]; users: User[] }) {
  const { t } = useI18n();
  const form = useRecordForm({
    response: TeamView,
    initial: {
      name: team?.name ?? '',
      wijk: team?.wijk ?? '',
      schoolIds: team?.schoolIds ?? [],
      memberIds: team?.memberIds ?? [],
    },
    record: team,
    collection: '/api/teams',
    create: CreateTeamBody,
    update: UpdateTeamBody,
    list: adminKeys.teams,
    conflict: { path: 'name', message: 'admin.error.name.taken' },
    rules: { own_team: { path: 'memberIds', message: 'admin.error.team.own' } },
  });
  // Consultants can be members; anyone already in the team stays listed so they can be removed.
  const members = users
    .filter(
      (user) =>
        user.memberships.some((m) => m.role === 'consultant') || form.values.memberIds.includes(user.id),
    )
    .map((user) => ({ id: user.id, label: `${user.displayName} (${user.email})` }));
  return (
    <RecordForm form={form} kind="team" name={team?.name} onSubmit={() => form.save(form.values)}>
      <TextField label={t('admin.team.name')} autoComplete="off" {...form.field('name')} />
      <TextField label={t('admin.team.wijk')} {...form.field('wijk')} />
      <SchoolsChoice legend={t('admin.team.schools')} schools={schools} {...form.field('schoolIds')} />
      <ChoiceList
        legend={t('admin.team.members')}
        choices={members}
        empty={t('admin.team.noConsultantsYet')}
        {...form.field('memberIds')}
      />
    </RecordForm>
  );
}

export default function TeamFormPage({ params }: { params: Record<string, string> }) {
  const teams = useTeams();
  const schools = useSchools();
  const users = useUsers();
  return (
    <RecordPage kind="team" id={params.id} list={teams} queries={[schools, users]}>
      {(team) => (
        <TeamForm key={team?.id ?? 'new'} team={team} schools={schools.data ?? []} users={users.data ?? []} />
      )}
    </RecordPage>
  );
}
