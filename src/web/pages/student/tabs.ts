// The tabs of a child's file page (/students/:id/:tab). Each feature adds its tab here: an id for
// the URL, its label, the part of the file it shows, and the page. Which parts the user may open
// is the server's answer: the child's `permissions.parts` (docs/decisions/0017-…).
// The page (StudentPage.tsx) shows the label as the tab's h2 and puts the overview first and the
// access log last; a tab page's own headings start at h3.
import { type ComponentType, lazy } from 'react';
import type { MessageKey } from '../../i18n/nl.ts';
import type { Student } from './data.ts';
import type { StudentTabProps } from './tabProps.ts';

export type StudentTab = {
  id: string;
  label: MessageKey;
  /** The part of the file the tab shows; none for the overview, which everyone who opens the file sees. */
  part: keyof Student['permissions']['parts'] | null;
  page: ComponentType<StudentTabProps>;
};

/** Tab pages load with the tab, so the file page itself stays small. */
export const tabPage = (load: () => Promise<{ default: ComponentType<StudentTabProps> }>) => lazy(load);

export const studentTabs: StudentTab[] = [
  {
    id: 'plan',
    label: 'plan.tab',
    part: 'plan',
    page: tabPage(() => import('./tabs/PlanTab.tsx')),
  },
  {
    id: 'meetings',
    label: 'student.tab.meetings',
    part: 'meetings',
    page: tabPage(() => import('./tabs/MeetingsTab.tsx')),
  },
  {
    id: 'documents',
    label: 'student.tab.documents',
    // The server lists to each only what they may read (parents: what was shared with them).
    part: 'documents',
    page: tabPage(() => import('./tabs/DocumentsTab.tsx')),
  },
  {
    id: 'consent',
    label: 'student.tab.consent',
    part: 'consent',
    page: tabPage(() => import('./tabs/ConsentTab.tsx')),
  },
  {
    id: 'requests',
    label: 'requests.tab',
    part: 'requests',
    page: tabPage(() => import('./tabs/RequestsTab.tsx')),
  },
  {
    id: 'transitions',
    label: 'trans.tab',
    part: 'transitions',
    page: tabPage(() => import('./tabs/TransitionsTab.tsx')),
  },
  {
    // docs/domain.md, "Places and waiting lists": whoever reads the child's requests sees the tab;
    // the server says which waits they read (a school waited for uses the waiting list instead).
    id: 'waiting',
    label: 'cap.tab',
    part: 'requests',
    page: tabPage(() => import('../capacity/WaitingTab.tsx')),
  },
  {
    // docs/domain.md, "Hand-over dossiers (OSO)": the server leaves out what the reader may not see.
    id: 'oso',
    label: 'oso.tab',
    part: 'osoDossier',
    page: tabPage(() => import('./tabs/OsoDossierTab.tsx')),
  },
  {
    id: 'case-team',
    label: 'student.tab.caseTeam',
    part: 'caseTeam',
    page: tabPage(() => import('./tabs/CaseTeamTab.tsx')),
  },
];
