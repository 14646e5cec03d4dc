// The reads and writes of places and waiting lists, typed by the shared contracts
// (src/contracts/capacity.ts), and how a refusal reads on the page.
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  CapacityView,
  StudentWaits,
  WaitingCountView,
  WaitingEntryView,
  WaitingList,
} from '../../../contracts/capacity.ts';
import { ApiError, api } from '../../app/api.ts';
import type { FieldErrors } from '../../components/forms.tsx';
import { type MessageKey, nl } from '../../i18n/nl.ts';

export type Capacity = z.infer<typeof CapacityView>;
export type WaitingEntry = z.infer<typeof WaitingEntryView>;
export type Counts = z.infer<typeof WaitingCountView>;

const query = (params: Record<string, string>) => {
  const search = new URLSearchParams(Object.entries(params).filter(([, value]) => value !== ''));
  return search.size ? `?${search}` : '';
};

export const useCapacity = (schoolYear: string) =>
  useQuery({
    queryKey: ['capacity', schoolYear],
    queryFn: () => api<typeof CapacityView>('GET', `/api/capacity${query({ schoolYear })}`),
    placeholderData: keepPreviousData,
  });

export const useWaitingList = (filter: Record<string, string>) =>
  useQuery({
    queryKey: ['waiting-list', filter],
    queryFn: () => api<typeof WaitingList>('GET', `/api/waiting-list${query(filter)}`),
    placeholderData: keepPreviousData,
  });

export const useWaitingCounts = (on: string) =>
  useQuery({
    queryKey: ['waiting-counts', on],
    queryFn: () => api<typeof WaitingCountView>('GET', `/api/waiting-list/counts${query({ on })}`),
    placeholderData: keepPreviousData,
  });

export const useWaitingEntry = (id: string) =>
  useQuery({
    queryKey: ['waiting-entry', id],
    queryFn: () => api<typeof WaitingEntryView>('GET', `/api/waiting-entries/${encodeURIComponent(id)}`),
  });

export const useStudentWaits = (studentId: string) =>
  useQuery({
    queryKey: ['student', studentId, 'waits'],
    queryFn: () =>
      api<typeof StudentWaits>('GET', `/api/students/${encodeURIComponent(studentId)}/waiting-entries`),
  });

/** Sends a change and refreshes every list and figure of places and waits. */
export function useCapacityChange() {
  const client = useQueryClient();
  return async <T>(method: 'POST' | 'PUT' | 'PATCH', path: string, body: unknown) => {
    const result = await api<z.ZodType<T>>(method, path, body);
    await Promise.all(
      ['capacity', 'waiting-list', 'waiting-counts', 'waiting-entry', 'student'].map((key) =>
        client.invalidateQueries({ queryKey: [key] }),
      ),
    );
    return result;
  };
}

export const waitPage = (id: string) => `/waiting-list/${encodeURIComponent(id)}`;

const hasKey = (key: string): key is MessageKey => key in nl;

/** A refusal by a rule names the rule; a conflict and a denial have their own words. */
export function capacityErrors(caught: unknown, fieldErrors: () => FieldErrors): FieldErrors {
  if (!(caught instanceof ApiError)) return { '': 'admin.error.network' };
  if (caught.status === 409) return { '': 'cap.error.conflict' };
  const rule = caught.status === 422 ? (caught.details as { rule?: unknown } | undefined)?.rule : undefined;
  if (typeof rule === 'string') {
    const key = `cap.rule.${rule}`;
    return { '': hasKey(key) ? key : 'cap.rule.other' };
  }
  if (caught.status === 403) return { '': 'admin.error.forbidden' };
  return fieldErrors();
}

/** The place's kind with its category, as one line: "SO, categorie hoog". */
export function placeLabel(
  t: (key: MessageKey) => string,
  kind: WaitingEntry['place']['kind'],
  category: WaitingEntry['category'],
) {
  return category === 'none'
    ? t(`cap.kind.${kind}`)
    : `${t(`cap.kind.${kind}`)}, ${t(`cap.category.${category}`)}`;
}
