// The SWV's users: who has which roles (with school or partner), second factor and status,
// filtered by any text shown. The SWV administrator starts creating or editing a user here.
import { Heading, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { Link } from '../../app/router.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { byId, type User, usePartnerOrganisations, useSchools, useUsers } from './data.ts';
import { TextField } from './forms.tsx';
import { useMembershipLabel } from './memberships.tsx';
import './admin.css';

export default function UsersPage() {
  const { t } = useI18n();
  const users = useUsers();
  const schools = useSchools();
  const partners = usePartnerOrganisations();
  const membershipLabel = useMembershipLabel(byId(schools.data), byId(partners.data));
  const [filter, setFilter] = useState('');

  const header = (
    <>
      <Heading level={1}>{t('admin.users.title')}</Heading>
      <Paragraph>{t('admin.users.intro')}</Paragraph>
      <div className="passend-admin-toolbar">
        <Link
          href="/admin/users/new"
          className="utrecht-button-link utrecht-button-link--html-a utrecht-button-link--primary-action"
        >
          {t('admin.users.new')}
        </Link>
      </div>
    </>
  );
  if (users.isPending || schools.isPending || partners.isPending) {
    return (
      <>
        {header}
        <LoadingState />
      </>
    );
  }
  if (users.isError || schools.isError || partners.isError) {
    return (
      <>
        {header}
        <ErrorState
          onRetry={() => {
            void users.refetch();
            void schools.refetch();
            void partners.refetch();
          }}
        />
      </>
    );
  }
  const rows = users.data.map((user: User) => ({
    user,
    roles: user.memberships.map(membershipLabel),
  }));
  const needle = filter.trim().toLocaleLowerCase();
  const shown = needle
    ? rows.filter(({ user, roles }) =>
        [user.displayName, user.email, ...roles].some((text) => text.toLocaleLowerCase().includes(needle)),
      )
    : rows;

  return (
    <>
      {header}
      {rows.length === 0 ? (
        <EmptyState>{t('admin.users.empty')}</EmptyState>
      ) : (
        <>
          <search className="passend-admin-filter">
            <TextField
              path="filter"
              type="search"
              label={t('admin.users.filter')}
              description={t('admin.users.filterHint')}
              value={filter}
              onChange={setFilter}
            />
          </search>
          <Paragraph role="status" aria-live="polite">
            {t('admin.shown', { shown: shown.length, total: rows.length })}
          </Paragraph>
          {shown.length === 0 ? (
            <EmptyState>{t('admin.noMatch')}</EmptyState>
          ) : (
            <DataTable
              caption={t('admin.users.caption')}
              columns={[
                {
                  header: t('admin.users.name'),
                  cell: ({ user }) => (
                    <Link href={`/admin/users/${user.id}`} className="utrecht-link">
                      {user.displayName}
                    </Link>
                  ),
                },
                { header: t('admin.users.email'), cell: ({ user }) => user.email },
                {
                  header: t('admin.users.roles'),
                  cell: ({ roles }) => (
                    <ul className="passend-admin-plain-list">
                      {roles.map((role) => (
                        <li key={role}>{role}</li>
                      ))}
                    </ul>
                  ),
                },
                {
                  header: t('admin.users.secondFactor'),
                  cell: ({ user }) => (user.hasSecondFactor ? t('admin.yes') : t('admin.no')),
                },
                {
                  header: t('admin.users.status'),
                  cell: ({ user }) => (user.disabled ? t('admin.users.disabled') : t('admin.users.active')),
                },
              ]}
              rows={shown}
              rowKey={({ user }) => user.id}
            />
          )}
        </>
      )}
    </>
  );
}
