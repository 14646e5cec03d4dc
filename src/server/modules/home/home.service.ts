// The home page's panels, one use case per role (docs/domain.md): "what needs me today?" from what exists
// now. Each panel acts in its own role only, so a user with several roles gets each panel as that
// role allows. Lists of children write one access-log row (action search); counts write none. Not
// responsible for the children's files themselves: the students module serves those.
import { and, asc, count, desc, eq, gte, inArray, lt, lte, or, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  duePlanSorts,
  ParentWaitingItem,
  ParentWaitingPanel,
  TeamEvaluationsDueQuery,
  TeamSchool,
  TeamSchoolsQuery,
  teamSchoolSorts,
} from '../../../contracts/home.ts';
import { amsterdamToday } from '../../../domain/calendar.ts';
import { isOnCaseTeam } from '../../../domain/caseTeam.ts';
import { supportLevels } from '../../../domain/childFile.ts';
import {
  isHeldPlanStage,
  type ParentFacts,
  parentWaitingItems,
  planStage,
  planStages,
} from '../../../domain/home.ts';
import { evaluationDueCutoff, versionLabel } from '../../../domain/plans.ts';
import { isSmallCell, suppressSmallCells } from '../../../domain/smallCells.ts';
import { type AccessEntry, appendAccessLog } from '../../access/accessLog.ts';
import { actingAs, ownSwv } from '../../access/acting.ts';
import type { Context, Membership } from '../../access/actor.ts';
import { authorize, authorizeLogged, inTransaction, originOf } from '../../access/authorize.ts';
import { can, organisationOf } from '../../access/policy.ts';
import { caseTeamActorOf, loadStudentFacts } from '../../access/scope.ts';
import { type Queryable, queryRows, type Tx } from '../../db/client.ts';
import {
  appUser,
  board,
  caseMeeting,
  caseMember,
  consent,
  partnerOrganisation,
  plan,
  planParentResponse,
  school,
  student,
  studentGuardian,
  team,
} from '../../db/schema/index.ts';
import { forbidden } from '../../http/errors.ts';
import { authorizeStudentList, likePattern, nameMatches, wordsOf } from '../students/students.queries.ts';

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

/** The active plans among these children whose evaluation is due within two weeks or overdue. */
function duePlanFilter(ctx: Context, swvId: string, children: SQL) {
  return and(
    eq(plan.swvId, swvId),
    eq(plan.status, 'active'),
    lte(plan.evaluationDueOn, evaluationDueCutoff(amsterdamToday(ctx.now))),
    children,
  );
}

type Window = { orderBy: SQL[]; limit: number; offset: number };

/** Those plans with their child, oldest date first unless ordered otherwise. */
async function plansDue(db: Queryable, ctx: Context, swvId: string, children: SQL, window?: Window) {
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
      schoolId: school.id,
      schoolName: school.name,
    })
    .from(plan)
    .innerJoin(student, and(eq(student.swvId, plan.swvId), eq(student.id, plan.studentId)))
    .innerJoin(school, and(eq(school.swvId, student.swvId), eq(school.id, student.schoolId)))
    .where(duePlanFilter(ctx, swvId, children))
    .orderBy(
      ...(window?.orderBy ?? [
        asc(plan.evaluationDueOn),
        asc(student.familyName),
        asc(student.givenName),
        asc(plan.id),
      ]),
    )
    .limit(window?.limit ?? panelLimit)
    .offset(window?.offset ?? 0);
}

// --- IB'er and director ----------------------------------------------------------------------

/** How many of the children in `where` are at each support level, every level named. */
async function levelCounts(tx: Tx, where: SQL | undefined) {
  const perLevel = await tx
    .select({ level: student.supportLevel, count: count() })
    .from(student)
    .where(where)
    .groupBy(student.supportLevel);
  return supportLevels.map((level) => ({
    level,
    count: perLevel.find((row) => row.level === level)?.count ?? 0,
  }));
}

export async function getSchoolSupportLevels(ctx: Context, schoolId: string) {
  const asStaff = actingAs(ctx, ['school_ib', 'school_director']);
  return inTransaction(asStaff, async (tx) => {
    const found = await authorizeStudentList(tx, asStaff, schoolId, 'home:support_levels');
    const swvId = found.swvId;
    const inSchool = and(eq(student.swvId, swvId), eq(student.schoolId, schoolId));
    const children = await tx
      .select(childColumns)
      .from(student)
      .where(and(inSchool, gte(student.supportLevel, 3)))
      .orderBy(desc(student.supportLevel), asc(student.familyName), asc(student.givenName), asc(student.id))
      .limit(panelLimit);
    return {
      school: { id: found.id, name: found.name },
      levels: await levelCounts(tx, inSchool),
      children,
      evaluationsDue: await plansDue(tx, ctx, swvId, eq(student.schoolId, schoolId)),
    };
  });
}

// --- director --------------------------------------------------------------------------------

/**
 * The director's home: the school's figures (children per level, active plans per stage), the
 * evaluations past their date and the plans the IB'er has on hold (drafts, awaiting the parents).
 * Names children: one search row in the access log.
 */
export async function getDirectorOverview(ctx: Context, schoolId: string) {
  const asDirector = actingAs(ctx, ['school_director']);
  return inTransaction(asDirector, async (tx) => {
    const found = await authorizeStudentList(tx, asDirector, schoolId, 'home:director');
    const swvId = found.swvId;
    const inSchool = and(eq(student.swvId, swvId), eq(student.schoolId, schoolId));
    const active = await queryRows<{
      planId: string;
      version: number;
      amendment: number;
      hasDevelopmentPerspective: boolean;
      updatedAt: Date;
      goals: number;
      agreements: number;
      studentId: string;
      givenName: string;
      familyNamePrefix: string;
      familyName: string;
      groupName: string;
    }>(
      tx,
      sql`
      select p.id as "planId", p.version, p.amendment, p.has_development_perspective as "hasDevelopmentPerspective",
        p.updated_at as "updatedAt",
        (select count(*)::int from plan_goal g where g.swv_id = p.swv_id and g.plan_id = p.id) as goals,
        (select count(*)::int from plan_agreement a where a.swv_id = p.swv_id and a.plan_id = p.id) as agreements,
        s.id as "studentId", s.given_name as "givenName", s.family_name_prefix as "familyNamePrefix",
        s.family_name as "familyName", s.group_name as "groupName"
      from plan p join student s on s.swv_id = p.swv_id and s.id = p.student_id
      where p.swv_id = ${swvId} and s.school_id = ${schoolId} and p.status = 'active'`,
    );
    const responses = await responsesTo(
      tx,
      swvId,
      active.map((p) => p.planId),
    );
    const staged = active.map((p) => ({
      ...p,
      stage: planStage({ ...p, responses: responses.filter((r) => r.planId === p.planId) }),
    }));
    const onHold = staged
      .flatMap(
        ({
          stage,
          updatedAt,
          goals: _g,
          agreements: _a,
          amendment: _m,
          hasDevelopmentPerspective: _h,
          ...p
        }) =>
          isHeldPlanStage(stage)
            ? [
                {
                  ...p,
                  stage,
                  changedOn: amsterdamToday(new Date(updatedAt)),
                  updatedAt: new Date(updatedAt),
                },
              ]
            : [],
      )
      .sort(
        (a, b) =>
          Number(a.stage !== 'draft') - Number(b.stage !== 'draft') ||
          a.updatedAt.getTime() - b.updatedAt.getTime() ||
          a.planId.localeCompare(b.planId),
      )
      .slice(0, panelLimit)
      .map(({ updatedAt: _, ...p }) => p);
    const today = amsterdamToday(ctx.now);
    return {
      school: { id: found.id, name: found.name },
      levels: await levelCounts(tx, inSchool),
      plans: planStages.map((stage) => ({ stage, count: staged.filter((p) => p.stage === stage).length })),
      opps: staged.filter((p) => p.hasDevelopmentPerspective).length,
      overdue: await plansDue(
        tx,
        ctx,
        swvId,
        and(eq(student.schoolId, schoolId), lt(plan.evaluationDueOn, today))!,
      ),
      onHold,
    };
  });
}

// --- teacher ---------------------------------------------------------------------------------

export async function getOwnGroups(ctx: Context, schoolId: string) {
  const asTeacher = actingAs(ctx, ['teacher']);
  return inTransaction(asTeacher, async (tx) => {
    const found = await authorizeStudentList(tx, asTeacher, schoolId, 'home:own_groups');
    const swvId = found.swvId;
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

/** The team's schools whose children this consultant may list (the policy, per school). */
function teamSchoolIds(ctx: Context, asConsultant: Context, swvId: string): string[] {
  return ctx.actor.teamSchoolIds.filter(
    (schoolId) => can(asConsultant.actor, 'read', { type: 'student_list', swvId, schoolId }).allowed,
  );
}

const schoolSortColumns: Record<(typeof teamSchoolSorts)[number], SQL> = {
  name: sql`name`,
  kind: sql`kind`,
  wijk: sql`wijk`,
  pupils: sql`pupils`,
  level3: sql`level3`,
  level4: sql`level4`,
  plansDue: sql`plans_due`,
};

/** Counts per school, no child named: no access-log row. A page at a time, sorted and filtered. */
export async function getTeamSchools(ctx: Context, query: z.infer<typeof TeamSchoolsQuery>) {
  const swvId = ownSwv(ctx);
  const asConsultant = actingAs(ctx, ['consultant']);
  authorize(asConsultant, 'read', { type: 'team', swvId });
  const { page, pageSize } = query;
  const schoolIds = teamSchoolIds(ctx, asConsultant, swvId);
  if (schoolIds.length === 0) return { total: 0, page, pageSize, rows: [] };
  const ids = sql.join(
    schoolIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const filters = wordsOf(query.q).map(
    (word) => sql` and (sc.name ilike ${likePattern(word)} or sc.wijk ilike ${likePattern(word)})`,
  );
  if (query.kind) filters.push(sql` and sc.kind = ${query.kind}`);
  const direction = query.order === 'desc' ? sql`desc` : sql`asc`;
  const cutoff = evaluationDueCutoff(amsterdamToday(ctx.now));
  const rows = await queryRows<z.infer<typeof TeamSchool> & { total: number }>(
    ctx.database.db,
    sql`
    select id, name, kind, wijk, pupils, level3, level4, plans_due as "plansDue", count(*) over ()::int as total
    from (
      select sc.id, sc.name, sc.kind, sc.wijk,
        count(s.id)::int as pupils,
        (count(s.id) filter (where s.support_level = 3))::int as level3,
        (count(s.id) filter (where s.support_level = 4))::int as level4,
        (count(p.id))::int as plans_due
      from school sc
      left join student s on s.swv_id = sc.swv_id and s.school_id = sc.id
      left join plan p on p.swv_id = s.swv_id and p.student_id = s.id and p.status = 'active'
        and p.evaluation_due_on <= ${cutoff}
      where sc.swv_id = ${swvId} and sc.id in (${ids})${sql.join(filters, sql``)}
      group by sc.id, sc.name, sc.kind, sc.wijk
    ) schools
    order by ${schoolSortColumns[query.sort]} ${direction}, name, id
    limit ${pageSize} offset ${(page - 1) * pageSize}`,
  );
  const total = rows[0]?.total ?? (page > 1 ? await countTeamSchools(ctx, swvId, ids, filters) : 0);
  return { total, page, pageSize, rows: rows.map(({ total: _, ...row }) => row) };
}

/** The number of matching schools, for a page past the last one (it has no row to carry it). */
async function countTeamSchools(ctx: Context, swvId: string, ids: SQL, filters: SQL[]) {
  const [row] = await queryRows<{ n: number }>(
    ctx.database.db,
    sql`select count(*)::int as n from school sc
        where sc.swv_id = ${swvId} and sc.id in (${ids})${sql.join(filters, sql``)}`,
  );
  return row?.n ?? 0;
}

const dueSortColumns: Record<(typeof duePlanSorts)[number], SQL[]> = {
  school: [sql`${school.name}`, sql`${plan.evaluationDueOn}`],
  dueOn: [sql`${plan.evaluationDueOn}`],
  name: [sql`${student.familyName}`, sql`${student.givenName}`],
  group: [sql`${student.groupName}`],
};

/**
 * The plans in the team's schools whose evaluation is due, a page at a time, with one search row
 * in the access log (the list names children).
 */
export async function getTeamEvaluationsDue(ctx: Context, query: z.infer<typeof TeamEvaluationsDueQuery>) {
  const swvId = ownSwv(ctx);
  const asConsultant = actingAs(ctx, ['consultant']);
  const { page, pageSize } = query;
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
    const schoolIds = teamSchoolIds(ctx, asConsultant, swvId).filter(
      (id) => query.schoolId === undefined || id === query.schoolId,
    );
    if (schoolIds.length === 0) return { total: 0, page, pageSize, rows: [] };
    const today = amsterdamToday(ctx.now);
    const filters: SQL[] = [inArray(student.schoolId, schoolIds)];
    if (query.status === 'overdue') filters.push(lt(plan.evaluationDueOn, today));
    if (query.status === 'soon') filters.push(gte(plan.evaluationDueOn, today));
    filters.push(...nameMatches(query.q));
    const direction = query.order === 'desc' ? sql`desc` : sql`asc`;
    const order = dueSortColumns[query.sort].map((column) => sql`${column} ${direction}`);
    const rows = await plansDue(tx, ctx, swvId, and(...filters)!, {
      orderBy: [...order, sql`${plan.evaluationDueOn}`, sql`${student.familyName}`, sql`${plan.id}`],
      limit: pageSize,
      offset: (page - 1) * pageSize,
    });
    const [counted] = await tx
      .select({ n: count() })
      .from(plan)
      .innerJoin(student, and(eq(student.swvId, plan.swvId), eq(student.id, plan.studentId)))
      .where(duePlanFilter(ctx, swvId, and(...filters)!));
    return { total: counted?.n ?? 0, page, pageSize, rows };
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
    return { children, refused, allowed };
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
  return { children, awaitingConsent: refused.filter((student) => isOnCaseTeam(student.caseTeam)).length };
}

const guardianOf: OwnChildrenSearch['linkedIds'] = async (tx, swvId, userId) =>
  (
    await tx
      .select({ id: studentGuardian.studentId })
      .from(studentGuardian)
      .where(and(eq(studentGuardian.swvId, swvId), eq(studentGuardian.userId, userId)))
  ).map((row) => row.id);

export async function getParentChildren(ctx: Context) {
  const { children } = await searchOwnChildren(ctx, {
    role: 'parent',
    part: 'home:children',
    purpose: 'parent of the children',
    linkedIds: guardianOf,
  });
  return children;
}

/**
 * What waits for the parent (src/domain/home.ts): a plan to answer, consent to give, a meeting to
 * come to, for the children the policy lets them read; one search row in the access log.
 */
export async function getParentWaiting(ctx: Context): Promise<z.infer<typeof ParentWaitingPanel>> {
  const { children, allowed } = await searchOwnChildren(ctx, {
    role: 'parent',
    part: 'home:waiting',
    purpose: 'parent of the children: what waits for their answer',
    linkedIds: guardianOf,
  });
  if (allowed.length === 0) return { items: [] };
  const swvId = ownSwv(ctx);
  const db = ctx.database.db;
  const today = amsterdamToday(ctx.now);
  const ofChildren = (column: typeof plan.studentId) => and(eq(plan.swvId, swvId), inArray(column, allowed));
  const plans = await db
    .select({ id: plan.id, studentId: plan.studentId, version: plan.version, amendment: plan.amendment })
    .from(plan)
    .where(and(ofChildren(plan.studentId), eq(plan.status, 'active')));
  const responses = await responsesTo(
    db,
    swvId,
    plans.map((p) => p.id),
  );
  const ids = sql.join(
    allowed.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  // A person on the team counts for the partner organisation they work for.
  const team = await queryRows<{
    studentId: string;
    partnerOrganisationId: string;
    validFrom: string;
    validUntil: string | null;
    endedAt: Date | null;
  }>(
    db,
    sql`
    select cm.student_id as "studentId",
      coalesce(cm.partner_organisation_id, m.partner_organisation_id) as "partnerOrganisationId",
      to_char(cm.valid_from, 'YYYY-MM-DD') as "validFrom", to_char(cm.valid_until, 'YYYY-MM-DD') as "validUntil",
      cm.ended_at as "endedAt"
    from case_member cm
    left join membership m on m.swv_id = cm.swv_id and m.user_id = cm.user_id and m.role = 'partner'
    where cm.swv_id = ${swvId} and cm.student_id in (${ids})
      and coalesce(cm.partner_organisation_id, m.partner_organisation_id) is not null`,
  );
  const consents = await db
    .select()
    .from(consent)
    .where(and(eq(consent.swvId, swvId), inArray(consent.studentId, allowed)));
  const meetings = await db
    .select({ id: caseMeeting.id, studentId: caseMeeting.studentId, heldOn: caseMeeting.heldOn })
    .from(caseMeeting)
    .where(
      and(
        eq(caseMeeting.swvId, swvId),
        inArray(caseMeeting.studentId, allowed),
        gte(caseMeeting.heldOn, today),
      ),
    );
  const facts: ParentFacts[] = allowed.map((studentId) => {
    const active = plans.find((p) => p.studentId === studentId);
    return {
      studentId,
      activePlan: active ? { ...active, responses: responses.filter((r) => r.planId === active.id) } : null,
      caseTeam: team
        .filter((member) => member.studentId === studentId)
        .map((member) => ({ ...member, endedAt: member.endedAt && new Date(member.endedAt) })),
      consents: consents.filter((c) => c.studentId === studentId),
      meetings: meetings.filter((m) => m.studentId === studentId),
    };
  });
  const waiting = parentWaitingItems(facts, ctx.actor.userId, today, ctx.now);
  const organisations = await db
    .select({ id: partnerOrganisation.id, name: partnerOrganisation.name })
    .from(partnerOrganisation)
    .where(eq(partnerOrganisation.swvId, swvId));
  const items = waiting.flatMap((item): z.infer<typeof ParentWaitingItem>[] => {
    const found = children.find((c) => c.id === item.studentId);
    if (!found) return [];
    const child = {
      id: found.id,
      givenName: found.givenName,
      familyNamePrefix: found.familyNamePrefix,
      familyName: found.familyName,
    };
    switch (item.kind) {
      case 'plan_answer':
        return [
          {
            kind: item.kind,
            child,
            planId: item.planId,
            versionLabel: versionLabel(item.version, item.amendment),
          },
        ];
      case 'consent': {
        const name = organisations.find((o) => o.id === item.partnerOrganisationId)?.name ?? '';
        return [{ kind: item.kind, child, partnerOrganisationName: name }];
      }
      case 'meeting':
        return [{ kind: item.kind, child, heldOn: item.heldOn }];
      default:
        return item satisfies never;
    }
  });
  return { items };
}

/** The parents' responses to these plans. */
async function responsesTo(db: Queryable, swvId: string, planIds: readonly string[]) {
  if (planIds.length === 0) return [];
  return db
    .select({
      planId: planParentResponse.planId,
      parentUserId: planParentResponse.parentUserId,
      parentName: planParentResponse.parentName,
      agrees: planParentResponse.agrees,
      respondedAt: planParentResponse.respondedAt,
      amendment: planParentResponse.amendment,
    })
    .from(planParentResponse)
    .where(and(eq(planParentResponse.swvId, swvId), inArray(planParentResponse.planId, [...planIds])));
}

// --- committee -------------------------------------------------------------------------------

/**
 * What exists now for the requests the committee will decide: the schools, and the children with
 * extra support and their OPPs as published counts (small cells hidden). Never a child; no log row.
 */
export async function getCommitteeOverview(ctx: Context) {
  const swvId = ownSwv(ctx);
  authorize(actingAs(ctx, ['committee']), 'read', { type: 'swv', swvId });
  const [row] = await queryRows<{ schools: number; level4: number; opps: number }>(
    ctx.database.db,
    sql`
    select (select count(*)::int from school where swv_id = ${swvId}) as schools,
      (select count(*)::int from student where swv_id = ${swvId} and support_level = 4) as level4,
      (select count(*)::int from plan where swv_id = ${swvId} and status = 'active'
        and has_development_perspective) as opps`,
  );
  const shown = (n: number) => (isSmallCell(n) ? null : n);
  return { schools: row?.schools ?? 0, level4: shown(row?.level4 ?? 0), opps: shown(row?.opps ?? 0) };
}

// --- policy staff ----------------------------------------------------------------------------

/** Aggregates only, small cells suppressed (docs/domain.md, "Roles and who may see what"): never a child, no log row. */
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
