// Accounts, their scoped role memberships, sessions and the second factor.
// A user belongs to one SWV (the operator to none); memberships say what the user may do where.
// An e-mail address is unique within an SWV, not across SWVs (docs/decisions/0006): a person
// with children in two SWVs has an account in each, and no SWV learns of the other's accounts.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { languageCodes } from '../../../domain/language.ts';
import { grantStatuses, roles } from '../../../domain/roles.ts';
import { partnerOrganisation, school, swv, team } from './organisations.ts';

export const appUser = pgTable(
  'app_user',
  {
    id: uuid('id').primaryKey(),
    /** Null only for the operator, who belongs to no SWV. */
    swvId: uuid('swv_id').references(() => swv.id),
    /** Stored lower-case; logins compare lower-case. Unique per SWV (and among operators). */
    email: text('email').notNull(),
    displayName: text('display_name').notNull(),
    passwordHash: text('password_hash'),
    /** Sealed (base64 of IV, tag and ciphertext) under the key `totpSecretKeyId`; see auth/secrets.ts. */
    totpSecret: text('totp_secret'),
    /** Null only for a plaintext secret written before 0004, sealed at the next start. */
    totpSecretKeyId: text('totp_secret_key_id'),
    totpEnabledAt: timestamp('totp_enabled_at', { withTimezone: true }),
    /** The last accepted TOTP time step: a code is accepted once. */
    totpLastStep: bigint('totp_last_step', { mode: 'number' }),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    /** The language the user chose in the web app; null: the browser's choice stays. */
    language: text('language', { enum: languageCodes }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique().on(t.swvId, t.id),
    unique('app_user_swv_email_unique').on(t.swvId, t.email),
    uniqueIndex('app_user_operator_email_unique').on(t.email).where(sql`${t.swvId} is null`),
    index('app_user_email_index').on(t.email),
    check('app_user_email_lower', sql`${t.email} = lower(${t.email})`),
    check('app_user_language', sql`${t.language} in ('nl', 'en')`),
  ],
);

/**
 * A new account's activation: the person sets their own password with the link's token. Only the
 * token's SHA-256 is stored; it expires and is deleted when used (one use).
 */
export const accountActivation = pgTable(
  'account_activation',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index().on(t.userId)],
);

/**
 * A role with access to children's data, asked by one SWV administrator and waiting for a second
 * one (or the operator) to approve it; only then does it become a membership.
 */
export const roleGrant = pgTable(
  'role_grant',
  {
    id: uuid('id').primaryKey(),
    swvId: uuid('swv_id').notNull(),
    userId: uuid('user_id').notNull(),
    role: text('role', { enum: roles }).notNull(),
    schoolId: uuid('school_id'),
    groups: text('groups').array().notNull().default(sql`'{}'::text[]`),
    partnerOrganisationId: uuid('partner_organisation_id'),
    status: text('status', { enum: grantStatuses }).notNull(),
    requestedByUserId: uuid('requested_by_user_id')
      .notNull()
      .references(() => appUser.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    decidedByUserId: uuid('decided_by_user_id').references(() => appUser.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [
    index().on(t.swvId, t.status),
    foreignKey({ columns: [t.swvId, t.userId], foreignColumns: [appUser.swvId, appUser.id] }).onDelete(
      'cascade',
    ),
    foreignKey({ columns: [t.swvId, t.schoolId], foreignColumns: [school.swvId, school.id] }),
    foreignKey({
      columns: [t.swvId, t.partnerOrganisationId],
      foreignColumns: [partnerOrganisation.swvId, partnerOrganisation.id],
    }),
  ],
);

/**
 * A change of the SWV's single sign-on that decides who can sign in as whom (issuer, client,
 * whether the provider's second factor counts), asked by one SWV administrator and waiting for a
 * second one (or the operator) as a role grant does; only then is it written to swv_oidc.
 */
export const swvOidcChange = pgTable(
  'swv_oidc_change',
  {
    id: uuid('id').primaryKey(),
    swvId: uuid('swv_id')
      .notNull()
      .references(() => swv.id),
    issuer: text('issuer').notNull(),
    clientId: text('client_id').notNull(),
    /** Sealed as swv_oidc.client_secret, so an approved change moves it over unchanged. */
    clientSecret: text('client_secret').notNull(),
    clientSecretKeyId: text('client_secret_key_id'),
    enabled: boolean('enabled').notNull(),
    providerEnforcesMfa: boolean('provider_enforces_mfa').notNull(),
    status: text('status', { enum: grantStatuses }).notNull(),
    requestedByUserId: uuid('requested_by_user_id')
      .notNull()
      .references(() => appUser.id),
    requestedAt: timestamp('requested_at', { withTimezone: true }).notNull(),
    decidedByUserId: uuid('decided_by_user_id').references(() => appUser.id),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
  },
  (t) => [index().on(t.swvId, t.status)],
);

/**
 * The administrators' audit trail: account, role and single sign-on events of an SWV (who, when,
 * what). Append-only like the access log (migration 0003 refuses UPDATE and DELETE).
 */
export const adminEvent = pgTable(
  'admin_event',
  {
    id: uuid('id').primaryKey(),
    swvId: uuid('swv_id')
      .notNull()
      .references(() => swv.id),
    at: timestamp('at', { withTimezone: true }).notNull(),
    /** Null when the operator acted at the command line. */
    actorUserId: uuid('actor_user_id'),
    kind: text('kind').notNull(),
    subjectUserId: uuid('subject_user_id'),
    /** Ids and role names only, never personal data. */
    details: jsonb('details').notNull().default({}),
  },
  (t) => [index().on(t.swvId, t.at)],
);

export const membership = pgTable(
  'membership',
  {
    id: uuid('id').primaryKey(),
    swvId: uuid('swv_id'),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    role: text('role', { enum: roles }).notNull(),
    /** For school roles: the school. */
    schoolId: uuid('school_id'),
    /** For teachers: the groups they teach (e.g. "5A"). */
    groups: text('groups').array().notNull().default(sql`'{}'::text[]`),
    /** For partners: their organisation. */
    partnerOrganisationId: uuid('partner_organisation_id'),
  },
  (t) => [
    index().on(t.userId),
    foreignKey({ columns: [t.swvId, t.userId], foreignColumns: [appUser.swvId, appUser.id] }),
    foreignKey({ columns: [t.swvId, t.schoolId], foreignColumns: [school.swvId, school.id] }),
    foreignKey({
      columns: [t.swvId, t.partnerOrganisationId],
      foreignColumns: [partnerOrganisation.swvId, partnerOrganisation.id],
    }),
    check(
      'membership_scope',
      sql`(${t.role} = 'operator') = (${t.swvId} is null)
        and (${t.role} in ('school_ib', 'school_director', 'teacher')) = (${t.schoolId} is not null)
        and (${t.role} = 'partner') = (${t.partnerOrganisationId} is not null)`,
    ),
  ],
);

/** Consultants work for the schools of the teams they are in. */
export const teamMember = pgTable(
  'team_member',
  {
    swvId: uuid('swv_id').notNull(),
    teamId: uuid('team_id').notNull(),
    userId: uuid('user_id').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.swvId, t.teamId, t.userId] }),
    foreignKey({ columns: [t.swvId, t.teamId], foreignColumns: [team.swvId, team.id] }).onDelete('cascade'),
    foreignKey({ columns: [t.swvId, t.userId], foreignColumns: [appUser.swvId, appUser.id] }).onDelete(
      'cascade',
    ),
  ],
);

export const recoveryCode = pgTable(
  'recovery_code',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.codeHash] })],
);

/** Links an account to a subject at the SWV's OpenID provider. */
export const userIdentity = pgTable(
  'user_identity',
  {
    issuer: text('issuer').notNull(),
    subject: text('subject').notNull(),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.issuer, t.subject] })],
);

/**
 * A server-side session. The cookie holds a random token; only its SHA-256 is stored, so a
 * database dump does not yield live sessions. `stage` is 'second_factor' between password and TOTP.
 */
export const session = pgTable(
  'session',
  {
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id, { onDelete: 'cascade' }),
    stage: text('stage', { enum: ['second_factor', 'totp_setup', 'active'] }).notNull(),
    csrfToken: text('csrf_token').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull(),
    method: text('method', { enum: ['password', 'oidc'] }).notNull(),
  },
  (t) => [index().on(t.userId)],
);

/** Pending single sign-on round trips: state, nonce and PKCE verifier, used once. */
export const oidcLogin = pgTable('oidc_login', {
  state: text('state').primaryKey(),
  swvId: uuid('swv_id')
    .notNull()
    .references(() => swv.id),
  nonce: text('nonce').notNull(),
  codeVerifier: text('code_verifier').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
});

/** Fixed-window counters for throttling login, second factor and reset, shared by all instances. */
export const throttle = pgTable('throttle', {
  key: text('key').primaryKey(),
  windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
  count: integer('count').notNull(),
});
