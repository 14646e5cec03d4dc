// The plan's reads and writes for the plan tab, typed by the shared contracts. Query keys start with
// the child's id, so a change to the plan refreshes everything shown of the child.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { PlanSummary, PlanView } from '../../../contracts/plans.ts';
import { amsterdamToday } from '../../../domain/calendar.ts';
import { api } from '../../app/api.ts';

export type Plan = z.infer<typeof PlanView>;
export type Version = z.infer<typeof PlanSummary>;

export const planKeys = {
  versions: (studentId: string) => ['student', studentId, 'plans'] as const,
  plan: (studentId: string, planId: string) => ['student', studentId, 'plan', planId] as const,
};

export const planPath = (planId: string) => `/api/plans/${encodeURIComponent(planId)}`;
export const versionsPath = (studentId: string) => `/api/students/${encodeURIComponent(studentId)}/plans`;

export const usePlanVersions = (studentId: string) =>
  useQuery({
    queryKey: planKeys.versions(studentId),
    queryFn: () => api<z.ZodArray<typeof PlanSummary>>('GET', versionsPath(studentId)),
  });

export const usePlan = (studentId: string, planId: string) =>
  useQuery({
    queryKey: planKeys.plan(studentId, planId),
    queryFn: () => api<typeof PlanView>('GET', planPath(planId)),
  });

/** After a change: show the answer at once, then read the versions (and the child) again. */
export function useSavedPlan() {
  const client = useQueryClient();
  return async (plan: Plan) => {
    client.setQueryData(planKeys.plan(plan.studentId, plan.id), plan);
    await client.invalidateQueries({ queryKey: planKeys.versions(plan.studentId) });
  };
}

/** Today in the Netherlands, as a calendar date (YYYY-MM-DD), whatever the browser's time zone. */
export const today = () => amsterdamToday(new Date());
