// Small pieces every page about a request shows the same way: its state (with the decision's
// outcome), where its clock stands, and a titled part of the request page.
import { Heading } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import type { RequestRow } from './data.ts';

/** The state as a bordered label, with the outcome once decided: never colour alone. */
export function StateBadge({ request }: { request: Pick<RequestRow, 'state' | 'outcome'> }) {
  const { t } = useI18n();
  const outcome = request.outcome ? ` — ${t(`request.outcome.${request.outcome}`)}` : '';
  return (
    <span className={`passend-request-state passend-request-state--${request.outcome ?? request.state}`}>
      {t(`request.state.${request.state}`)}
      {outcome}
    </span>
  );
}

/**
 * The clock in words: not started, days left and the deadline, the last day, overdue (set apart),
 * or stopped by the decision. A withdrawn request has no clock to show.
 */
export function ClockText({ request }: { request: Pick<RequestRow, 'state' | 'clock'> }) {
  const { t, formatDate } = useI18n();
  const { clock } = request;
  if (request.state === 'withdrawn') return <>{t('requests.clock.none')}</>;
  if (!clock.completeOn || !clock.deadlineOn) return <>{t('request.clock.notStarted')}</>;
  if (clock.stopped) return <>{t(clock.overdue ? 'request.clock.stoppedLate' : 'request.clock.stopped')}</>;
  const daysLeft = clock.daysLeft ?? 0;
  if (clock.overdue || daysLeft < 0)
    return (
      <strong className="passend-request-overdue">
        {t(daysLeft === -1 ? 'requests.clock.oneDayOverdue' : 'request.clock.overdue', {
          days: Math.abs(daysLeft),
        })}
      </strong>
    );
  if (daysLeft === 0) return <strong>{t('request.clock.lastDay')}</strong>;
  const key = daysLeft === 1 ? 'requests.clock.oneDayLeft' : 'request.clock.daysLeft';
  return <>{t(key, { days: daysLeft, date: formatDate(clock.deadlineOn) })}</>;
}

/** A part of the request page: a heading (h2) and what belongs to it. */
export function Part({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="passend-request-part" id={id}>
      <Heading level={2} id={`${id}-heading`}>
        {title}
      </Heading>
      {children}
    </section>
  );
}
