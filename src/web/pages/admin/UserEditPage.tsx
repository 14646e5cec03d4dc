// Edit a user: name and role memberships; disable or enable the account, end its sessions, reset
// its second factor — each asked first. Administrators cannot change their own roles or disable
// themselves (the server refuses it too), so those controls are not offered for the own account.
import { Alert, Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, type ReactNode, useState } from 'react';
import { UpdateUserBody, type UserView } from '../../../contracts/organisations.ts';
import { api } from '../../app/api.ts';
import { Link } from '../../app/router.tsx';
import { useSession } from '../../app/session.ts';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/nl.ts';
import {
  adminKeys,
  byId,
  type User,
  useInvalidate,
  usePartnerOrganisations,
  useSchools,
  useUsers,
} from './data.ts';
import {
  ConfirmAction,
  ErrorSummary,
  errorsFromResponse,
  type FieldErrors,
  StatusMessage,
  TextField,
  validate,
} from './forms.tsx';
import {
  draftsOf,
  type MembershipDraft,
  MembershipsEditor,
  membershipBody,
  useMembershipLabel,
} from './memberships.tsx';
import './admin.css';

function EditUser({ user, isSelf }: { user: User; isSelf: boolean }) {
  const { t } = useI18n();
  const schools = useSchools();
  const partners = usePartnerOrganisations();
  const invalidate = useInvalidate();
  const membershipLabel = useMembershipLabel(byId(schools.data), byId(partners.data));
  const [displayName, setDisplayName] = useState(user.displayName);
  const [drafts, setDrafts] = useState<MembershipDraft[]>(() => draftsOf(user));
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<string>('');
  const [actionError, setActionError] = useState<MessageKey | null>(null);

  async function save(event: FormEvent) {
    event.preventDefault();
    setStatus('');
    const input = isSelf ? { displayName } : { displayName, memberships: drafts.map(membershipBody) };
    const checked = validate(UpdateUserBody, input);
    if (checked.errors) {
      setErrors(checked.errors);
      return;
    }
    setBusy(true);
    try {
      await api<typeof UserView>('PATCH', `/api/users/${user.id}`, checked.data);
      setErrors(null);
      setStatus(t('admin.user.saved'));
      await invalidate(adminKeys.users);
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

  /** Runs an account action; its outcome shows in the status line or as an error. */
  async function act(run: () => Promise<unknown>, done: MessageKey) {
    setStatus('');
    setActionError(null);
    try {
      await run();
      setStatus(t(done, { name: user.displayName }));
      await invalidate(adminKeys.users);
    } catch (caught) {
      const errors = errorsFromResponse(caught);
      setActionError(errors[''] ?? 'admin.error.form');
    }
  }

  if (schools.isPending || partners.isPending) return <LoadingState />;
  if (schools.isError || partners.isError) return <ErrorState onRetry={() => void schools.refetch()} />;
  const shown = errors ?? {};
  return (
    <>
      <Heading level={1}>{user.displayName}</Heading>
      <StatusMessage>{status}</StatusMessage>
      <dl className="passend-admin-facts">
        <dt>{t('admin.user.email')}</dt>
        <dd>{user.email}</dd>

        <dt>{t('admin.users.status')}</dt>
        <dd>{user.disabled ? t('admin.users.disabled') : t('admin.users.active')}</dd>

        <dt>{t('admin.users.secondFactor')}</dt>
        <dd>{user.hasSecondFactor ? t('admin.yes') : t('admin.no')}</dd>

        <dt>{t('admin.users.roles')}</dt>
        <dd>{user.memberships.map(membershipLabel).join('; ')}</dd>
      </dl>

      <form className="passend-form passend-admin-form" onSubmit={save} noValidate>
        <Heading level={2}>{t('admin.user.editTitle')}</Heading>
        <ErrorSummary errors={errors} />
        <TextField
          path="displayName"
          label={t('admin.user.displayName')}
          autoComplete="off"
          value={displayName}
          error={shown.displayName}
          onChange={setDisplayName}
        />
        {isSelf ? (
          <Paragraph>{t('admin.user.ownRoles')}</Paragraph>
        ) : (
          <MembershipsEditor
            drafts={drafts}
            onChange={setDrafts}
            errors={shown}
            schools={schools.data}
            partners={partners.data}
          />
        )}
        <div className="passend-admin-actions">
          <Button type="submit" appearance="primary-action-button" disabled={busy}>
            {busy ? t('admin.saving') : t('admin.save')}
          </Button>
        </div>
      </form>

      <section aria-labelledby="account-actions" className="passend-admin-section">
        <Heading level={2} id="account-actions">
          {t('admin.user.accountTitle')}
        </Heading>
        {actionError && (
          <Alert type="error" role="alert">
            <Paragraph>{t(actionError)}</Paragraph>
          </Alert>
        )}
        {isSelf ? (
          <Paragraph>{t('admin.user.ownAccount')}</Paragraph>
        ) : (
          <div className="passend-admin-stack">
            <ConfirmAction
              label={user.disabled ? t('admin.user.enable') : t('admin.user.disable')}
              question={t(user.disabled ? 'admin.user.enableQuestion' : 'admin.user.disableQuestion', {
                name: user.displayName,
              })}
              confirmLabel={user.disabled ? t('admin.user.enableConfirm') : t('admin.user.disableConfirm')}
              onConfirm={() =>
                act(
                  () => api('PATCH', `/api/users/${user.id}`, { disabled: !user.disabled }),
                  user.disabled ? 'admin.user.enabled' : 'admin.user.disabledDone',
                )
              }
            />
            <ConfirmAction
              label={t('admin.user.endSessions')}
              question={t('admin.user.endSessionsQuestion', { name: user.displayName })}
              confirmLabel={t('admin.user.endSessionsConfirm')}
              onConfirm={() =>
                act(() => api('POST', `/api/users/${user.id}/end-sessions`), 'admin.user.sessionsEnded')
              }
            />
            <ConfirmAction
              label={t('admin.user.resetSecondFactor')}
              question={t('admin.user.resetSecondFactorQuestion', { name: user.displayName })}
              confirmLabel={t('admin.user.resetSecondFactorConfirm')}
              onConfirm={() =>
                act(
                  () => api('POST', `/api/users/${user.id}/reset-second-factor`),
                  'admin.user.secondFactorReset',
                )
              }
            />
          </div>
        )}
      </section>
    </>
  );
}

export default function UserEditPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const users = useUsers();
  const session = useSession();
  const back = (
    <Paragraph>
      <Link href="/admin/users" className="utrecht-link">
        {t('admin.users.back')}
      </Link>
    </Paragraph>
  );
  let body: ReactNode;
  if (users.isPending) body = <LoadingState />;
  else if (users.isError) body = <ErrorState onRetry={() => void users.refetch()} />;
  else {
    const user = users.data.find((candidate) => candidate.id === params.id);
    body = user ? (
      // A fresh form per user and after each reload of the list keeps the form in step.
      <EditUser key={user.id} user={user} isSelf={session.data?.user.id === user.id} />
    ) : (
      <>
        <Heading level={1}>{t('admin.user.notFoundTitle')}</Heading>
        <EmptyState>{t('admin.user.notFound')}</EmptyState>
      </>
    );
  }
  return (
    <>
      {back}
      {body}
    </>
  );
}
