// The SQL of break-glass windows: the module's own table (break_glass_window), read with the SWV's
// and the operator's names and a count of the access-log rows made under each window.
import { and, eq, isNull, type SQL, sql } from 'drizzle-orm';
import { type Queryable, queryRows } from '../../db/client.ts';
import { breakGlassWindow, student } from '../../db/schema/index.ts';

export type WindowRow = {
  id: string;
  swvId: string;
  swvName: string;
  studentId: string;
  operatorUserId: string;
  operatorName: string;
  reason: string;
  openedAt: Date;
  closesAt: Date;
  closedAt: Date | null;
  reads: number;
};

/** Whether the child is in the SWV (another SWV's child is as unknown as a missing one). */
export async function childExists(db: Queryable, swvId: string, studentId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: student.id })
    .from(student)
    .where(and(eq(student.swvId, swvId), eq(student.id, studentId)));
  return row !== undefined;
}

/** The operator's windows on the child not closed by hand (open or expired). */
export async function unclosedWindows(
  db: Queryable,
  swvId: string,
  studentId: string,
  operatorUserId: string,
) {
  return db
    .select({
      openedAt: breakGlassWindow.openedAt,
      closesAt: breakGlassWindow.closesAt,
      closedAt: breakGlassWindow.closedAt,
    })
    .from(breakGlassWindow)
    .where(
      and(
        eq(breakGlassWindow.swvId, swvId),
        eq(breakGlassWindow.studentId, studentId),
        eq(breakGlassWindow.operatorUserId, operatorUserId),
        isNull(breakGlassWindow.closedAt),
      ),
    );
}

/** The windows that `where` selects (over `w`), newest first, with names and counts. */
async function windows(db: Queryable, where: SQL, limit: number): Promise<WindowRow[]> {
  const rows = await queryRows<
    Omit<WindowRow, 'openedAt' | 'closesAt' | 'closedAt'> & {
      openedAt: string;
      closesAt: string;
      closedAt: string | null;
    }
  >(
    db,
    sql`select w.id, w.swv_id as "swvId", s.name as "swvName", w.student_id as "studentId",
          w.operator_user_id as "operatorUserId", u.display_name as "operatorName", w.reason,
          w.opened_at as "openedAt", w.closes_at as "closesAt", w.closed_at as "closedAt",
          (select count(*)::int from access_log l
            where l.swv_id = w.swv_id and l.student_id = w.student_id
              and l.actor_user_id = w.operator_user_id and l.break_glass
              and l.object_type <> 'break_glass'
              and l.at >= w.opened_at and l.at <= coalesce(w.closed_at, w.closes_at)) as reads
        from break_glass_window w
        join swv s on s.id = w.swv_id
        join app_user u on u.id = w.operator_user_id
       where ${where}
       order by w.opened_at desc, w.id desc
       limit ${limit}`,
  );
  return rows.map((row) => ({
    ...row,
    openedAt: new Date(row.openedAt),
    closesAt: new Date(row.closesAt),
    closedAt: row.closedAt === null ? null : new Date(row.closedAt),
  }));
}

export const windowById = async (db: Queryable, id: string) =>
  (await windows(db, sql`w.id = ${id}::uuid`, 1))[0] ?? null;

export const windowsOfOperator = (db: Queryable, operatorUserId: string, limit: number) =>
  windows(db, sql`w.operator_user_id = ${operatorUserId}::uuid`, limit);

export const windowsOfSwv = (db: Queryable, swvId: string, limit: number) =>
  windows(db, sql`w.swv_id = ${swvId}::uuid`, limit);
