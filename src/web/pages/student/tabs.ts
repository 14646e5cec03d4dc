// The tabs of a child's file page (/students/:id/:tab). Each feature adds its tab here: an id for
// the URL, its label, the roles that see it (the server still decides every access), and the page.
// The page (StudentPage.tsx) shows the label as the tab's h2 and puts the overview first and the
// access log last; a tab page's own headings start at h3.
import { type ComponentType, lazy } from 'react';
import type { Role } from '../../../domain/roles.ts';
import type { MessageKey } from '../../i18n/nl.ts';
import type { StudentTabProps } from './tabProps.ts';

export type StudentTab = {
  id: string;
  label: MessageKey;
  roles: readonly Role[];
  page: ComponentType<StudentTabProps>;
};

/** Tab pages load with the tab, so the file page itself stays small. */
export const tabPage = (load: () => Promise<{ default: ComponentType<StudentTabProps> }>) => lazy(load);

export const studentTabs: StudentTab[] = [
  {
    id: 'plan',
    label: 'plan.tab',
    roles: ['school_ib', 'school_director', 'teacher', 'consultant', 'partner', 'parent'],
    page: tabPage(() => import('./tabs/PlanTab.tsx')),
  },
  {
    id: 'meetings',
    label: 'student.tab.meetings',
    roles: ['school_ib', 'school_director', 'teacher', 'consultant', 'partner'],
    page: tabPage(() => import('./tabs/MeetingsTab.tsx')),
  },
  {
    id: 'documents',
    label: 'student.tab.documents',
    // The server lists to each only what they may read (parents: what was shared with them).
    roles: ['school_ib', 'school_director', 'teacher', 'consultant', 'partner', 'parent'],
    page: tabPage(() => import('./tabs/DocumentsTab.tsx')),
  },
  {
    id: 'consent',
    label: 'student.tab.consent',
    roles: ['school_ib', 'school_director', 'consultant', 'parent'],
    page: tabPage(() => import('./tabs/ConsentTab.tsx')),
  },
  {
    id: 'case-team',
    label: 'student.tab.caseTeam',
    roles: ['school_ib', 'school_director', 'consultant', 'partner', 'parent'],
    page: tabPage(() => import('./tabs/CaseTeamTab.tsx')),
  },
];
