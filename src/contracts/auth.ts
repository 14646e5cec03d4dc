// Sign-in, second factor, session and password change.
import { z } from 'zod';
import { languageCodes } from '../domain/language.ts';
import { sectors } from '../domain/organisation.ts';
import { roles } from '../domain/roles.ts';
import { Email } from './common.ts';

export const LoginBody = z.strictObject({
  email: Email,
  password: z.string().min(1).max(1024),
});

export const SessionStage = z.enum(['second_factor', 'totp_setup', 'active']);

export const LoginResponse = z.object({
  stage: SessionStage,
  csrfToken: z.string(),
});

export const SecondFactorBody = z.union([
  z.strictObject({
    code: z
      .string()
      .trim()
      .regex(/^\d{6}$/, 'six digits'),
  }),
  z.strictObject({ recoveryCode: z.string().trim().min(8).max(32) }),
]);

export const TotpSetupResponse = z.object({
  secret: z.string(),
  otpauthUri: z.string(),
  qrSvg: z.string(),
});

export const TotpEnableBody = z.strictObject({
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, 'six digits'),
});
export const RecoveryCodesResponse = z.object({ recoveryCodes: z.array(z.string()), csrfToken: z.string() });

export const MembershipView = z.object({
  role: z.enum(roles),
  schoolId: z.string().nullable(),
  groups: z.array(z.string()),
  partnerOrganisationId: z.string().nullable(),
});

/** A language of the web app; the account keeps the user's choice. */
export const Language = z.enum(languageCodes);

export const SetLanguageBody = z.strictObject({ language: Language });

export const MeResponse = z.object({
  stage: SessionStage,
  csrfToken: z.string(),
  user: z.object({
    id: z.string(),
    email: z.string(),
    displayName: z.string(),
    swvId: z.string().nullable(),
    swvName: z.string().nullable(),
    /** The SWV's sector: the web app speaks of klas and mentor in VO, of groep and leerkracht in PO. */
    swvSector: z.enum(sectors).nullable(),
    /** The language the user chose; null: none yet, the browser's stays. */
    language: Language.nullable(),
    hasSecondFactor: z.boolean(),
    memberships: z.array(MembershipView),
  }),
  /** When the session ends if idle from now, so the web app can warn in time. */
  idleExpiresAt: z.string(),
  /** When the session ends however active the user is (the absolute timeout). */
  expiresAt: z.string(),
});

export const ChangePasswordBody = z.strictObject({
  currentPassword: z.string().min(1).max(1024),
  newPassword: z.string().min(1).max(1024),
});

/** The token of an activation link: 32 random bytes, base64url. */
export const ActivationToken = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'an activation code');

export const ActivateAccountBody = z.strictObject({
  token: ActivationToken,
  password: z.string().min(1).max(1024),
});
