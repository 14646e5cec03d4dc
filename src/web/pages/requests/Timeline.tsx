// The timeline: every step taken on the request, oldest first, with when, who, the reason and the
// note. Read-only: a step once taken is never changed or removed. The decision's history goes on
// with the objections against it: received, the LBT's advice, the decision on the objection.
import { OrderedList, OrderedListItem } from '@utrecht/component-library-react';
import { useI18n } from '../../i18n/index.tsx';
import { useRequestObjections } from '../objections/data.ts';
import type { Request } from './data.ts';
import { Part } from './parts.tsx';

export function Timeline({ request, plain = false }: { request: Request; plain?: boolean }) {
  const { t, formatDateTime } = useI18n();
  const objections = useRequestObjections(request.id, request.decision !== null).data?.objections ?? [];
  const objectionEvents = objections
    .flatMap((objection) =>
      objection.events.map((event) => ({
        ...event,
        label:
          event.step === 'decide' && objection.outcome
            ? `${t('obj.step.decide')}: ${t(`obj.outcome.${objection.outcome}`)}`
            : t(`obj.step.${event.step}`),
      })),
    )
    .sort((a, b) => a.at.localeCompare(b.at));
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
        {objectionEvents.map((event) => (
          <OrderedListItem key={event.id}>
            <strong>{event.label}</strong>
            <span className="passend-request-meta">
              {t('requests.timeline.when', { date: formatDateTime(event.at), name: event.byName })}
            </span>
          </OrderedListItem>
        ))}
      </OrderedList>
    </Part>
  );
}
