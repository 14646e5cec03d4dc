// Sign-in: e-mail and password, then the second factor (a code or a recovery code), or its set-up
// (QR code, then recovery codes shown once). Errors are summarised at the top and shown at the
// field; what the user typed stays.
import {
  Alert,
  Button,
  FormField,
  FormFieldErrorMessage,
  FormLabel,
  Heading,
  Paragraph,
  Textbox,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { type ChangeEvent, type FormEvent, useEffect, useRef, useState } from 'react';
import type { LoginResponse, RecoveryCodesResponse, TotpSetupResponse } from '../../../contracts/auth.ts';
import { ApiError, api, setCsrfToken } from '../../app/api.ts';
import { navigate, useLocation } from '../../app/router.tsx';
import { useRefreshSession, useSession } from '../../app/session.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/nl.ts';

/** Only a path on this site may be the page to return to. */
function nextPath(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

function ErrorSummary({ message }: { message: string | null }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  if (!message) return null;
  return (
    <div ref={ref} tabIndex={-1}>
      <Alert type="error" role="alert">
        <Heading level={2} appearance="utrecht-heading-4">
          {t('login.errorSummary')}
        </Heading>
        <Paragraph>{message}</Paragraph>
      </Alert>
    </div>
  );
}

/** The sign-in errors that have their own message; the rest get the general one. */
const loginErrors: Record<string, MessageKey> = {
  unauthenticated: 'login.error.unauthenticated',
  account_locked: 'login.error.account_locked',
  validation_failed: 'login.error.validation_failed',
};

function PasswordStep({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const { search } = useLocation();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const expired = new URLSearchParams(search).get('expired') === '1';

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!email.trim() || !password) {
      setError(t('login.error.required'));
      return;
    }
    setBusy(true);
    try {
      const result = await api<typeof LoginResponse>('POST', '/api/auth/login', { email, password });
      setCsrfToken(result.csrfToken);
      setPassword('');
      onDone();
    } catch (caught) {
      const code = caught instanceof ApiError ? caught.code : 'unknown';
      setError(t(loginErrors[code] ?? 'app.error'));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="passend-form" onSubmit={submit} noValidate>
      <Heading level={1}>{t('login.title')}</Heading>
      {expired && !error && (
        <Alert type="warning">
          <Paragraph>{t('login.expired')}</Paragraph>
        </Alert>
      )}
      <ErrorSummary message={error} />
      <Paragraph>{t('login.intro')}</Paragraph>
      <FormField>
        <FormLabel htmlFor="email">{t('login.email')}</FormLabel>
        <Textbox
          id="email"
          type="email"
          autoComplete="username"
          required
          invalid={Boolean(error)}
          value={email}
          onChange={(event: ChangeEvent<HTMLInputElement>) => setEmail(event.target.value)}
        />
      </FormField>
      <FormField>
        <FormLabel htmlFor="password">{t('login.password')}</FormLabel>
        <Textbox
          id="password"
          type="password"
          autoComplete="current-password"
          required
          invalid={Boolean(error)}
          value={password}
          onChange={(event: ChangeEvent<HTMLInputElement>) => setPassword(event.target.value)}
        />
      </FormField>
      <Button type="submit" appearance="primary-action-button" disabled={busy}>
        {t('login.submit')}
      </Button>
    </form>
  );
}

function SecondFactorStep({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      const body = useRecovery ? { recoveryCode: value } : { code: value };
      const result = await api<typeof LoginResponse>('POST', '/api/auth/second-factor', body);
      setCsrfToken(result.csrfToken);
      onDone();
    } catch (caught) {
      setError(
        caught instanceof ApiError && caught.code === 'account_locked'
          ? t('login.error.account_locked')
          : t('secondFactor.error'),
      );
    }
  }

  const fieldId = useRecovery ? 'recovery-code' : 'code';
  return (
    <form className="passend-form" onSubmit={submit} noValidate>
      <Heading level={1}>{t('secondFactor.title')}</Heading>
      <ErrorSummary message={error} />
      <Paragraph>{t('secondFactor.intro')}</Paragraph>
      <FormField invalid={Boolean(error)}>
        <FormLabel htmlFor={fieldId}>
          {useRecovery ? t('secondFactor.recoveryCode') : t('secondFactor.code')}
        </FormLabel>
        {error && <FormFieldErrorMessage id={`${fieldId}-error`}>{error}</FormFieldErrorMessage>}
        <Textbox
          id={fieldId}
          autoComplete="one-time-code"
          inputMode={useRecovery ? 'text' : 'numeric'}
          required
          invalid={Boolean(error)}
          aria-describedby={error ? `${fieldId}-error` : undefined}
          value={value}
          onChange={(event: ChangeEvent<HTMLInputElement>) => setValue(event.target.value)}
        />
      </FormField>
      <Button type="submit" appearance="primary-action-button">
        {t('secondFactor.submit')}
      </Button>
      <Button
        type="button"
        appearance="subtle-button"
        onClick={() => {
          setUseRecovery(!useRecovery);
          setValue('');
          setError(null);
        }}
      >
        {t('secondFactor.useRecovery')}
      </Button>
    </form>
  );
}

function TotpSetupStep({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const [setup, setSetup] = useState<{ secret: string; qrSvg: string } | null>(null);
  const [code, setCode] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);

  useEffect(() => {
    api<typeof TotpSetupResponse>('POST', '/api/auth/totp/setup').then(setSetup, () =>
      setError(t('app.error')),
    );
  }, [t]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      const result = await api<typeof RecoveryCodesResponse>('POST', '/api/auth/totp/enable', { code });
      setCsrfToken(result.csrfToken);
      setRecoveryCodes(result.recoveryCodes);
    } catch {
      setError(t('secondFactor.error'));
    }
  }

  if (recoveryCodes) {
    return (
      <div className="passend-form">
        <Heading level={1}>{t('totpSetup.recoveryTitle')}</Heading>
        <Paragraph>{t('totpSetup.recoveryIntro')}</Paragraph>
        <UnorderedList>
          {recoveryCodes.map((recovery) => (
            <UnorderedListItem key={recovery}>
              <code>{recovery}</code>
            </UnorderedListItem>
          ))}
        </UnorderedList>
        <Button appearance="primary-action-button" onClick={onDone}>
          {t('totpSetup.continue')}
        </Button>
      </div>
    );
  }
  return (
    <form className="passend-form" onSubmit={submit} noValidate>
      <Heading level={1}>{t('totpSetup.title')}</Heading>
      <ErrorSummary message={error} />
      <Paragraph>{t('totpSetup.intro')}</Paragraph>
      {setup && (
        <>
          <img
            src={`data:image/svg+xml;utf8,${encodeURIComponent(setup.qrSvg)}`}
            alt={t('totpSetup.qr')}
            width={200}
            height={200}
          />
          <Paragraph>{t('totpSetup.manual', { secret: setup.secret })}</Paragraph>
        </>
      )}
      <FormField>
        <FormLabel htmlFor="setup-code">{t('secondFactor.code')}</FormLabel>
        <Textbox
          id="setup-code"
          autoComplete="one-time-code"
          inputMode="numeric"
          required
          value={code}
          onChange={(event: ChangeEvent<HTMLInputElement>) => setCode(event.target.value)}
        />
      </FormField>
      <Button type="submit" appearance="primary-action-button">
        {t('totpSetup.submit')}
      </Button>
    </form>
  );
}

export default function LoginPage() {
  const session = useSession();
  const refreshSession = useRefreshSession();
  const { search } = useLocation();
  const stage = session.data?.stage ?? 'password';

  useEffect(() => {
    if (stage === 'active') navigate(nextPath(search), { replace: true });
  }, [stage, search]);

  const next = () => void refreshSession();
  switch (stage) {
    case 'second_factor':
      return <SecondFactorStep onDone={next} />;
    case 'totp_setup':
      return <TotpSetupStep onDone={next} />;
    case 'active':
      return null;
    default:
      return <PasswordStep onDone={next} />;
  }
}
