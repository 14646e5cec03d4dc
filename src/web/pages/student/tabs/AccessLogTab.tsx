// The access-log tab (TRUST A3): who looked at or changed the child's file, when, in what role and
// on behalf of which organisation, and whether it was allowed; for parents and the IB'er. The
// period is in the URL (?from=&to=), so a filtered view can be reloaded or shared.
import { useQuery } from '@tanstack/react-query';
import { Button, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import type { AccessLogEntryView } from '../../../../contracts/students.ts';
import { roles } from '../../../../domain/roles.ts';
import { api } from '../../../app/api.ts';
import { Link, navigate, useLocation } from '../../../app/router.tsx';
import { DataTable } from '../../../components/DataTable.tsx';
import { ErrorSummary, type FieldErrors, TextField } from '../../../components/forms.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/States.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import type { MessageKey } from '../../../i18n/nl.ts';
import { studentKeys, studentPath } from '../data.ts';
import type { StudentTabProps } from '../tabs.ts';

type Entry = z.infer<typeof AccessLogEntryView>;

/** The most rows one view shows; a shorter period shows older ones. */
const limit = 200;

const objectLabels: Record<string, MessageKey> = {
  student: 'student.log.object.student',
  access_log: 'student.log.object.access_log',
  student_list: 'student.log.object.student_list',
  plan: 'student.log.object.plan',
  plan_agreement: 'student.log.object.plan_agreement',
  plan_response: 'student.log.object.plan_response',
  support_level: 'student.log.object.support_level',
  case_meeting: 'student.log.object.case_meeting',
  case_meeting_action: 'student.log.object.case_meeting_action',
  document: 'student.log.object.document',
  document_list: 'student.log.object.document_list',
  consent: 'student.log.object.consent',
};

const actionLabels: Record<string, MessageKey> = {
  read: 'student.log.action.read',
  update: 'student.log.action.update',
  create: 'student.log.action.create',
  delete: 'student.log.action.delete',
  export: 'student.log.action.export',
  print: 'student.log.action.print',
  search: 'student.log.action.search',
};

/** The changed fields of the child's data, by the names the form uses. */
const fieldLabels: Record<string, MessageKey> = {
  givenName: 'student.field.givenName',
  familyNamePrefix: 'student.field.familyNamePrefix',
  familyName: 'student.field.familyName',
  birthDate: 'student.field.birthDate',
  schoolKey: 'student.field.schoolKey',
  groupName: 'student.field.groupName',
};

const isRole = (role: string): role is (typeof roles)[number] => (roles as readonly string[]).includes(role);

function useWhat() {
  const { t } = useI18n();
  return (entry: Entry) => {
    const what = t('student.log.what', {
      object: t(objectLabels[entry.objectType] ?? 'student.log.object.other'),
      action: t(actionLabels[entry.action] ?? 'student.log.action.other'),
    });
    if (entry.objectType !== 'student' || entry.action !== 'update' || !entry.part) return what;
    const fields = entry.part.split(',').map((field) => {
      const label = fieldLabels[field];
      return label ? t(label).toLowerCase() : field;
    });
    return `${what}: ${fields.join(', ')}`;
  };
}

export default function AccessLogTab({ student, me }: StudentTabProps) {
  const { t, formatDateTime } = useI18n();
  const { pathname, search } = useLocation();
  const params = new URLSearchParams(search);
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const what = useWhat();
  const query = useQuery({
    queryKey: studentKeys.accessLog(student.id, from, to),
    queryFn: () => {
      const filter = new URLSearchParams({ limit: String(limit) });
      if (from) filter.set('from', from);
      if (to) filter.set('to', to);
      return api<z.ZodArray<typeof AccessLogEntryView>>(
        'GET',
        `${studentPath(student.id)}/access-log?${filter}`,
      );
    },
  });
  const isParent = me.user.memberships.some((membership) => membership.role === 'parent');

  return (
    <>
      <Paragraph>
        {t(isParent ? 'student.log.introParent' : 'student.log.intro', { name: student.givenName })}
      </Paragraph>
      <PeriodFilter key={`${from}/${to}`} pathname={pathname} from={from} to={to} />
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState onRetry={() => void query.refetch()} />
      ) : query.data.length === 0 ? (
        <EmptyState>{t(from || to ? 'student.log.emptyPeriod' : 'student.log.empty')}</EmptyState>
      ) : (
        <>
          {query.data.length === limit && (
            <Paragraph>{t('student.log.truncated', { count: limit })}</Paragraph>
          )}
          <div className="passend-student-wide">
            <DataTable
              caption={t('student.log.caption', { name: student.givenName })}
              columns={[
                { header: t('student.log.when'), cell: (entry) => formatDateTime(entry.at) },
                {
                  header: t('student.log.who'),
                  cell: (entry) => entry.actorName ?? t('student.unknownPerson'),
                },
                {
                  header: t('student.log.role'),
                  cell: (entry) => (isRole(entry.actorRole) ? t(`role.${entry.actorRole}`) : entry.actorRole),
                },
                {
                  header: t('student.log.organisation'),
                  cell: (entry) =>
                    entry.organisationName ??
                    (entry.organisation === 'parent' ? t('student.log.asParent') : '—'),
                },
                { header: t('student.log.whatHeader'), cell: what },
                {
                  header: t('student.log.outcome'),
                  cell: (entry) =>
                    entry.outcome === 'allowed' ? t('student.log.allowed') : t('student.log.denied'),
                },
              ]}
              // Rows have no id of their own and may share a moment: the position is the key.
              rows={query.data.map((entry, position) => ({ ...entry, position }))}
              rowKey={(entry) => entry.position}
            />
          </div>
        </>
      )}
    </>
  );
}

/** The period as two dates; "show" puts it in the URL, "all" takes it out. */
function PeriodFilter({ pathname, from, to }: { pathname: string; from: string; to: string }) {
  const { t } = useI18n();
  const [fromInput, setFrom] = useState(from);
  const [toInput, setTo] = useState(to);
  const [errors, setErrors] = useState<FieldErrors | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (fromInput && toInput && fromInput > toInput) {
      setErrors({ to: 'student.log.error.period' });
      return;
    }
    setErrors(null);
    const period = new URLSearchParams();
    if (fromInput) period.set('from', fromInput);
    if (toInput) period.set('to', toInput);
    navigate(period.size > 0 ? `${pathname}?${period}` : pathname);
  }

  return (
    <form
      className="passend-student-filter"
      onSubmit={submit}
      noValidate
      aria-label={t('student.log.period')}
    >
      <ErrorSummary errors={errors} />
      <div className="passend-student-filter__fields">
        <TextField
          path="from"
          type="date"
          label={t('student.log.from')}
          value={fromInput}
          onChange={setFrom}
        />
        <TextField
          path="to"
          type="date"
          label={t('student.log.to')}
          value={toInput}
          error={errors?.to}
          onChange={setTo}
        />
        <Button type="submit" appearance="secondary-action-button">
          {t('student.log.show')}
        </Button>
        {(from || to) && (
          <Link href={pathname} className="utrecht-link">
            {t('student.log.all')}
          </Link>
        )}
      </div>
    </form>
  );
}
