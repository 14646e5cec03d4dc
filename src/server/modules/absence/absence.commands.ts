// The daily work on children at home (docs/domain.md, "Children at home"), run by the scheduler:
// each open case that crossed a threshold (4 weeks, 3 months, 6 months) gets it on its timeline
// once, its responsible people hear of it, and the escalation ladder adds its people; an open watch
// whose absence has lasted 4 weeks asks the school and leerplicht to open a case. Idempotent: a
// threshold is recorded once per case (a unique index) and notify() gives each notice once.
//
// The job is not a person reading a child's file: it writes no access-log row; what the people it
// notifies then open is logged.
import { and, eq, isNotNull, isNull, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import {
  type AbsenceThreshold,
  addedAt,
  thresholdDate,
  thresholdsCrossed,
  watchDueOn,
} from '../../../domain/absence.ts';
import { amsterdamToday } from '../../../domain/calendar.ts';
import { type Database, queryRows, type Tx } from '../../db/client.ts';
import { absenceCase, absenceEvent, absenceLadder } from '../../db/schema/index.ts';
import { notify } from '../notifications/notifications.commands.ts';
import { attendanceOfficers, caseRecords, schoolIbs, watchRecords } from './absence.queries.ts';

/** Runs the thresholds and the watches of every SWV; returns how many notices were new. */
export async function runAbsenceThresholds(database: Database, now: Date): Promise<number> {
  const swvs = await queryRows<{ id: string }>(database.db, sql`select id from swv order by id`);
  let created = 0;
  for (const { id } of swvs)
    created += await database.db.transaction((tx) => absenceThresholdsOf(tx, id, now));
  return created;
}

export async function absenceThresholdsOf(tx: Tx, swvId: string, now: Date): Promise<number> {
  const today = amsterdamToday(now);
  const ladder = await tx
    .select({
      municipality: absenceLadder.municipality,
      threshold: absenceLadder.threshold,
      userId: absenceLadder.userId,
    })
    .from(absenceLadder)
    .where(sql`${absenceLadder.swvId} = ${swvId}`);
  const recorded = await queryRows<{ caseId: string; threshold: AbsenceThreshold }>(
    tx,
    sql`select case_id as "caseId", threshold from absence_event
        where swv_id = ${swvId} and kind = 'threshold'`,
  );
  const done = new Set(recorded.map((r) => `${r.caseId}|${r.threshold}`));
  // An exemption is a legal exemption: no thresholds, no escalation.
  const cases = await caseRecords(tx, swvId, today, sql`c.ended_on is null and c.kind <> 'exemption'`);
  let created = 0;
  for (const record of cases) {
    for (const threshold of thresholdsCrossed(record.startedOn, today)) {
      if (done.has(`${record.id}|${threshold}`)) continue;
      const added = addedAt(ladder, record.municipality, threshold);
      const on = thresholdDate(record.startedOn, threshold);
      const inserted = await tx
        .insert(absenceEvent)
        .values({ swvId, id: uuidv7(), caseId: record.id, kind: 'threshold', threshold, on, at: now })
        .onConflictDoNothing()
        .returning({ id: absenceEvent.id });
      if (inserted.length === 0) continue;
      if (added.length > 0)
        await tx.insert(absenceEvent).values({
          swvId,
          id: uuidv7(),
          caseId: record.id,
          kind: 'escalated',
          on,
          at: now,
          userIds: added,
        });
      const responsible = [record.attendanceOfficerUserId, record.consultantUserId].filter(
        (id): id is string => id !== null,
      );
      created += await notify(tx, now, {
        swvId,
        userIds: [
          ...responsible,
          ...(await schoolIbs(tx, swvId, record.schoolId)),
          ...record.involvedUserIds,
          ...added,
        ],
        kind: 'absence_threshold',
        subjectType: 'absence_case',
        subjectId: record.id,
        occasion: threshold,
        firstName: record.firstName,
        link: `/absence/cases/${record.id}`,
      });
    }
  }
  for (const watch of await watchRecords(tx, swvId, sql`w.state = 'open'`)) {
    if (watchDueOn(watch.absentSince) > today) continue;
    const officers = await attendanceOfficers(tx, swvId, watch.municipality);
    created += await notify(tx, now, {
      swvId,
      userIds: [...(await schoolIbs(tx, swvId, watch.schoolId)), ...officers.map((o) => o.id)],
      kind: 'absence_watch_due',
      subjectType: 'absence_watch',
      subjectId: watch.id,
      firstName: watch.firstName,
      link: '/absence',
    });
  }
  return created;
}

/**
 * Retention (docs/decisions/0045): deletes an ended absence case of a child without a file in
 * Passend (its names are on the case), with its offers, steps and events (ON DELETE CASCADE).
 * A case of a child with a file goes with the file (students.commands.ts, deleteChildFile).
 */
export async function deleteAbsenceCaseWithoutFile(tx: Tx, swvId: string, caseId: string): Promise<boolean> {
  const deleted = await tx
    .delete(absenceCase)
    .where(
      and(
        eq(absenceCase.swvId, swvId),
        eq(absenceCase.id, caseId),
        isNull(absenceCase.studentId),
        isNotNull(absenceCase.endedOn),
      ),
    )
    .returning({ id: absenceCase.id });
  return deleted.length > 0;
}
