// The reads and writes of transitions, typed by the shared contracts (src/contracts/transitions.ts),
// and how a refusal reads on the page.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  SchoolDirectory,
  StudentTransitions,
  TransitionList,
  TransitionListRow as TransitionListRowSchema,
  TransitionRow as TransitionRowSchema,
  TransitionView,
} from '../../../contracts/transitions.ts';
import { ApiError, api } from '../../app/api.ts';
import type { FieldErrors } from '../../components/forms.tsx';
import { type MessageKey, nl } from '../../i18n/nl.ts';

export type Transition = z.infer<typeof TransitionView>;
export type TransitionRow = z.infer<typeof TransitionRowSchema>;
export type TransitionListRow = z.infer<typeof TransitionListRowSchema>;
export const listViews = ['leaving', 'arriving', 'swv'] as const;
export type ListView = (typeof listViews)[number];
/** `due`: what waits for action, the urgent first (the home page's panels). */
export const periods = ['open', 'due', 'summer', 'all'] as const;
export type Period = (typeof periods)[number];

/** The list page with its filters, as the home page's panels link to it. */
export const transitionList = (view: ListView, period: Period) =>
  `/transitions?view=${view}&period=${period}`;

export const transitionPage = (id: string) => `/transitions/${encodeURIComponent(id)}`;

export const useTransition = (id: string) =>
  useQuery({
    queryKey: ['transition', id],
    queryFn: () => api<typeof TransitionView>('GET', `/api/transitions/${encodeURIComponent(id)}`),
    retryOnMount: false,
  });

export const useTransitionList = (view: ListView, period: Period) =>
  useQuery({
    queryKey: ['transitions', view, period],
    queryFn: () => api<typeof TransitionList>('GET', `/api/transitions?view=${view}&period=${period}`),
  });

/** The school's two lists of what waits (the home page's panel): arriving and leaving, read together. */
export const useSchoolTransitionsDue = () =>
  useQuery({
    queryKey: ['transitions', 'school-due'],
    queryFn: async () => {
      const [arriving, leaving] = await Promise.all(
        (['arriving', 'leaving'] as const).map((view) =>
          api<typeof TransitionList>('GET', `/api/transitions?view=${view}&period=due`),
        ),
      );
      return { arriving: arriving!, leaving: leaving! };
    },
  });

export const useStudentTransitions = (studentId: string) =>
  useQuery({
    queryKey: ['student', studentId, 'transitions'],
    queryFn: () =>
      api<typeof StudentTransitions>('GET', `/api/students/${encodeURIComponent(studentId)}/transitions`),
  });

export const useSchoolDirectory = (q: string) =>
  useQuery({
    queryKey: ['transition-schools', q],
    queryFn: () => api<typeof SchoolDirectory>('GET', `/api/transition-schools?q=${encodeURIComponent(q)}`),
    enabled: q.trim().length >= 2,
  });

/** Sends a change and reads again what shows it. */
export function useTransitionsChange() {
  const client = useQueryClient();
  return async (method: 'POST', path: string, body: unknown): Promise<Transition> => {
    const saved = (await api<typeof TransitionView>(method, path, body)) as Transition;
    await client.invalidateQueries({
      predicate: (query) =>
        ['transition', 'transitions'].includes(String(query.queryKey[0])) ||
        (query.queryKey[0] === 'student' && query.queryKey[2] === 'transitions'),
    });
    return saved;
  };
}

const hasKey = (key: string): key is MessageKey => key in nl;

/** What a refused change says: the rule the server names, a conflict, else the fields. */
export function transitionErrors(caught: unknown, fieldErrors: () => FieldErrors): FieldErrors {
  if (!(caught instanceof ApiError)) return { '': 'admin.error.network' };
  if (caught.status === 409) return { '': 'trans.error.conflict' };
  const rule = caught.status === 422 ? (caught.details as { rule?: unknown } | undefined)?.rule : undefined;
  if (typeof rule === 'string') {
    const key = `trans.rule.${rule}`;
    return { '': hasKey(key) ? key : 'trans.rule.other' };
  }
  if (caught.status === 403) return { '': 'admin.error.forbidden' };
  return fieldErrors();
}
