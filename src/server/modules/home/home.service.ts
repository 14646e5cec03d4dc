// The home page's panels, one use case per role (DESIGN §1): "what needs me today?" from what exists
// now. Each panel acts in its own role only, so a user with several roles gets each panel as that
// role allows. Lists of children write one access-log row (action search); counts write none. Not
// responsible for the children's files themselves: the students module serves those.
import { and, asc, count, desc, eq, gte, inArray, lte, or, type SQL, sql } from 'drizzle-orm';
import { amsterdamToday } from '../../../domain/calendar.ts';
import type { SchoolKind } from '../../../domain/organisation.ts';
import { evaluationDueCutoff } from '../../../domain/plans.ts';
import type { Role } from '../../../domain/roles.ts';
import { suppressSmallCells } from '../../../domain/smallCells.ts';
import { type AccessEntry, appendAccessLog } from '../../access/accessLog.ts';
import type { Context, Membership } from '../../access/actor.ts';
import { authorize, authorizeLogged, inTransaction, originOf } from '../../access/authorize.ts';
import { can, organisationOf } from '../../access/policy.ts';
import { caseTeamActorOf, loadStudentFacts } from '../../access/scope.ts';
import { type Queryable, queryRows, type Tx } from '../../db/client.ts';
import {
  appUser,
  board,
  caseMember,
  partnerOrganisation,
  plan,
  school,
  student,
  studentGuardian,
  team,
} from '../../db/schema/index.ts';
import { forbidden, notFound } from '../../http/errors.ts';

const supportLevels = [1, 2, 3, 4] as const;

/** The longest list a panel shows; a school of 1,000 pupils has about 85 at level 3 and 4. */
const panelLimit = 500;

const childColumns = {
  id: student.id,
  givenName: student.givenName,
  familyNamePrefix: student.familyNamePrefix,
  familyName: student.familyName,
  groupName: student.groupName,
  supportLevel: student.supportLevel,
};

/** The active plans among these children whose evaluation is due or overdue, oldest date first. */
async function plansDue(db: Queryable, ctx: Context, swvId: string, children: SQL) {
  return db
    .select({
      planId: plan.id,
      version: plan.version,
      evaluationDueOn: plan.evaluationDueOn,
      hasDevelopmentPerspective: plan.hasDevelopmentPerspective,
      studentId: student.id,
      givenName: student.givenName,
      familyNamePrefix: student.familyNamePrefix,
      familyName: student.familyName,
      groupName: student.groupName,
      schoolName: school.name,
    })
    .from(plan)
    .innerJoin(student, and(eq(student.swvId, plan.swvId), eq(student.id, plan.studentId)))
    .innerJoin(school, and(eq(school.swvId, student.swvId), eq(school.id, student.schoolId)))
    .where(
      and(
        eq(plan.swvId, swvId),
        eq(plan.status, 'active'),
        lte(plan.evaluationDueOn, evaluationDueCutoff(amsterdamToday(ctx.now))),
        children,
      ),
    )
    .orderBy(asc(plan.evaluationDueOn), asc(student.familyName), asc(student.givenName), asc(plan.id))
    .limit(panelLimit);
}

/** The actor in the given roles only: a panel belongs to a role, not to all the user may do. */
function actingAs(ctx: Context, roles: readonly Role[]): Context {
  const memberships = ctx.actor.memberships.filter((m) => roles.includes(m.role));
  return { ...ctx, actor: { ...ctx.actor, memberships } };
}

function ownSwv(ctx: Context): string {
  if (!ctx.actor.swvId) throw forbidden();
  return ctx.actor.swvId;
}

/** The school and its SWV. Another SWV's school goes on to the policy, which logs and answers 404. */
async function schoolOf(tx: Tx, schoolId: string): Promise<{ swvId: string; id: string; name: string }> {
  const [found] = await tx
    .select({ swvId: school.swvId, id: school.id, name: school.name })
    .from(school)
    .where(eq(school.id, schoolId));
  if (!found) throw notFound();
  return found;
}

// --- IB'er and director ----------------------------------------------------------------------

export async function getSchoolSupportLevels(ctx: Context, schoolId: string) {
  const asStaff = actingAs(ctx, ['school_ib', 'school_director']);
  return inTransaction(asStaff, async (tx) => {
    const found = await schoolOf(tx, schoolId);
    const swvId = found.swvId;
    await authorizeLogged(tx, asStaff, {
      action: 'read',
      resource: { type: 'student_list', swvId, schoolId },
      log: {
        swvId,
        studentId: null,
        action: 'search',
        objectType: 'student_list',
        objectId: schoolId,
        part: 'home:support_levels',
      },
    });
    const inSchool = and(eq(student.swvId, swvId), eq(student.schoolId, schoolId));
    const perLevel = await tx
      .select({ level: student.supportLevel, count: count() })
      .from(student)
      .where(inSchool)
      .groupBy(student.supportLevel);
    const children = await tx
      .select(childColumns)
      .from(student)
      .where(and(inSchool, gte(student.supportLevel, 3)))
      .orderBy(desc(student.supportLevel), asc(student.familyName), asc(student.givenName), asc(student.id))
      .limit(panelLimit);
    return {
      school: { id: found.id, name: found.name },
      levels: supportLevels.map((level) => ({
        level,
        count: perLevel.find((row) => row.level === level)?.count ?? 0,
      })),
      children,
      evaluationsDue: await plansDue(tx, ctx, swvId, eq(student.schoolId, schoolId)),
    };
  });
}

// --- teacher ---------------------------------------------------------------------------------

export async function getOwnGroups(ctx: Context, schoolId: string) {
  const asTeacher = actingAs(ctx, ['teacher']);
  return inTransaction(asTeacher, async (tx) => {
    const found = await schoolOf(tx, schoolId);
    const swvId = found.swvId;
    await authorizeLogged(tx, asTeacher, {
      action: 'read',
      resource: { type: 'student_list', swvId, schoolId },
      log: {
        swvId,
        studentId: null,
        action: 'search',
        objectType: 'student_list',
        objectId: schoolId,
        part: 'home:own_groups',
      },
    });
    const groups = [
      ...new Set(asTeacher.actor.memberships.filter((m) => m.schoolId === schoolId).flatMap((m) => m.groups)),
    ].sort();
    const children =
      groups.length === 0
        ? []
        : await tx
            .select(childColumns)
            .from(student)
            .where(
              and(
                eq(student.swvId, swvId),
                eq(student.schoolId, schoolId),
                inArray(student.groupName, groups),
                gte(student.supportLevel, 2),
              ),
            )
            .orderBy(
              asc(student.groupName),
              desc(student.supportLevel),
              asc(student.familyName),
              asc(student.givenName),
              asc(student.id),
            )
            .limit(panelLimit);
    const evaluationsDue =
      groups.length === 0
        ? []
        : await plansDue(
            tx,
            ctx,
            swvId,
            and(eq(student.schoolId, schoolId), inArray(student.groupName, groups))!,
          );
    return { school: { id: found.id, name: found.name }, groups, children, evaluationsDue };
  });
}

// --- consultant ------------------------------------------------------------------------------

/** Counts per school, no child named: no access-log row. */
export async function getTeamSchools(ctx: Context) {
  const swvId = ownSwv(ctx);
  const asConsultant = actingAs(ctx, ['consultant']);
  authorize(asConsultant, 'read', { type: 'team', swvId });
  const schoolIds = ctx.actor.teamSchoolIds.filter(
    (schoolId) => can(asConsultant.actor, 'read', { type: 'student_list', swvId, schoolId }).allowed,
  );
  if (schoolIds.length === 0) return [];
  const ids = sql.join(
    schoolIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  return queryRows<{
    id: string;
    name: string;
    kind: SchoolKind;
    wijk: string;
    pupils: number;
    level3: number;
    level4: number;
  }>(
    ctx.database.db,
    sql`
    select sc.id, sc.name, sc.kind, sc.wijk,
      count(s.id)::int as pupils,
      (count(s.id) filter (where s.support_level = 3))::int as level3,
      (count(s.id) filter (where s.support_level = 4))::int as level4
    from school sc
    left join student s on s.swv_id = sc.swv_id and s.school_id = sc.id
    where sc.swv_id = ${swvId} and sc.id in (${ids})
    group by sc.id, sc.name, sc.kind, sc.wijk
    order by sc.name, sc.id`,
  );
}

/**
 * The plans in the team's schools whose evaluation is due, with one search row in the access log
 * (the list names children).
 */
export async function getTeamEvaluationsDue(ctx: Context) {
  const swvId = ownSwv(ctx);
  const asConsultant = actingAs(ctx, ['consultant']);
  return inTransaction(asConsultant, async (tx) => {
    await authorizeLogged(tx, asConsultant, {
      action: 'read',
      resource: { type: 'team', swvId },
      log: {
        swvId,
        studentId: null,
        action: 'search',
        objectType: 'student_list',
        objectId: null,
        part: 'home:evaluations_due',
      },
    });
    const schoolIds = ctx.actor.teamSchoolIds.filter(
      (schoolId) => can(asConsultant.actor, 'read', { type: 'student_list', swvId, schoolId }).allowed,
    );
    if (schoolIds.length === 0) return [];
    return plansDue(tx, ctx, swvId, inArray(student.schoolId, schoolIds));
  });
}

// --- partner and parent: the actor's own children --------------------------------------------

type OwnChildrenSearch = {
  role: 'partner' | 'parent';
  part: string;
  purpose: string;
  /** The children the actor is linked to (case member, guardian); the policy then decides each. */
  linkedIds: (tx: Tx, swvId: string, userId: string) => Promise<string[]>;
};

/**
 * The children the actor is linked to and the policy lets them read, with one search row in the
 * access log. Someone without the role gets a logged denial; the operator, who belongs to no SWV,
 * has no SWV's log to write in and is refused outright.
 */
async function searchOwnChildren(ctx: Context, search: OwnChildrenSearch) {
  const swvId = ownSwv(ctx);
  const inRole = actingAs(ctx, [search.role]);
  const membership: Membership | undefined = inRole.actor.memberships[0];
  const entry = (outcome: AccessEntry['outcome'], purpose: string): AccessEntry => ({
    swvId,
    studentId: null,
    objectType: 'student_list',
    objectId: null,
    part: search.part,
    action: 'search',
    outcome,
    purpose,
    actorRole: membership?.role ?? ctx.actor.memberships[0]?.role ?? 'none',
    actorOrganisation: membership ? organisationOf(ctx.actor, membership) : `swv:${swvId}`,
  });
  if (!membership) {
    await ctx.database.db.transaction((tx) =>
      appendAccessLog(tx, originOf(ctx), entry('denied', `no ${search.role} role`)),
    );
    throw forbidden();
  }
  return inTransaction(ctx, async (tx) => {
    const linked = await search.linkedIds(tx, swvId, ctx.actor.userId);
    const facts = await loadStudentFacts(tx, inRole.actor, linked, ctx.now);
    const allowed = [...facts].flatMap(([id, student]) =>
      can(inRole.actor, 'read', { type: 'student', student }).allowed ? [id] : [],
    );
    await appendAccessLog(tx, originOf(ctx), entry('allowed', search.purpose));
    const children = await childrenAtSchool(tx, swvId, allowed);
    const refused = [...facts].flatMap(([id, student]) => (allowed.includes(id) ? [] : [student]));
    return { children, refused };
  });
}

async function childrenAtSchool(db: Queryable, swvId: string, ids: readonly string[]) {
  if (ids.length === 0) return [];
  return db
    .select({
      id: student.id,
      givenName: student.givenName,
      familyNamePrefix: student.familyNamePrefix,
      familyName: student.familyName,
      schoolName: school.name,
      groupName: student.groupName,
    })
    .from(student)
    .innerJoin(school, and(eq(school.swvId, student.swvId), eq(school.id, student.schoolId)))
    .where(and(eq(student.swvId, swvId), inArray(student.id, [...ids])))
    .orderBy(asc(student.familyName), asc(student.givenName), asc(student.id))
    .limit(panelLimit);
}

/**
 * The cases the partner is on today, in person or through their organisation; only those the
 * parents consented to share are named, the others are counted.
 */
export async function getPartnerCases(ctx: Context) {
  const { partnerOrganisationIds } = caseTeamActorOf(ctx.actor);
  const { children, refused } = await searchOwnChildren(ctx, {
    role: 'partner',
    part: 'home:cases',
    purpose: 'case member: only cases with the parents’ consent are shown',
    linkedIds: async (tx, swvId, userId) =>
      (
        await tx
          .selectDistinct({ id: caseMember.studentId })
          .from(caseMember)
          .where(
            and(
              eq(caseMember.swvId, swvId),
              or(
                eq(caseMember.userId, userId),
                inArray(caseMember.partnerOrganisationId, partnerOrganisationIds),
              ),
            ),
          )
      ).map((row) => row.id),
  });
  // A membership that ended or has not begun is no case of theirs: only those on the team wait.
  return { children, awaitingConsent: refused.filter((student) => student.isCaseMember).length };
}

export async function getParentChildren(ctx: Context) {
  const { children } = await searchOwnChildren(ctx, {
    role: 'parent',
    part: 'home:children',
    purpose: 'parent of the children',
    linkedIds: async (tx, swvId, userId) =>
      (
        await tx
          .select({ id: studentGuardian.studentId })
          .from(studentGuardian)
          .where(and(eq(studentGuardian.swvId, swvId), eq(studentGuardian.userId, userId)))
      ).map((row) => row.id),
  });
  return children;
}

// --- policy staff ----------------------------------------------------------------------------

/** Aggregates only, small cells suppressed (DESIGN §1 policy, §6): never a child, no log row. */
export async function getSwvFigures(ctx: Context) {
  const swvId = ownSwv(ctx);
  authorize(actingAs(ctx, ['policy']), 'read', { type: 'swv', swvId });
  const db = ctx.database.db;
  const schoolsByKind = await db
    .select({ kind: school.kind, count: count() })
    .from(school)
    .where(eq(school.swvId, swvId))
    .groupBy(school.kind)
    .orderBy(asc(school.kind));
  const pupils = await queryRows<{ kind: string; level: number; count: number }>(
    db,
    sql`
    select sc.kind, s.support_level as level, count(*)::int as count
    from student s join school sc on sc.swv_id = s.swv_id and sc.id = s.school_id
    where s.swv_id = ${swvId}
    group by sc.kind, s.support_level`,
  );
  const sum = (match: (row: { kind: string; level: number }) => boolean) =>
    pupils.filter(match).reduce((total, row) => total + row.count, 0);
  const levels = suppressSmallCells(supportLevels.map((level) => sum((row) => row.level === level)));
  const special = suppressSmallCells([
    sum((row) => row.kind !== 'sbo' && row.kind !== 'so'),
    sum((row) => row.kind === 'sbo'),
    sum((row) => row.kind === 'so'),
  ]);
  return {
    schoolsByKind,
    pupils: levels.total,
    levels: supportLevels.map((level, index) => ({ level, ...levels.cells[index]! })),
    special: { sbo: special.cells[1]!, so: special.cells[2]! },
  };
}

// --- SWV administrator -----------------------------------------------------------------------

export async function getOrganisationCounts(ctx: Context) {
  const swvId = ownSwv(ctx);
  authorize(actingAs(ctx, ['swv_admin']), 'manage', { type: 'swv', swvId });
  const db = ctx.database.db;
  const [schools] = await db.select({ n: count() }).from(school).where(eq(school.swvId, swvId));
  const [boards] = await db.select({ n: count() }).from(board).where(eq(board.swvId, swvId));
  const [teams] = await db.select({ n: count() }).from(team).where(eq(team.swvId, swvId));
  const [partners] = await db
    .select({ n: count() })
    .from(partnerOrganisation)
    .where(eq(partnerOrganisation.swvId, swvId));
  const [users] = await db.select({ n: count() }).from(appUser).where(eq(appUser.swvId, swvId));
  return {
    schools: schools?.n ?? 0,
    boards: boards?.n ?? 0,
    teams: teams?.n ?? 0,
    partnerOrganisations: partners?.n ?? 0,
    users: users?.n ?? 0,
  };
}
