// The reads and writes of one request and of a child's requests, typed by the shared contracts
// (src/contracts/requests.ts), and how a refusal of the server reads on the page. Query keys start
// with 'request' or the child's, so a step on a request refreshes its page and the child's tab.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  RequestList,
  RequestPermissions,
  RequestRow as RequestRowSchema,
  RequestView,
} from '../../../contracts/requests.ts';
import { ApiError, api } from '../../app/api.ts';
import type { FieldErrors } from '../../components/forms.tsx';
import type { MessageKey } from '../../i18n/nl.ts';
import { nl } from '../../i18n/nl.ts';

export type Request = z.infer<typeof RequestView>;
export type RequestRow = z.infer<typeof RequestRowSchema>;
export type Permissions = z.infer<typeof RequestPermissions>;

export const requestPath = (id: string) => `/api/requests/${encodeURIComponent(id)}`;
export const requestPage = (id: string) => `/requests/${encodeURIComponent(id)}`;
const studentRequestsPath = (studentId: string) => `/api/students/${encodeURIComponent(studentId)}/requests`;

export const requestKeys = {
  request: (id: string) => ['request', id] as const,
  ofStudent: (studentId: string) => ['student', studentId, 'requests'] as const,
};

export const useRequest = (id: string) =>
  useQuery({
    queryKey: requestKeys.request(id),
    queryFn: () => api<typeof RequestView>('GET', requestPath(id)),
    retryOnMount: false,
  });

export const useStudentRequests = (studentId: string) =>
  useQuery({
    queryKey: requestKeys.ofStudent(studentId),
    queryFn: () => api<typeof RequestList>('GET', studentRequestsPath(studentId)),
  });

export function createRequest(studentId: string, body: unknown) {
  return api<typeof RequestView>('POST', studentRequestsPath(studentId), body);
}

/** A request for a school's team (not for one child). */
export function createTeamRequest(schoolId: string, body: unknown) {
  return api<typeof RequestView>('POST', `/api/schools/${encodeURIComponent(schoolId)}/requests`, body);
}

/**
 * Sends a change of the request (a step, an edit, a decision…) and shows its answer at once: the
 * server answers every change with the whole request. The child's list is read again.
 */
export function useRequestChange() {
  const client = useQueryClient();
  return async (
    method: 'POST' | 'PATCH' | 'PUT',
    request: Pick<Request, 'id' | 'student'>,
    path: string,
    body: unknown,
  ): Promise<Request> => {
    const saved = await api<typeof RequestView>(method, `${requestPath(request.id)}${path}`, body);
    client.setQueryData(requestKeys.request(request.id), saved);
    if (request.student)
      await client.invalidateQueries({ queryKey: requestKeys.ofStudent(request.student.id) });
    return saved;
  };
}

/** The rule a 422 names (details.rule), when there is one. */
export function ruleOf(caught: unknown): string | null {
  if (!(caught instanceof ApiError) || caught.status !== 422) return null;
  const rule = (caught.details as { rule?: unknown } | undefined)?.rule;
  return typeof rule === 'string' ? rule : null;
}

const hasKey = (key: string): key is MessageKey => key in nl;

/**
 * What a refused change says on the page, in words: the rule the server names, a conflict (someone
 * else changed the request), no access; field errors of a validation go next to their fields.
 */
export function requestErrors(caught: unknown, fieldErrors: () => FieldErrors): FieldErrors {
  if (!(caught instanceof ApiError)) return { '': 'admin.error.network' };
  if (caught.code === 'conflict' || caught.status === 409) return { '': 'requests.error.conflict' };
  const rule = ruleOf(caught);
  if (rule) {
    const key = `requests.rule.${rule}`;
    return { '': hasKey(key) ? key : 'requests.rule.other' };
  }
  if (caught.status === 403) return { '': 'requests.error.forbidden' };
  return fieldErrors();
}

/** A refused change in one message, for the page's feedback line. */
export function refusalOf(caught: unknown): MessageKey {
  return requestErrors(caught, () => ({ '': 'requests.error.other' }))[''] ?? 'requests.error.other';
}

/** A granted amount in euros, as the page writes it. */
export function euros(cents: number, language: string): string {
  return new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'nl-NL', {
    style: 'currency',
    currency: 'EUR',
  }).format(cents / 100);
}
