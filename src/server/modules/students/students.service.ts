// Use cases on the child: list and search a school's children, read, create, edit, and read the
// child's access log. Each runs in one transaction with its access-log row (TRUST A1).
import { and, asc, count, desc, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type {
  AccessLogQuery,
  CreateStudentBody,
  StudentListQuery,
  UpdateStudentBody,
} from '../../../contracts/students.ts';
import type { Context } from '../../access/actor.ts';
import { authorizeChild, authorizeLogged, inTransaction } from '../../access/authorize.ts';
import type { Tx } from '../../db/client.ts';
import { accessLog, appUser, school, student } from '../../db/schema/index.ts';
import { notFound } from '../../http/errors.ts';

const studentColumns = {
  id: student.id,
  schoolId: student.schoolId,
  schoolName: sql<string>`(select ${school.name} from ${school} where ${school.id} = ${student.schoolId})`,
  givenName: student.givenName,
  familyNamePrefix: student.familyNamePrefix,
  familyName: student.familyName,
  birthDate: student.birthDate,
  schoolKey: student.schoolKey,
  groupName: student.groupName,
  supportLevel: student.supportLevel,
};

/** Escapes LIKE wildcards so a search for "50%" finds "50%". */
function likePattern(term: string): string {
  return `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** The school's SWV and name. A school of another SWV goes on to the policy, which logs the attempt and answers 404. */
async function schoolOf(tx: Tx, schoolId: string): Promise<{ swvId: string; name: string }> {
  const [found] = await tx
    .select({ swvId: school.swvId, name: school.name })
    .from(school)
    .where(eq(school.id, schoolId));
  if (!found) throw notFound('School');
  return found;
}

export async function listStudents(ctx: Context, schoolId: string, query: z.infer<typeof StudentListQuery>) {
  return inTransaction(ctx, async (tx) => {
    const { swvId, name } = await schoolOf(tx, schoolId);
    await authorizeLogged(tx, ctx, {
      action: 'read',
      resource: { type: 'student_list', swvId, schoolId },
      log: { swvId, studentId: null, action: 'search', objectType: 'student_list', objectId: schoolId },
    });
    const filters: SQL[] = [eq(student.swvId, swvId), eq(student.schoolId, schoolId)];
    if (query.q) {
      const pattern = likePattern(query.q);
      filters.push(or(ilike(student.givenName, pattern), ilike(student.familyName, pattern))!);
    }
    if (query.group) filters.push(eq(student.groupName, query.group));
    if (query.supportLevel) filters.push(eq(student.supportLevel, query.supportLevel));
    const where = and(...filters);
    const [total] = await tx.select({ n: count() }).from(student).where(where);
    const students = await tx
      .select(studentColumns)
      .from(student)
      .where(where)
      .orderBy(asc(student.familyName), asc(student.givenName), asc(student.id))
      .limit(query.limit)
      .offset(query.offset);
    return { school: { id: schoolId, name }, total: total?.n ?? 0, students };
  });
}

export async function createStudent(
  ctx: Context,
  schoolId: string,
  input: z.infer<typeof CreateStudentBody>,
) {
  return inTransaction(ctx, async (tx) => {
    const { swvId } = await schoolOf(tx, schoolId);
    const id = uuidv7();
    const newChild = {
      swvId,
      schoolId,
      groupName: input.groupName,
      isGuardian: false,
      isCaseMember: false,
      consentedPartnerOrganisationIds: [],
    };
    await authorizeLogged(tx, ctx, {
      action: 'create',
      resource: { type: 'student', student: newChild },
      log: { swvId, studentId: id, action: 'create', objectType: 'student', objectId: id },
    });
    const [created] = await tx
      .insert(student)
      .values({ ...input, id, swvId, schoolId })
      .returning(studentColumns);
    return created!;
  });
}

export async function getStudent(ctx: Context, studentId: string) {
  return inTransaction(ctx, async (tx) => {
    await authorizeChild(tx, ctx, { action: 'read', studentId, logAction: 'read', objectType: 'student' });
    const [row] = await tx.select(studentColumns).from(student).where(eq(student.id, studentId));
    return row!;
  });
}

export async function updateStudent(
  ctx: Context,
  studentId: string,
  input: z.infer<typeof UpdateStudentBody>,
) {
  return inTransaction(ctx, async (tx) => {
    const facts = await authorizeChild(tx, ctx, {
      action: 'update',
      studentId,
      logAction: 'update',
      objectType: 'student',
      part: Object.keys(input).sort().join(',') || null,
    });
    const where = and(eq(student.swvId, facts.swvId), eq(student.id, studentId));
    const [row] =
      Object.keys(input).length === 0
        ? await tx.select(studentColumns).from(student).where(where)
        : await tx.update(student).set(input).where(where).returning(studentColumns);
    return row!;
  });
}

/** TRUST A3: the child's access log, newest first, by Amsterdam date; reading it is logged too. */
export async function getStudentAccessLog(
  ctx: Context,
  studentId: string,
  query: z.infer<typeof AccessLogQuery>,
) {
  return inTransaction(ctx, async (tx) => {
    const facts = await authorizeChild(tx, ctx, {
      action: 'read',
      studentId,
      logAction: 'read',
      objectType: 'access_log',
      resource: (student) => ({ type: 'access_log', student }),
    });
    const localDate = sql`(${accessLog.at} at time zone 'Europe/Amsterdam')::date`;
    const filters: SQL[] = [eq(accessLog.swvId, facts.swvId), eq(accessLog.studentId, studentId)];
    if (query.from) filters.push(sql`${localDate} >= ${query.from}::date`);
    if (query.to) filters.push(sql`${localDate} <= ${query.to}::date`);
    const rows = await tx
      .select({
        at: accessLog.at,
        actorName: appUser.displayName,
        actorRole: accessLog.actorRole,
        organisation: accessLog.actorOrganisation,
        action: accessLog.action,
        objectType: accessLog.objectType,
        part: accessLog.part,
        outcome: accessLog.outcome,
        purpose: accessLog.purpose,
      })
      .from(accessLog)
      .leftJoin(appUser, eq(appUser.id, accessLog.actorUserId))
      .where(and(...filters))
      .orderBy(desc(accessLog.seq))
      .limit(query.limit);
    return rows.map((row) => ({ ...row, at: row.at.toISOString() }));
  });
}
