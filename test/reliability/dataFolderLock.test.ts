// docs/SECURITY.md F2: PGlite takes no lock of its own, so a second Passend process on the same data folder
// must be refused (two writers would corrupt it), while the first keeps serving. The embedded
// database only, so it runs on PGlite in the PostgreSQL pass too.
import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { aSchool, aSwv, aUser } from '../support/factories.ts';
import {
  aServerDatabase,
  freePort,
  sessionHeaders,
  signInOverHttp,
  spawnServer,
  startServer,
  withDatabase,
  within,
} from '../support/serverProcess.ts';

describe('docs/SECURITY.md F2: one process per PGlite data folder', () => {
  const cleanups: Array<() => Promise<unknown>> = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });

  it('refuses a second process with one clear line and a non-zero exit, and the first keeps serving', async () => {
    const serverDatabase = await aServerDatabase({ embedded: true });
    cleanups.push(() => serverDatabase.remove());
    const { schoolId, ib } = await withDatabase(serverDatabase, async ({ db }) => {
      const swv = await aSwv(db);
      const school = await aSchool(db, swv.id);
      return {
        schoolId: school.id,
        ib: await aUser(db, swv.id, [{ role: 'school_ib', schoolId: school.id }]),
      };
    });
    const first = await startServer(serverDatabase);
    cleanups.push(() => first.kill('SIGKILL'));

    const second = spawnServer(serverDatabase, await freePort());
    cleanups.push(async () => {
      second.child.kill('SIGKILL');
      await second.exited;
    });
    const exit = await within(second.exited, 30_000, 'the second process to give up');

    expect(exit.signal, second.output()).toBeNull();
    expect(exit.code, second.output()).not.toBe(0);
    const lines = second.stderr().trim().split('\n');
    expect(lines, second.output()).toHaveLength(1);
    expect(lines[0]).toMatch(
      new RegExp(
        `data folder .+ is in use by another Passend process \\(pid ${first.pid}\\)\\. Stop it first\\.$`,
      ),
    );
    expect(second.output()).not.toContain('Passend is running');
    // The refused process left the first one's lock alone.
    expect(readFileSync(serverDatabase.lockPath!, 'utf8')).toBe(String(first.pid));

    expect(first.exit()).toBeNull();
    const session = await signInOverHttp(first.baseUrl, ib);
    const created = await fetch(`${first.baseUrl}/api/schools/${schoolId}/students`, {
      method: 'POST',
      headers: sessionHeaders(session),
      body: JSON.stringify({ givenName: 'Daan', familyName: 'Bakker', birthDate: '2015-09-30' }),
    });
    expect(created.status).toBe(201);
    expect(await first.kill('SIGTERM')).toEqual({ code: 0, signal: null });
  }, 120_000);
});
