import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Agent, aSchool, aSwv, aUser, testPassword } from '../../test/support/factories.ts';
import { type TestApp, testApp } from '../../test/support/testApp.ts';
import { session, throttle } from './db/schema/index.ts';
import { cleanUpExpired } from './housekeeping.ts';

describe('housekeeping', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp();
  });
  afterAll(() => t.close());

  const rows = async (table: typeof session | typeof throttle) =>
    (await t.database.db.select({ n: count() }).from(table))[0]!.n;

  it('deletes expired sessions and old throttle windows, and keeps live ones', async () => {
    const swvId = (await aSwv(t.database.db)).id;
    const schoolId = (await aSchool(t.database.db, swvId)).id;
    const user = await aUser(t.database.db, swvId, [{ role: 'school_ib', schoolId }]);
    await new Agent(t).post('/api/auth/login', { email: user.email, password: testPassword });
    await new Agent(t).post('/api/auth/login', { email: user.email, password: 'a wrong password' });
    const before = { sessions: await rows(session), throttles: await rows(throttle) };
    expect(before.sessions).toBeGreaterThan(0);
    expect(before.throttles).toBeGreaterThan(0);

    await cleanUpExpired(t.database, new Date(t.clock.now.getTime() + 29 * 60 * 1000));
    expect(await rows(session)).toBe(before.sessions);
    expect(await rows(throttle)).toBe(before.throttles);

    await cleanUpExpired(t.database, new Date(t.clock.now.getTime() + 61 * 60 * 1000));
    expect(await rows(session)).toBe(0);
    expect(await rows(throttle)).toBe(0);
  });
});
