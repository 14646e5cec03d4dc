// The overview tab: the child's data, the support level with its history, and the school career.
// The forms to change data and level show when the server says the user may (the child's `permissions`).
import { Heading, Paragraph } from '@utrecht/component-library-react';
import { Link } from '../../../app/router.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import { SupportLevelBadge } from '../level.tsx';
import { EnrolmentHistory, SupportLevelHistory } from '../overview/History.tsx';
import { StudentData } from '../overview/StudentData.tsx';
import { SupportLevelChange } from '../overview/SupportLevel.tsx';
import type { StudentTabProps } from '../tabProps.ts';

export default function OverviewTab({ student }: StudentTabProps) {
  const { t } = useI18n();
  return (
    <>
      <section aria-labelledby="overview-data" className="passend-student-section">
        <Heading level={3} id="overview-data">
          {t('student.data.title')}
        </Heading>
        <StudentData student={student} mayEdit={student.permissions.edit} />
        {student.permissions.reportAbsence && (
          <Paragraph>
            <Link href={`/absence/report/${encodeURIComponent(student.id)}`} className="utrecht-link">
              {t('abs.report.link')}
            </Link>
          </Paragraph>
        )}
      </section>
      <section aria-labelledby="overview-level" className="passend-student-section">
        <Heading level={3} id="overview-level">
          {t('student.levels.title')}
        </Heading>
        <Paragraph>
          {t('student.levels.current')} <SupportLevelBadge level={student.supportLevel} />
        </Paragraph>
        {student.permissions.changeSupportLevel && <SupportLevelChange student={student} />}
        <SupportLevelHistory student={student} />
      </section>
      <section aria-labelledby="overview-enrolments" className="passend-student-section">
        <Heading level={3} id="overview-enrolments">
          {t('student.enrolments.title')}
        </Heading>
        <EnrolmentHistory student={student} />
      </section>
      {student.permissions.exportFile && <ChildExport student={student} />}
    </>
  );
}

/** docs/SECURITY.md E1: one download of everything about the child, as a PDF to read and as JSON. */
function ChildExport({ student }: Pick<StudentTabProps, 'student'>) {
  const { t } = useI18n();
  const path = `/api/students/${encodeURIComponent(student.id)}/export`;
  return (
    <section aria-labelledby="overview-export" className="passend-student-section">
      <Heading level={3} id="overview-export">
        {t('student.export.title')}
      </Heading>
      <Paragraph>
        {t(student.permissions.asParent ? 'student.export.intro.parent' : 'student.export.intro.staff')}
      </Paragraph>
      <ul className="passend-export-links">
        <li>
          <a className="utrecht-link" href={`${path}?format=pdf`} download>
            {t('student.export.pdf')}
          </a>
        </li>
        <li>
          <a className="utrecht-link" href={`${path}?format=json`} download>
            {t('student.export.json')}
          </a>
        </li>
      </ul>
    </section>
  );
}
