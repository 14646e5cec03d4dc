// The overview tab: the child's data, the support level with its history, and the school career.
// Changing data and level is for the IB'er of the child's school and the consultant; the server
// decides, these roles only decide which forms are offered.
import { Heading, Paragraph } from '@utrecht/component-library-react';
import type { Me } from '../../../app/session.ts';
import { useI18n } from '../../../i18n/index.tsx';
import type { Student } from '../data.ts';
import { SupportLevelBadge } from '../level.tsx';
import { EnrolmentHistory, SupportLevelHistory } from '../overview/History.tsx';
import { StudentData } from '../overview/StudentData.tsx';
import { SupportLevelChange } from '../overview/SupportLevel.tsx';
import type { StudentTabProps } from '../tabProps.ts';

function worksOnFile(me: Me, student: Student): boolean {
  return me.user.memberships.some(
    (membership) =>
      membership.role === 'consultant' ||
      (membership.role === 'school_ib' && membership.schoolId === student.schoolId),
  );
}

export default function OverviewTab({ student, me }: StudentTabProps) {
  const { t } = useI18n();
  const mayChange = worksOnFile(me, student);
  return (
    <>
      <section aria-labelledby="overview-data" className="passend-student-section">
        <Heading level={3} id="overview-data">
          {t('student.data.title')}
        </Heading>
        <StudentData student={student} mayEdit={mayChange} />
      </section>
      <section aria-labelledby="overview-level" className="passend-student-section">
        <Heading level={3} id="overview-level">
          {t('student.levels.title')}
        </Heading>
        <Paragraph>
          {t('student.levels.current')} <SupportLevelBadge level={student.supportLevel} />
        </Paragraph>
        {mayChange && <SupportLevelChange student={student} />}
        <SupportLevelHistory student={student} />
      </section>
      <section aria-labelledby="overview-enrolments" className="passend-student-section">
        <Heading level={3} id="overview-enrolments">
          {t('student.enrolments.title')}
        </Heading>
        <EnrolmentHistory student={student} />
      </section>
    </>
  );
}
