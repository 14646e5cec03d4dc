// Documents at rest (docs/SECURITY.md D2): AES-256-GCM with a random 12-byte IV per document, the tag and the
// key id stored beside the ciphertext, and the document's SWV and id as associated data, so a
// ciphertext copied onto another document's row does not decrypt. Keys come from configuration
// (PASSEND_DOCUMENT_KEYS) or, embedded only, from a key file in the data folder; never logged.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { ensurePrivateFolder } from '../../db/privateFiles.ts';

export type DocumentKey = { id: string; key: Buffer };

/** The first key encrypts; every key decrypts what was stored under its id. */
export type KeyRing = { current: DocumentKey; byId: ReadonlyMap<string, Buffer> };

export type Sealed = { keyId: string; iv: Buffer; authTag: Buffer; ciphertext: Buffer; sha256: string };

const keyIdPattern = /^[A-Za-z0-9._-]{1,64}$/;

/** The file that holds the embedded database's keys, in the same format as PASSEND_DOCUMENT_KEYS. */
export const keyFileName = 'document-keys';

/**
 * Parses `keyId:base64key[,keyId:base64key…]` (commas or line breaks between keys). Throws one line
 * that never repeats a key.
 */
export function parseKeyRing(text: string): KeyRing {
  const entries = text
    .split(/[,\s]+/)
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new Error('no keys given; expected keyId:base64key');
  const keys: DocumentKey[] = [];
  for (const [index, entry] of entries.entries()) {
    const separator = entry.indexOf(':');
    const id = separator > 0 ? entry.slice(0, separator) : '';
    const encoded = entry.slice(separator + 1);
    if (!keyIdPattern.test(id)) {
      throw new Error(`key ${index + 1}: expected keyId:base64key, the id of letters, digits, . _ -`);
    }
    const key = Buffer.from(encoded, 'base64');
    if (key.length !== 32 || key.toString('base64') !== encoded) {
      throw new Error(`key ${id}: must be 32 bytes in base64 (e.g. openssl rand -base64 32)`);
    }
    if (keys.some((other) => other.id === id)) throw new Error(`key ${id} is listed twice`);
    keys.push({ id, key });
  }
  return { current: keys[0]!, byId: new Map(keys.map((entry) => [entry.id, entry.key])) };
}

export function formatKey(entry: DocumentKey): string {
  return `${entry.id}:${entry.key.toString('base64')}`;
}

/** A new random key, e.g. for a fresh embedded installation or a test. */
export function newDocumentKey(id: string): DocumentKey {
  return { id, key: randomBytes(32) };
}

/**
 * The keys of this installation: PASSEND_DOCUMENT_KEYS when set; else, for the embedded database
 * only, the key file in its data folder, created (mode 0600) on first start so that
 * `npm ci && npm start` just works. A PostgreSQL installation must configure its keys: a key
 * kept beside the data it protects protects nothing, and several instances must share one.
 */
export function resolveKeyRing(
  configured: KeyRing | null,
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres' },
  now: Date = new Date(),
): KeyRing {
  if (configured) return configured;
  if (database.kind === 'postgres') {
    throw new Error(
      'PASSEND_DOCUMENT_KEYS is required with DATABASE_URL: set it to keyId:base64key (see README, "Document keys")',
    );
  }
  const file = path.join(path.resolve(database.dataDir), keyFileName);
  if (!existsSync(file)) {
    ensurePrivateFolder(path.dirname(file));
    const entry = newDocumentKey(`local-${now.toISOString().slice(0, 10)}`);
    // 'wx': never overwrite a key file another process just wrote; 0600: the owner only.
    const descriptor = openSync(file, 'wx', 0o600);
    try {
      writeSync(descriptor, `${formatKey(entry)}\n`);
    } finally {
      closeSync(descriptor);
    }
  }
  try {
    return parseKeyRing(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`The key file ${file} is not valid: ${(error as Error).message}`);
  }
}

/** Binds a ciphertext to its document: decrypting it under another row's ids fails. */
function associatedData(swvId: string, documentId: string): Buffer {
  return Buffer.from(`passend-document:v1:${swvId}:${documentId}`, 'utf8');
}

export function sha256Hex(content: Buffer): string {
  return createHash('sha256').update(content).digest('hex');
}

/** Large documents are encrypted a piece at a time, so other requests run in between. */
const sealStepBytes = 1024 * 1024;

/**
 * Encrypts and hashes the document in steps of 1 MB, yielding to the event loop between them: a
 * 10 MB upload would otherwise hold every other request for its whole length.
 */
export async function sealDocument(
  keys: KeyRing,
  ids: { swvId: string; documentId: string },
  plaintext: Buffer,
): Promise<Sealed> {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keys.current.key, iv, { authTagLength: 16 });
  cipher.setAAD(associatedData(ids.swvId, ids.documentId));
  const hash = createHash('sha256');
  // GCM is a stream cipher: the ciphertext is as long as the plaintext, written in place.
  const ciphertext = Buffer.allocUnsafe(plaintext.length);
  let written = 0;
  for (let at = 0; at < plaintext.length; at += sealStepBytes) {
    if (at > 0) await new Promise((resume) => setImmediate(resume));
    const piece = plaintext.subarray(at, at + sealStepBytes);
    hash.update(piece);
    written += cipher.update(piece).copy(ciphertext, written);
  }
  written += cipher.final().copy(ciphertext, written);
  return {
    keyId: keys.current.id,
    iv,
    authTag: cipher.getAuthTag(),
    ciphertext: ciphertext.subarray(0, written),
    sha256: hash.digest('hex'),
  };
}

/** Why a stored document cannot be opened: a server-side problem, never the user's input. */
export class DocumentUnreadable extends Error {
  constructor(readonly problem: 'key_missing' | 'damaged') {
    super(problem === 'key_missing' ? 'the document key is not configured' : 'the document is damaged');
  }
}

/** What decrypting needs besides the ciphertext: the row's key id, IV, tag and hash. */
export type SealedHeader = Omit<Sealed, 'ciphertext'>;

/**
 * Decrypts a document of `sizeBytes` a piece at a time, in order (the stored chunks): `update`
 * takes the next piece of ciphertext, `finish` checks the tag, the length and the hash and only
 * then returns the plaintext, so no byte of a damaged document leaves (docs/decisions/0004-…).
 */
export function documentOpener(
  keys: KeyRing,
  ids: { swvId: string; documentId: string },
  sealed: SealedHeader,
  sizeBytes: number,
) {
  const key = keys.byId.get(sealed.keyId);
  if (!key) throw new DocumentUnreadable('key_missing');
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv, { authTagLength: 16 });
  decipher.setAAD(associatedData(ids.swvId, ids.documentId));
  try {
    decipher.setAuthTag(sealed.authTag);
  } catch {
    throw new DocumentUnreadable('damaged');
  }
  const hash = createHash('sha256');
  const plaintext = Buffer.allocUnsafe(sizeBytes);
  let written = 0;
  return {
    update(piece: Buffer): void {
      if (written + piece.length > sizeBytes) throw new DocumentUnreadable('damaged');
      const out = decipher.update(piece);
      hash.update(out);
      written += out.copy(plaintext, written);
    },
    finish(): Buffer {
      try {
        decipher.final();
      } catch {
        throw new DocumentUnreadable('damaged');
      }
      // The tag already proves integrity; the hash also catches a wrong row written by our own code.
      if (written !== sizeBytes || hash.digest('hex') !== sealed.sha256) {
        throw new DocumentUnreadable('damaged');
      }
      return plaintext;
    },
  };
}

/** Decrypts a whole ciphertext in one step (a test, or a document already in memory). */
export function openDocument(
  keys: KeyRing,
  ids: { swvId: string; documentId: string },
  sealed: Sealed,
): Buffer {
  const opener = documentOpener(keys, ids, sealed, sealed.ciphertext.length);
  opener.update(sealed.ciphertext);
  return opener.finish();
}
