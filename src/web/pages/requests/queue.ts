// The reads of the SWV's work lists and its own pages: the queue (GET /api/requests), the
// catalogue (GET /api/request-types) and the budget (GET /api/request-budget), typed by the
// shared contracts (src/contracts/requests.ts).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { SchoolView } from '../../../contracts/organisations.ts';
import type {
  BudgetView,
  RequestList,
  RequestListQuery,
  RequestRow,
  RequestTypeList,
} from '../../../contracts/requests.ts';
import type { Role } from '../../../domain/roles.ts';
import { api } from '../../app/api.ts';
import type { Me } from '../../app/session.ts';

export type Request = z.infer<typeof RequestRow>;
export type RequestFilter = Partial<z.input<typeof RequestListQuery>>;

export const workKeys = {
  requests: ['requests'] as const,
  types: ['request-types'] as const,
  budget: ['request-budget'] as const,
};

/** A list's query string: only what is set, so the server's defaults apply otherwise. */
function queryOf(filter: RequestFilter): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value !== undefined && value !== '' && value !== false) search.set(key, String(value));
  }
  return search.size > 0 ? `?${search}` : '';
}

/** A page of the queue: sorted by the server by deadline, undecided first. */
export const useRequests = (filter: RequestFilter) =>
  useQuery({
    queryKey: [...workKeys.requests, filter],
    queryFn: () => api<typeof RequestList>('GET', `/api/requests${queryOf(filter)}`),
    // The page being read stays while the next one loads.
    placeholderData: keepPreviousData,
  });

export const useRequestTypes = (enabled = true) =>
  useQuery({
    queryKey: workKeys.types,
    queryFn: () => api<typeof RequestTypeList>('GET', '/api/request-types'),
    enabled,
  });

export const useSchoolList = (enabled = true) =>
  useQuery({
    queryKey: ['schools'],
    queryFn: () => api<z.ZodArray<typeof SchoolView>>('GET', '/api/schools'),
    enabled,
  });

/** The budget of a school year ("2026-2027"); empty: the current one, as the server reckons it. */
export const useBudget = (schoolYear: string) =>
  useQuery({
    queryKey: [...workKeys.budget, schoolYear],
    queryFn: () =>
      api<typeof BudgetView>(
        'GET',
        `/api/request-budget${schoolYear ? `?schoolYear=${encodeURIComponent(schoolYear)}` : ''}`,
      ),
    placeholderData: keepPreviousData,
  });

/** The SWV's own staff handle requests; school staff see their school's. */
export const swvWorkRoles: readonly Role[] = ['consultant', 'committee'];
export const schoolWorkRoles: readonly Role[] = ['school_ib', 'school_director'];

export function hasRole(me: Me | null | undefined, roles: readonly Role[]): boolean {
  return me?.user.memberships.some((membership) => roles.includes(membership.role)) ?? false;
}

/** Overdue first, then as the server sorted them (by deadline): a stable sort keeps its order. */
export function overdueFirst(requests: readonly Request[]): Request[] {
  return [...requests].sort((a, b) => Number(b.clock.overdue) - Number(a.clock.overdue));
}

/** What waits for the school itself: sent back incomplete first, then drafts not yet submitted. */
export function waitingForSchool(requests: readonly Request[]): Request[] {
  const rank = (request: Request) => (request.state === 'incomplete' ? 0 : request.state === 'draft' ? 1 : 2);
  return [...requests].filter((request) => rank(request) < 2).sort((a, b) => rank(a) - rank(b));
}
