// Activation links for new accounts: the person sets their own password, so no reusable password
// ever travels in an API answer or passes through an administrator's hands. The token is 32
// random bytes; only its SHA-256 is stored; it expires and works once.
import { createHash, randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import type { Queryable } from '../db/client.ts';
import { accountActivation } from '../db/schema/index.ts';

/** Long enough to pass the link on by hand (a weekend included), short enough to go stale. */
export const activationLifetimeMs = 72 * 60 * 60 * 1000;

export function hashActivationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A new activation for the account; an earlier link of the same account stops working. */
export async function issueActivation(
  db: Queryable,
  userId: string,
  now: Date,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + activationLifetimeMs);
  await db.delete(accountActivation).where(eq(accountActivation.userId, userId));
  await db
    .insert(accountActivation)
    .values({ tokenHash: hashActivationToken(token), userId, createdAt: now, expiresAt });
  return { token, expiresAt };
}

/** The path of the web app's activation page; the token goes in the fragment, never to a server log. */
export function activationPath(token: string): string {
  return `/activate#${token}`;
}
