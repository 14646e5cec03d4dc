// docs/SECURITY.md F6, finding 1: no body is read before the session and the route's
// authentication level are known, and a signed-in 10 MB upload never stalls the server. Measured on
// a real listening server (not app.inject): the event loop's longest stall and the time /api/health
// takes while the uploads are under way.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Agent, aSchool, aStudent, aSwv, aUser, signIn } from '../../../test/support/factories.ts';
import { type TestApp, testApp } from '../../../test/support/testApp.ts';
import { newDocumentKey } from '../modules/documents/encryption.ts';

const tenMegabytes = 10 * 1024 * 1024;
const key = newDocumentKey('pipeline');
/**
 * The longest the server's thread may run without a break (CPU time, see longestStall) while an
 * upload goes on, on either database. Our own steps stay near 50 ms; the margin is for a shared
 * 2-core machine, where one copy of 10 MB alone costs up to 40 ms. On PGlite the database runs in
 * this thread too: it stores and reads a document a 128 KB chunk per statement
 * (docs/decisions/0023-…); one 10 MB statement held the thread for 1–2 s. Before the fix of
 * finding 1 an upload without a session held the thread for many seconds in either mode.
 */
const maxStallMs = 100;
/**
 * /api/health answers well under a second on an idle machine; the margin is the shared one.
 * Health asks the database, so on PGlite it waits for whatever statement runs there.
 */
const maxHealthMs = 1000;

type Answer = { status: number; sentBytes: number; body: string; headers: http.IncomingHttpHeaders };

/**
 * Sends `body` to the server in 64 KB chunks; with `pauseAfter`, stops there until an answer
 * comes or `pauseMs` pass (an upload still in flight). The answer is taken as soon as it starts:
 * a server that hangs up after answering may reset the rest of the upload.
 */
function upload(
  port: number,
  path: string,
  headers: Record<string, string>,
  body: Buffer,
  options: { pauseAfter?: number; pauseMs?: number } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    let sentBytes = 0;
    let answered = false;
    const request = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path,
      agent: false,
      headers: {
        'content-type': 'application/octet-stream',
        ...headers,
        'content-length': String(body.length),
      },
    });
    request.on('response', (response) => {
      answered = true;
      const sentAtAnswer = sentBytes;
      const chunks: Buffer[] = [];
      const finish = () =>
        resolve({
          status: response.statusCode ?? 0,
          sentBytes: sentAtAnswer,
          body: Buffer.concat(chunks).toString('utf8'),
          headers: response.headers,
        });
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', finish);
      response.on('error', finish);
    });
    request.on('error', (error) => {
      if (!answered) reject(error);
    });
    const writeUntil = async (end: number) => {
      while (!answered && sentBytes < end) {
        const chunk = body.subarray(sentBytes, Math.min(sentBytes + 64 * 1024, end));
        sentBytes += chunk.length;
        if (!request.write(chunk)) await new Promise((drained) => request.once('drain', drained));
      }
    };
    const send = async () => {
      const pauseAt = options.pauseAfter ?? body.length;
      await writeUntil(pauseAt);
      const resumeAt = performance.now() + (options.pauseMs ?? 0);
      while (!answered && pauseAt < body.length && performance.now() < resumeAt) await sleep(10);
      await writeUntil(body.length);
      if (!answered) request.end();
    };
    void send().catch(reject);
  });
}

/**
 * Asks /api/health every 20 ms until `stop` settles; returns the slowest answer in ms, counted
 * from when the question was due: the client shares the server's thread, so a stall that makes
 * the 20 ms pause run late delays the question as much as the answer.
 */
async function probeHealth(port: number, stop: Promise<unknown>): Promise<number> {
  let running = true;
  void stop.finally(() => {
    running = false;
  });
  let slowest = 0;
  let due = performance.now();
  do {
    const response = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(response.status).toBe(200);
    await response.arrayBuffer();
    slowest = Math.max(slowest, performance.now() - due);
    due = performance.now() + 20;
    await sleep(20);
  } while (running);
  return slowest;
}

/** The CPU time this thread has used, in ms: Linux keeps it per thread, other systems per process. */
function threadCpuMs(): number {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[0]) / 1e6;
  } catch {
    const usage = process.cpuUsage();
    return (usage.user + usage.system) / 1000;
  }
}

/**
 * Runs `work` while a 5 ms timer measures the event loop's longest stall: the CPU time the server's
 * thread spent between two ticks. CPU time, not wall time: on a busy machine the process also
 * waits for a core, which is not the server blocking.
 */
async function longestStall<T>(work: () => Promise<T>): Promise<{ result: T; stallMs: number }> {
  let stallMs = 0;
  let lastCpu = threadCpuMs();
  const timer = setInterval(() => {
    const cpu = threadCpuMs();
    stallMs = Math.max(stallMs, cpu - lastCpu);
    lastCpu = cpu;
  }, 5);
  try {
    const result = await work();
    return { result, stallMs };
  } finally {
    clearInterval(timer);
  }
}

describe('the request pipeline under large uploads', () => {
  let t: TestApp;
  let port: number;
  let ib: Agent;
  let childId: string;
  const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), randomBytes(tenMegabytes - 9)]);
  const uploadPath = (id: string) =>
    `/api/students/${id}/documents?title=Verslag&fileName=verslag.pdf&classification=ordinary`;

  beforeAll(async () => {
    t = await testApp({
      documents: { keys: { current: key, byId: new Map([[key.id, key.key]]) }, maxBytes: tenMegabytes },
    });
    const db = t.database.db;
    const swv = await aSwv(db);
    const school = await aSchool(db, swv.id);
    childId = (await aStudent(db, swv.id, school.id)).id;
    ib = await signIn(t, await aUser(db, swv.id, [{ role: 'school_ib', schoolId: school.id }]));
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    port = (t.app.server.address() as AddressInfo).port;
  });
  afterAll(() => t.close());

  it('answers 401 to an upload without a session before its body has arrived, and hangs up', async () => {
    const answer = await upload(port, uploadPath(childId), {}, pdf, {
      pauseAfter: 1024 * 1024,
      pauseMs: 5000,
    });
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body).error.code).toBe('unauthenticated');
    // Answered while the client still held back 9 of the 10 MB.
    expect(answer.sentBytes).toBe(1024 * 1024);
    expect(answer.headers.connection).toBe('close');
  });

  it('refuses an upload from another site before its body has arrived', async () => {
    const headers = { cookie: ib.cookie!, 'x-csrf-token': ib.csrfToken!, 'sec-fetch-site': 'cross-site' };
    const answer = await upload(port, uploadPath(childId), headers, pdf, {
      pauseAfter: 1024 * 1024,
      pauseMs: 5000,
    });
    expect(answer.status).toBe(403);
    expect(answer.sentBytes).toBe(1024 * 1024);
  });

  it('reads no more than 16 KB sent to a route open to anyone, refusing a larger body before it arrives', async () => {
    const body = Buffer.from(JSON.stringify({ email: 'a@example.test', password: 'x'.repeat(200 * 1024) }));
    const answer = await upload(port, '/api/auth/login', { 'content-type': 'application/json' }, body, {
      pauseAfter: 64 * 1024,
      pauseMs: 5000,
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.code).toBe('payload_too_large');
    expect(answer.sentBytes).toBe(64 * 1024);
  });

  it('keeps answering /api/health while uploads without a session pour in', async () => {
    const { result, stallMs } = await longestStall(async () => {
      const attack = Promise.all(
        Array.from({ length: 4 }, () =>
          upload(port, uploadPath(childId), {}, pdf).catch(() => ({ status: 0 }) as const),
        ),
      );
      const [answers, slowestHealthMs] = await Promise.all([attack, probeHealth(port, attack)]);
      return { answers, slowestHealthMs };
    });
    // Each attacker gets its 401, or a reset connection when the server hung up first.
    for (const answer of result.answers) expect([0, 401]).toContain(answer.status);
    expect(result.slowestHealthMs).toBeLessThan(maxHealthMs);
    expect(stallMs).toBeLessThan(maxStallMs);
  });

  it('keeps answering /api/health while a signed-in user uploads 10 MB, and stores it', async () => {
    const headers = { cookie: ib.cookie!, 'x-csrf-token': ib.csrfToken! };
    const { result, stallMs } = await longestStall(async () => {
      const stored = upload(port, uploadPath(childId), headers, pdf);
      const [answer, slowestHealthMs] = await Promise.all([stored, probeHealth(port, stored)]);
      return { answer, slowestHealthMs };
    });
    expect(result.answer.status).toBe(201);
    expect(JSON.parse(result.answer.body).sizeBytes).toBe(tenMegabytes);
    expect(result.slowestHealthMs).toBeLessThan(maxHealthMs);
    expect(stallMs).toBeLessThan(maxStallMs);
  });

  it('keeps answering /api/health while the signed-in user downloads the 10 MB, and sends it whole', async () => {
    const list = await fetch(`http://127.0.0.1:${port}/api/students/${childId}/documents`, {
      headers: { cookie: ib.cookie! },
    });
    const { documents } = (await list.json()) as { documents: { id: string }[] };
    expect(documents).toHaveLength(1);
    const { result, stallMs } = await longestStall(async () => {
      const download = fetch(`http://127.0.0.1:${port}/api/documents/${documents[0]!.id}/content`, {
        headers: { cookie: ib.cookie!, 'sec-fetch-site': 'same-origin' },
      }).then(async (response) => ({
        status: response.status,
        body: Buffer.from(await response.arrayBuffer()),
      }));
      const [answer, slowestHealthMs] = await Promise.all([download, probeHealth(port, download)]);
      return { answer, slowestHealthMs };
    });
    expect(result.answer.status).toBe(200);
    expect(result.answer.body.equals(pdf)).toBe(true);
    expect(result.slowestHealthMs).toBeLessThan(maxHealthMs);
    expect(stallMs).toBeLessThan(maxStallMs);
  });
});
