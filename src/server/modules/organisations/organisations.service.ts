// Use cases of the SWV's organisation: the tenant (operator), its settings, schools, teams,
// partner organisations and users with their role memberships (swv_admin). No child data here.
import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type {
  CreateBoardBody,
  CreatePartnerOrganisationBody,
  CreateSchoolBody,
  CreateSwvBody,
  CreateTeamBody,
  CreateUserBody,
  MembershipInput,
  UpdateBoardBody,
  UpdatePartnerOrganisationBody,
  UpdateSchoolBody,
  UpdateSwvBody,
  UpdateTeamBody,
  UpdateUserBody,
} from '../../../contracts/organisations.ts';
import { genesisHash } from '../../access/accessLog.ts';
import type { Context } from '../../access/actor.ts';
import { authorize } from '../../access/authorize.ts';
import { hashPassword } from '../../auth/passwords.ts';
import { endUserSessions } from '../../auth/sessions.ts';
import type { Queryable } from '../../db/client.ts';
import {
  accessLogHead,
  appUser,
  board,
  membership,
  partnerOrganisation,
  partnerSchool,
  recoveryCode,
  school,
  swv,
  team,
  teamMember,
  teamSchool,
} from '../../db/schema/index.ts';
import { AppError, notFound } from '../../http/errors.ts';

/** The SWV of the actor; organisation work always happens inside it. */
function ownSwv(ctx: Context): string {
  if (!ctx.actor.swvId) throw new AppError('forbidden', 'You may not do this');
  return ctx.actor.swvId;
}

/** A random password for a new account, given once to the person who made it. */
export function newInitialPassword(): string {
  return randomBytes(15).toString('base64url');
}

/**
 * The record must exist in the actor's own SWV, else it is "not found" (TRUST C3) — checked before
 * the permission, so another SWV's record answers alike for every role.
 */
async function swvOfRecord(
  ctx: Context,
  table: typeof school | typeof appUser | typeof team | typeof board | typeof partnerOrganisation,
  id: string,
  what: string,
): Promise<string> {
  const swvId = ctx.actor.swvId;
  const [found] = swvId
    ? await ctx.database.db
        .select({ id: table.id })
        .from(table)
        .where(and(eq(table.swvId, swvId), eq(table.id, id)))
    : [];
  if (!swvId || !found) throw notFound(what);
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

/** Postgres refused a second row with the same unique key (e.g. a name taken by a concurrent save). */
function isUniqueViolation(error: unknown): boolean {
  const causes = [error, error instanceof Error ? error.cause : undefined];
  return causes.some((cause) => (cause as { code?: unknown } | undefined)?.code === '23505');
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
  const initialPassword = newInitialPassword();
  const passwordHash = await hashPassword(initialPassword);
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
    await tx.insert(accessLogHead).values({ swvId, seq: 0, hash: genesisHash });
    const adminId = uuidv7();
    const [admin] = await tx
      .insert(appUser)
      .values({
        id: adminId,
        swvId,
        email: input.admin.email,
        displayName: input.admin.displayName,
        passwordHash,
      })
      .onConflictDoNothing()
      .returning();
    if (!admin) throw new AppError('conflict', 'This e-mail address already has an account');
    await tx.insert(membership).values({ id: uuidv7(), swvId, userId: adminId, role: 'swv_admin' });
    return { swv: created, admin: { id: adminId, email: admin.email, initialPassword } };
  });
}

export async function listSwvs(ctx: Context) {
  authorize(ctx, 'read', { type: 'tenant' });
  return ctx.database.db.select().from(swv).orderBy(asc(swv.registerCode));
}

export async function getOwnSwv(ctx: Context) {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'read', { type: 'swv', swvId });
  const [row] = await ctx.database.db.select().from(swv).where(eq(swv.id, swvId));
  if (!row) throw notFound('SWV');
  return row;
}

export async function updateOwnSwv(ctx: Context, input: z.infer<typeof UpdateSwvBody>) {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'manage', { type: 'swv', swvId });
  if (Object.keys(input).length === 0) return getOwnSwv(ctx);
  const [row] = await ctx.database.db.update(swv).set(input).where(eq(swv.id, swvId)).returning();
  if (!row) throw notFound('SWV');
  return row;
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
  const swvId = await swvOfRecord(ctx, board, boardId, 'Board');
  authorize(ctx, 'manage', { type: 'swv', swvId });
  const where = and(eq(board.swvId, swvId), eq(board.id, boardId));
  const [row] = await refusingDuplicates(boardCodeTaken, () =>
    Object.keys(input).length === 0
      ? ctx.database.db.select(boardColumns).from(board).where(where)
      : ctx.database.db.update(board).set(input).where(where).returning(boardColumns),
  );
  if (!row) throw notFound('Board');
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
      .values({ ...input, swvId, id: uuidv7(), brin: input.locationCode.slice(0, 4) })
      .onConflictDoNothing()
      .returning(schoolColumns);
    if (!row) throw new AppError('conflict', 'A school with this BRIN and vestiging exists in this SWV');
    return row;
  });
}

export async function updateSchool(ctx: Context, schoolId: string, input: z.infer<typeof UpdateSchoolBody>) {
  const swvId = await swvOfRecord(ctx, school, schoolId, 'School');
  authorize(ctx, 'manage', { type: 'school', swvId, schoolId });
  return ctx.database.db.transaction(async (tx) => {
    if (input.boardId) await assertInSwv(tx, board, swvId, [input.boardId], 'boardId');
    const where = and(eq(school.swvId, swvId), eq(school.id, schoolId));
    const [row] =
      Object.keys(input).length === 0
        ? await tx.select(schoolColumns).from(school).where(where)
        : await tx.update(school).set(input).where(where).returning(schoolColumns);
    if (!row) throw notFound('School');
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

export async function createTeam(ctx: Context, input: z.infer<typeof CreateTeamBody>) {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'manage', { type: 'team', swvId });
  return ctx.database.db.transaction(async (tx) => {
    const teamId = uuidv7();
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
  const swvId = await swvOfRecord(ctx, team, teamId, 'Team');
  authorize(ctx, 'manage', { type: 'team', swvId });
  return refusingDuplicates(teamNameTaken, () =>
    ctx.database.db.transaction(async (tx) => {
      const [existing] = await tx
        .select()
        .from(team)
        .where(and(eq(team.swvId, swvId), eq(team.id, teamId)))
        .for('update');
      if (!existing) throw notFound('Team');
      const { schoolIds, memberIds, ...fields } = input;
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
      .values({ swvId, id, name: input.name, kind: input.kind })
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
  const swvId = await swvOfRecord(ctx, partnerOrganisation, partnerOrganisationId, 'Partner organisation');
  authorize(ctx, 'manage', { type: 'team', swvId });
  const where = and(eq(partnerOrganisation.swvId, swvId), eq(partnerOrganisation.id, partnerOrganisationId));
  return refusingDuplicates(partnerNameTaken, () =>
    ctx.database.db.transaction(async (tx) => {
      const [existing] = await tx.select().from(partnerOrganisation).where(where).for('update');
      if (!existing) throw notFound('Partner organisation');
      const { schoolIds, ...fields } = input;
      if (Object.keys(fields).length) await tx.update(partnerOrganisation).set(fields).where(where);
      if (schoolIds) await setPartnerSchools(tx, swvId, partnerOrganisationId, schoolIds);
      return (await partnersOf(tx, swvId, [partnerOrganisationId]))[0]!;
    }),
  );
}

// --- users -----------------------------------------------------------------------------------

async function usersOf(db: Queryable, swvId: string, ids?: string[]) {
  const rows = await db
    .select({
      id: appUser.id,
      email: appUser.email,
      displayName: appUser.displayName,
      disabled: sql<boolean>`${appUser.disabledAt} is not null`,
      hasSecondFactor: sql<boolean>`${appUser.totpEnabledAt} is not null`,
      memberships: sql<
        Array<{
          role: string;
          schoolId: string | null;
          groups: string[];
          partnerOrganisationId: string | null;
        }>
      >`coalesce((select json_agg(json_build_object('role', m.role, 'schoolId', m.school_id, 'groups', m.groups,
          'partnerOrganisationId', m.partner_organisation_id) order by m.role) from membership m
          where m.user_id = app_user.id), '[]'::json)`,
    })
    .from(appUser)
    .where(and(eq(appUser.swvId, swvId), ids ? inArray(appUser.id, ids) : undefined))
    .orderBy(asc(appUser.displayName));
  return rows;
}

export async function listUsers(ctx: Context) {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'read', { type: 'user', swvId });
  return usersOf(ctx.database.db, swvId);
}

async function setMemberships(
  tx: Queryable,
  swvId: string,
  userId: string,
  memberships: z.infer<typeof MembershipInput>[],
) {
  const schoolIds = memberships.flatMap((m) => ('schoolId' in m ? [m.schoolId] : []));
  const partnerIds = memberships.flatMap((m) =>
    'partnerOrganisationId' in m ? [m.partnerOrganisationId] : [],
  );
  await assertInSwv(tx, school, swvId, schoolIds, 'schoolId');
  await assertInSwv(tx, partnerOrganisation, swvId, partnerIds, 'partnerOrganisationId');
  await tx.delete(membership).where(and(eq(membership.swvId, swvId), eq(membership.userId, userId)));
  await tx.insert(membership).values(
    memberships.map((m) => ({
      id: uuidv7(),
      swvId,
      userId,
      role: m.role,
      schoolId: 'schoolId' in m ? m.schoolId : null,
      groups: 'groups' in m ? m.groups : [],
      partnerOrganisationId: 'partnerOrganisationId' in m ? m.partnerOrganisationId : null,
    })),
  );
}

export async function createUser(ctx: Context, input: z.infer<typeof CreateUserBody>) {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'manage', { type: 'user', swvId });
  const initialPassword = newInitialPassword();
  const passwordHash = await hashPassword(initialPassword);
  return ctx.database.db.transaction(async (tx) => {
    const id = uuidv7();
    const [created] = await tx
      .insert(appUser)
      .values({ id, swvId, email: input.email, displayName: input.displayName, passwordHash })
      .onConflictDoNothing()
      .returning();
    if (!created) {
      throw new AppError('conflict', 'This e-mail address already has an account', {
        fields: { email: 'taken' },
      });
    }
    await setMemberships(tx, swvId, id, input.memberships);
    return { user: (await usersOf(tx, swvId, [id]))[0]!, initialPassword };
  });
}

export async function updateUser(ctx: Context, userId: string, input: z.infer<typeof UpdateUserBody>) {
  const swvId = await swvOfRecord(ctx, appUser, userId, 'User');
  authorize(ctx, 'manage', { type: 'user', swvId });
  if (userId === ctx.actor.userId && (input.disabled || input.memberships)) {
    throw new AppError('conflict', 'You cannot disable yourself or change your own roles');
  }
  return ctx.database.db.transaction(async (tx) => {
    const where = and(eq(appUser.swvId, swvId), eq(appUser.id, userId));
    const [existing] = await tx.select().from(appUser).where(where).for('update');
    if (!existing) throw notFound('User');
    if (input.displayName !== undefined || input.disabled !== undefined) {
      await tx
        .update(appUser)
        .set({
          displayName: input.displayName ?? existing.displayName,
          disabledAt: input.disabled === undefined ? existing.disabledAt : input.disabled ? ctx.now : null,
        })
        .where(where);
    }
    // A disabled account or changed roles take effect at once: end the user's sessions.
    if (input.disabled || input.memberships) await endUserSessions(tx, userId);
    if (input.memberships) await setMemberships(tx, swvId, userId, input.memberships);
    return (await usersOf(tx, swvId, [userId]))[0]!;
  });
}

export async function endSessionsOfUser(ctx: Context, userId: string): Promise<{ ended: number }> {
  const swvId = await swvOfRecord(ctx, appUser, userId, 'User');
  authorize(ctx, 'manage', { type: 'user', swvId });
  return { ended: await endUserSessions(ctx.database.db, userId) };
}

/** The user sets up a new second factor at the next login; sessions end now. */
export async function resetSecondFactor(ctx: Context, userId: string): Promise<void> {
  const swvId = await swvOfRecord(ctx, appUser, userId, 'User');
  authorize(ctx, 'manage', { type: 'user', swvId });
  await ctx.database.db.transaction(async (tx) => {
    const [existing] = await tx
      .update(appUser)
      .set({ totpSecret: null, totpSecretKeyId: null, totpEnabledAt: null, totpLastStep: null })
      .where(and(eq(appUser.swvId, swvId), eq(appUser.id, userId)))
      .returning({ id: appUser.id });
    if (!existing) throw notFound('User');
    await tx.delete(recoveryCode).where(eq(recoveryCode.userId, userId));
    await endUserSessions(tx, userId);
  });
}
