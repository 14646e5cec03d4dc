// The home panels' reads: one query per panel, typed by the shared contracts.
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  OrganisationPanel,
  ParentChildrenPanel,
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

export const useTeamSchools = () =>
  useQuery({
    queryKey: ['home', 'team-schools'],
    queryFn: () => api<typeof TeamSchoolsPanel>('GET', '/api/home/team-schools'),
  });

export const useTeamEvaluationsDue = () =>
  useQuery({
    queryKey: ['home', 'evaluations-due'],
    queryFn: () => api<typeof TeamEvaluationsDuePanel>('GET', '/api/home/evaluations-due'),
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
