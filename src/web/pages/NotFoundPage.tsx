import { Heading, Paragraph } from '@utrecht/component-library-react';
import { Link } from '../app/router.tsx';
import { useI18n } from '../i18n/index.tsx';

export default function NotFoundPage() {
  const { t } = useI18n();
  return (
    <>
      <Heading level={1}>{t('app.notFound.title')}</Heading>
      <Paragraph>
        <Link href="/" className="utrecht-link">
          {t('app.notFound.body')}
        </Link>
      </Paragraph>
    </>
  );
}
