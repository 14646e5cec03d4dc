// Roles waiting for a second administrator (/admin/role-grants): who is to get which role, who
// asked and when, and approve or reject — each after a question. The administrator who asked sees
// the request but cannot decide it.
import { Heading, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { RoleGrantDecision } from '../../../contracts/admin.ts';
import { api } from '../../app/api.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { ConfirmAction, type Feedback, FeedbackMessage } from '../../components/forms.tsx';
import { EmptyState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import {
  adminKeys,
  byId,
  type RoleGrant,
  useInvalidate,
  usePartnerOrganisations,
  useRoleGrants,
  useSchools,
} from './data.ts';
import { Loaded } from './frames.tsx';
import { useMembershipLabel } from './memberships.tsx';
import './admin.css';

export default function RoleGrantsPage() {
  const { t, formatDateTime } = useI18n();
  const grants = useRoleGrants();
  const schools = useSchools();
  const partners = usePartnerOrganisations();
  const invalidate = useInvalidate();
  const membershipLabel = useMembershipLabel(byId(schools.data), byId(partners.data));
  const [feedback, setFeedback] = useState<Feedback>(null);

  async function decide(grant: RoleGrant, outcome: 'approve' | 'reject') {
    const role = membershipLabel(grant);
    const name = grant.user.displayName;
    try {
      await api<typeof RoleGrantDecision>('POST', `/api/role-grants/${grant.id}/${outcome}`);
      setFeedback({
        ok: true,
        text: t(outcome === 'approve' ? 'admin.grants.approved' : 'admin.grants.rejected', { name, role }),
      });
    } catch {
      setFeedback({ ok: false, text: t('admin.error.form') });
    }
    await Promise.all([invalidate(adminKeys.roleGrants), invalidate(adminKeys.users)]);
  }

  return (
    <>
      <Heading level={1}>{t('admin.grants.title')}</Heading>
      <Paragraph>{t('admin.grants.intro')}</Paragraph>
      <FeedbackMessage feedback={feedback} />
      <Loaded queries={[grants, schools, partners]}>
        {() =>
          (grants.data ?? []).length === 0 ? (
            <EmptyState>{t('admin.grants.empty')}</EmptyState>
          ) : (
            <DataTable
              caption={t('admin.grants.caption')}
              rows={grants.data ?? []}
              rowKey={(grant) => grant.id}
              columns={[
                {
                  header: t('admin.grants.user'),
                  cell: (grant) => (
                    <>
                      {grant.user.displayName}
                      <br />
                      {grant.user.email}
                    </>
                  ),
                },
                { header: t('admin.grants.role'), cell: (grant) => membershipLabel(grant) },
                { header: t('admin.grants.requestedBy'), cell: (grant) => grant.requestedBy.displayName },
                { header: t('admin.grants.requestedAt'), cell: (grant) => formatDateTime(grant.requestedAt) },
                {
                  header: t('admin.grants.decision'),
                  cell: (grant) =>
                    grant.mayDecide ? (
                      <div className="passend-admin-actions">
                        <ConfirmAction
                          label={t('admin.grants.approve')}
                          question={t('admin.grants.approveQuestion', {
                            name: grant.user.displayName,
                            role: membershipLabel(grant),
                          })}
                          confirmLabel={t('admin.grants.approve')}
                          onConfirm={() => decide(grant, 'approve')}
                        />
                        <ConfirmAction
                          label={t('admin.grants.reject')}
                          question={t('admin.grants.rejectQuestion', {
                            name: grant.user.displayName,
                            role: membershipLabel(grant),
                          })}
                          confirmLabel={t('admin.grants.reject')}
                          onConfirm={() => decide(grant, 'reject')}
                        />
                      </div>
                    ) : (
                      t('admin.grants.ownRequest')
                    ),
                },
              ]}
            />
          )
        }
      </Loaded>
    </>
  );
}
