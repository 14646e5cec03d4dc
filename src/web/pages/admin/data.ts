// The admin pages' reads: the SWV's settings, users, boards, schools, teams and partner
// organisations, each one query shared by every page that shows them, refreshed after a change.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { AdminEventView, RoleGrantView } from '../../../contracts/admin.ts';
import type {
  BoardView,
  PartnerOrganisationView,
  SchoolHolidaysView,
  SchoolView,
  SwvView,
  TeamView,
  UserView,
} from '../../../contracts/organisations.ts';
import type { Role } from '../../../domain/roles.ts';
import { api } from '../../app/api.ts';
import type { MessageKey } from '../../i18n/nl.ts';

export type User = z.infer<typeof UserView>;
export type School = z.infer<typeof SchoolView>;
export type Team = z.infer<typeof TeamView>;
export type PartnerOrganisation = z.infer<typeof PartnerOrganisationView>;
export type Board = z.infer<typeof BoardView>;
export type Swv = z.infer<typeof SwvView>;
export type SchoolHolidays = z.infer<typeof SchoolHolidaysView>;
export type RoleGrant = z.infer<typeof RoleGrantView>;
export type AdminEvent = z.infer<typeof AdminEventView>;

export const adminKeys = {
  swv: ['admin', 'swv'],
  boards: ['admin', 'boards'],
  users: ['admin', 'users'],
  schools: ['admin', 'schools'],
  teams: ['admin', 'teams'],
  partners: ['admin', 'partner-organisations'],
  roleGrants: ['admin', 'role-grants'],
  events: ['admin', 'admin-events'],
  schoolHolidays: ['admin', 'school-holidays'],
} as const;

export function useRoleGrants() {
  return useQuery({
    queryKey: adminKeys.roleGrants,
    queryFn: () => api<z.ZodArray<typeof RoleGrantView>>('GET', '/api/role-grants'),
  });
}

/** The audit trail, a page of 100 at a time: `before` is the last event's time of the page above. */
export function useAdminEvents(before: string | null) {
  return useQuery({
    queryKey: [...adminKeys.events, before ?? 'newest'],
    queryFn: () =>
      api<z.ZodArray<typeof AdminEventView>>(
        'GET',
        `/api/admin-events${before ? `?before=${encodeURIComponent(before)}` : ''}`,
      ),
  });
}

export function useSwv() {
  return useQuery({ queryKey: adminKeys.swv, queryFn: () => api<typeof SwvView>('GET', '/api/swv') });
}

/** One school year's holidays, and the school years that have any. */
export function useSchoolHolidays(schoolYear: string) {
  return useQuery({
    queryKey: [...adminKeys.schoolHolidays, schoolYear],
    queryFn: () =>
      api<typeof SchoolHolidaysView>(
        'GET',
        `/api/swv/school-holidays?schoolYear=${encodeURIComponent(schoolYear)}`,
      ),
  });
}

export function useBoards() {
  return useQuery({
    queryKey: adminKeys.boards,
    queryFn: () => api<z.ZodArray<typeof BoardView>>('GET', '/api/boards'),
  });
}

export function useUsers() {
  return useQuery({
    queryKey: adminKeys.users,
    queryFn: () => api<z.ZodArray<typeof UserView>>('GET', '/api/users'),
  });
}

export function useSchools() {
  return useQuery({
    queryKey: adminKeys.schools,
    queryFn: () => api<z.ZodArray<typeof SchoolView>>('GET', '/api/schools'),
  });
}

export function useTeams() {
  return useQuery({
    queryKey: adminKeys.teams,
    queryFn: () => api<z.ZodArray<typeof TeamView>>('GET', '/api/teams'),
  });
}

export function usePartnerOrganisations() {
  return useQuery({
    queryKey: adminKeys.partners,
    queryFn: () => api<z.ZodArray<typeof PartnerOrganisationView>>('GET', '/api/partner-organisations'),
  });
}

/** After a change: read the list again the next time a page shows it. */
export function useInvalidate() {
  const client = useQueryClient();
  return (key: readonly string[]) => client.invalidateQueries({ queryKey: key });
}

/** Blocked, not yet activated, or active. */
export function statusOf(user: User): MessageKey {
  if (user.disabled) return 'admin.users.disabled';
  return user.activated ? 'admin.users.active' : 'admin.users.notActivated';
}

/** The records that have a list page and a page each; the list's address comes from the kind. */
export const listHrefs = {
  school: '/admin/schools',
  team: '/admin/teams',
  board: '/admin/boards',
  partner: '/admin/partners',
  user: '/admin/users',
} as const;
export type RecordKind = keyof typeof listHrefs;

/** The roles an SWV administrator can give (the operator is no SWV role). */
export const assignableRoles = [
  'swv_admin',
  'consultant',
  'committee',
  'policy',
  'school_ib',
  'school_director',
  'teacher',
  'partner',
  'parent',
] as const satisfies readonly Role[];
export type AssignableRole = (typeof assignableRoles)[number];

export function isAssignableRole(role: string): role is AssignableRole {
  return (assignableRoles as readonly string[]).includes(role);
}

/** Schools as a list of checkboxes shows them: name, BRIN + vestiging and wijk. */
export function schoolChoices(schools: readonly School[]): { id: string; label: string }[] {
  return schools.map((school) => ({
    id: school.id,
    label: `${school.name} (${school.locationCode}, ${school.wijk})`,
  }));
}

/** Name lookups for showing ids as names. */
export function byId<Item extends { id: string }>(items: readonly Item[] | undefined): Map<string, Item> {
  return new Map((items ?? []).map((item) => [item.id, item]));
}

/** Names for ids, in alphabetical order; an id that is gone shows as `unknown`. */
export function namesOf(
  ids: readonly string[],
  lookup: ReadonlyMap<string, { name: string }>,
  unknown: string,
) {
  return ids.map((id) => lookup.get(id)?.name ?? unknown).sort((a, b) => a.localeCompare(b, 'nl'));
}
