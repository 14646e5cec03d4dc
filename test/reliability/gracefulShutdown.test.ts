// docs/SECURITY.md F4: on SIGTERM the server stops taking connections, finishes the request it is running,
// checkpoints, closes and exits 0; on PGlite the lock is gone and the folder reopens cleanly.
import { existsSync } from 'node:fs';
import http from 'node:http';
import { connect } from 'node:net';
import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyAccessLog } from '../../src/server/access/accessLog.ts';
import { student } from '../../src/server/db/schema/index.ts';
import { aSchool, aSwv, aUser } from '../support/factories.ts';
import {
  aServerDatabase,
  sessionHeaders,
  signInOverHttp,
  startServer,
  waitFor,
  withDatabase,
  within,
} from '../support/serverProcess.ts';

describe('docs/SECURITY.md F4: SIGTERM', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('finishes the request in flight, refuses new connections, exits 0 and leaves the data closed', async () => {
    const serverDatabase = await aServerDatabase();
    cleanups.push(() => serverDatabase.remove());
    const { schoolId, ib } = await withDatabase(serverDatabase, async ({ db }) => {
      const swv = await aSwv(db);
      const school = await aSchool(db, swv.id);
      return {
        schoolId: school.id,
        ib: await aUser(db, swv.id, [{ role: 'school_ib', schoolId: school.id }]),
      };
    });
    // At 'info' the server logs each incoming request: that is how the test sees it arrive.
    const server = await startServer(serverDatabase, { logLevel: 'info' });
    cleanups.push(() => server.kill('SIGKILL'));
    const session = await signInOverHttp(server.baseUrl, ib);

    // A create whose body is still arriving when the signal comes: in flight, on a keep-alive
    // connection as a browser would hold it.
    const path = `/api/schools/${schoolId}/students`;
    const body = Buffer.from(
      JSON.stringify({ givenName: 'Noor', familyName: 'Yilmaz', birthDate: '2014-02-28' }),
    );
    const agent = new http.Agent({ keepAlive: true });
    cleanups.push(async () => agent.destroy());
    const request = http.request(`${server.baseUrl}${path}`, {
      method: 'POST',
      agent,
      headers: { ...sessionHeaders(session), 'content-length': String(body.length) },
    });
    const answer = new Promise<{ status: number; body: string }>((resolve, reject) => {
      request.once('error', reject);
      request.once('response', (response) => {
        let text = '';
        response.setEncoding('utf8').on('data', (chunk: string) => {
          text += chunk;
        });
        response.once('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      });
    });
    request.write(body.subarray(0, 10));
    await waitFor('the server to receive the request', () =>
      server.output().includes(`"req":{"method":"POST","path":"${path}"`),
    );

    const exited = server.kill('SIGTERM');
    await waitFor('new connections to be refused', async () => (await tryConnect(server.port)) === 'refused');
    expect(server.exit(), 'the server must not exit before its running request is answered').toBeNull();

    request.end(body.subarray(10));
    const { status, body: answerBody } = await within(answer, 10_000, 'the in-flight request to be answered');
    expect(status, answerBody).toBe(201);
    const createdId = (JSON.parse(answerBody) as { id: string }).id;
    expect(await within(exited, 10_000, 'the server to exit after its last request')).toEqual({
      code: 0,
      signal: null,
    });

    if (serverDatabase.lockPath) expect(existsSync(serverDatabase.lockPath)).toBe(false);
    await withDatabase(serverDatabase, async ({ db }) => {
      const [created] = await db
        .select({ familyName: student.familyName })
        .from(student)
        .where(eq(student.id, createdId));
      expect(created).toEqual({ familyName: 'Yilmaz' });
      // The last request's row was sealed and signed before the server exited.
      const verification = await verifyAccessLog(db, { checkpoints: serverDatabase.checkpoints });
      expect(verification.problems).toEqual([]);
      expect(verification.unsealed).toBe(0);
    });
  }, 120_000);
});

/** Opens a new TCP connection: 'accepted', or 'refused' when nobody listens any more. */
function tryConnect(port: number): Promise<'accepted' | 'refused'> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve('accepted');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNREFUSED') resolve('refused');
      else reject(error);
    });
  });
}
