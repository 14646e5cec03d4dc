// A request for a school's team (e.g. coaching of a group's teachers), started from the queue by
// whom the server lets start one (`permissions.createTeamAt`): a draft the school then writes on
// the request's page, as with a child's request.
import { Button, Heading } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { CreateRequestBody } from '../../../contracts/requests.ts';
import { navigate } from '../../app/router.tsx';
import {
  ErrorSummary,
  errorsFromResponse,
  SelectField,
  useFormSubmit,
  useFormToggle,
} from '../../components/forms.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { createTeamRequest, requestErrors, requestPage } from './data.ts';
import { useRequestTypes } from './queue.ts';

type School = { id: string; name: string };

const messages = { typeId: 'requests.error.typeId' } as const;

export function NewTeamRequest({ schools }: { schools: readonly School[] }) {
  const { t } = useI18n();
  const { isOpen, setOpen, openButton } = useFormToggle(schools.length > 1 ? 'schoolId' : 'typeId');
  // The catalogue is read with the page, so the form opens at once with focus in its first field.
  useRequestTypes(true);
  if (!isOpen)
    return (
      <Button ref={openButton} appearance="secondary-action-button" onClick={() => setOpen(true)}>
        {t('work.team.new')}
      </Button>
    );
  return <NewTeamRequestForm schools={schools} onCancel={() => setOpen(false)} />;
}

function NewTeamRequestForm({ schools, onCancel }: { schools: readonly School[]; onCancel: () => void }) {
  const { t } = useI18n();
  const types = useRequestTypes(true);
  // The first school is chosen: a school is always named, and most people work at one.
  const [schoolId, setSchoolId] = useState(schools[0]!.id);
  const [typeId, setTypeId] = useState('');
  const { errors, busy, submit } = useFormSubmit({
    messages,
    errorsOf: (caught) => requestErrors(caught, () => errorsFromResponse(caught, { messages })),
  });
  if (types.isPending) return <LoadingState />;
  if (types.isError) return <ErrorState onRetry={() => void types.refetch()} />;
  const choices = types.data.types.filter((type) => type.active && type.subject === 'team');

  const save = (event: FormEvent) => {
    event.preventDefault();
    void submit(CreateRequestBody, { typeId: typeId || undefined }, async (body) => {
      const created = await createTeamRequest(schoolId, body);
      navigate(requestPage(created.id));
    });
  };
  return (
    <form className="passend-form" onSubmit={save} noValidate aria-labelledby="team-request-title">
      <Heading level={2} id="team-request-title">
        {t('work.team.label')}
      </Heading>
      <ErrorSummary errors={errors} />
      {schools.length > 1 && (
        <SelectField
          path="schoolId"
          label={t('work.team.school')}
          placeholder={t('requests.choose')}
          value={schoolId}
          options={schools.map((school) => ({ value: school.id, label: school.name }))}
          onChange={setSchoolId}
        />
      )}
      <SelectField
        path="typeId"
        label={t('requests.new.type')}
        description={t('work.team.typeHint')}
        placeholder={t('requests.choose')}
        value={typeId}
        options={choices.map((type) => ({ value: type.id, label: type.name }))}
        error={errors?.typeId}
        onChange={setTypeId}
      />
      <div className="passend-student-actions">
        <Button type="submit" appearance="primary-action-button" disabled={busy}>
          {t('requests.new.submit')}
        </Button>
        <Button appearance="secondary-action-button" onClick={onCancel}>
          {t('admin.cancel')}
        </Button>
      </div>
    </form>
  );
}
