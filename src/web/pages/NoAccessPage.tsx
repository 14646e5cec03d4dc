// Shown instead of a page the signed-in user's roles do not reach (App.tsx, a route's `roles`):
// says so plainly, and leads home. The server refuses the data anyway; this spares a broken page.
import { Heading, Paragraph } from '@utrecht/component-library-react';
import { Link } from '../app/router.tsx';
import { useI18n } from '../i18n/index.tsx';

export default function NoAccessPage() {
  const { t } = useI18n();
  return (
    <>
      <Heading level={1}>{t('app.noAccess.title')}</Heading>
      <Paragraph>{t('app.noAccess.body')}</Paragraph>
      <Paragraph>
        <Link href="/" className="utrecht-link">
          {t('app.noAccess.home')}
        </Link>
      </Paragraph>
    </>
  );
}
