// The child's history on the overview (GET /api/students/:id/history): the support levels with
// date, reason and who set them, and the schools and groups the child went to, newest first.
import { useQuery } from '@tanstack/react-query';
import type { StudentHistory } from '../../../../contracts/students.ts';
import { api } from '../../../app/api.ts';
import { DataTable } from '../../../components/DataTable.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/States.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { type Student, studentKeys, studentPath } from '../data.ts';

export const useHistory = (studentId: string) =>
  useQuery({
    queryKey: studentKeys.history(studentId),
    queryFn: () => api<typeof StudentHistory>('GET', `${studentPath(studentId)}/history`),
  });

export function SupportLevelHistory({ student }: { student: Student }) {
  const { t, formatDate } = useI18n();
  const query = useHistory(student.id);
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState onRetry={() => void query.refetch()} />;
  const changes = query.data.supportLevels;
  if (changes.length === 0) return <EmptyState>{t('student.levels.empty')}</EmptyState>;
  return (
    <DataTable
      caption={t('student.levels.caption', { name: student.givenName })}
      columns={[
        { header: t('student.levels.effectiveOn'), cell: (change) => formatDate(change.effectiveOn) },
        {
          header: t('student.levels.level'),
          cell: (change) =>
            change.previousLevel === null
              ? t('student.levels.to', { level: change.level })
              : t('student.levels.fromTo', { from: change.previousLevel, level: change.level }),
        },
        { header: t('student.levels.reason'), cell: (change) => change.reason },
        {
          header: t('student.levels.setBy'),
          cell: (change) =>
            t('student.levels.setByOn', {
              name: change.setByName ?? t('student.unknownPerson'),
              date: formatDate(change.setAt),
            }),
        },
      ]}
      rows={changes}
      rowKey={(change) => `${change.setAt}-${change.level}`}
    />
  );
}

export function EnrolmentHistory({ student }: { student: Student }) {
  const { t, formatDate } = useI18n();
  const query = useHistory(student.id);
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState onRetry={() => void query.refetch()} />;
  const enrolments = query.data.enrolments;
  if (enrolments.length === 0) return <EmptyState>{t('student.enrolments.empty')}</EmptyState>;
  return (
    <DataTable
      caption={t('student.enrolments.caption', { name: student.givenName })}
      columns={[
        { header: t('student.enrolments.school'), cell: (enrolment) => enrolment.schoolName },
        { header: t('student.enrolments.group'), cell: (enrolment) => enrolment.groupName || '—' },
        { header: t('student.enrolments.from'), cell: (enrolment) => formatDate(enrolment.startedOn) },
        {
          header: t('student.enrolments.to'),
          cell: (enrolment) =>
            enrolment.endedOn === null ? t('student.enrolments.now') : formatDate(enrolment.endedOn),
        },
      ]}
      rows={enrolments}
      rowKey={(enrolment) => `${enrolment.schoolId}-${enrolment.groupName}-${enrolment.startedOn}`}
    />
  );
}
