// The notifications pages' reads and writes: one's own inbox and its unread count (the header
// asks for the count on every page, so it is one small query), the e-mail choices, the outbox.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type {
  NotificationList,
  NotificationView,
  OutboxList,
  OutboxMessageView,
  PreferenceList,
  PreferencesBody,
  UnreadCount,
} from '../../../contracts/notifications.ts';
import type { OutboxState } from '../../../domain/notifications.ts';
import { api } from '../../app/api.ts';

export type Notice = z.infer<typeof NotificationView>;
export type OutboxMessage = z.infer<typeof OutboxMessageView>;

export const notificationKeys = {
  all: ['notifications'] as const,
  unread: ['notifications', 'unread'] as const,
  inbox: (offset: number) => ['notifications', 'inbox', offset] as const,
  preferences: ['notifications', 'preferences'] as const,
  outbox: (state: OutboxState | '', offset: number) => ['outbox', state, offset] as const,
};

export const inboxPageSize = 20;

/** The unread count for the header: fresh after half a minute, on each page the user opens. */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: notificationKeys.unread,
    queryFn: () => api<typeof UnreadCount>('GET', '/api/notifications/unread-count'),
    enabled,
    staleTime: 30_000,
  });
}

export function useInbox(offset: number) {
  return useQuery({
    queryKey: notificationKeys.inbox(offset),
    queryFn: () =>
      api<typeof NotificationList>('GET', `/api/notifications?limit=${inboxPageSize}&offset=${offset}`),
  });
}

/** Marks one notice, or all, read; the inbox and the header's count follow. */
export function useMarkRead() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string | 'all') =>
      id === 'all'
        ? api('POST', '/api/notifications/read-all')
        : api('POST', `/api/notifications/${encodeURIComponent(id)}/read`),
    onSuccess: () => client.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}

export function usePreferences() {
  return useQuery({
    queryKey: notificationKeys.preferences,
    queryFn: () => api<typeof PreferenceList>('GET', '/api/notification-preferences'),
  });
}

export function useSavePreferences() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof PreferencesBody>) =>
      api<typeof PreferenceList>('PUT', '/api/notification-preferences', body),
    onSuccess: (saved) => client.setQueryData(notificationKeys.preferences, saved),
  });
}

export const outboxPageSize = 50;

export function useOutbox(state: OutboxState | '', offset: number) {
  const query = new URLSearchParams({ limit: String(outboxPageSize), offset: String(offset) });
  if (state) query.set('state', state);
  return useQuery({
    queryKey: notificationKeys.outbox(state, offset),
    queryFn: () => api<typeof OutboxList>('GET', `/api/outbox?${query}`),
  });
}

export function useRetry() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api<typeof OutboxMessageView>('POST', `/api/outbox/${encodeURIComponent(id)}/retry`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['outbox'] }),
  });
}
