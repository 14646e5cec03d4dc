// The home page: "what needs me today?", as panels per role. Features add their panels here; a
// feature that does not exist yet has no panel.
import { Heading, Paragraph } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { useSession } from '../../app/session.ts';
import { useI18n } from '../../i18n/index.tsx';
import { RedLineCasesPanel, RedLineCountPanel } from '../absence/RedLinePanel.tsx';
import { SurveysPanel } from '../surveys/SurveysPage.tsx';
import { SchoolTransitionsPanel, TeamTransitionsPanel } from '../transitions/HomePanels.tsx';
import { TeamEvaluationsDuePanel, TeamSchoolsPanel } from './consultant.tsx';
import {
  OrganisationPanel,
  OwnGroupsPanel,
  ParentChildrenPanel,
  PartnerCasesPanel,
  SchoolSupportPanel,
  SwvFiguresPanel,
  SwvsPanel,
} from './panels.tsx';
import { RequestQueuePanel, SchoolRequestsPanel } from './requests.tsx';
import { CommitteePanel, DirectorPanel, ParentWaitingPanel } from './roles.tsx';
import './home.css';

export default function HomePage() {
  const { t } = useI18n();
  const session = useSession();
  const me = session.data;
  if (!me) return null;
  const memberships = me.user.memberships;
  const roles = new Set(memberships.map((m) => m.role));
  const schoolsOf = (...of: string[]) => [
    ...new Set(memberships.flatMap((m) => (of.includes(m.role) && m.schoolId ? [m.schoolId] : []))),
  ];
  const panels: ReactNode[] = [
    // The work that waits comes first: the queue of requests for the SWV's staff, the school's
    // open requests (what waits for the school first) for its IB'er.
    (roles.has('consultant') || roles.has('committee')) && <RequestQueuePanel key="requests" />,
    ...schoolsOf('school_ib').map((id) => <SchoolRequestsPanel key={`requests-${id}`} schoolId={id} />),
    // Moves between schools: what waits for a decision, a follow-up or a hand-over (all own schools in one).
    (roles.has('school_ib') || roles.has('school_director')) && <SchoolTransitionsPanel key="transitions" />,
    ...schoolsOf('school_ib').map((id) => <SchoolSupportPanel key={`support-${id}`} schoolId={id} />),
    ...schoolsOf('school_director').map((id) => <DirectorPanel key={`director-${id}`} schoolId={id} />),
    ...schoolsOf('teacher').map((id) => <OwnGroupsPanel key={`groups-${id}`} schoolId={id} />),
    // The consultant's own schools first, then the plans due in them, by school.
    // Children at home past the red line (3 months, no offer): the consultant's cases, the SWV's count.
    roles.has('consultant') && <RedLineCasesPanel key="red-line" />,
    !roles.has('consultant') && (roles.has('swv_admin') || roles.has('committee') || roles.has('policy')) && (
      <RedLineCountPanel key="red-line" />
    ),
    roles.has('consultant') && <TeamTransitionsPanel key="team-transitions" />,
    roles.has('consultant') && <TeamSchoolsPanel key="team" />,
    roles.has('consultant') && <TeamEvaluationsDuePanel key="evaluations-due" />,
    roles.has('partner') && <PartnerCasesPanel key="cases" />,
    // What waits for the parent's answer comes before the list of their children.
    roles.has('parent') && <ParentWaitingPanel key="waiting" />,
    roles.has('parent') && <SurveysPanel key="surveys" />,
    roles.has('parent') && <ParentChildrenPanel key="children" />,
    roles.has('committee') && <CommitteePanel key="committee" />,
    roles.has('policy') && <SwvFiguresPanel key="figures" />,
    roles.has('swv_admin') && <OrganisationPanel key="organisation" />,
    roles.has('operator') && <SwvsPanel key="swvs" />,
  ].filter(Boolean);
  return (
    <>
      <Heading level={1}>{t('home.title', { name: me.user.displayName })}</Heading>
      <Paragraph>{[...roles].map((role) => t(`role.${role}`)).join(', ')}</Paragraph>
      <Paragraph>{panels.length > 0 ? t('home.intro') : t('home.nothing')}</Paragraph>
      {panels}
    </>
  );
}
