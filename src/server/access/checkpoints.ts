// Signed checkpoints of the access log (docs/SECURITY.md A2, docs/decisions/0033). After each batch the
// sealer signs, per SWV, "this SWV's chain has N rows and its last hash is H" with an Ed25519 key
// that is not in the database, and appends it as one line to that SWV's checkpoint file in a folder
// the operator configures. `passend audit verify` checks the rows against those lines: someone who
// can rewrite the database but has neither the key nor the folder cannot rewrite sealed history unseen.
import {
  createPrivateKey,
  createPublicKey,
  type KeyObject,
  randomBytes,
  sign as signBytes,
  verify as verifyBytes,
} from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, readdirSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { ensurePrivateFolder } from '../db/privateFiles.ts';

export type Checkpoint = {
  swvId: string;
  /** The number of sealed rows the checkpoint covers: rows 1 … size. */
  size: number;
  /** The hash of row `size` (the genesis hash for size 0). */
  root: string;
  /** When it was sealed, ISO 8601. */
  at: string;
};

export type SignedCheckpoint = Checkpoint & { keyId: string; signature: string };

export type SigningKey = { id: string; privateKey: KeyObject; publicKey: KeyObject };

/** The first key signs; every key (and every extra public key) verifies what was signed under its id. */
export type CheckpointKeys = { current: SigningKey | null; publicKeys: ReadonlyMap<string, KeyObject> };

const keyIdPattern = /^[A-Za-z0-9._-]{1,64}$/;
/** PKCS #8 DER of an Ed25519 private key is this prefix and the 32-byte seed. */
const pkcs8Prefix = Buffer.from('302e020100300506032b657004220420', 'hex');
/** SPKI DER of an Ed25519 public key is this prefix and the 32-byte key. */
const spkiPrefix = Buffer.from('302a300506032b6570032100', 'hex');

export const checkpointKeyFileName = 'audit-keys';
export const checkpointFolderName = 'audit-checkpoints';

function parseEntries(text: string, what: string): Array<{ id: string; bytes: Buffer }> {
  const entries = text
    .split(/[,\s]+/)
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new Error(`no keys given; expected keyId:base64${what}`);
  const seen = new Set<string>();
  return entries.map((entry, index) => {
    const separator = entry.indexOf(':');
    const id = separator > 0 ? entry.slice(0, separator) : '';
    const encoded = entry.slice(separator + 1);
    if (!keyIdPattern.test(id)) {
      throw new Error(`key ${index + 1}: expected keyId:base64${what}, the id of letters, digits, . _ -`);
    }
    const bytes = Buffer.from(encoded, 'base64');
    if (bytes.length !== 32 || bytes.toString('base64') !== encoded) {
      throw new Error(`key ${id}: must be 32 bytes in base64`);
    }
    if (seen.has(id)) throw new Error(`key ${id} is listed twice`);
    seen.add(id);
    return { id, bytes };
  });
}

/** `keyId:base64seed[,…]`: Ed25519 private keys as their 32-byte seed; the first signs. */
export function parseSigningKeys(text: string): SigningKey[] {
  return parseEntries(text, 'seed').map(({ id, bytes }) => {
    const privateKey = createPrivateKey({
      key: Buffer.concat([pkcs8Prefix, bytes]),
      format: 'der',
      type: 'pkcs8',
    });
    return { id, privateKey, publicKey: createPublicKey(privateKey) };
  });
}

/** `keyId:base64publickey[,…]`: Ed25519 public keys (32 bytes), for a verifier without the private key. */
export function parsePublicKeys(text: string): Map<string, KeyObject> {
  return new Map(
    parseEntries(text, 'publickey').map(({ id, bytes }) => [
      id,
      createPublicKey({ key: Buffer.concat([spkiPrefix, bytes]), format: 'der', type: 'spki' }),
    ]),
  );
}

export function checkpointKeysOf(
  signing: readonly SigningKey[],
  extraPublic?: ReadonlyMap<string, KeyObject>,
) {
  const publicKeys = new Map(extraPublic ?? []);
  for (const key of signing) publicKeys.set(key.id, key.publicKey);
  return { current: signing[0] ?? null, publicKeys } satisfies CheckpointKeys;
}

/** A new random signing key as `keyId:base64seed`, e.g. `passend audit new-key` or a fresh embedded installation. */
export function newSigningKeyText(id: string): string {
  return `${id}:${randomBytes(32).toString('base64')}`;
}

/** The public half of a signing key as `keyId:base64publickey`, for whoever verifies outside. */
export function publicKeyText(key: SigningKey): string {
  const der = key.publicKey.export({ format: 'der', type: 'spki' });
  return `${key.id}:${der.subarray(spkiPrefix.length).toString('base64')}`;
}

/**
 * The signing keys of this installation: the setting when given; else, for the embedded database
 * only, a key file in its data folder, made on first start (like the document keys). A PostgreSQL
 * installation must configure its key: without one the log would not be signed, so it does not start.
 */
export function resolveSigningKeys(
  configured: SigningKey[] | null,
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres' },
  now: Date = new Date(),
): SigningKey[] {
  if (configured && configured.length > 0) return configured;
  if (database.kind === 'postgres') {
    throw new Error(
      'PASSEND_AUDIT_KEYS is required with DATABASE_URL: the access log is signed with it (see README, "Access-log checkpoints")',
    );
  }
  const file = path.join(path.resolve(database.dataDir), checkpointKeyFileName);
  if (!existsSync(file)) {
    ensurePrivateFolder(path.dirname(file));
    try {
      const descriptor = openSync(file, 'wx', 0o600);
      try {
        writeSync(descriptor, `${newSigningKeyText(`local-${now.toISOString().slice(0, 10)}`)}\n`);
        fsyncSync(descriptor);
      } finally {
        closeSync(descriptor);
      }
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  return parseSigningKeys(readFileSync(file, 'utf8'));
}

/** The checkpoint folder: the setting, else (embedded only) a folder beside the database. */
export function resolveCheckpointFolder(
  configured: string | null,
  database: { kind: 'pglite'; dataDir: string } | { kind: 'postgres' },
): string {
  if (configured) return path.resolve(configured);
  if (database.kind === 'postgres') {
    throw new Error(
      'PASSEND_AUDIT_CHECKPOINT_DIR is required with DATABASE_URL: the signed checkpoints are written there (see README, "Access-log checkpoints")',
    );
  }
  return path.join(path.resolve(database.dataDir), checkpointFolderName);
}

/** The exact bytes signed: a fixed text, so no JSON canonicalisation question arises. */
function signedText(checkpoint: Checkpoint, keyId: string): Buffer {
  return Buffer.from(
    [
      'passend access-log checkpoint v1',
      keyId,
      checkpoint.swvId,
      String(checkpoint.size),
      checkpoint.root,
      checkpoint.at,
    ].join('\n'),
    'utf8',
  );
}

export function signCheckpoint(checkpoint: Checkpoint, key: SigningKey): SignedCheckpoint {
  const signature = signBytes(null, signedText(checkpoint, key.id), key.privateKey).toString('base64');
  return { ...checkpoint, keyId: key.id, signature };
}

/** null when the signature holds under a known key; else why not. */
export function checkSignature(
  checkpoint: SignedCheckpoint,
  publicKeys: ReadonlyMap<string, KeyObject>,
): string | null {
  const key = publicKeys.get(checkpoint.keyId);
  if (!key) return `signed with unknown key ${JSON.stringify(checkpoint.keyId)}`;
  const ok = verifyBytes(
    null,
    signedText(checkpoint, checkpoint.keyId),
    key,
    Buffer.from(checkpoint.signature, 'base64'),
  );
  return ok ? null : 'its signature does not verify: it was not made with the key';
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function checkpointFile(folder: string, swvId: string): string {
  if (!uuidPattern.test(swvId)) throw new Error('unexpected SWV id');
  return path.join(folder, `${swvId}.checkpoints`);
}

/** Appends one checkpoint as a line (O_APPEND) and flushes it to disk before answering. */
export function publishCheckpoint(folder: string, checkpoint: SignedCheckpoint): void {
  ensurePrivateFolder(folder);
  const descriptor = openSync(checkpointFile(folder, checkpoint.swvId), 'a', 0o600);
  try {
    const { swvId, size, root, at, keyId, signature } = checkpoint;
    writeSync(descriptor, `${JSON.stringify({ swvId, size, root, at, keyId, signature })}\n`);
    fsyncSync(descriptor);
  } finally {
    closeSync(descriptor);
  }
}

export type ReadCheckpoint = { line: number; checkpoint: SignedCheckpoint | null; problem: string | null };

/** Every line of an SWV's checkpoint file; an unreadable line is reported, never skipped. */
export function readCheckpoints(folder: string, swvId: string): ReadCheckpoint[] {
  const file = checkpointFile(folder, swvId);
  if (!existsSync(file)) return [];
  const lines = readFileSync(file, 'utf8').split('\n');
  const result: ReadCheckpoint[] = [];
  for (const [index, text] of lines.entries()) {
    if (text.trim() === '') continue;
    try {
      const value = JSON.parse(text) as SignedCheckpoint;
      const valid =
        value.swvId === swvId &&
        Number.isSafeInteger(value.size) &&
        value.size >= 0 &&
        typeof value.root === 'string' &&
        typeof value.at === 'string' &&
        typeof value.keyId === 'string' &&
        typeof value.signature === 'string';
      result.push(
        valid
          ? { line: index + 1, checkpoint: value, problem: null }
          : { line: index + 1, checkpoint: null, problem: 'not a checkpoint of this SWV' },
      );
    } catch {
      result.push({ line: index + 1, checkpoint: null, problem: 'not readable' });
    }
  }
  return result;
}

/** The SWVs that have a checkpoint file in the folder. */
export function checkpointedSwvs(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((name) => name.endsWith('.checkpoints'))
    .map((name) => name.slice(0, -'.checkpoints'.length))
    .filter((id) => uuidPattern.test(id));
}
