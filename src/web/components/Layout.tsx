// The page template: skip link, header (product and SWV name, language, user, sign-out),
// navigation by role, main content whose heading receives focus after every navigation, footer.
// On a phone the header is one line: the menu button opens the navigation and the user's tools.
// Built on the Utrecht document and page classes, so fonts, colours and spacing come from tokens.
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
import { type ChangeEvent, type KeyboardEvent, type ReactNode, useEffect, useRef, useState } from 'react';
import { api, setCsrfToken } from '../app/api.ts';
import { navigationFor } from '../app/navigation.ts';
import { Link, navigate, useLocation } from '../app/router.tsx';
import { type Me, useRefreshSession } from '../app/session.ts';
import { type Language, languages, useI18n } from '../i18n/index.tsx';
import { IdleWarning } from './IdleWarning.tsx';
import { NotificationLink } from './NotificationLink.tsx';
import { usePageFocusAndTitle } from './pageFocus.ts';

export function Layout({ me, children }: { me: Me | null; children: ReactNode }) {
  const { t, language, setLanguage } = useI18n();
  const location = useLocation();
  const { pathname } = location;
  const main = useRef<HTMLElement>(null);
  const refreshSession = useRefreshSession();
  const menuButton = useRef<HTMLButtonElement>(null);
  const [isMenuOpen, setMenuOpen] = useState(false);
  usePageFocusAndTitle(main, location, t('app.name'));

  // A chosen page closes the menu (the menu button shows on narrow screens only).
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs on every navigation
  useEffect(() => setMenuOpen(false), [location]);

  /** Escape closes the open menu and returns to its button, as a disclosure does. */
  function closeOnEscape(event: KeyboardEvent) {
    if (event.key !== 'Escape' || !isMenuOpen) return;
    setMenuOpen(false);
    menuButton.current?.focus();
  }

  async function signOut() {
    await api('POST', '/api/auth/logout').catch(() => {});
    setCsrfToken(null);
    await refreshSession();
    navigate('/login');
  }

  const items = me ? navigationFor(me.user.memberships) : [];
  const leadsHere = (href: string) =>
    href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
  // The most specific link is the current one: /requests/budget is not also /requests.
  const isCurrent = (href: string) =>
    leadsHere(href) && !items.some((item) => item.href.length > href.length && leadsHere(item.href));

  return (
    <Document className="passend-document">
      <SkipLink href="#content">{t('app.skipToContent')}</SkipLink>
      <PageHeader
        className={`passend-header${me ? ' passend-header--with-menu' : ''}${isMenuOpen ? ' passend-header--menu-open' : ''}`}
        onKeyDown={closeOnEscape}
      >
        <div className="passend-header__content">
          <div className="passend-header__brand">
            <Link href="/" className="passend-header__name">
              {t('app.name')}
            </Link>
            {me?.user.swvName && <span className="passend-header__swv">{me.user.swvName}</span>}
          </div>
          {/* On every page and every width, beside the menu: the operator has no inbox (no SWV). */}
          {me && !me.user.memberships.some((m) => m.role === 'operator') && (
            <NotificationLink current={pathname === '/notifications'} />
          )}
          {me && (
            <Button
              ref={menuButton}
              appearance="secondary-action-button"
              className="passend-menu-button"
              aria-expanded={isMenuOpen}
              aria-controls="passend-tools passend-nav-list"
              onClick={() => setMenuOpen(!isMenuOpen)}
            >
              {t('nav.menu')}
            </Button>
          )}
          <div id="passend-tools" className="passend-header__tools">
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
            <ul id="passend-nav-list" className="passend-nav__list">
              {items.map((item) => (
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
