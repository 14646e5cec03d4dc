// Retention per data kind (docs/domain.md, "Retention"; docs/decisions/0045): the SWV's periods,
// the dry run of what is due today, and the deletion the administrator confirms after it — one
// transaction per child, through the owning modules' commands, with one access-log row each.
// Not here: the right-of-access export, break-glass, deleting a whole SWV.

import type { DeletionResult, RetentionReport, RetentionSettingsView } from '../../../contracts/retention.ts';
import { amsterdamToday } from '../../../domain/calendar.ts';
import {
  absenceCaseDueOn,
  childFileRetention,
  defaultRetentionSettings,
  isDueOn,
  type RetentionKind,
  type RetentionSettings,
  retentionBounds,
  retentionKinds,
  retentionYearsRefusal,
} from '../../../domain/retention.ts';
import { ownSwv } from '../../access/acting.ts';
import type { Context } from '../../access/actor.ts';
import { authorize, authorizeLogged, inTransaction } from '../../access/authorize.ts';
import { ruleViolated } from '../../access/useCase.ts';
import type { Queryable } from '../../db/client.ts';
import { retentionSetting } from '../../db/schema/index.ts';
import { deleteAbsenceCaseWithoutFile } from '../absence/absence.commands.ts';
import { deleteNotificationsAbout } from '../notifications/notifications.commands.ts';
import { deleteChildFile } from '../students/students.commands.ts';
import {
  absenceCasesWithoutFile,
  childCandidates,
  noticesAbout,
  retentionSettingRows,
  rowsPerTable,
  subjectIdsOfChild,
} from './retention.queries.ts';

async function settingsOf(db: Queryable, swvId: string): Promise<RetentionSettings> {
  const settings = { ...defaultRetentionSettings };
  for (const row of await retentionSettingRows(db, swvId)) settings[row.kind] = row.years;
  return settings;
}

export async function getRetentionSettings(ctx: Context): Promise<RetentionSettingsView> {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'read', { type: 'retention', swvId });
  const rows = await retentionSettingRows(ctx.database.db, swvId);
  return {
    kinds: retentionKinds.map((kind) => {
      const row = rows.find((r) => r.kind === kind);
      return {
        kind,
        ...retentionBounds[kind],
        years: row?.years ?? retentionBounds[kind].defaultYears,
        setAt: row ? new Date(row.setAt).toISOString() : null,
      };
    }),
  };
}

export async function setRetentionPeriod(
  ctx: Context,
  input: { kind: RetentionKind; years: number },
): Promise<RetentionSettingsView> {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'manage', { type: 'retention', swvId });
  const refusal = retentionYearsRefusal(input.kind, input.years);
  if (refusal) throw ruleViolated(refusal);
  const values = { years: input.years, setByUserId: ctx.actor.userId, setAt: ctx.now };
  await ctx.database.db
    .insert(retentionSetting)
    .values({ swvId, kind: input.kind, ...values })
    .onConflictDoUpdate({ target: [retentionSetting.swvId, retentionSetting.kind], set: values });
  return getRetentionSettings(ctx);
}

type DueNow = {
  today: string;
  children: { studentId: string; dueOn: string }[];
  absenceCases: { caseId: string; dueOn: string }[];
  notYetDue: RetentionReport['notYetDue'];
};

/** What is due today, by the domain's rules; reads only. */
async function dueNow(
  db: Queryable,
  swvId: string,
  today: string,
  only?: { children: readonly string[]; absenceCases: readonly string[] },
): Promise<DueNow> {
  const settings = await settingsOf(db, swvId);
  const notYetDue = { openRequest: 0, openAbsence: 0, periodRunning: 0 };
  const children: DueNow['children'] = [];
  for (const candidate of await childCandidates(db, swvId, only?.children)) {
    const retention = childFileRetention(candidate, settings, today);
    if (retention.due) children.push({ studentId: candidate.studentId, dueOn: retention.dueOn });
    else if (retention.reason === 'open_request') notYetDue.openRequest++;
    else if (retention.reason === 'open_absence') notYetDue.openAbsence++;
    else if (retention.reason === 'period') notYetDue.periodRunning++;
  }
  const absenceCases: DueNow['absenceCases'] = [];
  for (const { caseId, endedOn } of await absenceCasesWithoutFile(db, swvId, only?.absenceCases)) {
    const dueOn = absenceCaseDueOn(endedOn, settings);
    if (dueOn !== null && isDueOn(dueOn, today)) absenceCases.push({ caseId, dueOn });
  }
  return { today, children, absenceCases, notYetDue };
}

/**
 * The dry run: what a deletion would remove today, per kind and per table, children by their
 * pseudonymous id only. It changes nothing, and writes no access-log row: it shows no child data.
 */
export async function retentionReport(ctx: Context): Promise<RetentionReport> {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'read', { type: 'retention', swvId });
  const db = ctx.database.db;
  const due = await dueNow(db, swvId, amsterdamToday(ctx.now));
  const studentIds = due.children.map((c) => c.studentId);
  const caseIds = due.absenceCases.map((c) => c.caseId);
  const tables = await rowsPerTable(db, swvId, studentIds, caseIds);
  const subjectIds = [...caseIds];
  for (const studentId of studentIds) subjectIds.push(...(await subjectIdsOfChild(db, swvId, studentId)));
  if (subjectIds.length > 0) tables.push(...(await noticesAbout(db, swvId, subjectIds)));
  return {
    today: due.today,
    children: due.children.map((c) => ({ pseudonym: c.studentId, dueOn: c.dueOn })),
    absenceCases: due.absenceCases.map((c) => ({ pseudonym: c.caseId, dueOn: c.dueOn })),
    tables: tables.filter((t) => t.rows > 0),
    notYetDue: due.notYetDue,
  };
}

/**
 * Deletes what the administrator confirmed after the dry run: each child's whole file in a
 * transaction of its own (its notices first, then the student row and its cascades) with one
 * access-log row `delete` on the child. Each id is checked again first: one not (or no longer) due,
 * unknown or of another SWV is skipped.
 */
export async function deleteDue(
  ctx: Context,
  input: { children: readonly string[]; absenceCases: readonly string[] },
): Promise<DeletionResult> {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'manage', { type: 'retention', swvId });
  const children = [...new Set(input.children)];
  const cases = [...new Set(input.absenceCases)];
  const due = await dueNow(ctx.database.db, swvId, amsterdamToday(ctx.now), {
    children,
    absenceCases: cases,
  });
  const result = { deletedChildren: 0, deletedAbsenceCases: 0, skipped: 0 };
  for (const { studentId } of due.children) {
    const deleted = await inTransaction(ctx, async (tx) => {
      // Still due inside the transaction: nothing reopened the file meanwhile.
      const [again] = await dueNow(tx, swvId, amsterdamToday(ctx.now), {
        children: [studentId],
        absenceCases: [],
      }).then((d) => d.children);
      if (!again) return false;
      await authorizeLogged(tx, ctx, {
        action: 'manage',
        resource: { type: 'retention', swvId },
        log: {
          swvId,
          studentId,
          action: 'delete',
          objectType: 'child_file',
          objectId: studentId,
          part: 'retention',
        },
      });
      await deleteNotificationsAbout(tx, swvId, await subjectIdsOfChild(tx, swvId, studentId));
      return deleteChildFile(tx, swvId, studentId);
    });
    if (deleted) result.deletedChildren++;
  }
  for (const { caseId } of due.absenceCases) {
    const deleted = await inTransaction(ctx, async (tx) => {
      await authorizeLogged(tx, ctx, {
        action: 'manage',
        resource: { type: 'retention', swvId },
        log: {
          swvId,
          studentId: null,
          action: 'delete',
          objectType: 'absence_case',
          objectId: caseId,
          part: 'retention',
        },
      });
      await deleteNotificationsAbout(tx, swvId, [caseId]);
      return deleteAbsenceCaseWithoutFile(tx, swvId, caseId);
    });
    if (deleted) result.deletedAbsenceCases++;
  }
  result.skipped = children.length + cases.length - result.deletedChildren - result.deletedAbsenceCases;
  return result;
}
