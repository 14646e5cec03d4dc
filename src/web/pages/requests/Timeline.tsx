// The timeline: every step taken on the request, oldest first, with when, who, the reason and the
// note. Read-only: a step once taken is never changed or removed.
import { OrderedList, OrderedListItem } from '@utrecht/component-library-react';
import { useI18n } from '../../i18n/index.tsx';
import type { Request } from './data.ts';
import { Part } from './parts.tsx';

export function Timeline({ request, plain = false }: { request: Request; plain?: boolean }) {
  const { t, formatDateTime } = useI18n();
  return (
    <Part
      id="request-timeline"
      title={t(plain ? 'requests.timeline.titleParent' : 'requests.timeline.title')}
    >
      <OrderedList className="passend-request-timeline">
        {request.events.map((event) => (
          <OrderedListItem key={event.id}>
            <strong>{t(`request.step.${event.step}`)}</strong>
            <span className="passend-request-meta">
              {t('requests.timeline.when', { date: formatDateTime(event.at), name: event.byName })}
            </span>
            {event.reasonCode && (
              <span className="passend-request-note">
                {t('requests.timeline.reason', { reason: t(`request.reason.${event.reasonCode}`) })}
              </span>
            )}
            {event.note && <span className="passend-request-note">{event.note}</span>}
          </OrderedListItem>
        ))}
      </OrderedList>
    </Part>
  );
}
