// Create a team (/admin/teams/new) or edit one (/admin/teams/:id): name, wijk, the schools it
// serves and its consultants, chosen from lists of checkboxes (the school list can be filtered).
import {
  Button,
  Checkbox,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormFieldErrorMessage,
  FormLabel,
  Heading,
  Paragraph,
} from '@utrecht/component-library-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { CreateTeamBody, type TeamView, UpdateTeamBody } from '../../../contracts/organisations.ts';
import { api } from '../../app/api.ts';
import { Link } from '../../app/router.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/nl.ts';
import {
  adminKeys,
  type School,
  type Team,
  type User,
  useInvalidate,
  useSchools,
  useTeams,
  useUsers,
} from './data.ts';
import {
  ErrorSummary,
  errorsFromResponse,
  type FieldErrors,
  fieldId,
  StatusMessage,
  TextField,
  validate,
} from './forms.tsx';
import './admin.css';

type Choice = { id: string; label: string };

/** A multi-select as checkboxes; chosen items stay visible whatever the filter says. */
function ChoiceList({
  path,
  legend,
  choices,
  chosen,
  onChange,
  error,
  filterLabel,
  empty,
}: {
  path: string;
  legend: string;
  choices: readonly Choice[];
  chosen: readonly string[];
  onChange: (chosen: string[]) => void;
  error?: MessageKey | undefined;
  filterLabel?: string;
  empty: string;
}) {
  const { t } = useI18n();
  const [filter, setFilter] = useState('');
  // What was chosen when the form opened comes first; the order then stays put while choosing.
  const [chosenFirst] = useState(() => new Set(chosen));
  const ordered = [
    ...choices.filter((choice) => chosenFirst.has(choice.id)),
    ...choices.filter((choice) => !chosenFirst.has(choice.id)),
  ];
  const needle = filter.trim().toLocaleLowerCase();
  const shown = needle
    ? ordered.filter(
        (choice) => chosen.includes(choice.id) || choice.label.toLocaleLowerCase().includes(needle),
      )
    : ordered;
  const toggle = (id: string, checked: boolean) =>
    onChange(checked ? [...chosen, id] : chosen.filter((other) => other !== id));
  return (
    <Fieldset invalid={Boolean(error)} aria-describedby={error ? `${fieldId(path)}-error` : undefined}>
      <FieldsetLegend>{legend}</FieldsetLegend>
      {error && <FormFieldErrorMessage id={`${fieldId(path)}-error`}>{t(error)}</FormFieldErrorMessage>}
      <Paragraph role="status">{t('admin.chosen', { count: chosen.length })}</Paragraph>
      {choices.length === 0 ? (
        <Paragraph>{empty}</Paragraph>
      ) : (
        <>
          {filterLabel && (
            <TextField
              path={`${path}-filter`}
              type="search"
              label={filterLabel}
              value={filter}
              onChange={setFilter}
            />
          )}
          <ul className="passend-admin-choices">
            {shown.map((choice, index) => {
              const id = index === 0 ? fieldId(path) : `${fieldId(path)}-${choice.id}`;
              return (
                <li key={choice.id}>
                  <FormField type="checkbox">
                    <Checkbox
                      id={id}
                      checked={chosen.includes(choice.id)}
                      onChange={(event) => toggle(choice.id, event.target.checked)}
                    />
                    <FormLabel htmlFor={id} type="checkbox">
                      {choice.label}
                    </FormLabel>
                  </FormField>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </Fieldset>
  );
}

function TeamForm({ team, schools, users }: { team: Team | null; schools: School[]; users: User[] }) {
  const { t } = useI18n();
  const invalidate = useInvalidate();
  const [name, setName] = useState(team?.name ?? '');
  const [wijk, setWijk] = useState(team?.wijk ?? '');
  const [schoolIds, setSchoolIds] = useState<string[]>(team?.schoolIds ?? []);
  const [memberIds, setMemberIds] = useState<string[]>(team?.memberIds ?? []);
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<Team | null>(null);

  // Consultants can be members; anyone already in the team stays listed so they can be removed.
  const members = users
    .filter((user) => user.memberships.some((m) => m.role === 'consultant') || memberIds.includes(user.id))
    .map((user) => ({ id: user.id, label: `${user.displayName} (${user.email})` }));
  const schoolChoices = schools.map((school) => ({
    id: school.id,
    label: `${school.name} (${school.locationCode}, ${school.wijk})`,
  }));

  async function submit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    const input = { name, wijk, schoolIds, memberIds };
    const checked = team ? validate(UpdateTeamBody, input) : validate(CreateTeamBody, input);
    if (checked.errors) {
      setErrors(checked.errors);
      return;
    }
    setBusy(true);
    try {
      const result = team
        ? await api<typeof TeamView>('PATCH', `/api/teams/${team.id}`, checked.data)
        : await api<typeof TeamView>('POST', '/api/teams', checked.data);
      setErrors(null);
      setSaved(result);
      await invalidate(adminKeys.teams);
    } catch (caught) {
      setErrors(
        errorsFromResponse(caught, { conflict: { path: 'name', message: 'admin.error.name.taken' } }),
      );
    } finally {
      setBusy(false);
    }
  }

  if (saved && !team) {
    return (
      <>
        <Heading level={1}>{t('admin.teamNew.title')}</Heading>
        <StatusMessage>{t('admin.team.created', { name: saved.name })}</StatusMessage>
        <div className="passend-admin-actions">
          <Link href={`/admin/teams/${saved.id}`} className="utrecht-link">
            {t('admin.team.toTeam', { name: saved.name })}
          </Link>
        </div>
      </>
    );
  }
  const shown = errors ?? {};
  return (
    <form className="passend-form passend-admin-form" onSubmit={submit} noValidate>
      <Heading level={1}>{team ? team.name : t('admin.teamNew.title')}</Heading>
      <StatusMessage>{saved ? t('admin.saved') : ''}</StatusMessage>
      <ErrorSummary errors={errors} />
      <TextField
        path="name"
        label={t('admin.team.name')}
        autoComplete="off"
        value={name}
        error={shown.name}
        onChange={setName}
      />
      <TextField
        path="wijk"
        label={t('admin.team.wijk')}
        value={wijk}
        error={shown.wijk}
        onChange={setWijk}
      />
      <ChoiceList
        path="schoolIds"
        legend={t('admin.team.schools')}
        choices={schoolChoices}
        chosen={schoolIds}
        onChange={setSchoolIds}
        error={shown.schoolIds}
        filterLabel={t('admin.team.filterSchools')}
        empty={t('admin.team.noSchoolsYet')}
      />
      <ChoiceList
        path="memberIds"
        legend={t('admin.team.members')}
        choices={members}
        chosen={memberIds}
        onChange={setMemberIds}
        error={shown.memberIds}
        empty={t('admin.team.noConsultantsYet')}
      />
      <div className="passend-admin-actions">
        <Button type="submit" appearance="primary-action-button" disabled={busy}>
          {busy ? t('admin.saving') : team ? t('admin.save') : t('admin.teamNew.submit')}
        </Button>
      </div>
    </form>
  );
}

export default function TeamFormPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const teams = useTeams();
  const schools = useSchools();
  const users = useUsers();
  let body: ReactNode;
  if (teams.isPending || schools.isPending || users.isPending) body = <LoadingState />;
  else if (teams.isError || schools.isError || users.isError) {
    body = (
      <ErrorState
        onRetry={() => {
          void teams.refetch();
          void schools.refetch();
          void users.refetch();
        }}
      />
    );
  } else if (!params.id) {
    body = <TeamForm team={null} schools={schools.data} users={users.data} />;
  } else {
    const team = teams.data.find((candidate) => candidate.id === params.id);
    body = team ? (
      <TeamForm key={team.id} team={team} schools={schools.data} users={users.data} />
    ) : (
      <>
        <Heading level={1}>{t('admin.team.notFoundTitle')}</Heading>
        <EmptyState>{t('admin.team.notFound')}</EmptyState>
      </>
    );
  }
  return (
    <>
      <Paragraph>
        <Link href="/admin/teams" className="utrecht-link">
          {t('admin.teams.back')}
        </Link>
      </Paragraph>
      {body}
    </>
  );
}
