// The header's link to one's notifications, with the unread count as a badge; screen readers hear
// one name, "Meldingen, 3 ongelezen". The count is one small
// request, asked again on a new page once it is half a minute old, never by polling (a poll would
// keep an idle session alive).
import { useEffect } from 'react';
import { Link, useLocation } from '../app/router.tsx';
import { useI18n } from '../i18n/index.tsx';
import { useUnreadCount } from '../pages/notifications/data.ts';
import './NotificationLink.css';

export function NotificationLink({ current }: { current: boolean }) {
  const { t, formatNumber } = useI18n();
  const location = useLocation();
  const count = useUnreadCount(true);
  const { isStale, refetch } = count;
  // biome-ignore lint/correctness/useExhaustiveDependencies: asks again on every navigation
  useEffect(() => {
    if (isStale) void refetch();
  }, [location]);
  const unread = count.data?.unread ?? 0;
  // The name read out is "Meldingen, 3 ongelezen"; the visible "Meldingen 3" is part of it (WCAG 2.5.3).
  return (
    <Link
      href="/notifications"
      className="passend-notification-link"
      aria-current={current ? 'page' : undefined}
      aria-label={unread > 0 ? t('notif.nav.unread', { count: formatNumber(unread) }) : undefined}
    >
      <svg
        className="passend-notification-link__icon"
        aria-hidden="true"
        viewBox="0 0 24 24"
        focusable="false"
      >
        <path d="M12 3a6 6 0 0 0-6 6v4l-2 3h16l-2-3V9a6 6 0 0 0-6-6zm-2.5 14.5a2.5 2.5 0 0 0 5 0z" />
      </svg>
      {/* On a phone only the bell and the count show; the word stays in the link's name. */}
      <span className="passend-notification-link__text">{t('notif.nav.link')}</span>
      {unread > 0 && (
        <>
          {' '}
          <span className="passend-notification-badge">{unread > 99 ? '99+' : formatNumber(unread)}</span>
        </>
      )}
    </Link>
  );
}
