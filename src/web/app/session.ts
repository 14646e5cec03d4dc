// The signed-in session as the web app sees it: GET /api/auth/me, null when signed out. Also
// remembers whether the last sign-out was the idle timeout, so the login page can say so.
// The server sets a hint cookie (no secret in it) beside the HttpOnly session cookie; without it
// there is no session to ask about, so a signed-out visitor makes no failing request.
import { queryOptions, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import type { MeResponse } from '../../contracts/auth.ts';
import { ApiError, api, setCsrfToken } from './api.ts';

export type Me = z.infer<typeof MeResponse>;

export const sessionKey = ['session'] as const;

let endedByTimeout = false;

const hintCookie = /(?:^|;\s*)((?:__Host-)?passend-hint)=/;

/** Whether the server may have a session for this browser (its hint cookie is there). */
export function hasSessionHint(): boolean {
  return hintCookie.test(document.cookie);
}

function forgetHint(): void {
  const name = hintCookie.exec(document.cookie)?.[1];
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing in Firefox and Safari.
  if (name) document.cookie = `${name}=; Max-Age=0; Path=/${name.startsWith('__Host-') ? '; Secure' : ''}`;
}

export async function fetchSession(): Promise<Me | null> {
  if (!hasSessionHint()) {
    setCsrfToken(null);
    return null;
  }
  try {
    const me = await api<typeof MeResponse>('GET', '/api/auth/me');
    setCsrfToken(me.csrfToken);
    endedByTimeout = false;
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      forgetHint();
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

export const sessionQuery = queryOptions({ queryKey: sessionKey, queryFn: fetchSession, staleTime: 60_000 });

export function useSession() {
  return useQuery(sessionQuery);
}

/** After sign-in or sign-out: read the session again. */
export function useRefreshSession() {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: sessionKey });
}
