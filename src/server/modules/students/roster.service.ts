// A school's roster taken in through the web app (docs/domain.md, "Rosters from the school's
// system"): the school's IB'er or the SWV administrator sends the EDEXML file, sees what it would
// change, and sends the same file again to apply it (stateless; applying twice changes nothing the
// second time). The policy is asked before the file is read; the file is read in a worker thread
// (edexmlInWorker.ts), outside any transaction.
import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { RosterImportResult, RosterPupilView } from '../../../contracts/roster.ts';
import { amsterdamToday } from '../../../domain/calendar.ts';
import type { KnownPupil, RosterChanges, RosterValues } from '../../../domain/roster.ts';
import { appendAccessLog } from '../../access/accessLog.ts';
import type { Context } from '../../access/actor.ts';
import { authorizeLogged, inTransaction, originOf } from '../../access/authorize.ts';
import { can } from '../../access/policy.ts';
import type { Tx } from '../../db/client.ts';
import { school } from '../../db/schema/index.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { XmlFileRefused } from '../../xml/xsd.ts';
import type { Roster } from './edexml.ts';
import { readEdexmlInWorker } from './edexmlInWorker.ts';
import { compareRoster, type RosterSchool, rosterSchoolMismatch, writeRoster } from './rosterImport.ts';

type PupilView = z.infer<typeof RosterPupilView>;
type Result = z.infer<typeof RosterImportResult>;

async function rosterSchoolOf(tx: Tx, schoolId: string): Promise<RosterSchool> {
  const [found] = await tx
    .select({ swvId: school.swvId, id: school.id, locationCode: school.locationCode, name: school.name })
    .from(school)
    .where(eq(school.id, schoolId));
  if (!found) throw notFound();
  return found;
}

const fullName = (values: Pick<RosterValues, 'givenName' | 'familyNamePrefix' | 'familyName'>) =>
  [values.givenName, values.familyNamePrefix, values.familyName].filter(Boolean).join(' ');

/**
 * The changes as the user may see them: with names for who may read the school's children (the
 * IB'er), the file's keys and the counts only for the SWV administrator (docs/SECURITY.md: no
 * back door for administrators).
 */
function resultView(
  roster: Roster,
  known: readonly KnownPupil[],
  changes: RosterChanges,
  withNames: boolean,
  applied: boolean,
): Omit<Result, 'teachers'> {
  const pupil = (values: RosterValues): PupilView =>
    withNames
      ? {
          key: values.schoolKey,
          name: fullName(values),
          birthDate: values.birthDate,
          groupName: values.groupName,
        }
      : { key: values.schoolKey, name: null, birthDate: null, groupName: null };
  const byId = new Map(known.map((child) => [child.id, child]));
  return {
    applied,
    withNames,
    version: roster.version,
    schoolYear: roster.schoolYear,
    locationCode: roster.locationCode,
    pupilsInFile: roster.pupils.length,
    added: changes.added.map(pupil),
    changed: changes.changed.map((change) => ({
      pupil: pupil(change.after),
      fields: change.fields.map((field) => ({
        field,
        before: withNames ? change.before[field] : null,
        after: withNames ? change.after[field] : null,
      })),
    })),
    left: changes.left.map((child) => ({ pupil: pupil(child.before), leftOn: child.leftOn })),
    notInFile: changes.notInFile.map((child) => pupil(byId.get(child.id)!)),
    skipped: changes.skipped.map((skip) => ({ key: skip.key, reason: skip.reason })),
    unchanged: changes.unchanged,
  };
}

/** The preview (`apply` false: nothing is written) or the import of an EDEXML file at a school. */
export async function importRosterFile(
  ctx: Context,
  schoolId: string,
  content: Uint8Array,
  apply: boolean,
): Promise<Result> {
  const log = {
    studentId: null,
    objectId: schoolId,
    ...(apply
      ? { action: 'update' as const, objectType: 'roster_import' }
      : { action: 'search' as const, objectType: 'roster_preview' }),
  };
  // Asked before the file is read: who may not makes the server parse nothing; the refusal is logged.
  const { target, decision } = await inTransaction(ctx, async (tx) => {
    const target = await rosterSchoolOf(tx, schoolId);
    const resource = { type: 'school_roster', swvId: target.swvId, schoolId } as const;
    const decision = can(ctx.actor, 'manage', resource);
    if (!decision.allowed) {
      await authorizeLogged(tx, ctx, { action: 'manage', resource, log: { ...log, swvId: target.swvId } });
      throw forbidden();
    }
    return { target, decision };
  });

  let roster: Roster;
  try {
    roster = await readEdexmlInWorker(content);
  } catch (error) {
    if (!(error instanceof XmlFileRefused)) throw error;
    throw new AppError('rule_violated', 'The file was refused; nothing was imported', {
      rule: 'edexml_refused',
      reason: error.reason,
      problems: error.problems,
    });
  }
  if (rosterSchoolMismatch(roster, target))
    throw new AppError(
      'rule_violated',
      `The file is of school ${roster.locationCode}, not of ${target.locationCode}`,
      {
        rule: 'edexml_other_school',
        fileLocationCode: roster.locationCode,
        schoolLocationCode: target.locationCode,
      },
    );

  const today = amsterdamToday(ctx.now);
  const withNames = can(ctx.actor, 'read', { type: 'student_list', swvId: target.swvId, schoolId }).allowed;
  return inTransaction(ctx, async (tx) => {
    const { known, changes, teachers } = await compareRoster(tx, target, roster, today);
    if (apply)
      // The import's one access-log row, in the name of the user and the role that allowed it.
      await writeRoster(tx, target, changes, {
        today,
        origin: originOf(ctx),
        actorRole: decision.role,
        actorOrganisation: decision.organisation,
      });
    // The preview reads the school's children: logged as one search of the school's list.
    else
      await appendAccessLog(tx, originOf(ctx), {
        ...log,
        swvId: target.swvId,
        outcome: 'allowed',
        purpose: decision.purpose,
        actorRole: decision.role,
        actorOrganisation: decision.organisation,
      });
    return {
      ...resultView(roster, known, changes, withNames, apply),
      teachers: { inFile: roster.teachers.length, ...teachers },
    };
  });
}
