// The app on a fresh test database with a clock the test can move (docs/SECURITY.md B4: timeouts are
// tested with an injected clock, never by waiting).
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { type AppOptions, buildApp } from '../../src/server/app.ts';
import type { DocumentSettings } from '../../src/server/modules/documents/documents.service.ts';
import { newDocumentKey } from '../../src/server/modules/documents/encryption.ts';
import { withFixtureKey } from './factories.ts';
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

/**
 * The given document settings, or a key of this app only and 10 MB (as the app takes without
 * settings); the key ring also holds the fixture key the factories seal secrets with.
 */
export function documentsForTests(settings?: DocumentSettings): DocumentSettings {
  const key = newDocumentKey('ephemeral');
  const documents = settings ?? {
    keys: { current: key, byId: new Map([[key.id, key.key]]) },
    maxBytes: 10 * 1024 * 1024,
  };
  return { ...documents, keys: withFixtureKey(documents.keys) };
}

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
    documents: documentsForTests(options.documents),
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
