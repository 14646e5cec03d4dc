// Small pieces the objection pages share: the state with its outcome, and the LBT clock in words
// (never colour alone: an overdue clock says "Te laat").
import { StatusBadge } from '@utrecht/component-library-react';
import { useI18n } from '../../i18n/index.tsx';
import type { ObjectionRow } from './data.ts';

export function ObjectionState({ objection }: { objection: Pick<ObjectionRow, 'state' | 'outcome'> }) {
  const { t } = useI18n();
  return (
    <span className="passend-request-state">
      {t(`obj.state.${objection.state}`)}
      {objection.outcome ? ` — ${t(`obj.outcome.${objection.outcome}`)}` : ''}
    </span>
  );
}

export function LbtClock({ objection }: { objection: Pick<ObjectionRow, 'clock' | 'state'> }) {
  const { t, formatDate } = useI18n();
  const { clock } = objection;
  if (clock.adviceDueOn === null || clock.daysLeft === null) return <>{t('obj.clock.none')}</>;
  const date = formatDate(clock.adviceDueOn);
  if (clock.stopped) return <>{t(clock.overdue ? 'obj.clock.stoppedLate' : 'obj.clock.stopped', { date })}</>;
  if (clock.overdue)
    return (
      <span className="passend-work-late">
        <StatusBadge status="danger" className="passend-work-badge passend-work-badge--late">
          <span aria-hidden="true">⚠ </span>
          {t('work.overdue')}
        </StatusBadge>{' '}
        {t('obj.clock.overdue', { days: Math.abs(clock.daysLeft), date })}
      </span>
    );
  if (clock.daysLeft === 0) return <>{t('obj.clock.today', { date })}</>;
  if (clock.daysLeft === 1) return <>{t('obj.clock.oneLeft', { date })}</>;
  return <>{t('obj.clock.left', { days: clock.daysLeft, date })}</>;
}
