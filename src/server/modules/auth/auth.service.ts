// Sign-in use cases: password, second factor (TOTP or a recovery code), TOTP enrolment, password
// change. Unknown accounts get the same answer as wrong passwords (docs/SECURITY.md B3); every step up
// issues a new session token (no fixation, docs/SECURITY.md B4).
import { and, asc, eq, gt, isNotNull, isNull, lt, or } from 'drizzle-orm';
import QRCode from 'qrcode';
import type { LanguageCode } from '../../../domain/language.ts';
import { requiresSecondFactor } from '../../../domain/roles.ts';
import { appendAdminEvent } from '../../access/adminLog.ts';
import { hashActivationToken } from '../../auth/activation.ts';
import { assertAcceptablePassword, hashPassword, verifyPassword } from '../../auth/passwords.ts';
import { openSecret, sealSecret } from '../../auth/secrets.ts';
import { createSession, endSession, endUserSessions, type SessionRow } from '../../auth/sessions.ts';
import { clearAttempts, countAttempt, throttleRules, uncountAttempt } from '../../auth/throttle.ts';
import { acceptTotp, hashRecoveryCode, newRecoveryCodes, newTotpSecret, totpUri } from '../../auth/totp.ts';
import type { Database, Queryable } from '../../db/client.ts';
import { accountActivation, appUser, membership, recoveryCode, swv } from '../../db/schema/index.ts';
import { AppError } from '../../http/errors.ts';
import type { KeyRing } from '../documents/encryption.ts';

type ActiveSession = SessionRow & { tokenHash: string };
export type IssuedSession = { token: string; csrfToken: string; stage: SessionRow['stage'] };

const invalidCredentials = () => new AppError('unauthenticated', 'E-mail address or password is incorrect');
const locked = () =>
  new AppError(
    'account_locked',
    'Too many attempts. Wait 15 minutes and try again, or ask your administrator.',
  );

export async function signInWithPassword(
  database: Database,
  input: { email: string; password: string; clientAddress: string; now: Date },
): Promise<IssuedSession> {
  const { db } = database;
  const { email, now } = input;
  // Counted before the password is verified (throttle.ts); a success takes its counts back.
  if (
    !(await countAttempt(db, throttleRules.loginPerAccount, email, now)) ||
    !(await countAttempt(db, throttleRules.loginPerAddress, input.clientAddress, now))
  ) {
    throw locked();
  }
  const user = await accountOfPassword(database, email, input.password);
  if (!user || user.disabledAt) throw invalidCredentials();
  await clearAttempts(db, throttleRules.loginPerAccount, email);
  await uncountAttempt(db, throttleRules.loginPerAddress, input.clientAddress);
  const stage = await stageAfterPassword(database, user);
  const issued = await createSession(db, { userId: user.id, stage, method: 'password', now });
  return { ...issued, stage };
}

/**
 * The account the password opens. Accounts are per SWV (docs/decisions/0006), so one address may
 * have an account in more than one SWV: the password chooses which (the oldest if it opens several).
 * An address without accounts costs one verification, like a wrong password.
 */
async function accountOfPassword(database: Database, email: string, password: string) {
  const candidates = await database.db
    .select()
    .from(appUser)
    .where(and(eq(appUser.email, email), isNotNull(appUser.passwordHash), isNull(appUser.disabledAt)))
    .orderBy(asc(appUser.createdAt), asc(appUser.id));
  if (candidates.length === 0) {
    await verifyPassword(null, password);
    return null;
  }
  for (const candidate of candidates) {
    if (await verifyPassword(candidate.passwordHash, password)) return candidate;
  }
  return null;
}

async function stageAfterPassword(
  database: Database,
  user: typeof appUser.$inferSelect,
): Promise<SessionRow['stage']> {
  if (user.totpEnabledAt) return 'second_factor';
  const roles = await database.db
    .select({ role: membership.role })
    .from(membership)
    .where(eq(membership.userId, user.id));
  return requiresSecondFactor(roles.map((r) => r.role)) ? 'totp_setup' : 'active';
}

/** The user's TOTP secret, opened from its sealed form (auth/secrets.ts). */
function totpSecretOf(keys: KeyRing, userId: string, sealed: string, keyId: string | null): string {
  return openSecret(keys, 'totp', userId, { keyId, sealed });
}

/** Replaces the session by a new one at a higher stage: the old token stops working. */
async function stepUp(database: Database, session: ActiveSession, now: Date): Promise<IssuedSession> {
  return database.db.transaction(async (tx) => {
    await endSession(tx, session.tokenHash);
    const issued = await createSession(tx, {
      userId: session.userId,
      stage: 'active',
      method: session.method,
      now,
    });
    return { ...issued, stage: 'active' as const };
  });
}

export async function completeSecondFactor(
  database: Database,
  keys: KeyRing,
  session: ActiveSession,
  input: { code: string } | { recoveryCode: string },
  now: Date,
): Promise<IssuedSession> {
  if (session.stage !== 'second_factor') throw new AppError('conflict', 'No second factor is pending');
  const { db } = database;
  if (!(await countAttempt(db, throttleRules.secondFactorPerAccount, session.userId, now))) throw locked();
  const accepted = await db.transaction(async (tx) => {
    const [user] = await tx.select().from(appUser).where(eq(appUser.id, session.userId)).for('update');
    if (!user?.totpSecret || !user.totpEnabledAt) return false;
    if ('code' in input) {
      const step = acceptTotp(
        totpSecretOf(keys, user.id, user.totpSecret, user.totpSecretKeyId),
        input.code,
        user.totpLastStep,
        now,
      );
      if (step === null) return false;
      await tx.update(appUser).set({ totpLastStep: step }).where(eq(appUser.id, user.id));
      return true;
    }
    const used = await tx
      .update(recoveryCode)
      .set({ usedAt: now })
      .where(
        and(
          eq(recoveryCode.userId, user.id),
          eq(recoveryCode.codeHash, hashRecoveryCode(input.recoveryCode)),
          isNull(recoveryCode.usedAt),
        ),
      )
      .returning({ userId: recoveryCode.userId });
    return used.length === 1;
  });
  if (!accepted) throw new AppError('unauthenticated', 'The code is not correct');
  await clearAttempts(db, throttleRules.secondFactorPerAccount, session.userId);
  return stepUp(database, session, now);
}

/** Starts TOTP enrolment: a new secret, kept pending until a code from it is confirmed. */
export async function startTotpSetup(database: Database, keys: KeyRing, session: ActiveSession) {
  if (session.stage === 'second_factor')
    throw new AppError('second_factor_required', 'Complete the second factor first');
  const secret = newTotpSecret();
  const { keyId, sealed } = sealSecret(keys, 'totp', session.userId, secret);
  const [user] = await database.db
    .update(appUser)
    .set({ totpSecret: sealed, totpSecretKeyId: keyId, totpEnabledAt: null, totpLastStep: null })
    .where(and(eq(appUser.id, session.userId), isNull(appUser.totpEnabledAt)))
    .returning({ email: appUser.email });
  if (!user) throw new AppError('conflict', 'A second factor is already set up; reset it first');
  const otpauthUri = totpUri(secret, user.email);
  const qrSvg = await QRCode.toString(otpauthUri, { type: 'svg', margin: 1 });
  return { secret, otpauthUri, qrSvg };
}

export async function confirmTotpSetup(
  database: Database,
  keys: KeyRing,
  session: ActiveSession,
  code: string,
  now: Date,
): Promise<IssuedSession & { recoveryCodes: string[] }> {
  if (session.stage === 'second_factor')
    throw new AppError('second_factor_required', 'Complete the second factor first');
  const recoveryCodes = newRecoveryCodes();
  await database.db.transaction(async (tx) => {
    const [user] = await tx.select().from(appUser).where(eq(appUser.id, session.userId)).for('update');
    if (!user?.totpSecret || user.totpEnabledAt) throw new AppError('conflict', 'Start the set-up first');
    const step = acceptTotp(
      totpSecretOf(keys, user.id, user.totpSecret, user.totpSecretKeyId),
      code,
      null,
      now,
    );
    if (step === null)
      throw new AppError('validation_failed', 'The code is not correct', { fields: { code: 'wrong' } });
    await tx.update(appUser).set({ totpEnabledAt: now, totpLastStep: step }).where(eq(appUser.id, user.id));
    await tx.delete(recoveryCode).where(eq(recoveryCode.userId, user.id));
    await tx
      .insert(recoveryCode)
      .values(recoveryCodes.map((c) => ({ userId: user.id, codeHash: hashRecoveryCode(c) })));
  });
  const issued = await stepUp(database, session, now);
  return { ...issued, recoveryCodes };
}

export async function describeSession(database: Database, session: ActiveSession) {
  const [user] = await database.db
    .select({
      id: appUser.id,
      email: appUser.email,
      displayName: appUser.displayName,
      swvId: appUser.swvId,
      swvName: swv.name,
      swvSector: swv.sector,
      language: appUser.language,
      totpEnabledAt: appUser.totpEnabledAt,
    })
    .from(appUser)
    .leftJoin(swv, eq(swv.id, appUser.swvId))
    .where(eq(appUser.id, session.userId));
  if (!user) throw new AppError('unauthenticated', 'Sign in first');
  const memberships = await database.db
    .select({
      role: membership.role,
      schoolId: membership.schoolId,
      groups: membership.groups,
      partnerOrganisationId: membership.partnerOrganisationId,
    })
    .from(membership)
    .where(eq(membership.userId, user.id));
  const { totpEnabledAt, ...rest } = user;
  return { user: { ...rest, hasSecondFactor: totpEnabledAt !== null, memberships } };
}

/** The user's own choice of language; no one sets another's (the route takes no user id). */
export async function setOwnLanguage(
  database: Database,
  userId: string,
  language: LanguageCode,
): Promise<void> {
  await database.db.update(appUser).set({ language }).where(eq(appUser.id, userId));
}

/** Changing the password ends every session of the user, this one included (docs/SECURITY.md B4). */
export async function changePassword(
  database: Database,
  userId: string,
  input: { currentPassword: string; newPassword: string },
  now: Date,
): Promise<void> {
  const { db } = database;
  if (!(await countAttempt(db, throttleRules.loginPerAccount, userId, now))) throw locked();
  const [user] = await db.select().from(appUser).where(eq(appUser.id, userId));
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError('validation_failed', 'The current password is not correct', {
      fields: { currentPassword: 'wrong' },
    });
  }
  await uncountAttempt(db, throttleRules.loginPerAccount, userId);
  assertAcceptablePassword(input.newPassword, user.email);
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(appUser).set({ passwordHash }).where(eq(appUser.id, userId));
    await endUserSessions(tx, userId);
  });
}

/**
 * Step-up: a fresh code of the user's own authenticator app, for a change that opens a way in
 * (single sign-on settings). The code counts as used, like at sign-in.
 */
export async function assertFreshSecondFactor(
  db: Queryable,
  keys: KeyRing,
  userId: string,
  code: string,
  now: Date,
): Promise<void> {
  // Counted before the code is checked (throttle.ts); a success takes its count back.
  if (!(await countAttempt(db, throttleRules.secondFactorPerAccount, userId, now))) throw locked();
  const [user] = await db.select().from(appUser).where(eq(appUser.id, userId));
  if (!user?.totpSecret || !user.totpEnabledAt) {
    throw new AppError('second_factor_required', 'Set up the second factor of your own account first');
  }
  const secret = totpSecretOf(keys, user.id, user.totpSecret, user.totpSecretKeyId);
  const step = acceptTotp(secret, code, user.totpLastStep, now);
  // Recording the step only if no later one was recorded meanwhile makes the code work once.
  const [used] =
    step === null
      ? []
      : await db
          .update(appUser)
          .set({ totpLastStep: step })
          .where(
            and(eq(appUser.id, userId), or(isNull(appUser.totpLastStep), lt(appUser.totpLastStep, step))),
          )
          .returning({ id: appUser.id });
  if (!used) {
    throw new AppError('validation_failed', 'The code is not correct', {
      fields: { secondFactorCode: 'wrong' },
    });
  }
  await clearAttempts(db, throttleRules.secondFactorPerAccount, userId);
}

/**
 * Sets the first password of a new account with its activation link's token. The token works once
 * and not after it expired; a wrong, used or expired token answers alike.
 */
export async function activateAccount(
  database: Database,
  input: { token: string; password: string; now: Date },
): Promise<void> {
  const refused = () =>
    new AppError('validation_failed', 'This activation link is not valid (any more); ask for a new one', {
      fields: { token: 'invalid' },
    });
  const tokenHash = hashActivationToken(input.token);
  const [found] = await database.db
    .select({ userId: accountActivation.userId, email: appUser.email })
    .from(accountActivation)
    .innerJoin(appUser, eq(appUser.id, accountActivation.userId))
    .where(and(eq(accountActivation.tokenHash, tokenHash), gt(accountActivation.expiresAt, input.now)));
  if (!found) throw refused();
  assertAcceptablePassword(input.password, found.email);
  const passwordHash = await hashPassword(input.password);
  await database.db.transaction(async (tx) => {
    // Deleting the row is the one use: a second request with the same token finds nothing.
    const [used] = await tx
      .delete(accountActivation)
      .where(eq(accountActivation.tokenHash, tokenHash))
      .returning({ userId: accountActivation.userId });
    if (!used) throw refused();
    const [user] = await tx
      .update(appUser)
      .set({ passwordHash })
      .where(and(eq(appUser.id, used.userId), isNull(appUser.passwordHash)))
      .returning({ swvId: appUser.swvId });
    if (!user) throw refused();
    if (user.swvId) {
      await appendAdminEvent(tx, {
        swvId: user.swvId,
        actorUserId: used.userId,
        subjectUserId: used.userId,
        kind: 'account_activated',
        at: input.now,
      });
    }
  });
}
