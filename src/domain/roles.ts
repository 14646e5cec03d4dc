// The roles of DESIGN §1 and which of them must use a second factor. Pure data, no I/O.

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

/** Roles that work for the SWV itself; TRUST B2 requires a second factor for them. */
export const swvRoles: ReadonlySet<Role> = new Set([
  'operator',
  'swv_admin',
  'consultant',
  'committee',
  'policy',
]);

/**
 * Roles that must use a second factor: the SWV's own roles (TRUST B2) and partners, who read
 * special-category data (health, youth care) in a child's file just as a consultant does.
 */
export const secondFactorRoles: ReadonlySet<Role> = new Set([...swvRoles, 'partner']);

export function requiresSecondFactor(userRoles: readonly Role[]): boolean {
  return userRoles.some((role) => secondFactorRoles.has(role));
}

/** Roles whose membership names a school. */
export const schoolRoles: ReadonlySet<Role> = new Set(['school_ib', 'school_director', 'teacher']);
