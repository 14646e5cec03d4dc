// Sign-in: e-mail and password, then the second factor (a code or a recovery code), or its set-up
// (QR code, then recovery codes shown once). Errors are summarised at the top, linking to the
// field, and shown at the field; what the user typed stays.
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
import {
  type ChangeEvent,
  type FormEvent,
  type MouseEvent,
  type ReactNode,
  useEffect,
  useRef,
  useState,
} from 'react';
import type { LoginResponse, RecoveryCodesResponse, TotpSetupResponse } from '../../../contracts/auth.ts';
import { ApiError, api, setCsrfToken } from '../../app/api.ts';
import { navigate, useLocation } from '../../app/router.tsx';
import { useRefreshSession, useSession, wasSignedOutByTimeout } from '../../app/session.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/nl.ts';
import { SingleSignOn } from './SingleSignOn.tsx';

/** Only a path on this site may be the page to return to. */
function nextPath(search: string): string {
  const next = new URLSearchParams(search).get('next');
  return next?.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** A problem with one field (shown there and linked from the summary), or with the whole form. */
type Problem = { message: string; fieldId?: string };

function ErrorSummary({ problems }: { problems: Problem[] }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (problems.length) ref.current?.focus();
  }, [problems]);
  if (!problems.length) return null;
  const focusField = (fieldId: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    document.getElementById(fieldId)?.focus();
  };
  return (
    <div ref={ref} tabIndex={-1} className="passend-error-summary">
      <Alert type="error" role="alert">
        <Heading level={2} appearance="utrecht-heading-4" id="error-summary-title">
          {t('login.errorSummary')}
        </Heading>
        <UnorderedList>
          {problems.map((problem) => (
            <UnorderedListItem key={problem.message}>
              {problem.fieldId ? (
                <a
                  href={`#${problem.fieldId}`}
                  className="utrecht-link"
                  onClick={focusField(problem.fieldId)}
                >
                  {problem.message}
                </a>
              ) : (
                problem.message
              )}
            </UnorderedListItem>
          ))}
        </UnorderedList>
      </Alert>
    </div>
  );
}

/** A labelled text field that shows its own error and is described by it. */
function Field({
  id,
  label,
  problems,
  ...input
}: {
  id: string;
  label: string;
  problems: Problem[];
  value: string;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
  type?: string;
  autoComplete?: string;
  inputMode?: 'text' | 'numeric';
  spellCheck?: boolean;
}) {
  const error = problems.find((problem) => problem.fieldId === id)?.message;
  return (
    <FormField invalid={Boolean(error)}>
      <FormLabel htmlFor={id}>{label}</FormLabel>
      {error && <FormFieldErrorMessage id={`${id}-error`}>{error}</FormFieldErrorMessage>}
      <Textbox
        id={id}
        required
        invalid={Boolean(error)}
        aria-describedby={error ? `${id}-error` : undefined}
        {...input}
      />
    </FormField>
  );
}

/** A new step of sign-in starts at its field, so keyboard and screen-reader users carry on there. */
function useFocusOnMount(id: string) {
  useEffect(() => {
    document.getElementById(id)?.focus();
  }, [id]);
}

function SignInCard({ children }: { children: ReactNode }) {
  return <div className="passend-sign-in">{children}</div>;
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
  const [problems, setProblems] = useState<Problem[]>([]);
  const [busy, setBusy] = useState(false);
  const [expired] = useState(
    () => new URLSearchParams(search).get('expired') === '1' || wasSignedOutByTimeout(),
  );

  async function submit(event: FormEvent) {
    event.preventDefault();
    const missing: Problem[] = [];
    if (!email.trim()) missing.push({ fieldId: 'email', message: t('login.error.emailRequired') });
    if (!password) missing.push({ fieldId: 'password', message: t('login.error.passwordRequired') });
    if (missing.length) {
      setProblems(missing);
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
      setProblems([{ message: t(loginErrors[code] ?? 'app.error') }]);
    } finally {
      setBusy(false);
    }
  }

  return (
    <SignInCard>
      <form className="passend-form" onSubmit={submit} noValidate>
        <Heading level={1}>{t('login.title')}</Heading>
        {expired && !problems.length && (
          <Alert type="warning" role="status">
            <Paragraph>{t('login.expired')}</Paragraph>
          </Alert>
        )}
        <ErrorSummary problems={problems} />
        <Paragraph>{t('login.intro')}</Paragraph>
        <Field
          id="email"
          label={t('login.email')}
          problems={problems}
          type="email"
          autoComplete="username"
          spellCheck={false}
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <Field
          id="password"
          label={t('login.password')}
          problems={problems}
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        <Button type="submit" appearance="primary-action-button" disabled={busy}>
          {t('login.submit')}
        </Button>
      </form>
      <SingleSignOn />
    </SignInCard>
  );
}

function SecondFactorStep({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const [useRecovery, setUseRecovery] = useState(false);
  const [value, setValue] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const fieldId = useRecovery ? 'recovery-code' : 'code';
  useFocusOnMount(fieldId);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const entered = value.trim();
    if (useRecovery ? !entered : !/^\d{6}$/.test(entered)) {
      setProblems([
        {
          fieldId,
          message: t(useRecovery ? 'secondFactor.error.recoveryRequired' : 'secondFactor.error.codeFormat'),
        },
      ]);
      return;
    }
    try {
      const body = useRecovery ? { recoveryCode: entered } : { code: entered };
      const result = await api<typeof LoginResponse>('POST', '/api/auth/second-factor', body);
      setCsrfToken(result.csrfToken);
      onDone();
    } catch (caught) {
      const isLocked = caught instanceof ApiError && caught.code === 'account_locked';
      setProblems([{ fieldId, message: t(isLocked ? 'login.error.account_locked' : 'secondFactor.error') }]);
    }
  }

  return (
    <SignInCard>
      <form className="passend-form" onSubmit={submit} noValidate>
        <Heading level={1}>{t('secondFactor.title')}</Heading>
        <ErrorSummary problems={problems} />
        <Paragraph>{t('secondFactor.intro')}</Paragraph>
        <Field
          id={fieldId}
          label={useRecovery ? t('secondFactor.recoveryCode') : t('secondFactor.code')}
          problems={problems}
          autoComplete="one-time-code"
          inputMode={useRecovery ? 'text' : 'numeric'}
          spellCheck={false}
          value={value}
          onChange={(event) => setValue(event.target.value)}
        />
        <Button type="submit" appearance="primary-action-button">
          {t('secondFactor.submit')}
        </Button>
        <Button
          type="button"
          appearance="subtle-button"
          onClick={() => {
            setUseRecovery(!useRecovery);
            setValue('');
            setProblems([]);
          }}
        >
          {t('secondFactor.useRecovery')}
        </Button>
      </form>
    </SignInCard>
  );
}

function TotpSetupStep({ onDone }: { onDone: () => void }) {
  const { t } = useI18n();
  const [setup, setSetup] = useState<{ secret: string; qrSvg: string } | null>(null);
  const [code, setCode] = useState('');
  const [problems, setProblems] = useState<Problem[]>([]);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const [failedToStart, setFailedToStart] = useState(false);
  const started = useRef(false);
  useFocusOnMount(recoveryCodes ? 'recovery-codes-title' : 'setup-code');

  // Once only: every call makes a new secret, so a change of language must not start again.
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    api<typeof TotpSetupResponse>('POST', '/api/auth/totp/setup').then(setSetup, () =>
      setFailedToStart(true),
    );
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!/^\d{6}$/.test(code.trim())) {
      setProblems([{ fieldId: 'setup-code', message: t('secondFactor.error.codeFormat') }]);
      return;
    }
    try {
      const result = await api<typeof RecoveryCodesResponse>('POST', '/api/auth/totp/enable', {
        code: code.trim(),
      });
      setCsrfToken(result.csrfToken);
      setRecoveryCodes(result.recoveryCodes);
    } catch {
      setProblems([{ fieldId: 'setup-code', message: t('secondFactor.error') }]);
    }
  }

  if (recoveryCodes) {
    return (
      <SignInCard>
        <div className="passend-form">
          <Heading level={1} id="recovery-codes-title" tabIndex={-1}>
            {t('totpSetup.recoveryTitle')}
          </Heading>
          <Paragraph>{t('totpSetup.recoveryIntro')}</Paragraph>
          <UnorderedList className="passend-recovery-codes">
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
      </SignInCard>
    );
  }
  return (
    <SignInCard>
      <form className="passend-form" onSubmit={submit} noValidate>
        <Heading level={1}>{t('totpSetup.title')}</Heading>
        <ErrorSummary problems={failedToStart ? [{ message: t('app.error') }, ...problems] : problems} />
        <Paragraph>{t('totpSetup.intro')}</Paragraph>
        {setup && (
          <>
            <img
              className="passend-qr"
              src={`data:image/svg+xml;utf8,${encodeURIComponent(setup.qrSvg)}`}
              alt={t('totpSetup.qr')}
              width={200}
              height={200}
            />
            <Paragraph>{t('totpSetup.manual', { secret: setup.secret })}</Paragraph>
          </>
        )}
        <Field
          id="setup-code"
          label={t('secondFactor.code')}
          problems={problems}
          autoComplete="one-time-code"
          inputMode="numeric"
          value={code}
          onChange={(event) => setCode(event.target.value)}
        />
        <Button type="submit" appearance="primary-action-button">
          {t('totpSetup.submit')}
        </Button>
      </form>
    </SignInCard>
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
