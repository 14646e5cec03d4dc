// The signed-in session as the web app sees it: GET /api/auth/me, null when signed out. Also
// remembers whether the last sign-out was the idle timeout, so the login page can say so.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { MeResponse } from '../../contracts/auth.ts';
import { ApiError, api, setCsrfToken } from './api.ts';

export type Me = z.infer<typeof MeResponse>;

export const sessionKey = ['session'] as const;

let endedByTimeout = false;

export async function fetchSession(): Promise<Me | null> {
  try {
    const me = await api<typeof MeResponse>('GET', '/api/auth/me');
    setCsrfToken(me.csrfToken);
    endedByTimeout = false;
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      if (error.code === 'session_expired') endedByTimeout = true;
      return null;
    }
    throw error;
  }
}

/** Whether the server ended the last session for being idle (the login page says so). */
export function wasSignedOutByTimeout(): boolean {
  return endedByTimeout;
}

export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 60_000 });
}

/** After sign-in or sign-out: read the session again. */
export function useRefreshSession() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: sessionKey });
}
