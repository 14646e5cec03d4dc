// Warns two minutes before an idle session ends, with a button that keeps the user signed in; when
// the time is up, reading the session again lets the server say it expired, and the app sends the
// user to the login page with that message. The idle time counts from the last call the server
// answered (every call restarts the session's idle timer, not only /api/auth/me), with the idle
// window /api/auth/me granted, and never past the session's absolute end.
import { useQueryClient } from '@tanstack/react-query';
import { AlertDialog, Button, ButtonGroup, Heading, Paragraph } from '@utrecht/component-library-react';
import { type SyntheticEvent, useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { lastAnswerAt, subscribeToAnswers } from '../app/api.ts';
import { sessionKey, useSession } from '../app/session.ts';
import { useI18n } from '../i18n/index.tsx';

const warningMs = 2 * 60 * 1000;
/** Ask the server just after the end, so it has certainly expired the session by then. */
const expiryMarginMs = 1000;

/**
 * When the session ends if nothing else happens. The server writes its "last seen" time at most
 * once a minute, so it may end the session up to a minute sooner: the warning still comes first.
 */
function useIdleEnd(): number | null {
  const session = useSession();
  const lastAnswer = useSyncExternalStore(subscribeToAnswers, lastAnswerAt);
  const me = session.data;
  if (!me) return null;
  const grantedAt = session.dataUpdatedAt;
  const idleWindow = Date.parse(me.idleExpiresAt) - grantedAt;
  return Math.min(Date.parse(me.expiresAt), Math.max(lastAnswer, grantedAt) + idleWindow);
}

export function IdleWarning({ onSignOut }: { onSignOut: () => void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const [isOpen, setOpen] = useState(false);
  const idleEnd = useIdleEnd();

  useEffect(() => {
    // A call the server answered moved the end: any warning about the old end is void.
    setOpen(false);
    if (idleEnd === null) return;
    const warn = setTimeout(() => setOpen(true), Math.max(0, idleEnd - warningMs - Date.now()));
    const end = setTimeout(
      () => {
        setOpen(false);
        void client.invalidateQueries({ queryKey: sessionKey });
      },
      Math.max(0, idleEnd + expiryMarginMs - Date.now()),
    );
    return () => {
      clearTimeout(warn);
      clearTimeout(end);
    };
  }, [idleEnd, client]);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (isOpen && !element.open) element.showModal();
    if (!isOpen && element.open) element.close();
  }, [isOpen]);

  /** Reading the session is activity: the server extends it and answers the new end. */
  function staySignedIn() {
    setOpen(false);
    void client.invalidateQueries({ queryKey: sessionKey });
  }

  return (
    <AlertDialog
      ref={dialog}
      type="warning"
      role="alertdialog"
      aria-labelledby="idle-warning-title"
      aria-describedby="idle-warning-body"
      onCancel={(event: SyntheticEvent<HTMLDialogElement>) => {
        // Escape: the user is evidently here, so keep the session.
        event.preventDefault();
        staySignedIn();
      }}
    >
      {isOpen && (
        <>
          <Heading level={2} appearance="utrecht-heading-3" id="idle-warning-title">
            {t('session.idle.title')}
          </Heading>
          <Paragraph id="idle-warning-body">{t('session.idle.body')}</Paragraph>
          <ButtonGroup>
            <Button appearance="primary-action-button" onClick={staySignedIn} autoFocus>
              {t('session.idle.stay')}
            </Button>
            <Button appearance="secondary-action-button" onClick={onSignOut}>
              {t('nav.logout')}
            </Button>
          </ButtonGroup>
        </>
      )}
    </AlertDialog>
  );
}
