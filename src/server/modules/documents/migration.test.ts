// Migration 0012 moved each document's ciphertext from document.content into 64 KB chunks: a
// document stored before it must decrypt after it, byte for byte. PGlite in memory in both test
// modes: the SQL is the same on PostgreSQL.
import { randomBytes, randomUUID } from 'node:crypto';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate } from 'drizzle-orm/pglite/migrator';
import { afterAll, expect, it } from 'vitest';
import { aSchool, aStudent, aUser } from '../../../../test/support/factories.ts';
import { openDatabase, queryRows } from '../../db/client.ts';
import { migrationsFolder } from '../../db/migrate.ts';
import { readChunks } from './chunks.ts';
import { documentOpener, newDocumentKey, sealDocument } from './encryption.ts';

const before = mkdtempSync(path.join(tmpdir(), 'passend-migrations-'));
afterAll(() => rmSync(before, { recursive: true, force: true }));

it('moves a document stored before migration 0012 into chunks that decrypt to the same bytes', async () => {
  // The migrations up to 0011, as a database of that time had them.
  cpSync(migrationsFolder, before, { recursive: true });
  const journalFile = path.join(before, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.filter((entry) => entry.tag < '0012');
  writeFileSync(journalFile, JSON.stringify(journal));

  const database = await openDatabase({ kind: 'pglite-memory' });
  try {
    const db = database.db as unknown as PgliteDatabase;
    await migrate(db, { migrationsFolder: before });
    // The SWV row as its table was then: later migrations add columns aSwv() would fill.
    const swv = { id: randomUUID() };
    await database.db.execute(
      sql`insert into swv (id, name, register_code, sector, holiday_region)
          values (${swv.id}, 'SWV Oud', 'PO 99.01', 'PO', 'midden')`,
    );
    const school = await aSchool(database.db, swv.id);
    const child = await aStudent(database.db, swv.id, school.id);
    const ib = await aUser(database.db, swv.id, [{ role: 'school_ib', schoolId: school.id }]);
    const key = newDocumentKey('old');
    const keys = { current: key, byId: new Map([[key.id, key.key]]) };
    const stored: { id: string; plaintext: Buffer }[] = [];
    for (const size of [100, 65536, 150 * 1024]) {
      const id = randomUUID();
      const plaintext = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(size - 9)]);
      const sealed = await sealDocument(keys, { swvId: swv.id, documentId: id }, plaintext);
      await database.db.execute(sql`
        insert into document (swv_id, id, student_id, title, file_name, media_type, size_bytes,
          classification, sha256, key_id, iv, auth_tag, content, uploaded_by_user_id, uploaded_at)
        values (${swv.id}, ${id}, ${child.id}, 'Verslag', 'verslag.pdf', 'application/pdf', ${size},
          'ordinary', ${sealed.sha256}, ${sealed.keyId}, ${sealed.iv}, ${sealed.authTag},
          ${sealed.ciphertext}, ${ib.id}, now())`);
      stored.push({ id, plaintext });
    }

    await migrate(db, { migrationsFolder });
    const chunks = await queryRows<{ document_id: string; n: number }>(
      database.db,
      sql`select document_id, count(*)::int as n from document_chunk group by document_id`,
    );
    expect(Object.fromEntries(chunks.map((row) => [row.document_id, row.n]))).toEqual({
      [stored[0]!.id]: 1,
      [stored[1]!.id]: 1,
      [stored[2]!.id]: 3,
    });
    for (const { id, plaintext } of stored) {
      const [row] = await queryRows<{
        key_id: string;
        iv: Buffer;
        auth_tag: Buffer;
        sha256: string;
        state: string;
        content_version: number;
      }>(
        database.db,
        sql`select key_id, iv, auth_tag, sha256, state, content_version from document where id = ${id}`,
      );
      expect([row!.state, row!.content_version]).toEqual(['stored', 1]);
      const opener = documentOpener(
        keys,
        { swvId: swv.id, documentId: id },
        {
          keyId: row!.key_id,
          iv: Buffer.from(row!.iv),
          authTag: Buffer.from(row!.auth_tag),
          sha256: row!.sha256,
        },
        plaintext.length,
      );
      await readChunks(
        database.db,
        { swvId: swv.id, documentId: id, contentVersion: 1 },
        plaintext.length,
        (bytes) => opener.update(bytes),
      );
      expect(opener.finish().equals(plaintext)).toBe(true);
    }
  } finally {
    await database.close();
  }
});
