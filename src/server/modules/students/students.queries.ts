// What other modules may ask of a school's children: the school itself, and reading its list of
// children authorized and logged as one search (the students list and the home panels alike).
import { eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import type { Context } from '../../access/actor.ts';
import { authorizeLogged } from '../../access/authorize.ts';
import type { Tx } from '../../db/client.ts';
import { school, student } from '../../db/schema/index.ts';
import { notFound } from '../../http/errors.ts';

/** The school and its SWV. Another SWV's school goes on to the policy, which logs the attempt and answers 404. */
export async function schoolOf(
  tx: Tx,
  schoolId: string,
): Promise<{ swvId: string; id: string; name: string }> {
  const [found] = await tx
    .select({ swvId: school.swvId, id: school.id, name: school.name })
    .from(school)
    .where(eq(school.id, schoolId));
  if (!found) throw notFound();
  return found;
}

/** Authorizes reading a school's children and logs it as one search (`part` names the panel); answers the school. */
export async function authorizeStudentList(
  tx: Tx,
  ctx: Context,
  schoolId: string,
  part: string | null = null,
) {
  const found = await schoolOf(tx, schoolId);
  await authorizeLogged(tx, ctx, {
    action: 'read',
    resource: { type: 'student_list', swvId: found.swvId, schoolId },
    log: {
      swvId: found.swvId,
      studentId: null,
      action: 'search',
      objectType: 'student_list',
      objectId: schoolId,
      part,
    },
  });
  return found;
}

/** The words of a search box. */
export const wordsOf = (q: string | undefined): string[] => (q ?? '').split(/\s+/).filter(Boolean);

/** Escapes LIKE wildcards so a search for "50%" finds "50%". */
export const likePattern = (term: string): string => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** Every word is in one of the child's names, so "sanne de vries" and "vries" both find Sanne de Vries. */
export function nameMatches(q: string | undefined): SQL[] {
  return wordsOf(q).map((word) => {
    const pattern = likePattern(word);
    return or(
      ilike(student.givenName, pattern),
      ilike(student.familyNamePrefix, pattern),
      ilike(student.familyName, pattern),
    )!;
  });
}

/** The child as the file and the lists show it. */
export const studentColumns = {
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
  leftOn: student.leftOn,
};

/** studentColumns as one raw SELECT of one child, for a read in one statement with its log row (runChildRead). */
export function studentFileSelect(swvId: string, studentId: string): SQL {
  return sql`select s.id, s.school_id as "schoolId",
      (select sc.name from school sc where sc.id = s.school_id) as "schoolName",
      s.given_name as "givenName", s.family_name_prefix as "familyNamePrefix", s.family_name as "familyName",
      s.birth_date as "birthDate", s.school_key as "schoolKey", s.group_name as "groupName",
      s.support_level as "supportLevel", s.left_on as "leftOn"
    from student s where s.swv_id = ${swvId}::uuid and s.id = ${studentId}::uuid`;
}

/** A row of studentFileSelect. */
export type StudentFileRow = {
  id: string;
  schoolId: string;
  schoolName: string;
  givenName: string;
  familyNamePrefix: string;
  familyName: string;
  birthDate: string;
  schoolKey: string | null;
  groupName: string;
  supportLevel: number;
  leftOn: string | null;
};
