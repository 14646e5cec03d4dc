import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { aPdf } from '../../../../test/support/documentFiles.ts';
import { aSchool, aStudent, aSwv, aUser, signIn } from '../../../../test/support/factories.ts';
import { type TestApp, testApp } from '../../../../test/support/testApp.ts';
import { buildApp } from '../../app.ts';
import { queryRows } from '../../db/client.ts';
import { newDocumentKey } from './encryption.ts';
import { RotationInterrupted, rotateDocumentKeys } from './rotation.ts';

/** Runs once before the next read of a document's chunks: a rotation that lands mid-download. */
const chunkReads = vi.hoisted(() => ({ before: null as null | (() => Promise<unknown>) }));
vi.mock('./chunks.ts', async (importOriginal) => {
  const original = await importOriginal<typeof import('./chunks.ts')>();
  return {
    ...original,
    readChunks: async (...args: Parameters<typeof original.readChunks>) => {
      const before = chunkReads.before;
      chunkReads.before = null;
      await before?.();
      return original.readChunks(...args);
    },
  };
});

const ringOf = (...keys: ReturnType<typeof newDocumentKey>[]) => ({
  current: keys[0]!,
  byId: new Map(keys.map((key) => [key.id, key.key])),
});
const oldKey = newDocumentKey('2026-old');
const newKey = newDocumentKey('2027-new');

describe('rotating the document key', () => {
  let t: TestApp;
  let ib: Awaited<ReturnType<typeof signIn>>;
  const uploaded: string[] = [];
  let childId: string;

  beforeAll(async () => {
    t = await testApp({ documents: { keys: ringOf(oldKey), maxBytes: 1024 * 1024 } });
    const db = t.database.db;
    const swv = await aSwv(db);
    const school = await aSchool(db, swv.id);
    const child = await aStudent(db, swv.id, school.id);
    childId = child.id;
    ib = await signIn(t, await aUser(db, swv.id, [{ role: 'school_ib', schoolId: school.id }]));
    for (let index = 0; index < 5; index++) {
      const response = await ib.request(
        'POST',
        `/api/students/${child.id}/documents?title=Verslag&fileName=v${index}.pdf&classification=ordinary`,
        aPdf(`document ${index}`),
      );
      expect(response.statusCode, response.body).toBe(201);
      uploaded.push(response.json().id);
    }
  });
  afterAll(() => t.close());

  const keyIds = () =>
    queryRows<{ id: string; key_id: string; content_version: number; content: Buffer; versions: number[] }>(
      t.database.db,
      sql`select id, key_id, content_version,
            (select string_agg(bytes, '' order by seq) from document_chunk c where c.document_id = d.id)
              as content,
            (select array_agg(distinct content_version) from document_chunk c where c.document_id = d.id)
              as versions
          from document d order by id`,
    );

  it('stops between batches when interrupted, keeping the batches it finished', async () => {
    const before = await keyIds();
    const stop = new AbortController();
    await expect(
      rotateDocumentKeys(t.database, ringOf(newKey, oldKey), {
        batchSize: 2,
        signal: stop.signal,
        onProgress: () => stop.abort(),
      }),
    ).rejects.toThrow(RotationInterrupted);
    const after = await keyIds();
    expect(after.map((row) => row.key_id)).toEqual([
      '2027-new',
      '2027-new',
      '2026-old',
      '2026-old',
      '2026-old',
    ]);
    // Re-encrypted means a new ciphertext, not a relabelled one, under a new version: the old
    // version's chunks are gone.
    expect(Buffer.from(after[0]!.content).equals(Buffer.from(before[0]!.content))).toBe(false);
    expect(after.map((row) => [row.content_version, row.versions])).toEqual([
      [2, [2]],
      [2, [2]],
      [1, [1]],
      [1, [1]],
      [1, [1]],
    ]);
  });

  it('finishes on the next run, then has nothing left to do', async () => {
    const progress: number[][] = [];
    const result = await rotateDocumentKeys(t.database, ringOf(newKey, oldKey), {
      batchSize: 2,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(result).toEqual({ rotated: 3, unreadable: [], byKey: { '2027-new': 5 } });
    expect(progress.at(-1)).toEqual([3, 3]);
    const again = await rotateDocumentKeys(t.database, ringOf(newKey, oldKey));
    expect(again).toEqual({ rotated: 0, unreadable: [], byKey: { '2027-new': 5 } });
  });

  it('leaves the documents readable with the new key alone', async () => {
    const app = await buildApp({
      database: t.database,
      publicUrl: 'http://localhost:3000',
      secureCookies: true,
      now: () => t.clock.now,
      documents: { keys: ringOf(newKey), maxBytes: 1024 * 1024 },
    });
    try {
      for (const [index, id] of uploaded.entries()) {
        const response = await app.inject({
          method: 'GET',
          url: `/api/documents/${id}/content`,
          headers: { cookie: ib.cookie! },
        });
        expect(response.statusCode).toBe(200);
        expect(response.rawPayload.equals(aPdf(`document ${index}`))).toBe(true);
      }
    } finally {
      await app.close();
    }
  });

  it('reports, and leaves alone, documents it cannot decrypt', async () => {
    const newest = newDocumentKey('2028');
    await t.database.db.execute(sql`update document set key_id = 'lost' where id = ${uploaded[1]}`);
    await t.database.db.execute(
      sql`update document_chunk set bytes = set_byte(bytes, 0, get_byte(bytes, 0) # 1)
          where document_id = ${uploaded[2]} and seq = 0`,
    );
    const result = await rotateDocumentKeys(t.database, ringOf(newest, newKey), { batchSize: 2 });
    expect(result.rotated).toBe(3);
    expect(result.unreadable).toEqual([
      { id: uploaded[1], keyId: 'lost', problem: 'key_missing' },
      { id: uploaded[2], keyId: '2027-new', problem: 'damaged' },
    ]);
    expect(result.byKey).toEqual({ '2027-new': 1, '2028': 3, lost: 1 });
  });

  it('serves a download whole when rotation replaces its chunks after the download read the row', async () => {
    const large = Buffer.concat([aPdf('large'), randomBytes(200 * 1024)]);
    const upload = await ib.request(
      'POST',
      `/api/students/${childId}/documents?title=Verslag&fileName=groot.pdf&classification=ordinary`,
      large,
    );
    expect(upload.statusCode, upload.body).toBe(201);
    const id = upload.json().id as string;
    const both = ringOf(newKey, oldKey);
    const app = await buildApp({
      database: t.database,
      publicUrl: 'http://localhost:3000',
      secureCookies: true,
      now: () => t.clock.now,
      documents: { keys: both, maxBytes: 1024 * 1024 },
    });
    let rotated = 0;
    chunkReads.before = async () => {
      rotated = (await rotateDocumentKeys(t.database, both)).rotated;
    };
    try {
      const response = await app.inject({
        method: 'GET',
        url: `/api/documents/${id}/content`,
        headers: { cookie: ib.cookie! },
      });
      expect(response.statusCode).toBe(200);
      expect(response.rawPayload.equals(large)).toBe(true);
    } finally {
      await app.close();
    }
    // The download began on version 1, which rotation replaced before a chunk of it was read.
    expect(rotated).toBeGreaterThan(0);
    const [row] = await queryRows<{ key_id: string; content_version: number }>(
      t.database.db,
      sql`select key_id, content_version from document where id = ${id}`,
    );
    expect(row).toEqual({ key_id: '2027-new', content_version: 2 });
  });
});
