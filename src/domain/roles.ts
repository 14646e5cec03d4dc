// The roles of docs/domain.md, which of them must use a second factor, and the rules on granting
// them (docs/SECURITY.md C8). Pure: no I/O.
import { type Refusal, refuse } from './refusal.ts';

export const roles = [
  'operator',
  'swv_admin',
  'consultant',
  'committee',
  'policy',
  'school_ib',
  'school_director',
  'teacher',
  'partner',
  'parent',
] as const;

export type Role = (typeof roles)[number];

/** Roles that work for the SWV itself; docs/SECURITY.md B2 requires a second factor for them. */
export const swvRoles: ReadonlySet<Role> = new Set([
  'operator',
  'swv_admin',
  'consultant',
  'committee',
  'policy',
]);

/**
 * Roles that must use a second factor: the SWV's own roles (docs/SECURITY.md B2) and partners, who read
 * special-category data (health, youth care) in a child's file just as a consultant does.
 */
export const secondFactorRoles: ReadonlySet<Role> = new Set([...swvRoles, 'partner']);

export function requiresSecondFactor(userRoles: readonly Role[]): boolean {
  return userRoles.some((role) => secondFactorRoles.has(role));
}

/** Roles whose membership names a school. */
export const schoolRoles: ReadonlySet<Role> = new Set(['school_ib', 'school_director', 'teacher']);

/**
 * Roles that open children's files (docs/domain.md): the school's staff, the consultant, the committee
 * that decides requests, partners and parents. `policy` sees aggregates only; `swv_admin` none.
 */
export const childDataRoles: ReadonlySet<Role> = new Set([
  'consultant',
  'committee',
  'school_ib',
  'school_director',
  'teacher',
  'partner',
  'parent',
]);

/**
 * Whether granting this role needs a second administrator's approval (the four-eyes principle),
 * given the SWV's setting. An SWV administrator counts too: whoever holds that role approves the
 * grants, so one administrator must not be able to make a second one on their own.
 */
export function grantNeedsApproval(role: Role, approvalRequired: boolean): boolean {
  if (!approvalRequired) return false;
  return childDataRoles.has(role) || role === 'swv_admin';
}

/**
 * Who may approve or reject a grant: an SWV administrator of the same SWV who neither asked for it
 * nor receives it, or the operator when the SWV has no such second administrator.
 */
export function mayDecideGrant(input: {
  deciderUserId: string;
  deciderIsOperator: boolean;
  requestedByUserId: string;
  /** Null for a change that names no one (single sign-on, ssoChangeNeedsApproval). */
  granteeUserId: string | null;
  /** Active SWV administrators of the grant's SWV, other than the one who asked. */
  otherAdministratorIds: readonly string[];
}): boolean {
  const { deciderUserId } = input;
  if (deciderUserId === input.requestedByUserId || deciderUserId === input.granteeUserId) return false;
  if (input.deciderIsOperator) {
    return input.otherAdministratorIds.every((id) => id === input.granteeUserId);
  }
  return input.otherAdministratorIds.includes(deciderUserId);
}

/** What of an SWV's single sign-on decides who can sign in as whom. */
export type SsoTrust = { issuer: string; clientId: string; providerEnforcesMfa: boolean };

/**
 * Whether a change of the SWV's single sign-on needs a second administrator's approval, as a grant
 * of a role with children's data does: whoever runs the provider can sign in as any account it
 * names by e-mail, and with `providerEnforcesMfa` without our second factor. A new provider or
 * client, or the provider's second factor newly trusted, waits; a stricter or unrelated change
 * (turning SSO off or on again, a new secret for the same client, no longer trusting `amr`) does not.
 */
export function ssoChangeNeedsApproval(
  current: SsoTrust | undefined,
  next: SsoTrust,
  approvalRequired: boolean,
): boolean {
  if (!approvalRequired) return false;
  if (!current) return true;
  return (
    current.issuer !== next.issuer ||
    current.clientId !== next.clientId ||
    (next.providerEnforcesMfa && !current.providerEnforcesMfa)
  );
}

/** Where a grant waiting for approval stands; a pending one is decided (approved, rejected) or withdrawn. */
export const grantStatuses = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type GrantStatus = (typeof grantStatuses)[number];

/** What a second administrator decides about a pending grant. */
export const grantDecisions = ['approved', 'rejected'] as const satisfies readonly GrantStatus[];
export type GrantDecision = (typeof grantDecisions)[number];

type TeamLinks = { readonly schoolIds: readonly string[]; readonly memberIds: readonly string[] };

/**
 * An administrator does not widen their own reach through a team: joining one, or adding a school
 * to a team they are in, would open that school's children's files to them on their own say (an
 * administrator may also hold a consultant's role). Leaving a team or taking a school from it is
 * allowed; another administrator makes the change. Returns why not, or null when allowed.
 */
export function ownTeamRefusal(
  actorUserId: string,
  before: TeamLinks,
  after: TeamLinks,
): Refusal<'own_team'> | null {
  if (!after.memberIds.includes(actorUserId)) return null;
  const joins = !before.memberIds.includes(actorUserId);
  const widens = after.schoolIds.some((schoolId) => !before.schoolIds.includes(schoolId));
  if (!joins && !widens) return null;
  return refuse(
    'own_team',
    joins
      ? 'You cannot add yourself to a team; ask another administrator'
      : 'You cannot add a school to a team you are in; ask another administrator',
  );
}

/** Which ids a change adds and which it removes; for the audit trail. */
export function idChanges(before: readonly string[], after: readonly string[]) {
  return {
    added: after.filter((id) => !before.includes(id)),
    removed: before.filter((id) => !after.includes(id)),
  };
}

/**
 * An administrator neither disables their own account nor changes their own roles: that would
 * pass the four-eyes principle (or lock the SWV out). Returns why not, or null when allowed.
 */
export function ownAccountRefusal(
  actorUserId: string,
  userId: string,
  change: { disabled?: boolean; changesRoles: boolean },
): Refusal<'own_account'> | null {
  if (userId !== actorUserId || !(change.disabled || change.changesRoles)) return null;
  return refuse('own_account', 'You cannot disable yourself or change your own roles');
}
