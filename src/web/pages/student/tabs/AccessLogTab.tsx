// The access-log tab (docs/SECURITY.md A3): who looked at or changed the child's file, when, in what role and
// on behalf of which organisation; for parents and the IB'er. A list per day, not a table, so it
// reads on a phone: a person's reads of a day are one line (src/domain/accessLogView.ts), other
// people's access comes first (the viewer's own behind a switch). Period, switch and page are in
// the URL (?from=&to=&own=&before=), so a view can be reloaded or shared.
import { useQuery } from '@tanstack/react-query';
import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import type { AccessLogLineView, AccessLogPage } from '../../../../contracts/students.ts';
import { roles } from '../../../../domain/roles.ts';
import { api } from '../../../app/api.ts';
import { Link, navigate, useLocation } from '../../../app/router.tsx';
import { CheckboxField, ErrorSummary, type FieldErrors, TextField } from '../../../components/forms.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/States.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import type { MessageKey } from '../../../i18n/nl.ts';
import { studentKeys, studentPath } from '../data.ts';
import type { StudentTabProps } from '../tabProps.ts';
import './accessLog.css';

type Line = z.infer<typeof AccessLogLineView>;

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
  child_export: 'student.log.object.child_export',
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

/** The view's state in the URL; changing the period or the switch starts at the newest days again. */
type View = { from: string; to: string; before: string; own: boolean };

/** The view as a query string, the same for the page's URL and the API call. */
function queryOf(view: View): string {
  const params = new URLSearchParams();
  if (view.from) params.set('from', view.from);
  if (view.to) params.set('to', view.to);
  if (view.own) params.set('own', 'true');
  if (view.before) params.set('before', view.before);
  return params.size > 0 ? `?${params}` : '';
}

const hrefOf = (pathname: string, view: View) => `${pathname}${queryOf(view)}`;

/** What a line says was done: the parts read, what was refused, or the one change. */
function useWhat() {
  const { t } = useI18n();
  const objectLabel = (objectType: string) => t(objectLabels[objectType] ?? 'student.log.object.other');
  return (line: Line) => {
    if (line.outcome !== 'allowed') {
      return t('student.log.deniedWhat', { object: objectLabel(line.objects[0]?.objectType ?? '') });
    }
    if (line.action === 'read') {
      const objects = line.objects.map((object) =>
        object.count > 1
          ? t('student.log.objectCount', { object: objectLabel(object.objectType), count: object.count })
          : objectLabel(object.objectType),
      );
      return t('student.log.viewed', { objects: objects.join(', ') });
    }
    const [object] = line.objects;
    // docs/SECURITY.md A4: the operator's break-glass window itself, opened or closed.
    if (object?.objectType === 'break_glass') {
      return t(line.action === 'create' ? 'student.log.breakGlassOpened' : 'student.log.breakGlassClosed');
    }
    const what = t('student.log.what', {
      object: objectLabel(object?.objectType ?? ''),
      action: t(actionLabels[line.action] ?? 'student.log.action.other'),
    });
    if (object?.objectType !== 'student' || line.action !== 'update' || !object.part) return what;
    const fields = object.part.split(',').map((field) => {
      const label = fieldLabels[field];
      return label ? t(label).toLowerCase() : field;
    });
    return `${what}: ${fields.join(', ')}`;
  };
}

export default function AccessLogTab({ student }: StudentTabProps) {
  const { t } = useI18n();
  const { pathname, search } = useLocation();
  const params = new URLSearchParams(search);
  const view: View = {
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
    before: params.get('before') ?? '',
    own: params.get('own') === 'true',
  };
  const query = useQuery({
    queryKey: studentKeys.accessLog(student.id, view),
    queryFn: () => api<typeof AccessLogPage>('GET', `${studentPath(student.id)}/access-log${queryOf(view)}`),
  });
  const hasPeriod = Boolean(view.from || view.to);
  const empty: MessageKey = hasPeriod
    ? view.own
      ? 'student.log.emptyPeriod'
      : 'student.log.emptyPeriodOthers'
    : view.own
      ? 'student.log.empty'
      : 'student.log.emptyOthers';

  return (
    <>
      <Paragraph>
        {t(student.permissions.asParent ? 'student.log.introParent' : 'student.log.intro', {
          name: student.givenName,
        })}
      </Paragraph>
      <PeriodFilter key={`${view.from}/${view.to}`} pathname={pathname} view={view} />
      <CheckboxField
        path="own"
        label={t('student.log.own')}
        value={view.own}
        onChange={(own) => navigate(hrefOf(pathname, { ...view, own, before: '' }))}
      />
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState onRetry={() => void query.refetch()} />
      ) : query.data.lines.length === 0 ? (
        <EmptyState>{t(empty)}</EmptyState>
      ) : (
        <>
          <LogDays lines={query.data.lines} />
          {(view.before || query.data.olderBefore) && (
            <nav aria-label={t('student.log.pages')} className="passend-pagination">
              {view.before && (
                <Link href={hrefOf(pathname, { ...view, before: '' })} className="utrecht-link">
                  {t('student.log.newest')}
                </Link>
              )}
              {query.data.olderBefore && (
                <Link
                  href={hrefOf(pathname, { ...view, before: query.data.olderBefore })}
                  className="utrecht-link"
                  rel="next"
                >
                  {t('student.log.older')}
                </Link>
              )}
            </nav>
          )}
        </>
      )}
    </>
  );
}

/** The lines under a heading per day; the lines come newest first, so a day's lines are adjacent. */
function LogDays({ lines }: { lines: Line[] }) {
  const { formatDate } = useI18n();
  const days: Array<{ day: string; lines: Line[] }> = [];
  for (const line of lines) {
    const last = days.at(-1);
    if (last?.day === line.day) last.lines.push(line);
    else days.push({ day: line.day, lines: [line] });
  }
  return (
    <div className="passend-log">
      {days.map(({ day, lines: ofDay }) => (
        <section key={day} aria-labelledby={`log-day-${day}`}>
          <Heading level={3} id={`log-day-${day}`}>
            {formatDate(day)}
          </Heading>
          <ul className="passend-log__lines">
            {ofDay.map((line, position) => (
              // Lines have no id of their own and may share a moment: the position is the key.
              // biome-ignore lint/suspicious/noArrayIndexKey: the list is replaced whole, never reordered
              <LogLine key={position} line={line} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

function LogLine({ line }: { line: Line }) {
  const { t, formatTime } = useI18n();
  const what = useWhat();
  const role = isRole(line.actorRole) ? t(`role.${line.actorRole}`) : line.actorRole;
  const isRefused = line.outcome !== 'allowed';
  const [first, last] = [formatTime(line.firstAt), formatTime(line.lastAt)];
  const when =
    line.count === 1
      ? last
      : first === last
        ? t('student.log.countAt', { count: line.count, time: last })
        : t('student.log.range', { count: line.count, first, last });
  return (
    <li className={`passend-log__line${isRefused ? ' passend-log__line--refused' : ''}`}>
      <p className="passend-log__when">{when}</p>
      <div className="passend-log__body">
        <p>
          <strong>
            {line.actorName ??
              t(line.organisation === 'other_swv' ? 'student.log.otherSwv' : 'student.unknownPerson')}
          </strong>
          {line.isOwn && ` ${t('student.log.you')}`}
        </p>
        <p>
          {line.organisationName
            ? t('student.log.roleFor', { role, organisation: line.organisationName })
            : role}
        </p>
        <p>
          {isRefused ? <strong>{what(line)}</strong> : what(line)}
          {line.breakGlass && <strong> ({t('student.log.breakGlass')})</strong>}
        </p>
      </div>
    </li>
  );
}

/** The period as two dates; "show" puts it in the URL, "all" takes it out. */
function PeriodFilter({ pathname, view }: { pathname: string; view: View }) {
  const { t } = useI18n();
  const [fromInput, setFrom] = useState(view.from);
  const [toInput, setTo] = useState(view.to);
  const [errors, setErrors] = useState<FieldErrors | null>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (fromInput && toInput && fromInput > toInput) {
      setErrors({ to: 'student.log.error.period' });
      return;
    }
    setErrors(null);
    navigate(hrefOf(pathname, { ...view, from: fromInput, to: toInput, before: '' }));
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
        {(view.from || view.to) && (
          <Link href={hrefOf(pathname, { ...view, from: '', to: '', before: '' })} className="utrecht-link">
            {t('student.log.all')}
          </Link>
        )}
      </div>
    </form>
  );
}
