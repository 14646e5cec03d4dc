// Reading transitions with what their pages show: the child, both schools, the duty-of-care clock
// computed from src/domain/transitions.ts (never stored as a verdict), the risk flags derived from
// the file, and who hears of a step.
import { and, eq, inArray, isNull, ne, type SQL, sql } from 'drizzle-orm';
import { amsterdamToday } from '../../../domain/calendar.ts';
import { type ConsentRecord, isConsentInForce } from '../../../domain/consent.ts';
import { dutyOfCareClock, followUpOn, type RiskFlag, riskFlagsOf } from '../../../domain/transitions.ts';
import { type Queryable, queryRows, type Tx } from '../../db/client.ts';
import { consent, school, swv, transition } from '../../db/schema/index.ts';

export type TransitionRecord = typeof transition.$inferSelect;

export async function findTransition(tx: Tx, id: string): Promise<TransitionRecord | null> {
  const [row] = await tx.select().from(transition).where(eq(transition.id, id));
  return row ?? null;
}

/** The child as a transition shows it, in the SWV that holds the row. */
export type ChildFacts = {
  id: string;
  name: string;
  givenName: string;
  familyNamePrefix: string;
  familyName: string;
  birthDate: string;
  schoolId: string;
  supportLevel: number;
};

export async function childFacts(tx: Queryable, swvId: string, studentIds: readonly string[]) {
  if (studentIds.length === 0) return new Map<string, ChildFacts>();
  const rows = await queryRows<ChildFacts>(
    tx,
    sql`select id, concat_ws(' ', given_name, nullif(family_name_prefix, ''), family_name) as name,
          given_name as "givenName", family_name_prefix as "familyNamePrefix", family_name as "familyName",
          birth_date::text as "birthDate", school_id as "schoolId", support_level as "supportLevel"
        from student where swv_id = ${swvId}
          and id in (${sql.join(
            studentIds.map((id) => sql`${id}::uuid`),
            sql`, `,
          )})`,
  );
  return new Map(rows.map((row) => [row.id, row]));
}

/** The risk flags of each child, derived from the file today (src/domain/transitions.ts riskFlagsOf). */
export async function riskFlagsOfChildren(
  tx: Queryable,
  swvId: string,
  studentIds: readonly string[],
  today: string,
): Promise<Map<string, RiskFlag[]>> {
  if (studentIds.length === 0) return new Map();
  const ids = sql.join(
    studentIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const rows = await queryRows<{
    id: string;
    supportLevel: number;
    hasActivePlan: boolean;
    youthCareOnCase: boolean;
    opdcPlacement: boolean;
    absenceCases: number;
  }>(
    tx,
    sql`select s.id, s.support_level as "supportLevel",
          exists (select 1 from plan p where p.swv_id = s.swv_id and p.student_id = s.id
                  and p.status = 'active') as "hasActivePlan",
          exists (select 1 from case_member c
                  join partner_organisation o on o.swv_id = c.swv_id
                    and o.id = coalesce(c.partner_organisation_id,
                      (select m.partner_organisation_id from membership m
                       where m.swv_id = c.swv_id and m.user_id = c.user_id and m.role = 'partner' limit 1))
                  where c.swv_id = s.swv_id and c.student_id = s.id and o.kind = 'buurtteam'
                    and c.ended_at is null and c.valid_from <= ${today}::date
                    and (c.valid_until is null or c.valid_until >= ${today}::date)) as "youthCareOnCase",
          exists (select 1 from support_request r join request_type t on t.swv_id = r.swv_id and t.id = r.type_id
                  where r.swv_id = s.swv_id and r.student_id = s.id and t.code = 'opdc_placement'
                    and r.state in ('decided', 'in_progress') and r.outcome <> 'rejected') as "opdcPlacement",
          (select count(*)::int from absence_case a
            where a.swv_id = s.swv_id and a.student_id = s.id) as "absenceCases"
        from student s where s.swv_id = ${swvId} and s.id in (${ids})`,
  );
  return new Map(rows.map((row) => [row.id, riskFlagsOf(row)]));
}

/** The parents' consent to hand the file over to the next school, in force today, and its scope. */
export async function handOverConsent(tx: Tx, swvId: string, studentId: string, now: Date) {
  const rows = await tx
    .select()
    .from(consent)
    .where(
      and(
        eq(consent.swvId, swvId),
        eq(consent.studentId, studentId),
        eq(consent.purpose, 'hand_over_to_school'),
      ),
    );
  const today = amsterdamToday(now);
  const inForce = rows.filter((row) => isConsentInForce(row as ConsentRecord, today, now));
  return {
    inForce: inForce.length > 0,
    scope: inForce
      .map((row) => row.scope)
      .filter(Boolean)
      .join('; '),
  };
}

/** Schools on Passend by BRIN and vestiging, of every SWV: the directory is public (DUO's register). */
export async function schoolsOnPassend(tx: Queryable, where: SQL) {
  return queryRows<{
    id: string;
    swvId: string;
    swvName: string;
    locationCode: string;
    name: string;
    kind: string;
  }>(
    tx,
    sql`select sc.id, sc.swv_id as "swvId", s.name as "swvName", sc.location_code as "locationCode",
          sc.name, sc.kind
        from school sc join swv s on s.id = sc.swv_id where ${where}
        order by sc.name, s.name limit 20`,
  );
}

export async function schoolNames(tx: Tx, swvId: string, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, { name: string; locationCode: string; kind: string }>();
  const rows = await tx
    .select({ id: school.id, name: school.name, locationCode: school.locationCode, kind: school.kind })
    .from(school)
    .where(and(eq(school.swvId, swvId), inArray(school.id, [...ids])));
  return new Map(rows.map((row) => [row.id, row]));
}

export async function swvName(tx: Tx, swvId: string): Promise<string> {
  const [row] = await tx.select({ name: swv.name }).from(swv).where(eq(swv.id, swvId));
  return row?.name ?? '';
}

/** The receiving school's IB'ers and director, who keep its term (active accounts). */
export async function receiversOf(tx: Queryable, swvId: string, schoolId: string): Promise<string[]> {
  const rows = await queryRows<{ userId: string }>(
    tx,
    sql`select distinct m.user_id as "userId" from membership m join app_user u on u.swv_id = m.swv_id and u.id = m.user_id
        where m.swv_id = ${swvId} and m.school_id = ${schoolId} and m.role in ('school_ib', 'school_director')
          and u.disabled_at is null`,
  );
  return rows.map((row) => row.userId);
}

/** The clock of a row whose SWV holds the receiving school's term. */
export function clockOf(record: TransitionRecord, today: string) {
  if (record.direction === 'outgoing') return null;
  const clock = dutyOfCareClock(record, today);
  return {
    ...clock,
    temporaryPlacement: record.decidedOn === null && today >= clock.temporaryPlacementOn,
  };
}

export const followUpOf = (record: TransitionRecord) =>
  record.outcome === 'placed' && record.startedOn ? followUpOn(record.startedOn) : null;

/** The child's moves away from its school that the receiving school has not decided yet. */
export async function openMovesOf(tx: Queryable, swvId: string, studentId: string): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(transition)
    .where(
      and(
        eq(transition.swvId, swvId),
        eq(transition.studentId, studentId),
        ne(transition.direction, 'incoming'),
        isNull(transition.decidedOn),
      ),
    );
  return row?.n ?? 0;
}
