// A page the server refused (no access) or could not find: says so plainly, with the way back.
// RecordStates gives a record's page its loading, refused, not-found and error states.
import { Heading, Paragraph } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { ApiError } from '../../app/api.ts';
import { Link } from '../../app/router.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/nl.ts';

export function Refusal({ title, body }: { title: MessageKey; body: MessageKey }) {
  const { t } = useI18n();
  return (
    <div className="passend-refusal">
      <Heading level={1}>{t(title)}</Heading>
      <Paragraph>{t(body)}</Paragraph>
      <Paragraph>
        <Link href="/" className="utrecht-link">
          {t('student.backHome')}
        </Link>
      </Paragraph>
    </div>
  );
}

type RecordQuery<T> = {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  data: T | undefined;
  refetch: () => unknown;
};

/**
 * One record's page while its query runs: loading, refused (403), not found (404, or an id that
 * is no id: 400), or failed with a retry; `children` renders the record once it is there.
 */
export function RecordStates<T>({
  query,
  forbidden = { title: 'requests.forbidden.title', body: 'requests.forbidden.body' },
  notFound = { title: 'requests.notFound.title', body: 'requests.notFound.body' },
  children,
}: {
  query: RecordQuery<T>;
  forbidden?: { title: MessageKey; body: MessageKey };
  notFound?: { title: MessageKey; body: MessageKey };
  children: (record: T) => ReactNode;
}) {
  if (query.isPending) return <LoadingState />;
  if (query.isError || query.data === undefined) {
    const status = query.error instanceof ApiError ? query.error.status : 0;
    if (status === 403) return <Refusal {...forbidden} />;
    if (status === 404 || status === 400) return <Refusal {...notFound} />;
    return <ErrorState onRetry={() => void query.refetch()} />;
  }
  return <>{children(query.data)}</>;
}
