// The embedded data folder is the owner's alone, whatever the umask the server starts with.
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveKeyRing } from '../modules/documents/encryption.ts';
import { openDatabase } from './client.ts';
import { migrateDatabase } from './migrate.ts';

/** Every folder and file under `folder` (itself included) whose mode is not owner-only. */
function openToOthers(folder: string): string[] {
  const entries = ['', ...readdirSync(folder, { recursive: true, encoding: 'utf8' })];
  return entries.flatMap((entry) => {
    const stats = statSync(path.join(folder, entry));
    const allowed = stats.isDirectory() ? 0o700 : 0o600;
    const mode = stats.mode & 0o777;
    return mode & ~allowed ? [`${entry || '.'} ${mode.toString(8)}`] : [];
  });
}

describe('the embedded data folder', () => {
  let parent: string;
  let umask: number;
  beforeAll(() => {
    parent = mkdtempSync(path.join(tmpdir(), 'passend-private-'));
    // Tests run in forked processes (vitest.config.ts), where the umask can be set.
    umask = process.umask(0o000);
  });
  afterAll(() => {
    process.umask(umask);
    rmSync(parent, { recursive: true, force: true });
  });

  it('is created 0700 with files 0600 under a umask of 000, while open and after closing', async () => {
    const dataDir = path.join(parent, 'fresh', 'data');
    // As main.ts starts: the key file first, then the database, migrated, written to.
    resolveKeyRing(null, { kind: 'pglite', dataDir });
    const database = await openDatabase({ kind: 'pglite', dataDir });
    try {
      await migrateDatabase(database);
      await database.exec('create table probe (x int); insert into probe values (1); checkpoint');
      const names = readdirSync(dataDir, { recursive: true, encoding: 'utf8' });
      expect(names).toEqual(expect.arrayContaining(['passend.lock', 'document-keys', 'pgdata/pg_hba.conf']));
      expect(names.length).toBeGreaterThan(500);
      expect(openToOthers(dataDir)).toEqual([]);
    } finally {
      await database.close();
    }
    expect(openToOthers(dataDir)).toEqual([]);
    expect(statSync(path.join(parent, 'fresh')).mode & 0o777).toBe(0o700);
  }, 120_000);

  it('tightens a folder an older version left open to others, at the next start', async () => {
    const dataDir = path.join(parent, 'older');
    const database = await openDatabase({ kind: 'pglite', dataDir });
    await database.close();
    // As PGlite used to leave it: folders 0777, files 0666 (here also a stray executable one).
    const loosen = (folder: string) => {
      chmodSync(folder, 0o777);
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const full = path.join(folder, entry.name);
        if (entry.isDirectory()) loosen(full);
        else chmodSync(full, 0o666);
      }
    };
    loosen(dataDir);
    mkdirSync(path.join(dataDir, 'notes'), { mode: 0o777 });
    writeFileSync(path.join(dataDir, 'notes', 'run.sh'), '#!/bin/sh\n', { mode: 0o777 });
    expect(openToOthers(dataDir).length).toBeGreaterThan(500);

    const reopened = await openDatabase({ kind: 'pglite', dataDir });
    try {
      expect(openToOthers(dataDir)).toEqual([]);
    } finally {
      await reopened.close();
    }
  }, 120_000);
});
