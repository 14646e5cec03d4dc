// What a database error means to a use case.

/**
 * PostgreSQL refused a second row with the same unique key (e.g. a second active plan started by a
 * concurrent request). The driver may wrap the database's error, so the causes are walked.
 */
export function isUniqueViolation(error: unknown): boolean {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    if (e.code === '23505') return true;
  }
  return false;
}

/** SQLSTATEs that mean "the database is not there now", not "this request is wrong". */
const unavailableStates = new Set([
  '57P01', // admin_shutdown: the server is stopping (a switchover) or the connection was ended
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now: starting up, shutting down, or in recovery
  '53300', // too_many_connections
  '25006', // read_only_sql_transaction: a write reached a standby (the pooler not yet repointed)
]);
const unavailableNodeCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH']);
const unavailableMessages = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'server login has been failing',
  'query_wait_timeout',
  'no more connections allowed',
  'server conn crashed',
  'server closed the connection unexpectedly',
];

/**
 * The database (or the pooler in front of it) is unreachable, stopping, not yet promoted, or full:
 * the request answers 503 and may be retried (docs/operations.md, "Failover"). Class 08 is a
 * connection exception; PgBouncer answers its own refusals with 08P01 and a message.
 */
export function isUnavailable(error: unknown): boolean {
  for (
    let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined;
    e && typeof e === 'object';
    e = e.cause as typeof e
  ) {
    const code = typeof e.code === 'string' ? e.code : '';
    if (code.startsWith('08') || unavailableStates.has(code) || unavailableNodeCodes.has(code)) return true;
    const message = typeof e.message === 'string' ? e.message : '';
    if (unavailableMessages.some((m) => message.includes(m))) return true;
  }
  return false;
}

/** A hot standby cancelled the query for a conflict with recovery (40001 there, with this message). */
export function isRecoveryConflict(error: unknown): boolean {
  for (
    let e = error as { code?: unknown; message?: unknown; cause?: unknown } | undefined;
    e && typeof e === 'object';
    e = e.cause as typeof e
  ) {
    if (e.code === '40001' && typeof e.message === 'string' && e.message.includes('conflict with recovery'))
      return true;
  }
  return false;
}
