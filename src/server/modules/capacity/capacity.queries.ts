// Reads and writes of the capacity module's tables (src/server/db/schema/capacity.ts); the names of
// schools, children and requests are read from their owners' tables.
import { and, asc, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { specialSchoolKinds } from '../../../domain/capacity.ts';
import type { Tx } from '../../db/client.ts';
import {
  arrangementProvider,
  placeCapacity,
  requestType,
  school,
  student,
  supportRequest,
  waitingEntry,
} from '../../db/schema/index.ts';

/** The schools with places (SBO, SO, VSO, OPDC) and the providers of an SWV, by name. */
export async function placesOf(tx: Tx, swvId: string) {
  const schools = await tx
    .select({ id: school.id, name: school.name, kind: school.kind })
    .from(school)
    .where(and(eq(school.swvId, swvId), inArray(school.kind, [...specialSchoolKinds])))
    .orderBy(asc(school.name));
  const providers = await tx
    .select({ id: arrangementProvider.id, name: arrangementProvider.name })
    .from(arrangementProvider)
    .where(eq(arrangementProvider.swvId, swvId))
    .orderBy(asc(arrangementProvider.name));
  return { schools, providers };
}

export const capacityRows = (tx: Tx, swvId: string, schoolYear: string) =>
  tx
    .select()
    .from(placeCapacity)
    .where(and(eq(placeCapacity.swvId, swvId), eq(placeCapacity.schoolYear, schoolYear)));

/** Inserts or replaces the places of one school or provider, year and category. */
export async function upsertPlaces(
  tx: Tx,
  row: Omit<typeof placeCapacity.$inferInsert, 'id'> & { id: string },
): Promise<void> {
  const same = and(
    eq(placeCapacity.swvId, row.swvId),
    eq(placeCapacity.schoolYear, row.schoolYear),
    eq(placeCapacity.category, row.category),
    row.schoolId ? eq(placeCapacity.schoolId, row.schoolId) : eq(placeCapacity.providerId, row.providerId!),
  );
  const updated = await tx
    .update(placeCapacity)
    .set({
      places: row.places,
      taken: row.taken,
      updatedByUserId: row.updatedByUserId,
      updatedAt: row.updatedAt,
    })
    .where(same)
    .returning({ id: placeCapacity.id });
  if (updated.length === 0) await tx.insert(placeCapacity).values(row);
}

export async function insertProvider(tx: Tx, row: typeof arrangementProvider.$inferInsert) {
  await tx.insert(arrangementProvider).values(row);
}

export const findSchool = async (tx: Tx, swvId: string, id: string) =>
  (
    await tx
      .select({ id: school.id, kind: school.kind })
      .from(school)
      .where(and(eq(school.swvId, swvId), eq(school.id, id)))
  )[0] ?? null;

export const findProvider = async (tx: Tx, swvId: string, id: string) =>
  (
    await tx
      .select({ id: arrangementProvider.id })
      .from(arrangementProvider)
      .where(and(eq(arrangementProvider.swvId, swvId), eq(arrangementProvider.id, id)))
  )[0] ?? null;

const childSchool = alias(school, 'child_school');
const studentName = sql<string>`concat_ws(' ', ${student.givenName}, nullif(${student.familyNamePrefix}, ''), ${student.familyName})`;

/** Waiting entries with what a list shows: the child, the child's school, the place, the request. */
export async function entryRows(tx: Tx, swvId: string, where?: SQL) {
  return tx
    .select({
      entry: waitingEntry,
      studentName,
      studentSchoolId: student.schoolId,
      groupName: student.groupName,
      studentSchoolName: childSchool.name,
      placeName: sql<string>`coalesce(${school.name}, ${arrangementProvider.name})`,
      schoolKind: school.kind,
      requestNumber: supportRequest.number,
      requestTypeName: requestType.name,
    })
    .from(waitingEntry)
    .innerJoin(student, and(eq(student.swvId, waitingEntry.swvId), eq(student.id, waitingEntry.studentId)))
    .innerJoin(childSchool, and(eq(childSchool.swvId, student.swvId), eq(childSchool.id, student.schoolId)))
    .leftJoin(school, and(eq(school.swvId, waitingEntry.swvId), eq(school.id, waitingEntry.schoolId)))
    .leftJoin(
      arrangementProvider,
      and(
        eq(arrangementProvider.swvId, waitingEntry.swvId),
        eq(arrangementProvider.id, waitingEntry.providerId),
      ),
    )
    .leftJoin(
      supportRequest,
      and(eq(supportRequest.swvId, waitingEntry.swvId), eq(supportRequest.id, waitingEntry.requestId)),
    )
    .leftJoin(
      requestType,
      and(eq(requestType.swvId, supportRequest.swvId), eq(requestType.id, supportRequest.typeId)),
    )
    .where(where ? and(eq(waitingEntry.swvId, swvId), where) : eq(waitingEntry.swvId, swvId))
    .orderBy(asc(waitingEntry.since), asc(waitingEntry.createdAt));
}
export type EntryRow = Awaited<ReturnType<typeof entryRows>>[number];

export const findEntry = async (tx: Tx, id: string) =>
  (await tx.select().from(waitingEntry).where(eq(waitingEntry.id, id)))[0] ?? null;

export const openEntriesOf = (tx: Tx, swvId: string, studentId: string) =>
  tx
    .select()
    .from(waitingEntry)
    .where(
      and(eq(waitingEntry.swvId, swvId), eq(waitingEntry.studentId, studentId), isNull(waitingEntry.endedOn)),
    );

export async function insertEntry(tx: Tx, row: typeof waitingEntry.$inferInsert) {
  await tx.insert(waitingEntry).values(row);
}

export async function updateEntry(
  tx: Tx,
  swvId: string,
  id: string,
  change: Partial<
    Pick<typeof waitingEntry.$inferInsert, 'promisedOn' | 'note' | 'endedOn' | 'ending' | 'updatedAt'>
  >,
) {
  await tx
    .update(waitingEntry)
    .set(change)
    .where(and(eq(waitingEntry.swvId, swvId), eq(waitingEntry.id, id)));
}

/** The child's decided requests that one may wait to use: granted (in part), with their category. */
export const decidedRequestsOf = (tx: Tx, swvId: string, studentId: string) =>
  tx
    .select({
      id: supportRequest.id,
      number: supportRequest.number,
      typeName: requestType.name,
      category: supportRequest.category,
    })
    .from(supportRequest)
    .innerJoin(
      requestType,
      and(eq(requestType.swvId, supportRequest.swvId), eq(requestType.id, supportRequest.typeId)),
    )
    .where(
      and(
        eq(supportRequest.swvId, swvId),
        eq(supportRequest.studentId, studentId),
        inArray(supportRequest.outcome, ['granted', 'partly_granted']),
      ),
    )
    .orderBy(asc(supportRequest.number));
