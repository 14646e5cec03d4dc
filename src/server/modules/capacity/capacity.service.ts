// Use cases of places and waiting lists (docs/domain.md, "Places and waiting lists"). Places hold no
// child's data and write no access-log row; a wait is the child's data: every read and change of one
// is one access-log row, and the list is one `search` row (docs/SECURITY.md A1). The rules are
// src/domain/capacity.ts; who may do what is the policy's.

import { and, eq, isNotNull, isNull, lte, type SQL } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import type { z } from 'zod';
import type {
  CapacityQuery,
  CreateProviderBody,
  CreateWaitBody,
  SetPlacesBody,
  UpdateWaitBody,
  WaitingCountQuery,
  WaitingListQuery,
} from '../../../contracts/capacity.ts';
import { amsterdamToday, schoolYearBounds, schoolYearOf } from '../../../domain/calendar.ts';
import {
  type CountedWait,
  capacityRefusal,
  countWaiting,
  isLongWait,
  newWaitRefusal,
  type PlaceCategory,
  type PlaceKind,
  placeKindOf,
  waitChangeRefusal,
  waitingBucket,
  waitingDays,
  waitingNodes,
  waitingTable,
} from '../../../domain/capacity.ts';
import { notOnCaseTeam } from '../../../domain/caseTeam.ts';
import type { SchoolKind } from '../../../domain/organisation.ts';
import { isSmallCell, smallestShownCount } from '../../../domain/smallCells.ts';
import { ownSwv } from '../../access/acting.ts';
import type { Context } from '../../access/actor.ts';
import { authorize, authorizeChild, authorizeLogged, inTransaction } from '../../access/authorize.ts';
import { can, type Resource, type StudentFacts } from '../../access/policy.ts';
import { runUseCase } from '../../access/useCase.ts';
import type { Tx } from '../../db/client.ts';
import { waitingEntry } from '../../db/schema/index.ts';
import { AppError, notFound } from '../../http/errors.ts';
import {
  capacityRows,
  decidedRequestsOf,
  type EntryRow,
  entryRows,
  findEntry,
  findProvider,
  findSchool,
  insertEntry,
  insertProvider,
  openEntriesOf,
  placesOf,
  updateEntry,
  upsertPlaces,
} from './capacity.queries.ts';

const capacity = (swvId: string, schoolId: string | null): Resource => ({
  type: 'capacity',
  swvId,
  schoolId,
});

/** The categories a kind's places are counted in. */
const categoriesOf = (kind: PlaceKind): PlaceCategory[] =>
  kind === 'so' || kind === 'vso' ? ['low', 'medium', 'high'] : ['none'];

/** The schools an actor's school roles name, to show a school's staff their own school's places. */
const ownSchoolsOf = (ctx: Context, swvId: string) =>
  [...new Set(ctx.actor.memberships.flatMap((m) => (m.schoolId ? [m.schoolId] : [])))].filter(
    (schoolId) => can(ctx.actor, 'read', capacity(swvId, schoolId)).allowed,
  );

// --- places ------------------------------------------------------------------------------------

/**
 * The places of a school year per school and provider, with the children waiting today and those
 * placed through the list this year. The SWV's staff see all, a special school's staff their own.
 * Who sees counts only (policy staff, the administrator) gets small ones hidden.
 */
export async function capacityOf(ctx: Context, query: z.infer<typeof CapacityQuery>) {
  const swvId = ownSwv(ctx);
  const all = can(ctx.actor, 'read', capacity(swvId, null)).allowed;
  const own = ownSchoolsOf(ctx, swvId);
  if (!all && own.length === 0) authorize(ctx, 'read', capacity(swvId, null));
  const today = amsterdamToday(ctx.now);
  const schoolYear = query.schoolYear ?? schoolYearOf(today);
  const hideSmall = !can(ctx.actor, 'read', { type: 'waiting_list', swvId }).allowed;
  return ctx.database.db.transaction(async (tx) => {
    const { schools, providers } = await placesOf(tx, swvId);
    const rows = await capacityRows(tx, swvId, schoolYear);
    const { from, to } = schoolYearBounds(schoolYear);
    const entries = await entryRows(tx, swvId);
    const waits = entries.map((row) => row.entry);
    // Who waits today is a cell of the same table the count page shows (src/domain/capacity.ts),
    // so the two pages together give no hidden cell away.
    const waitingToday = waitingTable(entries.map(countedWait), today);
    const shown = (count: number) => (hideSmall && isSmallCell(count) ? null : count);
    const placeOf = (id: string, name: string, kind: PlaceKind, isSchool: boolean) => ({
      id,
      name,
      kind,
      mayEdit: can(ctx.actor, 'manage', capacity(swvId, isSchool ? id : null)).allowed,
      rows: categoriesOf(kind).map((category) => {
        const row = rows.find(
          (r) => (isSchool ? r.schoolId : r.providerId) === id && r.category === category,
        );
        const here = waits.filter(
          (w) => (isSchool ? w.schoolId : w.providerId) === id && w.category === category,
        );
        return {
          category,
          places: row?.places ?? null,
          taken: row?.taken ?? null,
          waiting: (hideSmall ? waitingToday.count : waitingToday.raw)([
            waitingNodes.placeCategory(id, category),
          ]),
          placed: shown(
            here.filter((w) => w.ending === 'placed' && w.endedOn! >= from && w.endedOn! <= to).length,
          ),
        };
      }),
    });
    const places = [
      ...schools
        .filter((s) => all || own.includes(s.id))
        .map((s) => placeOf(s.id, s.name, placeKindOf(s.kind as SchoolKind)!, true)),
      ...(all ? providers.map((p) => placeOf(p.id, p.name, 'arrangement', false)) : []),
    ];
    return {
      schoolYear,
      places,
      permissions: { addProvider: can(ctx.actor, 'manage', capacity(swvId, null)).allowed },
    };
  });
}

/** Sets the places and places taken of one school or provider, year and category. */
export async function setPlaces(ctx: Context, body: z.infer<typeof SetPlacesBody>) {
  const swvId = ownSwv(ctx);
  return runUseCase(ctx, {
    authorize: async (tx) => {
      if (body.schoolId) {
        const found = await findSchool(tx, swvId, body.schoolId);
        if (!found) throw notFound();
        authorize(ctx, 'manage', capacity(swvId, found.id));
        return found.kind as SchoolKind;
      }
      if (!(await findProvider(tx, swvId, body.providerId!))) throw notFound();
      authorize(ctx, 'manage', capacity(swvId, null));
      return null;
    },
    work: async (tx, schoolKind) => {
      const refused = capacityRefusal({
        schoolKind,
        category: body.category,
        places: body.places,
        taken: body.taken,
      });
      if (refused) return refused;
      await upsertPlaces(tx, {
        swvId,
        id: uuidv7(),
        schoolYear: body.schoolYear,
        schoolId: body.schoolId ?? null,
        providerId: body.providerId ?? null,
        category: body.category,
        places: body.places,
        taken: body.taken,
        updatedByUserId: ctx.actor.userId,
        updatedAt: ctx.now,
      });
      return { saved: true as const };
    },
  });
}

export async function createProvider(ctx: Context, body: z.infer<typeof CreateProviderBody>) {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'manage', capacity(swvId, null));
  return runUseCase(ctx, {
    authorize: async () => undefined,
    work: async (tx) => {
      const id = uuidv7();
      await insertProvider(tx, { swvId, id, name: body.name, createdAt: ctx.now });
      return { id, name: body.name };
    },
    conflict: 'A provider of this name exists',
  });
}

// --- the waiting list --------------------------------------------------------------------------

/** What the policy knows of the child of a listed entry, enough for the school rules. */
const factsOfRow = (swvId: string, row: EntryRow): StudentFacts => ({
  swvId,
  schoolId: row.studentSchoolId,
  groupName: row.groupName,
  isGuardian: false,
  caseTeam: notOnCaseTeam,
  consentedPartnerOrganisationIds: [],
});

function viewOf(ctx: Context, row: EntryRow, student: StudentFacts) {
  const today = amsterdamToday(ctx.now);
  const e = row.entry;
  const on = e.endedOn ?? today;
  const resource = { type: 'waiting_entry' as const, student, waitSchoolId: e.schoolId };
  return {
    id: e.id,
    student: { id: e.studentId, name: row.studentName, schoolName: row.studentSchoolName },
    request:
      e.requestId && row.requestNumber
        ? { id: e.requestId, number: row.requestNumber, typeName: row.requestTypeName ?? '' }
        : null,
    place: {
      id: (e.schoolId ?? e.providerId)!,
      name: row.placeName,
      kind: placeKindOf((row.schoolKind as SchoolKind | null) ?? null)!,
    },
    category: e.category,
    since: e.since,
    promisedOn: e.promisedOn,
    endedOn: e.endedOn,
    ending: e.ending,
    note: can(ctx.actor, 'read', { ...resource, type: 'waiting_note' }).allowed ? e.note : null,
    waitingDays: waitingDays(e, today),
    bucket: waitingBucket(e.since, on),
    longWait: e.endedOn === null && isLongWait(e.since, today),
    mayChange: e.endedOn === null && can(ctx.actor, 'update', resource).allowed,
  };
}

/**
 * The waiting list, longest waits first: the SWV's consultants and committee see every entry, a
 * school's staff the entries of their children and of children waiting for their school.
 */
export async function waitingList(ctx: Context, query: z.infer<typeof WaitingListQuery>) {
  const swvId = ownSwv(ctx);
  return inTransaction(ctx, async (tx) => {
    await authorizeLogged(tx, ctx, {
      action: 'read',
      resource: { type: 'waiting_list', swvId },
      log: { swvId, studentId: null, action: 'search', objectType: 'waiting_list', objectId: null },
    });
    const filters: SQL[] = [
      query.state === 'open' ? isNull(waitingEntry.endedOn) : isNotNull(waitingEntry.endedOn),
    ];
    if (query.since) filters.push(lte(waitingEntry.since, query.since));
    const rows = await entryRows(tx, swvId, and(...filters));
    const entries = rows.flatMap((row) => {
      const student = factsOfRow(swvId, row);
      const resource = { type: 'waiting_entry' as const, student, waitSchoolId: row.entry.schoolId };
      if (!can(ctx.actor, 'read', resource).allowed) return [];
      const view = viewOf(ctx, row, student);
      if (query.placeId && view.place.id !== query.placeId) return [];
      if (query.kind && view.place.kind !== query.kind) return [];
      return [view];
    });
    return { entries };
  });
}

/** A child's waits, and what the form offers to whom may add one. */
export async function studentWaits(ctx: Context, studentId: string) {
  return runUseCase(ctx, {
    authorize: (tx) =>
      authorizeChild(tx, ctx, {
        action: 'read',
        studentId,
        logAction: 'read',
        objectType: 'waiting_entry',
        part: 'waiting_entry',
        resource: (student) => ({ type: 'waiting_entry', student, waitSchoolId: null }),
      }),
    work: async (tx, student) => {
      const rows = await entryRows(tx, student.swvId, eq(waitingEntry.studentId, studentId));
      const mayAdd = can(ctx.actor, 'create', { type: 'waiting_entry', student, waitSchoolId: null }).allowed;
      return {
        entries: rows.reverse().map((row) => viewOf(ctx, row, student)),
        choices: mayAdd ? await choicesFor(tx, student.swvId, studentId) : null,
      };
    },
  });
}

async function choicesFor(tx: Tx, swvId: string, studentId: string) {
  const { schools, providers } = await placesOf(tx, swvId);
  const requests = await decidedRequestsOf(tx, swvId, studentId);
  return {
    places: [
      ...schools.map((s) => ({ id: s.id, name: s.name, kind: placeKindOf(s.kind as SchoolKind)! })),
      ...providers.map((p) => ({ id: p.id, name: p.name, kind: 'arrangement' as const })),
    ],
    requests: requests.map((r) => ({
      id: r.id,
      number: r.number,
      typeName: r.typeName,
      category: (r.category ?? 'none') as PlaceCategory,
    })),
  };
}

async function loadEntry(tx: Tx, ctx: Context, entryId: string, action: 'read' | 'update') {
  const entry = await findEntry(tx, entryId);
  if (!entry) throw notFound();
  const student = await authorizeChild(tx, ctx, {
    action,
    studentId: entry.studentId,
    logAction: action,
    objectType: 'waiting_entry',
    objectId: entry.id,
    part: 'waiting_entry',
    resource: (facts) => ({ type: 'waiting_entry', student: facts, waitSchoolId: entry.schoolId }),
  });
  return { entry, student };
}

async function entryView(tx: Tx, ctx: Context, entryId: string, student: StudentFacts) {
  const [row] = await entryRows(tx, student.swvId, eq(waitingEntry.id, entryId));
  return viewOf(ctx, row!, student);
}

export async function getWait(ctx: Context, entryId: string) {
  return runUseCase(ctx, {
    authorize: (tx) => loadEntry(tx, ctx, entryId, 'read'),
    work: (tx, { student }) => entryView(tx, ctx, entryId, student),
  });
}

/** Puts a child on the waiting list for a special school or a provider. */
export async function createWait(ctx: Context, studentId: string, body: z.infer<typeof CreateWaitBody>) {
  const id = uuidv7();
  return runUseCase(ctx, {
    authorize: (tx) =>
      authorizeChild(tx, ctx, {
        action: 'create',
        studentId,
        logAction: 'create',
        objectType: 'waiting_entry',
        objectId: id,
        part: 'waiting_entry',
        resource: (student) => ({ type: 'waiting_entry', student, waitSchoolId: body.schoolId ?? null }),
      }),
    work: async (tx, student) => {
      const swvId = student.swvId;
      let schoolKind: SchoolKind | null = null;
      if (body.schoolId) {
        const found = await findSchool(tx, swvId, body.schoolId);
        if (!found) throw new AppError('bad_request', 'No such school in the SWV');
        schoolKind = found.kind as SchoolKind;
      } else if (!(await findProvider(tx, swvId, body.providerId!))) {
        throw new AppError('bad_request', 'No such provider in the SWV');
      }
      if (body.requestId) {
        const requests = await decidedRequestsOf(tx, swvId, studentId);
        if (!requests.some((r) => r.id === body.requestId))
          throw new AppError('bad_request', 'Not a decided request of this child');
      }
      const target = {
        schoolId: body.schoolId ?? null,
        providerId: body.providerId ?? null,
        category: body.category,
      };
      const refused = newWaitRefusal({
        target,
        schoolKind: body.schoolId ? schoolKind : null,
        since: body.since,
        promisedOn: body.promisedOn,
        today: amsterdamToday(ctx.now),
        openTargets: await openEntriesOf(tx, swvId, studentId),
      });
      if (refused) return refused;
      await insertEntry(tx, {
        swvId,
        id,
        studentId,
        requestId: body.requestId,
        ...target,
        since: body.since,
        promisedOn: body.promisedOn,
        note: body.note,
        createdByUserId: ctx.actor.userId,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      });
      return entryView(tx, ctx, id, student);
    },
    conflict: 'The child already waits for this place',
  });
}

/** Promises a place, changes the note, or ends the wait (placed, elsewhere, withdrawn). */
export async function updateWait(ctx: Context, entryId: string, body: z.infer<typeof UpdateWaitBody>) {
  return runUseCase(ctx, {
    authorize: (tx) => loadEntry(tx, ctx, entryId, 'update'),
    work: async (tx, { entry, student }) => {
      const promisedOn = body.promisedOn === undefined ? entry.promisedOn : body.promisedOn;
      const refused = waitChangeRefusal({
        since: entry.since,
        endedOn: entry.endedOn,
        promisedOn,
        end: body.end ?? null,
        today: amsterdamToday(ctx.now),
      });
      if (refused) return refused;
      await updateEntry(tx, entry.swvId, entry.id, {
        promisedOn,
        note: body.note ?? entry.note,
        endedOn: body.end?.on ?? null,
        ending: body.end?.ending ?? null,
        updatedAt: ctx.now,
      });
      return entryView(tx, ctx, entry.id, student);
    },
  });
}

// --- the count ---------------------------------------------------------------------------------

/** A wait as the count counts it (src/domain/capacity.ts, `waitingTable`). */
const countedWait = (row: EntryRow): CountedWait => ({
  since: row.entry.since,
  endedOn: row.entry.endedOn,
  promisedOn: row.entry.promisedOn,
  kind: placeKindOf((row.schoolKind as SchoolKind | null) ?? null)!,
  category: row.entry.category,
  placeId: (row.entry.schoolId ?? row.entry.providerId)!,
});

/**
 * The children waiting on a reference date, as the national monitor counts (docs/domain.md). No
 * child's data leaves: counts only, small ones hidden for those who may not read the list itself.
 */
export async function waitingCounts(ctx: Context, query: z.infer<typeof WaitingCountQuery>) {
  const swvId = ownSwv(ctx);
  authorize(ctx, 'read', { type: 'waiting_counts', swvId });
  const on = query.on ?? amsterdamToday(ctx.now);
  const hideSmall = !can(ctx.actor, 'read', { type: 'waiting_list', swvId }).allowed;
  return ctx.database.db.transaction(async (tx) => {
    const rows = await entryRows(tx, swvId);
    const count = countWaiting(rows.map(countedWait), on, hideSmall);
    const placeOf = new Map(
      rows.map((row) => [
        (row.entry.schoolId ?? row.entry.providerId)!,
        { name: row.placeName, kind: placeKindOf((row.schoolKind as SchoolKind | null) ?? null)! },
      ]),
    );
    return {
      on,
      threshold: smallestShownCount,
      smallCellsHidden: hideSmall,
      ...count,
      byPlace: count.byPlace.map((p) => ({ id: p.placeId, ...placeOf.get(p.placeId)!, count: p.count })),
    };
  });
}
