// Create a user with one or more role memberships; then show the activation link once, with what
// to do with it, and which roles wait for a second administrator. What was typed stays when
// saving fails. No password is ever shown: the person sets their own with the link.
import { Alert, Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef } from 'react';
import type { z } from 'zod';
import { CreateUserBody, CreateUserResponse } from '../../../contracts/organisations.ts';
import { api } from '../../app/api.ts';
import { Link } from '../../app/router.tsx';
import { AdminForm, TextField, useAdminForm } from '../../components/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { ActivationLink } from './activation.tsx';
import { adminKeys, useInvalidate, usePartnerOrganisations, useSchools } from './data.ts';
import { BackLink, Loaded } from './frames.tsx';
import { emptyMembership, MembershipsEditor, membershipBody } from './memberships.tsx';
import './admin.css';

type Created = z.infer<typeof CreateUserResponse>;

function Activation({ created, onAnother }: { created: Created; onAnother: () => void }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const pending = created.user.pendingMemberships.length > 0;
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
      {pending && (
        <Alert type="info">
          <Paragraph>{t('admin.userNew.pendingApproval')}</Paragraph>
        </Alert>
      )}
      <ActivationLink activation={created.activation} />
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
  const form = useAdminForm({
    response: CreateUserResponse,
    initial: { email: '', displayName: '', memberships: [emptyMembership()] },
    fieldPaths: { schoolId: 'memberships', partnerOrganisationId: 'memberships' },
    onSaved: () => invalidate(adminKeys.users),
  });

  if (form.saved) {
    return <Activation created={form.saved} onAnother={form.reset} />;
  }

  const { values } = form;
  const save = () =>
    form.submit(CreateUserBody, { ...values, memberships: values.memberships.map(membershipBody) }, (body) =>
      api<typeof CreateUserResponse>('POST', '/api/users', body),
    );
  return (
    <>
      <BackLink href="/admin/users" label={t('admin.users.back')} />
      <Loaded queries={[schools, partners]}>
        {() => (
          <AdminForm
            form={form}
            title={t('admin.userNew.title')}
            submitLabel={t('admin.userNew.submit')}
            onSubmit={save}
          >
            <Paragraph>{t('admin.userNew.intro')}</Paragraph>
            <TextField
              label={t('admin.user.displayName')}
              autoComplete="off"
              {...form.field('displayName')}
            />
            <TextField
              type="email"
              label={t('admin.user.email')}
              description={t('admin.user.emailHint')}
              autoComplete="off"
              {...form.field('email')}
            />
            <MembershipsEditor
              drafts={values.memberships}
              onChange={form.field('memberships').onChange}
              errors={form.fieldErrors}
              schools={schools.data ?? []}
              partners={partners.data ?? []}
            />
          </AdminForm>
        )}
      </Loaded>
    </>
  );
}
