// Sign-in through the SWV's own identity provider (/admin/single-sign-on, OpenID Connect): issuer,
// client id, the client secret (write-only: the page says whether one is stored, never shows it),
// on or off, and whether the provider enforces a second factor. A save needs a fresh code of the
// administrator's own authenticator app; the server checks it and logs the change. A new provider
// or client, or trusting the provider's second factor, waits for a second administrator
// (docs/SECURITY.md C8): the page shows the change waiting, and lets another administrator decide it.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { z } from 'zod';
import {
  OidcSettingsBody,
  OidcSettingsView,
  type SsoChangeDecision,
  type SsoChangeView,
} from '../../../contracts/oidc.ts';
import { api } from '../../app/api.ts';
import {
  AdminForm,
  CheckboxField,
  ConfirmAction,
  type Feedback,
  FeedbackMessage,
  type FieldMessages,
  TextField,
  useAdminForm,
} from '../../components/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { adminKeys } from './data.ts';
import { Loaded } from './frames.tsx';
import './admin.css';

type Settings = z.infer<typeof OidcSettingsView>;
type Change = z.infer<typeof SsoChangeView>;

const ssoKey = [...adminKeys.swv, 'single-sign-on'] as const;
const changesKey = [...adminKeys.swv, 'sso-changes'] as const;

/** The change waiting for a second administrator: what it would set, who asked, and the decision. */
function PendingChange({ change, onFeedback }: { change: Change; onFeedback: (f: Feedback) => void }) {
  const { t, formatDateTime } = useI18n();
  const client = useQueryClient();

  async function decide(outcome: 'approve' | 'reject') {
    try {
      await api<typeof SsoChangeDecision>('POST', `/api/sso-changes/${change.id}/${outcome}`);
      onFeedback({
        ok: true,
        text: t(outcome === 'approve' ? 'admin.sso.pending.approved' : 'admin.sso.pending.rejected'),
      });
    } catch {
      onFeedback({ ok: false, text: t('admin.error.form') });
    }
    await Promise.all([
      client.invalidateQueries({ queryKey: changesKey }),
      client.invalidateQueries({ queryKey: ssoKey }),
    ]);
  }

  return (
    <section className="passend-admin-stack" aria-labelledby="sso-pending-heading" data-testid="sso-pending">
      <Heading level={2} id="sso-pending-heading">
        {t('admin.sso.pending.title')}
      </Heading>
      <Paragraph>{t('admin.sso.pending.intro')}</Paragraph>
      <dl>
        <dt>{t('admin.sso.issuer')}</dt>
        <dd>
          <code>{change.issuer}</code>
        </dd>
        <dt>{t('admin.sso.clientId')}</dt>
        <dd>
          <code>{change.clientId}</code>
        </dd>
        <dt>{t('admin.sso.enabled')}</dt>
        <dd>{t(change.enabled ? 'admin.sso.pending.enabledYes' : 'admin.sso.pending.enabledNo')}</dd>
      </dl>
      <Paragraph>
        {t(change.providerEnforcesMfa ? 'admin.sso.pending.mfaYes' : 'admin.sso.pending.mfaNo')}
      </Paragraph>
      <Paragraph>
        {t('admin.sso.pending.requestedBy', {
          name: change.requestedBy.displayName,
          at: formatDateTime(change.requestedAt),
        })}
      </Paragraph>
      {change.mayDecide ? (
        <div className="passend-admin-actions">
          <ConfirmAction
            label={t('admin.sso.pending.approve')}
            question={t('admin.sso.pending.approveConfirm')}
            confirmLabel={t('admin.sso.pending.approve')}
            onConfirm={() => decide('approve')}
          />
          <ConfirmAction
            label={t('admin.sso.pending.reject')}
            question={t('admin.sso.pending.rejectConfirm')}
            confirmLabel={t('admin.sso.pending.reject')}
            onConfirm={() => decide('reject')}
          />
        </div>
      ) : (
        <Paragraph>{t('admin.sso.pending.waiting')}</Paragraph>
      )}
    </section>
  );
}

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
    onSaved: async (saved) => {
      client.setQueryData(ssoKey, saved);
      await client.invalidateQueries({ queryKey: changesKey });
    },
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
      status={form.saved ? t(form.saved.pendingChange ? 'admin.sso.savedPending' : 'admin.sso.saved') : ''}
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
  // Kept here: a decided change leaves the list, its outcome stays on the page.
  const [feedback, setFeedback] = useState<Feedback>(null);
  const changes = useQuery({
    queryKey: changesKey,
    queryFn: () => api<z.ZodArray<typeof SsoChangeView>>('GET', '/api/sso-changes'),
  });
  return (
    <Loaded queries={[settings, changes]}>
      {() => (
        <>
          {settings.data && <SingleSignOnForm settings={settings.data} />}
          <FeedbackMessage feedback={feedback} />
          {(changes.data ?? []).map((change) => (
            <PendingChange key={change.id} change={change} onFeedback={setFeedback} />
          ))}
        </>
      )}
    </Loaded>
  );
}
