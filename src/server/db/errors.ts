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
