// The states every page shows: loading, error (with retry), empty (with what to do next).
import { Alert, Button, Paragraph } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/index.tsx';

export function LoadingState() {
  const { t } = useI18n();
  return (
    <Paragraph role="status" aria-live="polite">
      {t('app.loading')}
    </Paragraph>
  );
}

export function ErrorState({ onRetry }: { onRetry?: () => void }) {
  const { t } = useI18n();
  return (
    <Alert type="error" role="alert">
      <Paragraph>{t('app.error')}</Paragraph>
      {onRetry && (
        <Button appearance="secondary-action-button" onClick={onRetry}>
          {t('app.retry')}
        </Button>
      )}
    </Alert>
  );
}

export function EmptyState({ children }: { children: ReactNode }) {
  return <Paragraph>{children}</Paragraph>;
}
