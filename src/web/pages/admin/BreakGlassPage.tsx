// Break-glass access (/admin/break-glass, docs/SECURITY.md A4). The operator opens read access to
// one child's file of one SWV, with a reason, for at most an hour, reads the file's front page
// there, and closes it when done. The SWV's administrator sees every window on the SWV's children:
// who, when, how long, why, and which child by record id (no names).
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import {
  type BreakGlassList,
  type BreakGlassWindowView,
  OpenBreakGlassBody,
  BreakGlassWindowView as WindowContract,
} from '../../../contracts/breakGlass.ts';
import type { StudentFileView } from '../../../contracts/students.ts';
import { defaultWindowMinutes } from '../../../domain/breakGlass.ts';
import { ApiError, api } from '../../app/api.ts';
import { useSession } from '../../app/session.ts';
import { DataTable } from '../../components/DataTable.tsx';
import {
  AdminForm,
  type Feedback,
  FeedbackMessage,
  type FieldErrors,
  SelectField,
  TextAreaField,
  TextField,
  useAdminForm,
} from '../../components/forms.tsx';
import { EmptyState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { fullName, useSwvs } from '../home/data.ts';
import { Loaded } from './frames.tsx';
import './admin.css';

const ownKey = ['break-glass', 'own'] as const;
const swvKey = ['break-glass', 'swv'] as const;

function StateText({ window }: { window: BreakGlassWindowView }) {
  const { t, formatDateTime } = useI18n();
  if (window.state === 'open') return <>{t('bg.state.open', { until: formatDateTime(window.closesAt) })}</>;
  if (window.state === 'closed') return <>{t('bg.state.closed', { at: formatDateTime(window.closedAt!) })}</>;
  return <>{t('bg.state.expired', { at: formatDateTime(window.closesAt) })}</>;
}

/** The file's front page, read through the open window: the server logs it as break-glass. */
function FileReadOnly({ window }: { window: BreakGlassWindowView }) {
  const { t, formatDate } = useI18n();
  const file = useQuery({
    queryKey: ['break-glass', 'file', window.id],
    queryFn: () =>
      api<typeof StudentFileView>('GET', `/api/students/${encodeURIComponent(window.studentId)}`),
    retry: false,
  });
  return (
    <section aria-labelledby="bg-file-title" className="passend-admin-section">
      <Heading level={2} id="bg-file-title">
        {t('bg.file.title')}
      </Heading>
      <Paragraph>{t('bg.file.intro')}</Paragraph>
      <Loaded queries={[file]}>
        {() => {
          const child = file.data!;
          return (
            <dl className="passend-admin-facts">
              <dt>{t('bg.file.name')}</dt>
              <dd>{fullName(child)}</dd>
              <dt>{t('bg.file.birthDate')}</dt>
              <dd>{formatDate(child.birthDate)}</dd>
              <dt>{t('bg.file.school')}</dt>
              <dd>{child.schoolName}</dd>
              <dt>{t('bg.file.group')}</dt>
              <dd>{child.groupName}</dd>
              <dt>{t('bg.file.supportLevel')}</dt>
              <dd>{child.supportLevel}</dd>
            </dl>
          );
        }}
      </Loaded>
    </section>
  );
}

function OperatorView() {
  const { t, formatDateTime } = useI18n();
  const client = useQueryClient();
  const swvs = useSwvs();
  const own = useQuery({
    queryKey: ownKey,
    queryFn: () => api<typeof BreakGlassList>('GET', '/api/break-glass'),
  });
  const [reading, setReading] = useState<string | null>(null);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const form = useAdminForm({
    response: WindowContract,
    initial: { swvId: '', studentId: '', reason: '', minutes: String(defaultWindowMinutes) },
    messages: { swvId: 'bg.error.swvId', studentId: 'bg.error.studentId', reason: 'bg.error.reason' },
    errorsOf: (caught): FieldErrors => {
      if (caught instanceof ApiError && caught.code === 'not_found')
        return { studentId: 'bg.error.notFound' };
      if (caught instanceof ApiError && caught.code === 'rule_violated')
        return { '': 'bg.error.alreadyOpen' };
      return { '': 'admin.error.form' };
    },
    onSaved: async (window) => {
      setReading(window.id);
      setFeedback(null);
      await client.invalidateQueries({ queryKey: ownKey });
    },
  });

  async function close(window: BreakGlassWindowView) {
    try {
      await api<typeof WindowContract>('POST', `/api/break-glass/${encodeURIComponent(window.id)}/close`);
      setFeedback({ ok: true, text: t('bg.closed') });
      if (reading === window.id) setReading(null);
    } catch {
      setFeedback({ ok: false, text: t('bg.error.close') });
    }
    await client.invalidateQueries({ queryKey: ownKey });
  }

  const readingWindow = own.data?.windows.find((w) => w.id === reading && w.state === 'open');
  return (
    <>
      <Paragraph>{t('bg.operator.intro')}</Paragraph>
      <Loaded queries={[swvs]}>
        {() => (
          <AdminForm
            form={form}
            title={t('bg.open.title')}
            headingLevel={2}
            status={form.saved ? t('bg.opened') : undefined}
            submitLabel={t('bg.open.submit')}
            onSubmit={() =>
              form.submit(
                OpenBreakGlassBody,
                { ...form.values, minutes: Number(form.values.minutes) },
                (body) => api<typeof WindowContract>('POST', '/api/break-glass', body),
              )
            }
          >
            <SelectField
              label={t('bg.open.swv')}
              placeholder={t('bg.open.swvPlaceholder')}
              options={swvs.data!.map((swv) => ({ value: swv.id, label: swv.name }))}
              {...form.field('swvId')}
            />
            <TextField
              label={t('bg.open.studentId')}
              description={t('bg.open.studentIdHint')}
              autoComplete="off"
              spellCheck={false}
              {...form.field('studentId')}
            />
            <TextAreaField
              label={t('bg.open.reason')}
              description={t('bg.open.reasonHint')}
              {...form.field('reason')}
            />
            <SelectField
              label={t('bg.open.minutes')}
              placeholder={t('bg.open.minutesPlaceholder')}
              options={[15, 30, 60].map((minutes) => ({
                value: String(minutes),
                label: t('bg.minutes', { minutes: String(minutes) }),
              }))}
              {...form.field('minutes')}
            />
          </AdminForm>
        )}
      </Loaded>
      {readingWindow && <FileReadOnly window={readingWindow} />}
      <Heading level={2}>{t('bg.own.title')}</Heading>
      <FeedbackMessage feedback={feedback} />
      <Loaded queries={[own]}>
        {() =>
          own.data!.windows.length === 0 ? (
            <EmptyState>{t('bg.none')}</EmptyState>
          ) : (
            <DataTable
              caption={t('bg.own.caption')}
              rows={own.data!.windows}
              rowKey={(window) => window.id}
              columns={[
                { header: t('bg.col.swv'), cell: (window) => window.swvName },
                { header: t('bg.col.child'), cell: (window) => <code>{window.studentId}</code> },
                { header: t('bg.col.opened'), cell: (window) => formatDateTime(window.openedAt) },
                { header: t('bg.col.state'), cell: (window) => <StateText window={window} /> },
                { header: t('bg.col.reason'), cell: (window) => window.reason },
                {
                  header: t('bg.col.actions'),
                  cell: (window) =>
                    window.state === 'open' ? (
                      <div className="passend-admin-actions">
                        <Button
                          appearance="secondary-action-button"
                          aria-label={t('bg.readLabel', { id: window.studentId })}
                          onClick={() => setReading(window.id)}
                        >
                          {t('bg.read')}
                        </Button>
                        <Button
                          appearance="secondary-action-button"
                          aria-label={t('bg.closeLabel', { id: window.studentId })}
                          onClick={() => close(window)}
                        >
                          {t('bg.close')}
                        </Button>
                      </div>
                    ) : null,
                },
              ]}
            />
          )
        }
      </Loaded>
    </>
  );
}

function AdministratorView() {
  const { t, formatDateTime, formatNumber } = useI18n();
  const list = useQuery({
    queryKey: swvKey,
    queryFn: () => api<typeof BreakGlassList>('GET', '/api/swv/break-glass'),
  });
  return (
    <>
      <Paragraph>{t('bg.admin.intro')}</Paragraph>
      <Loaded queries={[list]}>
        {() =>
          list.data!.windows.length === 0 ? (
            <EmptyState>{t('bg.admin.none')}</EmptyState>
          ) : (
            <DataTable
              caption={t('bg.admin.caption')}
              rows={list.data!.windows}
              rowKey={(window) => window.id}
              columns={[
                { header: t('bg.col.who'), cell: (window) => window.operatorName },
                { header: t('bg.col.opened'), cell: (window) => formatDateTime(window.openedAt) },
                {
                  header: t('bg.col.duration'),
                  cell: (window) => (
                    <>
                      {t('bg.minutes', { minutes: formatNumber(window.minutes) })}
                      <br />
                      <StateText window={window} />
                    </>
                  ),
                },
                { header: t('bg.col.reason'), cell: (window) => window.reason },
                { header: t('bg.col.child'), cell: (window) => <code>{window.studentId}</code> },
                {
                  header: t('bg.col.accesses'),
                  numeric: true,
                  cell: (window) => formatNumber(window.accesses),
                },
              ]}
            />
          )
        }
      </Loaded>
    </>
  );
}

export default function BreakGlassPage() {
  const { t } = useI18n();
  const session = useSession();
  const isOperator = session.data?.user.memberships.some((m) => m.role === 'operator') ?? false;
  return (
    <>
      <Heading level={1}>{t('bg.title')}</Heading>
      {isOperator ? <OperatorView /> : <AdministratorView />}
    </>
  );
}
