// Small pieces every page about a request shows the same way: its state (with the decision's
// outcome), where its clock stands, and a titled part of the request page.
import { Button, Heading } from '@utrecht/component-library-react';
import type { ReactNode, Ref } from 'react';
import { useI18n } from '../../i18n/index.tsx';
import type { RequestRow } from './data.ts';
import { ClockText as QueueClockText } from './RequestTable.tsx';

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

/** The clock as the queue shows it (RequestTable.tsx); a withdrawn request says it has none. */
export function ClockText({ request }: { request: RequestRow }) {
  const { t } = useI18n();
  if (request.state === 'withdrawn') return <>{t('requests.clock.none')}</>;
  return <QueueClockText request={request} />;
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

/** The button that opens a part's form, clearing the last feedback first. */
export function OpenFormButton({
  buttonRef,
  onOpen,
  children,
}: {
  buttonRef: Ref<HTMLButtonElement>;
  onOpen: () => void;
  children: ReactNode;
}) {
  return (
    <Button ref={buttonRef} appearance="primary-action-button" onClick={onOpen}>
      {children}
    </Button>
  );
}
