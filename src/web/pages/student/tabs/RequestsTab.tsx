// The requests tab (/students/:id/requests): the child's requests to the SWV with their state,
// clock and decision, each linking to its page; the school's IB'er starts a new one here (a draft,
// filled by the server from the child's plan) and goes on on its page.
import { Button, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useEffect, useState } from 'react';
import { CreateRequestBody } from '../../../../contracts/requests.ts';
import { Link, navigate } from '../../../app/router.tsx';
import { DataTable } from '../../../components/DataTable.tsx';
import {
  ErrorSummary,
  errorsFromResponse,
  fieldId,
  SelectField,
  useFormSubmit,
  useFormToggle,
} from '../../../components/forms.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/States.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import {
  createRequest,
  type RequestRow,
  requestErrors,
  requestPage,
  useStudentRequests,
} from '../../requests/data.ts';
import { ClockText, StateBadge } from '../../requests/parts.tsx';
import { useRequestTypes } from '../../requests/queue.ts';
import type { Student } from '../data.ts';
import type { StudentTabProps } from '../tabProps.ts';
import '../../requests/requests.css';
import './casefile.css';

export default function RequestsTab({ student }: StudentTabProps) {
  const { t } = useI18n();
  const query = useStudentRequests(student.id);
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState onRetry={() => void query.refetch()} />;
  const { requests, permissions } = query.data;
  const asParent = student.permissions.asParent;
  return (
    <div className="passend-casefile">
      <Paragraph>
        {t(asParent ? 'requests.tab.introParent' : 'requests.tab.intro', { name: student.givenName })}
      </Paragraph>
      {permissions.create && <NewRequest student={student} requests={requests} />}
      {requests.length === 0 ? (
        <EmptyState>{t('requests.tab.empty', { name: student.givenName })}</EmptyState>
      ) : (
        <RequestTable requests={requests} caption={t('requests.tab.caption', { name: student.givenName })} />
      )}
    </div>
  );
}

function RequestTable({ requests, caption }: { requests: readonly RequestRow[]; caption: string }) {
  const { t, formatDate } = useI18n();
  return (
    <DataTable
      caption={caption}
      rows={requests}
      rowKey={(row) => row.id}
      columns={[
        {
          header: t('requests.column.request'),
          cell: (row) => (
            <Link href={requestPage(row.id)} className="utrecht-link">
              {t('requests.rowLink', { type: row.type.name, number: row.number })}
            </Link>
          ),
        },
        { header: t('requests.column.state'), cell: (row) => <StateBadge request={row} /> },
        { header: t('requests.column.clock'), cell: (row) => <ClockText request={row} /> },
        { header: t('requests.column.updated'), cell: (row) => formatDate(row.updatedAt) },
      ]}
    />
  );
}

/** The types a child's request may have, and the earlier grants of the same type it may extend. */
function NewRequest({ student, requests }: { student: Student; requests: readonly RequestRow[] }) {
  const { t } = useI18n();
  const { isOpen, setOpen, openButton } = useFormToggle('typeId');
  // The catalogue is read with the tab, so the form opens at once with focus in its first field.
  useRequestTypes(true);
  if (!isOpen)
    return (
      <Button ref={openButton} appearance="primary-action-button" onClick={() => setOpen(true)}>
        {t('requests.new')}
      </Button>
    );
  return <NewRequestForm student={student} requests={requests} onCancel={() => setOpen(false)} />;
}

/** A granted request that has run (or runs) can be extended by a new one of its type. */
const extendable = (row: RequestRow) =>
  row.outcome !== null && row.outcome !== 'rejected' && row.state !== 'withdrawn';

const messages = {
  typeId: 'requests.error.typeId',
  extendsRequestId: 'requests.error.extendsRequestId',
} as const;

function NewRequestForm({
  student,
  requests,
  onCancel,
}: {
  student: Student;
  requests: readonly RequestRow[];
  onCancel: () => void;
}) {
  const { t, formatDate } = useI18n();
  const types = useRequestTypes(true);
  const [typeId, setTypeId] = useState('');
  const [extendsId, setExtendsId] = useState('');
  const { errors, busy, submit } = useFormSubmit({
    messages,
    errorsOf: (caught) => requestErrors(caught, () => errorsFromResponse(caught, { messages })),
  });
  // Opened before the catalogue was in: the first field takes focus once it is there.
  const loaded = types.isSuccess;
  useEffect(() => {
    if (loaded && !document.activeElement?.closest('form'))
      document.getElementById(fieldId('typeId'))?.focus();
  }, [loaded]);
  if (types.isPending) return <LoadingState />;
  if (types.isError) return <ErrorState onRetry={() => void types.refetch()} />;
  const choices = types.data.types.filter((type) => type.active && type.subject === 'child');
  const earlier = requests.filter((row) => row.type.id === typeId && extendable(row));

  const save = (event: FormEvent) => {
    event.preventDefault();
    void submit(
      CreateRequestBody,
      { typeId: typeId || undefined, extendsRequestId: extendsId || null },
      async (body) => {
        const created = await createRequest(student.id, body);
        navigate(requestPage(created.id));
      },
    );
  };
  return (
    <form className="passend-form" onSubmit={save} noValidate aria-label={t('requests.new.label')}>
      <ErrorSummary errors={errors} />
      <SelectField
        path="typeId"
        label={t('requests.new.type')}
        description={t('requests.new.typeHint')}
        placeholder={t('requests.choose')}
        value={typeId}
        options={choices.map((type) => ({ value: type.id, label: type.name }))}
        error={errors?.typeId}
        onChange={(value) => {
          setTypeId(value);
          setExtendsId('');
        }}
      />
      {earlier.length > 0 && (
        <SelectField
          path="extendsRequestId"
          label={t('requests.new.extends')}
          description={t('requests.new.extendsHint')}
          placeholder={t('requests.new.extendsNone')}
          value={extendsId}
          options={earlier.map((row) => ({
            value: row.id,
            label: t('requests.new.extendsOption', {
              number: row.number,
              date: formatDate(row.updatedAt),
            }),
          }))}
          error={errors?.extendsRequestId}
          onChange={setExtendsId}
        />
      )}
      <div className="passend-student-actions">
        <Button type="submit" appearance="primary-action-button" disabled={busy}>
          {t('requests.new.submit')}
        </Button>
        <Button appearance="secondary-action-button" onClick={onCancel}>
          {t('admin.cancel')}
        </Button>
      </div>
    </form>
  );
}
