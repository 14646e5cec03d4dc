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
      {t('notif.nav.link')}
      {unread > 0 && (
        <>
          {' '}
          <span className="passend-notification-badge">{unread > 99 ? '99+' : formatNumber(unread)}</span>
        </>
      )}
    </Link>
  );
}
