// Gathers every stored row about one child for the export (docs/SECURITY.md E1): one table per section,
// found by the child's id or through the row it hangs under (a plan's goals, a request's advice), always
// within the child's SWV. Reads only; `exportCoverage` names every table that holds a child's data,
// and a test fails when a table that reaches the student table is missing from it.
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import type { ExportSection } from '../../../domain/childExport.ts';
import type { Tx } from '../../db/client.ts';
import {
  absenceCase,
  absenceEvent,
  absenceOffer,
  absenceStep,
  absenceWatch,
  accessLog,
  appUser,
  caseMeeting,
  caseMeetingAction,
  caseMember,
  complaint,
  consent,
  dispute,
  document,
  enrolment,
  objection,
  objectionEvent,
  osoAttachment,
  osoDossier,
  osoEntry,
  plan,
  planAgreement,
  planGoal,
  planParentResponse,
  requestAdvice,
  requestDelivery,
  requestEvent,
  student,
  studentGuardian,
  supportLevelChange,
  supportRequest,
  surveyInvitation,
  transition,
  waitingEntry,
} from '../../db/schema/index.ts';

/** How a section's rows are found: by the child, or under the rows of another section. */
type Source = { table: PgTable; under?: { section: ExportSection; column: string } };

/** The tables of the sections (the access log is read apart: its rows are shown with names). */
const sources: Record<Exclude<ExportSection, 'accessLog'>, Source> = {
  student: { table: student },
  enrolments: { table: enrolment },
  guardians: { table: studentGuardian },
  supportLevels: { table: supportLevelChange },
  plans: { table: plan },
  planGoals: { table: planGoal, under: { section: 'plans', column: 'plan_id' } },
  planAgreements: { table: planAgreement, under: { section: 'plans', column: 'plan_id' } },
  planResponses: { table: planParentResponse, under: { section: 'plans', column: 'plan_id' } },
  requests: { table: supportRequest },
  requestEvents: { table: requestEvent, under: { section: 'requests', column: 'request_id' } },
  requestAdvices: { table: requestAdvice, under: { section: 'requests', column: 'request_id' } },
  requestDeliveries: { table: requestDelivery, under: { section: 'requests', column: 'request_id' } },
  surveyInvitations: { table: surveyInvitation, under: { section: 'requests', column: 'request_id' } },
  objections: { table: objection, under: { section: 'requests', column: 'request_id' } },
  objectionEvents: { table: objectionEvent, under: { section: 'objections', column: 'objection_id' } },
  waitingEntries: { table: waitingEntry },
  absenceWatches: { table: absenceWatch },
  absenceCases: { table: absenceCase },
  absenceOffers: { table: absenceOffer, under: { section: 'absenceCases', column: 'case_id' } },
  absenceSteps: { table: absenceStep, under: { section: 'absenceCases', column: 'case_id' } },
  absenceEvents: { table: absenceEvent, under: { section: 'absenceCases', column: 'case_id' } },
  transitions: { table: transition },
  osoDossiers: { table: osoDossier },
  osoEntries: { table: osoEntry },
  osoAttachments: { table: osoAttachment },
  consents: { table: consent },
  caseTeam: { table: caseMember },
  meetings: { table: caseMeeting },
  meetingActions: { table: caseMeetingAction, under: { section: 'meetings', column: 'meeting_id' } },
  documents: { table: document },
  disputes: { table: dispute },
  complaints: { table: complaint },
};

/**
 * Every table that holds data of a child, by its SQL name: the section that exports it, or why it is
 * left out. test: childExport.test.ts walks the schema and fails on a table that reaches `student`
 * (a `student_id` column or a foreign key to such a table) and is not named here.
 */
export const exportCoverage: Record<string, { section: ExportSection } | { leftOut: string }> = {
  ...Object.fromEntries(
    Object.entries(sources).map(([section, source]) => [
      getTableConfig(source.table).name,
      { section: section as ExportSection },
    ]),
  ),
  access_log: { section: 'accessLog' },
  break_glass_window: {
    leftOut:
      'the operator’s break-glass windows: each opening, closing and read under one is a row of the access log, flagged with its reason',
  },
  document_chunk: {
    leftOut:
      'the documents’ content: listed with their metadata; each is downloaded on its own from the file (its own log row), the others on request',
  },
  notification: {
    leftOut:
      'messages to the users who follow the file: the recipients’ data, naming the child by first name only',
  },
  outbox_message: { leftOut: 'e-mails waiting to be sent to users: the recipients’ data, removed once sent' },
};

/**
 * Columns never exported: the child's ids in every row (said once at the top), the documents'
 * encryption material, the log's seal and network addresses (other people's data and security).
 */
const technicalColumns = new Set(['swv_id', 'student_id', 'key_id', 'iv', 'auth_tag']);

export type ExportRow = Record<string, unknown>;

/** A stored value as JSON: instants as ISO strings, bytes left out. */
function jsonValue(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Uint8Array) return undefined;
  return value;
}

function columnOf(table: PgTable, name: string): PgColumn {
  const column = getTableConfig(table).columns.find((c) => c.name === name);
  if (!column) throw new Error(`${getTableConfig(table).name} has no column ${name}`);
  return column;
}

/** The rows of one table: the child's, or those under the given parent rows; oldest first. */
async function rowsOf(tx: Tx, swvId: string, studentId: string, source: Source, parentIds: string[] | null) {
  const config = getTableConfig(source.table);
  let scope: SQL | undefined;
  if (source.under) {
    if (!parentIds || parentIds.length === 0) return [];
    scope = inArray(columnOf(source.table, source.under.column), parentIds);
  } else {
    scope = eq(columnOf(source.table, source.table === student ? 'id' : 'student_id'), studentId);
  }
  const order = config.columns.filter((c) => c.name === 'id');
  const rows = (await tx
    .select()
    .from(source.table)
    .where(and(eq(columnOf(source.table, 'swv_id'), swvId), scope))
    .orderBy(...order.map((c) => asc(c)))) as Record<string, unknown>[];
  const exported = config.columns.filter((c) => !technicalColumns.has(c.name));
  const keyOf = new Map(
    Object.entries(source.table as unknown as Record<string, unknown>)
      .filter(([, value]) => exported.includes(value as PgColumn))
      .map(([key, value]) => [value as PgColumn, key]),
  );
  return rows.map((row) => {
    const out: ExportRow = {};
    for (const column of exported) {
      const key = keyOf.get(column)!;
      const value = jsonValue(row[key]);
      if (value !== undefined) out[key] = value;
    }
    return out;
  });
}

/** Every section but the access log, in the order the sources list them (parents before children). */
export async function readChildSections(
  tx: Tx,
  swvId: string,
  studentId: string,
): Promise<Record<Exclude<ExportSection, 'accessLog'>, ExportRow[]>> {
  const found = {} as Record<Exclude<ExportSection, 'accessLog'>, ExportRow[]>;
  for (const [section, source] of Object.entries(sources) as [keyof typeof sources, Source][]) {
    const parent = source.under?.section as keyof typeof sources | undefined;
    const parentIds = parent ? found[parent].map((row) => String(row.id)) : null;
    found[section] = await rowsOf(tx, swvId, studentId, source, parentIds);
  }
  return found;
}

/** Every access-log row of the child, oldest first, with the actor's name and SWV. */
export async function readChildAccessLog(tx: Tx, swvId: string, studentId: string) {
  return tx
    .select({
      sequence: accessLog.id,
      at: accessLog.at,
      actorUserId: accessLog.actorUserId,
      actorName: appUser.displayName,
      actorSwvId: appUser.swvId,
      actorRole: accessLog.actorRole,
      actorOrganisation: accessLog.actorOrganisation,
      action: accessLog.action,
      outcome: accessLog.outcome,
      objectType: accessLog.objectType,
      objectId: accessLog.objectId,
      part: accessLog.part,
      purpose: accessLog.purpose,
      breakGlass: accessLog.breakGlass,
    })
    .from(accessLog)
    .leftJoin(appUser, eq(appUser.id, accessLog.actorUserId))
    .where(and(eq(accessLog.swvId, swvId), eq(accessLog.studentId, studentId)))
    .orderBy(asc(accessLog.id));
}

/** The names of the SWV's users the rows refer to. */
export async function peopleNamed(tx: Tx, swvId: string, userIds: string[]) {
  if (userIds.length === 0) return [];
  return tx
    .select({ id: appUser.id, name: appUser.displayName })
    .from(appUser)
    .where(and(eq(appUser.swvId, swvId), inArray(appUser.id, userIds)))
    .orderBy(asc(appUser.displayName), asc(appUser.id));
}

/** The section a section's rows hang under, and the field that names the parent row. */
export function parentSectionOf(section: ExportSection): { section: ExportSection; field: string } | null {
  if (section === 'accessLog') return null;
  const under = sources[section].under;
  return under
    ? { section: under.section, field: under.column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()) }
    : null;
}
