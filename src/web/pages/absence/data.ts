// The reads and writes of children at home, typed by the shared contracts
// (src/contracts/absence.ts), and how a refusal reads on the page.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  AbsenceCaseView,
  AbsenceFigures,
  AbsenceLadder,
  AbsenceList,
} from '../../../contracts/absence.ts';
import { ApiError, api } from '../../app/api.ts';
import type { FieldErrors } from '../../components/forms.tsx';
import { type MessageKey, nl } from '../../i18n/nl.ts';

export type AbsenceCase = z.infer<typeof AbsenceCaseView>;
export type AbsenceListData = z.infer<typeof AbsenceList>;

export const casePage = (id: string) => `/absence/cases/${encodeURIComponent(id)}`;
export const casePath = (id: string) => `/api/absence/cases/${encodeURIComponent(id)}`;

export const useAbsenceList = (search: string) =>
  useQuery({
    queryKey: ['absence', 'list', search],
    queryFn: () => api<typeof AbsenceList>('GET', `/api/absence${search}`),
    retryOnMount: false,
  });

export const useAbsenceCase = (id: string) =>
  useQuery({
    queryKey: ['absence', 'case', id],
    queryFn: () => api<typeof AbsenceCaseView>('GET', casePath(id)),
    retryOnMount: false,
  });

export const useAbsenceFigures = (on: string) =>
  useQuery({
    queryKey: ['absence', 'figures', on],
    queryFn: () =>
      api<typeof AbsenceFigures>('GET', `/api/absence/figures${on ? `?on=${encodeURIComponent(on)}` : ''}`),
    retryOnMount: false,
  });

export const useAbsenceLadder = () =>
  useQuery({
    queryKey: ['absence', 'ladder'],
    queryFn: () => api<typeof AbsenceLadder>('GET', '/api/absence/ladder'),
    retryOnMount: false,
  });

/** Sends a change and reads again every absence list and case. */
export function useAbsenceChange() {
  const client = useQueryClient();
  return async <T>(method: 'POST' | 'PATCH' | 'PUT', path: string, body: unknown): Promise<T> => {
    const saved = (await api<z.ZodType<T>>(method, path, body)) as T;
    await client.invalidateQueries({ predicate: (query) => query.queryKey[0] === 'absence' });
    return saved;
  };
}

const hasKey = (key: string): key is MessageKey => key in nl;

/** What a refused change says: the rule the server names, else the fields. */
export function absenceErrors(caught: unknown, fieldErrors: () => FieldErrors): FieldErrors {
  if (!(caught instanceof ApiError)) return { '': 'admin.error.network' };
  const rule = caught.status === 422 ? (caught.details as { rule?: unknown } | undefined)?.rule : undefined;
  if (typeof rule === 'string') {
    const key = `abs.rule.${rule}`;
    return { '': hasKey(key) ? key : 'abs.rule.other' };
  }
  if (caught.status === 403) return { '': 'admin.error.forbidden' };
  return fieldErrors();
}

/** Today in the Netherlands, for a date field's default and the figures' reference date. */
export const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Amsterdam' });
