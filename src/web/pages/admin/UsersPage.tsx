// The SWV's users: who has which roles (with school or partner), second factor and status,
// filtered by any text shown. The SWV administrator starts creating or editing a user here.
import { Link } from '../../app/router.tsx';
import { EmptyState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { byId, statusOf, usePartnerOrganisations, useSchools, useUsers } from './data.ts';
import { FilteredTable, ListPage } from './frames.tsx';
import { useMembershipLabel } from './memberships.tsx';

export default function UsersPage() {
  const { t } = useI18n();
  const users = useUsers();
  const schools = useSchools();
  const partners = usePartnerOrganisations();
  const membershipLabel = useMembershipLabel(byId(schools.data), byId(partners.data));
  return (
    <ListPage
      title={t('admin.users.title')}
      intro={t('admin.users.intro')}
      add={{ href: '/admin/users/new', label: t('admin.users.new') }}
      queries={[users, schools, partners]}
    >
      {() => {
        const rows = (users.data ?? []).map((user) => ({
          user,
          roles: user.memberships.map(membershipLabel),
          pending: user.pendingMemberships.map(membershipLabel),
        }));
        return rows.length === 0 ? (
          <EmptyState>{t('admin.users.empty')}</EmptyState>
        ) : (
          <FilteredTable
            filter={{ label: t('admin.users.filter'), hint: t('admin.users.filterHint') }}
            textsOf={({ user, roles }) => [user.displayName, user.email, ...roles]}
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
                cell: ({ roles, pending }) => (
                  <ul className="passend-admin-plain-list">
                    {roles.map((role) => (
                      <li key={role}>{role}</li>
                    ))}
                    {pending.length > 0 && <li>{t('admin.users.pending', { roles: pending.join('; ') })}</li>}
                  </ul>
                ),
              },
              {
                header: t('admin.users.secondFactor'),
                cell: ({ user }) => (user.hasSecondFactor ? t('admin.yes') : t('admin.no')),
              },
              {
                header: t('admin.users.status'),
                cell: ({ user }) => t(statusOf(user)),
              },
            ]}
            rows={rows}
            rowKey={({ user }) => user.id}
          />
        );
      }}
    </ListPage>
  );
}
