// Small pieces the transition pages share: the duty-of-care clock, the risks and the state in words
// (never colour alone: an overdue term says "Te laat").
import { StatusBadge } from '@utrecht/component-library-react';
import { useI18n } from '../../i18n/index.tsx';
import type { TransitionListRow, TransitionRow } from './data.ts';

/** The term's clock in words; `late` false leaves out the "Te laat" mark (a caller marks it already). */
export function TermClock({ row, late = true }: { row: TransitionRow; late?: boolean }) {
  const { t, formatDate } = useI18n();
  const { clock } = row;
  if (clock === null) return <>{t('trans.clock.elsewhere')}</>;
  const date = formatDate(clock.decideBy);
  if (row.decidedOn) return <>{t('trans.clock.decided', { date: formatDate(row.decidedOn) })}</>;
  if (clock.temporaryPlacement)
    return <>{t('trans.clock.temporary', { date: formatDate(clock.temporaryPlacementOn) })}</>;
  if (clock.paused) return <>{t('trans.clock.paused')}</>;
  if (clock.overdue && !late)
    return <>{t('trans.clock.overdue', { days: Math.abs(clock.daysLeft), date })}</>;
  if (clock.overdue)
    return (
      <span className="passend-work-late">
        <StatusBadge status="danger" className="passend-work-badge passend-work-badge--late">
          <span aria-hidden="true">⚠ </span>
          {t('trans.overdue')}
        </StatusBadge>{' '}
        {t('trans.clock.overdue', { days: Math.abs(clock.daysLeft), date })}
      </span>
    );
  if (clock.daysLeft === 0) return <>{t('trans.clock.today', { date })}</>;
  if (clock.daysLeft === 1) return <>{t('trans.clock.oneLeft', { date })}</>;
  return <>{t('trans.clock.left', { days: clock.daysLeft, date })}</>;
}

export function Risks({ row }: { row: Pick<TransitionRow, 'risks'> }) {
  const { t } = useI18n();
  if (row.risks === null) return <>{t('trans.risk.hidden')}</>;
  if (row.risks.length === 0) return <>{t('trans.risk.none')}</>;
  return (
    <ul className="passend-transition-risks">
      {row.risks.map((risk) => (
        <li key={risk}>
          <StatusBadge status="warning">{t(`trans.risk.${risk}`)}</StatusBadge>
        </li>
      ))}
    </ul>
  );
}

export function TransitionState({ row }: { row: TransitionRow }) {
  const { t, formatDate } = useI18n();
  if (row.outcome === 'placed')
    return <>{t('trans.state.placed', { date: formatDate(row.startedOn ?? '') })}</>;
  if (row.outcome === 'not_placed') return <>{t('trans.state.not_placed')}</>;
  if (row.handedOverOn) return <>{t('trans.state.handedOver', { date: formatDate(row.handedOverOn) })}</>;
  return <>{t('trans.state.preparing')}</>;
}

/** A school, with its SWV when it is another one. */
export function SchoolName({ school }: { school: TransitionRow['from'] }) {
  const { t } = useI18n();
  return (
    <>
      {school.otherSwvName
        ? t('trans.otherSwv', { school: school.name, swv: school.otherSwvName })
        : school.name}
    </>
  );
}

/**
 * What a listed move waits for: marked "Dringend" (within a week, late, or past 10 weeks), then when;
 * `withClock` false where the term's own column shows the clock already.
 */
export function Attention({ row, withClock = true }: { row: TransitionListRow; withClock?: boolean }) {
  const { t, formatDate } = useI18n();
  const { attention } = row;
  if (attention === null) return <>{t('trans.need.none')}</>;
  const date = formatDate(attention.dueOn);
  return (
    <>
      <span className="passend-transition-need">
        {attention.urgent && (
          <>
            <StatusBadge status="danger" className="passend-work-badge passend-work-badge--late">
              <span aria-hidden="true">⚠ </span>
              {t('trans.need.urgent')}
            </StatusBadge>{' '}
          </>
        )}
        {t(`trans.need.${attention.need}`, { date })}
      </span>
      {/* A decision: the term's clock below, paused, extended or past 10 weeks as the list shows it. */}
      {withClock && attention.need === 'decide' && (
        <span className="passend-transition-need">
          <TermClock row={row} late={false} />
        </span>
      )}
    </>
  );
}
