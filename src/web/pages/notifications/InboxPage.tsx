// One's own notifications (/notifications), newest first: each line says in words what happened,
// with the child's first name, and leads to the thing it is about; unread ones stand out and can
// be marked read one by one or all at once. Opening a notice marks it read too.
import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { Link } from '../../app/router.tsx';
import { type Feedback, FeedbackMessage } from '../../components/forms.tsx';
import { EmptyState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Loaded } from '../admin/frames.tsx';
import { Pager } from '../home/Pager.tsx';
import { inboxPageSize, type Notice, useInbox, useMarkRead } from './data.ts';
import './notifications.css';

/** The notice in words: "De aanvraag voor Hugo is teruggestuurd: niet compleet". */
export function useNoticeText() {
  const { t } = useI18n();
  return (notice: Pick<Notice, 'kind' | 'firstName'>) =>
    t(`notif.kind.${notice.kind}`, {
      for: notice.firstName ? t('notif.for', { name: notice.firstName }) : '',
    });
}

function NoticeItem({ notice }: { notice: Notice }) {
  const { t, formatDateTime } = useI18n();
  const textOf = useNoticeText();
  const markRead = useMarkRead();
  const text = textOf(notice);
  const unread = notice.readAt === null;
  return (
    <li className={`passend-notice${unread ? ' passend-notice--unread' : ''}`}>
      <div className="passend-notice__text">
        <span className="passend-notice__state">
          {unread ? t('notif.inbox.unread') : t('notif.inbox.read')}
        </span>
        <Link
          href={notice.link}
          className="utrecht-link"
          onClick={() => unread && markRead.mutate(notice.id)}
        >
          {text}
        </Link>
        <time dateTime={notice.createdAt} className="passend-notice__time">
          {formatDateTime(notice.createdAt)}
        </time>
      </div>
      {unread && (
        <Button
          appearance="secondary-action-button"
          aria-label={t('notif.inbox.markReadOf', { text })}
          disabled={markRead.isPending}
          onClick={() => markRead.mutate(notice.id)}
        >
          {t('notif.inbox.markRead')}
        </Button>
      )}
    </li>
  );
}

export default function InboxPage() {
  const { t, formatNumber } = useI18n();
  const [page, setPage] = useState(1);
  const inbox = useInbox((page - 1) * inboxPageSize);
  const markRead = useMarkRead();
  const [feedback, setFeedback] = useState<Feedback>(null);
  return (
    <>
      <Heading level={1}>{t('notif.inbox.title')}</Heading>
      <Paragraph>{t('notif.inbox.intro')}</Paragraph>
      <Paragraph>
        <Link href="/settings/notifications" className="utrecht-link">
          {t('notif.inbox.settings')}
        </Link>
      </Paragraph>
      <FeedbackMessage feedback={feedback} />
      <Loaded queries={[inbox]}>
        {() => {
          const data = inbox.data!;
          if (data.total === 0) return <EmptyState>{t('notif.inbox.empty')}</EmptyState>;
          return (
            <>
              <div className="passend-notices__head">
                <Paragraph>
                  {t('notif.inbox.summary', {
                    unread: formatNumber(data.unread),
                    total: formatNumber(data.total),
                  })}
                </Paragraph>
                {data.unread > 0 && (
                  <Button
                    appearance="secondary-action-button"
                    disabled={markRead.isPending}
                    onClick={() =>
                      markRead.mutate('all', {
                        onSuccess: () => setFeedback({ ok: true, text: t('notif.inbox.allRead') }),
                      })
                    }
                  >
                    {t('notif.inbox.readAll')}
                  </Button>
                )}
              </div>
              <ul className="passend-notices">
                {data.notifications.map((notice) => (
                  <NoticeItem key={notice.id} notice={notice} />
                ))}
              </ul>
              <Pager
                label={t('notif.inbox.pages')}
                total={data.total}
                page={page}
                pageSize={inboxPageSize}
                onPage={setPage}
              />
            </>
          );
        }}
      </Loaded>
    </>
  );
}
