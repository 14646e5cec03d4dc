// Account work for the operator at the command line: create an account (the operator's own
// included, which has no SWV), set a password, reset the second factor, end sessions. It trusts
// whoever can reach the database; the web app's user management goes through the policy instead.
import { and, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import { Email, Name } from '../contracts/common.ts';
import { type Role, roles, schoolRoles } from '../domain/roles.ts';
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
 * Creates the account with one membership; the password is checked by the caller. Answers the
 * SWV's register code as stored, for the confirmation.
 */
export async function createAccount(
  database: Database,
  input: NewAccount,
  password: string,
): Promise<{ registerCode: string | null }> {
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
  const passwordHash = await hashPassword(password);

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
    if (!created) throw new CliError('This e-mail address already has an account');
    await tx.insert(membership).values({ id: uuidv7(), swvId, userId, role, schoolId });
    return { registerCode };
  });
}

async function findUser(database: Database, email: string): Promise<{ id: string }> {
  const [user] = await database.db
    .select({ id: appUser.id })
    .from(appUser)
    .where(eq(appUser.email, parseEmail(email)));
  if (!user) throw new CliError('No account has this e-mail address');
  return user;
}

/** A new password ends every session (TRUST B4); the second factor stays as it is (TRUST B2). */
export async function setPassword(database: Database, email: string, password: string): Promise<number> {
  const user = await findUser(database, email);
  const passwordHash = await hashPassword(password);
  return database.db.transaction(async (tx) => {
    await tx.update(appUser).set({ passwordHash }).where(eq(appUser.id, user.id));
    return endUserSessions(tx, user.id);
  });
}

/** The user sets up a new second factor at the next login; recovery codes and sessions end now. */
export async function resetSecondFactor(database: Database, email: string): Promise<number> {
  const user = await findUser(database, email);
  return database.db.transaction(async (tx) => {
    await tx
      .update(appUser)
      .set({ totpSecret: null, totpSecretKeyId: null, totpEnabledAt: null, totpLastStep: null })
      .where(eq(appUser.id, user.id));
    await tx.delete(recoveryCode).where(eq(recoveryCode.userId, user.id));
    return endUserSessions(tx, user.id);
  });
}

export async function endSessions(database: Database, email: string): Promise<number> {
  const user = await findUser(database, email);
  return endUserSessions(database.db, user.id);
}
