// The servers and checks the read benchmarks share: the bare reference endpoint, signing in
// through the real login route, and the access-log accounting after the load.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import Fastify, { type FastifyInstance } from 'fastify';
import { appendAndReadSql, verifyAccessLog } from '../../src/server/access/accessLog.ts';
import {
  checkpointKeysOf,
  newSigningKeyText,
  parseSigningKeys,
} from '../../src/server/access/checkpoints.ts';
import { createSealer } from '../../src/server/access/sealer.ts';
import { sessionCookieName } from '../../src/server/auth/sessions.ts';
import { currentTotp } from '../../src/server/auth/totp.ts';
import { type Database, queryPrepared, queryRows } from '../../src/server/db/client.ts';
import { student } from '../../src/server/db/schema/index.ts';
import { studentFileSelect } from '../../src/server/modules/students/students.queries.ts';
import type { BenchDatabase } from './benchDatabase.ts';

/** The same columns the app's GET /api/students/:id returns. */
const studentColumns = {
  id: student.id,
  schoolId: student.schoolId,
  givenName: student.givenName,
  familyNamePrefix: student.familyNamePrefix,
  familyName: student.familyName,
  birthDate: student.birthDate,
  schoolKey: student.schoolKey,
  groupName: student.groupName,
  supportLevel: student.supportLevel,
};

/** The reference: Fastify with its defaults, one primary-key select, no session, no policy, no log. */
export function buildBareApp(database: Database): FastifyInstance {
  const bare = Fastify();
  bare.get<{ Params: { id: string } }>('/bare/:id', async (request, reply) => {
    const [row] = await database.db
      .select(studentColumns)
      .from(student)
      .where(eq(student.id, request.params.id));
    if (!row) return reply.code(404).send();
    return row;
  });
  return bare;
}

/**
 * The floor of a logged read: bare Fastify sending only the statement the app sends once its policy
 * has allowed the read — the access-log row and the child's file in one prepared statement
 * (appendAndReadSql with the app's own select) — with no session, no facts and no policy. What
 * the bar leaves for the rest of a logged read is the gap between this and the bare read.
 */
export function buildFloorApp(database: Database, actor: { swvId: string; userId: string }): FastifyInstance {
  const floor = Fastify();
  let calls = 0;
  floor.get<{ Params: { id: string } }>('/floor/:id', async (request, reply) => {
    const studentId = request.params.id;
    const [row] = await queryPrepared<{ found: boolean | null }>(
      database.db,
      appendAndReadSql(
        {
          actorUserId: actor.userId,
          requestId: `floor-${++calls}`,
          clientAddress: request.ip,
          now: new Date(),
        },
        {
          swvId: actor.swvId,
          studentId,
          objectType: 'student',
          objectId: studentId,
          action: 'read',
          outcome: 'allowed',
          purpose: 'benchmark floor',
          actorRole: 'school_ib',
          actorOrganisation: 'benchmark',
        },
        undefined,
        studentFileSelect(actor.swvId, studentId),
      ),
    );
    if (!row?.found) return reply.code(404).send();
    return row;
  });
  return floor;
}

/**
 * Signs in through the real login route, and with `totpSecret` through the second factor when the
 * role asks for one (a consultant); answers the Cookie header of the session.
 */
export async function signIn(
  origin: string,
  email: string,
  password: string,
  totpSecret?: string | null,
): Promise<string> {
  const response = await fetch(`${origin}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  const body = (await response.json()) as { stage?: string; csrfToken?: string };
  if (response.status === 200 && body.stage === 'second_factor' && totpSecret) {
    const second = await fetch(`${origin}/api/auth/second-factor`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        cookie: sessionCookieOf(response),
        'x-csrf-token': body.csrfToken ?? '',
      },
      body: JSON.stringify({ code: currentTotp(totpSecret, new Date()) }),
    });
    const secondBody = (await second.json()) as { stage?: string };
    if (second.status !== 200 || secondBody.stage !== 'active') {
      throw new Error(`second factor failed: ${second.status} ${JSON.stringify(secondBody)}`);
    }
    return sessionCookieOf(second);
  }
  if (response.status !== 200 || body.stage !== 'active') {
    throw new Error(`sign-in failed: ${response.status} ${JSON.stringify(body)}`);
  }
  return sessionCookieOf(response);
}

function sessionCookieOf(response: Response): string {
  const name = sessionCookieName(false);
  const session = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0]!)
    .find((pair) => pair.startsWith(`${name}=`));
  if (!session) throw new Error('sign-in set no session cookie');
  return session;
}

/** Answers the parsed JSON body; anything but 200 stops the benchmark before it measures. */
export async function expectOk(url: string, cookie: string): Promise<unknown> {
  const response = await fetch(url, { headers: { cookie } });
  if (response.status !== 200)
    throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  return response.json();
}

/** The PostgreSQL backends of this database, when the server runs on this machine (their CPU is read from /proc). */
export function localBackendPids(bench: BenchDatabase): (() => Promise<number[]>) | null {
  const target = bench.database.target;
  if (target.kind !== 'postgres') return null;
  const host = new URL(target.url).hostname;
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(host)) return null;
  return async () =>
    (
      await queryRows<{ pid: number }>(
        bench.database.db,
        sql`select pid from pg_stat_activity where datname = current_database()`,
      )
    ).map((row) => row.pid);
}

/**
 * Waits until the SWV's access log stops growing. wrk leaves requests in flight when it stops;
 * the server still answers them, and they must neither run into the next measurement nor into
 * the chain check at the end.
 */
export async function waitForQuietLog(database: Database, swvId: string): Promise<void> {
  const headSeq = async () =>
    (
      await queryRows<{ n: string }>(
        database.db,
        sql`select count(*)::text as n from access_log where swv_id = ${swvId}`,
      )
    )[0]?.n;
  let previous = await headSeq();
  for (let attempt = 0; attempt < 50; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    const current = await headSeq();
    if (current === previous) return;
    previous = current;
  }
  throw new Error('the access log kept growing after the load stopped');
}

/**
 * The access log's sealer, as the server runs it (every second, one batch after another), with a
 * key and a checkpoint folder of this run's own; `finish` stops it, seals the rest and reports.
 */
export type BenchSealer = {
  checkpoints: { folder: string; publicKeys: ReturnType<typeof checkpointKeysOf>['publicKeys'] };
  /** Stops the sealer, seals what is left, prints the time from append to seal; removes the folder after `done`. */
  finish(since: Date): Promise<void>;
  remove(): void;
};

export function startBenchSealer(database: Database): BenchSealer {
  const keys = parseSigningKeys(newSigningKeyText('bench'));
  const folder = mkdtempSync(path.join(tmpdir(), 'passend-bench-checkpoints-'));
  const sealer = createSealer(database.db, { key: keys[0]!, folder });
  sealer.start(1000);
  return {
    checkpoints: { folder, publicKeys: checkpointKeysOf(keys).publicKeys },
    async finish(since) {
      await sealer.stop();
      // What the sealer had sealed by itself during the load, before this last run.
      const [times] = await queryRows<{ n: number; p50: number; p99: number; max: number }>(
        database.db,
        sql`select count(*)::int as n,
              percentile_cont(0.5) within group (order by ms) as p50,
              percentile_cont(0.99) within group (order by ms) as p99, max(ms) as max
            from (select extract(epoch from sealed_at - at) * 1000 as ms from access_log
                   where at >= ${since.toISOString()}::timestamptz and sealed_at is not null) t`,
      );
      await sealer.runOnce();
      const ms = (value: number | null) => (value === null ? '–' : `${Math.round(Number(value))} ms`);
      console.log(
        `  append to seal      ${times?.n ?? 0} rows sealed during the load: p50 ${ms(times?.p50 ?? null)}, p99 ${ms(times?.p99 ?? null)}, max ${ms(times?.max ?? null)} (sealer every 1 s)`,
      );
    },
    remove() {
      rmSync(folder, { recursive: true, force: true });
    },
  };
}

/** The log must hold a row for every answered logged call, with an unbroken chain; prints and throws if not. */
export async function checkAccessLog(
  database: Database,
  swvId: string,
  rowsBefore: number,
  answered: number,
  sealer?: BenchSealer,
): Promise<void> {
  const [counted] = await queryRows<{ n: number }>(
    database.db,
    sql`select count(*)::int as n from access_log where swv_id = ${swvId}`,
  );
  const written = (counted?.n ?? 0) - rowsBefore;
  const verification = await verifyAccessLog(database.db, { checkpoints: sealer?.checkpoints });
  const chain =
    verification.problems.length === 0
      ? `verified${sealer ? ` against ${verification.anchored[swvId] ?? 0} rows of signed checkpoints` : ''}, ${verification.unsealed} unsealed`
      : `BROKEN ${JSON.stringify(verification.problems)}`;
  console.log(`  access log          ${written} rows written for ${answered} answered calls; chain ${chain}`);
  if (written < answered || verification.problems.length > 0) {
    throw new Error('the access log does not account for every call');
  }
}
