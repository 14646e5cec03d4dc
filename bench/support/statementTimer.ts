// Times every statement node-postgres sends, labelled by its verb and tables (e.g. "select
// enrolment"), with its text and values, so a benchmark can report per query and EXPLAIN the very
// statements the app sent. PostgreSQL only (PGlite has no pg.Client).
import pg from 'pg';

export type TimedStatement = {
  label: string;
  text: string;
  values: readonly unknown[];
  /** From sending the statement to its whole answer, as the app waits for it. */
  ms: number;
};

export type StatementTimer = {
  /** Starts recording into a fresh list (the previous one is dropped). */
  start(): void;
  /** Stops and answers what was recorded since start(). */
  stop(): TimedStatement[];
  /** Puts pg.Client back as it was. */
  remove(): void;
};

type QueryConfig = { text?: string; values?: unknown[] };

/** Patches pg.Client.prototype.query: every statement of every pool in this process is seen. */
export function installStatementTimer(): StatementTimer {
  const prototype = pg.Client.prototype as unknown as {
    query: (...args: unknown[]) => unknown;
  };
  const original = prototype.query;
  let recording: TimedStatement[] | null = null;

  prototype.query = function timedQuery(this: unknown, ...args: unknown[]) {
    if (recording === null) return original.apply(this, args);
    const list = recording;
    const [first, second] = args;
    const config: QueryConfig = typeof first === 'string' ? { text: first } : ((first ?? {}) as QueryConfig);
    const text = config.text ?? '';
    const values = (Array.isArray(second) ? second : config.values) ?? [];
    const label = labelOf(text);
    const startedAt = performance.now();
    const result = original.apply(this, args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      (result as Promise<unknown>).then(
        () => list.push({ label, text, values, ms: performance.now() - startedAt }),
        () => {},
      );
    }
    return result;
  };

  return {
    start() {
      recording = [];
    },
    stop() {
      const done = recording ?? [];
      recording = null;
      return done;
    },
    remove() {
      prototype.query = original;
    },
  };
}

/**
 * A short name for a statement: BEGIN and COMMIT by name, else its verb and the tables it reads or
 * writes ("select enrolment", "select support_level_change student"). drizzle runs a statement
 * from a later microtask, so the stack no longer shows which query function asked for it.
 */
export function labelOf(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim().toLowerCase();
  const verb = flat.split(' ')[0] ?? '';
  if (['begin', 'commit', 'rollback', 'savepoint', 'release'].includes(verb)) return verb;
  const ctes = new Set([...flat.matchAll(/(?:with|,) ?"?(\w+)"? as \(/g)].map((m) => m[1]!));
  const tables: string[] = [];
  for (const m of flat.matchAll(/\b(?:from|join|into|update) "?([a-z_][a-z0-9_]*)\b"?(?! ?\()/g)) {
    const name = m[1]!;
    if (ctes.has(name) || tables.includes(name)) continue;
    tables.push(name);
  }
  return `${verb === 'with' ? 'select' : verb} ${tables.join(' ')}`.trim();
}
