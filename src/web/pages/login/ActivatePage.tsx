// Activating a new account (/activate#<token>): the person chooses their own password with the
// link an administrator passed on. The token travels in the fragment, so no server log holds it;
// it is taken out of the address bar at once. Errors show at the field; what was typed stays.
import { Alert, Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { ActivationToken } from '../../../contracts/auth.ts';
import { ApiError, api } from '../../app/api.ts';
import { Link } from '../../app/router.tsx';
import { ErrorSummary, type FieldErrors, TextField } from '../../components/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/nl.ts';

/** The token from the address's fragment, read once; the fragment is then removed. */
function useTokenFromFragment(): string | null {
  const [token] = useState(() => {
    const fragment = window.location.hash.replace(/^#/, '');
    return ActivationToken.safeParse(fragment).success ? fragment : null;
  });
  useEffect(() => {
    if (window.location.hash) window.history.replaceState(null, '', window.location.pathname);
  }, []);
  return token;
}

const passwordProblems: Record<string, MessageKey> = {
  too_short: 'activate.error.too_short',
  too_long: 'activate.error.too_long',
  common: 'activate.error.common',
  contains_email: 'activate.error.contains_email',
};

function errorsOf(caught: unknown): FieldErrors {
  if (!(caught instanceof ApiError)) return { '': 'admin.error.network' };
  const fields = ((caught.details ?? {}) as { fields?: Record<string, string> }).fields ?? {};
  const problem = fields.password && passwordProblems[fields.password];
  if (problem) return { password: problem };
  return { '': 'activate.error.token' };
}

export default function ActivatePage() {
  const { t } = useI18n();
  const token = useTokenFromFragment();
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const doneRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  async function submit() {
    if (!password) {
      setErrors({ password: 'activate.error.passwordRequired' });
      return;
    }
    setBusy(true);
    try {
      await api('POST', '/api/auth/activate', { token, password });
      setPassword('');
      setErrors(null);
      setDone(true);
    } catch (caught) {
      setErrors(errorsOf(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="passend-sign-in">
      <Heading level={1}>{t('activate.title')}</Heading>
      {done ? (
        <div ref={doneRef} tabIndex={-1}>
          <Alert type="ok" role="status">
            <Paragraph>{t('activate.done')}</Paragraph>
          </Alert>
          <Paragraph>
            <Link href="/login" className="utrecht-link">
              {t('activate.toLogin')}
            </Link>
          </Paragraph>
        </div>
      ) : !token ? (
        <Alert type="error" role="alert">
          <Paragraph>{t('activate.error.token')}</Paragraph>
        </Alert>
      ) : (
        <form
          className="passend-form"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <ErrorSummary errors={errors} />
          <Paragraph>{t('activate.intro')}</Paragraph>
          <TextField
            path="password"
            type="password"
            autoComplete="new-password"
            label={t('activate.password')}
            description={t('activate.passwordHint')}
            value={password}
            onChange={setPassword}
            error={errors?.password}
          />
          <Button type="submit" appearance="primary-action-button" disabled={busy}>
            {t('activate.submit')}
          </Button>
        </form>
      )}
    </div>
  );
}
