// Places and waiting lists (docs/domain.md, "Places and waiting lists"; docs/requirements.md R-TRANS-4):
// the places of SBO, SO, VSO and OPDC schools and of arrangement providers per school year, who waits
// where since when, the waiting time, and the count on a reference date as the national waiting-list
// monitor counts. Pure: no I/O.
import { daysBetween } from './calendar.ts';
import { addMonths } from './childFile.ts';
import type { SchoolKind } from './organisation.ts';
import { type Refusal, refuse } from './refusal.ts';
import { groupedDimension, groupNode, type SuppressedTable, suppressTable } from './smallCells.ts';

/** What a place is for: a school of special education or an OPDC, or an arrangement provider. */
export const placeKinds = ['sbo', 'so', 'vso', 'opdc', 'arrangement'] as const;
export type PlaceKind = (typeof placeKinds)[number];

/** The school kinds that have places to wait for; a regular school (bao, vo) has none. */
export const specialSchoolKinds = ['sbo', 'so', 'vso', 'opdc'] as const satisfies readonly SchoolKind[];

/** An SO or VSO place is for a TLV category (low, medium, high); any other place has none. */
export const placeCategories = ['none', 'low', 'medium', 'high'] as const;
export type PlaceCategory = (typeof placeCategories)[number];

/** How a wait ends: placed where the child waited, placed elsewhere, or withdrawn (no longer waiting). */
export const waitEndings = ['placed', 'elsewhere', 'withdrawn'] as const;
export type WaitEnding = (typeof waitEndings)[number];

/** The waiting-time buckets of the count: under 1 month, 1–3 months, 3–6 months, 6 months or more. */
export const waitingBuckets = [
  'under_one_month',
  'one_to_three_months',
  'three_to_six_months',
  'six_months_or_more',
] as const;
export type WaitingBucket = (typeof waitingBuckets)[number];

/** The most places one row may hold: more is a typing error, not a school (the largest SO has some 400). */
export const maxPlaces = 2000;

/** The kind of place a school has, or null for a regular school; no school means an arrangement provider. */
export function placeKindOf(schoolKind: SchoolKind | null): PlaceKind | null {
  if (schoolKind === null) return 'arrangement';
  return (specialSchoolKinds as readonly string[]).includes(schoolKind) ? (schoolKind as PlaceKind) : null;
}

const hasCategories = (kind: PlaceKind) => kind === 'so' || kind === 'vso';

export type CapacityRefusal = Refusal<'not_a_place' | 'places_out_of_range' | 'category_of_kind'>;

/** A row of places: a school of special education or a provider, a count in range, the kind's category. */
export function capacityRefusal(input: {
  schoolKind: SchoolKind | null;
  category: PlaceCategory;
  places: number;
  taken: number;
}): CapacityRefusal | null {
  const kind = placeKindOf(input.schoolKind);
  if (kind === null)
    return refuse('not_a_place', 'Only SBO, SO, VSO and OPDC schools and arrangement providers have places');
  for (const count of [input.places, input.taken]) {
    if (!Number.isInteger(count) || count < 0 || count > maxPlaces) {
      return refuse(
        'places_out_of_range',
        `Places and places taken are whole numbers from 0 to ${maxPlaces}`,
        {
          max: maxPlaces,
        },
      );
    }
  }
  return categoryRefusal(kind, input.category);
}

function categoryRefusal(kind: PlaceKind, category: PlaceCategory): Refusal<'category_of_kind'> | null {
  const needs = hasCategories(kind);
  if (needs === (category !== 'none')) return null;
  return refuse(
    'category_of_kind',
    needs
      ? 'An SO or VSO place is for category low, medium or high'
      : 'Only SO and VSO places have a category',
    { kind },
  );
}

/** Where a child waits: a school (its kind) or a provider, and for what category. */
export type WaitTarget = { schoolId: string | null; providerId: string | null; category: PlaceCategory };

export type WaitRefusal = Refusal<
  | 'not_a_place'
  | 'category_of_kind'
  | 'start_in_future'
  | 'promised_before_start'
  | 'already_waiting'
  | 'wait_ended'
  | 'end_before_start'
  | 'end_in_future'
>;

/**
 * A new wait: for a school of special education or a provider, with the kind's category, started
 * today or before, promised (if at all) not before it started, and not a second open wait of the
 * child for the same school or provider.
 */
export function newWaitRefusal(input: {
  target: WaitTarget;
  schoolKind: SchoolKind | null;
  since: string;
  promisedOn: string | null;
  today: string;
  openTargets: readonly WaitTarget[];
}): WaitRefusal | null {
  const kind = placeKindOf(input.schoolKind);
  if (kind === null)
    return refuse('not_a_place', 'A child waits for an SBO, SO, VSO or OPDC school or a provider');
  const category = categoryRefusal(kind, input.target.category);
  if (category) return category;
  const dates = waitDatesRefusal(input.since, input.promisedOn, input.today);
  if (dates) return dates;
  const placeOf = (target: WaitTarget) => target.schoolId ?? target.providerId;
  const same = input.openTargets.some((open) => placeOf(open) === placeOf(input.target));
  return same ? refuse('already_waiting', 'The child already waits for this place') : null;
}

function waitDatesRefusal(since: string, promisedOn: string | null, today: string): WaitRefusal | null {
  if (since > today) return refuse('start_in_future', 'A wait starts today or earlier', { today });
  if (promisedOn !== null && promisedOn < since)
    return refuse('promised_before_start', 'The promised date is not before the wait started', { since });
  return null;
}

/** A change of a wait: still open, a promised date not before the start, an end between start and today. */
export function waitChangeRefusal(input: {
  since: string;
  endedOn: string | null;
  promisedOn: string | null;
  end: { on: string } | null;
  today: string;
}): WaitRefusal | null {
  if (input.endedOn !== null) return refuse('wait_ended', 'This wait has ended', { endedOn: input.endedOn });
  const dates = waitDatesRefusal(input.since, input.promisedOn, input.today);
  if (dates) return dates;
  if (input.end && input.end.on < input.since)
    return refuse('end_before_start', 'A wait ends on or after the day it started', { since: input.since });
  if (input.end && input.end.on > input.today)
    return refuse('end_in_future', 'A wait ends today or earlier', { today: input.today });
  return null;
}

/** Days waited on `on`: from the start to that day, or to the end when it ended before. */
export function waitingDays(wait: { since: string; endedOn: string | null }, on: string): number {
  const until = wait.endedOn !== null && wait.endedOn < on ? wait.endedOn : on;
  return Math.max(0, daysBetween(wait.since, until));
}

/** The bucket of a wait on `on`: a wait of exactly 3 months is in 3–6 months. */
export function waitingBucket(since: string, on: string): WaitingBucket {
  if (addMonths(since, 6) <= on) return 'six_months_or_more';
  if (addMonths(since, 3) <= on) return 'three_to_six_months';
  if (addMonths(since, 1) <= on) return 'one_to_three_months';
  return 'under_one_month';
}

/** Waiting 3 months or more: the SWV acts (docs/domain.md); marked on the list, its people told. */
export const longWaitMonths = 3;
export const isLongWait = (since: string, on: string) => addMonths(since, longWaitMonths) <= on;

/** A wait waits on `on` from its start up to the day before its end. */
export const waitsOn = (wait: { since: string; endedOn: string | null }, on: string) =>
  wait.since <= on && (wait.endedOn === null || wait.endedOn > on);

export type CountedWait = {
  since: string;
  endedOn: string | null;
  promisedOn: string | null;
  kind: PlaceKind;
  category: PlaceCategory;
  /** The school or provider waited for. */
  placeId: string;
};

/** A count; null when hidden as a small cell. */
type Count = number | null;

export type WaitingCount = {
  total: Count;
  byKind: { kind: PlaceKind; category: PlaceCategory; count: Count }[];
  byBucket: { bucket: WaitingBucket; count: Count }[];
  byPromise: { promised: boolean; count: Count }[];
  byPlace: { placeId: string; count: Count }[];
};

/** The cells of the waiting table (`waitingTable`), as nodes of its one dimension. */
export const waitingNodes = {
  total: groupNode('total', 'all'),
  kind: (kind: PlaceKind, category: PlaceCategory) => groupNode('kindCategory', `${kind}/${category}`),
  place: (placeId: string) => groupNode('place', placeId),
  placeCategory: (placeId: string, category: PlaceCategory) =>
    groupNode('placeCategory', `${placeId}/${category}`),
  bucket: (bucket: WaitingBucket) => groupNode('bucket', bucket),
  promise: (promised: boolean) => groupNode('promise', String(promised)),
};

/**
 * The children waiting on a reference date as one table, suppressed as a whole
 * (src/domain/smallCells.ts): the total, and as its parts the kinds (each the sum of its places,
 * and of its categories), the places, the waiting times and the promises; each place the sum of its
 * categories, each kind's category the sum of that category at its places. The count page and the
 * places page both show cells of this one table, so neither, nor both together, gives a hidden
 * cell away. A child waiting for two places counts at each.
 */
export function waitingTable(waits: readonly CountedWait[], on: string): SuppressedTable {
  const waiting = waits.filter((wait) => waitsOn(wait, on));
  const at = (leaf: string) => waiting[Number(leaf)]!;
  const dimension = groupedDimension(
    waiting.map((_, i) => String(i)),
    [
      { name: 'total', groupOf: () => 'all' },
      { name: 'kind', groupOf: (leaf) => at(leaf).kind },
      { name: 'kindCategory', groupOf: (leaf) => `${at(leaf).kind}/${at(leaf).category}` },
      { name: 'place', groupOf: (leaf) => at(leaf).placeId },
      { name: 'placeCategory', groupOf: (leaf) => `${at(leaf).placeId}/${at(leaf).category}` },
      { name: 'bucket', groupOf: (leaf) => waitingBucket(at(leaf).since, on) },
      { name: 'promise', groupOf: (leaf) => String(at(leaf).promisedOn !== null) },
    ],
    [
      { parent: 'total', children: ['kind'] },
      { parent: 'total', children: ['place'] },
      { parent: 'total', children: ['bucket'] },
      { parent: 'total', children: ['promise'] },
      { parent: 'kind', children: ['place'] },
      { parent: 'kind', children: ['kindCategory'] },
      { parent: 'kindCategory', children: ['placeCategory'] },
      { parent: 'place', children: ['placeCategory'] },
    ],
  );
  return suppressTable([dimension], new Map(waiting.map((_, i) => [String(i), 1])));
}

/**
 * The children waiting on a reference date, grouped as the national monitor groups them (by kind
 * and category, by waiting time, with or without a place promised) and per school or provider, from
 * `waitingTable`. With `hideSmallCells` small cells are hidden, and any that would give one away.
 */
export function countWaiting(
  waits: readonly CountedWait[],
  on: string,
  hideSmallCells: boolean,
): WaitingCount {
  const table = waitingTable(waits, on);
  const count = (node: string): Count => (hideSmallCells ? table.count([node]) : table.raw([node]));
  const kindKeys = placeKinds.flatMap((kind) =>
    (hasCategories(kind) ? placeCategories.filter((c) => c !== 'none') : (['none'] as const)).map(
      (category) => ({ kind, category }),
    ),
  );
  const placeIds = [...new Set(waits.filter((wait) => waitsOn(wait, on)).map((wait) => wait.placeId))].sort();
  return {
    total: count(waitingNodes.total),
    byKind: kindKeys.map((key) => ({ ...key, count: count(waitingNodes.kind(key.kind, key.category)) })),
    byBucket: waitingBuckets.map((bucket) => ({ bucket, count: count(waitingNodes.bucket(bucket)) })),
    byPromise: [false, true].map((promised) => ({ promised, count: count(waitingNodes.promise(promised)) })),
    byPlace: placeIds.map((placeId) => ({ placeId, count: count(waitingNodes.place(placeId)) })),
  };
}
