// Turns every error into the one error shape with a fitting 4xx, so no input yields a 5xx or a
// stack trace. Only unexpected faults answer 500, and they are logged without request data.
import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { isUnavailable } from '../db/errors.ts';
import { AppError, type ErrorCode, errorStatus, notFound } from './errors.ts';

type ErrorBody = { error: { code: ErrorCode; message: string; details?: unknown } };

export function errorBody(code: ErrorCode, message: string, details?: unknown): ErrorBody {
  return { error: details === undefined ? { code, message } : { code, message, details } };
}

const fastifyCodes: Record<string, ErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'payload_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_JSON_BODY: 'bad_request',
  FST_ERR_BAD_URL: 'bad_request',
  FST_ERR_ASYNC_CONSTRAINT: 'bad_request',
};

function codeForStatus(status: number): ErrorCode {
  const match = (Object.entries(errorStatus) as [ErrorCode, number][]).find(([, s]) => s === status);
  return match?.[0] ?? 'bad_request';
}

/**
 * What of an unexpected error may be logged (docs/SECURITY.md A5): its type, the SQLSTATE or Node
 * code from it or its causes, and where it happened — the stack's frames only. Never a message: a
 * failed query's says "Failed query: … params: …" with the values (names, birth dates), and
 * PostgreSQL's own quote the offending value ('invalid input syntax for type uuid: "…"').
 */
export function loggableError(error: unknown): { type: string; code?: string; frames: string[] } {
  let code: string | undefined;
  for (
    let e = error as { code?: unknown; cause?: unknown } | undefined;
    e && typeof e === 'object';
    e = e.cause as typeof e
  ) {
    if (typeof e.code === 'string') {
      code = e.code;
      break;
    }
  }
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  return {
    type: error instanceof Error ? error.name : typeof error,
    ...(code === undefined ? {} : { code }),
    frames: stack
      .split('\n')
      .filter((line) => /^\s+at /.test(line))
      .map((line) => line.trim()),
  };
}

const maxIssues = 20;
const shortened = (message: string) => (message.length > 300 ? `${message.slice(0, 299)}…` : message);

export function installErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    if (error instanceof AppError) {
      return reply.status(error.status).send(errorBody(error.code, error.message, error.details));
    }
    if (hasZodFastifySchemaValidationErrors(error)) {
      // At most 20 issues of 300 characters: zod names every unknown key in one message.
      const issues = error.validation.slice(0, maxIssues).map((issue) => ({
        path: [error.validationContext, ...String(issue.instancePath).split('/').filter(Boolean)].join('.'),
        message: shortened(issue.message ?? ''),
      }));
      return reply.status(400).send(errorBody('validation_failed', 'The request is not valid', { issues }));
    }
    const known = error.code ? fastifyCodes[error.code] : undefined;
    if (known) return reply.status(errorStatus[known]).send(errorBody(known, safeMessage(known)));
    if (error instanceof SyntaxError) {
      return reply.status(400).send(errorBody('bad_request', 'The request body is not valid JSON'));
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      const code = codeForStatus(status);
      return reply.status(status).send(errorBody(code, safeMessage(code)));
    }
    // The database or its pooler is away (a failover, a restart): a clear 503 to retry, not a 500.
    if (isUnavailable(error)) {
      request.log.warn({ err: { type: error.name, code: error.code } }, 'database unavailable');
      return reply
        .status(503)
        .header('retry-after', '5')
        .send(errorBody('unavailable', 'The database is not reachable right now; try again shortly'));
    }
    request.log.error({ err: loggableError(error) }, 'request failed');
    return reply.status(500).send(errorBody('internal', 'Something went wrong on our side'));
  });

  app.setNotFoundHandler(() => {
    throw notFound();
  });
}

function safeMessage(code: ErrorCode): string {
  switch (code) {
    case 'payload_too_large':
      return 'The request body is too large';
    case 'unsupported_media_type':
      return 'Send the body as application/json';
    case 'too_many_requests':
      return 'Too many requests; try again later';
    case 'not_found':
      return 'Not found';
    case 'method_not_allowed':
      return 'Method not allowed';
    default:
      return 'The request is not valid';
  }
}
