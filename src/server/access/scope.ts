// Loads, in one query, what the policy needs to know about a set of children for one actor:
// where each child is and the actor's relations to them (guardian, case member, consents).
import { sql } from 'drizzle-orm';
import { amsterdamToday } from '../../domain/calendar.ts';
import { type ConsentRecord, isConsentInForce } from '../../domain/consent.ts';
import { type Queryable, queryRows } from '../db/client.ts';
import type { Actor } from './actor.ts';
import type { StudentFacts } from './policy.ts';

type FactsRow = {
  id: string;
  swv_id: string;
  school_id: string;
  group_name: string;
  is_guardian: boolean;
  is_case_member: boolean;
  consents: Array<{
    purpose: ConsentRecord['purpose'];
    partner_organisation_id: string | null;
    given_on: string;
    expires_on: string | null;
    withdrawn_at: string | null;
  }>;
};

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
  const rows = await queryRows<FactsRow>(
    db,
    sql`
    select s.id, s.swv_id, s.school_id, s.group_name,
      exists (select 1 from student_guardian g
              where g.swv_id = s.swv_id and g.student_id = s.id and g.user_id = ${actor.userId}) as is_guardian,
      exists (select 1 from case_member c
              where c.swv_id = s.swv_id and c.student_id = s.id and c.user_id = ${actor.userId}) as is_case_member,
      coalesce((select json_agg(json_build_object(
                  'purpose', c.purpose, 'partner_organisation_id', c.partner_organisation_id,
                  'given_on', c.given_on, 'expires_on', c.expires_on, 'withdrawn_at', c.withdrawn_at))
                from consent c where c.swv_id = s.swv_id and c.student_id = s.id), '[]'::json) as consents
    from student s
    where s.id in (${ids})`,
  );
  const today = amsterdamToday(now);
  const facts = new Map<string, StudentFacts>();
  for (const row of rows) {
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
    facts.set(row.id, {
      swvId: row.swv_id,
      schoolId: row.school_id,
      groupName: row.group_name,
      isGuardian: row.is_guardian,
      isCaseMember: row.is_case_member,
      consentedPartnerOrganisationIds: consented,
    });
  }
  return facts;
}
