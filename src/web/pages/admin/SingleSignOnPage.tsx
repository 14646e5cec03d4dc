// Sign-in through the SWV's own identity provider (/admin/single-sign-on, OpenID Connect): issuer,
// client id, the client secret (write-only: the page says whether one is stored, never shows it),
// on or off, and whether the provider enforces a second factor. A save needs a fresh code of the
// administrator's own authenticator app; the server checks it and logs the change.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { z } from 'zod';
import { OidcSettingsBody, OidcSettingsView } from '../../../contracts/oidc.ts';
import { api } from '../../app/api.ts';
import {
  AdminForm,
  CheckboxField,
  type FieldMessages,
  TextField,
  useAdminForm,
} from '../../components/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { adminKeys } from './data.ts';
import { Loaded } from './frames.tsx';
import './admin.css';

type Settings = z.infer<typeof OidcSettingsView>;

const ssoKey = [...adminKeys.swv, 'single-sign-on'] as const;

const messages: FieldMessages = {
  issuer: 'admin.sso.error.issuer',
  clientId: 'admin.sso.error.clientId',
  clientSecret: 'admin.sso.error.clientSecret',
  secondFactorCode: 'admin.sso.error.secondFactorCode',
};

/** The address to register at the provider, with a button that copies it. */
function RedirectUri({ uri }: { uri: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  return (
    <section
      className="passend-admin-stack passend-admin-sso-redirect"
      aria-labelledby="sso-redirect-heading"
    >
      <Heading level={2} id="sso-redirect-heading">
        {t('admin.sso.redirectUri')}
      </Heading>
      <Paragraph>{t('admin.sso.redirectUriHint')}</Paragraph>
      <Paragraph>
        <code data-testid="sso-redirect-uri">{uri}</code>
      </Paragraph>
      <Button
        type="button"
        appearance="secondary-action-button"
        onClick={() =>
          navigator.clipboard.writeText(uri).then(
            () => setCopied(true),
            () => setCopied(false),
          )
        }
      >
        {t('admin.sso.copy')}
      </Button>
      <div role="status">{copied && <Paragraph>{t('admin.sso.copied')}</Paragraph>}</div>
    </section>
  );
}

function SingleSignOnForm({ settings }: { settings: Settings }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const form = useAdminForm({
    response: OidcSettingsView,
    messages,
    initial: {
      issuer: settings.issuer ?? '',
      clientId: settings.clientId ?? '',
      clientSecret: '',
      enabled: settings.enabled,
      providerEnforcesMfa: settings.providerEnforcesMfa,
      secondFactorCode: '',
    },
    onSaved: (saved) => client.setQueryData(ssoKey, saved),
  });
  const { values } = form;
  // What the server holds now: after a save, its answer.
  const stored = form.saved ?? settings;

  const save = () =>
    form.submit(
      OidcSettingsBody,
      { ...values, clientSecret: values.clientSecret === '' ? undefined : values.clientSecret },
      async (body) => {
        const saved = await api<typeof OidcSettingsView>('PUT', '/api/swv/oidc', body);
        // The secret and the code are used once: the fields empty again.
        form.field('clientSecret').onChange('');
        form.field('secondFactorCode').onChange('');
        return saved;
      },
    );

  return (
    <AdminForm
      form={form}
      title={t('admin.sso.title')}
      status={form.saved ? t('admin.sso.saved') : ''}
      submitLabel={t('admin.save')}
      onSubmit={save}
    >
      <Paragraph>{t('admin.sso.intro')}</Paragraph>
      <RedirectUri uri={stored.redirectUri} />
      <TextField
        label={t('admin.sso.issuer')}
        description={t('admin.sso.issuerHint')}
        type="url"
        inputMode="url"
        autoComplete="off"
        spellCheck={false}
        {...form.field('issuer')}
      />
      <TextField
        label={t('admin.sso.clientId')}
        autoComplete="off"
        spellCheck={false}
        {...form.field('clientId')}
      />
      <TextField
        label={t('admin.sso.clientSecret')}
        description={stored.hasClientSecret ? t('admin.sso.secretStored') : t('admin.sso.secretMissing')}
        type="password"
        autoComplete="new-password"
        {...form.field('clientSecret')}
      />
      <CheckboxField
        label={t('admin.sso.enabled')}
        description={t('admin.sso.enabledHint')}
        {...form.field('enabled')}
      />
      <CheckboxField
        label={t('admin.sso.providerEnforcesMfa')}
        description={t('admin.sso.providerEnforcesMfaHint')}
        {...form.field('providerEnforcesMfa')}
      />
      <TextField
        label={t('admin.sso.secondFactorCode')}
        description={t('admin.sso.secondFactorCodeHint')}
        inputMode="numeric"
        autoComplete="one-time-code"
        {...form.field('secondFactorCode')}
      />
    </AdminForm>
  );
}

export default function SingleSignOnPage() {
  const settings = useQuery({
    queryKey: ssoKey,
    queryFn: () => api<typeof OidcSettingsView>('GET', '/api/swv/oidc'),
  });
  return (
    <Loaded queries={[settings]}>
      {() => settings.data && <SingleSignOnForm settings={settings.data} />}
    </Loaded>
  );
}
