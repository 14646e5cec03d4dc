// The main navigation: which links each role sees. Features add their entries here.
import type { Role } from '../../domain/roles.ts';
import type { MessageKey } from '../i18n/nl.ts';
import type { Me } from './session.ts';

export type NavigationItem = { href: string; label: MessageKey; roles: readonly Role[] | 'all' };

export const navigation: NavigationItem[] = [
  { href: '/', label: 'nav.home', roles: 'all' },
  // The home's lists as pages of their own, for roles with more than a home.
  { href: '/team/schools', label: 'home.nav.teamSchools', roles: ['consultant'] },
  { href: '/team/evaluations', label: 'home.nav.evaluations', roles: ['consultant'] },
  { href: '/children', label: 'home.nav.children', roles: ['parent'] },
  {
    href: '/requests',
    label: 'work.nav.queue',
    roles: ['consultant', 'committee', 'school_ib', 'school_director'],
  },
  { href: '/transitions', label: 'trans.nav', roles: ['school_ib', 'school_director', 'consultant'] },
  // Objections, disputes, complaints and the support point: the SWV's registers; parents' complaints.
  { href: '/objections', label: 'obj.nav.queue', roles: ['consultant', 'committee'] },
  { href: '/disputes', label: 'obj.nav.disputes', roles: ['swv_admin', 'consultant', 'committee'] },
  { href: '/complaints', label: 'obj.nav.complaints', roles: ['swv_admin', 'consultant', 'committee'] },
  { href: '/support-signals', label: 'obj.nav.signals', roles: ['swv_admin', 'consultant', 'committee'] },
  { href: '/complaints', label: 'obj.nav.myComplaints', roles: ['parent'] },
  // Children at home: the cases for those who work them (leerplicht are partners), the figures.
  { href: '/absence', label: 'abs.nav.list', roles: ['consultant', 'school_ib', 'partner'] },
  { href: '/absence/figures', label: 'abs.nav.figures', roles: ['committee', 'policy'] },
  // The monitor: the SWV's figures over the years, counts only.
  { href: '/monitor', label: 'mon.nav', roles: ['policy', 'swv_admin', 'committee'] },
  { href: '/admin/users', label: 'nav.admin.users', roles: ['swv_admin'] },
  { href: '/admin/schools', label: 'nav.admin.schools', roles: ['swv_admin'] },
  { href: '/admin/boards', label: 'nav.admin.boards', roles: ['swv_admin'] },
  { href: '/admin/teams', label: 'nav.admin.teams', roles: ['swv_admin'] },
  { href: '/admin/partners', label: 'nav.admin.partners', roles: ['swv_admin'] },
  { href: '/admin/request-types', label: 'work.nav.types', roles: ['swv_admin'] },
  // After the queue for the SWV's staff; beside the catalogue for its administrator.
  {
    href: '/requests/budget',
    label: 'work.nav.budget',
    roles: ['swv_admin', 'committee', 'policy', 'consultant'],
  },
  // Places and waiting lists: the list for who reads children's waits, the count and places for the SWV.
  {
    href: '/waiting-list',
    label: 'cap.nav.waiting',
    roles: ['consultant', 'committee', 'school_ib', 'school_director'],
  },
  { href: '/waiting-list/counts', label: 'cap.nav.counts', roles: ['swv_admin', 'policy'] },
  // A school's director keeps its places up to date; its IB'er sees them.
  {
    href: '/capacity',
    label: 'cap.nav.places',
    roles: ['swv_admin', 'consultant', 'committee', 'policy', 'school_director', 'school_ib'],
  },
  { href: '/surveys', label: 'survey.nav.mine', roles: ['parent'] },
  {
    href: '/surveys/results',
    label: 'survey.nav.results',
    roles: ['swv_admin', 'consultant', 'committee', 'policy', 'school_ib', 'school_director'],
  },
  { href: '/admin/settings', label: 'nav.admin.settings', roles: ['swv_admin'] },
  { href: '/admin/absence-ladder', label: 'abs.nav.ladder', roles: ['swv_admin'] },
  { href: '/admin/school-holidays', label: 'nav.admin.schoolHolidays', roles: ['swv_admin'] },
  { href: '/admin/single-sign-on', label: 'nav.admin.sso', roles: ['swv_admin'] },
  { href: '/admin/role-grants', label: 'nav.admin.grants', roles: ['swv_admin'] },
  { href: '/admin/audit', label: 'nav.admin.audit', roles: ['swv_admin'] },
  { href: '/admin/retention', label: 'nav.admin.retention', roles: ['swv_admin'] },
  { href: '/admin/jobs', label: 'nav.admin.jobs', roles: ['operator'] },
  { href: '/admin/break-glass', label: 'nav.admin.breakGlass', roles: ['operator', 'swv_admin'] },
  { href: '/admin/outbox', label: 'notif.nav.outbox', roles: ['swv_admin', 'operator'] },
];

/** Staff of a school reach its children from the menu; the link names their school. */
const schoolRoles: readonly Role[] = ['school_ib', 'school_director', 'teacher'];

function schoolStudents(memberships: Me['user']['memberships']): NavigationItem | null {
  const atSchool = memberships.find((m) => schoolRoles.includes(m.role) && m.schoolId !== null);
  if (!atSchool?.schoolId) return null;
  return {
    href: `/schools/${encodeURIComponent(atSchool.schoolId)}/students`,
    label: 'student.nav.list',
    roles: schoolRoles,
  };
}

export function navigationFor(memberships: Me['user']['memberships']): NavigationItem[] {
  const roles = memberships.map((membership) => membership.role);
  const [home, ...rest] = navigation.filter(
    (item) => item.roles === 'all' || item.roles.some((role) => roles.includes(role)),
  );
  const students = schoolStudents(memberships);
  return [home!, ...(students ? [students] : []), ...rest];
}
