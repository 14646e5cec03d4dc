import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  aCaseMember,
  aConsent,
  aDocument,
  aGuardian,
  aPartnerOrganisation,
  aSchool,
  aStudent,
  aSwv,
  aTeam,
  aUser,
} from '../../../test/support/factories.ts';
import { type TestDatabase, testDatabase } from '../../../test/support/testDatabase.ts';
import { appendAccessLog, verifyAccessLog } from '../access/accessLog.ts';
import { sealBatch } from '../access/sealer.ts';
import { createSession } from '../auth/sessions.ts';
import { newDocumentKey, openDocument } from '../modules/documents/encryption.ts';
import { backupDatabase, restoreDatabase, type TableChecksum, tableChecksums } from './backup.ts';
import { type Database, openDatabase, queryRows } from './client.ts';
import { migrateDatabase } from './migrate.ts';
import { document, documentChunk } from './schema/index.ts';

const documentKey = newDocumentKey('backup');
const documentKeys = { current: documentKey, byId: new Map([[documentKey.id, documentKey.key]]) };
/** Every byte value, over 300 KB: the ciphertext spans five chunks. */
const documentContent = Buffer.concat([
  Buffer.from('%PDF-1.4\n'),
  Buffer.from(Array.from({ length: 300 * 1024 }, (_, i) => i % 256)),
]);

/** The one stored document, decrypted from its chunks in order. */
async function storedDocument(database: Database): Promise<Buffer> {
  const [row] = await database.db.select().from(document);
  const chunks = await database.db
    .select()
    .from(documentChunk)
    .where(eq(documentChunk.documentId, row!.id))
    .orderBy(asc(documentChunk.seq));
  expect(chunks.map((chunk) => chunk.seq)).toEqual([0, 1, 2, 3, 4]);
  return openDocument(
    documentKeys,
    { swvId: row!.swvId, documentId: row!.id },
    { ...row!, ciphertext: Buffer.concat(chunks.map((chunk) => chunk.bytes)) },
  );
}

/**
 * A table no migration knows, standing in for one a later feature adds: the backup must find it
 * in the catalogue. Its columns cover the types whose text form could drift between databases.
 */
async function addLaterFeatureTable(database: Database): Promise<void> {
  await database.exec(`create table later_feature (
    id bigserial primary key,
    parent_id bigint references later_feature (id),
    label text not null,
    tags text[] not null default '{}',
    amount numeric(12, 4),
    ratio double precision,
    happened_at timestamptz,
    local_time timestamp,
    due_on date,
    span interval,
    payload jsonb,
    raw bytea,
    flag boolean
  );
  -- No primary key, and a name that sorts before the table it references.
  create table annotation (feature_id bigint not null references later_feature (id), note text)`);
}

async function fillLaterFeatureTable(database: Database): Promise<void> {
  await database.exec(String.raw`
    insert into later_feature (label, tags, amount, ratio, happened_at, local_time, due_on, span, payload, raw, flag)
    values
      ('first', '{}', 12.34, 0.1, '2026-03-29 02:30:00.000001+02', '2026-03-29 02:30:00', '2026-02-28',
       '1 year 2 mons 3 days 04:05:06.789', '{"b": [1, 2.50, null], "a": "é"}', '\x00ff10', true),
      (E'line\nbreak\ttab "quoted" \\ backslash ✓', '{"a,b","c\"d",NULL,"",ünï}', -0.0001, 1e300,
       'infinity', '-infinity', '0044-03-15 BC', '-1 days', '[]', '\x', false),
      ('nulls', '{}', null, null, null, null, null, null, null, null, null);
    insert into later_feature (parent_id, label, ratio) values (1, 'child of first', 'NaN');
    insert into annotation values (1, 'b'), (1, 'a'), (1, 'a'), (4, null), (2, 'ü'), (2, 'Z');
  `);
}

/** Factory data of two SWVs: everything a real backup holds, with the awkward values on purpose. */
async function fillWithFactoryData(database: Database): Promise<void> {
  const { db } = database;
  const swv = await aSwv(db, { municipalities: ['Utrecht', 'De Ronde Venen', 'a "quoted", comma'] });
  const otherSwv = await aSwv(db);
  const schoolA = await aSchool(db, swv.id);
  const schoolB = await aSchool(db, swv.id, { kind: 'sbo' });
  const partnerId = await aPartnerOrganisation(db, swv.id, [schoolA.id]);
  const admin = await aUser(db, swv.id, [{ role: 'swv_admin' }]);
  const ib = await aUser(db, swv.id, [{ role: 'school_ib', schoolId: schoolA.id }]);
  const teacher = await aUser(db, swv.id, [
    { role: 'teacher', schoolId: schoolB.id, groups: ['5A', 'groep "8"'] },
  ]);
  const partner = await aUser(db, swv.id, [{ role: 'partner', partnerOrganisationId: partnerId }]);
  const parent = await aUser(db, swv.id, [{ role: 'parent' }]);
  const operator = await aUser(db, null, [{ role: 'operator' }]);
  await aTeam(db, swv.id, [schoolA.id, schoolB.id], [admin.id]);
  const child = await aStudent(db, swv.id, schoolA.id, { givenName: 'Eline', familyName: "D'Souza" });
  await aStudent(db, swv.id, schoolB.id);
  await aStudent(db, otherSwv.id, (await aSchool(db, otherSwv.id)).id);
  await aGuardian(db, swv.id, child.id, parent.id);
  await aCaseMember(db, swv.id, child.id, partner.id);
  // Every byte value, sealed: bytea must come back bit for bit, or the document no longer decrypts.
  await aDocument(db, documentKeys, {
    swvId: swv.id,
    studentId: child.id,
    uploadedByUserId: ib.id,
    classification: 'medical_psychological',
    content: documentContent,
  });
  await aConsent(db, {
    swvId: swv.id,
    studentId: child.id,
    givenByUserId: parent.id,
    partnerOrganisationId: partnerId,
    givenOn: '2026-02-28',
    expiresOn: '2027-07-31',
    withdrawnAt: new Date('2026-03-29T01:30:00.123Z'),
  });
  // Several sessions, so paging by a text primary key (the token hash) crosses pages too.
  for (const userId of [ib.id, ib.id, teacher.id, parent.id, admin.id]) {
    await createSession(db, {
      userId,
      stage: 'active',
      method: 'password',
      now: new Date('2026-10-25T00:59:59.999Z'),
    });
  }
  // Values a JavaScript number or Date would round: the largest bigint, a microsecond timestamp.
  await db.execute(sql`update app_user set totp_last_step = 9223372036854775807 where id = ${operator.id}`);
  await db.execute(
    sql`update app_user set disabled_at = '2026-10-25 02:59:59.123456+02' where id = ${teacher.id}`,
  );
  for (const [swvId, count] of [
    [swv.id, 3],
    [otherSwv.id, 2],
  ] as const) {
    for (let index = 0; index < count; index++) {
      await db.transaction((tx) =>
        appendAccessLog(
          tx,
          {
            actorUserId: ib.id,
            requestId: `request-${index}`,
            clientAddress: '192.0.2.7',
            now: new Date(Date.UTC(2026, 10, 23, 9, index, 0, 7)),
          },
          {
            swvId,
            studentId: child.id,
            objectType: 'student',
            objectId: child.id,
            action: 'read',
            outcome: index === 2 ? 'denied' : 'allowed',
            purpose: 'own school',
            actorRole: 'school_ib',
            actorOrganisation: `school:${schoolA.id}`,
          },
        ),
      );
    }
  }
  await sealBatch(db, new Date());
}

function chainHeads(database: Database) {
  return queryRows<{ swv_id: string; seq: string; hash: string }>(
    database.db,
    sql`select swv_id::text, seq::text, hash from access_log_head order by swv_id`,
  );
}

function isEmpty(checksums: Record<string, TableChecksum>): boolean {
  return Object.values(checksums).every((table) => table.rows === 0);
}

describe('backup and restore', () => {
  let source: TestDatabase;
  let target: TestDatabase;
  let folder: string;
  let backupFile: string;
  let sourceChecksums: Record<string, TableChecksum>;

  beforeAll(async () => {
    [source, target] = await Promise.all([testDatabase(), testDatabase()]);
    await addLaterFeatureTable(source);
    await addLaterFeatureTable(target);
    await fillWithFactoryData(source);
    await fillLaterFeatureTable(source);
    folder = mkdtempSync(path.join(tmpdir(), 'passend-backup-test-'));
    backupFile = path.join(folder, 'passend.backup');
    // Pages of three rows, so paging by primary key crosses page boundaries in most tables.
    await backupDatabase(source, backupFile, { now: new Date('2026-11-23T10:00:00Z'), pageSize: 3 });
    sourceChecksums = await tableChecksums(source);
  });

  afterAll(async () => {
    await Promise.all([source?.drop(), target?.drop()]);
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  /** Writes a variant of the backup whose decompressed lines went through `edit`. */
  function editedBackup(name: string, edit: (lines: string[]) => string[]): string {
    const lines = gunzipSync(readFileSync(backupFile)).toString('utf8').split('\n');
    const file = path.join(folder, name);
    writeFileSync(file, gzipSync(edit(lines).join('\n')));
    return file;
  }

  it('writes one file readable by its owner only, listing every table of the catalogue', async () => {
    expect(statSync(backupFile).mode & 0o777).toBe(0o600);
    const [headerLine] = gunzipSync(readFileSync(backupFile)).toString('utf8').split('\n');
    const header = JSON.parse(headerLine!);
    expect(header).toMatchObject({
      format: 'passend-backup',
      version: 1,
      createdAt: '2026-11-23T10:00:00.000Z',
    });
    const tableNames: string[] = header.tables.map((table: { name: string }) => table.name);
    expect(tableNames).toEqual(Object.keys(sourceChecksums));
    expect(tableNames).toEqual(expect.arrayContaining(['access_log', 'later_feature', 'swv', 'student']));
    // Referenced tables come first, so a restore never inserts a row before its parent.
    for (const [parent, child] of [
      ['swv', 'school'],
      ['school', 'student'],
      ['app_user', 'membership'],
      ['student', 'consent'],
      ['later_feature', 'annotation'],
    ]) {
      expect(tableNames.indexOf(parent!)).toBeLessThan(tableNames.indexOf(child!));
    }
    expect(header.migrations.length).toBeGreaterThan(0);
    expect(sourceChecksums.access_log!.rows).toBe(5);
    expect(sourceChecksums.later_feature!.rows).toBe(4);
    expect(sourceChecksums.annotation!.rows).toBe(6);
  });

  it('checksums rows alike whatever the page size', async () => {
    expect(await tableChecksums(source, { pageSize: 2 })).toEqual(sourceChecksums);
  });

  it('refuses to overwrite an existing file', async () => {
    await expect(backupDatabase(source, backupFile)).rejects.toThrow(/already exists/);
  });

  it('refuses to restore into a database that has rows, and changes nothing', async () => {
    await expect(restoreDatabase(source, backupFile)).rejects.toThrow(
      /^The database is not empty \(table \w+ has rows\): restore only into a new, migrated database$/,
    );
    expect(await tableChecksums(source)).toEqual(sourceChecksums);
  });

  it('refuses a file that is not a backup', async () => {
    const file = path.join(folder, 'notes.txt');
    writeFileSync(file, 'just some text\n');
    await expect(restoreDatabase(target, file)).rejects.toThrow(/^The backup file is damaged or incomplete/);
    const gzippedJson = path.join(folder, 'other.json.gz');
    writeFileSync(gzippedJson, gzipSync('{"format":"something else"}\n'));
    await expect(restoreDatabase(target, gzippedJson)).rejects.toThrow(/not a Passend backup/);
    await expect(restoreDatabase(target, path.join(folder, 'missing.backup'))).rejects.toThrow(
      /does not exist/,
    );
    expect(isEmpty(await tableChecksums(target))).toBe(true);
  });

  it('refuses a truncated file and leaves the database empty', async () => {
    const bytes = readFileSync(backupFile);
    const truncated = path.join(folder, 'truncated.backup');
    writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.8)));
    await expect(restoreDatabase(target, truncated)).rejects.toThrow(
      /^The backup file is damaged or incomplete/,
    );
    expect(isEmpty(await tableChecksums(target))).toBe(true);
  });

  it('refuses a file that ends before its end marker, after inserting rows, and rolls them back', async () => {
    const withoutEnd = editedBackup('without-end.backup', (lines) => lines.slice(0, -2));
    await expect(restoreDatabase(target, withoutEnd)).rejects.toThrow(
      'The backup file is incomplete: it ends before its end marker',
    );
    expect(isEmpty(await tableChecksums(target))).toBe(true);
  });

  it('refuses a file whose rows were altered, and rolls back', async () => {
    const altered = editedBackup('altered.backup', (lines) =>
      lines.map((line) => line.replace('"Eline"', '"Elise"')),
    );
    await expect(restoreDatabase(target, altered)).rejects.toThrow(
      'The backup file is damaged: its checksum does not match its contents',
    );
    const droppedRow = editedBackup('dropped-row.backup', (lines) =>
      lines.filter((line) => !line.includes('"Eline"')),
    );
    await expect(restoreDatabase(target, droppedRow)).rejects.toThrow(
      /table student has 2 rows, its header says 3/,
    );
    expect(isEmpty(await tableChecksums(target))).toBe(true);
  });

  it('refuses a backup made with other migrations', async () => {
    const older = editedBackup('older.backup', ([header, ...rest]) => {
      const parsed = JSON.parse(header!);
      parsed.migrations = parsed.migrations.slice(0, -1);
      return [JSON.stringify(parsed), ...rest];
    });
    await expect(restoreDatabase(target, older)).rejects.toThrow(
      /restore with the Passend version that made the backup/,
    );
    expect(isEmpty(await tableChecksums(target))).toBe(true);
  });

  it('restores into an empty database: identical checksums, the same chain heads, a log that verifies', async () => {
    const summary = await restoreDatabase(target, backupFile);
    expect(summary.rows).toBe(Object.values(sourceChecksums).reduce((sum, table) => sum + table.rows, 0));
    expect(await tableChecksums(target)).toEqual(sourceChecksums);
    expect(await chainHeads(target)).toEqual(await chainHeads(source));
    expect(await verifyAccessLog(target.db)).toMatchObject({ checked: 5, problems: [], unsealed: 0 });
    expect((await storedDocument(target)).equals(documentContent)).toBe(true);
  });

  it('carries sequences over, so rows added after a restore get new ids', async () => {
    await target.exec(`insert into later_feature (label) values ('after the restore')`);
    const [row] = await queryRows<{ id: string }>(
      target.db,
      sql`select id::text from later_feature where label = 'after the restore'`,
    );
    expect(row!.id).toBe('5');
  });

  it.runIf(process.env.DATABASE_URL)(
    'round-trips PostgreSQL → PGlite → PostgreSQL with identical checksums',
    async () => {
      const pglite = await openDatabase({ kind: 'pglite-memory' });
      const postgres = await testDatabase();
      try {
        await migrateDatabase(pglite);
        await addLaterFeatureTable(pglite);
        await restoreDatabase(pglite, backupFile);
        expect(pglite.kind).toBe('pglite');
        expect(await tableChecksums(pglite)).toEqual(sourceChecksums);
        expect(await verifyAccessLog(pglite.db)).toMatchObject({ checked: 5, problems: [], unsealed: 0 });

        const fromPglite = path.join(folder, 'from-pglite.backup');
        await backupDatabase(pglite, fromPglite);
        await addLaterFeatureTable(postgres);
        await restoreDatabase(postgres, fromPglite);
        expect(postgres.kind).toBe('postgres');
        expect(await tableChecksums(postgres)).toEqual(sourceChecksums);
        expect(await chainHeads(postgres)).toEqual(await chainHeads(source));
        expect((await storedDocument(pglite)).equals(documentContent)).toBe(true);
        expect((await storedDocument(postgres)).equals(documentContent)).toBe(true);
      } finally {
        await pglite.close();
        await postgres.drop();
      }
    },
    120_000,
  );
});
