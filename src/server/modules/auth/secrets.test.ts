// Secrets at rest (docs/SECURITY.md finding 10): TOTP and OIDC client secrets are stored sealed under the
// installation's keys, plaintext rows from before are sealed at start-up, and rotation re-seals.
import { eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  Agent,
  aSealedSecret,
  aSwv,
  aUser,
  type TestUser,
  testPassword,
  withFixtureKey,
} from '../../../../test/support/factories.ts';
import { type TestApp, testApp } from '../../../../test/support/testApp.ts';
import { buildApp } from '../../app.ts';
import { openSecret, SecretUnreadable, sealSecret } from '../../auth/secrets.ts';
import { currentTotp } from '../../auth/totp.ts';
import { queryRows } from '../../db/client.ts';
import { appUser, swvOidc, swvOidcChange } from '../../db/schema/index.ts';
import { type KeyRing, newDocumentKey } from '../documents/encryption.ts';
import { sealSecrets } from './secretRotation.ts';

const ringOf = (...keys: ReturnType<typeof newDocumentKey>[]): KeyRing => ({
  current: keys[0]!,
  byId: new Map(keys.map((key) => [key.id, key.key])),
});

describe('sealSecret and openSecret', () => {
  const keys = ringOf(newDocumentKey('k1'));

  it('opens what it sealed, for the same kind and owner only', () => {
    const sealed = sealSecret(keys, 'totp', 'user-1', 'JBSWY3DPEHPK3PXP');
    expect(sealed.keyId).toBe('k1');
    expect(sealed.sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(openSecret(keys, 'totp', 'user-1', sealed)).toBe('JBSWY3DPEHPK3PXP');
    // Copied onto another user, or taken for another kind of secret: it does not open.
    expect(() => openSecret(keys, 'totp', 'user-2', sealed)).toThrow(SecretUnreadable);
    expect(() => openSecret(keys, 'oidc-client', 'user-1', sealed)).toThrow(SecretUnreadable);
  });

  it('refuses a key it does not hold, a damaged value and a row not sealed yet', () => {
    const sealed = sealSecret(keys, 'totp', 'user-1', 'secret');
    const problem = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return (error as SecretUnreadable).problem;
      }
      return null;
    };
    expect(problem(() => openSecret(ringOf(newDocumentKey('k2')), 'totp', 'user-1', sealed))).toBe(
      'key_missing',
    );
    expect(problem(() => openSecret(keys, 'totp', 'user-1', { ...sealed, sealed: 'AAAA' }))).toBe('damaged');
    expect(problem(() => openSecret(keys, 'totp', 'user-1', { keyId: null, sealed: 'secret' }))).toBe(
      'not_sealed',
    );
  });
});

describe('secrets at rest', () => {
  const oldKey = newDocumentKey('2026-old');
  const newKey = newDocumentKey('2027-new');
  let t: TestApp;
  let swvId: string;
  beforeAll(async () => {
    t = await testApp({ documents: { keys: ringOf(oldKey), maxBytes: 1024 * 1024 } });
    swvId = (await aSwv(t.database.db)).id;
  });
  afterAll(() => t.close());

  const storedTotp = async (userId: string) => {
    const [row] = await t.database.db
      .select({ sealed: appUser.totpSecret, keyId: appUser.totpSecretKeyId })
      .from(appUser)
      .where(eq(appUser.id, userId));
    return row!;
  };

  /** Signs in through an app with only the given keys, as after an operator changed them. */
  async function signsInWith(keys: KeyRing, user: TestUser): Promise<number> {
    const app = await buildApp({
      database: t.database,
      publicUrl: 'http://localhost:3000',
      secureCookies: true,
      now: () => t.clock.now,
      documents: { keys, maxBytes: 1024 * 1024 },
    });
    try {
      const agent = new Agent({ ...t, app });
      await agent.post('/api/auth/login', { email: user.email, password: testPassword });
      t.clock.advance(30_000);
      const second = await agent.post('/api/auth/second-factor', {
        code: currentTotp(user.totpSecret!, t.clock.now),
      });
      return second.statusCode;
    } finally {
      await app.close();
    }
  }

  it('stores a new TOTP secret sealed under the current key, and signs in with it', async () => {
    const user = await aUser(t.database.db, swvId, [{ role: 'committee' }], { withSecondFactor: false });
    const agent = new Agent(t);
    await agent.post('/api/auth/login', { email: user.email, password: testPassword });
    const { secret } = (await agent.post('/api/auth/totp/setup')).json();
    const stored = await storedTotp(user.id);
    expect(stored.keyId).toBe(oldKey.id);
    expect(stored.sealed).not.toContain(secret);
    expect(
      (await agent.post('/api/auth/totp/enable', { code: currentTotp(secret, t.clock.now) })).statusCode,
    ).toBe(200);
    expect(await signsInWith(ringOf(oldKey), { ...user, totpSecret: secret })).toBe(200);
  });

  it('seals plaintext secrets from before at start-up, and leaves sealed ones alone', async () => {
    const user = await aUser(t.database.db, swvId, [{ role: 'consultant' }]);
    const sealedBefore = await storedTotp(user.id);
    const legacy = await aUser(t.database.db, swvId, [{ role: 'consultant' }]);
    await t.database.db
      .update(appUser)
      .set({ totpSecret: legacy.totpSecret, totpSecretKeyId: null })
      .where(eq(appUser.id, legacy.id));
    const legacySwv = await aSwv(t.database.db);
    await t.database.db.insert(swvOidc).values({
      swvId: legacySwv.id,
      issuer: 'https://login.example.test',
      clientId: 'passend',
      clientSecret: 'plaintext-client-secret',
    });

    const result = await sealSecrets(t.database, ringOf(oldKey), 'plaintext');
    expect(result.sealed).toBeGreaterThanOrEqual(2);
    expect(result.byKey.plaintext).toBeUndefined();
    expect(await storedTotp(user.id)).toEqual(sealedBefore);
    const sealedLegacy = await storedTotp(legacy.id);
    expect(sealedLegacy.keyId).toBe(oldKey.id);
    expect(sealedLegacy.sealed).not.toContain(legacy.totpSecret!);
    const [provider] = await t.database.db.select().from(swvOidc).where(eq(swvOidc.swvId, legacySwv.id));
    expect(provider!.clientSecretKeyId).toBe(oldKey.id);
    expect(
      openSecret(ringOf(oldKey), 'oidc-client', legacySwv.id, {
        keyId: provider!.clientSecretKeyId,
        sealed: provider!.clientSecret,
      }),
    ).toBe('plaintext-client-secret');
    expect(await signsInWith(ringOf(oldKey), legacy)).toBe(200);
  });

  it('re-seals every secret under the new key on rotation; the old key can then go', async () => {
    const user = await aUser(t.database.db, swvId, [{ role: 'policy' }]);
    const provider = await aSwv(t.database.db);
    const { sealed, keyId } = aSealedSecret('oidc-client', provider.id, 'client-secret');
    await t.database.db.insert(swvOidc).values({
      swvId: provider.id,
      issuer: 'https://login.example.test',
      clientId: 'passend',
      clientSecret: sealed,
      clientSecretKeyId: keyId,
    });
    // A change waiting for a second administrator holds a secret too (finding 29).
    const waiting = aSealedSecret('oidc-client', provider.id, 'next-client-secret');
    const changeId = uuidv7();
    await t.database.db.insert(swvOidcChange).values({
      id: changeId,
      swvId: provider.id,
      issuer: 'https://login.example.test',
      clientId: 'passend-next',
      clientSecret: waiting.sealed,
      clientSecretKeyId: waiting.keyId,
      enabled: true,
      providerEnforcesMfa: false,
      status: 'pending',
      requestedByUserId: user.id,
      requestedAt: t.clock.now,
    });
    const result = await sealSecrets(t.database, withFixtureKey(ringOf(newKey, oldKey)), 'not_current');
    expect(result.unreadable).toEqual([]);
    expect(Object.keys(result.byKey)).toEqual([newKey.id]);
    expect((await storedTotp(user.id)).keyId).toBe(newKey.id);
    const [change] = await t.database.db.select().from(swvOidcChange).where(eq(swvOidcChange.id, changeId));
    expect(change!.clientSecretKeyId).toBe(newKey.id);
    expect(
      openSecret(ringOf(newKey), 'oidc-client', provider.id, {
        keyId: change!.clientSecretKeyId,
        sealed: change!.clientSecret,
      }),
    ).toBe('next-client-secret');
    expect(await signsInWith(ringOf(newKey), user)).toBe(200);

    const again = await sealSecrets(t.database, ringOf(newKey), 'not_current');
    expect(again.sealed).toBe(0);
  });

  it('holds no plaintext TOTP or client secret anywhere in the database', async () => {
    const users = await queryRows<{ id: string; totp_secret: string }>(
      t.database.db,
      sql`select id, totp_secret from app_user where totp_secret is not null`,
    );
    expect(users.length).toBeGreaterThan(2);
    // A base32 TOTP secret has 32 characters of A–Z and 2–7; a sealed one is longer base64.
    expect(users.filter((row) => /^[A-Z2-7]{16,}$/.test(row.totp_secret))).toEqual([]);
    const plaintextRows = await queryRows<{ n: number }>(
      t.database.db,
      sql`select (select count(*) from app_user where totp_secret is not null and totp_secret_key_id is null)
            + (select count(*) from swv_oidc where client_secret_key_id is null) as n`,
    );
    expect(Number(plaintextRows[0]!.n)).toBe(0);
  });
});
