// Secrets at rest that the server must read back (TOTP secrets, OIDC client secrets): AES-256-GCM
// under the installation's key ring, the same keys as the documents (documents/encryption.ts), so
// one key file or PASSEND_DOCUMENT_KEYS and one rotation cover both. The associated data binds a
// sealed secret to its kind and row: copied onto another user or SWV it does not open.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import type { KeyRing } from '../modules/documents/encryption.ts';

export type SecretKind = 'totp' | 'oidc-client';

/** As stored: the key's id beside base64(IV ‖ tag ‖ ciphertext). */
export type SealedSecret = { keyId: string; sealed: string };

/** As read from a row: a null key id marks plaintext from before migration 0004, not yet sealed. */
export type StoredSecret = { keyId: string | null; sealed: string };

const ivBytes = 12;
const tagBytes = 16;

function associatedData(kind: SecretKind, ownerId: string): Buffer {
  return Buffer.from(`passend-secret:v1:${kind}:${ownerId}`, 'utf8');
}

export function sealSecret(
  keys: KeyRing,
  kind: SecretKind,
  ownerId: string,
  plaintext: string,
): SealedSecret {
  const iv = randomBytes(ivBytes);
  const cipher = createCipheriv('aes-256-gcm', keys.current.key, iv, { authTagLength: tagBytes });
  cipher.setAAD(associatedData(kind, ownerId));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return {
    keyId: keys.current.id,
    sealed: Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64'),
  };
}

/** Why a stored secret cannot be opened: a server-side problem (a key removed too early, a bad row). */
export class SecretUnreadable extends Error {
  constructor(readonly problem: 'key_missing' | 'damaged' | 'not_sealed') {
    super(`the stored secret cannot be read: ${problem}`);
  }
}

/** The plaintext; a row not sealed yet is refused too (the server seals every one at start-up). */
export function openSecret(keys: KeyRing, kind: SecretKind, ownerId: string, stored: StoredSecret): string {
  if (stored.keyId === null) throw new SecretUnreadable('not_sealed');
  const key = keys.byId.get(stored.keyId);
  if (!key) throw new SecretUnreadable('key_missing');
  const bytes = Buffer.from(stored.sealed, 'base64');
  if (bytes.length < ivBytes + tagBytes) throw new SecretUnreadable('damaged');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, bytes.subarray(0, ivBytes), {
      authTagLength: tagBytes,
    });
    decipher.setAAD(associatedData(kind, ownerId));
    decipher.setAuthTag(bytes.subarray(ivBytes, ivBytes + tagBytes));
    return Buffer.concat([decipher.update(bytes.subarray(ivBytes + tagBytes)), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw new SecretUnreadable('damaged');
  }
}
