// The admin pages' reads: the SWV's users, schools, teams and partner organisations, each one
// query shared by every page that shows them, refreshed after a change.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  PartnerOrganisationView,
  SchoolView,
  TeamView,
  UserView,
} from '../../../contracts/organisations.ts';
import type { Role } from '../../../domain/roles.ts';
import { api } from '../../app/api.ts';

export type User = z.infer<typeof UserView>;
export type School = z.infer<typeof SchoolView>;
export type Team = z.infer<typeof TeamView>;
export type PartnerOrganisation = z.infer<typeof PartnerOrganisationView>;

export const adminKeys = {
  users: ['admin', 'users'],
  schools: ['admin', 'schools'],
  teams: ['admin', 'teams'],
  partners: ['admin', 'partner-organisations'],
} as const;

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

/** Name lookups for showing ids as names. */
export function byId<Item extends { id: string }>(items: readonly Item[] | undefined): Map<string, Item> {
  return new Map((items ?? []).map((item) => [item.id, item]));
}
