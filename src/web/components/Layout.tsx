// The page template: skip link, header (product and SWV name, language, user, sign-out),
// navigation by role, main content that receives focus after every navigation, footer. Built on
// the Utrecht document and page classes, so fonts, colours and spacing come from design tokens.
import {
  Button,
  Document,
  FormLabel,
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
import { IdleWarning } from './IdleWarning.tsx';

export function Layout({ me, children }: { me: Me | null; children: ReactNode }) {
  const { t, language, setLanguage } = useI18n();
  const location = useLocation();
  const { pathname } = location;
  const main = useRef<HTMLElement>(null);
  const refreshSession = useRefreshSession();
  const firstRender = useRef(true);

  // WCAG 2.4.3: after navigating (also to the same page again), focus moves to the page's content,
  // unless the page itself put focus inside it (a tab's heading, a search field that sets the URL).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every navigation
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const focused = document.activeElement;
    if (focused && focused !== main.current && main.current?.contains(focused)) return;
    main.current?.focus();
  }, [location]);

  async function signOut() {
    await api('POST', '/api/auth/logout').catch(() => {});
    setCsrfToken(null);
    await refreshSession();
    navigate('/login');
  }

  const isCurrent = (href: string) =>
    href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);

  return (
    <Document className="passend-document">
      <SkipLink href="#content">{t('app.skipToContent')}</SkipLink>
      <PageHeader className="passend-header">
        <div className="passend-header__content">
          <div className="passend-header__brand">
            <Link href="/" className="passend-header__name">
              {t('app.name')}
            </Link>
            {me?.user.swvName && <span className="passend-header__swv">{me.user.swvName}</span>}
          </div>
          <div className="passend-header__tools">
            <div className="passend-header__language">
              <FormLabel htmlFor="language">{t('app.language')}</FormLabel>
              <Select
                id="language"
                value={language}
                onChange={(event: ChangeEvent<HTMLSelectElement>) =>
                  setLanguage(event.target.value as Language)
                }
              >
                {(Object.keys(languages) as Language[]).map((code) => (
                  <SelectOption key={code} value={code} lang={code}>
                    {t(`app.language.${code}`)}
                  </SelectOption>
                ))}
              </Select>
            </div>
            {me && (
              <>
                <span className="passend-header__user">
                  {t('nav.userMenu', { name: me.user.displayName })}
                </span>
                <Button appearance="secondary-action-button" onClick={signOut}>
                  {t('nav.logout')}
                </Button>
              </>
            )}
          </div>
        </div>
        {me && (
          <nav aria-label={t('nav.label')} className="passend-nav">
            <ul className="passend-nav__list">
              {navigationFor(me.user.memberships).map((item) => (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    className="passend-nav__link"
                    aria-current={isCurrent(item.href) ? 'page' : undefined}
                  >
                    {t(item.label)}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </PageHeader>
      <main id="content" ref={main} tabIndex={-1} className="passend-main">
        {children}
      </main>
      <PageFooter className="passend-footer">
        <div className="passend-footer__content">
          <Paragraph>{t('app.footer')}</Paragraph>
        </div>
      </PageFooter>
      {me && <IdleWarning onSignOut={signOut} />}
    </Document>
  );
}
