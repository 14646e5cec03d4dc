// The outbox (/admin/outbox): every e-mail Passend sent or means to send, newest first, with its
// state, attempts and the mail server's last answer; a failed or held one can be sent again. The
// SWV administrator sees their SWV's e-mails with their text (what would have been sent, when no
// mail server is set); the operator every SWV's, without the text.
import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { type OutboxState, outboxStates } from '../../../domain/notifications.ts';
import { ApiError } from '../../app/api.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { type Feedback, FeedbackMessage, SelectField } from '../../components/forms.tsx';
import { EmptyState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Loaded } from '../admin/frames.tsx';
import { Pager } from '../home/Pager.tsx';
import { type OutboxMessage, outboxPageSize, useOutbox, useRetry } from './data.ts';
import './notifications.css';

function MessageText({ message }: { message: OutboxMessage }) {
  const { t } = useI18n();
  if (message.body === null) return null;
  return (
    <details>
      <summary>{t('notif.outbox.body')}</summary>
      <pre className="passend-outbox-body">{message.body}</pre>
    </details>
  );
}

export default function OutboxPage() {
  const { t, formatDateTime, formatNumber } = useI18n();
  const [state, setState] = useState<OutboxState | ''>('');
  const [page, setPage] = useState(1);
  const outbox = useOutbox(state, (page - 1) * outboxPageSize);
  const retry = useRetry();
  const [feedback, setFeedback] = useState<Feedback>(null);

  function sendAgain(message: OutboxMessage) {
    retry.mutate(message.id, {
      onSuccess: () => setFeedback({ ok: true, text: t('notif.outbox.retried', { to: message.to }) }),
      onError: (error) =>
        setFeedback({
          ok: false,
          text: t('notif.outbox.retryFailed', {
            reason:
              error instanceof ApiError &&
              (error.details as { rule?: string })?.rule === 'email_address_invalid'
                ? t('notif.outbox.invalidAddress')
                : t('app.error'),
          }),
        }),
    });
  }

  return (
    <>
      <Heading level={1}>{t('notif.outbox.title')}</Heading>
      <Paragraph>{t('notif.outbox.intro')}</Paragraph>
      <div className="passend-outbox-filter">
        <SelectField
          path="outbox-state"
          label={t('notif.outbox.filter')}
          value={state}
          placeholder={t('notif.outbox.all')}
          options={outboxStates.map((value) => ({ value, label: t(`notif.outbox.state.${value}`) }))}
          onChange={(value) => {
            setState(value as OutboxState | '');
            setPage(1);
          }}
        />
      </div>
      <FeedbackMessage feedback={feedback} />
      <Loaded queries={[outbox]}>
        {() => {
          const data = outbox.data!;
          if (data.total === 0) return <EmptyState>{t('notif.outbox.empty')}</EmptyState>;
          return (
            <>
              <DataTable
                caption={t('notif.outbox.caption')}
                rows={data.messages}
                rowKey={(message) => message.id}
                columns={[
                  { header: t('notif.outbox.to'), cell: (message) => message.to },
                  {
                    header: t('notif.outbox.subject'),
                    cell: (message) => (
                      <>
                        {message.subject}
                        <MessageText message={message} />
                      </>
                    ),
                  },
                  {
                    header: t('notif.outbox.state'),
                    cell: (message) => (
                      <>
                        {t(`notif.outbox.state.${message.state}`)}
                        {message.lastError && (
                          <span className="passend-outbox-note">
                            {t('notif.outbox.lastErrorIs', { error: message.lastError })}
                          </span>
                        )}
                      </>
                    ),
                  },
                  {
                    header: t('notif.outbox.attempts'),
                    numeric: true,
                    cell: (message) => formatNumber(message.attempts),
                  },
                  {
                    header: t('notif.outbox.when'),
                    cell: (message) => (
                      <>
                        {formatDateTime(message.createdAt)}
                        {message.sentAt && (
                          <span className="passend-outbox-note">
                            {t('notif.outbox.sentAt', { at: formatDateTime(message.sentAt) })}
                          </span>
                        )}
                      </>
                    ),
                  },
                  {
                    header: t('notif.outbox.retry'),
                    cell: (message) =>
                      message.state === 'failed' || message.state === 'held' ? (
                        <Button
                          appearance="secondary-action-button"
                          aria-label={t('notif.outbox.retryOf', { to: message.to })}
                          disabled={retry.isPending}
                          onClick={() => sendAgain(message)}
                        >
                          {t('notif.outbox.retry')}
                        </Button>
                      ) : null,
                  },
                ]}
              />
              <Pager
                label={t('notif.outbox.pages')}
                total={data.total}
                page={page}
                pageSize={outboxPageSize}
                onPage={setPage}
              />
            </>
          );
        }}
      </Loaded>
    </>
  );
}
