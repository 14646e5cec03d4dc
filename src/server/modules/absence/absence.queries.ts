// Reading absence cases and watches with what the policy and the pages need: the child (a student
// record or the case's own data), the school, the people involved (responsible, and added by the
// escalation ladder), the offer in force on a day. Queries only; the rules are src/domain/absence.ts.
import { type SQL, sql } from 'drizzle-orm';
import type { AbsenceKind } from '../../../domain/absence.ts';
import { type Queryable, queryRows } from '../../db/client.ts';

export type CaseRecord = {
  id: string;
  swvId: string;
  studentId: string | null;
  kind: AbsenceKind;
  exemptionArticle: string | null;
  startedOn: string;
  endedOn: string | null;
  ending: string | null;
  endNote: string;
  reason: string;
  municipality: string;
  attendanceOfficerUserId: string | null;
  consultantUserId: string | null;
  childName: string;
  firstName: string;
  birthDate: string;
  schoolId: string | null;
  schoolName: string | null;
  wijk: string | null;
  /** Hours a week (education and care) of the offer in force on the day asked; null: none. */
  offerHours: number | null;
  /** The responsible people and those the escalation ladder added. */
  involvedUserIds: string[];
};

const studentName = sql.raw("concat_ws(' ', s.given_name, nullif(s.family_name_prefix, ''), s.family_name)");

/** The cases of an SWV (or one), with the offer in force on `on`. */
export async function caseRecords(
  db: Queryable,
  swvId: string,
  on: string,
  where: SQL = sql`true`,
): Promise<CaseRecord[]> {
  return queryRows<CaseRecord>(
    db,
    sql`select c.id, c.swv_id as "swvId", c.student_id as "studentId", c.kind,
          c.exemption_article as "exemptionArticle", c.started_on::text as "startedOn",
          c.ended_on::text as "endedOn", c.ending, c.end_note as "endNote", c.reason, c.municipality,
          c.attendance_officer_user_id as "attendanceOfficerUserId", c.consultant_user_id as "consultantUserId",
          case when s.id is null then concat_ws(' ', c.child_given_name, c.child_family_name)
            else ${studentName} end as "childName",
          coalesce(s.given_name, c.child_given_name) as "firstName",
          coalesce(s.birth_date, c.child_birth_date)::text as "birthDate",
          s.school_id as "schoolId", sc.name as "schoolName", sc.wijk,
          (select (o.education_hours + o.care_hours)::int from absence_offer o
            where o.swv_id = c.swv_id and o.case_id = c.id and o.from_on <= ${on}::date
            order by o.from_on desc, o.recorded_at desc limit 1) as "offerHours",
          array_remove(array_cat(array[c.attendance_officer_user_id, c.consultant_user_id],
            coalesce((select array_agg(u) from absence_event e, unnest(e.user_ids) u
                       where e.swv_id = c.swv_id and e.case_id = c.id and e.kind = 'escalated'),
                     '{}'::uuid[])), null)::text[] as "involvedUserIds"
        from absence_case c
        left join student s on s.swv_id = c.swv_id and s.id = c.student_id
        left join school sc on sc.swv_id = s.swv_id and sc.id = s.school_id
        where c.swv_id = ${swvId} and ${where}
        order by c.started_on, c.id`,
  );
}

/** One case by id, in whatever SWV (the policy answers 404 for another's). */
export async function findCase(db: Queryable, caseId: string, on: string): Promise<CaseRecord | null> {
  const [row] = await queryRows<{ swvId: string }>(
    db,
    sql`select swv_id as "swvId" from absence_case where id = ${caseId}`,
  );
  if (!row) return null;
  return (await caseRecords(db, row.swvId, on, sql`c.id = ${caseId}`))[0] ?? null;
}

export type WatchRecord = {
  id: string;
  swvId: string;
  studentId: string;
  schoolId: string;
  schoolName: string;
  municipality: string;
  kind: 'absence_report' | 'worry';
  absentSince: string;
  reportedOn: string;
  note: string;
  state: 'open' | 'converted' | 'closed';
  caseId: string | null;
  childName: string;
  firstName: string;
  birthDate: string;
};

export async function watchRecords(db: Queryable, swvId: string, where: SQL = sql`true`) {
  return queryRows<WatchRecord>(
    db,
    sql`select w.id, w.swv_id as "swvId", w.student_id as "studentId", w.school_id as "schoolId",
          sc.name as "schoolName", w.municipality, w.kind, w.absent_since::text as "absentSince",
          w.reported_on::text as "reportedOn", w.note, w.state, w.case_id as "caseId",
          ${studentName} as "childName", s.given_name as "firstName", s.birth_date::text as "birthDate"
        from absence_watch w
        join student s on s.swv_id = w.swv_id and s.id = w.student_id
        join school sc on sc.swv_id = w.swv_id and sc.id = w.school_id
        where w.swv_id = ${swvId} and ${where}
        order by w.absent_since, w.id`,
  );
}

export async function findWatch(db: Queryable, watchId: string): Promise<WatchRecord | null> {
  const [row] = await queryRows<{ swvId: string }>(
    db,
    sql`select swv_id as "swvId" from absence_watch where id = ${watchId}`,
  );
  if (!row) return null;
  return (await watchRecords(db, row.swvId, sql`w.id = ${watchId}`))[0] ?? null;
}

type Person = { id: string; name: string };

/** The SWV's attendance officers (partners of a leerplicht organisation), optionally of one municipality. */
export async function attendanceOfficers(db: Queryable, swvId: string, municipality?: string) {
  return queryRows<Person>(
    db,
    sql`select distinct u.id, u.display_name as name
        from membership m join partner_organisation po on po.swv_id = m.swv_id and po.id = m.partner_organisation_id
        join app_user u on u.id = m.user_id
        where m.swv_id = ${swvId} and m.role = 'partner' and po.kind = 'leerplicht' and u.disabled_at is null
          and ${municipality === undefined ? sql`true` : sql`po.municipality = ${municipality}`}
        order by name`,
  );
}

/** The SWV's users in one of the roles, active. */
export async function usersInRoles(db: Queryable, swvId: string, roles: readonly string[]) {
  return queryRows<Person>(
    db,
    sql`select distinct u.id, u.display_name as name from membership m join app_user u on u.id = m.user_id
        where m.swv_id = ${swvId} and u.disabled_at is null
          and m.role in (${sql.join(
            roles.map((r) => sql`${r}`),
            sql`, `,
          )})
        order by name`,
  );
}

/** The IB'ers of a school, active. */
export async function schoolIbs(db: Queryable, swvId: string, schoolId: string | null): Promise<string[]> {
  if (schoolId === null) return [];
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select m.user_id as id from membership m join app_user u on u.id = m.user_id
        where m.swv_id = ${swvId} and m.role = 'school_ib' and m.school_id = ${schoolId} and u.disabled_at is null`,
  );
  return rows.map((row) => row.id);
}

export async function namesOf(db: Queryable, userIds: readonly string[]): Promise<Map<string, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await queryRows<Person>(
    db,
    sql`select id, display_name as name from app_user where id in (${sql.join(
      userIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`,
  );
  return new Map(rows.map((row) => [row.id, row.name]));
}
