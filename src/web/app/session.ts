// The signed-in session as the web app sees it: GET /api/auth/me, null when signed out.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { MeResponse } from '../../contracts/auth.ts';
import { ApiError, api, setCsrfToken } from './api.ts';

export type Me = z.infer<typeof MeResponse>;

export const sessionKey = ['session'] as const;

export async function fetchSession(): Promise<Me | null> {
  try {
    const me = await api<typeof MeResponse>('GET', '/api/auth/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

export function useSession() {
  return useQuery({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 60_000 });
}

/** After sign-in or sign-out: read the session again. */
export function useRefreshSession() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: sessionKey });
}
