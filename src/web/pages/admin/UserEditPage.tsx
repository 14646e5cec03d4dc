// Edit a user: name and role memberships; disable or enable the account, end its sessions, reset
// its second factor — each asked first. Administrators cannot change their own roles or disable
// themselves (the server refuses it too), so those controls are not offered for the own account.
import { Alert, Heading, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { z } from 'zod';
import { type ActivationView, UpdateUserBody, UserView } from '../../../contracts/organisations.ts';
import { api } from '../../app/api.ts';
import { useSession } from '../../app/session.ts';
import {
  AdminForm,
  ConfirmAction,
  errorsFromResponse,
  StatusMessage,
  TextField,
  useAdminForm,
} from '../../components/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/nl.ts';
import { ActivationLink } from './activation.tsx';
import {
  adminKeys,
  byId,
  type PartnerOrganisation,
  type School,
  statusOf,
  type User,
  useInvalidate,
  usePartnerOrganisations,
  useSchools,
  useUsers,
} from './data.ts';
import { EmployeeAccess } from './employeeAccess.tsx';
import { RecordPage } from './frames.tsx';
import { draftsOf, MembershipsEditor, membershipBody, useMembershipLabel } from './memberships.tsx';
import './admin.css';

function EditUser({
  user,
  isSelf,
  schools,
  partners,
}: {
  user: User;
  isSelf: boolean;
  schools: School[];
  partners: PartnerOrganisation[];
}) {
  const { t } = useI18n();
  const invalidate = useInvalidate();
  const membershipLabel = useMembershipLabel(byId(schools), byId(partners));
  /** The outcome of the last save or account action, read out by screen readers. */
  const [status, setStatus] = useState('');
  const [actionError, setActionError] = useState<MessageKey | null>(null);
  /** A renewed activation link: shown once, here. */
  const [activation, setActivation] = useState<z.infer<typeof ActivationView> | null>(null);
  const form = useAdminForm({
    response: UserView,
    // Roles awaiting approval stay in the editor: leaving one out withdraws the request.
    initial: {
      displayName: user.displayName,
      memberships: draftsOf({ ...user, memberships: [...user.memberships, ...user.pendingMemberships] }),
    },
    fieldPaths: { schoolId: 'memberships', partnerOrganisationId: 'memberships' },
    onSaved: () => {
      setStatus(t('admin.user.saved'));
      return invalidate(adminKeys.users);
    },
  });

  function save() {
    setStatus('');
    const { displayName, memberships } = form.values;
    const input = isSelf ? { displayName } : { displayName, memberships: memberships.map(membershipBody) };
    return form.submit(UpdateUserBody, input, (body) =>
      api<typeof UserView>('PATCH', `/api/users/${user.id}`, body),
    );
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

  return (
    <>
      <Heading level={1}>{user.displayName}</Heading>
      <StatusMessage>{status}</StatusMessage>
      <dl className="passend-admin-facts">
        <dt>{t('admin.user.email')}</dt>
        <dd>{user.email}</dd>

        <dt>{t('admin.users.status')}</dt>
        <dd>{t(statusOf(user))}</dd>

        <dt>{t('admin.users.secondFactor')}</dt>
        <dd>{user.hasSecondFactor ? t('admin.yes') : t('admin.no')}</dd>

        <dt>{t('admin.users.roles')}</dt>
        <dd>{user.memberships.map(membershipLabel).join('; ')}</dd>
        {user.pendingMemberships.length > 0 && (
          <>
            <dt>{t('admin.grants.title')}</dt>
            <dd>
              {t('admin.users.pending', { roles: user.pendingMemberships.map(membershipLabel).join('; ') })}
            </dd>
          </>
        )}
      </dl>

      <AdminForm
        form={form}
        title={t('admin.user.editTitle')}
        headingLevel={2}
        submitLabel={t('admin.save')}
        onSubmit={save}
      >
        <TextField label={t('admin.user.displayName')} autoComplete="off" {...form.field('displayName')} />
        {isSelf ? (
          <Paragraph>{t('admin.user.ownRoles')}</Paragraph>
        ) : (
          <MembershipsEditor
            drafts={form.values.memberships}
            onChange={form.field('memberships').onChange}
            errors={form.fieldErrors}
            schools={schools}
            partners={partners}
          />
        )}
      </AdminForm>

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
            {!user.activated &&
              (activation ? (
                <ActivationLink activation={activation} />
              ) : (
                <div>
                  <Paragraph>{t('admin.user.newActivationIntro', { name: user.displayName })}</Paragraph>
                  <ConfirmAction
                    label={t('admin.user.newActivation')}
                    question={t('admin.user.newActivationIntro', { name: user.displayName })}
                    confirmLabel={t('admin.user.newActivation')}
                    onConfirm={() =>
                      act(async () => {
                        setActivation(
                          await api<typeof ActivationView>('POST', `/api/users/${user.id}/activation`),
                        );
                      }, 'admin.user.newActivationDone')
                    }
                  />
                </div>
              ))}
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

      <EmployeeAccess user={user} />
    </>
  );
}

export default function UserEditPage({ params }: { params: Record<string, string> }) {
  const users = useUsers();
  const schools = useSchools();
  const partners = usePartnerOrganisations();
  const session = useSession();
  return (
    <RecordPage kind="user" id={params.id} list={users} queries={[schools, partners]}>
      {(user) =>
        user && (
          // A fresh form per user keeps the form in step with the record it edits.
          <EditUser
            key={user.id}
            user={user}
            isSelf={session.data?.user.id === user.id}
            schools={schools.data ?? []}
            partners={partners.data ?? []}
          />
        )
      }
    </RecordPage>
  );
}
