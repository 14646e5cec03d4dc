// Single sign-on: one button per SWV that signs in through its school federation (OpenID Connect).
// Shown only when an SWV has it switched on; a failed round trip comes back as ?sso=failed.

import { useQuery } from '@tanstack/react-query';
import { Alert, ButtonLink, Heading, Paragraph } from '@utrecht/component-library-react';
import type { SsoProviderList } from '../../../contracts/oidc.ts';
import { api } from '../../app/api.ts';
import { useLocation } from '../../app/router.tsx';
import { useI18n } from '../../i18n/index.tsx';

export function SingleSignOn() {
  const { t } = useI18n();
  const { search } = useLocation();
  const providers = useQuery({
    queryKey: ['sso-providers'],
    queryFn: () => api<typeof SsoProviderList>('GET', '/api/auth/sso'),
    staleTime: 5 * 60_000,
  });
  const failed = new URLSearchParams(search).get('sso') === 'failed';
  if (!failed && !providers.data?.length) return null;
  return (
    <section aria-labelledby="sso-heading" className="passend-form passend-sso">
      <Heading level={2} id="sso-heading" appearance="utrecht-heading-4">
        {t('login.sso.title')}
      </Heading>
      {failed && (
        <Alert type="error" role="alert">
          <Paragraph>{t('login.sso.failed')}</Paragraph>
        </Alert>
      )}
      {providers.data?.map((provider) => (
        <ButtonLink
          key={provider.swvId}
          appearance="secondary-action-button"
          href={`/api/auth/oidc/${encodeURIComponent(provider.swvId)}/start`}
        >
          {t('login.sso.button', { name: provider.name })}
        </ButtonLink>
      ))}
    </section>
  );
}
