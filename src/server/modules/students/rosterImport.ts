// A school's roster taken in from its administration system (EDEXML): compared with the children
// Passend holds for the school (src/domain/roster.ts), then written in one transaction — new
// children with their enrolment, changed names and groups, children who left marked as left (never
// deleted). The access log gets one row for the import: the school's own administrative data, from
// the school's own system (docs/decisions/0027-xml-validation-with-libxml2.md).
import { and, eq, isNull, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import {
  type KnownPupil,
  type RosterChanges,
  rosterChanges,
  type TeacherAccount,
  type TeacherMatches,
  teacherMatches,
} from '../../../domain/roster.ts';
import { type AccessOrigin, appendAccessLog } from '../../access/accessLog.ts';
import type { Database, Tx } from '../../db/client.ts';
import { appUser, enrolment, membership, school, student, swv } from '../../db/schema/index.ts';
import type { Roster } from './edexml.ts';

export type RosterSchool = { swvId: string; id: string; locationCode: string; name: string };

/** The schools a location code names: in the SWV with this register code, or in any SWV. */
export async function schoolsByLocationCode(
  database: Database,
  locationCode: string,
  registerCode: string | null,
): Promise<(RosterSchool & { registerCode: string })[]> {
  return database.db
    .select({
      swvId: school.swvId,
      id: school.id,
      locationCode: school.locationCode,
      name: school.name,
      registerCode: swv.registerCode,
    })
    .from(school)
    .innerJoin(swv, eq(swv.id, school.swvId))
    .where(
      registerCode === null
        ? eq(school.locationCode, locationCode)
        : and(eq(school.locationCode, locationCode), eq(swv.registerCode, registerCode)),
    );
}

/** Why a roster cannot go to this school, or null: its own school code must be the school's. */
export function rosterSchoolMismatch(roster: Roster, target: RosterSchool): string | null {
  if (roster.locationCode === null) return null;
  return roster.locationCode === target.locationCode
    ? null
    : `The file is of school ${roster.locationCode}, not of ${target.locationCode} (${target.name})`;
}

async function knownPupils(tx: Tx, target: RosterSchool): Promise<KnownPupil[]> {
  return tx
    .select({
      id: student.id,
      schoolKey: student.schoolKey,
      eckId: student.eckId,
      givenName: student.givenName,
      familyNamePrefix: student.familyNamePrefix,
      familyName: student.familyName,
      birthDate: student.birthDate,
      groupName: student.groupName,
      leftOn: student.leftOn,
    })
    .from(student)
    .where(and(eq(student.swvId, target.swvId), eq(student.schoolId, target.id)));
}

/** Rows per insert: well under PostgreSQL's 65,535 parameters. */
const insertBatch = 1000;

export type RosterWriteOptions = {
  today: string;
  origin: AccessOrigin;
  actorRole: string;
  /** On whose behalf, for the access log; the school itself unless said (docs/SECURITY.md A1). */
  actorOrganisation?: string;
  onProgress?: (done: number, total: number) => void;
};

/** The school's children and what the roster changes of them; reads, writes nothing. */
export async function compareRoster(
  tx: Tx,
  target: RosterSchool,
  roster: Roster,
  today: string,
): Promise<{ known: KnownPupil[]; changes: RosterChanges; teachers: TeacherMatches }> {
  const known = await knownPupils(tx, target);
  return {
    known,
    changes: rosterChanges(known, roster.pupils, today),
    teachers: teacherMatches(roster.teachers, await teacherAccountsOf(tx, target)),
  };
}

/** The active accounts with a teacher membership at the school, each with its groups there. */
async function teacherAccountsOf(tx: Tx, target: RosterSchool): Promise<TeacherAccount[]> {
  const rows = await tx
    .select({ email: appUser.email, displayName: appUser.displayName, groups: membership.groups })
    .from(membership)
    .innerJoin(appUser, eq(appUser.id, membership.userId))
    .where(
      and(
        eq(membership.swvId, target.swvId),
        eq(membership.schoolId, target.id),
        eq(membership.role, 'teacher'),
        isNull(appUser.disabledAt),
      ),
    );
  const byEmail = new Map<string, TeacherAccount>();
  for (const row of rows) {
    const account = byEmail.get(row.email) ?? {
      email: row.email,
      displayName: row.displayName,
      groupNames: [],
    };
    account.groupNames = [...new Set([...account.groupNames, ...row.groups])];
    byEmail.set(row.email, account);
  }
  return [...byEmail.values()];
}

/**
 * Compares the roster with the school's children and, when `apply`, writes the changes in one
 * transaction (a failure leaves nothing). Without `apply` it is the preview: nothing is written.
 */
export async function importRoster(
  database: Database,
  target: RosterSchool,
  roster: Roster,
  options: RosterWriteOptions & { apply: boolean },
): Promise<RosterChanges> {
  return database.db.transaction(async (tx) => {
    const { changes } = await compareRoster(tx, target, roster, options.today);
    if (options.apply) await writeRoster(tx, target, changes, options);
    return changes;
  });
}

/** Writes the changes compareRoster found, with the one access-log row of the import. */
export async function writeRoster(
  tx: Tx,
  target: RosterSchool,
  changes: RosterChanges,
  options: RosterWriteOptions,
): Promise<void> {
  const total = changes.added.length + changes.changed.length + changes.left.length;
  let done = 0;
  const progress = (count: number) => {
    done += count;
    options.onProgress?.(done, total);
  };
  const added = changes.added.map((values) => ({
    ...values,
    id: uuidv7(),
    swvId: target.swvId,
    schoolId: target.id,
  }));
  for (let i = 0; i < added.length; i += insertBatch) {
    const batch = added.slice(i, i + insertBatch);
    await tx.insert(student).values(batch);
    await tx.insert(enrolment).values(
      batch.map((pupil) => ({
        swvId: target.swvId,
        id: uuidv7(),
        studentId: pupil.id,
        schoolId: target.id,
        groupName: pupil.groupName,
        startedOn: options.today,
      })),
    );
    progress(batch.length);
  }
  for (const change of changes.changed) {
    await tx
      .update(student)
      .set(change.after)
      .where(and(eq(student.swvId, target.swvId), eq(student.id, change.id)));
    progress(1);
  }
  // Left: marked on the child, and the stay at this school ends in the school career.
  const leaving = [
    ...changes.left.map((pupil) => ({ id: pupil.id, leftOn: pupil.leftOn })),
    ...changes.changed
      .filter((change) => change.fields.includes('leftOn') && change.after.leftOn !== null)
      .map((change) => ({ id: change.id, leftOn: change.after.leftOn! })),
  ];
  for (const pupil of leaving) {
    await tx
      .update(student)
      .set({ leftOn: pupil.leftOn })
      .where(and(eq(student.swvId, target.swvId), eq(student.id, pupil.id)));
    await tx
      .update(enrolment)
      .set({ endedOn: sql`greatest(${enrolment.startedOn}, ${pupil.leftOn}::date)` })
      .where(
        and(
          eq(enrolment.swvId, target.swvId),
          eq(enrolment.schoolId, target.id),
          eq(enrolment.studentId, pupil.id),
          isNull(enrolment.endedOn),
        ),
      );
  }
  progress(changes.left.length);
  await appendAccessLog(tx, options.origin, {
    swvId: target.swvId,
    studentId: null,
    objectType: 'roster_import',
    objectId: target.id,
    action: 'update',
    outcome: 'allowed',
    purpose: `roster from the school's system: ${changes.added.length} added, ${changes.changed.length} changed, ${changes.left.length} left`,
    actorRole: options.actorRole,
    actorOrganisation:
      options.actorOrganisation ?? (options.actorRole === 'operator' ? 'operator' : `school:${target.id}`),
  });
}
