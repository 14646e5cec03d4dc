// Use cases on moves between schools (docs/domain.md, "Transitions"). A transition is about a
// child's file: every read and write runs through runUseCase or authorizeLogged with its access-log
// row (docs/SECURITY.md A1). The rules are src/domain/transitions.ts; who may do what is the
// policy's. A hand-over to a school of another SWV writes in two SWVs, in one transaction and in one
// place only: handOverToOtherSwv (docs/decisions/0025-transitions-between-swvs.md).
import { and, eq, gte, inArray, isNull, or, sql } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type {
  SchoolDirectoryQuery,
  StartTransitionBody,
  TransitionListQuery,
  TransitionStepBody,
  transitionSteps,
} from '../../../contracts/transitions.ts';
import { addDays, amsterdamToday } from '../../../domain/calendar.ts';
import { normaliseParts, type OsoPart } from '../../../domain/osoExport.ts';
import { refuse } from '../../../domain/refusal.ts';
import {
  byAttention,
  decisionRefusal,
  extensionRefusal,
  followUpDays,
  followUpShownAfterDays,
  handOverRefusal,
  isSummerMove,
  moveKindOf,
  type RiskFlag,
  registrationRefusal,
  transitionAttention,
  transitionRefusal,
  waitingRefusal,
} from '../../../domain/transitions.ts';
import { type AccessAction, appendAccessLog } from '../../access/accessLog.ts';
import { ownSwv } from '../../access/acting.ts';
import type { Context } from '../../access/actor.ts';
import {
  authorize,
  authorizeChild,
  authorizeLogged,
  inTransaction,
  originOf,
} from '../../access/authorize.ts';
import { can, type StudentFacts, type TransitionPart } from '../../access/policy.ts';
import { loadStudentFacts } from '../../access/scope.ts';
import { runUseCase } from '../../access/useCase.ts';
import type { Tx } from '../../db/client.ts';
import { transition } from '../../db/schema/index.ts';
import { AppError, notFound } from '../../http/errors.ts';
import { notify } from '../notifications/notifications.commands.ts';
import { createHandedOverStudent } from '../students/students.commands.ts';
import {
  type ChildFacts,
  childFacts,
  clockOf,
  findTransition,
  followUpOf,
  handOverConsent,
  openMovesOf,
  receiversOf,
  riskFlagsOfChildren,
  schoolNames,
  schoolsOnPassend,
  swvName,
  type TransitionRecord,
} from './transitions.queries.ts';

type Step = (typeof transitionSteps)[number];

const partOf = (
  record: Pick<TransitionRecord, 'swvId' | 'fromSchoolId' | 'toSchoolId'>,
  facts: StudentFacts,
  type: TransitionPart['type'] = 'transition',
): TransitionPart => ({
  type,
  swvId: record.swvId,
  fromSchoolId: record.fromSchoolId,
  toSchoolId: record.toSchoolId,
  student: facts,
});

type Loaded = { record: TransitionRecord; facts: StudentFacts };

async function loadTransition(tx: Tx, ctx: Context, id: string): Promise<Loaded> {
  const record = await findTransition(tx, id);
  if (!record) throw notFound();
  const facts = (await loadStudentFacts(tx, ctx.actor, [record.studentId], ctx.now)).get(record.studentId);
  if (!facts) throw notFound();
  return { record, facts };
}

async function authorizeOn(
  tx: Tx,
  ctx: Context,
  loaded: Loaded,
  access: {
    type: TransitionPart['type'];
    action: 'read' | 'update';
    logAction: AccessAction;
    part: string | null;
  },
) {
  await authorizeLogged(tx, ctx, {
    action: access.action,
    resource: partOf(loaded.record, loaded.facts, access.type),
    log: {
      swvId: loaded.record.swvId,
      studentId: loaded.record.studentId,
      action: access.logAction,
      objectType: 'transition',
      objectId: loaded.record.id,
      part: access.part,
    },
  });
}

/**
 * What the reader sees of the file through the transition (docs/domain.md, "Transitions"): the
 * sending side (its school, their consultants, the parents) always; the receiving school only once
 * the file is handed over with the parents' consent. Before that it sees the registration and its
 * clock, not the report, the risks or the consent.
 */
const seesFile = (ctx: Context, record: TransitionRecord, facts: StudentFacts) =>
  record.handedOverOn !== null ||
  (record.fromSchoolId !== null &&
    can(ctx.actor, 'read', { ...partOf(record, facts), toSchoolId: null }).allowed);

/** The risks shown: those handed over, or before the hand-over the file's own today. */
const risksOf = (record: TransitionRecord, live: RiskFlag[] | undefined): RiskFlag[] =>
  record.handedOverOn !== null ? [...record.riskFlags] : (live ?? []);

async function rowsOf(
  tx: Tx,
  ctx: Context,
  records: TransitionRecord[],
  factsById: Map<string, StudentFacts>,
) {
  if (records.length === 0) return [];
  const swvId = records[0]!.swvId;
  const today = amsterdamToday(ctx.now);
  const children = await childFacts(
    tx,
    swvId,
    records.map((r) => r.studentId),
  );
  const live = await riskFlagsOfChildren(
    tx,
    swvId,
    records.filter((r) => r.handedOverOn === null).map((r) => r.studentId),
    today,
  );
  const schools = await schoolNames(
    tx,
    swvId,
    records.flatMap((r) => [r.fromSchoolId, r.toSchoolId]).filter((id): id is string => id !== null),
  );
  const ref = (schoolId: string | null, record: TransitionRecord) => {
    const own = schoolId ? schools.get(schoolId) : undefined;
    return own
      ? { locationCode: own.locationCode, name: own.name, otherSwvName: null }
      : {
          locationCode: record.otherSchoolCode,
          name: record.otherSchoolName,
          otherSwvName: record.otherSwvName,
        };
  };
  return records.map((record) => {
    const child = children.get(record.studentId)!;
    const facts = factsById.get(record.studentId)!;
    return {
      id: record.id,
      studentId: record.studentId,
      studentName: child.name,
      direction: record.direction,
      moveKind: record.moveKind,
      from: ref(record.fromSchoolId, record),
      to: ref(record.toSchoolId, record),
      registeredOn: record.registeredOn,
      movesOn: record.movesOn,
      handedOverOn: record.handedOverOn,
      clock: clockOf(record, today),
      risks: seesFile(ctx, record, facts) ? risksOf(record, live.get(record.studentId)) : null,
      outcome: record.outcome,
      decidedOn: record.decidedOn,
      startedOn: record.startedOn,
      followUpOn: followUpOf(record),
      child,
    };
  });
}

async function viewOf(tx: Tx, ctx: Context, loaded: Loaded) {
  const { record, facts } = loaded;
  const [row] = await rowsOf(tx, ctx, [record], new Map([[record.studentId, facts]]));
  const { child, ...rest } = row!;
  const sees = seesFile(ctx, record, facts);
  const sending = record.direction !== 'incoming' && can(ctx.actor, 'update', partOf(record, facts)).allowed;
  const consent =
    sending && record.handedOverOn === null
      ? await handOverConsent(tx, record.swvId, record.studentId, ctx.now)
      : null;
  return {
    ...rest,
    birthDate: child.birthDate,
    report: sees ? record.report : null,
    consentScope:
      record.handedOverOn !== null ? (sees ? record.consentScope : null) : (consent?.scope ?? null),
    consentInForce: consent ? consent.inForce : null,
    handedOverParts: record.handedOverOn !== null && sees ? [...record.handedOverParts] : null,
    meetingOn: record.meetingOn,
    meetingWith: record.meetingWith,
    extended: record.extended,
    pauses: record.pauses,
    decisionReason: record.decisionReason,
    permissions: {
      steps: stepsOf(ctx, record, facts),
      osoDossier:
        record.fromSchoolId !== null &&
        record.handedOverOn !== null &&
        can(ctx.actor, 'read', { ...partOf(record, facts, 'transition_dossier'), handedOver: true }).allowed,
    },
  };
}

/** The steps the reader may take now: the policy's, and only those the rules would take. */
function stepsOf(ctx: Context, record: TransitionRecord, facts: StudentFacts): Step[] {
  const steps: Step[] = [];
  const may = (type: TransitionPart['type']) => can(ctx.actor, 'update', partOf(record, facts, type)).allowed;
  if (record.direction !== 'incoming' && record.handedOverOn === null && may('transition'))
    steps.push('report', 'hand_over');
  if (may('transition_meeting')) steps.push('meeting');
  if (record.direction !== 'outgoing' && may('transition_receiving')) {
    if (!waitingRefusal(record, true)) steps.push('wait');
    if (!waitingRefusal(record, false)) steps.push('resume');
    if (!extensionRefusal(record)) steps.push('extend');
    if (record.decidedOn === null && record.handedOverOn !== null) steps.push('decide');
  }
  return steps;
}

// --- reading ---------------------------------------------------------------------------------------

export async function getTransition(ctx: Context, id: string) {
  return runUseCase(ctx, {
    authorize: async (tx) => {
      const loaded = await loadTransition(tx, ctx, id);
      await authorizeOn(tx, ctx, loaded, {
        type: 'transition',
        action: 'read',
        logAction: 'read',
        part: null,
      });
      return loaded;
    },
    work: (tx, loaded) => viewOf(tx, ctx, loaded),
  });
}

/** The transitions of one child, for the child's file; the sending school may start one there. */
export async function studentTransitions(ctx: Context, studentId: string) {
  return runUseCase(ctx, {
    authorize: (tx) =>
      authorizeChild(tx, ctx, {
        action: 'read',
        studentId,
        logAction: 'read',
        objectType: 'student',
        part: 'transitions',
        resource: (facts) => ({
          type: 'transition',
          swvId: facts.swvId,
          fromSchoolId: facts.schoolId,
          toSchoolId: null,
          student: facts,
        }),
      }),
    work: async (tx, facts) => {
      const records = await tx
        .select()
        .from(transition)
        .where(and(eq(transition.swvId, facts.swvId), eq(transition.studentId, studentId)))
        .orderBy(sql`${transition.registeredOn} desc`);
      const rows = await rowsOf(tx, ctx, records, new Map([[studentId, facts]]));
      return {
        transitions: rows.map(({ child: _child, ...row }) => row),
        permissions: {
          start: can(ctx.actor, 'create', {
            type: 'transition',
            swvId: facts.swvId,
            fromSchoolId: facts.schoolId,
            toSchoolId: null,
            student: facts,
          }).allowed,
        },
      };
    },
  });
}

/** The schools of the actor's roles, or of the consultant's teams, for a list. */
export async function listTransitions(ctx: Context, query: z.infer<typeof TransitionListQuery>) {
  const swvId = ownSwv(ctx);
  return inTransaction(ctx, async (tx) => {
    await authorizeLogged(tx, ctx, {
      action: 'read',
      resource: { type: 'transition_list', swvId },
      log: { swvId, studentId: null, action: 'search', objectType: 'transition_list', objectId: query.view },
    });
    const ownSchools = ctx.actor.memberships.flatMap((m) => (m.schoolId ? [m.schoolId] : []));
    const schools = query.view === 'swv' ? [...ctx.actor.teamSchoolIds] : ownSchools;
    if (schools.length === 0) return { transitions: [] };
    const today = amsterdamToday(ctx.now);
    const side =
      query.view === 'leaving'
        ? inArray(transition.fromSchoolId, schools)
        : query.view === 'arriving'
          ? inArray(transition.toSchoolId, schools)
          : or(inArray(transition.fromSchoolId, schools), inArray(transition.toSchoolId, schools));
    // What can wait still: undecided, or placed recently enough for the follow-up to show.
    const due = or(
      isNull(transition.decidedOn),
      gte(transition.startedOn, addDays(today, -(followUpDays + followUpShownAfterDays))),
    );
    const records = (
      await tx
        .select()
        .from(transition)
        .where(
          and(
            eq(transition.swvId, swvId),
            side,
            query.period === 'open' ? isNull(transition.decidedOn) : undefined,
            query.period === 'due' ? due : undefined,
          ),
        )
    ).filter((record) => query.period !== 'summer' || isSummerMove(record.movesOn));
    // The list's side of each move: the school's own, or both for a consultant of the team.
    const attentionOf = (record: TransitionRecord) =>
      transitionAttention(
        record,
        {
          sending: query.view !== 'arriving' && record.direction !== 'incoming',
          receiving: query.view !== 'leaving' && record.direction !== 'outgoing',
        },
        today,
      );
    // An outgoing move is open until handed over; the other SWV decides on it.
    const open = records.filter(
      (record) =>
        (query.period !== 'open' || record.direction !== 'outgoing' || record.handedOverOn === null) &&
        (query.period !== 'due' || attentionOf(record) !== null),
    );
    const facts = await loadStudentFacts(
      tx,
      ctx.actor,
      open.map((r) => r.studentId),
      ctx.now,
    );
    const readable = open.filter((record) => {
      const child = facts.get(record.studentId);
      return child !== undefined && can(ctx.actor, 'read', partOf(record, child)).allowed;
    });
    const byId = new Map(readable.map((record) => [record.id, record]));
    const rows = (await rowsOf(tx, ctx, readable, facts)).map(({ child: _child, ...row }) => ({
      ...row,
      attention: attentionOf(byId.get(row.id)!),
    }));
    // Open risks on top, then by the day the child moves; what waits: the urgent first (a
    // consultant's open risks before that), then by the day it is due.
    const weight = (row: (typeof rows)[number]) => (row.decidedOn === null ? (row.risks?.length ?? 0) : 0);
    const byRisks = (a: (typeof rows)[number], b: (typeof rows)[number]) => weight(b) - weight(a);
    if (query.period !== 'due') rows.sort((a, b) => byRisks(a, b) || a.movesOn.localeCompare(b.movesOn));
    else if (query.view === 'swv')
      rows.sort((a, b) => byRisks(a, b) || byAttention(a.attention!, b.attention!));
    else rows.sort((a, b) => byAttention(a.attention!, b.attention!) || byRisks(a, b));
    return { transitions: rows };
  });
}

/** Schools on Passend by name or BRIN and vestiging, of every SWV (public data), to pick the receiving one. */
export async function schoolDirectory(ctx: Context, query: z.infer<typeof SchoolDirectoryQuery>) {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'read', { type: 'transition_list', swvId });
  const q = query.q.trim();
  if (q.length < 2) return { schools: [] };
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await ctx.database.db.transaction((tx) =>
    schoolsOnPassend(tx, sql`(sc.name ilike ${like} or sc.location_code ilike ${like})`),
  );
  return {
    schools: rows.map((row) => ({
      locationCode: row.locationCode,
      name: row.name,
      kind: row.kind,
      otherSwvName: row.swvId === swvId ? null : row.swvName,
    })),
  };
}

// --- starting and the steps ---------------------------------------------------------------------------

/** The receiving school by its BRIN and vestiging: the own SWV's first, else exactly one elsewhere. */
async function receivingSchool(tx: Tx, swvId: string, locationCode: string) {
  const found = await schoolsOnPassend(tx, sql`sc.location_code = ${locationCode}`);
  const own = found.find((row) => row.swvId === swvId);
  if (own) return own;
  if (found.length === 1) return found[0]!;
  throw new AppError(
    'validation_failed',
    found.length === 0 ? 'No school on Passend has that code' : 'That code names schools in several SWVs',
    {
      fields: { toLocationCode: found.length === 0 ? 'unknown' : 'ambiguous' },
    },
  );
}

/** The sending school's IB'er starts a move of a child of the school. */
export async function startTransition(
  ctx: Context,
  studentId: string,
  input: z.infer<typeof StartTransitionBody>,
) {
  const id = uuidv7();
  return runUseCase(ctx, {
    authorize: (tx) =>
      authorizeChild(tx, ctx, {
        action: 'create',
        studentId: studentId,
        logAction: 'create',
        objectType: 'transition',
        objectId: id,
        resource: (facts) => ({
          type: 'transition',
          swvId: facts.swvId,
          fromSchoolId: facts.schoolId,
          toSchoolId: null,
          student: facts,
        }),
      }),
    work: async (tx, facts) => {
      const child = (await childFacts(tx, facts.swvId, [studentId])).get(studentId)!;
      const to = await receivingSchool(tx, facts.swvId, input.toLocationCode);
      const within = to.swvId === facts.swvId;
      const refusal =
        transitionRefusal({
          fromSchoolId: facts.schoolId,
          toSchoolId: to.id,
          openMoves: await openMovesOf(tx, facts.swvId, studentId),
        }) ??
        registrationRefusal({
          registeredOn: input.registeredOn,
          birthDate: child.birthDate,
          today: amsterdamToday(ctx.now),
        });
      if (refusal) return refusal;
      if (input.movesOn < input.registeredOn)
        return refuse('moves_before_registration', 'The move is before the registration', {
          fields: { movesOn: 'before the registration' },
        });
      const from = (await schoolNames(tx, facts.swvId, [facts.schoolId])).get(facts.schoolId)!;
      await tx.insert(transition).values({
        swvId: facts.swvId,
        id,
        studentId: studentId,
        direction: within ? 'within' : 'outgoing',
        moveKind: moveKindOf(from.kind, to.kind),
        fromSchoolId: facts.schoolId,
        toSchoolId: within ? to.id : null,
        otherSchoolCode: within ? '' : to.locationCode,
        otherSchoolName: within ? '' : to.name,
        otherSwvName: within ? '' : to.swvName,
        registeredOn: input.registeredOn,
        movesOn: input.movesOn,
        report: input.report,
        createdByUserId: ctx.actor.userId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      return viewOf(tx, ctx, await loadTransition(tx, ctx, id));
    },
  });
}

const stepPart = (step: Step): TransitionPart['type'] =>
  step === 'report' || step === 'hand_over'
    ? 'transition'
    : step === 'meeting'
      ? 'transition_meeting'
      : 'transition_receiving';

export async function takeStep(ctx: Context, id: string, input: z.infer<typeof TransitionStepBody>) {
  return runUseCase(ctx, {
    authorize: async (tx) => {
      const loaded = await loadTransition(tx, ctx, id);
      await authorizeOn(tx, ctx, loaded, {
        type: stepPart(input.step),
        action: 'update',
        logAction: 'update',
        part: input.step,
      });
      return loaded;
    },
    work: async (tx, loaded) => {
      const { record } = loaded;
      const today = amsterdamToday(ctx.now);
      const set: Partial<typeof transition.$inferInsert> = {};
      const sendingStep = input.step === 'report' || input.step === 'hand_over';
      if (sendingStep && record.direction === 'incoming') throw notFound();
      if (!sendingStep && input.step !== 'meeting' && record.direction === 'outgoing') throw notFound();
      switch (input.step) {
        case 'report': {
          if (record.handedOverOn !== null)
            return refuse('handed_over_already', 'The file was handed over already');
          set.report = input.report;
          break;
        }
        case 'hand_over': {
          const consent = await handOverConsent(tx, record.swvId, record.studentId, ctx.now);
          const refusal = handOverRefusal({
            consentInForce: consent.inForce,
            handedOverOn: record.handedOverOn,
          });
          if (refusal) return refusal;
          const risks =
            (await riskFlagsOfChildren(tx, record.swvId, [record.studentId], today)).get(record.studentId) ??
            [];
          const parts = normaliseParts(input.parts);
          Object.assign(set, {
            handedOverOn: today,
            handedOverByUserId: ctx.actor.userId,
            consentScope: consent.scope,
            handedOverParts: parts,
            riskFlags: risks,
          });
          if (record.direction === 'outgoing')
            await handOverToOtherSwv(tx, ctx, record, { consentScope: consent.scope, parts, risks, today });
          else await notifyReceivers(tx, ctx, record.swvId, record.toSchoolId!, record.id, record.studentId);
          break;
        }
        case 'meeting': {
          if (input.meetingOn < record.registeredOn)
            return refuse('meeting_before_registration', 'The meeting is before the registration', {
              fields: { meetingOn: 'before the registration' },
            });
          set.meetingOn = input.meetingOn;
          set.meetingWith = input.meetingWith;
          break;
        }
        case 'wait':
        case 'resume': {
          const refusal = waitingRefusal(record, input.step === 'wait');
          if (refusal) return refusal;
          set.pauses =
            input.step === 'wait'
              ? [...record.pauses, { from: today, to: null }]
              : record.pauses.map((pause) => (pause.to === null ? { ...pause, to: today } : pause));
          break;
        }
        case 'extend': {
          const refusal = extensionRefusal(record);
          if (refusal) return refusal;
          set.extended = true;
          break;
        }
        case 'decide': {
          const startsOn = input.startsOn ?? null;
          if (input.outcome === 'placed' && startsOn === null)
            throw new AppError('validation_failed', 'A placed child has a start date', {
              fields: { startsOn: 'required' },
            });
          if (input.outcome === 'not_placed' && input.reason === '')
            throw new AppError('validation_failed', 'Say why the child is not placed', {
              fields: { reason: 'required' },
            });
          const refusal = decisionRefusal(record, { outcome: input.outcome, startsOn });
          if (refusal) return refusal;
          Object.assign(set, {
            decidedOn: today,
            outcome: input.outcome,
            decisionReason: input.reason,
            startedOn: input.outcome === 'placed' ? startsOn : null,
            // A pause still open ends with the decision.
            pauses: record.pauses.map((pause) => (pause.to === null ? { ...pause, to: today } : pause)),
          });
          break;
        }
      }
      // Changed only as it was read: a step taken meanwhile by someone else answers 409.
      const [changed] = await tx
        .update(transition)
        .set({ ...set, updatedAt: ctx.now })
        .where(
          and(
            eq(transition.swvId, record.swvId),
            eq(transition.id, record.id),
            eq(transition.updatedAt, record.updatedAt),
          ),
        )
        .returning({ id: transition.id });
      if (!changed) throw new AppError('conflict', 'The transition was changed by someone else meanwhile');
      return viewOf(tx, ctx, await loadTransition(tx, ctx, id));
    },
  });
}

async function notifyReceivers(
  tx: Tx,
  ctx: Context,
  swvId: string,
  schoolId: string,
  transitionId: string,
  studentId: string,
) {
  const child = (await childFacts(tx, swvId, [studentId])).get(studentId);
  await notify(tx, ctx.now, {
    swvId,
    userIds: (await receiversOf(tx, swvId, schoolId)).filter((userId) => userId !== ctx.actor.userId),
    kind: 'transition_handed_over',
    subjectType: 'transition',
    subjectId: transitionId,
    ...(child ? { firstName: child.givenName } : {}),
    link: `/transitions/${transitionId}`,
  });
}

/**
 * The one use case that writes in two SWVs (docs/decisions/0025-transitions-between-swvs.md): the
 * child arrives at the receiving SWV as a new file (name, birth date, support level), with an
 * incoming transition holding the report, the risk flags and the consent's scope, and a first
 * access-log row in that SWV's own chain. Nothing else crosses: no plan, documents, case team,
 * consents, parents' accounts or ids of the sending SWV; the sending row keeps the school's name.
 */
async function handOverToOtherSwv(
  tx: Tx,
  ctx: Context,
  record: TransitionRecord,
  handed: { consentScope: string; parts: OsoPart[]; risks: RiskFlag[]; today: string },
) {
  const to = await receivingSchool(tx, record.swvId, record.otherSchoolCode);
  if (to.swvId === record.swvId) throw new AppError('conflict', 'The school is in this SWV now');
  const child = (await childFacts(tx, record.swvId, [record.studentId])).get(record.studentId) as ChildFacts;
  const from = (await schoolNames(tx, record.swvId, [record.fromSchoolId!])).get(record.fromSchoolId!)!;
  const studentId = await createHandedOverStudent(
    tx,
    to.swvId,
    to.id,
    {
      givenName: child.givenName,
      familyNamePrefix: child.familyNamePrefix,
      familyName: child.familyName,
      birthDate: child.birthDate,
      supportLevel: child.supportLevel,
    },
    ctx.now,
  );
  const id = uuidv7();
  await tx.insert(transition).values({
    swvId: to.swvId,
    id,
    studentId,
    direction: 'incoming',
    moveKind: record.moveKind,
    fromSchoolId: null,
    toSchoolId: to.id,
    otherSchoolCode: from.locationCode,
    otherSchoolName: from.name,
    otherSwvName: await swvName(tx, record.swvId),
    registeredOn: record.registeredOn,
    movesOn: record.movesOn,
    report: record.report,
    handedOverOn: handed.today,
    consentScope: handed.consentScope,
    handedOverParts: handed.parts,
    riskFlags: handed.risks,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  });
  // The new file's first row in the receiving SWV's own log: who made it, on whose behalf, why.
  await appendAccessLog(tx, originOf(ctx), {
    swvId: to.swvId,
    studentId,
    action: 'create',
    outcome: 'allowed',
    objectType: 'transition',
    objectId: id,
    part: 'hand_over',
    purpose: 'hand-over from a school of another SWV with the parents’ consent',
    actorRole: 'school_ib',
    actorOrganisation: `school:${record.fromSchoolId}`,
  });
  await notifyReceivers(tx, ctx, to.swvId, to.id, id, studentId);
}
