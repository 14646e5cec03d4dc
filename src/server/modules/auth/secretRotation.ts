// Seals the secrets at rest (auth/secrets.ts) under the current key: at start-up every plaintext
// one left from before migration 0004 (main.ts), and with `passend keys rotate` also every one under
// an older key. There are few (one per user with a second factor, one per SWV with single
// sign-on, one per single sign-on change waiting for a second administrator): one transaction,
// safe to run again and from two instances at once.
import { and, eq, isNotNull, isNull, ne, or, sql } from 'drizzle-orm';
import { openSecret, type SecretKind, SecretUnreadable, sealSecret } from '../../auth/secrets.ts';
import { type Database, queryRows, type Tx } from '../../db/client.ts';
import { appUser, swvOidc, swvOidcChange } from '../../db/schema/index.ts';
import type { KeyRing } from '../documents/encryption.ts';

export type SecretRotationResult = {
  /** Secrets sealed (plaintext before) or re-sealed (under an older key before) by this run. */
  sealed: number;
  /** Secrets whose key is not configured, or that are damaged; left as they were. */
  unreadable: { kind: SecretKind; ownerId: string; keyId: string; problem: SecretUnreadable['problem'] }[];
  /** After the run: how many secrets each key id holds ("plaintext" for unsealed ones). */
  byKey: Record<string, number>;
};

type Row = { ownerId: string; sealed: string; keyId: string | null };

export async function sealSecrets(
  database: Database,
  keys: KeyRing,
  scope: 'plaintext' | 'not_current',
): Promise<SecretRotationResult> {
  const result: SecretRotationResult = { sealed: 0, unreadable: [], byKey: {} };
  await database.db.transaction(async (tx) => {
    const reseal = async <R extends Row>(
      kind: SecretKind,
      rows: R[],
      write: (row: R, keyId: string, sealed: string) => Promise<void>,
    ) => {
      for (const row of rows) {
        let plaintext = row.sealed;
        if (row.keyId !== null) {
          try {
            plaintext = openSecret(keys, kind, row.ownerId, row);
          } catch (error) {
            if (!(error instanceof SecretUnreadable)) throw error;
            result.unreadable.push({ kind, ownerId: row.ownerId, keyId: row.keyId, problem: error.problem });
            continue;
          }
        }
        const next = sealSecret(keys, kind, row.ownerId, plaintext);
        await write(row, next.keyId, next.sealed);
        result.sealed += 1;
      }
    };
    const pendingTotp =
      scope === 'plaintext'
        ? isNull(appUser.totpSecretKeyId)
        : or(isNull(appUser.totpSecretKeyId), ne(appUser.totpSecretKeyId, keys.current.id));
    const users = await tx
      .select({ ownerId: appUser.id, sealed: appUser.totpSecret, keyId: appUser.totpSecretKeyId })
      .from(appUser)
      .where(and(isNotNull(appUser.totpSecret), pendingTotp))
      .for('update');
    const withSecret = users.flatMap((user) =>
      user.sealed === null ? [] : [{ ...user, sealed: user.sealed }],
    );
    await reseal('totp', withSecret, async (row, keyId, sealed) => {
      await tx
        .update(appUser)
        .set({ totpSecret: sealed, totpSecretKeyId: keyId })
        .where(eq(appUser.id, row.ownerId));
    });
    const pendingOidc =
      scope === 'plaintext'
        ? isNull(swvOidc.clientSecretKeyId)
        : or(isNull(swvOidc.clientSecretKeyId), ne(swvOidc.clientSecretKeyId, keys.current.id));
    const providers = await tx
      .select({ ownerId: swvOidc.swvId, sealed: swvOidc.clientSecret, keyId: swvOidc.clientSecretKeyId })
      .from(swvOidc)
      .where(pendingOidc)
      .for('update');
    await reseal('oidc-client', providers, async (row, keyId, sealed) => {
      await tx
        .update(swvOidc)
        .set({ clientSecret: sealed, clientSecretKeyId: keyId })
        .where(eq(swvOidc.swvId, row.ownerId));
    });
    // A waiting change holds its secret sealed as swv_oidc's (owner: the SWV), so approving it
    // moves the secret over unchanged; it must follow the key too, or an approval after the old
    // key is retired could not open it.
    const pendingChangeKey =
      scope === 'plaintext'
        ? isNull(swvOidcChange.clientSecretKeyId)
        : or(isNull(swvOidcChange.clientSecretKeyId), ne(swvOidcChange.clientSecretKeyId, keys.current.id));
    const changes = await tx
      .select({
        changeId: swvOidcChange.id,
        ownerId: swvOidcChange.swvId,
        sealed: swvOidcChange.clientSecret,
        keyId: swvOidcChange.clientSecretKeyId,
      })
      .from(swvOidcChange)
      .where(and(eq(swvOidcChange.status, 'pending'), pendingChangeKey))
      .for('update');
    await reseal('oidc-client', changes, async (row, keyId, sealed) => {
      await tx
        .update(swvOidcChange)
        .set({ clientSecret: sealed, clientSecretKeyId: keyId })
        .where(eq(swvOidcChange.id, row.changeId));
    });
    result.byKey = await secretsByKey(tx);
  });
  return result;
}

async function secretsByKey(tx: Tx): Promise<Record<string, number>> {
  const rows = await queryRows<{ key_id: string; n: number }>(
    tx,
    sql`select coalesce(key_id, 'plaintext') as key_id, count(*)::int as n from (
          select totp_secret_key_id as key_id from app_user where totp_secret is not null
          union all select client_secret_key_id from swv_oidc
          union all select client_secret_key_id from swv_oidc_change where status = 'pending'
        ) secrets group by 1 order by 1`,
  );
  return Object.fromEntries(rows.map((row) => [row.key_id, row.n]));
}
