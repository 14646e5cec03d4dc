// The one error type and the one error shape: { error: { code, message, details? } }.
// Services throw AppError with a stable code; one Fastify handler turns every error into that
// shape. Messages are safe to show (no personal data, no internals); Dutch texts live in the web app.

export const errorStatus = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  session_expired: 401,
  second_factor_required: 401,
  forbidden: 403,
  csrf_failed: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  /** A domain rule refuses the change (e.g. level 4 without an agreed OPP); details say which rule. */
  rule_violated: 422,
  too_many_requests: 429,
  account_locked: 429,
  internal: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof errorStatus;

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.status = errorStatus[code];
  }
}

/**
 * The one "not found" (docs/SECURITY.md C3, C9): a record of another SWV, one that does not exist and an
 * unknown URL give the same status and the same body, so an answer never tells them apart.
 */
export const notFound = () => new AppError('not_found', 'Not found');
export const forbidden = () => new AppError('forbidden', 'You may not do this');
