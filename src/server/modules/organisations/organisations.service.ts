// Use cases of the SWV's organisation: the tenant (operator), its settings, schools, teams,
// partner organisations and users with their role memberships (swv_admin). No child data here.
import { and, asc, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type { AdminEventKind } from '../../../contracts/admin.ts';
import type {
  CreateBoardBody,
  CreatePartnerOrganisationBody,
  CreateSchoolBody,
  CreateSwvBody,
  CreateTeamBody,
  CreateUserBody,
  EmployeeAccessQuery,
  EmployeeAccessView,
  MembershipInput,
  PutParticipationReferenceBody,
  PutSchoolHolidaysBody,
  UpdateBoardBody,
  UpdatePartnerOrganisationBody,
  UpdateSchoolBody,
  UpdateSwvBody,
  UpdateTeamBody,
  UpdateUserBody,
} from '../../../contracts/organisations.ts';
import { addDays, amsterdamToday, schoolYearOf } from '../../../domain/calendar.ts';
import { employeeAccessDays, employeeAccessRange } from '../../../domain/employeeAccess.ts';
import { brinOf } from '../../../domain/organisation.ts';
import {
  type GrantDecision,
  grantNeedsApproval,
  idChanges,
  mayDecideGrant,
  ownAccountRefusal,
  ownTeamRefusal,
  type Role,
} from '../../../domain/roles.ts';
import { schoolHolidaysRefusal } from '../../../domain/schoolHolidays.ts';
import { startAccessLogChain } from '../../access/accessLog.ts';
import { ownSwv } from '../../access/acting.ts';
import type { Context } from '../../access/actor.ts';
import { appendAdminEvent } from '../../access/adminLog.ts';
import { authorize, authorizeLogged, inTransaction } from '../../access/authorize.ts';
import { ruleViolated } from '../../access/useCase.ts';
import { issueActivation } from '../../auth/activation.ts';
import { endUserSessions } from '../../auth/sessions.ts';
import { type Queryable, queryRows } from '../../db/client.ts';
import { isUniqueViolation } from '../../db/errors.ts';
import {
  adminEvent,
  appUser,
  board,
  membership,
  partnerOrganisation,
  partnerSchool,
  recoveryCode,
  roleGrant,
  school,
  schoolHoliday,
  swv,
  team,
  teamMember,
  teamSchool,
} from '../../db/schema/index.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { startRequestCatalogue } from '../requests/requests.commands.ts';

/**
 * The record must exist in the actor's own SWV, else it is "not found" (docs/SECURITY.md C3) — checked before
 * the permission, so another SWV's record answers alike for every role.
 */
async function swvOfRecord(
  ctx: Context,
  table: typeof school | typeof appUser | typeof team | typeof board | typeof partnerOrganisation,
  id: string,
): Promise<string> {
  const swvId = ctx.actor.swvId;
  const [found] = swvId
    ? await ctx.database.db
        .select({ id: table.id })
        .from(table)
        .where(and(eq(table.swvId, swvId), eq(table.id, id)))
    : [];
  if (!swvId || !found) throw notFound();
  return swvId;
}

/** Ids in a body must name rows of the actor's own SWV; anything else is a validation error. */
async function assertInSwv(
  db: Queryable,
  table: typeof school | typeof appUser | typeof partnerOrganisation | typeof board,
  swvId: string,
  ids: readonly string[],
  field: string,
): Promise<void> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return;
  const found = await db
    .select({ id: table.id })
    .from(table)
    .where(and(eq(table.swvId, swvId), inArray(table.id, unique)));
  if (found.length !== unique.length) {
    throw new AppError('validation_failed', `Unknown ${field}`, { fields: { [field]: 'unknown' } });
  }
}

/** Runs a write; a unique key it collides with answers 409 with the given message, never a 500. */
async function refusingDuplicates<T>(message: string, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', message);
    throw error;
  }
}

// --- the tenant ------------------------------------------------------------------------------

export async function createSwv(ctx: Context, input: z.infer<typeof CreateSwvBody>) {
  authorize(ctx, 'create', { type: 'tenant' });
  const swvId = uuidv7();
  return ctx.database.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(swv)
      .values({
        id: swvId,
        name: input.name,
        registerCode: input.registerCode,
        sector: input.sector,
        municipalities: input.municipalities,
        holidayRegion: input.holidayRegion,
      })
      .onConflictDoNothing()
      .returning();
    if (!created) throw new AppError('conflict', 'An SWV with this register code exists');
    await startAccessLogChain(tx, swvId);
    await startRequestCatalogue(tx, swvId, input.sector);
    const adminId = uuidv7();
    const [admin] = await tx
      .insert(appUser)
      .values({
        id: adminId,
        swvId,
        email: input.admin.email,
        displayName: input.admin.displayName,
        passwordHash: null,
      })
      .onConflictDoNothing()
      .returning();
    if (!admin) throw new AppError('conflict', 'This e-mail address already has an account');
    await tx.insert(membership).values({ id: uuidv7(), swvId, userId: adminId, role: 'swv_admin' });
    await appendAdminEvent(tx, {
      swvId,
      actorUserId: ctx.actor.userId,
      subjectUserId: adminId,
      kind: 'user_created',
      details: { roles: ['swv_admin'] },
      at: ctx.now,
    });
    const activation = await issueActivation(tx, adminId, ctx.now);
    return {
      swv: swvViewOf(created),
      admin: {
        id: adminId,
        email: admin.email,
        activation: { token: activation.token, expiresAt: activation.expiresAt.toISOString() },
      },
    };
  });
}

export async function listSwvs(ctx: Context) {
  authorize(ctx, 'read', { type: 'tenant' });
  const rows = await ctx.database.db.select().from(swv).orderBy(asc(swv.registerCode));
  return rows.map(swvViewOf);
}

/** The SWV as the API shows it: the participation reference in percent, not tenths. */
function swvViewOf<T extends { participationReferenceTenths: number }>(row: T) {
  const { participationReferenceTenths, ...rest } = row;
  return { ...rest, participationReference: participationReferenceTenths / 10 };
}

export async function getOwnSwv(ctx: Context) {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'read', { type: 'swv', swvId });
  const [row] = await ctx.database.db.select().from(swv).where(eq(swv.id, swvId));
  if (!row) throw notFound();
  return swvViewOf(row);
}

export async function updateOwnSwv(ctx: Context, input: z.infer<typeof UpdateSwvBody>) {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'manage', { type: 'swv', swvId });
  if (Object.keys(input).length === 0) return getOwnSwv(ctx);
  return ctx.database.db.transaction(async (tx) => {
    const [before] = await tx.select().from(swv).where(eq(swv.id, swvId)).for('update');
    const [row] = await tx.update(swv).set(input).where(eq(swv.id, swvId)).returning();
    if (!before || !row) throw notFound();
    if (before.grantApprovalRequired !== row.grantApprovalRequired) {
      await appendAdminEvent(tx, {
        swvId,
        actorUserId: ctx.actor.userId,
        kind: 'grant_approval_setting_changed',
        details: { grantApprovalRequired: row.grantApprovalRequired },
        at: ctx.now,
      });
    }
    // The clock decides deadlines, and who decides an arrangement: each change is on record.
    const clock = Object.fromEntries(
      clockSettings.filter((key) => before[key] !== row[key]).map((key) => [key, row[key]]),
    );
    if (Object.keys(clock).length > 0) {
      await appendAdminEvent(tx, {
        swvId,
        actorUserId: ctx.actor.userId,
        kind: 'clock_settings_changed',
        details: clock,
        at: ctx.now,
      });
    }
    return swvViewOf(row);
  });
}

/**
 * The administrator sets the monitor's reference for participation in SBO, SO and VSO (percent,
 * one decimal; stored in tenths). A change is on record in the admin trail; the same value again
 * changes nothing and records nothing.
 */
export async function setParticipationReference(
  ctx: Context,
  input: z.infer<typeof PutParticipationReferenceBody>,
) {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'manage', { type: 'swv', swvId });
  const tenths = Math.round(input.participationReference * 10);
  return ctx.database.db.transaction(async (tx) => {
    const [before] = await tx
      .select({ tenths: swv.participationReferenceTenths })
      .from(swv)
      .where(eq(swv.id, swvId))
      .for('update');
    if (!before) throw notFound();
    if (before.tenths !== tenths) {
      await tx.update(swv).set({ participationReferenceTenths: tenths }).where(eq(swv.id, swvId));
      await appendAdminEvent(tx, {
        swvId,
        actorUserId: ctx.actor.userId,
        kind: 'participation_reference_changed',
        details: { from: before.tenths / 10, to: tenths / 10 },
        at: ctx.now,
      });
    }
    return { participationReference: tenths / 10 };
  });
}

const clockSettings = [
  'decisionWorkingDays',
  'crisisWorkingDays',
  'skipSchoolHolidays',
  'consultantsDecide',
] as const;

// --- school holidays (the clock skips them when the SWV says so) ------------------------------

async function schoolHolidaysView(db: Queryable, swvId: string, schoolYear: string) {
  const holidays = await db
    .select({
      id: schoolHoliday.id,
      name: schoolHoliday.name,
      firstDay: schoolHoliday.firstDay,
      lastDay: schoolHoliday.lastDay,
    })
    .from(schoolHoliday)
    .where(and(eq(schoolHoliday.swvId, swvId), eq(schoolHoliday.schoolYear, schoolYear)))
    .orderBy(asc(schoolHoliday.firstDay), asc(schoolHoliday.lastDay));
  const years = await db
    .selectDistinct({ schoolYear: schoolHoliday.schoolYear })
    .from(schoolHoliday)
    .where(eq(schoolHoliday.swvId, swvId))
    .orderBy(asc(schoolHoliday.schoolYear));
  return { schoolYear, holidays, schoolYears: years.map((year) => year.schoolYear) };
}

/** A school year's holidays (default the current one, in Amsterdam) and the years that have any. */
export async function getSchoolHolidays(ctx: Context, schoolYear: string | undefined) {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'read', { type: 'swv', swvId });
  return schoolHolidaysView(ctx.database.db, swvId, schoolYear ?? schoolYearOf(amsterdamToday(ctx.now)));
}

/** Replaces a school year's holidays whole, in one transaction, on record when anything changed. */
export async function replaceSchoolHolidays(ctx: Context, input: z.infer<typeof PutSchoolHolidaysBody>) {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'manage', { type: 'swv', swvId });
  const refusal = schoolHolidaysRefusal(input.schoolYear, input.holidays);
  if (refusal) throw ruleViolated(refusal);
  const periods = (list: readonly { name: string; firstDay: string; lastDay: string }[]) =>
    list
      .map((holiday) => `${holiday.firstDay} ${holiday.lastDay} ${holiday.name}`)
      .sort()
      .join('\n');
  return ctx.database.db.transaction(async (tx) => {
    // One change of the SWV's calendar at a time: two at once would both keep their rows.
    await tx.select({ id: swv.id }).from(swv).where(eq(swv.id, swvId)).for('update');
    const ofYear = and(eq(schoolHoliday.swvId, swvId), eq(schoolHoliday.schoolYear, input.schoolYear));
    const removed = await tx.delete(schoolHoliday).where(ofYear).returning({
      name: schoolHoliday.name,
      firstDay: schoolHoliday.firstDay,
      lastDay: schoolHoliday.lastDay,
    });
    if (input.holidays.length > 0) {
      await tx.insert(schoolHoliday).values(
        input.holidays.map((holiday) => ({
          swvId,
          id: uuidv7(),
          schoolYear: input.schoolYear,
          ...holiday,
        })),
      );
    }
    if (periods(removed) !== periods(input.holidays)) {
      await appendAdminEvent(tx, {
        swvId,
        actorUserId: ctx.actor.userId,
        kind: 'school_holidays_changed',
        details: { schoolYear: input.schoolYear, holidays: input.holidays.length },
        at: ctx.now,
      });
    }
    return schoolHolidaysView(tx, swvId, input.schoolYear);
  });
}

// --- boards ----------------------------------------------------------------------------------

const boardColumns = { id: board.id, code: board.code, name: board.name };
const boardCodeTaken = 'A board with this code exists in this SWV';

export async function listBoards(ctx: Context) {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'read', { type: 'swv', swvId });
  return ctx.database.db
    .select(boardColumns)
    .from(board)
    .where(eq(board.swvId, swvId))
    .orderBy(asc(board.name));
}

export async function createBoard(ctx: Context, input: z.infer<typeof CreateBoardBody>) {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'manage', { type: 'swv', swvId });
  const [row] = await ctx.database.db
    .insert(board)
    .values({ ...input, swvId, id: uuidv7() })
    .onConflictDoNothing()
    .returning(boardColumns);
  if (!row) throw new AppError('conflict', boardCodeTaken);
  return row;
}

export async function updateBoard(ctx: Context, boardId: string, input: z.infer<typeof UpdateBoardBody>) {
  const swvId = await swvOfRecord(ctx, board, boardId);
  authorize(ctx, 'manage', { type: 'swv', swvId });
  const where = and(eq(board.swvId, swvId), eq(board.id, boardId));
  const [row] = await refusingDuplicates(boardCodeTaken, () =>
    Object.keys(input).length === 0
      ? ctx.database.db.select(boardColumns).from(board).where(where)
      : ctx.database.db.update(board).set(input).where(where).returning(boardColumns),
  );
  if (!row) throw notFound();
  return row;
}

// --- schools ---------------------------------------------------------------------------------

const schoolColumns = {
  id: school.id,
  brin: school.brin,
  locationCode: school.locationCode,
  name: school.name,
  kind: school.kind,
  wijk: school.wijk,
  municipality: school.municipality,
  pupilCount: school.pupilCount,
  boardId: school.boardId,
};

export async function listSchools(ctx: Context) {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'read', { type: 'swv', swvId });
  return ctx.database.db
    .select(schoolColumns)
    .from(school)
    .where(eq(school.swvId, swvId))
    .orderBy(asc(school.name));
}

export async function createSchool(ctx: Context, input: z.infer<typeof CreateSchoolBody>) {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'manage', { type: 'swv', swvId });
  return ctx.database.db.transaction(async (tx) => {
    if (input.boardId) await assertInSwv(tx, board, swvId, [input.boardId], 'boardId');
    const [row] = await tx
      .insert(school)
      .values({ ...input, swvId, id: uuidv7(), brin: brinOf(input.locationCode) })
      .onConflictDoNothing()
      .returning(schoolColumns);
    if (!row) throw new AppError('conflict', 'A school with this BRIN and vestiging exists in this SWV');
    return row;
  });
}

export async function updateSchool(ctx: Context, schoolId: string, input: z.infer<typeof UpdateSchoolBody>) {
  const swvId = await swvOfRecord(ctx, school, schoolId);
  authorize(ctx, 'manage', { type: 'school', swvId, schoolId });
  return ctx.database.db.transaction(async (tx) => {
    if (input.boardId) await assertInSwv(tx, board, swvId, [input.boardId], 'boardId');
    const where = and(eq(school.swvId, swvId), eq(school.id, schoolId));
    const [row] =
      Object.keys(input).length === 0
        ? await tx.select(schoolColumns).from(school).where(where)
        : await tx.update(school).set(input).where(where).returning(schoolColumns);
    if (!row) throw notFound();
    return row;
  });
}

// --- teams -----------------------------------------------------------------------------------

// The correlated subqueries below name the outer table literally: Drizzle renders a column in a
// select field without its table, which inside a subquery would bind to the inner table.
async function teamsOf(db: Queryable, swvId: string, teamIds?: string[]) {
  const rows = await db
    .select({
      id: team.id,
      name: team.name,
      wijk: team.wijk,
      schoolIds: sql<
        string[]
      >`coalesce((select array_agg(ts.school_id order by ts.school_id) from team_school ts
        where ts.swv_id = team.swv_id and ts.team_id = team.id), '{}')`,
      memberIds: sql<string[]>`coalesce((select array_agg(tm.user_id order by tm.user_id) from team_member tm
        where tm.swv_id = team.swv_id and tm.team_id = team.id), '{}')`,
    })
    .from(team)
    .where(and(eq(team.swvId, swvId), teamIds ? inArray(team.id, teamIds) : undefined))
    .orderBy(asc(team.name));
  return rows;
}

export async function listTeams(ctx: Context) {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'read', { type: 'team', swvId });
  return teamsOf(ctx.database.db, swvId);
}

async function setTeamLinks(
  tx: Queryable,
  swvId: string,
  teamId: string,
  input: { schoolIds?: string[]; memberIds?: string[] },
) {
  if (input.schoolIds) {
    await assertInSwv(tx, school, swvId, input.schoolIds, 'schoolIds');
    await tx.delete(teamSchool).where(and(eq(teamSchool.swvId, swvId), eq(teamSchool.teamId, teamId)));
    const schoolIds = [...new Set(input.schoolIds)];
    if (schoolIds.length)
      await tx.insert(teamSchool).values(schoolIds.map((schoolId) => ({ swvId, teamId, schoolId })));
  }
  if (input.memberIds) {
    await assertInSwv(tx, appUser, swvId, input.memberIds, 'memberIds');
    await tx.delete(teamMember).where(and(eq(teamMember.swvId, swvId), eq(teamMember.teamId, teamId)));
    const userIds = [...new Set(input.memberIds)];
    if (userIds.length)
      await tx.insert(teamMember).values(userIds.map((userId) => ({ swvId, teamId, userId })));
  }
}

const teamNameTaken = 'A team with this name exists';

/**
 * Refuses a change that widens the administrator's own reach (`ownTeamRefusal`) and writes the
 * change to the administrators' audit trail: who joined or left which team, which schools it
 * gained or lost (ids only).
 */
async function guardAndRecordTeamChange(
  tx: Queryable,
  ctx: Context,
  swvId: string,
  teamId: string,
  before: { schoolIds: string[]; memberIds: string[] },
  input: { schoolIds?: string[]; memberIds?: string[] },
) {
  const after = {
    schoolIds: input.schoolIds ?? before.schoolIds,
    memberIds: input.memberIds ?? before.memberIds,
  };
  const refusal = ownTeamRefusal(ctx.actor.userId, before, after);
  if (refusal) throw ruleViolated(refusal);
  const schools = idChanges(before.schoolIds, after.schoolIds);
  const members = idChanges(before.memberIds, after.memberIds);
  if (schools.added.length + schools.removed.length + members.added.length + members.removed.length === 0)
    return;
  await appendAdminEvent(tx, {
    swvId,
    actorUserId: ctx.actor.userId,
    at: ctx.now,
    kind: 'team_changed',
    details: {
      teamId,
      schoolsAdded: schools.added,
      schoolsRemoved: schools.removed,
      membersAdded: members.added,
      membersRemoved: members.removed,
    },
  });
}

export async function createTeam(ctx: Context, input: z.infer<typeof CreateTeamBody>) {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'manage', { type: 'team', swvId });
  return ctx.database.db.transaction(async (tx) => {
    const teamId = uuidv7();
    await guardAndRecordTeamChange(tx, ctx, swvId, teamId, { schoolIds: [], memberIds: [] }, input);
    const [created] = await tx
      .insert(team)
      .values({ swvId, id: teamId, name: input.name, wijk: input.wijk })
      .onConflictDoNothing()
      .returning();
    if (!created) throw new AppError('conflict', teamNameTaken);
    await setTeamLinks(tx, swvId, teamId, input);
    return (await teamsOf(tx, swvId, [teamId]))[0]!;
  });
}

export async function updateTeam(ctx: Context, teamId: string, input: z.infer<typeof UpdateTeamBody>) {
  const swvId = await swvOfRecord(ctx, team, teamId);
  authorize(ctx, 'manage', { type: 'team', swvId });
  return refusingDuplicates(teamNameTaken, () =>
    ctx.database.db.transaction(async (tx) => {
      const [existing] = await tx
        .select()
        .from(team)
        .where(and(eq(team.swvId, swvId), eq(team.id, teamId)))
        .for('update');
      if (!existing) throw notFound();
      const { schoolIds, memberIds, ...fields } = input;
      const [before] = await teamsOf(tx, swvId, [teamId]);
      await guardAndRecordTeamChange(tx, ctx, swvId, teamId, before!, { schoolIds, memberIds });
      if (Object.keys(fields).length) {
        await tx
          .update(team)
          .set(fields)
          .where(and(eq(team.swvId, swvId), eq(team.id, teamId)));
      }
      await setTeamLinks(tx, swvId, teamId, { schoolIds, memberIds });
      return (await teamsOf(tx, swvId, [teamId]))[0]!;
    }),
  );
}

// --- partner organisations -------------------------------------------------------------------

async function partnersOf(db: Queryable, swvId: string, ids?: string[]) {
  return db
    .select({
      id: partnerOrganisation.id,
      name: partnerOrganisation.name,
      kind: partnerOrganisation.kind,
      municipality: partnerOrganisation.municipality,
      schoolIds: sql<
        string[]
      >`coalesce((select array_agg(ps.school_id order by ps.school_id) from partner_school ps
        where ps.swv_id = partner_organisation.swv_id
          and ps.partner_organisation_id = partner_organisation.id), '{}')`,
    })
    .from(partnerOrganisation)
    .where(and(eq(partnerOrganisation.swvId, swvId), ids ? inArray(partnerOrganisation.id, ids) : undefined))
    .orderBy(asc(partnerOrganisation.name));
}

export async function listPartnerOrganisations(ctx: Context) {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'read', { type: 'team', swvId });
  return partnersOf(ctx.database.db, swvId);
}

/** The schools the partner organisation works at: exactly these from now on. */
async function setPartnerSchools(tx: Queryable, swvId: string, partnerOrganisationId: string, ids: string[]) {
  await assertInSwv(tx, school, swvId, ids, 'schoolIds');
  await tx
    .delete(partnerSchool)
    .where(
      and(eq(partnerSchool.swvId, swvId), eq(partnerSchool.partnerOrganisationId, partnerOrganisationId)),
    );
  const schoolIds = [...new Set(ids)];
  if (schoolIds.length) {
    await tx
      .insert(partnerSchool)
      .values(schoolIds.map((schoolId) => ({ swvId, partnerOrganisationId, schoolId })));
  }
}

const partnerNameTaken = 'A partner organisation with this name exists';

export async function createPartnerOrganisation(
  ctx: Context,
  input: z.infer<typeof CreatePartnerOrganisationBody>,
) {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'manage', { type: 'team', swvId });
  return ctx.database.db.transaction(async (tx) => {
    const id = uuidv7();
    const [created] = await tx
      .insert(partnerOrganisation)
      .values({ swvId, id, name: input.name, kind: input.kind, municipality: input.municipality || null })
      .onConflictDoNothing()
      .returning();
    if (!created) throw new AppError('conflict', partnerNameTaken);
    await setPartnerSchools(tx, swvId, id, input.schoolIds);
    return (await partnersOf(tx, swvId, [id]))[0]!;
  });
}

export async function updatePartnerOrganisation(
  ctx: Context,
  partnerOrganisationId: string,
  input: z.infer<typeof UpdatePartnerOrganisationBody>,
) {
  const swvId = await swvOfRecord(ctx, partnerOrganisation, partnerOrganisationId);
  authorize(ctx, 'manage', { type: 'team', swvId });
  const where = and(eq(partnerOrganisation.swvId, swvId), eq(partnerOrganisation.id, partnerOrganisationId));
  return refusingDuplicates(partnerNameTaken, () =>
    ctx.database.db.transaction(async (tx) => {
      const [existing] = await tx.select().from(partnerOrganisation).where(where).for('update');
      if (!existing) throw notFound();
      const { schoolIds, ...given } = input;
      // An empty municipality is none.
      const fields =
        given.municipality === undefined ? given : { ...given, municipality: given.municipality || null };
      if (Object.keys(fields).length) await tx.update(partnerOrganisation).set(fields).where(where);
      if (schoolIds) await setPartnerSchools(tx, swvId, partnerOrganisationId, schoolIds);
      return (await partnersOf(tx, swvId, [partnerOrganisationId]))[0]!;
    }),
  );
}

// --- users -----------------------------------------------------------------------------------

type MembershipRow = {
  role: Role;
  schoolId: string | null;
  groups: string[];
  partnerOrganisationId: string | null;
};

const membershipJson = (alias: string) =>
  sql.raw(`coalesce((select json_agg(json_build_object('role', m.role,
  'schoolId', m.school_id, 'groups', m.groups, 'partnerOrganisationId', m.partner_organisation_id)
  order by m.role) from ${alias} m where m.user_id = app_user.id${
    alias === 'role_grant' ? ` and m.swv_id = app_user.swv_id and m.status = 'pending'` : ''
  }), '[]'::json)`);

async function usersOf(db: Queryable, swvId: string, ids?: string[]) {
  return db
    .select({
      id: appUser.id,
      email: appUser.email,
      displayName: appUser.displayName,
      disabled: sql<boolean>`${appUser.disabledAt} is not null`,
      activated: sql<boolean>`${appUser.passwordHash} is not null`,
      hasSecondFactor: sql<boolean>`${appUser.totpEnabledAt} is not null`,
      memberships: sql<MembershipRow[]>`${membershipJson('membership')}`,
      pendingMemberships: sql<MembershipRow[]>`${membershipJson('role_grant')}`,
    })
    .from(appUser)
    .where(and(eq(appUser.swvId, swvId), ids ? inArray(appUser.id, ids) : undefined))
    .orderBy(asc(appUser.displayName));
}

export async function listUsers(ctx: Context) {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'read', { type: 'user', swvId });
  return usersOf(ctx.database.db, swvId);
}

function toRow(m: z.infer<typeof MembershipInput>): MembershipRow {
  return {
    role: m.role,
    schoolId: 'schoolId' in m ? m.schoolId : null,
    groups: 'groups' in m ? [...new Set(m.groups)].sort() : [],
    partnerOrganisationId: 'partnerOrganisationId' in m ? m.partnerOrganisationId : null,
  };
}

/** Two memberships are the same when role, scope and groups are. */
const membershipKey = (m: MembershipRow) =>
  JSON.stringify([m.role, m.schoolId, [...m.groups].sort(), m.partnerOrganisationId]);

const describeMembership = (m: MembershipRow) => ({
  role: m.role,
  schoolId: m.schoolId,
  groups: m.groups,
  partnerOrganisationId: m.partnerOrganisationId,
});

/**
 * Makes the user's roles the wanted ones. Taking a role away works at once; a role that opens
 * children's data (domain/roles.ts) waits for a second administrator's approval when the SWV asks
 * for it; the others work at once. Pending grants no longer wanted are withdrawn. Answers whether
 * the roles in force changed (then the user's sessions must end).
 */
async function setMemberships(
  tx: Queryable,
  ctx: Context,
  swvId: string,
  userId: string,
  memberships: z.infer<typeof MembershipInput>[],
): Promise<boolean> {
  const schoolIds = memberships.flatMap((m) => ('schoolId' in m ? [m.schoolId] : []));
  const partnerIds = memberships.flatMap((m) =>
    'partnerOrganisationId' in m ? [m.partnerOrganisationId] : [],
  );
  await assertInSwv(tx, school, swvId, schoolIds, 'schoolId');
  await assertInSwv(tx, partnerOrganisation, swvId, partnerIds, 'partnerOrganisationId');
  const [settings] = await tx
    .select({ approvalRequired: swv.grantApprovalRequired })
    .from(swv)
    .where(eq(swv.id, swvId));
  const wanted = new Map(memberships.map((m) => [membershipKey(toRow(m)), toRow(m)]));
  const held = await tx
    .select()
    .from(membership)
    .where(and(eq(membership.swvId, swvId), eq(membership.userId, userId)));
  const pending = await tx
    .select()
    .from(roleGrant)
    .where(and(eq(roleGrant.swvId, swvId), eq(roleGrant.userId, userId), eq(roleGrant.status, 'pending')));
  const heldKeys = new Set(held.map(membershipKey));
  const pendingKeys = new Set(pending.map(membershipKey));

  const removed = held.filter((m) => !wanted.has(membershipKey(m)));
  const added = [...wanted.values()].filter((m) => !heldKeys.has(membershipKey(m)));
  const atOnce = added.filter((m) => !grantNeedsApproval(m.role, settings?.approvalRequired ?? true));
  const toApprove = added.filter(
    (m) =>
      grantNeedsApproval(m.role, settings?.approvalRequired ?? true) && !pendingKeys.has(membershipKey(m)),
  );
  const withdrawn = pending.filter((g) => !wanted.has(membershipKey(g)));

  if (removed.length) {
    await tx.delete(membership).where(
      inArray(
        membership.id,
        removed.map((m) => m.id),
      ),
    );
  }
  if (atOnce.length) {
    await tx.insert(membership).values(atOnce.map((m) => ({ ...m, id: uuidv7(), swvId, userId })));
  }
  const event = { swvId, actorUserId: ctx.actor.userId, subjectUserId: userId, at: ctx.now };
  if (removed.length || atOnce.length) {
    await appendAdminEvent(tx, {
      ...event,
      kind: 'roles_changed',
      details: { added: atOnce.map(describeMembership), removed: removed.map(describeMembership) },
    });
  }
  for (const grant of withdrawn) {
    await tx
      .update(roleGrant)
      .set({ status: 'withdrawn', decidedByUserId: ctx.actor.userId, decidedAt: ctx.now })
      .where(eq(roleGrant.id, grant.id));
    await appendAdminEvent(tx, {
      ...event,
      kind: 'grant_withdrawn',
      details: { grantId: grant.id, ...describeMembership(grant) },
    });
  }
  for (const m of toApprove) {
    const id = uuidv7();
    await tx.insert(roleGrant).values({
      ...m,
      id,
      swvId,
      userId,
      status: 'pending',
      requestedByUserId: ctx.actor.userId,
      requestedAt: ctx.now,
    });
    await appendAdminEvent(tx, { ...event, kind: 'grant_requested', details: { grantId: id, ...m } });
  }
  return removed.length > 0 || atOnce.length > 0;
}

const activationOf = (issued: { token: string; expiresAt: Date }) => ({
  token: issued.token,
  expiresAt: issued.expiresAt.toISOString(),
});

/**
 * Creates the account without a password: the answer holds an activation link's token, shown
 * once, with which the person sets their own. An address known in another SWV answers exactly
 * like a new one: accounts are per SWV (docs/decisions/0006).
 */
export async function createUser(ctx: Context, input: z.infer<typeof CreateUserBody>) {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'manage', { type: 'user', swvId });
  return ctx.database.db.transaction(async (tx) => {
    const id = uuidv7();
    const [created] = await tx
      .insert(appUser)
      .values({ id, swvId, email: input.email, displayName: input.displayName, passwordHash: null })
      .onConflictDoNothing()
      .returning();
    if (!created) {
      // Only an account of this SWV collides (the key is the SWV and the address).
      throw new AppError('conflict', 'This e-mail address already has an account in this SWV', {
        fields: { email: 'taken' },
      });
    }
    await appendAdminEvent(tx, {
      swvId,
      actorUserId: ctx.actor.userId,
      subjectUserId: id,
      kind: 'user_created',
      at: ctx.now,
    });
    await setMemberships(tx, ctx, swvId, id, input.memberships);
    const activation = await issueActivation(tx, id, ctx.now);
    return { user: (await usersOf(tx, swvId, [id]))[0]!, activation: activationOf(activation) };
  });
}

/** A new activation link for an account that was never activated; an earlier link stops working. */
export async function renewActivation(ctx: Context, userId: string) {
  const swvId = await swvOfRecord(ctx, appUser, userId);
  authorize(ctx, 'manage', { type: 'user', swvId });
  return ctx.database.db.transaction(async (tx) => {
    const [user] = await tx
      .select({ passwordHash: appUser.passwordHash })
      .from(appUser)
      .where(and(eq(appUser.swvId, swvId), eq(appUser.id, userId)))
      .for('update');
    if (!user) throw notFound();
    // An activated account is the person's own: a new link would let an administrator take it over.
    if (user.passwordHash !== null) throw new AppError('conflict', 'This account has been activated');
    const activation = await issueActivation(tx, userId, ctx.now);
    await appendAdminEvent(tx, {
      swvId,
      actorUserId: ctx.actor.userId,
      subjectUserId: userId,
      kind: 'activation_issued',
      at: ctx.now,
    });
    return activationOf(activation);
  });
}

export async function updateUser(ctx: Context, userId: string, input: z.infer<typeof UpdateUserBody>) {
  const swvId = await swvOfRecord(ctx, appUser, userId);
  authorize(ctx, 'manage', { type: 'user', swvId });
  const refusal = ownAccountRefusal(ctx.actor.userId, userId, {
    disabled: input.disabled,
    changesRoles: input.memberships !== undefined,
  });
  if (refusal) throw new AppError('conflict', refusal.message);
  return ctx.database.db.transaction(async (tx) => {
    const where = and(eq(appUser.swvId, swvId), eq(appUser.id, userId));
    const [existing] = await tx.select().from(appUser).where(where).for('update');
    if (!existing) throw notFound();
    const event = { swvId, actorUserId: ctx.actor.userId, subjectUserId: userId, at: ctx.now };
    if (input.displayName !== undefined && input.displayName !== existing.displayName) {
      await tx.update(appUser).set({ displayName: input.displayName }).where(where);
      await appendAdminEvent(tx, { ...event, kind: 'user_renamed' });
    }
    if (input.disabled !== undefined && input.disabled !== (existing.disabledAt !== null)) {
      await tx
        .update(appUser)
        .set({ disabledAt: input.disabled ? ctx.now : null })
        .where(where);
      await appendAdminEvent(tx, { ...event, kind: input.disabled ? 'user_disabled' : 'user_enabled' });
    }
    const rolesChanged = input.memberships
      ? await setMemberships(tx, ctx, swvId, userId, input.memberships)
      : false;
    // A disabled account or changed roles take effect at once: end the user's sessions.
    if (input.disabled || rolesChanged) await endUserSessions(tx, userId);
    return (await usersOf(tx, swvId, [userId]))[0]!;
  });
}

export async function endSessionsOfUser(ctx: Context, userId: string): Promise<{ ended: number }> {
  const swvId = await swvOfRecord(ctx, appUser, userId);
  authorize(ctx, 'manage', { type: 'user', swvId });
  return ctx.database.db.transaction(async (tx) => {
    const ended = await endUserSessions(tx, userId);
    await appendAdminEvent(tx, {
      swvId,
      actorUserId: ctx.actor.userId,
      subjectUserId: userId,
      kind: 'sessions_ended',
      details: { ended },
      at: ctx.now,
    });
    return { ended };
  });
}

/** The user sets up a new second factor at the next login; sessions end now. */
export async function resetSecondFactor(ctx: Context, userId: string): Promise<void> {
  const swvId = await swvOfRecord(ctx, appUser, userId);
  authorize(ctx, 'manage', { type: 'user', swvId });
  await ctx.database.db.transaction(async (tx) => {
    const [existing] = await tx
      .update(appUser)
      .set({ totpSecret: null, totpSecretKeyId: null, totpEnabledAt: null, totpLastStep: null })
      .where(and(eq(appUser.swvId, swvId), eq(appUser.id, userId)))
      .returning({ id: appUser.id });
    if (!existing) throw notFound();
    await tx.delete(recoveryCode).where(eq(recoveryCode.userId, userId));
    await endUserSessions(tx, userId);
    await appendAdminEvent(tx, {
      swvId,
      actorUserId: ctx.actor.userId,
      subjectUserId: userId,
      kind: 'second_factor_reset',
      at: ctx.now,
    });
  });
}

// --- grants waiting for approval ---------------------------------------------------------------

/** The operator decides grants (and SSO changes) of SWVs without a second administrator. */
export const isOperator = (ctx: Context) => ctx.actor.memberships.some((m) => m.role === 'operator');

/** The active administrators of each SWV: for mayDecideGrant, and told of unusual bulk reading. */
export async function administratorsOf(db: Queryable, swvIds: string[]): Promise<Map<string, string[]>> {
  if (swvIds.length === 0) return new Map();
  const rows = await db
    .select({ swvId: membership.swvId, userId: membership.userId })
    .from(membership)
    .innerJoin(appUser, eq(appUser.id, membership.userId))
    .where(
      and(eq(membership.role, 'swv_admin'), inArray(membership.swvId, swvIds), isNull(appUser.disabledAt)),
    );
  const bySwv = new Map<string, string[]>();
  for (const row of rows) bySwv.set(row.swvId!, [...(bySwv.get(row.swvId!) ?? []), row.userId]);
  return bySwv;
}

/** Whether the signed-in user may decide a grant, or an SSO change (which has no grantee: userId null). */
export function decidable(
  ctx: Context,
  grant: { swvId: string; userId: string | null; requestedByUserId: string },
  administrators: Map<string, string[]>,
): boolean {
  return mayDecideGrant({
    deciderUserId: ctx.actor.userId,
    deciderIsOperator: isOperator(ctx),
    requestedByUserId: grant.requestedByUserId,
    granteeUserId: grant.userId,
    otherAdministratorIds: (administrators.get(grant.swvId) ?? []).filter(
      (id) => id !== grant.requestedByUserId,
    ),
  });
}

const requester = alias(appUser, 'requester');

async function pendingGrants(db: Queryable, where: { swvId?: string; id?: string }) {
  return db
    .select({
      grant: roleGrant,
      user: { id: appUser.id, email: appUser.email, displayName: appUser.displayName },
      requestedBy: { id: requester.id, displayName: requester.displayName },
    })
    .from(roleGrant)
    .innerJoin(appUser, and(eq(appUser.swvId, roleGrant.swvId), eq(appUser.id, roleGrant.userId)))
    .innerJoin(requester, eq(requester.id, roleGrant.requestedByUserId))
    .where(
      and(
        eq(roleGrant.status, 'pending'),
        where.swvId ? eq(roleGrant.swvId, where.swvId) : undefined,
        where.id ? eq(roleGrant.id, where.id) : undefined,
      ),
    )
    .orderBy(asc(roleGrant.requestedAt));
}

/**
 * The grants waiting for approval: an SWV administrator sees those of their SWV; the operator
 * those of SWVs without a second administrator, which only the operator can decide.
 */
export async function listRoleGrants(ctx: Context) {
  const operator = isOperator(ctx);
  if (operator) authorize(ctx, 'read', { type: 'tenant' });
  else authorize(ctx, 'manage', { type: 'user', swvId: ownSwv(ctx) });
  const rows = await pendingGrants(ctx.database.db, operator ? {} : { swvId: ownSwv(ctx) });
  const administrators = await administratorsOf(ctx.database.db, [
    ...new Set(rows.map((r) => r.grant.swvId)),
  ]);
  return rows
    .map(({ grant, user, requestedBy }) => ({
      id: grant.id,
      swvId: grant.swvId,
      user,
      role: grant.role,
      schoolId: grant.schoolId,
      groups: grant.groups,
      partnerOrganisationId: grant.partnerOrganisationId,
      requestedBy,
      requestedAt: grant.requestedAt.toISOString(),
      mayDecide: decidable(ctx, grant, administrators),
    }))
    .filter((grant) => !operator || grant.mayDecide);
}

/**
 * Approves or rejects a pending grant. An approved grant becomes a membership and ends the user's
 * sessions, so the new role counts from the next sign-in. The administrator who asked for it, and
 * the person who would receive it, may not decide it (403); another SWV's grant is "not found".
 */
export async function decideRoleGrant(ctx: Context, grantId: string, outcome: GrantDecision) {
  const operator = isOperator(ctx);
  if (operator) authorize(ctx, 'read', { type: 'tenant' });
  return ctx.database.db.transaction(async (tx) => {
    const [row] = await pendingGrants(tx, { id: grantId, swvId: operator ? undefined : ownSwv(ctx) });
    const [locked] = row
      ? await tx.select().from(roleGrant).where(eq(roleGrant.id, grantId)).for('update')
      : [];
    if (!row || !locked || locked.status !== 'pending') throw notFound();
    const grant = row.grant;
    if (!operator) authorize(ctx, 'manage', { type: 'user', swvId: grant.swvId });
    const administrators = await administratorsOf(tx, [grant.swvId]);
    if (!decidable(ctx, grant, administrators)) {
      throw new AppError(
        'forbidden',
        'A second administrator decides this grant, not the one who asked for it',
      );
    }
    await tx
      .update(roleGrant)
      .set({ status: outcome, decidedByUserId: ctx.actor.userId, decidedAt: ctx.now })
      .where(eq(roleGrant.id, grantId));
    if (outcome === 'approved') {
      await tx.insert(membership).values({
        id: uuidv7(),
        swvId: grant.swvId,
        userId: grant.userId,
        role: grant.role,
        schoolId: grant.schoolId,
        groups: grant.groups,
        partnerOrganisationId: grant.partnerOrganisationId,
      });
      await endUserSessions(tx, grant.userId);
    }
    await appendAdminEvent(tx, {
      swvId: grant.swvId,
      actorUserId: ctx.actor.userId,
      subjectUserId: grant.userId,
      kind: outcome === 'approved' ? 'grant_approved' : 'grant_rejected',
      details: { grantId, ...describeMembership(grant), requestedByUserId: grant.requestedByUserId },
      at: ctx.now,
    });
    return { id: grantId, status: outcome };
  });
}

// --- the administrators' audit trail ------------------------------------------------------------

const eventActor = alias(appUser, 'event_actor');
const eventSubject = alias(appUser, 'event_subject');
const eventsPerPage = 100;

/** The SWV's account, role and sign-in events, newest first, a page at a time. */
export async function listAdminEvents(ctx: Context, before?: string) {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'manage', { type: 'user', swvId });
  const rows = await ctx.database.db
    .select({
      event: adminEvent,
      actor: { id: eventActor.id, displayName: eventActor.displayName },
      subject: { id: eventSubject.id, displayName: eventSubject.displayName },
    })
    .from(adminEvent)
    .leftJoin(eventActor, eq(eventActor.id, adminEvent.actorUserId))
    .leftJoin(eventSubject, and(eq(eventSubject.id, adminEvent.subjectUserId), eq(eventSubject.swvId, swvId)))
    .where(and(eq(adminEvent.swvId, swvId), before ? lt(adminEvent.at, new Date(before)) : undefined))
    .orderBy(desc(adminEvent.at), desc(adminEvent.id))
    .limit(eventsPerPage);
  return rows.map(({ event, actor, subject }) => ({
    id: event.id,
    at: event.at.toISOString(),
    kind: event.kind as AdminEventKind,
    actor: actor?.id ? actor : null,
    subject: subject?.id ? subject : null,
    details: event.details as Record<string, unknown>,
  }));
}

// --- an employee's access (docs/SECURITY.md A3, staff side) ------------------------------------

/**
 * Per day, how many children's data the user opened and what they did, from the access log: for
 * the administrators, who see no children's data, so counts only. Reading it is logged.
 */
export async function employeeAccess(
  ctx: Context,
  userId: string,
  query: z.infer<typeof EmployeeAccessQuery>,
): Promise<z.infer<typeof EmployeeAccessView>> {
  const swvId = await swvOfRecord(ctx, appUser, userId);
  const range = employeeAccessRange(query, amsterdamToday(ctx.now));
  if ('problem' in range)
    throw new AppError('validation_failed', 'The request is not valid', {
      issues: [{ path: `querystring.${range.field}`, message: range.problem }],
    });
  const { from, to } = range;
  return inTransaction(ctx, async (tx) => {
    await authorizeLogged(tx, ctx, {
      action: 'manage',
      resource: { type: 'user', swvId },
      log: { swvId, studentId: null, action: 'read', objectType: 'employee_access', objectId: userId },
    });
    // The (swv_id, actor_user_id, at) index holds exactly this range; a day runs in Amsterdam time.
    const rows = await queryRows<{
      at: Date | string;
      studentId: string | null;
      action: string;
      outcome: 'allowed' | 'denied';
    }>(
      tx,
      sql`select at, student_id as "studentId", action, outcome from access_log
           where swv_id = ${swvId}::uuid and actor_user_id = ${userId}::uuid
             and at >= (${from}::date::timestamp at time zone 'Europe/Amsterdam')
             and at < ((${to}::date + 1)::timestamp at time zone 'Europe/Amsterdam')`,
    );
    const days = employeeAccessDays(rows.map((row) => ({ ...row, at: new Date(row.at) })));
    return {
      from,
      to,
      days: days.map((day) => ({
        ...day,
        firstAt: day.firstAt.toISOString(),
        lastAt: day.lastAt.toISOString(),
      })),
    };
  });
}
