// The reads and writes of objections, disputes, complaints and support-point signals, typed by the
// shared contracts (src/contracts/objections.ts), and how a refusal reads on the page.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  ComplaintList,
  DisputeList,
  ObjectionList,
  ObjectionRow as ObjectionRowSchema,
  ObjectionSummary,
  ObjectionView,
  RequestObjections,
  SupportSignalList,
} from '../../../contracts/objections.ts';
import { ApiError, api } from '../../app/api.ts';
import type { FieldErrors } from '../../components/forms.tsx';
import { type MessageKey, nl } from '../../i18n/nl.ts';

export type Objection = z.infer<typeof ObjectionView>;
export type ObjectionRow = z.infer<typeof ObjectionRowSchema>;

export const objectionKeys = {
  ofRequest: (requestId: string) => ['request', requestId, 'objections'] as const,
  one: (id: string) => ['objection', id] as const,
  queue: (state: string) => ['objections', state] as const,
  disputes: ['disputes'] as const,
  complaints: ['complaints'] as const,
  signals: ['support-signals'] as const,
  summary: ['objection-summary'] as const,
};

export const requestObjectionsPath = (requestId: string) =>
  `/api/requests/${encodeURIComponent(requestId)}/objections`;
export const objectionPage = (id: string) => `/objections/${encodeURIComponent(id)}`;

export const useRequestObjections = (requestId: string, enabled = true) =>
  useQuery({
    queryKey: objectionKeys.ofRequest(requestId),
    queryFn: () => api<typeof RequestObjections>('GET', requestObjectionsPath(requestId)),
    enabled,
  });

export const useObjection = (id: string) =>
  useQuery({
    queryKey: objectionKeys.one(id),
    queryFn: () => api<typeof ObjectionView>('GET', `/api/objections/${encodeURIComponent(id)}`),
    retryOnMount: false,
  });

export const useObjectionQueue = (state: 'open' | 'all') =>
  useQuery({
    queryKey: objectionKeys.queue(state),
    queryFn: () => api<typeof ObjectionList>('GET', `/api/objections?state=${state}`),
  });

export const useSummary = () =>
  useQuery({
    queryKey: objectionKeys.summary,
    queryFn: () => api<typeof ObjectionSummary>('GET', '/api/objection-summary'),
  });

export const useDisputes = () =>
  useQuery({
    queryKey: objectionKeys.disputes,
    queryFn: () => api<typeof DisputeList>('GET', '/api/disputes'),
  });

export const useComplaints = () =>
  useQuery({
    queryKey: objectionKeys.complaints,
    queryFn: () => api<typeof ComplaintList>('GET', '/api/complaints'),
  });

export const useSignals = () =>
  useQuery({
    queryKey: objectionKeys.signals,
    queryFn: () => api<typeof SupportSignalList>('GET', '/api/support-signals'),
  });

/** Sends a change and reads again what shows it: the lists, the summary, the request's objections. */
export function useObjectionsChange() {
  const client = useQueryClient();
  return async <T>(method: 'POST' | 'PATCH', path: string, body: unknown): Promise<T> => {
    const saved = (await api<z.ZodType<T>>(method, path, body)) as T;
    await client.invalidateQueries({
      predicate: (query) =>
        [
          'objection',
          'objections',
          'disputes',
          'complaints',
          'support-signals',
          'objection-summary',
        ].includes(String(query.queryKey[0])) ||
        (query.queryKey[0] === 'request' && query.queryKey[2] === 'objections'),
    });
    return saved;
  };
}

const hasKey = (key: string): key is MessageKey => key in nl;

/** What a refused change says: the rule the server names, a conflict, else the fields. */
export function objectionErrors(caught: unknown, fieldErrors: () => FieldErrors): FieldErrors {
  if (!(caught instanceof ApiError)) return { '': 'admin.error.network' };
  if (caught.status === 409) return { '': 'obj.error.conflict' };
  const rule = caught.status === 422 ? (caught.details as { rule?: unknown } | undefined)?.rule : undefined;
  if (typeof rule === 'string') {
    const key = `obj.rule.${rule}`;
    return { '': hasKey(key) ? key : 'obj.rule.other' };
  }
  if (caught.status === 403) return { '': 'admin.error.forbidden' };
  return fieldErrors();
}
