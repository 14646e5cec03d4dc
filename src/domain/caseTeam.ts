// The case team (de mensen rond het kind): who works on a child's case besides the school, as a
// person or as a whole partner organisation, for a period. Pure rules: whether a membership is in
// force, whom it covers, and whether a partner on the team may read the file. The policy enforces it.
import { type Refusal, refuse } from './refusal.ts';
import type { Role } from './roles.ts';

/** A member is a person or a whole partner organisation. */
export const caseMemberKinds = ['person', 'organisation'] as const;
export type CaseMemberKind = (typeof caseMemberKinds)[number];

/** The roles whose accounts can be on a case team in person. */
export const caseTeamPersonRoles = ['partner', 'consultant'] as const satisfies readonly Role[];
export type CaseTeamPersonRole = (typeof caseTeamPersonRoles)[number];

/** A person (a partner's or consultant's account) or a whole partner organisation. */
export type CaseMemberRef =
  | { userId: string; partnerOrganisationId: null }
  | {
      userId: null;
      partnerOrganisationId: string;
    };

export type CaseMembership = CaseMemberRef & {
  validFrom: string;
  /** The last day, inclusive; null: until ended. */
  validUntil: string | null;
  /** Removal: the membership ends at this instant, the row stays as history. */
  endedAt: Date | null;
};

/** The member a row names: its person when it has one, else its partner organisation. */
export function caseMemberRef(row: {
  userId: string | null;
  partnerOrganisationId: string | null;
}): CaseMemberRef {
  return row.userId !== null
    ? { userId: row.userId, partnerOrganisationId: null }
    : { userId: null, partnerOrganisationId: row.partnerOrganisationId! };
}

/** In force on `today` (YYYY-MM-DD, Europe/Amsterdam) at instant `now`: begun, not past its last day, not ended. */
export function isCaseMembershipInForce(membership: CaseMembership, today: string, now: Date): boolean {
  if (membership.validFrom > today) return false;
  if (membership.validUntil !== null && membership.validUntil < today) return false;
  return membership.endedAt === null || membership.endedAt > now;
}

export const caseMembershipStatuses = ['in_force', 'not_yet', 'past', 'ended'] as const;
export type CaseMembershipStatus = (typeof caseMembershipStatuses)[number];

/** What a person reads: in force, or why not (an ending goes first: someone decided it). */
export function caseMembershipStatus(
  membership: CaseMembership,
  today: string,
  now: Date,
): CaseMembershipStatus {
  if (isCaseMembershipInForce(membership, today, now)) return 'in_force';
  if (membership.endedAt !== null && membership.endedAt <= now) return 'ended';
  if (membership.validFrom > today) return 'not_yet';
  return 'past';
}

/** Who a user is for the case team: their account, and the partner organisations they work for. */
export type CaseTeamActor = { userId: string; partnerOrganisationIds: readonly string[] };

/** A person membership covers that person; an organisation's covers every partner user of it. */
export function coversActor(member: CaseMemberRef, actor: CaseTeamActor): boolean {
  return member.userId !== null
    ? member.userId === actor.userId
    : actor.partnerOrganisationIds.includes(member.partnerOrganisationId);
}

/**
 * Whom of one user the child's case team covers today: the user in person, and which of their
 * partner organisations. Kept apart per organisation, because each organisation's place on the
 * team counts only with the parents' consent for that same organisation (`partnerReadsFile`).
 */
export type CaseTeamCoverage = { inPerson: boolean; partnerOrganisationIds: readonly string[] };

/** Covered by nothing: a child the actor has no case relation with. */
export const notOnCaseTeam: CaseTeamCoverage = { inPerson: false, partnerOrganisationIds: [] };

/** The coverage of `actor` by the memberships in force today. */
export function caseTeamCoverage(
  memberships: readonly CaseMembership[],
  actor: CaseTeamActor,
  today: string,
  now: Date,
): CaseTeamCoverage {
  const inForce = memberships.filter((m) => isCaseMembershipInForce(m, today, now));
  return {
    inPerson: inForce.some((m) => m.userId !== null && coversActor(m, actor)),
    partnerOrganisationIds: actor.partnerOrganisationIds.filter((id) =>
      inForce.some((m) => m.partnerOrganisationId === id),
    ),
  };
}

/** On the child's case team today, in person or through one of their organisations. */
export function isOnCaseTeam(coverage: CaseTeamCoverage): boolean {
  return coverage.inPerson || coverage.partnerOrganisationIds.length > 0;
}

/**
 * docs/domain.md, "The case team": a partner working for `organisationId` reads the file only when
 * the team covers them in person or covers that very organisation, AND the parents' consent covers
 * that organisation. One organisation's place on the team never combines with another's consent.
 */
export function partnerReadsFile(
  coverage: CaseTeamCoverage,
  organisationId: string,
  consentedPartnerOrganisationIds: readonly string[],
): boolean {
  const onTeam = coverage.inPerson || coverage.partnerOrganisationIds.includes(organisationId);
  return onTeam && isCoveredByConsent(organisationId, consentedPartnerOrganisationIds) === true;
}

/**
 * A second membership of the same person or organisation may not overlap one that has not
 * ended: one membership at a time keeps the team and its history readable.
 */
export function overlapsExisting(
  existing: readonly CaseMembership[],
  candidate: CaseMemberRef & { validFrom: string; validUntil: string | null },
  now: Date,
): boolean {
  return existing.some(
    (m) =>
      (m.endedAt === null || m.endedAt > now) &&
      m.userId === candidate.userId &&
      m.partnerOrganisationId === candidate.partnerOrganisationId &&
      (m.validUntil === null || m.validUntil >= candidate.validFrom) &&
      (candidate.validUntil === null || candidate.validUntil >= m.validFrom),
  );
}

/** overlapsExisting as a refusal: the same person or organisation is on the team once at a time. */
export function caseMemberOverlapRefusal(
  existing: readonly CaseMembership[],
  candidate: CaseMemberRef & { validFrom: string; validUntil: string | null },
  now: Date,
): Refusal<'case_member_overlap'> | null {
  return overlapsExisting(existing, candidate, now)
    ? refuse('case_member_overlap', 'This member is already on the case team for (part of) that period')
    : null;
}

/**
 * Whether the parents' consent lets this member read the file (docs/domain.md: case team AND consent).
 * A partner organisation, or a person working for one, needs consent to share with that
 * organisation; a person without a partner organisation (a consultant) reads by their own role.
 */
export function isCoveredByConsent(
  memberOrganisationId: string | null,
  consentedPartnerOrganisationIds: readonly string[],
): boolean | null {
  if (memberOrganisationId === null) return null;
  return consentedPartnerOrganisationIds.includes(memberOrganisationId);
}
