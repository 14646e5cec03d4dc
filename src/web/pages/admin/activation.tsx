// A new account's activation link, shown once to the administrator who made it (or renewed it),
// with what to do with it. The token goes in the link's fragment, which no server receives.
import { Alert, Heading, Paragraph } from '@utrecht/component-library-react';
import type { z } from 'zod';
import type { ActivationView } from '../../../contracts/organisations.ts';
import { useI18n } from '../../i18n/index.tsx';

/** The address of the activation page for a token; the token stays in the fragment (not sent to a server). */
export function activationLink(token: string): string {
  return `${window.location.origin}/activate#${token}`;
}

export function ActivationLink({ activation }: { activation: z.infer<typeof ActivationView> }) {
  const { t, formatDateTime } = useI18n();
  return (
    <>
      <Heading level={2}>{t('admin.userNew.activationTitle')}</Heading>
      <Paragraph className="passend-admin-password">
        <code data-testid="activation-link">{activationLink(activation.token)}</code>
      </Paragraph>
      <Alert type="warning">
        <Paragraph>{t('admin.userNew.activationOnce')}</Paragraph>
        <Paragraph>
          {t('admin.userNew.activationHow', { until: formatDateTime(activation.expiresAt) })}
        </Paragraph>
      </Alert>
    </>
  );
}
