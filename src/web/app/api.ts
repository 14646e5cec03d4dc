// The typed API client: request and response types come from the shared zod contracts
// (src/contracts), the one source of truth. State-changing calls carry the session's CSRF token.
import type { z } from 'zod';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

let csrfToken: string | null = null;
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server says the session is gone; the app sends the user to the login page. */
let onUnauthenticated: ((code: string) => void) | null = null;
export function handleUnauthenticated(handler: (code: string) => void): void {
  onUnauthenticated = handler;
}

/**
 * When the server last answered a call with success (client time). Every call that reaches the
 * server with the session cookie restarts the session's idle timer, so the idle warning counts
 * from here rather than from the last /api/auth/me.
 */
let lastAnsweredAt = 0;
const answerListeners = new Set<() => void>();

export function lastAnswerAt(): number {
  return lastAnsweredAt;
}

export function subscribeToAnswers(listener: () => void): () => void {
  answerListeners.add(listener);
  return () => answerListeners.delete(listener);
}

export async function api<Schema extends z.ZodType>(
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<z.infer<Schema>> {
  const headers: Record<string, string> = { accept: 'application/json' };
  // A file (a document upload) goes as its raw bytes; anything else as JSON.
  const isFile = body instanceof Blob;
  if (body !== undefined) headers['content-type'] = isFile ? 'application/octet-stream' : 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  const response = await fetch(path, {
    method,
    headers,
    credentials: 'same-origin',
    ...(body === undefined ? {} : { body: isFile ? body : JSON.stringify(body) }),
  });
  if (response.ok) {
    lastAnsweredAt = Date.now();
    for (const listener of answerListeners) listener();
  }
  if (response.status === 204) return null as z.infer<Schema>;
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = (payload as { error?: { code?: string; message?: string; details?: unknown } } | null)
      ?.error;
    const code = error?.code ?? 'unknown';
    if (response.status === 401 && !path.startsWith('/api/auth/')) onUnauthenticated?.(code);
    throw new ApiError(response.status, code, error?.message ?? response.statusText, error?.details);
  }
  return payload as z.infer<Schema>;
}
