// The monitor (docs/domain.md, "The monitor"): whether the support route works, as figures per SWV,
// wijk, school kind and school, for one school year and as a trend. Each indicator is defined here
// on plain facts (no names, no I/O); the server reads the facts of one SWV and publishes the tables
// suppressed as a whole (src/domain/smallCells.ts, `suppressTable`), so no cut of a figure under any
// of the page's filters gives a small cell away.

import {
  type AbsenceCaseFacts,
  countsAsThuiszitter,
  type DurationBucket,
  durationBucket,
  durationBuckets,
} from './absence.ts';
import { nationalAbsenceFigures } from './absenceNational.ts';
import { addDays, daysBetween, schoolYearBounds, schoolYearOf } from './calendar.ts';
import {
  type PlaceKind,
  placeKinds,
  type WaitingBucket,
  waitingBucket,
  waitingBuckets,
  waitsOn,
} from './capacity.ts';
import type { SchoolKind } from './organisation.ts';
import { type DecisionOutcome, decisionOutcomes } from './requests.ts';
import {
  evaluationOutcomes,
  type IncompleteReason,
  incompleteReasons,
  tlvCategories,
} from './requestTypes.ts';
import { allNode, type Dimension, flatDimension, smallestShownCount, suppressTable } from './smallCells.ts';

/** The national reference for participation in special education (SBO, SO, VSO): 3.5 %. */
export const nationalParticipationReference = 3.5;

/** The special school kinds whose pupils make up the participation figure. */
export const participationKinds = ['sbo', 'so', 'vso'] as const satisfies readonly SchoolKind[];

/** How many school years the trend shows, the chosen year the last. */
export const trendYears = 5;

/** The school a fact belongs to; facts without one (a case of a child enrolled nowhere) go to `noSchool`. */
export const noSchool = 'none';

export type MonitorSchool = {
  id: string;
  name: string;
  wijk: string;
  kind: SchoolKind;
  municipality: string;
};

/** The day participation is counted on, as DUO's count: 1 October of the school year. */
export function participationCountDate(schoolYear: string): string {
  return `${schoolYear.slice(0, 4)}-10-01`;
}

/** The school years before and up to `schoolYear`, oldest first. */
export function yearsUpTo(schoolYear: string, count = trendYears): string[] {
  const first = Number(schoolYear.slice(0, 4));
  return Array.from({ length: count }, (_, i) => `${first - count + 1 + i}-${first - count + 2 + i}`);
}

const inYear = (date: string | null, schoolYear: string) =>
  date !== null && schoolYearOf(date) === schoolYear;

// --- the place dimension -----------------------------------------------------------------------

/** The attributes a place is cut by, in the order of a place node's key. */
export const placeAttributes = ['municipality', 'wijk', 'kind'] as const;
export type PlaceAttribute = (typeof placeAttributes)[number];
export type PlaceCut = { [A in PlaceAttribute]: string | null };

/** The node of the places that share the fixed attributes of `cut` (none fixed: the SWV). */
export function placeNode(cut: Partial<PlaceCut>): string {
  const fixed = placeAttributes.map((a) => cut[a] ?? null);
  if (fixed.every((v) => v === null)) return allNode;
  return `p:${fixed.map((v) => (v === null ? '*' : `=${v}`)).join('\u001e')}`;
}

export const scopeNodes = {
  swv: allNode,
  wijk: (wijk: string) => placeNode({ wijk }),
  kind: (kind: string) => placeNode({ kind }),
  municipality: (municipality: string) => placeNode({ municipality }),
  wijkKind: (wijk: string, kind: string) => placeNode({ wijk, kind }),
  school: (id: string) => `s:${id}`,
};

/** Every subset of the place attributes, as bit masks over `placeAttributes`. */
const attributeSets = Array.from({ length: 1 << placeAttributes.length }, (_, mask) => mask);

/**
 * The places a figure is cut by: a lattice over municipality, wijk and school kind. The SWV is the
 * sum of its municipalities, of its wijken and of its school kinds; each cut that fixes some of
 * the three is the sum of the cuts that fix one more (a wijk = the sum of its (municipality, wijk)
 * cells and of its (wijk, kind) cells, …); the cut that fixes all three is the sum of its schools.
 * Facts without a school sit in a municipality, wijk and kind of their own (`none`).
 */
export function placeDimension(schools: readonly MonitorSchool[]): Dimension {
  // Made once per list of schools: one monitor call publishes some 25 figures a year over five
  // years, all on the same schools (bench/RESULTS.md, "monitor": a quarter of the count otherwise).
  const made = placeDimensions.get(schools);
  if (made) return made;
  const dimension = newPlaceDimension(schools);
  placeDimensions.set(schools, dimension);
  return dimension;
}

const placeDimensions = new WeakMap<readonly MonitorSchool[], Dimension>();

function newPlaceDimension(schools: readonly MonitorSchool[]): Dimension {
  const places = [
    ...schools.map((s) => ({
      id: s.id,
      municipality: s.municipality,
      wijk: s.wijk,
      kind: s.kind as string,
    })),
    { id: noSchool, municipality: noSchool, wijk: noSchool, kind: noSchool },
  ];
  const cutOf = (p: (typeof places)[number], mask: number): PlaceCut => ({
    municipality: mask & 1 ? p.municipality : null,
    wijk: mask & 2 ? p.wijk : null,
    kind: mask & 4 ? p.kind : null,
  });
  const leavesOf = new Map<string, string[]>();
  const childrenOf = new Map<string, Set<string>[]>();
  for (const p of places) {
    const leaf = scopeNodes.school(p.id);
    leavesOf.set(leaf, [leaf]);
    for (const mask of attributeSets) {
      const node = placeNode(cutOf(p, mask));
      leavesOf.set(node, [...(leavesOf.get(node) ?? []), leaf]);
      // One split per attribute not yet fixed; the full cut splits into its schools.
      const splits = childrenOf.get(node) ?? placeAttributes.map(() => new Set<string>());
      childrenOf.set(node, splits);
      placeAttributes.forEach((_, i) => {
        if (mask & (1 << i)) return;
        splits[i]!.add(placeNode(cutOf(p, mask | (1 << i))));
      });
      if (mask === attributeSets.length - 1) splits[0]!.add(leaf);
    }
  }
  const splits: { parent: string; children: string[] }[] = [];
  for (const [parent, sets] of childrenOf)
    for (const children of sets)
      if (children.size > 0) splits.push({ parent, children: [...children].sort() });
  return { nodes: [...leavesOf.keys()], leavesOf, splits };
}

export type MonitorFilter = {
  wijk: string | null;
  kind: SchoolKind | null;
  requestType: string | null;
  /** The gemeente of the schools; absent or null: all. */
  municipality?: string | null;
};

/** Whether a filter selects the whole SWV: every one of its cuts unset. */
export function wholeSwv(filter: MonitorFilter): boolean {
  return Object.values(filter).every((value) => value === null || value === undefined);
}

/** The place node a filter selects. */
export function scopeOf(filter: Pick<MonitorFilter, 'wijk' | 'kind' | 'municipality'>): string {
  return placeNode({ municipality: filter.municipality ?? null, wijk: filter.wijk, kind: filter.kind });
}

/** Whether a school lies inside a filter (for the facts that are not counts: lead times, means). */
export function schoolInFilter(
  schools: ReadonlyMap<string, MonitorSchool>,
  schoolId: string | null,
  filter: Pick<MonitorFilter, 'wijk' | 'kind' | 'municipality'>,
): boolean {
  const school = schoolId === null ? undefined : schools.get(schoolId);
  const wijk = school?.wijk ?? noSchool;
  const kind = school?.kind ?? noSchool;
  const municipality = school?.municipality ?? noSchool;
  return (
    (filter.wijk === null || filter.wijk === wijk) &&
    (filter.kind === null || filter.kind === kind) &&
    (filter.municipality == null || filter.municipality === municipality)
  );
}

// --- a published figure ---------------------------------------------------------------------------

/** One figure as published: its categories, the scope's cells, and the bars per wijk and school. */
export type FigureView = {
  /** The names of the category dimensions, e.g. ['type', 'outcome']. */
  dimensions: string[];
  /** The values of each category dimension, in order. */
  values: string[][];
  /** The scope's total under the request-type filter, null when suppressed. */
  total: number | null;
  /** Every combination of category nodes (a value or `*`) in the scope; null when suppressed. */
  cells: { nodes: string[]; count: number | null }[];
  /** The total per wijk (within the school-kind and municipality filters); null when suppressed. */
  byWijk: { wijk: string; count: number | null }[];
  /** The total per school inside the scope; null when suppressed. */
  bySchool: { schoolId: string; count: number | null }[];
};

/** A figure's facts: one leaf per fact, the school first, then one value per category dimension. */
export type FigureFacts = { schoolId: string | null; values: readonly string[]; count?: number }[];

/**
 * Counts the facts into a table over places × categories, suppresses it as a whole and cuts out
 * what the filter shows. `typeDimension` names the category dimension the request-type filter
 * fixes (or none).
 */
export function publishFigure(input: {
  schools: readonly MonitorSchool[];
  dimensions: readonly { name: string; values: readonly string[] }[];
  facts: FigureFacts;
  filter: MonitorFilter;
  typeDimension?: string;
}): FigureView {
  const { schools, dimensions, facts, filter } = input;
  const known = new Set(schools.map((s) => s.id));
  const leafCounts = new Map<string, number>();
  for (const fact of facts) {
    const place = scopeNodes.school(
      fact.schoolId !== null && known.has(fact.schoolId) ? fact.schoolId : noSchool,
    );
    const key = [place, ...fact.values].join('\u001f');
    leafCounts.set(key, (leafCounts.get(key) ?? 0) + (fact.count ?? 1));
  }
  const table = suppressTable(
    [placeDimension(schools), ...dimensions.map((d) => flatDimension(d.values))],
    leafCounts,
  );
  const typeIndex = dimensions.findIndex((d) => d.name === input.typeDimension);
  const typeFilter =
    typeIndex >= 0 &&
    filter.requestType !== null &&
    dimensions[typeIndex]!.values.includes(filter.requestType)
      ? filter.requestType
      : allNode;
  const headline = dimensions.map((_, i) => (i === typeIndex ? typeFilter : allNode));
  const scope = scopeOf(filter);
  let combos: string[][] = [[]];
  for (const d of dimensions) combos = combos.flatMap((c) => [allNode, ...d.values].map((v) => [...c, v]));
  const wijken = [...[...new Set(schools.map((s) => s.wijk))].sort(), noSchool];
  const inScope = schools.filter((s) => schoolInFilter(new Map([[s.id, s]]), s.id, filter));
  return {
    dimensions: dimensions.map((d) => d.name),
    values: dimensions.map((d) => [...d.values]),
    total: table.count([scope, ...headline]),
    cells: combos.map((nodes) => ({ nodes, count: table.count([scope, ...nodes]) })),
    byWijk: wijken.map((wijk) => ({
      wijk,
      count: table.count([
        scopeOf({ wijk, kind: filter.kind, municipality: filter.municipality ?? null }),
        ...headline,
      ]),
    })),
    bySchool: inScope.map((s) => ({
      schoolId: s.id,
      count: table.count([scopeNodes.school(s.id), ...headline]),
    })),
  };
}

/** A figure's cell by its category nodes (a value or `*` per dimension). */
export function cellOf(view: FigureView, nodes: readonly string[]): number | null {
  return view.cells.find((c) => c.nodes.every((n, i) => n === nodes[i]))?.count ?? null;
}

// --- statistics that are not counts ---------------------------------------------------------------

/** A percentile by the nearest-rank method (the 90th of 10 values is the 9th). */
export function percentile(values: readonly number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** The median: the middle value, or the mean of the two middle ones. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

// --- participation ------------------------------------------------------------------------------

/** Pupils of a school on the count date (from the enrolments open on that day). */
export type PupilCount = { schoolId: string; pupils: number };

export type Participation = {
  /** All pupils in the scope's schools on 1 October; null when suppressed. */
  pupils: number | null;
  /** Pupils in SBO, SO and VSO; null when any part is suppressed. */
  special: number | null;
  /** special / pupils in percent, one decimal; null when not shown. */
  share: number | null;
  perKind: { kind: string; count: number | null }[];
};

/**
 * Participation in special education on 1 October: the pupils of the SWV's SBO, SO and VSO
 * schools as a share of all its schools' pupils, for the wijk filter (a school-kind filter does
 * not apply: the share is of all kinds).
 */
export function participation(
  schools: readonly MonitorSchool[],
  counts: readonly PupilCount[],
  filter: MonitorFilter,
): Participation {
  const facts = counts.map((c) => ({ schoolId: c.schoolId, values: [], count: c.pupils }));
  const view = publishFigure({ schools, dimensions: [], facts, filter: { ...filter, kind: null } });
  const kinds = [...new Set(schools.map((s) => s.kind))].sort();
  const perKind = kinds.map((kind) => {
    const table = publishFigure({ schools, dimensions: [], facts, filter: { ...filter, kind } });
    return { kind, count: table.total };
  });
  const specialParts = perKind.filter((k) => (participationKinds as readonly string[]).includes(k.kind));
  const special = specialParts.some((k) => k.count === null)
    ? null
    : specialParts.reduce((sum, k) => sum + (k.count ?? 0), 0);
  const share =
    view.total !== null && view.total > 0 && special !== null
      ? Math.round((special / view.total) * 1000) / 10
      : null;
  return { pupils: view.total, special, share, perKind };
}

// --- requests and decisions -------------------------------------------------------------------------

export const requestResults = [...decisionOutcomes, 'withdrawn'] as const;
export type RequestResult = (typeof requestResults)[number];

export type RequestFactsForMonitor = {
  schoolId: string;
  typeCode: string;
  isTlv: boolean;
  crisis: boolean;
  outcome: DecisionOutcome | null;
  category: string | null;
  completeOn: string | null;
  deadlineOn: string | null;
  decidedOn: string | null;
  /** The day of the withdrawal, null when not withdrawn. */
  withdrawnOn: string | null;
  periodFrom: string | null;
  budgetCents: number | null;
  provider: string;
  evaluationOutcome: string | null;
};

/** A request counts in the school year of its decision, or of its withdrawal. */
export function requestResultIn(request: RequestFactsForMonitor, schoolYear: string): RequestResult | null {
  if (request.outcome !== null && inYear(request.decidedOn, schoolYear)) return request.outcome;
  if (request.withdrawnOn !== null && request.outcome === null && inYear(request.withdrawnOn, schoolYear))
    return 'withdrawn';
  return null;
}

export type LeadTime = {
  /** Decisions in the year with a complete date, in the scope. */
  decided: number | null;
  /** Calendar days from complete to decision. */
  medianDays: number | null;
  p90Days: number | null;
  /** Share (0–1) decided on or before the deadline. */
  withinDeadline: number | null;
};

/**
 * The lead time from complete to decision of the requests decided in the year, crisis placements
 * apart. Fewer than five decisions show nothing: a median of four could be one child's story.
 */
export function leadTime(
  requests: readonly RequestFactsForMonitor[],
  schoolYear: string,
  crisis: boolean,
): LeadTime {
  const decided = requests.filter(
    (r) =>
      r.crisis === crisis && r.outcome !== null && r.completeOn !== null && inYear(r.decidedOn, schoolYear),
  );
  if (decided.length < smallestShownCount)
    return {
      decided: decided.length === 0 ? 0 : null,
      medianDays: null,
      p90Days: null,
      withinDeadline: null,
    };
  const days = decided.map((r) => daysBetween(r.completeOn!, r.decidedOn!));
  const within = decided.filter((r) => r.deadlineOn !== null && r.decidedOn! <= r.deadlineOn).length;
  return {
    decided: decided.length,
    medianDays: median(days),
    p90Days: percentile(days, 90),
    withinDeadline: within / decided.length,
  };
}

/** The start of a granted TLV or arrangement: its period, or the decision when it has none. */
const startOf = (r: RequestFactsForMonitor) => r.periodFrom ?? r.decidedOn;
const isGranted = (r: RequestFactsForMonitor) => r.outcome === 'granted' || r.outcome === 'partly_granted';

/** TLVs granted, counted in the school year they start (a TLV from next August counts next year). */
export function tlvsStartingIn(requests: readonly RequestFactsForMonitor[], schoolYear: string) {
  return requests.filter((r) => r.isTlv && isGranted(r) && inYear(startOf(r), schoolYear));
}

/** The TLV categories as the monitor shows them: a TLV for SBO or PrO has none. */
export const monitorTlvCategories = [...tlvCategories, 'none'] as const;

/** Arrangements (granted, not a TLV, not a consultation) starting in the school year. */
export function arrangementsStartingIn(requests: readonly RequestFactsForMonitor[], schoolYear: string) {
  return requests.filter(
    (r) => !r.isTlv && r.budgetCents !== null && isGranted(r) && inYear(startOf(r), schoolYear),
  );
}

export const arrangementEffects = [...evaluationOutcomes, 'not_evaluated'] as const;

/** A send-back of a request as incomplete, with its reason. */
export type IncompleteFact = {
  schoolId: string;
  typeCode: string;
  on: string;
  reason: IncompleteReason | null;
};
export const monitorIncompleteReasons = incompleteReasons;

// --- children at home --------------------------------------------------------------------------------

export type AbsenceFactsForMonitor = AbsenceCaseFacts & {
  schoolId: string | null;
  ending: string | null;
  /** Each offer: from which day, hours a week (education + care). */
  offers: readonly { fromOn: string; hours: number }[];
};

/** The last day of the school year the case was open (the day before it ended), or null. */
function lastOpenDay(facts: AbsenceFactsForMonitor, schoolYear: string): string | null {
  const { from, to } = schoolYearBounds(schoolYear);
  const last =
    facts.endedOn === null ? to : addDays(facts.endedOn, -1) < to ? addDays(facts.endedOn, -1) : to;
  if (facts.startedOn > last || last < from) return null;
  return last;
}

const offerHoursOn = (facts: AbsenceFactsForMonitor, on: string) =>
  facts.offers.filter((o) => o.fromOn <= on).sort((a, b) => (a.fromOn < b.fromOn ? 1 : -1))[0]?.hours ?? 0;

export const offerStates = ['with_offer', 'without_offer'] as const;

/**
 * The thuiszitters of a school year as the national attendance count counts them: every child
 * who counted as one on some day of the year (absolute absence from its first day, relative
 * absence after 4 weeks), grouped by kind, by how long the absence had lasted on the year's (or
 * the case's) last day, and whether there was an offer of education or care that day. A child at
 * home across 31 July counts in both years. Exemptions are not thuiszitters.
 */
export function thuiszittersIn(cases: readonly AbsenceFactsForMonitor[], schoolYear: string) {
  return cases.flatMap((facts) => {
    const last = lastOpenDay(facts, schoolYear);
    if (last === null) return [];
    const withOfferThen = { ...facts, offerHours: offerHoursOn(facts, last) };
    if (!countsAsThuiszitter(withOfferThen, last)) return [];
    const bucket: DurationBucket = durationBucket(facts.startedOn, last);
    const offer = withOfferThen.offerHours > 0 ? 'with_offer' : 'without_offer';
    return [{ schoolId: facts.schoolId, kind: facts.kind, bucket, offer }];
  });
}

export const monitorDurationBuckets = durationBuckets;

/** Days from the start of a case to its first offer, for the cases whose first offer came in the year. */
export function daysToOffer(cases: readonly AbsenceFactsForMonitor[], schoolYear: string): number[] {
  return cases.flatMap((facts) => {
    const first = [...facts.offers].sort((a, b) => (a.fromOn < b.fromOn ? -1 : 1)).find((o) => o.hours > 0);
    return first && inYear(first.fromOn, schoolYear)
      ? [Math.max(0, daysBetween(facts.startedOn, first.fromOn))]
      : [];
  });
}

/** How the cases that ended in the year ended (back at the own school, another, special education…). */
export function endingsIn(cases: readonly AbsenceFactsForMonitor[], schoolYear: string) {
  return cases.filter((c) => c.ending !== null && inYear(c.endedOn, schoolYear));
}

/** The national attendance count for the year, when published. */
export function nationalAbsenceOf(schoolYear: string) {
  return nationalAbsenceFigures.find((f) => f.schoolYear === schoolYear) ?? null;
}

// --- support levels -------------------------------------------------------------------------------------

export const levelMovements = ['up', 'stay', 'down'] as const;
export type LevelMovement = (typeof levelMovements)[number];

export type LevelChangeFact = {
  studentId: string;
  level: number;
  previousLevel: number | null;
  effectiveOn: string;
};

/** A child's level on a day from its changes: the last change on or before it, else the level before the first. */
export function levelOn(changes: readonly LevelChangeFact[], on: string): number | null {
  const sorted = [...changes].sort((a, b) => (a.effectiveOn < b.effectiveOn ? -1 : 1));
  const before = sorted.filter((c) => c.effectiveOn <= on);
  if (before.length > 0) return before[before.length - 1]!.level;
  return sorted[0]?.previousLevel ?? null;
}

/**
 * How a child's support level moved over the school year: up, the same, or back down, from the
 * level on 1 August to that on 31 July. Children without a change in their history stay.
 */
export function levelMovement(changes: readonly LevelChangeFact[], schoolYear: string): LevelMovement | null {
  const { from, to } = schoolYearBounds(schoolYear);
  // The day before 1 August is 31 July of the same calendar year (no date arithmetic per child).
  const start = levelOn(changes, `${from.slice(0, 4)}-07-31`);
  const end = levelOn(changes, to);
  if (end === null) return null;
  if (start === null || start === end) return 'stay';
  return end > start ? 'up' : 'down';
}

// --- OPDC placements and returns to regular school ------------------------------------------------

/** The request type of a temporary placement at an OPDC (VO only), with a planned return. */
export const opdcPlacementType = 'opdc_placement';

export type OpdcPlacementFact = {
  /** The school that asked (the child's regular school). */
  schoolId: string;
  /** The start of the placement: its period, or the decision when it has none. */
  startOn: string;
  plannedReturnOn: string | null;
  /** The first day at a regular school again (a move from the OPDC to a regular school), or null. */
  returnedOn: string | null;
};

export const opdcStates = ['returned', 'return_overdue', 'placed'] as const;
export type OpdcState = (typeof opdcStates)[number];

/** The granted OPDC placements among the requests, with their start (the period, else the decision). */
export function opdcPlacementsOf(
  requests: readonly (RequestFactsForMonitor & {
    plannedReturnOn?: string | null;
    returnedOn?: string | null;
  })[],
): OpdcPlacementFact[] {
  return requests.flatMap((r) => {
    const startOn = startOf(r);
    if (r.typeCode !== opdcPlacementType || !isGranted(r) || startOn === null) return [];
    return [
      {
        schoolId: r.schoolId,
        startOn,
        plannedReturnOn: r.plannedReturnOn ?? null,
        returnedOn: r.returnedOn ?? null,
      },
    ];
  });
}

/**
 * The OPDC placements that start in the school year, each with where it stood on the year's last
 * day (or today, while the year runs): back at a regular school (on or before that day), past its
 * planned return without having returned, or still placed. A return planned on that day itself is
 * not yet overdue.
 */
export function opdcPlacementsIn(
  placements: readonly OpdcPlacementFact[],
  schoolYear: string,
  today: string,
) {
  const { to } = schoolYearBounds(schoolYear);
  const on = today < to ? today : to;
  return placements.flatMap((p) => {
    if (!inYear(p.startOn, schoolYear)) return [];
    const state: OpdcState =
      p.returnedOn !== null && p.returnedOn <= on
        ? 'returned'
        : p.plannedReturnOn !== null && p.plannedReturnOn < on
          ? 'return_overdue'
          : 'placed';
    return [{ schoolId: p.schoolId, state }];
  });
}

// --- transitions: returns to regular school and open risks --------------------------------------------

export type TransitionFactsForMonitor = {
  direction: 'within' | 'outgoing' | 'incoming';
  moveKind: string;
  /** The sending school when it is in this SWV. */
  fromSchoolId: string | null;
  /** The receiving school when it is in this SWV. */
  toSchoolId: string | null;
  /** The kind of the sending school when it is in this SWV. */
  fromKind: string | null;
  movesOn: string;
  handedOverOn: string | null;
  riskFlags: readonly string[];
  decidedOn: string | null;
  outcome: 'placed' | 'not_placed' | null;
  startedOn: string | null;
};

/** The school a move counts at: the one the child leaves, or for a child from another SWV the one it comes to. */
export const transitionSchool = (t: TransitionFactsForMonitor): string | null =>
  t.fromSchoolId ?? t.toSchoolId;

/** Where a return to regular school comes from: a special school's kind, or another SWV. */
export const returnOrigins = ['sbo', 'so', 'vso', 'opdc', 'other_swv'] as const;

/**
 * The returns from special education (SBO, SO, VSO) or an OPDC to a regular school in the school
 * year: moves of kind `to_regular` placed at the new school (counted on the first day there) or,
 * to another SWV's school, handed over (counted on the planned day). A move not placed is no return.
 */
export function returnsIn(transitions: readonly TransitionFactsForMonitor[], schoolYear: string) {
  return transitions.flatMap((t) => {
    if (t.moveKind !== 'to_regular') return [];
    const on =
      t.direction === 'outgoing'
        ? t.handedOverOn !== null
          ? t.movesOn
          : null
        : t.outcome === 'placed'
          ? (t.startedOn ?? t.movesOn)
          : null;
    if (!inYear(on, schoolYear)) return [];
    const origin = t.direction === 'incoming' ? 'other_swv' : (t.fromKind ?? 'other_swv');
    return [{ schoolId: transitionSchool(t), origin }];
  });
}

export const transitionRisks = ['with_risks', 'without_risks', 'not_handed_over'] as const;
export const transitionStates = ['open', 'placed', 'not_placed', 'to_other_swv'] as const;
export type TransitionState = (typeof transitionStates)[number];

/**
 * The moves planned in the school year by what the hand-over said (risk flags, none, or not yet
 * handed over) and by where each stood on the year's last day: still open (no decision yet, or for
 * a move to another SWV not yet handed over), placed, not placed, or handed over to another SWV
 * (whose decision is that SWV's). "Open risks" are the moves with risk flags still open.
 */
export function transitionsIn(transitions: readonly TransitionFactsForMonitor[], schoolYear: string) {
  const { to } = schoolYearBounds(schoolYear);
  return transitions.flatMap((t) => {
    if (!inYear(t.movesOn, schoolYear)) return [];
    const handed = t.handedOverOn !== null && t.handedOverOn <= to;
    const risk = !handed ? 'not_handed_over' : t.riskFlags.length > 0 ? 'with_risks' : 'without_risks';
    const state: TransitionState =
      t.direction === 'outgoing'
        ? handed
          ? 'to_other_swv'
          : 'open'
        : t.outcome !== null && t.decidedOn !== null && t.decidedOn <= to
          ? t.outcome
          : 'open';
    return [{ schoolId: transitionSchool(t), risk, state }];
  });
}

// --- waiting lists ----------------------------------------------------------------------------------

export type WaitFactsForMonitor = {
  /** The child's school (where the child waits from), null when unknown. */
  schoolId: string | null;
  /** What the child waits for: an SBO, SO, VSO or OPDC school, or an arrangement provider. */
  kind: PlaceKind;
  since: string;
  endedOn: string | null;
  ending: 'placed' | 'elsewhere' | 'withdrawn' | null;
};

export const monitorPlaceKinds = placeKinds;
export const monitorWaitingBuckets = waitingBuckets;

/** The day the waiting list is counted, as the national waiting-list monitor's first count: 1 October. */
export const waitingCountDate = participationCountDate;

/**
 * The children waiting on 1 October of the school year (from their start up to the day before the
 * end), by what they wait for and how long they had waited that day (a wait of exactly 3 months is
 * in 3–6 months). A child waiting for two places counts at each, as the national monitor counts.
 */
export function waitingOn(
  waits: readonly WaitFactsForMonitor[],
  schoolYear: string,
): { schoolId: string | null; kind: PlaceKind; bucket: WaitingBucket }[] {
  const on = waitingCountDate(schoolYear);
  return waits.flatMap((w) =>
    waitsOn(w, on) ? [{ schoolId: w.schoolId, kind: w.kind, bucket: waitingBucket(w.since, on) }] : [],
  );
}

/** The waits that ended with a place in the school year, and the days each waited. */
export function placedFromListIn(waits: readonly WaitFactsForMonitor[], schoolYear: string) {
  return waits.flatMap((w) =>
    w.ending === 'placed' && inYear(w.endedOn, schoolYear)
      ? [{ schoolId: w.schoolId, kind: w.kind, days: daysBetween(w.since, w.endedOn!) }]
      : [],
  );
}

// --- satisfaction -----------------------------------------------------------------------------------

export const satisfactionRespondents = ['parent', 'pupil'] as const;
export type SatisfactionRespondent = (typeof satisfactionRespondents)[number];

export type SurveyFactForMonitor = {
  schoolId: string;
  schoolYear: string;
  respondent: SatisfactionRespondent;
  overall: number | null;
};

/** The answers of the school year with an overall score (a skipped overall question is no answer). */
export const answersIn = (answers: readonly SurveyFactForMonitor[], schoolYear: string) =>
  answers.filter((a) => a.schoolYear === schoolYear && a.overall !== null);

/** The mean overall score, one decimal; null under five answers (a mean of four could be one family's). */
export function meanScore(scores: readonly number[]): number | null {
  if (scores.length < smallestShownCount) return null;
  return Math.round((scores.reduce((s, n) => s + n, 0) / scores.length) * 10) / 10;
}
