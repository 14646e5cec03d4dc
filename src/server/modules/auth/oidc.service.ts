// Single sign-on use cases: the SWV's provider settings (swv_admin), the SWVs offering SSO, the
// start of a login (state, nonce and PKCE verifier stored for one use) and its completion: the
// account found by its linked identity or by verified e-mail within the SWV, then a new session.
import { and, asc, eq, lt } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { OidcSettingsBody } from '../../../contracts/oidc.ts';
import { type GrantDecision, requiresSecondFactor, ssoChangeNeedsApproval } from '../../../domain/roles.ts';
import { ownSwv } from '../../access/acting.ts';
import type { Context } from '../../access/actor.ts';
import { appendAdminEvent } from '../../access/adminLog.ts';
import { authorize } from '../../access/authorize.ts';
import {
  beginAuthorization,
  completeAuthorization,
  discoverProvider,
  failureCode,
  isMultiFactor,
  type OidcClientOptions,
  type ProviderSettings,
  type VerifiedIdentity,
} from '../../auth/oidc.ts';
import { openSecret, sealSecret } from '../../auth/secrets.ts';
import { createSession, endSession, type SessionRow } from '../../auth/sessions.ts';
import { countAttempt, type ThrottleRule } from '../../auth/throttle.ts';
import type { Database, Queryable, Tx } from '../../db/client.ts';
import {
  appUser,
  membership,
  oidcLogin,
  swv,
  swvOidc,
  swvOidcChange,
  userIdentity,
} from '../../db/schema/index.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { KeyRing } from '../documents/encryption.ts';
import { administratorsOf, decidable, isOperator } from '../organisations/organisations.service.ts';
import { assertFreshSecondFactor, type IssuedSession } from './auth.service.ts';

/** A round trip to the provider must come back within this time, or it is refused. */
export const oidcLoginMaxAgeMs = 10 * 60 * 1000;

/** Each start writes a row and makes the server fetch from the provider: bounded per address. */
const startPerAddress: ThrottleRule = { name: 'oidc-start-address', limit: 100, windowSeconds: 15 * 60 };

/** Why a sign-in was refused; logged (no personal data), never shown in the URL. */
export type SsoRefusalReason =
  | 'state_missing'
  | 'state_unknown'
  | 'state_expired'
  | 'provider_error'
  | 'provider_response'
  | 'not_configured'
  | 'email_not_verified'
  | 'no_account'
  | 'account_disabled'
  | 'other_swv'
  | 'identity_conflict';

export class SsoRefusal extends Error {
  constructor(
    readonly reason: SsoRefusalReason,
    readonly swvId: string | null = null,
    /** For 'provider_response': openid-client's error code, never its message. */
    readonly code: string | null = null,
  ) {
    super(`single sign-on refused: ${reason}`);
  }
}

// --- settings (swv_admin) --------------------------------------------------------------------

type SettingsRow = typeof swvOidc.$inferSelect;

function viewOf(row: SettingsRow | undefined, pendingChange: boolean) {
  if (!row) {
    return {
      issuer: null,
      clientId: null,
      hasClientSecret: false,
      enabled: false,
      providerEnforcesMfa: false,
      pendingChange,
    };
  }
  return {
    issuer: row.issuer,
    clientId: row.clientId,
    hasClientSecret: row.clientSecret !== '',
    enabled: row.enabled,
    providerEnforcesMfa: row.providerEnforcesMfa,
    pendingChange,
  };
}

async function pendingChangesOf(db: Queryable, swvId: string) {
  return db
    .select()
    .from(swvOidcChange)
    .where(and(eq(swvOidcChange.swvId, swvId), eq(swvOidcChange.status, 'pending')));
}

export async function getOidcSettings(ctx: Context) {
  const swvId = ownSwv(ctx);
  // 'manage', not 'read': other SWV roles may read the SWV, but the sign-in set-up is the admin's.
  authorize(ctx, 'manage', { type: 'swv', swvId });
  const [row] = await ctx.database.db.select().from(swvOidc).where(eq(swvOidc.swvId, swvId));
  return viewOf(row, (await pendingChangesOf(ctx.database.db, swvId)).length > 0);
}

/**
 * Saves the SWV's provider settings. A change that decides who can sign in as whom (a new issuer
 * or client, the provider's second factor newly trusted) waits for a second administrator, or the
 * operator, as a grant of a role with children's data does (docs/SECURITY.md C8); the rest takes
 * effect at once. Either way a change still waiting is withdrawn: the newest save is the one asked.
 */
export async function saveOidcSettings(
  ctx: Context,
  keys: KeyRing,
  input: z.infer<typeof OidcSettingsBody>,
  options: OidcClientOptions,
) {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'manage', { type: 'swv', swvId });
  if (new URL(input.issuer).protocol !== 'https:' && options.allowInsecureRequests !== true) {
    throw new AppError('validation_failed', 'The issuer must use https', { fields: { issuer: 'https' } });
  }
  // Single sign-on is a way in to every account of the SWV: a stolen session alone may not move it
  // to another provider (step-up with a fresh code of the administrator's own second factor).
  await assertFreshSecondFactor(ctx.database.db, keys, ctx.actor.userId, input.secondFactorCode, ctx.now);
  return ctx.database.db.transaction(async (tx) => {
    const [settings] = await tx
      .select({ approvalRequired: swv.grantApprovalRequired })
      .from(swv)
      .where(eq(swv.id, swvId))
      .for('update');
    const [existing] = await tx.select().from(swvOidc).where(eq(swvOidc.swvId, swvId)).for('update');
    // A secret belongs to one client at one provider: keeping the stored one is only allowed
    // while both stay the same, so a changed issuer never receives the old secret.
    const keepsClient = existing?.issuer === input.issuer && existing.clientId === input.clientId;
    // Stored sealed (auth/secrets.ts); a kept secret stays as it was sealed.
    const secret = input.clientSecret
      ? sealSecret(keys, 'oidc-client', swvId, input.clientSecret)
      : keepsClient
        ? { sealed: existing.clientSecret, keyId: existing.clientSecretKeyId }
        : undefined;
    if (secret === undefined) {
      throw new AppError('validation_failed', 'Give the client secret for this issuer and client id', {
        fields: { clientSecret: 'required' },
      });
    }
    const values = {
      issuer: input.issuer,
      clientId: input.clientId,
      clientSecret: secret.sealed,
      clientSecretKeyId: secret.keyId,
      enabled: input.enabled,
      providerEnforcesMfa: input.providerEnforcesMfa,
    };
    const event = { swvId, actorUserId: ctx.actor.userId, at: ctx.now };
    for (const change of await pendingChangesOf(tx, swvId)) {
      await tx.update(swvOidcChange).set({ status: 'withdrawn' }).where(eq(swvOidcChange.id, change.id));
      await appendAdminEvent(tx, {
        ...event,
        kind: 'sso_change_withdrawn',
        details: { changeId: change.id },
      });
    }
    // The issuer and client id are the SWV's, not personal data; the secret never goes here.
    const details = {
      issuer: input.issuer,
      clientId: input.clientId,
      enabled: input.enabled,
      providerEnforcesMfa: input.providerEnforcesMfa,
      clientSecretChanged: input.clientSecret !== undefined,
      previousIssuer: existing?.issuer ?? null,
    };
    if (ssoChangeNeedsApproval(existing, input, settings?.approvalRequired ?? true)) {
      const id = uuidv7();
      await tx.insert(swvOidcChange).values({
        id,
        swvId,
        ...values,
        status: 'pending',
        requestedByUserId: ctx.actor.userId,
        requestedAt: ctx.now,
      });
      await appendAdminEvent(tx, {
        ...event,
        kind: 'sso_change_requested',
        details: { changeId: id, ...details },
      });
      return viewOf(existing, true);
    }
    const [row] = await tx
      .insert(swvOidc)
      .values({ swvId, ...values })
      .onConflictDoUpdate({ target: swvOidc.swvId, set: values })
      .returning();
    await appendAdminEvent(tx, { ...event, kind: 'sso_settings_changed', details });
    return viewOf(row, false);
  });
}

// --- changes waiting for approval (a second swv_admin, or the operator) -----------------------

const requester = alias(appUser, 'sso_requester');

async function pendingChanges(db: Queryable, where: { swvId?: string; id?: string }) {
  return db
    .select({
      change: swvOidcChange,
      requestedBy: { id: requester.id, displayName: requester.displayName },
    })
    .from(swvOidcChange)
    .innerJoin(requester, eq(requester.id, swvOidcChange.requestedByUserId))
    .where(
      and(
        eq(swvOidcChange.status, 'pending'),
        where.swvId ? eq(swvOidcChange.swvId, where.swvId) : undefined,
        where.id ? eq(swvOidcChange.id, where.id) : undefined,
      ),
    )
    .orderBy(asc(swvOidcChange.requestedAt));
}

/** A change as a decider sees it: what would sign people in, never the secret. */
function changeView(
  ctx: Context,
  { change, requestedBy }: Awaited<ReturnType<typeof pendingChanges>>[number],
  administrators: Map<string, string[]>,
) {
  return {
    id: change.id,
    swvId: change.swvId,
    issuer: change.issuer,
    clientId: change.clientId,
    enabled: change.enabled,
    providerEnforcesMfa: change.providerEnforcesMfa,
    requestedBy,
    requestedAt: change.requestedAt.toISOString(),
    mayDecide: decidable(ctx, { ...change, userId: null }, administrators),
  };
}

/**
 * The SSO changes waiting for approval: an SWV administrator sees their SWV's; the operator those
 * of SWVs without a second administrator, which only the operator can decide.
 */
export async function listSsoChanges(ctx: Context) {
  const operator = isOperator(ctx);
  if (operator) authorize(ctx, 'read', { type: 'tenant' });
  else authorize(ctx, 'manage', { type: 'swv', swvId: ownSwv(ctx) });
  const rows = await pendingChanges(ctx.database.db, operator ? {} : { swvId: ownSwv(ctx) });
  const administrators = await administratorsOf(ctx.database.db, [
    ...new Set(rows.map((r) => r.change.swvId)),
  ]);
  return rows.map((row) => changeView(ctx, row, administrators)).filter((c) => !operator || c.mayDecide);
}

/**
 * Approves or rejects a pending SSO change. An approved one becomes the SWV's settings. The
 * administrator who asked for it may not decide it (403); another SWV's change is "not found".
 */
export async function decideSsoChange(ctx: Context, changeId: string, outcome: GrantDecision) {
  const operator = isOperator(ctx);
  if (operator) authorize(ctx, 'read', { type: 'tenant' });
  return ctx.database.db.transaction(async (tx) => {
    const [row] = await pendingChanges(tx, { id: changeId, swvId: operator ? undefined : ownSwv(ctx) });
    const [locked] = row
      ? await tx.select().from(swvOidcChange).where(eq(swvOidcChange.id, changeId)).for('update')
      : [];
    if (!row || !locked || locked.status !== 'pending') throw notFound();
    const change = row.change;
    if (!operator) authorize(ctx, 'manage', { type: 'swv', swvId: change.swvId });
    const administrators = await administratorsOf(tx, [change.swvId]);
    if (!decidable(ctx, { ...change, userId: null }, administrators)) {
      throw new AppError(
        'forbidden',
        'A second administrator decides this change, not the one who asked for it',
      );
    }
    await tx
      .update(swvOidcChange)
      .set({ status: outcome, decidedByUserId: ctx.actor.userId, decidedAt: ctx.now })
      .where(eq(swvOidcChange.id, changeId));
    if (outcome === 'approved') {
      const values = {
        issuer: change.issuer,
        clientId: change.clientId,
        clientSecret: change.clientSecret,
        clientSecretKeyId: change.clientSecretKeyId,
        enabled: change.enabled,
        providerEnforcesMfa: change.providerEnforcesMfa,
      };
      await tx
        .insert(swvOidc)
        .values({ swvId: change.swvId, ...values })
        .onConflictDoUpdate({ target: swvOidc.swvId, set: values });
    }
    await appendAdminEvent(tx, {
      swvId: change.swvId,
      actorUserId: ctx.actor.userId,
      kind: outcome === 'approved' ? 'sso_change_approved' : 'sso_change_rejected',
      details: { changeId, issuer: change.issuer, requestedByUserId: change.requestedByUserId },
      at: ctx.now,
    });
    return { id: changeId, status: outcome };
  });
}

// --- the login page --------------------------------------------------------------------------

export async function listSsoProviders(database: Database) {
  return database.db
    .select({ swvId: swv.id, name: swv.name })
    .from(swvOidc)
    .innerJoin(swv, eq(swv.id, swvOidc.swvId))
    .where(eq(swvOidc.enabled, true))
    .orderBy(asc(swv.name));
}

/** The SWV's provider with its client secret opened; undefined when SSO is off or not set up. */
async function enabledSettings(
  database: Database,
  keys: KeyRing,
  swvId: string,
): Promise<(ProviderSettings & { providerEnforcesMfa: boolean }) | undefined> {
  const [row] = await database.db
    .select()
    .from(swvOidc)
    .where(and(eq(swvOidc.swvId, swvId), eq(swvOidc.enabled, true)));
  if (!row) return undefined;
  const clientSecret = openSecret(keys, 'oidc-client', swvId, {
    keyId: row.clientSecretKeyId,
    sealed: row.clientSecret,
  });
  return {
    issuer: row.issuer,
    clientId: row.clientId,
    clientSecret,
    providerEnforcesMfa: row.providerEnforcesMfa,
  };
}

// --- the round trip --------------------------------------------------------------------------

/**
 * Starts a login at the SWV's provider: returns the provider's authorization URL. An unknown or
 * disabled SWV is "not found"; a provider that cannot be discovered throws its own error.
 */
export async function startOidcLogin(
  database: Database,
  keys: KeyRing,
  input: { swvId: string; redirectUri: string; clientAddress: string; now: Date },
  options: OidcClientOptions,
): Promise<URL> {
  const { db } = database;
  if (!(await countAttempt(db, startPerAddress, input.clientAddress, input.now))) {
    throw new AppError('too_many_requests', 'Too many sign-in attempts; try again later');
  }
  const settings = await enabledSettings(database, keys, input.swvId);
  if (!settings) throw notFound();
  const config = await discoverProvider(settings, options);
  const pending = await beginAuthorization(config, input.redirectUri);
  // Abandoned round trips are cleared here, so the table stays small without a job.
  await db
    .delete(oidcLogin)
    .where(lt(oidcLogin.createdAt, new Date(input.now.getTime() - oidcLoginMaxAgeMs)));
  await db.insert(oidcLogin).values({
    state: pending.state,
    swvId: input.swvId,
    nonce: pending.nonce,
    codeVerifier: pending.codeVerifier,
    createdAt: input.now,
  });
  return pending.url;
}

/**
 * Completes a login from the provider's redirect. The pending row is deleted before anything
 * else, so a replayed state finds nothing. Every refusal, ours or openid-client's, is an
 * SsoRefusal.
 */
export async function completeOidcLogin(
  database: Database,
  keys: KeyRing,
  input: { callbackUrl: URL; state: string | undefined; now: Date; previousSessionTokenHash: string | null },
  options: OidcClientOptions,
): Promise<IssuedSession & { swvId: string }> {
  const { db } = database;
  if (!input.state) throw new SsoRefusal('state_missing');
  const [pending] = await db.delete(oidcLogin).where(eq(oidcLogin.state, input.state)).returning();
  if (!pending) throw new SsoRefusal('state_unknown');
  const { swvId } = pending;
  if (input.now.getTime() - pending.createdAt.getTime() > oidcLoginMaxAgeMs) {
    throw new SsoRefusal('state_expired', swvId);
  }
  const settings = await enabledSettings(database, keys, swvId);
  if (!settings) throw new SsoRefusal('not_configured', swvId);
  if (input.callbackUrl.searchParams.has('error')) throw new SsoRefusal('provider_error', swvId);
  let identity: VerifiedIdentity;
  try {
    const config = await discoverProvider(settings, options);
    identity = await completeAuthorization(config, input.callbackUrl, {
      state: pending.state,
      nonce: pending.nonce,
      codeVerifier: pending.codeVerifier,
    });
  } catch (error) {
    // Issuer, audience, expiry, signature, nonce, PKCE or `iss` failed, or the provider is down.
    throw new SsoRefusal('provider_response', swvId, failureCode(error));
  }

  return db.transaction(async (tx) => {
    const user = await findAccount(tx, swvId, identity);
    const roles = await tx
      .select({ role: membership.role })
      .from(membership)
      .where(eq(membership.userId, user.id));
    const stage = stageAfterSso(
      requiresSecondFactor(roles.map((r) => r.role)),
      user.totpEnabledAt !== null,
      identity.amr,
      settings.providerEnforcesMfa,
    );
    // A new login replaces any session this browser had (no fixation, docs/SECURITY.md B4).
    if (input.previousSessionTokenHash) await endSession(tx, input.previousSessionTokenHash);
    const issued = await createSession(tx, { userId: user.id, stage, method: 'oidc', now: input.now });
    return { ...issued, stage, swvId };
  });
}

/**
 * The account of a verified identity: the one linked to (issuer, subject), else the one with the
 * verified e-mail address among the users of this SWV, which is then linked. Users of another
 * SWV and disabled accounts are refused.
 */
async function findAccount(tx: Tx, swvId: string, identity: VerifiedIdentity) {
  const [linked] = await tx
    .select({ user: appUser })
    .from(userIdentity)
    .innerJoin(appUser, eq(appUser.id, userIdentity.userId))
    .where(
      and(
        eq(userIdentity.issuer, identity.issuer),
        eq(userIdentity.subject, identity.subject),
        eq(appUser.swvId, swvId),
      ),
    );
  if (linked) return usable(linked.user, swvId);

  if (!identity.email) throw new SsoRefusal('no_account', swvId);
  if (!identity.emailVerified) throw new SsoRefusal('email_not_verified', swvId);
  const [user] = await tx
    .select()
    .from(appUser)
    .where(and(eq(appUser.email, identity.email), eq(appUser.swvId, swvId)));
  if (!user) throw new SsoRefusal('no_account', swvId);
  usable(user, swvId);
  // One subject per account and issuer: a second subject claiming the same address is not
  // linked silently (the provider may have reassigned the address to someone else).
  const [other] = await tx
    .select({ subject: userIdentity.subject })
    .from(userIdentity)
    .where(and(eq(userIdentity.userId, user.id), eq(userIdentity.issuer, identity.issuer)));
  if (other) throw new SsoRefusal('identity_conflict', swvId);
  await tx
    .insert(userIdentity)
    .values({ issuer: identity.issuer, subject: identity.subject, userId: user.id })
    .onConflictDoNothing();
  return user;
}

function usable(user: typeof appUser.$inferSelect, swvId: string) {
  if (user.swvId !== swvId) throw new SsoRefusal('other_swv', swvId);
  if (user.disabledAt) throw new SsoRefusal('account_disabled', swvId);
  return user;
}

/**
 * docs/SECURITY.md B2 with SSO: SWV roles need a second factor. A multi-factor sign-in reported in the ID
 * token's `amr` counts as one only where the SWV vouches that its provider enforces it: anyone can
 * run a provider that claims it. Otherwise the stages are those after a password: our TOTP when
 * the account has it, its set-up when an SWV role needs it, else active.
 */
export function stageAfterSso(
  needsSecondFactor: boolean,
  hasTotp: boolean,
  amr: readonly string[],
  providerEnforcesMfa: boolean,
): SessionRow['stage'] {
  if (providerEnforcesMfa && isMultiFactor(amr)) return 'active';
  if (hasTotp) return 'second_factor';
  return needsSecondFactor ? 'totp_setup' : 'active';
}
