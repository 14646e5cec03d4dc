// Account work for the operator at the command line: create an account (the operator's own
// included, which has no SWV), set a password, reset the second factor, end sessions. It trusts
// whoever can reach the database; the web app's user management goes through the policy instead.
import { and, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import { Email, Name } from '../contracts/common.ts';
import { type Role, roles, schoolRoles } from '../domain/roles.ts';
import { appendAdminEvent } from '../server/access/adminLog.ts';
import { issueActivation } from '../server/auth/activation.ts';
import { hashPassword } from '../server/auth/passwords.ts';
import { endUserSessions } from '../server/auth/sessions.ts';
import type { Database } from '../server/db/client.ts';
import { appUser, membership, recoveryCode, school, swv } from '../server/db/schema/index.ts';
import { CliError } from './context.ts';

function parsed<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (!result.success) throw new CliError(`Invalid ${what}: ${result.error.issues[0]!.message}`);
  return result.data;
}

export function parseEmail(value: string): string {
  return parsed(Email, value, 'e-mail address');
}

export function parseRole(value: string): Role {
  const role = roles.find((candidate) => candidate === value);
  if (!role) throw new CliError(`Unknown role ${value}: use one of ${roles.join(', ')}`);
  return role;
}

export type NewAccount = {
  email: string;
  displayName: string;
  role: Role;
  /** The SWV's register code, e.g. "PO 26.04"; none for the operator. */
  swvRegisterCode?: string;
  /** BRIN + vestiging of the school, for school roles. */
  schoolLocationCode?: string;
};

/**
 * Creates the account with one membership. With a password (checked by the caller) the account
 * can sign in at once; without one it answers an activation link's token, with which the person
 * sets their own. Answers the SWV's register code as stored, for the confirmation.
 */
export async function createAccount(
  database: Database,
  input: NewAccount,
  password: string | null,
  now: Date = new Date(),
): Promise<{ registerCode: string | null; activation: { token: string; expiresAt: Date } | null }> {
  const email = parseEmail(input.email);
  const displayName = parsed(Name, input.displayName, 'name');
  const { role } = input;
  if (role === 'partner') {
    throw new CliError('Partner accounts belong to a partner organisation: create them in the app');
  }
  if (role === 'operator' && input.swvRegisterCode) {
    throw new CliError('The operator belongs to no SWV: leave out --swv');
  }
  if (role !== 'operator' && !input.swvRegisterCode) {
    throw new CliError(`Role ${role} needs --swv <register code>`);
  }
  if (schoolRoles.has(role) && !input.schoolLocationCode) {
    throw new CliError(`Role ${role} needs --school <BRIN and vestiging>`);
  }
  if (!schoolRoles.has(role) && input.schoolLocationCode) {
    throw new CliError(`Role ${role} has no school: leave out --school`);
  }
  const passwordHash = password === null ? null : await hashPassword(password);

  return database.db.transaction(async (tx) => {
    let swvId: string | null = null;
    let schoolId: string | null = null;
    let registerCode: string | null = null;
    if (input.swvRegisterCode) {
      const wanted = input.swvRegisterCode.trim();
      const [found] = await tx
        .select({ id: swv.id, registerCode: swv.registerCode })
        .from(swv)
        .where(sql`upper(${swv.registerCode}) = ${wanted.toUpperCase()}`);
      if (!found) throw new CliError(`No SWV has register code ${wanted}`);
      swvId = found.id;
      registerCode = found.registerCode;
    }
    if (swvId && input.schoolLocationCode) {
      const locationCode = input.schoolLocationCode.trim().toUpperCase();
      const [found] = await tx
        .select({ id: school.id })
        .from(school)
        .where(and(eq(school.swvId, swvId), eq(school.locationCode, locationCode)));
      if (!found) throw new CliError(`This SWV has no school ${locationCode}`);
      schoolId = found.id;
    }
    const userId = uuidv7();
    const [created] = await tx
      .insert(appUser)
      .values({ id: userId, swvId, email, displayName, passwordHash })
      .onConflictDoNothing()
      .returning({ id: appUser.id });
    if (!created) {
      throw new CliError(
        `This e-mail address already has an account ${swvId ? 'in this SWV' : 'as operator'}`,
      );
    }
    await tx.insert(membership).values({ id: uuidv7(), swvId, userId, role, schoolId });
    if (swvId) {
      // The operator at the command line: in the SWV's audit trail without an actor account.
      await appendAdminEvent(tx, {
        swvId,
        actorUserId: null,
        subjectUserId: userId,
        kind: 'user_created',
        details: { roles: [role], schoolId },
        at: now,
      });
    }
    const activation = password === null ? await issueActivation(tx, userId, now) : null;
    return { registerCode, activation };
  });
}

/** The account of an address; accounts are per SWV, so an address in several needs --swv. */
async function findUser(
  database: Database,
  email: string,
  swvRegisterCode?: string,
): Promise<{ id: string }> {
  const users = await database.db
    .select({ id: appUser.id })
    .from(appUser)
    .leftJoin(swv, eq(swv.id, appUser.swvId))
    .where(
      and(
        eq(appUser.email, parseEmail(email)),
        swvRegisterCode
          ? sql`upper(${swv.registerCode}) = ${swvRegisterCode.trim().toUpperCase()}`
          : undefined,
      ),
    );
  if (users.length === 0) throw new CliError('No account has this e-mail address');
  if (users.length > 1) {
    throw new CliError('This address has accounts in several SWVs: add --swv <register code>');
  }
  return users[0]!;
}

/** A new password ends every session (docs/SECURITY.md B4); the second factor stays as it is (docs/SECURITY.md B2). */
export async function setPassword(
  database: Database,
  email: string,
  password: string,
  swvRegisterCode?: string,
): Promise<number> {
  const user = await findUser(database, email, swvRegisterCode);
  const passwordHash = await hashPassword(password);
  return database.db.transaction(async (tx) => {
    await tx.update(appUser).set({ passwordHash }).where(eq(appUser.id, user.id));
    return endUserSessions(tx, user.id);
  });
}

/** The user sets up a new second factor at the next login; recovery codes and sessions end now. */
export async function resetSecondFactor(
  database: Database,
  email: string,
  swvRegisterCode?: string,
): Promise<number> {
  const user = await findUser(database, email, swvRegisterCode);
  return database.db.transaction(async (tx) => {
    await tx
      .update(appUser)
      .set({ totpSecret: null, totpSecretKeyId: null, totpEnabledAt: null, totpLastStep: null })
      .where(eq(appUser.id, user.id));
    await tx.delete(recoveryCode).where(eq(recoveryCode.userId, user.id));
    return endUserSessions(tx, user.id);
  });
}

export async function endSessions(
  database: Database,
  email: string,
  swvRegisterCode?: string,
): Promise<number> {
  const user = await findUser(database, email, swvRegisterCode);
  return endUserSessions(database.db, user.id);
}
