// The home page: "what needs me today?", as panels per role. Features add their panels here.
import { Heading, Paragraph } from '@utrecht/component-library-react';
import { useSession } from '../../app/session.ts';
import { useI18n } from '../../i18n/index.tsx';

export default function HomePage() {
  const { t } = useI18n();
  const session = useSession();
  const me = session.data;
  if (!me) return null;
  const roles = [...new Set(me.user.memberships.map((m) => m.role))];
  return (
    <>
      <Heading level={1}>{t('home.title', { name: me.user.displayName })}</Heading>
      <Paragraph>{roles.map((role) => t(`role.${role}`)).join(', ')}</Paragraph>
      <Paragraph>{t('home.intro')}</Paragraph>
    </>
  );
}
