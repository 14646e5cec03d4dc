// The administrators' safeguards: roles waiting for a second administrator's approval, and the
// audit trail of account, role and single sign-on events of the SWV.
import { z } from 'zod';
import { grantDecisions, roles } from '../domain/roles.ts';
import { DateTime } from './common.ts';

export const RoleGrantView = z.object({
  id: z.string(),
  swvId: z.string(),
  user: z.object({ id: z.string(), email: z.string(), displayName: z.string() }),
  role: z.enum(roles),
  schoolId: z.string().nullable(),
  groups: z.array(z.string()),
  partnerOrganisationId: z.string().nullable(),
  requestedBy: z.object({ id: z.string(), displayName: z.string() }),
  requestedAt: z.string(),
  /** Whether the signed-in administrator may approve or reject it (never their own request). */
  mayDecide: z.boolean(),
});

export const RoleGrantDecision = z.object({ id: z.string(), status: z.enum(grantDecisions) });

export const adminEventKinds = [
  'user_created',
  'user_renamed',
  'user_disabled',
  'user_enabled',
  'roles_changed',
  'grant_requested',
  'grant_approved',
  'grant_rejected',
  'grant_withdrawn',
  'activation_issued',
  'account_activated',
  'sessions_ended',
  'second_factor_reset',
  'sso_settings_changed',
  'sso_change_requested',
  'sso_change_approved',
  'sso_change_rejected',
  'sso_change_withdrawn',
  'grant_approval_setting_changed',
  'request_type_changed',
  'request_budget_changed',
  'clock_settings_changed',
  'participation_reference_changed',
  'school_holidays_changed',
  'school_register_imported',
  'team_changed',
] as const;
export type AdminEventKind = (typeof adminEventKinds)[number];

export const AdminEventView = z.object({
  id: z.string(),
  at: z.string(),
  kind: z.enum(adminEventKinds),
  /** Null: the operator at the command line. */
  actor: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  subject: z.object({ id: z.string(), displayName: z.string() }).nullable(),
  details: z.record(z.string(), z.unknown()),
});

export const AdminEventsQuery = z.strictObject({
  /** Events before this instant (the page's last one), for the next page. */
  before: DateTime.optional(),
});
