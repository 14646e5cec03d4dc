// The app on a fresh test database with a clock the test can move (TRUST B4: timeouts are
// tested with an injected clock, never by waiting).
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { type AppOptions, buildApp } from '../../src/server/app.ts';
import { type TestDatabase, testDatabase } from './testDatabase.ts';

export type Clock = { now: Date; advance: (ms: number) => void };

export function aClock(start = '2026-11-23T09:00:00.000Z'): Clock {
  const clock = {
    now: new Date(start),
    advance(ms: number) {
      clock.now = new Date(clock.now.getTime() + ms);
    },
  };
  return clock;
}

export const testPublicUrl = 'http://localhost:3000';
/** A tiny built web app, so the tests do not depend on `npm run build` having run. */
export const testWebRoot = fileURLToPath(new URL('./webApp', import.meta.url));

export type TestApp = {
  app: FastifyInstance;
  database: TestDatabase;
  clock: Clock;
  close: () => Promise<void>;
};

/** `options` adds or replaces settings of the app (e.g. document keys and the upload limit). */
export async function testApp(options: Pick<AppOptions, 'documents'> = {}): Promise<TestApp> {
  const database = await testDatabase();
  const clock = aClock();
  const app = await buildApp({
    database,
    publicUrl: testPublicUrl,
    secureCookies: true,
    now: () => clock.now,
    webRoot: testWebRoot,
    ...options,
  });
  await app.ready();
  return {
    app,
    database,
    clock,
    close: async () => {
      await app.close();
      await database.drop();
    },
  };
}
