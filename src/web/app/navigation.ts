// The main navigation: which links each role sees. Features add their entries here.
import type { Role } from '../../domain/roles.ts';
import type { MessageKey } from '../i18n/nl.ts';

export type NavigationItem = { href: string; label: MessageKey; roles: readonly Role[] | 'all' };

export const navigation: NavigationItem[] = [
  { href: '/', label: 'nav.home', roles: 'all' },
  { href: '/admin/users', label: 'nav.admin.users', roles: ['swv_admin'] },
  { href: '/admin/schools', label: 'nav.admin.schools', roles: ['swv_admin'] },
  { href: '/admin/boards', label: 'nav.admin.boards', roles: ['swv_admin'] },
  { href: '/admin/teams', label: 'nav.admin.teams', roles: ['swv_admin'] },
  { href: '/admin/partners', label: 'nav.admin.partners', roles: ['swv_admin'] },
  { href: '/admin/settings', label: 'nav.admin.settings', roles: ['swv_admin'] },
];

export function navigationFor(roles: readonly Role[]): NavigationItem[] {
  return navigation.filter((item) => item.roles === 'all' || item.roles.some((role) => roles.includes(role)));
}
