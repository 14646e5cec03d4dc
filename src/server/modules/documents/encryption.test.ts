import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  DocumentUnreadable,
  documentOpener,
  formatKey,
  keyFileName,
  newDocumentKey,
  openDocument,
  parseKeyRing,
  resolveKeyRing,
  sealDocument,
} from './encryption.ts';

const key = (id: string) => formatKey(newDocumentKey(id));
const ids = {
  swvId: '0190a000-0000-7000-8000-000000000001',
  documentId: '0190a000-0000-7000-8000-000000000002',
};

describe('document keys', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'passend-keys-'));
  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('parses keyId:base64key lists: the first encrypts, all decrypt', () => {
    const [a, b] = [key('2027-01'), key('2026.old_1')];
    const ring = parseKeyRing(` ${a},\n${b} `);
    expect(ring.current.id).toBe('2027-01');
    expect([...ring.byId.keys()]).toEqual(['2027-01', '2026.old_1']);
  });

  it.each([
    ['', /no keys/],
    ['nokey', /key 1: expected keyId:base64key/],
    [':c2VjcmV0', /key 1: expected/],
    ['a b:c', /key 1: expected/],
    ['short:c2VjcmV0', /key short: must be 32 bytes in base64/],
    [`bad:${Buffer.alloc(32).toString('base64').replace('=', '')}`, /must be 32 bytes/],
  ])('refuses %j with a line that names no key material', (text, message) => {
    expect(() => parseKeyRing(text)).toThrow(message);
    try {
      parseKeyRing(text);
    } catch (error) {
      expect((error as Error).message).not.toContain('c2VjcmV0');
    }
  });

  it('refuses a key id listed twice', () => {
    expect(() => parseKeyRing(`${key('a')},${key('a')}`)).toThrow('key a is listed twice');
  });

  it('creates the embedded key file once, readable by its owner only, and reads it back after', () => {
    const dataDir = path.join(folder, 'data');
    const first = resolveKeyRing(null, { kind: 'pglite', dataDir }, new Date('2026-11-23T10:00:00Z'));
    const file = path.join(dataDir, keyFileName);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(first.current.id).toBe('local-2026-11-23');
    const again = resolveKeyRing(null, { kind: 'pglite', dataDir });
    expect(again.current.key.equals(first.current.key)).toBe(true);
    expect(readFileSync(file, 'utf8')).toBe(`${formatKey(first.current)}\n`);
  });

  it('uses the configured keys over the key file, and says what is wrong with a damaged file', () => {
    const configured = parseKeyRing(key('configured'));
    expect(resolveKeyRing(configured, { kind: 'pglite', dataDir: path.join(folder, 'data') })).toBe(
      configured,
    );
    const damaged = path.join(folder, 'damaged');
    resolveKeyRing(null, { kind: 'pglite', dataDir: damaged });
    writeFileSync(path.join(damaged, keyFileName), 'garbage');
    expect(() => resolveKeyRing(null, { kind: 'pglite', dataDir: damaged })).toThrow(
      /^The key file .*document-keys is not valid: key 1: expected/,
    );
  });

  it('refuses a PostgreSQL installation without configured keys', () => {
    expect(() => resolveKeyRing(null, { kind: 'postgres' })).toThrow(
      /^PASSEND_DOCUMENT_KEYS is required with DATABASE_URL/,
    );
  });
});

describe('sealing a document', () => {
  const ring = parseKeyRing(`${key('new')},${key('old')}`);
  const plaintext = Buffer.from('%PDF-1.4 verslag');

  it('round-trips, with a fresh IV each time', async () => {
    const one = await sealDocument(ring, ids, plaintext);
    const two = await sealDocument(ring, ids, plaintext);
    expect(one.keyId).toBe('new');
    expect(one.iv.equals(two.iv)).toBe(false);
    expect(one.ciphertext.equals(two.ciphertext)).toBe(false);
    expect(openDocument(ring, ids, one).equals(plaintext)).toBe(true);
  });

  it('seals a document of several steps (1 MB each) exactly as a small one', async () => {
    const large = randomBytes(2.5 * 1024 * 1024);
    const sealed = await sealDocument(ring, ids, large);
    expect(sealed.ciphertext.length).toBe(large.length);
    expect(sealed.sha256).toBe(createHash('sha256').update(large).digest('hex'));
    expect(openDocument(ring, ids, sealed).equals(large)).toBe(true);
  });

  it('fails on another document id or SWV, a changed tag, a short tag, or an unknown key', async () => {
    const sealed = await sealDocument(ring, ids, plaintext);
    const problem = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error instanceof DocumentUnreadable ? error.problem : 'other';
      }
      return 'opened';
    };
    expect(problem(() => openDocument(ring, { ...ids, documentId: ids.swvId }, sealed))).toBe('damaged');
    expect(problem(() => openDocument(ring, { ...ids, swvId: ids.documentId }, sealed))).toBe('damaged');
    const tag = Buffer.from(sealed.authTag);
    tag[0]! ^= 1;
    expect(problem(() => openDocument(ring, ids, { ...sealed, authTag: tag }))).toBe('damaged');
    expect(
      problem(() => openDocument(ring, ids, { ...sealed, authTag: sealed.authTag.subarray(0, 4) })),
    ).toBe('damaged');
    expect(problem(() => openDocument(ring, ids, { ...sealed, keyId: 'gone' }))).toBe('key_missing');
  });
});

describe('opening a document piece by piece', () => {
  const ring = parseKeyRing(key('only'));
  const plaintext = randomBytes(200 * 1024);
  const pieces = (buffer: Buffer, size: number) =>
    Array.from({ length: Math.ceil(buffer.length / size) }, (_, index) =>
      buffer.subarray(index * size, (index + 1) * size),
    );
  const open = (sealed: Awaited<ReturnType<typeof sealDocument>>, parts: Buffer[], sizeBytes: number) => {
    try {
      const opener = documentOpener(ring, ids, sealed, sizeBytes);
      for (const part of parts) opener.update(part);
      return opener.finish();
    } catch (error) {
      return error instanceof DocumentUnreadable ? error.problem : 'other';
    }
  };

  it('gives the same bytes as one step, in chunks of any size', async () => {
    const sealed = await sealDocument(ring, ids, plaintext);
    for (const size of [1000, 64 * 1024, plaintext.length]) {
      const opened = open(sealed, pieces(sealed.ciphertext, size), plaintext.length);
      expect(Buffer.isBuffer(opened) && opened.equals(plaintext)).toBe(true);
    }
  });

  it('is damaged when a chunk is missing, doubled or changed, or the size is wrong', async () => {
    const sealed = await sealDocument(ring, ids, plaintext);
    const chunks = pieces(sealed.ciphertext, 64 * 1024);
    expect(open(sealed, [chunks[0]!, chunks[2]!, chunks[3]!], plaintext.length)).toBe('damaged');
    expect(open(sealed, [...chunks, chunks[3]!], plaintext.length)).toBe('damaged');
    expect(open(sealed, chunks.slice(0, 3), plaintext.length)).toBe('damaged');
    expect(open(sealed, chunks, plaintext.length - 1)).toBe('damaged');
    const changed = Buffer.from(chunks[1]!);
    changed[7]! ^= 1;
    expect(open(sealed, [chunks[0]!, changed, chunks[2]!, chunks[3]!], plaintext.length)).toBe('damaged');
  });
});
