// The child's file (/students/:id and /students/:id/:tab): breadcrumbs, a header with who the child
// is and the support level, and the tabs the server says the user may see, each at its own URL. The tab
// pages load with their tab. A 403 or 404 from the server shows a page that says so plainly.
import { Heading, Paragraph } from '@utrecht/component-library-react';
import { Suspense, useEffect, useRef } from 'react';
import { ApiError } from '../../app/api.ts';
import { Link } from '../../app/router.tsx';
import { type Me, useSession } from '../../app/session.ts';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { fullName } from '../home/data.ts';
import { Breadcrumbs } from './Breadcrumbs.tsx';
import { type Student, useStudent } from './data.ts';
import { SupportLevelBadge } from './level.tsx';
import { Refusal } from './Refusal.tsx';
import { type StudentTab, studentTabs, tabPage } from './tabs.ts';
import './student.css';

/** The file's own tabs: the overview first, the access log last, the features' tabs between. */
const overviewTab: StudentTab = {
  id: 'overview',
  label: 'student.tab.overview',
  part: null,
  page: tabPage(() => import('./tabs/OverviewTab.tsx')),
};
const accessLogTab: StudentTab = {
  id: 'access-log',
  label: 'student.tab.accessLog',
  part: 'accessLog',
  page: tabPage(() => import('./tabs/AccessLogTab.tsx')),
};

/** The tabs of the parts the server says the user may open. */
export function tabsFor(student: Student): StudentTab[] {
  return [overviewTab, ...studentTabs, accessLogTab].filter(
    (tab) => tab.part === null || student.permissions.parts[tab.part],
  );
}

export default function StudentPage({ params }: { params: Record<string, string> }) {
  const id = params.id ?? '';
  const query = useStudent(id);
  const session = useSession();
  const me = session.data?.stage === 'active' ? session.data : null;
  if (query.isPending || !me) return <LoadingState />;
  if (query.isError) {
    const status = query.error instanceof ApiError ? query.error.status : 0;
    if (status === 403) return <Refusal title="student.forbidden.title" body="student.forbidden.body" />;
    // A malformed id is as unknown as a missing one.
    if (status === 404 || status === 400)
      return <Refusal title="student.notFound.title" body="student.notFound.body" />;
    return <ErrorState onRetry={() => void query.refetch()} />;
  }
  return <StudentFile student={query.data} me={me} tabId={params.tab ?? overviewTab.id} />;
}

function StudentFile({ student, me, tabId }: { student: Student; me: Me; tabId: string }) {
  const { t, formatDate } = useI18n();
  const name = fullName(student);
  const tabs = tabsFor(student);
  const tab = tabs.find((candidate) => candidate.id === tabId);
  const heading = useRef<HTMLHeadingElement>(null);
  const shownTab = useRef(tabId);
  const tabStrip = useRef<HTMLElement>(null);

  // On a phone the tabs are one row that scrolls sideways: bring the current tab into view.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when another tab is chosen
  useEffect(() => {
    const strip = tabStrip.current;
    const current = strip?.querySelector<HTMLElement>('[aria-current="page"]');
    if (!strip || !current || strip.scrollWidth <= strip.clientWidth) return;
    strip.scrollLeft = current.offsetLeft - (strip.clientWidth - current.offsetWidth) / 2;
  }, [tabId]);

  // WCAG 2.4.3: after choosing a tab, focus goes to its heading (the layout leaves focus inside
  // the page alone), so a screen reader announces the new part and Tab continues from there.
  useEffect(() => {
    if (shownTab.current === tabId) return;
    shownTab.current = tabId;
    heading.current?.focus();
  }, [tabId]);

  const filePath = `/students/${encodeURIComponent(student.id)}`;
  const TabPage = tab?.page;
  return (
    <>
      <Breadcrumbs
        trail={[
          ...(student.permissions.openSchoolList
            ? [
                {
                  href: `/schools/${encodeURIComponent(student.schoolId)}/students`,
                  label: t('student.breadcrumb.list', { school: student.schoolName }),
                },
              ]
            : []),
          { href: filePath, label: name },
        ]}
      />

      <Heading level={1}>{name}</Heading>
      <dl className="passend-student-facts">
        <div>
          <dt>{t('student.header.birthDate')}</dt>
          <dd>{formatDate(student.birthDate)}</dd>
        </div>
        <div>
          <dt>{t('student.header.school')}</dt>
          <dd>{student.schoolName}</dd>
        </div>
        <div>
          <dt>{t('student.header.group')}</dt>
          <dd>{student.groupName || t('student.group.none')}</dd>
        </div>
        <div>
          <dt>{t('student.header.level')}</dt>
          <dd>
            <SupportLevelBadge level={student.supportLevel} />
          </dd>
        </div>
      </dl>

      <nav aria-label={t('student.tabs.label')} className="passend-tabs passend-scroll-cue" ref={tabStrip}>
        <ul className="passend-tabs__list">
          {tabs.map((candidate) => (
            <li key={candidate.id}>
              <Link
                href={`${filePath}/${candidate.id}`}
                className="passend-tabs__link"
                aria-current={candidate.id === tab?.id ? 'page' : undefined}
              >
                {t(candidate.label)}
              </Link>
            </li>
          ))}
        </ul>
      </nav>

      <section aria-labelledby="student-tab-heading" className="passend-tab-panel">
        <Heading level={2} id="student-tab-heading" ref={heading} tabIndex={-1} data-page-part>
          {tab ? t(tab.label) : t('app.notFound.title')}
        </Heading>
        {TabPage ? (
          <Suspense fallback={<LoadingState />}>
            <TabPage student={student} me={me} />
          </Suspense>
        ) : (
          <Paragraph>{t('student.tab.unknown')}</Paragraph>
        )}
      </section>
    </>
  );
}
