// Accounts, their scoped role memberships, sessions and the second factor.
// A user belongs to one SWV (the operator to none); memberships say what the user may do where.
import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { roles } from '../../../domain/roles.ts';
import { partnerOrganisation, school, swv, team } from './organisations.ts';

export const appUser = pgTable(
  'app_user',
  {
    id: uuid('id').primaryKey(),
    /** Null only for the operator, who belongs to no SWV. */
    swvId: uuid('swv_id').references(() => swv.id),
    /** Stored lower-case; logins compare lower-case. */
    email: text('email').notNull().unique(),
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
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique().on(t.swvId, t.id), check('app_user_email_lower', sql`${t.email} = lower(${t.email})`)],
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
