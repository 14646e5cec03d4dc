// Loads, in one query, what the policy needs to know about a set of children for one actor:
// where each child is and the actor's relations to them (guardian, case team per organisation, consents).
// Whether a case membership and a consent hold today is decided by the rules in src/domain.
import { type SQL, sql } from 'drizzle-orm';
import { isWindowOpen } from '../../domain/breakGlass.ts';
import { amsterdamToday } from '../../domain/calendar.ts';
import { type CaseMembership, caseTeamCoverage } from '../../domain/caseTeam.ts';
import { isConsentInForce } from '../../domain/consent.ts';
import { type Queryable, queryRows } from '../db/client.ts';
import type { Actor } from './actor.ts';
import type { FactsRow } from './factsRow.ts';
import type { StudentFacts } from './policy.ts';

/**
 * The columns of FactsRow over `student` aliased as `s`, for the actor whose account is `userId`
 * and whose partner organisations are `organisationIds`: both SQL, so the request's first query
 * can take them from the session's user (sessions.ts) and loadStudentFacts from the actor.
 */
export function factsColumns(userId: SQL, ofOrganisation: (column: SQL) => SQL): SQL {
  return sql`s.id, s.swv_id, s.school_id, s.group_name,
      exists (select 1 from student_guardian g
              where g.swv_id = s.swv_id and g.student_id = s.id and g.user_id = ${userId}) as is_guardian,
      coalesce((select json_agg(json_build_object(
                  'user_id', c.user_id, 'partner_organisation_id', c.partner_organisation_id,
                  'valid_from', c.valid_from, 'valid_until', c.valid_until, 'ended_at', c.ended_at))
                from case_member c where c.swv_id = s.swv_id and c.student_id = s.id
                  and (c.user_id = ${userId} or ${ofOrganisation(sql`c.partner_organisation_id`)})), '[]'::json) as case_memberships,
      coalesce((select json_agg(json_build_object(
                  'purpose', c.purpose, 'partner_organisation_id', c.partner_organisation_id,
                  'given_on', c.given_on, 'expires_on', c.expires_on, 'withdrawn_at', c.withdrawn_at))
                from consent c where c.swv_id = s.swv_id and c.student_id = s.id), '[]'::json) as consents,
      (select json_build_object('id', w.id, 'reason', w.reason, 'opened_at', w.opened_at, 'closes_at', w.closes_at)
         from break_glass_window w
        where w.swv_id = s.swv_id and w.student_id = s.id and w.operator_user_id = ${userId}
          and w.closed_at is null
        order by w.closes_at desc limit 1) as break_glass`;
}

export async function loadStudentFacts(
  db: Queryable,
  actor: Actor,
  studentIds: readonly string[],
  now: Date,
): Promise<Map<string, StudentFacts>> {
  if (studentIds.length === 0) return new Map();
  const ids = sql.join(
    studentIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  // Only the memberships that could cover this actor: their own, and their organisations'.
  const organisationIds = caseTeamActorOf(actor).partnerOrganisationIds;
  const ofOrganisation = (column: SQL) =>
    organisationIds.length === 0
      ? sql`false`
      : sql`${column} in (${sql.join(
          organisationIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`;
  const rows = await queryRows<FactsRow>(
    db,
    sql`select ${factsColumns(sql`${actor.userId}::uuid`, ofOrganisation)} from student s where s.id in (${ids})`,
  );
  const facts = new Map<string, StudentFacts>();
  for (const row of rows) facts.set(row.id, toStudentFacts(row, actor, now));
  return facts;
}

/** The policy's facts of a row selected with factsColumns, for `actor` at `now`. */
export function toStudentFacts(row: FactsRow, actor: Actor, now: Date): StudentFacts {
  const today = amsterdamToday(now);
  const consented = row.consents
    .map((c) => ({
      purpose: c.purpose,
      partnerOrganisationId: c.partner_organisation_id,
      givenOn: c.given_on,
      expiresOn: c.expires_on,
      withdrawnAt: c.withdrawn_at === null ? null : new Date(c.withdrawn_at),
    }))
    .filter((c) => c.purpose === 'share_with_partner' && isConsentInForce(c, today, now))
    .map((c) => c.partnerOrganisationId!);
  return {
    swvId: row.swv_id,
    schoolId: row.school_id,
    groupName: row.group_name,
    isGuardian: row.is_guardian,
    caseTeam: caseTeamCoverage(
      row.case_memberships.map(toCaseMembership),
      caseTeamActorOf(actor),
      today,
      now,
    ),
    consentedPartnerOrganisationIds: consented,
    breakGlass: openBreakGlass(row.break_glass, now),
  };
}

/** The actor's break-glass window on the child, if it is open at `now` (docs/SECURITY.md A4). */
function openBreakGlass(window: FactsRow['break_glass'], now: Date): StudentFacts['breakGlass'] {
  if (!window) return null;
  const open = isWindowOpen(
    { openedAt: new Date(window.opened_at), closesAt: new Date(window.closes_at), closedAt: null },
    now,
  );
  return open ? { windowId: window.id, reason: window.reason } : null;
}

/** The actor as the case team sees them: their account and the partner organisations they work for. */
export function caseTeamActorOf(actor: Actor) {
  return {
    userId: actor.userId,
    partnerOrganisationIds: actor.memberships.flatMap((m) =>
      m.role === 'partner' && m.partnerOrganisationId !== null ? [m.partnerOrganisationId] : [],
    ),
  };
}

function toCaseMembership(row: FactsRow['case_memberships'][number]): CaseMembership {
  return {
    ...(row.user_id !== null
      ? { userId: row.user_id, partnerOrganisationId: null }
      : { userId: null, partnerOrganisationId: row.partner_organisation_id! }),
    validFrom: row.valid_from,
    validUntil: row.valid_until,
    endedAt: row.ended_at === null ? null : new Date(row.ended_at),
  };
}
