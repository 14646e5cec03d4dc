// Use cases on children at home (docs/domain.md, "Children at home"): absence cases with their
// offers, return plan and end; the school's watch before the 4 weeks; the figures on a reference
// date; the escalation ladder. Cases are children's data: every read and write runs through
// runUseCase with its access-log row (docs/SECURITY.md A1). Leerplicht reaches a case by the
// child's residence municipality without consent; the policy says so in the log's purpose.
import { and, asc, eq, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type {
  AbsenceFiguresQuery,
  AbsenceLadderBody,
  AbsenceListQuery,
  AbsenceOfferBody,
  AbsenceStepBody,
  AbsenceStepUpdateBody,
  AbsenceWatchBody,
  ConvertWatchBody,
  EndAbsenceCaseBody,
  RegisterAbsenceCaseBody,
  UpdateAbsenceCaseBody,
} from '../../../contracts/absence.ts';
import {
  type AbsenceCaseFacts,
  absenceCaseRefusal,
  absenceFiguresTable,
  absenceKinds,
  absenceNodes,
  absenceThresholds,
  countAbsence,
  countsAsThuiszitter,
  daysAtHome,
  durationBucket,
  durationBuckets,
  type ExemptionArticle,
  endRefusal,
  linkRefusal,
  offerRefusal,
  openCaseRefusal,
  pastTheRedLine,
  thresholdDate,
  watchDueOn,
  watchOpenRefusal,
} from '../../../domain/absence.ts';
import { nationalAbsenceFigures, nationalAbsenceSource } from '../../../domain/absenceNational.ts';
import { amsterdamToday } from '../../../domain/calendar.ts';
import { refuse } from '../../../domain/refusal.ts';
import { isSmallCell } from '../../../domain/smallCells.ts';
import { ownSwv } from '../../access/acting.ts';
import type { Context } from '../../access/actor.ts';
import { type AlsoCheck, authorize, authorizeLogged, inTransaction } from '../../access/authorize.ts';
import { type AbsencePart, can, type StudentFacts } from '../../access/policy.ts';
import { loadStudentFacts } from '../../access/scope.ts';
import { runUseCase } from '../../access/useCase.ts';
import { queryRows, type Tx } from '../../db/client.ts';
import {
  absenceCase,
  absenceEvent,
  absenceLadder,
  absenceOffer,
  absenceStep,
  absenceWatch,
} from '../../db/schema/index.ts';
import { notFound } from '../../http/errors.ts';
import {
  attendanceOfficers,
  type CaseRecord,
  caseRecords,
  findCase,
  findWatch,
  namesOf,
  usersInRoles,
  type WatchRecord,
  watchRecords,
} from './absence.queries.ts';

/** Who may be put on the escalation ladder: the SWV's own staff (docs/domain.md). */
export const ladderRoles = ['swv_admin', 'consultant', 'committee'] as const;

const casePart = (record: CaseRecord, student: StudentFacts | null): AbsencePart => ({
  type: 'absence_case',
  swvId: record.swvId,
  schoolId: record.schoolId,
  municipality: record.municipality,
  student,
  involvedUserIds: record.involvedUserIds,
});

const watchPart = (record: WatchRecord, student: StudentFacts | null): AbsencePart => ({
  type: 'absence_watch',
  swvId: record.swvId,
  schoolId: record.schoolId,
  municipality: record.municipality,
  student,
  involvedUserIds: [],
});

async function factsOf(tx: Tx, ctx: Context, studentIds: readonly (string | null)[]) {
  const ids = [...new Set(studentIds.filter((id): id is string => id !== null))];
  return loadStudentFacts(tx, ctx.actor, ids, ctx.now);
}

/** A student record a case is registered for or linked to: the policy's facts, birth date and school. */
type CaseStudent = { id: string; facts: StudentFacts; birthDate: string; schoolId: string };

async function caseStudentOf(tx: Tx, ctx: Context, studentId: string): Promise<CaseStudent> {
  const [row] = await queryRows<{ birthDate: string; schoolId: string }>(
    tx,
    sql`select birth_date::text as "birthDate", school_id as "schoolId" from student where id = ${studentId}`,
  );
  const found = (await factsOf(tx, ctx, [studentId])).get(studentId);
  if (!row || !found) throw notFound();
  return { id: studentId, facts: found, ...row };
}

/** A case as registering it makes it, for a student or (null) a child enrolled nowhere: what `create` asks. */
const newCasePart = (swvId: string, municipality: string, student: CaseStudent | null): AbsencePart => ({
  type: 'absence_case',
  swvId: student?.facts.swvId ?? swvId,
  schoolId: student?.schoolId ?? null,
  municipality,
  student: student?.facts ?? null,
  involvedUserIds: [],
});

type LoadedCase = { record: CaseRecord; part: AbsencePart };

/**
 * Loads a case, asks the policy and writes the one access-log row. Linking it to a student record
 * (`linking`) registers it for that child too: the actor must also pass the check registerCase
 * makes for that child, and the row is logged on that child.
 */
async function authorizeCase(
  tx: Tx,
  ctx: Context,
  caseId: string,
  action: 'read' | 'update',
  logPart: string | null,
  linking: CaseStudent | null = null,
): Promise<LoadedCase> {
  const record = await findCase(tx, caseId, amsterdamToday(ctx.now));
  if (!record) throw notFound();
  // A student record of another SWV is not found, as for a case of another SWV (docs/SECURITY.md C3).
  if (linking && linking.facts.swvId !== record.swvId) throw notFound();
  const facts = record.studentId
    ? ((await factsOf(tx, ctx, [record.studentId])).get(record.studentId) ?? null)
    : null;
  const part = casePart(record, facts);
  await authorizeLogged(tx, ctx, {
    action,
    resource: part,
    also: linking
      ? [{ action: 'create', resource: newCasePart(record.swvId, record.municipality, linking) }]
      : [],
    log: {
      swvId: record.swvId,
      studentId: linking?.id ?? record.studentId,
      action: action === 'read' ? 'read' : 'update',
      objectType: 'absence_case',
      objectId: caseId,
      part: logPart,
    },
  });
  return { record, part };
}

const facts = (record: CaseRecord): AbsenceCaseFacts => ({
  kind: record.kind,
  startedOn: record.startedOn,
  endedOn: record.endedOn,
  offerHours: record.offerHours,
});

function rowOf(record: CaseRecord, today: string) {
  const until = record.endedOn ?? today;
  return {
    id: record.id,
    kind: record.kind,
    childName: record.childName,
    studentId: record.studentId,
    schoolName: record.schoolName,
    municipality: record.municipality,
    startedOn: record.startedOn,
    endedOn: record.endedOn,
    daysAtHome: daysAtHome(record.startedOn, until),
    pastRedLine: pastTheRedLine(facts(record), today),
    offerHours: record.offerHours,
  };
}

async function caseView(tx: Tx, ctx: Context, loaded: LoadedCase) {
  const { record } = loaded;
  const today = amsterdamToday(ctx.now);
  const offers = await tx
    .select()
    .from(absenceOffer)
    .where(and(eq(absenceOffer.swvId, record.swvId), eq(absenceOffer.caseId, record.id)))
    .orderBy(asc(absenceOffer.fromOn), asc(absenceOffer.recordedAt));
  const steps = await tx
    .select()
    .from(absenceStep)
    .where(and(eq(absenceStep.swvId, record.swvId), eq(absenceStep.caseId, record.id)))
    .orderBy(asc(absenceStep.dueOn), asc(absenceStep.createdAt));
  const events = await tx
    .select()
    .from(absenceEvent)
    .where(and(eq(absenceEvent.swvId, record.swvId), eq(absenceEvent.caseId, record.id)))
    .orderBy(asc(absenceEvent.at), asc(absenceEvent.id));
  const names = await namesOf(tx, [
    ...events.flatMap((e) => [...e.userIds, ...(e.byUserId ? [e.byUserId] : [])]),
    ...[record.attendanceOfficerUserId, record.consultantUserId].filter((id): id is string => id !== null),
  ]);
  const person = (id: string | null) => (id ? { id, name: names.get(id) ?? '' } : null);
  const offerOf = (o: (typeof offers)[number]) => ({
    fromOn: o.fromOn,
    educationHours: o.educationHours,
    careHours: o.careHours,
    description: o.description,
    recordedAt: o.recordedAt.toISOString(),
  });
  const inForce = offers.filter((o) => o.fromOn <= today).at(-1);
  const until = record.endedOn ?? today;
  return {
    id: record.id,
    kind: record.kind,
    exemptionArticle: record.exemptionArticle as CaseView['exemptionArticle'],
    startedOn: record.startedOn,
    reason: record.reason,
    municipality: record.municipality,
    child: {
      studentId: record.studentId,
      name: record.childName,
      birthDate: record.birthDate,
      schoolName: record.schoolName,
    },
    attendanceOfficer: person(record.attendanceOfficerUserId),
    consultant: person(record.consultantUserId),
    offer: inForce ? offerOf(inForce) : null,
    offers: offers.map(offerOf),
    steps: steps.map((s) => ({ id: s.id, what: s.what, who: s.who, dueOn: s.dueOn, doneOn: s.doneOn })),
    events: events.map((e) => ({
      id: e.id,
      kind: e.kind,
      threshold: e.threshold,
      on: e.on,
      by: e.byUserId ? (names.get(e.byUserId) ?? null) : null,
      people: e.userIds.map((id) => names.get(id) ?? ''),
      note: e.note,
    })),
    thresholds: absenceThresholds.map((threshold) => {
      const on = thresholdDate(record.startedOn, threshold);
      return { threshold, on, crossed: on <= until };
    }),
    endedOn: record.endedOn,
    ending: record.ending as CaseView['ending'],
    endNote: record.endNote,
    daysAtHome: daysAtHome(record.startedOn, until),
    bucket: durationBucket(record.startedOn, until),
    pastRedLine: pastTheRedLine(facts(record), today),
    countsAsThuiszitter: countsAsThuiszitter(facts(record), today),
    permissions: { update: can(ctx.actor, 'update', loaded.part).allowed && record.endedOn === null },
  };
}
type CaseView = {
  exemptionArticle: z.infer<typeof RegisterAbsenceCaseBody>['exemptionArticle'];
  ending: z.infer<typeof EndAbsenceCaseBody>['ending'] | null;
};

async function addEvent(
  tx: Tx,
  ctx: Context,
  record: { swvId: string; id: string },
  kind: (typeof absenceEvent.$inferInsert)['kind'],
  note = '',
) {
  await tx.insert(absenceEvent).values({
    swvId: record.swvId,
    id: uuidv7(),
    caseId: record.id,
    kind,
    on: amsterdamToday(ctx.now),
    at: ctx.now,
    byUserId: ctx.actor.userId,
    note,
  });
}

async function reloadView(tx: Tx, ctx: Context, caseId: string) {
  const record = (await findCase(tx, caseId, amsterdamToday(ctx.now)))!;
  const student = record.studentId
    ? ((await factsOf(tx, ctx, [record.studentId])).get(record.studentId) ?? null)
    : null;
  return caseView(tx, ctx, { record, part: casePart(record, student) });
}

/** The people named on a case are who they say: an attendance officer of leerplicht, a consultant. */
async function peopleRefusal(
  tx: Tx,
  swvId: string,
  input: { attendanceOfficerUserId?: string | null; consultantUserId?: string | null },
) {
  if (input.attendanceOfficerUserId) {
    const officers = await attendanceOfficers(tx, swvId);
    if (!officers.some((o) => o.id === input.attendanceOfficerUserId))
      return refuse('not_an_attendance_officer', 'The responsible attendance officer works for leerplicht');
  }
  if (input.consultantUserId) {
    const consultants = await usersInRoles(tx, swvId, ['consultant']);
    if (!consultants.some((c) => c.id === input.consultantUserId))
      return refuse('not_a_consultant', 'The responsible consultant is a consultant of the SWV');
  }
  return null;
}

/**
 * The child's other cases: by the student record, or, for a child without one, by the name and
 * birth date a case was registered with, also once that case was linked to a record (else linking
 * the first would let the same child be registered by name again). A case registered for a record
 * holds no name of its own, so a registration by name never learns of a record's cases: those the
 * actor may not be allowed to open. Linking then meets them (updateCase).
 */
async function otherCasesOf(
  tx: Tx,
  swvId: string,
  child: { studentId: string | null; givenName: string; familyName: string; birthDate: string },
  exceptId: string | null,
) {
  // Two registrations of one child at once would each see no other case and both pass the overlap
  // rule: the child's cases are locked for the rest of this transaction (the insert included).
  const childKey = child.studentId
    ? `absence_case:${swvId}:${child.studentId}`
    : `absence_case:${swvId}:${child.givenName.toLowerCase()}|${child.familyName.toLowerCase()}|${child.birthDate}`;
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${childKey}, 0))`);
  return queryRows<{ startedOn: string; endedOn: string | null }>(
    tx,
    sql`select started_on::text as "startedOn", ended_on::text as "endedOn" from absence_case
        where swv_id = ${swvId} and id is distinct from ${exceptId}::uuid and ${
          child.studentId
            ? sql`student_id = ${child.studentId}`
            : sql`lower(child_given_name) = lower(${child.givenName})
                  and lower(child_family_name) = lower(${child.familyName}) and child_birth_date = ${child.birthDate}`
        }`,
  );
}

// --- the list -------------------------------------------------------------------------------------

export async function listAbsence(ctx: Context, query: z.infer<typeof AbsenceListQuery>) {
  const swvId = ownSwv(ctx);
  return inTransaction(ctx, async (tx) => {
    await authorizeLogged(tx, ctx, {
      action: 'read',
      resource: { type: 'absence_register', swvId },
      log: { swvId, studentId: null, action: 'search', objectType: 'absence_register', objectId: null },
    });
    const today = amsterdamToday(ctx.now);
    const records = await caseRecords(
      tx,
      swvId,
      today,
      and(
        query.state === 'open' ? sql`c.ended_on is null` : undefined,
        query.kind ? sql`c.kind = ${query.kind}` : undefined,
        query.municipality ? sql`c.municipality = ${query.municipality}` : undefined,
        query.schoolId ? sql`s.school_id = ${query.schoolId}` : undefined,
      ) ?? sql`true`,
    );
    const watches = await watchRecords(
      tx,
      swvId,
      and(
        sql`w.state = 'open'`,
        query.municipality ? sql`w.municipality = ${query.municipality}` : undefined,
        query.schoolId ? sql`w.school_id = ${query.schoolId}` : undefined,
      ),
    );
    const studentFacts = await factsOf(tx, ctx, [
      ...records.map((r) => r.studentId),
      ...watches.map((w) => w.studentId),
    ]);
    const factsFor = (id: string | null) => (id ? (studentFacts.get(id) ?? null) : null);
    const cases = records
      .filter((r) => can(ctx.actor, 'read', casePart(r, factsFor(r.studentId))).allowed)
      .map((r) => rowOf(r, today))
      // Past the red line first, then the longest at home.
      .sort((a, b) => Number(b.pastRedLine) - Number(a.pastRedLine) || b.daysAtHome - a.daysAtHome);
    const visibleWatches = watches
      .filter((w) => can(ctx.actor, 'read', watchPart(w, factsFor(w.studentId))).allowed)
      .map((w) => watchRowOf(ctx, w, factsFor(w.studentId)));
    const [swvRow] = await queryRows<{ municipalities: string[] }>(
      tx,
      sql`select municipalities from swv where id = ${swvId}`,
    );
    const schools = await queryRows<{ id: string; name: string }>(
      tx,
      sql`select id, name from school where swv_id = ${swvId} order by name`,
    );
    const mayRegister = (schoolId: string | null, municipality: string) =>
      can(ctx.actor, 'create', {
        type: 'absence_case',
        swvId,
        schoolId,
        municipality,
        student: null,
        involvedUserIds: [],
      }).allowed;
    const municipalities = swvRow?.municipalities ?? [];
    const register = municipalities.some((m) => mayRegister(null, m));
    // The SWV's schools and staff are for the register form and its filter: not for a parent.
    return {
      cases,
      watches: visibleWatches,
      municipalities,
      schools: register ? schools : [],
      people: register
        ? {
            officers: await attendanceOfficers(tx, swvId),
            consultants: await usersInRoles(tx, swvId, ['consultant']),
          }
        : { officers: [], consultants: [] },
      permissions: {
        register,
        figures: can(ctx.actor, 'read', { type: 'absence_figures', swvId }).allowed,
      },
    };
  });
}

// --- one case ---------------------------------------------------------------------------------------

export async function getCase(ctx: Context, caseId: string) {
  return runUseCase(ctx, {
    authorize: (tx) => authorizeCase(tx, ctx, caseId, 'read', null),
    work: (tx, loaded) => caseView(tx, ctx, loaded),
  });
}

/** Registers a case: for a student, or for a child enrolled nowhere with its own data. */
export async function registerCase(ctx: Context, input: z.infer<typeof RegisterAbsenceCaseBody>) {
  const swvId = ownSwv(ctx);
  const id = uuidv7();
  return runUseCase(ctx, {
    authorize: async (tx) => {
      const student = input.studentId ? await caseStudentOf(tx, ctx, input.studentId) : null;
      await authorizeLogged(tx, ctx, {
        action: 'create',
        resource: newCasePart(swvId, input.municipality, student),
        log: {
          swvId: student?.facts.swvId ?? swvId,
          studentId: input.studentId,
          action: 'create',
          objectType: 'absence_case',
          objectId: id,
        },
      });
      return student;
    },
    work: async (tx, student) => {
      const child = input.child;
      const birthDate = student?.birthDate ?? child!.birthDate;
      const today = amsterdamToday(ctx.now);
      if (child && child.birthDate > today)
        return refuse('date_in_future', 'A date of the case lies in the future', { field: 'birthDate' });
      const refusal =
        absenceCaseRefusal(
          {
            kind: input.kind,
            startedOn: input.startedOn,
            endedOn: null,
            exemptionArticle: input.exemptionArticle,
          },
          {
            today,
            birthDate,
            otherCases: await otherCasesOf(
              tx,
              swvId,
              {
                studentId: input.studentId,
                givenName: child?.givenName ?? '',
                familyName: child?.familyName ?? '',
                birthDate,
              },
              null,
            ),
          },
        ) ?? (await peopleRefusal(tx, swvId, input));
      if (refusal) return refusal;
      await tx.insert(absenceCase).values({
        swvId,
        id,
        studentId: input.studentId,
        childGivenName: child?.givenName ?? '',
        childFamilyName: child?.familyName ?? '',
        childBirthDate: child?.birthDate ?? null,
        municipality: input.municipality,
        kind: input.kind,
        exemptionArticle: input.kind === 'exemption' ? input.exemptionArticle : null,
        startedOn: input.startedOn,
        reason: input.reason,
        attendanceOfficerUserId: input.attendanceOfficerUserId,
        consultantUserId: input.consultantUserId,
        createdByUserId: ctx.actor.userId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      await addEvent(tx, ctx, { swvId, id }, 'registered', input.reason);
      return reloadView(tx, ctx, id);
    },
  });
}

/** The responsible people, the reason, or the student record that came for a child without one. */
export async function updateCase(ctx: Context, caseId: string, input: z.infer<typeof UpdateAbsenceCaseBody>) {
  return runUseCase(ctx, {
    authorize: async (tx) => {
      const linking = input.studentId !== undefined ? await caseStudentOf(tx, ctx, input.studentId) : null;
      return { ...(await authorizeCase(tx, ctx, caseId, 'update', 'case', linking)), linking };
    },
    work: async (tx, { record, linking }) => {
      const refusal =
        openCaseRefusal(record) ??
        (await peopleRefusal(tx, record.swvId, input)) ??
        (linking &&
          linkRefusal(
            {
              studentId: record.studentId,
              kind: record.kind,
              startedOn: record.startedOn,
              endedOn: record.endedOn,
              exemptionArticle: record.exemptionArticle as ExemptionArticle | null,
            },
            {
              today: amsterdamToday(ctx.now),
              birthDate: linking.birthDate,
              otherCases: await otherCasesOf(
                tx,
                record.swvId,
                { studentId: linking.id, givenName: '', familyName: '', birthDate: linking.birthDate },
                caseId,
              ),
            },
          ));
      if (refusal) return refusal;
      await tx
        .update(absenceCase)
        .set({
          ...(input.reason !== undefined ? { reason: input.reason } : {}),
          ...(input.attendanceOfficerUserId !== undefined
            ? { attendanceOfficerUserId: input.attendanceOfficerUserId }
            : {}),
          ...(input.consultantUserId !== undefined ? { consultantUserId: input.consultantUserId } : {}),
          ...(input.studentId !== undefined ? { studentId: input.studentId } : {}),
          updatedAt: ctx.now,
        })
        .where(and(eq(absenceCase.swvId, record.swvId), eq(absenceCase.id, caseId)));
      if (input.studentId !== undefined) await addEvent(tx, ctx, record, 'linked');
      return reloadView(tx, ctx, caseId);
    },
  });
}

export async function addOffer(ctx: Context, caseId: string, input: z.infer<typeof AbsenceOfferBody>) {
  return runUseCase(ctx, {
    authorize: (tx) => authorizeCase(tx, ctx, caseId, 'update', 'offer'),
    work: async (tx, { record }) => {
      const [last] = await queryRows<{ fromOn: string }>(
        tx,
        sql`select max(from_on)::text as "fromOn" from absence_offer where swv_id = ${record.swvId} and case_id = ${caseId}`,
      );
      const refusal = offerRefusal(input, {
        startedOn: record.startedOn,
        endedOn: record.endedOn,
        today: amsterdamToday(ctx.now),
        lastFromOn: last?.fromOn ?? null,
      });
      if (refusal) return refusal;
      await tx.insert(absenceOffer).values({
        swvId: record.swvId,
        id: uuidv7(),
        caseId,
        fromOn: input.fromOn,
        educationHours: input.educationHours,
        careHours: input.careHours,
        description: input.description,
        recordedByUserId: ctx.actor.userId,
        recordedAt: ctx.now,
      });
      await addEvent(tx, ctx, record, 'offer', `${input.educationHours}+${input.careHours}`);
      return reloadView(tx, ctx, caseId);
    },
  });
}

export async function addStep(ctx: Context, caseId: string, input: z.infer<typeof AbsenceStepBody>) {
  return runUseCase(ctx, {
    authorize: (tx) => authorizeCase(tx, ctx, caseId, 'update', 'return_plan'),
    work: async (tx, { record }) => {
      const refusal = openCaseRefusal(record);
      if (refusal) return refusal;
      await tx.insert(absenceStep).values({
        swvId: record.swvId,
        id: uuidv7(),
        caseId,
        what: input.what,
        who: input.who,
        dueOn: input.dueOn,
        createdAt: ctx.now,
      });
      await addEvent(tx, ctx, record, 'step', input.what);
      return reloadView(tx, ctx, caseId);
    },
  });
}

export async function updateStep(
  ctx: Context,
  caseId: string,
  stepId: string,
  input: z.infer<typeof AbsenceStepUpdateBody>,
) {
  return runUseCase(ctx, {
    authorize: (tx) => authorizeCase(tx, ctx, caseId, 'update', 'return_plan'),
    work: async (tx, { record }) => {
      const refusal = openCaseRefusal(record);
      if (refusal) return refusal;
      const [step] = await tx
        .update(absenceStep)
        .set({ doneOn: input.done ? amsterdamToday(ctx.now) : null })
        .where(
          and(
            eq(absenceStep.swvId, record.swvId),
            eq(absenceStep.caseId, caseId),
            eq(absenceStep.id, stepId),
          ),
        )
        .returning();
      if (!step) throw notFound();
      if (input.done) await addEvent(tx, ctx, record, 'step_done', step.what);
      return reloadView(tx, ctx, caseId);
    },
  });
}

export async function endCase(ctx: Context, caseId: string, input: z.infer<typeof EndAbsenceCaseBody>) {
  return runUseCase(ctx, {
    authorize: (tx) => authorizeCase(tx, ctx, caseId, 'update', 'end'),
    work: async (tx, { record }) => {
      const refusal = endRefusal(input.endedOn, { ...record, today: amsterdamToday(ctx.now) });
      if (refusal) return refusal;
      await tx
        .update(absenceCase)
        .set({ endedOn: input.endedOn, ending: input.ending, endNote: input.note, updatedAt: ctx.now })
        .where(and(eq(absenceCase.swvId, record.swvId), eq(absenceCase.id, caseId)));
      await addEvent(tx, ctx, record, 'ended', input.ending);
      return reloadView(tx, ctx, caseId);
    },
  });
}

// --- watches ------------------------------------------------------------------------------------------

function watchRowOf(ctx: Context, w: WatchRecord, student: StudentFacts | null) {
  const today = amsterdamToday(ctx.now);
  // Who may turn an open watch into a case may also close it without one.
  const mayChange = w.state === 'open' && can(ctx.actor, 'update', watchPart(w, student)).allowed;
  return {
    id: w.id,
    studentId: w.studentId,
    childName: w.childName,
    schoolName: w.schoolName,
    municipality: w.municipality,
    kind: w.kind,
    absentSince: w.absentSince,
    reportedOn: w.reportedOn,
    note: w.note,
    state: w.state,
    dueOn: watchDueOn(w.absentSince),
    due: watchDueOn(w.absentSince) <= today,
    caseId: w.caseId,
    permissions: { convert: mayChange, close: mayChange },
  };
}

/** The school's IB'er reports an absence (as to the national absence desk) or a worry: a watch opens. */
export async function reportWatch(ctx: Context, studentId: string, input: z.infer<typeof AbsenceWatchBody>) {
  const id = uuidv7();
  return runUseCase(ctx, {
    authorize: async (tx) => {
      const [row] = await queryRows<{ schoolId: string; municipality: string; birthDate: string }>(
        tx,
        sql`select s.school_id as "schoolId", sc.municipality, s.birth_date::text as "birthDate"
            from student s join school sc on sc.swv_id = s.swv_id and sc.id = s.school_id where s.id = ${studentId}`,
      );
      const found = (await factsOf(tx, ctx, [studentId])).get(studentId);
      if (!row || !found) throw notFound();
      await authorizeLogged(tx, ctx, {
        action: 'create',
        resource: {
          type: 'absence_watch',
          swvId: found.swvId,
          schoolId: row.schoolId,
          municipality: input.municipality ?? row.municipality,
          student: found,
          involvedUserIds: [],
        },
        log: { swvId: found.swvId, studentId, action: 'create', objectType: 'absence_watch', objectId: id },
      });
      return { ...row, facts: found };
    },
    work: async (tx, child) => {
      const today = amsterdamToday(ctx.now);
      if (input.absentSince > today)
        return refuse('date_in_future', 'A date of the case lies in the future', { field: 'absentSince' });
      if (input.absentSince < child.birthDate)
        return refuse('date_before_birth', 'A date of the case lies before the birth', {
          field: 'absentSince',
        });
      const open = await queryRows<{ id: string }>(
        tx,
        sql`select id from absence_watch where swv_id = ${child.facts.swvId} and student_id = ${studentId} and state = 'open'`,
      );
      if (open.length > 0) return refuse('watch_already_open', 'The child already has an open watch');
      await tx.insert(absenceWatch).values({
        swvId: child.facts.swvId,
        id,
        studentId,
        schoolId: child.schoolId,
        municipality: input.municipality ?? child.municipality,
        kind: input.kind,
        absentSince: input.absentSince,
        reportedOn: today,
        note: input.note,
        reportedByUserId: ctx.actor.userId,
        createdAt: ctx.now,
      });
      const record = (await findWatch(tx, id))!;
      return watchRowOf(ctx, record, child.facts);
    },
  });
}

/** A change of an open watch (convert, close): the watch and the child's facts, logged as an update. */
async function authorizeWatchChange(
  tx: Tx,
  ctx: Context,
  watchId: string,
  also: (watch: WatchRecord, student: StudentFacts | null) => readonly AlsoCheck[] = () => [],
) {
  const watch = await findWatch(tx, watchId);
  if (!watch) throw notFound();
  const student = (await factsOf(tx, ctx, [watch.studentId])).get(watch.studentId) ?? null;
  await authorizeLogged(tx, ctx, {
    action: 'update',
    resource: watchPart(watch, student),
    also: also(watch, student),
    log: {
      swvId: watch.swvId,
      studentId: watch.studentId,
      action: 'update',
      objectType: 'absence_watch',
      objectId: watchId,
    },
  });
  return { watch, student };
}

/** A watch becomes a case of long relative absence, from the first day of the absence. */
export async function convertWatch(ctx: Context, watchId: string, input: z.infer<typeof ConvertWatchBody>) {
  const caseId = uuidv7();
  return runUseCase(ctx, {
    authorize: async (tx) =>
      (
        await authorizeWatchChange(tx, ctx, watchId, (watch, student) => [
          {
            action: 'create',
            resource: {
              ...watchPart(watch, student),
              type: 'absence_case',
              schoolId: student?.schoolId ?? null,
            },
          },
        ])
      ).watch,
    work: async (tx, watch) => {
      const today = amsterdamToday(ctx.now);
      const refusal =
        watchOpenRefusal(watch.state) ??
        absenceCaseRefusal(
          { kind: 'relative_long', startedOn: watch.absentSince, endedOn: null, exemptionArticle: null },
          {
            today,
            birthDate: watch.birthDate,
            otherCases: await otherCasesOf(
              tx,
              watch.swvId,
              { studentId: watch.studentId, givenName: '', familyName: '', birthDate: watch.birthDate },
              null,
            ),
          },
        );
      if (refusal) return refusal;
      const officer = ctx.actor.attendanceMunicipalities.some((a) => a.municipality === watch.municipality);
      await tx.insert(absenceCase).values({
        swvId: watch.swvId,
        id: caseId,
        studentId: watch.studentId,
        municipality: watch.municipality,
        kind: 'relative_long',
        startedOn: watch.absentSince,
        reason: input.reason || watch.note,
        attendanceOfficerUserId: officer ? ctx.actor.userId : null,
        createdByUserId: ctx.actor.userId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      await tx
        .update(absenceWatch)
        .set({ state: 'converted', caseId })
        .where(and(eq(absenceWatch.swvId, watch.swvId), eq(absenceWatch.id, watchId)));
      await addEvent(tx, ctx, { swvId: watch.swvId, id: caseId }, 'registered', input.reason || watch.note);
      return reloadView(tx, ctx, caseId);
    },
  });
}

/** A watch closes without a case: the child attends again, or the worry proved unfounded. */
export async function closeWatch(ctx: Context, watchId: string) {
  return runUseCase(ctx, {
    authorize: (tx) => authorizeWatchChange(tx, ctx, watchId),
    work: async (tx, { watch, student }) => {
      const refusal = watchOpenRefusal(watch.state);
      if (refusal) return refusal;
      await tx
        .update(absenceWatch)
        .set({ state: 'closed' })
        .where(and(eq(absenceWatch.swvId, watch.swvId), eq(absenceWatch.id, watchId)));
      return watchRowOf(ctx, { ...watch, state: 'closed' }, student);
    },
  });
}

// --- figures ----------------------------------------------------------------------------------------

/**
 * The count on a reference date by the national definitions (countAbsence), and per school, wijk
 * and municipality. Counts only; policy staff get them with small cells hidden.
 */
export async function figures(ctx: Context, query: z.infer<typeof AbsenceFiguresQuery>) {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'read', { type: 'absence_figures', swvId });
  const decision = can(ctx.actor, 'read', { type: 'absence_figures', swvId });
  const hide = decision.allowed && decision.role === 'policy';
  const on = query.on ?? amsterdamToday(ctx.now);
  const records = await ctx.database.db.transaction((tx) =>
    caseRecords(tx, swvId, on, sql`c.started_on <= ${on}::date`),
  );
  const count = countAbsence(records.map(facts), on);
  const table = absenceFiguresTable(
    records.map((r) => ({
      ...facts(r),
      schoolId: r.schoolId,
      wijk: r.wijk,
      municipality: r.municipality,
    })),
    on,
  );
  const shown = (node: string) => (hide ? table.count([node]) : table.raw([node]));
  const schoolNames = new Map(records.map((r) => [r.schoolId ?? '', r.schoolName ?? '']));
  const breakdown = (
    keys: readonly string[],
    nodeOf: (key: string) => string,
    label = (key: string) => key,
  ) =>
    [...keys]
      .sort((a, b) => label(a).localeCompare(label(b), 'nl'))
      .map((key) => ({ key: label(key), count: shown(nodeOf(key)) }));
  const counted = records.filter((r) => countsAsThuiszitter(facts(r), on));
  const unique = (values: (string | null)[]) => [...new Set(values.map((v) => v ?? ''))];
  // Every combination, so a hidden cell cannot be worked back from the others and the total.
  const combinations = absenceKinds
    .filter((kind): kind is 'absolute' | 'relative_long' => kind === 'absolute' || kind === 'relative_long')
    .flatMap((kind) =>
      durationBuckets.flatMap((bucket) => [false, true].map((withOffer) => ({ kind, bucket, withOffer }))),
    );
  const national = nationalAbsenceFigures.at(-1)!;
  return {
    on,
    smallCellsHidden: hide,
    total: shown(absenceNodes.total),
    exemptions: hide && isSmallCell(count.exemptions) ? null : count.exemptions,
    redLine: shown(absenceNodes.redLine),
    thuiszitters: combinations
      .map((c) => ({ ...c, count: shown(absenceNodes.group(c.kind, c.bucket, c.withOffer)) }))
      .filter((c) => c.count !== 0),
    bySchool: breakdown(
      unique(counted.map((r) => r.schoolId)),
      absenceNodes.school,
      (id) => schoolNames.get(id) ?? '',
    ),
    byWijk: breakdown(unique(counted.map((r) => r.wijk)), absenceNodes.wijk),
    byMunicipality: breakdown(unique(counted.map((r) => r.municipality)), absenceNodes.municipality),
    national: { source: nationalAbsenceSource, ...national },
  };
}

// --- the escalation ladder ---------------------------------------------------------------------------

export async function getLadder(ctx: Context) {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'read', { type: 'absence_ladder', swvId });
  const db = ctx.database.db;
  const rungs = await db
    .select({
      municipality: absenceLadder.municipality,
      threshold: absenceLadder.threshold,
      userId: absenceLadder.userId,
    })
    .from(absenceLadder)
    .where(eq(absenceLadder.swvId, swvId))
    .orderBy(asc(absenceLadder.municipality), asc(absenceLadder.threshold));
  const [swvRow] = await queryRows<{ municipalities: string[] }>(
    db,
    sql`select municipalities from swv where id = ${swvId}`,
  );
  return {
    rungs,
    municipalities: swvRow?.municipalities ?? [],
    candidates: await usersInRoles(db, swvId, ladderRoles),
  };
}

/** Replaces the ladder of the SWV ('') or of one municipality. */
export async function putLadder(ctx: Context, input: z.infer<typeof AbsenceLadderBody>) {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'manage', { type: 'absence_ladder', swvId });
  return runUseCase(ctx, {
    authorize: async () => undefined,
    work: async (tx) => {
      const [swvRow] = await queryRows<{ municipalities: string[] }>(
        tx,
        sql`select municipalities from swv where id = ${swvId}`,
      );
      if (input.municipality !== '' && !swvRow?.municipalities.includes(input.municipality))
        return refuse('unknown_municipality', 'The municipality is not one of the SWV’s');
      const candidates = new Set((await usersInRoles(tx, swvId, ladderRoles)).map((c) => c.id));
      if (input.rungs.some((rung) => !candidates.has(rung.userId)))
        return refuse(
          'ladder_user_not_eligible',
          'The ladder names the SWV’s administrators, consultants or committee',
        );
      await tx
        .delete(absenceLadder)
        .where(and(eq(absenceLadder.swvId, swvId), eq(absenceLadder.municipality, input.municipality)));
      const unique = [...new Map(input.rungs.map((r) => [`${r.threshold}|${r.userId}`, r])).values()];
      if (unique.length > 0)
        await tx
          .insert(absenceLadder)
          .values(unique.map((rung) => ({ swvId, id: uuidv7(), municipality: input.municipality, ...rung })));
      return null;
    },
  }).then(() => getLadder(ctx));
}
