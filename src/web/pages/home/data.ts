// The home panels' reads: one query per panel, typed by the shared contracts.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CommitteePanel,
  DirectorPanel,
  OrganisationPanel,
  ParentChildrenPanel,
  ParentWaitingPanel,
  PartnerCasesPanel,
  SchoolSupportPanel,
  SwvFiguresPanel,
  TeacherGroupsPanel,
  TeamEvaluationsDuePanel,
  TeamSchoolsPanel,
} from '../../../contracts/home.ts';
import type { SwvView } from '../../../contracts/organisations.ts';
import { api } from '../../app/api.ts';

export const useSchoolSupport = (schoolId: string) =>
  useQuery({
    queryKey: ['home', 'support-levels', schoolId],
    queryFn: () =>
      api<typeof SchoolSupportPanel>(
        'GET',
        `/api/home/schools/${encodeURIComponent(schoolId)}/support-levels`,
      ),
  });

export const useOwnGroups = (schoolId: string) =>
  useQuery({
    queryKey: ['home', 'own-groups', schoolId],
    queryFn: () =>
      api<typeof TeacherGroupsPanel>('GET', `/api/home/schools/${encodeURIComponent(schoolId)}/own-groups`),
  });

/** A paged list's query string: only what is set, so the server's defaults apply otherwise. */
function queryOf(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  return search.size > 0 ? `?${search}` : '';
}

export type ListState = {
  page: number;
  sort: string;
  order: 'asc' | 'desc';
  filters: Record<string, string>;
};

export const useTeamSchools = (list: ListState, pageSize: number) =>
  useQuery({
    queryKey: ['home', 'team-schools', list, pageSize],
    queryFn: () =>
      api<typeof TeamSchoolsPanel>(
        'GET',
        `/api/home/team-schools${queryOf({ page: list.page, pageSize, sort: list.sort, order: list.order, ...list.filters })}`,
      ),
    // The page being read stays while the next one loads.
    placeholderData: keepPreviousData,
  });

export const useTeamEvaluationsDue = (list: ListState, pageSize: number) =>
  useQuery({
    queryKey: ['home', 'evaluations-due', list, pageSize],
    queryFn: () =>
      api<typeof TeamEvaluationsDuePanel>(
        'GET',
        `/api/home/evaluations-due${queryOf({ page: list.page, pageSize, sort: list.sort, order: list.order, ...list.filters })}`,
      ),
    placeholderData: keepPreviousData,
  });

export const useParentWaiting = () =>
  useQuery({
    queryKey: ['home', 'waiting'],
    queryFn: () => api<typeof ParentWaitingPanel>('GET', '/api/home/waiting'),
  });

export const useDirectorOverview = (schoolId: string) =>
  useQuery({
    queryKey: ['home', 'director', schoolId],
    queryFn: () =>
      api<typeof DirectorPanel>('GET', `/api/home/schools/${encodeURIComponent(schoolId)}/director`),
  });

export const useCommitteeOverview = () =>
  useQuery({
    queryKey: ['home', 'committee'],
    queryFn: () => api<typeof CommitteePanel>('GET', '/api/home/committee'),
  });

export const usePartnerCases = () =>
  useQuery({
    queryKey: ['home', 'cases'],
    queryFn: () => api<typeof PartnerCasesPanel>('GET', '/api/home/cases'),
  });

export const useParentChildren = () =>
  useQuery({
    queryKey: ['home', 'children'],
    queryFn: () => api<typeof ParentChildrenPanel>('GET', '/api/home/children'),
  });

export const useSwvFigures = () =>
  useQuery({
    queryKey: ['home', 'swv-figures'],
    queryFn: () => api<typeof SwvFiguresPanel>('GET', '/api/home/swv-figures'),
  });

export const useOrganisationCounts = () =>
  useQuery({
    queryKey: ['home', 'organisation'],
    queryFn: () => api<typeof OrganisationPanel>('GET', '/api/home/organisation'),
  });

export const useSwvs = () =>
  useQuery({
    queryKey: ['home', 'swvs'],
    queryFn: () => api<z.ZodArray<typeof SwvView>>('GET', '/api/swvs'),
  });

/** A child's name as people write it: "Mila van Dijk". */
export function fullName(child: { givenName: string; familyNamePrefix: string; familyName: string }): string {
  return [child.givenName, child.familyNamePrefix, child.familyName].filter(Boolean).join(' ');
}
