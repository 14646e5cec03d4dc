// The SQL of retention (docs/decisions/0045): the facts the domain's rules need per child who left,
// the ended absence cases of children without a file, and — for the dry run — how many rows of
// each table the deletion would remove. Always scoped by swv_id. Reads only: the deletion goes
// through the owning modules' commands (retention.service.ts).
import { sql } from 'drizzle-orm';
import { openObjectionStates } from '../../../domain/objections.ts';
import type { ChildRetentionFacts, RetentionKind } from '../../../domain/retention.ts';
import { type Queryable, queryRows } from '../../db/client.ts';

/** A Postgres array literal of ids (UUIDs: nothing to quote), passed as one parameter. */
const idArray = (ids: readonly string[]) => sql`${`{${ids.join(',')}}`}::uuid[]`;

export async function retentionSettingRows(
  db: Queryable,
  swvId: string,
): Promise<{ kind: RetentionKind; years: number; setAt: Date }[]> {
  return queryRows(
    db,
    sql`select kind, years, set_at as "setAt" from retention_setting where swv_id = ${swvId}`,
  );
}

export type ChildCandidate = ChildRetentionFacts & { studentId: string };

/**
 * The facts of the children who left (left_on set), or of the given ones only. A request is
 * finished when closed, withdrawn or rejected with no objection running; its last day is the latest
 * of its decision, the end of the decided period and its last change.
 */
export async function childCandidates(
  db: Queryable,
  swvId: string,
  onlyStudentIds?: readonly string[],
): Promise<ChildCandidate[]> {
  const openObjections = `{${openObjectionStates.join(',')}}`;
  const rows = await queryRows<{
    studentId: string;
    leftOn: string | null;
    requests: { finished: boolean; lastOn: string }[];
    absenceCasesEndedOn: (string | null)[];
    hasOpenAbsenceWatch: boolean;
  }>(
    db,
    sql`select s.id as "studentId", s.left_on::text as "leftOn",
          coalesce((select json_agg(json_build_object(
              'finished', (r.state in ('closed', 'withdrawn') or (r.state = 'decided' and r.outcome = 'rejected'))
                and not exists (select 1 from objection o where o.swv_id = r.swv_id and o.request_id = r.id
                                  and o.state = any(${openObjections}::text[])),
              'lastOn', greatest(r.decided_on, r.period_until, (r.updated_at at time zone 'Europe/Amsterdam')::date)::text))
            from support_request r where r.swv_id = s.swv_id and r.student_id = s.id), '[]'::json) as requests,
          coalesce((select json_agg(a.ended_on::text) from absence_case a
            where a.swv_id = s.swv_id and a.student_id = s.id), '[]'::json) as "absenceCasesEndedOn",
          exists (select 1 from absence_watch w where w.swv_id = s.swv_id and w.student_id = s.id
                    and w.state = 'open') as "hasOpenAbsenceWatch"
        from student s
        where s.swv_id = ${swvId}
          and ${onlyStudentIds ? sql`s.id = any(${idArray(onlyStudentIds)})` : sql`s.left_on is not null`}
        order by s.id`,
  );
  return rows;
}

/** Ended absence cases of children without a file (names on the case), or the given ones only. */
export async function absenceCasesWithoutFile(
  db: Queryable,
  swvId: string,
  onlyCaseIds?: readonly string[],
): Promise<{ caseId: string; endedOn: string | null }[]> {
  return queryRows(
    db,
    sql`select id as "caseId", ended_on::text as "endedOn" from absence_case
        where swv_id = ${swvId} and student_id is null
          ${onlyCaseIds ? sql`and id = any(${idArray(onlyCaseIds)})` : sql``}
        order by id`,
  );
}

/**
 * The ids of a child's records that notifications may name as their subject (and e-mails link to):
 * the child, its requests, plans, consents, objections, survey invitations, transitions, absence
 * cases and reports, and waiting entries.
 */
export async function subjectIdsOfChild(db: Queryable, swvId: string, studentId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`select ${studentId}::uuid as id
        union all select id from support_request where swv_id = ${swvId} and student_id = ${studentId}
        union all select p.id from plan p where p.swv_id = ${swvId} and p.student_id = ${studentId}
        union all select id from consent where swv_id = ${swvId} and student_id = ${studentId}
        union all select o.id from objection o join support_request r on r.swv_id = o.swv_id and r.id = o.request_id
          where r.swv_id = ${swvId} and r.student_id = ${studentId}
        union all select i.id from survey_invitation i join support_request r on r.swv_id = i.swv_id and r.id = i.request_id
          where r.swv_id = ${swvId} and r.student_id = ${studentId}
        union all select id from transition where swv_id = ${swvId} and student_id = ${studentId}
        union all select id from absence_case where swv_id = ${swvId} and student_id = ${studentId}
        union all select id from absence_watch where swv_id = ${swvId} and student_id = ${studentId}
        union all select id from waiting_entry where swv_id = ${swvId} and student_id = ${studentId}`,
  );
  return rows.map((row) => row.id);
}

/**
 * The tables a child's file has rows in, and how each finds them from the child: the dry run's
 * counts. The deletion removes the same rows through the student row's cascades and the
 * notifications module (students.commands.ts, notifications.commands.ts); the retention test
 * checks that every table of the processing register is either here or holds no child's id.
 */
const childTables: readonly (readonly [table: string, where: string])[] = [
  ['student', 'x.id = any($ids)'],
  ['student_guardian', 'x.student_id = any($ids)'],
  ['case_member', 'x.student_id = any($ids)'],
  ['consent', 'x.student_id = any($ids)'],
  ['enrolment', 'x.student_id = any($ids)'],
  ['support_level_change', 'x.student_id = any($ids)'],
  ['plan', 'x.student_id = any($ids)'],
  ['plan_goal', 'x.plan_id in (select id from plan where swv_id = $swv and student_id = any($ids))'],
  ['plan_agreement', 'x.plan_id in (select id from plan where swv_id = $swv and student_id = any($ids))'],
  [
    'plan_parent_response',
    'x.plan_id in (select id from plan where swv_id = $swv and student_id = any($ids))',
  ],
  ['case_meeting', 'x.student_id = any($ids)'],
  [
    'case_meeting_action',
    'x.meeting_id in (select id from case_meeting where swv_id = $swv and student_id = any($ids))',
  ],
  ['document', 'x.student_id = any($ids)'],
  [
    'document_chunk',
    'x.document_id in (select id from document where swv_id = $swv and student_id = any($ids))',
  ],
  ['oso_dossier', 'x.student_id = any($ids)'],
  ['oso_entry', 'x.student_id = any($ids)'],
  ['oso_attachment', 'x.student_id = any($ids)'],
  ['support_request', 'x.student_id = any($ids)'],
  [
    'request_event',
    'x.request_id in (select id from support_request where swv_id = $swv and student_id = any($ids))',
  ],
  [
    'request_advice',
    'x.request_id in (select id from support_request where swv_id = $swv and student_id = any($ids))',
  ],
  [
    'request_delivery',
    'x.request_id in (select id from support_request where swv_id = $swv and student_id = any($ids))',
  ],
  [
    'objection',
    'x.request_id in (select id from support_request where swv_id = $swv and student_id = any($ids))',
  ],
  [
    'objection_event',
    'x.objection_id in (select o.id from objection o join support_request r on r.swv_id = o.swv_id and r.id = o.request_id where r.swv_id = $swv and r.student_id = any($ids))',
  ],
  [
    'survey_invitation',
    'x.request_id in (select id from support_request where swv_id = $swv and student_id = any($ids))',
  ],
  ['transition', 'x.student_id = any($ids)'],
  ['waiting_entry', 'x.student_id = any($ids)'],
  ['dispute', 'x.student_id = any($ids)'],
  ['complaint', 'x.student_id = any($ids)'],
  ['absence_case', 'x.student_id = any($ids) or x.id = any($cases)'],
  [
    'absence_offer',
    'x.case_id in (select id from absence_case where swv_id = $swv and (student_id = any($ids) or id = any($cases)))',
  ],
  [
    'absence_step',
    'x.case_id in (select id from absence_case where swv_id = $swv and (student_id = any($ids) or id = any($cases)))',
  ],
  [
    'absence_event',
    'x.case_id in (select id from absence_case where swv_id = $swv and (student_id = any($ids) or id = any($cases)))',
  ],
  ['absence_watch', 'x.student_id = any($ids)'],
];

export const childTableNames: readonly string[] = childTables.map(([table]) => table);

/**
 * Rows per table that deleting these children's files and these absence cases would remove
 * (the notices and e-mails about them are counted by the caller from their subject ids).
 */
export async function rowsPerTable(
  db: Queryable,
  swvId: string,
  studentIds: readonly string[],
  caseIds: readonly string[],
): Promise<{ table: string; rows: number }[]> {
  const parts = childTables.map(([table, where]) => {
    // The table names and conditions are this file's constants; the values are parameters.
    const pieces = where.split(/(\$ids|\$cases|\$swv)/);
    const condition = sql.join(
      pieces.map((piece) =>
        piece === '$ids'
          ? idArray(studentIds)
          : piece === '$cases'
            ? idArray(caseIds)
            : piece === '$swv'
              ? sql`${swvId}`
              : sql.raw(piece),
      ),
    );
    return sql`select ${table}::text as "table", count(*)::int as rows from ${sql.raw(`"${table}"`)} x
               where x.swv_id = ${swvId} and (${condition})`;
  });
  return queryRows(db, sql.join(parts, sql` union all `));
}

/** Notices and e-mails that name one of the subjects (deleted with the child's file). */
export async function noticesAbout(
  db: Queryable,
  swvId: string,
  subjectIds: readonly string[],
): Promise<{ table: string; rows: number }[]> {
  const patterns = `{${subjectIds.map((id) => `%${id}%`).join(',')}}`;
  return queryRows(
    db,
    sql`select 'notification' as "table", count(*)::int as rows from notification
          where swv_id = ${swvId} and subject_id = any(${idArray(subjectIds)})
        union all
        select 'outbox_message', count(*)::int from outbox_message
          where swv_id = ${swvId} and body like any(${patterns}::text[])`,
  );
}
