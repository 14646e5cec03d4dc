// Create a user with one or more role memberships; then show the initial password once, with what
// to do with it. What was typed stays when saving fails.
import { Alert, Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { CreateUserBody, type CreateUserResponse } from '../../../contracts/organisations.ts';
import { api } from '../../app/api.ts';
import { Link } from '../../app/router.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { adminKeys, useInvalidate, usePartnerOrganisations, useSchools } from './data.ts';
import { ErrorSummary, errorsFromResponse, type FieldErrors, TextField, validate } from './forms.tsx';
import { emptyMembership, type MembershipDraft, MembershipsEditor, membershipBody } from './memberships.tsx';
import './admin.css';

type Created = z.infer<typeof CreateUserResponse>;

function InitialPassword({ created, onAnother }: { created: Created; onAnother: () => void }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <>
      <Heading level={1} ref={heading} tabIndex={-1}>
        {t('admin.userNew.createdTitle')}
      </Heading>
      <Alert type="ok">
        <Paragraph>
          {t('admin.userNew.created', { name: created.user.displayName, email: created.user.email })}
        </Paragraph>
      </Alert>
      <Heading level={2}>{t('admin.userNew.passwordTitle')}</Heading>
      <Paragraph className="passend-admin-password">
        <code>{created.initialPassword}</code>
      </Paragraph>
      <Alert type="warning">
        <Paragraph>{t('admin.userNew.passwordOnce')}</Paragraph>
        <Paragraph>{t('admin.userNew.passwordHow')}</Paragraph>
      </Alert>
      <div className="passend-admin-actions">
        <Link
          href={`/admin/users/${created.user.id}`}
          className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--secondary-action"
        >
          {t('admin.userNew.toUser')}
        </Link>
        <Button appearance="secondary-action-button" onClick={onAnother}>
          {t('admin.userNew.another')}
        </Button>
        <Link href="/admin/users" className="utrecht-link">
          {t('admin.users.back')}
        </Link>
      </div>
    </>
  );
}

export default function UserNewPage() {
  const { t } = useI18n();
  const schools = useSchools();
  const partners = usePartnerOrganisations();
  const invalidate = useInvalidate();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [drafts, setDrafts] = useState<MembershipDraft[]>(() => [emptyMembership()]);
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);

  if (created) {
    return (
      <InitialPassword
        created={created}
        onAnother={() => {
          setCreated(null);
          setEmail('');
          setDisplayName('');
          setDrafts([emptyMembership()]);
          setErrors(null);
        }}
      />
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const checked = validate(CreateUserBody, { email, displayName, memberships: drafts.map(membershipBody) });
    if (checked.errors) {
      setErrors(checked.errors);
      return;
    }
    setBusy(true);
    try {
      const result = await api<typeof CreateUserResponse>('POST', '/api/users', checked.data);
      setErrors(null);
      setCreated(result);
      void invalidate(adminKeys.users);
    } catch (caught) {
      setErrors(
        errorsFromResponse(caught, {
          fieldPaths: { schoolId: 'memberships', partnerOrganisationId: 'memberships' },
        }),
      );
    } finally {
      setBusy(false);
    }
  }

  const back = (
    <Paragraph>
      <Link href="/admin/users" className="utrecht-link">
        {t('admin.users.back')}
      </Link>
    </Paragraph>
  );
  if (schools.isPending || partners.isPending) return <LoadingState />;
  if (schools.isError || partners.isError) {
    return (
      <>
        {back}
        <ErrorState
          onRetry={() => {
            void schools.refetch();
            void partners.refetch();
          }}
        />
      </>
    );
  }
  const shown = errors ?? {};
  return (
    <>
      {back}
      <form className="passend-form passend-admin-form" onSubmit={submit} noValidate>
        <Heading level={1}>{t('admin.userNew.title')}</Heading>
        <ErrorSummary errors={errors} />
        <Paragraph>{t('admin.userNew.intro')}</Paragraph>
        <TextField
          path="displayName"
          label={t('admin.user.displayName')}
          autoComplete="off"
          value={displayName}
          error={shown.displayName}
          onChange={setDisplayName}
        />
        <TextField
          path="email"
          type="email"
          label={t('admin.user.email')}
          description={t('admin.user.emailHint')}
          autoComplete="off"
          value={email}
          error={shown.email}
          onChange={setEmail}
        />
        <MembershipsEditor
          drafts={drafts}
          onChange={setDrafts}
          errors={shown}
          schools={schools.data}
          partners={partners.data}
        />
        <div className="passend-admin-actions">
          <Button type="submit" appearance="primary-action-button" disabled={busy}>
            {busy ? t('admin.saving') : t('admin.userNew.submit')}
          </Button>
        </div>
      </form>
    </>
  );
}
