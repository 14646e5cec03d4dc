// Warns two minutes before an idle session ends (idleExpiresAt from /api/auth/me), with a button
// that keeps the user signed in; when the time is up, reading the session again lets the server
// say it expired, and the app sends the user to the login page with that message.
import { useQueryClient } from '@tanstack/react-query';
import { AlertDialog, Button, ButtonGroup, Heading, Paragraph } from '@utrecht/component-library-react';
import { type SyntheticEvent, useEffect, useRef, useState } from 'react';
import { sessionKey } from '../app/session.ts';
import { useI18n } from '../i18n/index.tsx';

const warningMs = 2 * 60 * 1000;
/** Ask the server just after the end, so it has certainly expired the session by then. */
const expiryMarginMs = 1000;

export function IdleWarning({ idleExpiresAt, onSignOut }: { idleExpiresAt: string; onSignOut: () => void }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const dialog = useRef<HTMLDialogElement>(null);
  const [isOpen, setOpen] = useState(false);

  useEffect(() => {
    const expiresAt = Date.parse(idleExpiresAt);
    const warn = setTimeout(() => setOpen(true), Math.max(0, expiresAt - warningMs - Date.now()));
    const end = setTimeout(
      () => {
        setOpen(false);
        void client.invalidateQueries({ queryKey: sessionKey });
      },
      Math.max(0, expiresAt + expiryMarginMs - Date.now()),
    );
    return () => {
      clearTimeout(warn);
      clearTimeout(end);
    };
  }, [idleExpiresAt, client]);

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
