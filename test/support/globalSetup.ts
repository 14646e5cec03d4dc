// Prepares one migrated database that every test file copies: a PGlite snapshot file, or, with
// DATABASE_URL, a PostgreSQL template database; and names the folder the browser tests share the
// built web app in. Removed again at the end of the run.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { buildServer } from '../../scripts/build-server.ts';
import { openDatabase } from '../../src/server/db/client.ts';
import { migrateDatabase } from '../../src/server/db/migrate.ts';
import { databaseUrlWithName } from './postgres.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteSnapshot: string;
    postgresTemplate: string;
    /** Where the first browser test file builds the web app for all of them (test/support/browser.ts). */
    webAppFolder: string;
  }
}

export default async function setup(project: TestProject) {
  // The reliability tests run the server as `npm start` does: from the bundle of these sources.
  await buildServer();
  const folder = mkdtempSync(path.join(tmpdir(), 'passend-test-'));
  project.provide('webAppFolder', path.join(folder, 'web'));
  const removeFolder = () => rmSync(folder, { recursive: true, force: true });
  const serverUrl = process.env.DATABASE_URL;
  if (serverUrl) {
    const template = `passend_template_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${template}`);
    const database = await openDatabase({
      kind: 'postgres',
      url: databaseUrlWithName(serverUrl, template),
      poolSize: 1,
    });
    await migrateDatabase(database);
    await database.close();
    project.provide('postgresTemplate', template);
    project.provide('pgliteSnapshot', '');
    return async () => {
      await admin.query(`drop database if exists ${template} with (force)`);
      await admin.end();
      removeFolder();
    };
  }
  const database = await openDatabase({ kind: 'pglite-memory' });
  await migrateDatabase(database);
  const snapshotPath = path.join(folder, 'migrated.tar');
  const pglite = (database.db as unknown as { $client: PGlite }).$client;
  writeFileSync(snapshotPath, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
  await database.close();
  project.provide('pgliteSnapshot', snapshotPath);
  project.provide('postgresTemplate', '');
  return removeFolder;
}
