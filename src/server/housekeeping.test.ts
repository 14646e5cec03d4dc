import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Agent,
  aDocument,
  aSchool,
  aStudent,
  aSwv,
  aUser,
  testPassword,
} from '../../test/support/factories.ts';
import { type TestApp, testApp } from '../../test/support/testApp.ts';
import { document, documentChunk, session, throttle } from './db/schema/index.ts';
import { cleanUpExpired } from './housekeeping.ts';
import { newDocumentKey } from './modules/documents/encryption.ts';

const key = newDocumentKey('housekeeping');

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

  it('deletes a document left storing for an hour, with its chunks, and keeps stored ones and fresh uploads', async () => {
    const db = t.database.db;
    const swvId = (await aSwv(db)).id;
    const schoolId = (await aSchool(db, swvId)).id;
    const studentId = (await aStudent(db, swvId, schoolId)).id;
    const uploadedByUserId = (await aUser(db, swvId, [{ role: 'school_ib', schoolId }])).id;
    const keys = { current: key, byId: new Map([[key.id, key.key]]) };
    const [stored, fresh, abandoned] = await Promise.all(
      [0, 1, 2].map(() => aDocument(db, keys, { swvId, studentId, uploadedByUserId })),
    );
    const at = (minutesAgo: number) => new Date(t.clock.now.getTime() - minutesAgo * 60 * 1000);
    await db
      .update(document)
      .set({ state: 'storing', uploadedAt: at(5) })
      .where(eq(document.id, fresh!.id));
    await db
      .update(document)
      .set({ state: 'storing', uploadedAt: at(61) })
      .where(eq(document.id, abandoned!.id));
    await db
      .update(document)
      .set({ uploadedAt: at(24 * 60) })
      .where(eq(document.id, stored!.id));

    await cleanUpExpired(t.database, t.clock.now);
    const left = await db.select({ id: document.id }).from(document).orderBy(document.id);
    expect(left.map((row) => row.id)).toEqual([stored!.id, fresh!.id].sort());
    const chunks = await db.select({ documentId: documentChunk.documentId }).from(documentChunk);
    expect(new Set(chunks.map((chunk) => chunk.documentId))).toEqual(new Set([stored!.id, fresh!.id]));
  });
});
