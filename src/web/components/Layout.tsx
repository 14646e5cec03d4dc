// The page template: skip link, header (SWV name, navigation by role, user menu, language),
// main content that receives focus after every navigation, footer.
import {
  Button,
  Heading,
  PageFooter,
  PageHeader,
  Paragraph,
  Select,
  SelectOption,
  SkipLink,
} from '@utrecht/component-library-react';
import { type ChangeEvent, type ReactNode, useEffect, useRef } from 'react';
import { api, setCsrfToken } from '../app/api.ts';
import { navigationFor } from '../app/navigation.ts';
import { Link, navigate, useLocation } from '../app/router.tsx';
import { type Me, useRefreshSession } from '../app/session.ts';
import { type Language, languages, useI18n } from '../i18n/index.tsx';

export function Layout({ me, children }: { me: Me | null; children: ReactNode }) {
  const { t, language, setLanguage } = useI18n();
  const { pathname } = useLocation();
  const main = useRef<HTMLElement>(null);
  const refreshSession = useRefreshSession();
  const firstRender = useRef(true);

  // WCAG 2.4.3: after navigating, focus moves to the new page's content.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every change of page
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    main.current?.focus();
  }, [pathname]);

  async function signOut() {
    await api('POST', '/api/auth/logout').catch(() => {});
    setCsrfToken(null);
    await refreshSession();
    navigate('/login');
  }

  return (
    <div className="passend-page">
      <SkipLink href="#content">{t('app.skipToContent')}</SkipLink>
      <PageHeader>
        <div className="passend-header">
          <div>
            <Link href="/" className="utrecht-link">
              <Heading level={2} appearance="utrecht-heading-4">
                {t('app.name')}
              </Heading>
            </Link>
            {me?.user.swvName && <Paragraph>{me.user.swvName}</Paragraph>}
          </div>
          <div className="passend-header__tools">
            <label htmlFor="language" className="utrecht-form-label">
              {t('app.language')}
            </label>
            <Select
              id="language"
              value={language}
              onChange={(event: ChangeEvent<HTMLSelectElement>) =>
                setLanguage(event.target.value as Language)
              }
            >
              {(Object.keys(languages) as Language[]).map((code) => (
                <SelectOption key={code} value={code}>
                  {t(`app.language.${code}`)}
                </SelectOption>
              ))}
            </Select>
            {me && (
              <>
                <Paragraph>{t('nav.userMenu', { name: me.user.displayName })}</Paragraph>
                <Button appearance="secondary-action-button" onClick={signOut}>
                  {t('nav.logout')}
                </Button>
              </>
            )}
          </div>
        </div>
        {me && (
          <nav aria-label={t('nav.label')}>
            <ul className="passend-nav">
              {navigationFor(me.user.memberships.map((m) => m.role)).map((item) => (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    className="utrecht-link"
                    aria-current={pathname === item.href ? 'page' : undefined}
                  >
                    {t(item.label)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </PageHeader>
      <main id="content" ref={main} tabIndex={-1} className="passend-page__content">
        {children}
      </main>
      <PageFooter>
        <Paragraph>{t('app.footer')}</Paragraph>
      </PageFooter>
    </div>
  );
}
