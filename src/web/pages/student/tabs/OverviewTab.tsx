// The overview tab: the child's data.

import { useI18n } from '../../../i18n/index.tsx';
import type { StudentTabProps } from '../tabs.ts';

export default function OverviewTab({ student }: StudentTabProps) {
  const { t, formatDate } = useI18n();
  return (
    <dl className="passend-student-facts">
      <div>
        <dt>{t('student.header.birthDate')}</dt>
        <dd>{formatDate(student.birthDate)}</dd>
      </div>
    </dl>
  );
}
