// Use cases on the child: list and search a school's children, read, create, edit, the enrolment
// and support level history, setting the support level, and the child's access log. Each is run by
// runUseCase: one transaction with its access-log row (docs/SECURITY.md A1); the rules are in
// src/domain/childFile.ts.

import { and, asc, count, desc, eq, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type {
  AccessLogQuery,
  CreateStudentBody,
  SetSupportLevelBody,
  StudentListQuery,
  UpdateStudentBody,
} from '../../../contracts/students.ts';
import { daysPerPage, groupAccessLog, pageOfDays } from '../../../domain/accessLogView.ts';
import { amsterdamToday } from '../../../domain/calendar.ts';
import { notOnCaseTeam } from '../../../domain/caseTeam.ts';
import { effectiveOnRefusal, groupMove } from '../../../domain/childFile.ts';
import { writeHeldBack } from '../../access/accessLog.ts';
import type { Context } from '../../access/actor.ts';
import { authorizeChild, authorizeLogged } from '../../access/authorize.ts';
import { type StudentFacts, studentListScope } from '../../access/policy.ts';
import { runChildRead, runUseCase } from '../../access/useCase.ts';
import type { Tx } from '../../db/client.ts';
import {
  accessLog,
  appUser,
  enrolment,
  partnerOrganisation,
  plan,
  school,
  student,
  supportLevelChange,
  swv,
} from '../../db/schema/index.ts';
import { AppError } from '../../http/errors.ts';
import { recordSupportLevel } from './students.commands.ts';
import { studentListPermissions, studentPermissions } from './students.permissions.ts';
import {
  authorizeStudentList,
  nameMatches,
  type StudentFileRow,
  schoolOf,
  studentColumns,
  studentFileSelect,
} from './students.queries.ts';

export async function listStudents(ctx: Context, schoolId: string, query: z.infer<typeof StudentListQuery>) {
  return runUseCase(ctx, {
    authorize: (tx) => authorizeStudentList(tx, ctx, schoolId),
    work: async (tx, { swvId, name }) => {
      const filters: SQL[] = [eq(student.swvId, swvId), eq(student.schoolId, schoolId)];
      // Only the children this actor may open (a teacher: their own groups), by the same policy.
      const scope = studentListScope(ctx.actor, swvId, schoolId);
      if (!scope.allGroups) filters.push(inArray(student.groupName, [...scope.groups]));
      filters.push(...nameMatches(query.q));
      if (!query.includeLeft) filters.push(isNull(student.leftOn));
      if (query.group) filters.push(eq(student.groupName, query.group));
      if (query.supportLevel) filters.push(eq(student.supportLevel, query.supportLevel));
      if (query.hasActivePlan !== undefined) {
        filters.push(query.hasActivePlan ? isNotNull(plan.id) : isNull(plan.id));
      }
      const where = and(...filters);
      // At most one active plan per child (the plan_one_active index), so the join adds no rows.
      const activePlan = and(
        eq(plan.swvId, student.swvId),
        eq(plan.studentId, student.id),
        eq(plan.status, 'active'),
      );
      const [total] = await tx.select({ n: count() }).from(student).leftJoin(plan, activePlan).where(where);
      const rows = await tx
        .select({ ...studentColumns, activePlanId: plan.id, evaluationDueOn: plan.evaluationDueOn })
        .from(student)
        .leftJoin(plan, activePlan)
        .where(where)
        .orderBy(asc(student.familyName), asc(student.givenName), asc(student.id))
        .limit(query.limit)
        .offset(query.offset);
      const students = rows.map(({ activePlanId, evaluationDueOn, ...row }) => ({
        ...row,
        flags: { activePlan: activePlanId !== null, evaluationDueOn },
      }));
      return {
        school: { id: schoolId, name },
        onlyGroups: scope.allGroups ? null : [...scope.groups],
        total: total?.n ?? 0,
        students,
        permissions: studentListPermissions(ctx.actor, swvId, schoolId),
      };
    },
  });
}

export async function createStudent(
  ctx: Context,
  schoolId: string,
  input: z.infer<typeof CreateStudentBody>,
) {
  const id = uuidv7();
  return runUseCase(ctx, {
    authorize: async (tx) => {
      const { swvId } = await schoolOf(tx, schoolId);
      const newChild = {
        swvId,
        schoolId,
        groupName: input.groupName,
        isGuardian: false,
        caseTeam: notOnCaseTeam,
        consentedPartnerOrganisationIds: [],
      };
      await authorizeLogged(tx, ctx, {
        action: 'create',
        resource: { type: 'student', student: newChild },
        log: { swvId, studentId: id, action: 'create', objectType: 'student', objectId: id },
      });
      return swvId;
    },
    work: async (tx, swvId) => {
      const [created] = await tx
        .insert(student)
        .values({ ...input, id, swvId, schoolId })
        .returning(studentColumns);
      await tx.insert(enrolment).values({
        swvId,
        id: uuidv7(),
        studentId: id,
        schoolId,
        groupName: input.groupName,
        startedOn: amsterdamToday(ctx.now),
      });
      return created!;
    },
  });
}

/** The child's file: its facts, the policy, then the log row and the read in one statement (runChildRead). */
export async function getStudent(ctx: Context, studentId: string) {
  return runChildRead(ctx, {
    access: { action: 'read', studentId, logAction: 'read', objectType: 'student' },
    select: (facts) => studentFileSelect(facts.swvId, studentId),
    answer: (row: StudentFileRow, facts) => ({ ...row, permissions: studentPermissions(ctx.actor, facts) }),
  });
}

export async function updateStudent(
  ctx: Context,
  studentId: string,
  input: z.infer<typeof UpdateStudentBody>,
) {
  return runUseCase(ctx, {
    authorize: (tx) =>
      authorizeChild(tx, ctx, {
        action: 'update',
        studentId,
        logAction: 'update',
        objectType: 'student',
        part: Object.keys(input).sort().join(',') || null,
      }),
    work: async (tx, facts) => {
      const where = and(eq(student.swvId, facts.swvId), eq(student.id, studentId));
      if (input.groupName !== undefined && input.groupName !== facts.groupName) {
        await moveToGroup(tx, ctx, facts, studentId, input.groupName);
      }
      const [row] =
        Object.keys(input).length === 0
          ? await tx.select(studentColumns).from(student).where(where)
          : await tx.update(student).set(input).where(where).returning(studentColumns);
      return row!;
    },
  });
}

/**
 * A new group closes the open enrolment today and opens one in the new group, at the same school
 * (moves between schools are transitions). A second change on the day the enrolment opened
 * corrects that enrolment instead of leaving a period of no days behind.
 */
async function moveToGroup(
  tx: Tx,
  ctx: Context,
  { swvId, schoolId }: StudentFacts,
  studentId: string,
  groupName: string,
) {
  const today = amsterdamToday(ctx.now);
  const [open] = await tx
    .select({ id: enrolment.id, startedOn: enrolment.startedOn })
    .from(enrolment)
    .where(and(eq(enrolment.swvId, swvId), eq(enrolment.studentId, studentId), isNull(enrolment.endedOn)))
    .orderBy(desc(enrolment.startedOn))
    .limit(1);
  const move = groupMove(open, today);
  if (move === 'correct_open') {
    await tx.update(enrolment).set({ groupName }).where(eq(enrolment.id, open!.id));
    return;
  }
  if (move === 'close_and_open') {
    await tx.update(enrolment).set({ endedOn: today }).where(eq(enrolment.id, open!.id));
  }
  await tx
    .insert(enrolment)
    .values({ swvId, id: uuidv7(), studentId, schoolId, groupName, startedOn: today });
}

/** GET /api/students/:id/history: enrolments and support level changes, newest first. */
export async function getStudentHistory(ctx: Context, studentId: string) {
  return runUseCase(ctx, {
    authorize: (tx) =>
      authorizeChild(tx, ctx, {
        action: 'read',
        studentId,
        logAction: 'read',
        objectType: 'student',
        part: 'history',
      }),
    work: async (tx, facts) => {
      const enrolments = await tx
        .select({
          schoolId: enrolment.schoolId,
          schoolName: school.name,
          groupName: enrolment.groupName,
          startedOn: enrolment.startedOn,
          endedOn: enrolment.endedOn,
        })
        .from(enrolment)
        .innerJoin(school, and(eq(school.swvId, enrolment.swvId), eq(school.id, enrolment.schoolId)))
        .where(and(eq(enrolment.swvId, facts.swvId), eq(enrolment.studentId, studentId)))
        .orderBy(desc(enrolment.startedOn), desc(enrolment.id));
      const levels = await tx
        .select({
          level: supportLevelChange.level,
          previousLevel: supportLevelChange.previousLevel,
          reason: supportLevelChange.reason,
          effectiveOn: supportLevelChange.effectiveOn,
          setAt: supportLevelChange.setAt,
          setByName: appUser.displayName,
        })
        .from(supportLevelChange)
        .leftJoin(appUser, eq(appUser.id, supportLevelChange.setByUserId))
        .where(and(eq(supportLevelChange.swvId, facts.swvId), eq(supportLevelChange.studentId, studentId)))
        // In the order they were recorded: each change names the level it replaced.
        .orderBy(desc(supportLevelChange.setAt), desc(supportLevelChange.id));
      return {
        enrolments,
        supportLevels: levels.map((row) => ({ ...row, setAt: row.setAt.toISOString() })),
      };
    },
  });
}

/**
 * POST /api/students/:id/support-level. Records the change with its reason and who set it, and
 * sets the child's level, in one transaction. Setting the level the child already has is allowed:
 * it records a confirmation (e.g. after a review) with its reason. Level 4 only when the rule in
 * src/domain allows it; a refusal answers 422 and keeps the access-log row (the facts were read).
 */
export async function setSupportLevel(
  ctx: Context,
  studentId: string,
  input: z.infer<typeof SetSupportLevelBody>,
) {
  const early = effectiveOnRefusal(input.effectiveOn, amsterdamToday(ctx.now));
  if (early) throw new AppError('validation_failed', early.message, early.details);
  return runUseCase(ctx, {
    authorize: (tx) =>
      authorizeChild(tx, ctx, {
        action: 'update',
        studentId,
        logAction: 'update',
        objectType: 'support_level',
        resource: (child) => ({ type: 'support_level', student: child }),
      }),
    work: (tx, facts) => recordSupportLevel(tx, ctx, facts.swvId, studentId, input),
  });
}

/**
 * docs/SECURITY.md A3: the child's access log as the view reads it, newest first (src/domain/accessLogView.ts).
 * A page is a run of whole days in Europe/Amsterdam, so a person's reads of a day are never split
 * across pages. The viewer's own actions are left out unless asked for; reading the log is logged.
 */
export async function getStudentAccessLog(
  ctx: Context,
  studentId: string,
  query: z.output<typeof AccessLogQuery>,
) {
  return runUseCase(ctx, {
    authorize: (tx) =>
      authorizeChild(tx, ctx, {
        action: 'read',
        studentId,
        logAction: 'read',
        objectType: 'access_log',
        resource: (student) => ({ type: 'access_log', student }),
      }),
    work: async (tx, facts) => {
      // This read of the log is itself on the log it shows: its row is written now, not at COMMIT.
      await writeHeldBack(tx);
      // Day bounds as instants, so the (swv_id, student_id, at) index serves the filter.
      const startOf = (day: string) => sql`(${day}::date::timestamp at time zone 'Europe/Amsterdam')`;
      const filters: SQL[] = [eq(accessLog.swvId, facts.swvId), eq(accessLog.studentId, studentId)];
      if (query.from) filters.push(sql`${accessLog.at} >= ${startOf(query.from)}`);
      if (query.to) filters.push(sql`${accessLog.at} < ${startOf(query.to)} + interval '1 day'`);
      if (query.before) filters.push(sql`${accessLog.at} < ${startOf(query.before)}`);
      if (!query.own) filters.push(sql`${accessLog.actorUserId} is distinct from ${ctx.actor.userId}::uuid`);

      const localDay = sql<string>`((${accessLog.at} at time zone 'Europe/Amsterdam')::date)::text`;
      const days = await tx
        .select({ day: localDay, rows: count() })
        .from(accessLog)
        .where(and(...filters))
        .groupBy(localDay)
        .orderBy(desc(localDay))
        .limit(daysPerPage + 1);
      const { oldestDay, olderBefore } = pageOfDays(days);
      if (oldestDay === null) return { lines: [], olderBefore: null };

      const rows = await tx
        .select({
          // The order of appending: a row just written has no place in the chain yet.
          seq: accessLog.id,
          at: accessLog.at,
          actorUserId: accessLog.actorUserId,
          actorName: appUser.displayName,
          actorSwvId: appUser.swvId,
          actorRole: accessLog.actorRole,
          actorOrganisation: accessLog.actorOrganisation,
          action: accessLog.action,
          outcome: accessLog.outcome,
          objectType: accessLog.objectType,
          part: accessLog.part,
          breakGlass: accessLog.breakGlass,
        })
        .from(accessLog)
        .leftJoin(appUser, eq(appUser.id, accessLog.actorUserId))
        .where(and(...filters, sql`${accessLog.at} >= ${startOf(oldestDay)}`));
      // Someone of another SWV (refused, since a child is only ever in one SWV) is named neither by
      // person nor by organisation: this SWV's users learn nothing about another SWV's accounts.
      const isForeign = (row: (typeof rows)[number]) =>
        row.actorSwvId !== null && row.actorSwvId !== facts.swvId;
      const foreignActors = new Set(rows.filter(isForeign).map((row) => row.actorUserId));
      const actorNames = new Map(rows.map((row) => [row.actorUserId, isForeign(row) ? null : row.actorName]));
      const lines = groupAccessLog(rows);
      const organisations = await organisationNames(
        tx,
        facts.swvId,
        lines.map((line) => line.actorOrganisation),
      );
      return {
        lines: lines.map(({ actorUserId, actorOrganisation, firstAt, lastAt, ...line }) => ({
          ...line,
          firstAt: firstAt.toISOString(),
          lastAt: lastAt.toISOString(),
          actorName: actorNames.get(actorUserId) ?? null,
          organisation: foreignActors.has(actorUserId) ? 'other_swv' : actorOrganisation,
          organisationName: foreignActors.has(actorUserId)
            ? null
            : (organisations.get(actorOrganisation) ?? null),
          isOwn: actorUserId === ctx.actor.userId,
        })),
        olderBefore,
      };
    },
  });
}

/** The names behind "school:<id>", "partner:<id>" and "swv:<id>": one query per kind, in the SWV. */
export async function organisationNames(
  tx: Tx,
  swvId: string,
  organisations: string[],
): Promise<Map<string, string>> {
  const idsOf = (kind: string) => [
    ...new Set(organisations.filter((o) => o.startsWith(`${kind}:`)).map((o) => o.slice(kind.length + 1))),
  ];
  const names = new Map<string, string>();
  const schoolIds = idsOf('school');
  if (schoolIds.length > 0) {
    const rows = await tx
      .select({ id: school.id, name: school.name })
      .from(school)
      .where(and(eq(school.swvId, swvId), inArray(school.id, schoolIds)));
    for (const row of rows) names.set(`school:${row.id}`, row.name);
  }
  const partnerIds = idsOf('partner');
  if (partnerIds.length > 0) {
    const rows = await tx
      .select({ id: partnerOrganisation.id, name: partnerOrganisation.name })
      .from(partnerOrganisation)
      .where(and(eq(partnerOrganisation.swvId, swvId), inArray(partnerOrganisation.id, partnerIds)));
    for (const row of rows) names.set(`partner:${row.id}`, row.name);
  }
  if (idsOf('swv').includes(swvId)) {
    const [row] = await tx.select({ name: swv.name }).from(swv).where(eq(swv.id, swvId));
    if (row) names.set(`swv:${swvId}`, row.name);
  }
  return names;
}
