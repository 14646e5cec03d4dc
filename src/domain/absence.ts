// Children at home (docs/domain.md, "Children at home"): the kinds of an absence case, the
// thresholds that notify and escalate, and the counting by the national attendance count's
// definitions on a reference date. Pure: no I/O. The module, pages and scheduler come next
// (docs/requirements.md R-ABS).
import { addDays, daysBetween } from './calendar.ts';
import { addMonths } from './childFile.ts';
import { type Refusal, refuse } from './refusal.ts';
import { groupedDimension, groupNode, type SuppressedTable, suppressTable } from './smallCells.ts';

/**
 * absolute: of school age and enrolled nowhere; relative_long: enrolled, absent without a valid
 * reason for 4 or more consecutive weeks; exemption: a legal exemption (vrijstelling); authorised_long:
 * absent with a valid reason (e.g. illness) for more than 4 weeks.
 */
export const absenceKinds = ['absolute', 'relative_long', 'exemption', 'authorised_long'] as const;
export type AbsenceKind = (typeof absenceKinds)[number];

/** The Leerplichtwet 1969 articles an exemption rests on. */
export const exemptionArticles = ['3a', '5a', '5b', '5c', '11', '15'] as const;
export type ExemptionArticle = (typeof exemptionArticles)[number];

/** How an absence case ends. */
export const absenceEndings = [
  'own_school',
  'other_school',
  'special_education',
  'exemption',
  'moved_away',
] as const;
export type AbsenceEnding = (typeof absenceEndings)[number];

/** The thresholds of the Thuiszitterspact, in order: each crossed once notifies and escalates. */
export const absenceThresholds = ['four_weeks', 'three_months', 'six_months'] as const;
export type AbsenceThreshold = (typeof absenceThresholds)[number];

/** The day a case started on `startedOn` crosses a threshold (the day the duration is reached). */
export function thresholdDate(startedOn: string, threshold: AbsenceThreshold): string {
  switch (threshold) {
    case 'four_weeks':
      return addDays(startedOn, 28);
    case 'three_months':
      return addMonths(startedOn, 3);
    case 'six_months':
      return addMonths(startedOn, 6);
  }
}

/** The thresholds a case has crossed on `today` (it was still open then), in order. */
export function thresholdsCrossed(startedOn: string, today: string): AbsenceThreshold[] {
  return absenceThresholds.filter((threshold) => thresholdDate(startedOn, threshold) <= today);
}

/** The national count's duration buckets: under 4 weeks, 4 weeks–3 months, 3–6 months, over 6 months. */
export const durationBuckets = [
  'under_four_weeks',
  'four_weeks_to_three_months',
  'three_to_six_months',
  'over_six_months',
] as const;
export type DurationBucket = (typeof durationBuckets)[number];

/** The bucket of a case on a reference date: a case exactly 4 weeks old is in the second. */
export function durationBucket(startedOn: string, on: string): DurationBucket {
  const crossed = thresholdsCrossed(startedOn, on).length;
  return durationBuckets[crossed]!;
}

export type AbsenceCaseFacts = {
  kind: AbsenceKind;
  startedOn: string;
  /** The day it ended (back at school, exempted…); null while it runs. */
  endedOn: string | null;
  /** Hours of education or care a week on the reference date; 0 or null: no offer. */
  offerHours: number | null;
};

const isOpenOn = (facts: AbsenceCaseFacts, on: string) =>
  facts.startedOn <= on && (facts.endedOn === null || facts.endedOn > on);

/**
 * Whether a case counts as a thuiszitter on `on`, by the national attendance count: absolute
 * absence from its first day, relative absence once it has lasted 4 consecutive weeks; an
 * exemption is counted apart, authorised absence not at all.
 */
export function countsAsThuiszitter(facts: AbsenceCaseFacts, on: string): boolean {
  if (!isOpenOn(facts, on)) return false;
  if (facts.kind === 'absolute') return true;
  if (facts.kind === 'relative_long') return thresholdDate(facts.startedOn, 'four_weeks') <= on;
  return false;
}

/** The Thuiszitterspact's red line: at home for 3 months or more, and no offer. */
export function pastTheRedLine(facts: AbsenceCaseFacts, on: string): boolean {
  return (
    isOpenOn(facts, on) &&
    facts.kind !== 'exemption' &&
    thresholdDate(facts.startedOn, 'three_months') <= on &&
    !(facts.offerHours && facts.offerHours > 0)
  );
}

export type AbsenceCount = {
  /** Thuiszitters by kind, duration bucket and offer. */
  thuiszitters: {
    kind: 'absolute' | 'relative_long';
    bucket: DurationBucket;
    withOffer: boolean;
    count: number;
  }[];
  /** Exemptions in force, counted apart. */
  exemptions: number;
  total: number;
};

/** The count on a reference date, grouped as the national attendance count groups it. */
export function countAbsence(cases: readonly AbsenceCaseFacts[], on: string): AbsenceCount {
  const groups = new Map<string, AbsenceCount['thuiszitters'][number]>();
  let exemptions = 0;
  for (const facts of cases) {
    if (facts.kind === 'exemption' && isOpenOn(facts, on)) exemptions += 1;
    if (!countsAsThuiszitter(facts, on)) continue;
    const kind = facts.kind as 'absolute' | 'relative_long';
    const bucket = durationBucket(facts.startedOn, on);
    const withOffer = Boolean(facts.offerHours && facts.offerHours > 0);
    const key = `${kind}|${bucket}|${withOffer}`;
    const group = groups.get(key) ?? { kind, bucket, withOffer, count: 0 };
    group.count += 1;
    groups.set(key, group);
  }
  const thuiszitters = [...groups.values()].sort(
    (a, b) =>
      absenceKinds.indexOf(a.kind) - absenceKinds.indexOf(b.kind) ||
      durationBuckets.indexOf(a.bucket) - durationBuckets.indexOf(b.bucket) ||
      Number(a.withOffer) - Number(b.withOffer),
  );
  return { thuiszitters, exemptions, total: thuiszitters.reduce((sum, group) => sum + group.count, 0) };
}

/** The cells of the figures' table (`absenceFiguresTable`), as nodes of its one dimension. */
export const absenceNodes = {
  total: groupNode('total', 'all'),
  group: (kind: AbsenceKind, bucket: DurationBucket, withOffer: boolean) =>
    groupNode('group', `${kind}/${bucket}/${withOffer}`),
  /** A school by id; '' for the children enrolled nowhere. */
  school: (schoolId: string) => groupNode('school', schoolId),
  wijk: (wijk: string) => groupNode('wijk', wijk),
  municipality: (municipality: string) => groupNode('municipality', municipality),
  redLine: groupNode('redLine', 'all'),
};

/** A case as the figures count it: where the child is enrolled (school and its wijk) and lives. */
export type FigureCaseFacts = AbsenceCaseFacts & {
  schoolId: string | null;
  wijk: string | null;
  municipality: string;
};

/**
 * The figures on a reference date as one table, suppressed as a whole (src/domain/smallCells.ts):
 * the children at home (`countsAsThuiszitter`) in total, and as its parts per kind, duration and
 * offer, per school, per wijk (each the sum of its schools) and per municipality the child lives in
 * (not a sum of schools: a school's children live in several); and those past the red line, the
 * sum of the groups of 3 months or more without an offer and of the long authorised absences past
 * it (never shown, but part of the sum). So no breakdown subtracted from the total, or from another,
 * gives a hidden cell away.
 */
export function absenceFiguresTable(cases: readonly FigureCaseFacts[], on: string): SuppressedTable {
  const at = (leaf: string) => cases[Number(leaf)]!;
  const counted = (leaf: string) => countsAsThuiszitter(at(leaf), on);
  const ifCounted = (value: (c: FigureCaseFacts) => string) => (leaf: string) =>
    counted(leaf) ? value(at(leaf)) : null;
  const dimension = groupedDimension(
    cases.map((_, i) => String(i)),
    [
      { name: 'total', groupOf: ifCounted(() => 'all') },
      {
        name: 'group',
        groupOf: ifCounted(
          (c) => `${c.kind}/${durationBucket(c.startedOn, on)}/${Boolean(c.offerHours && c.offerHours > 0)}`,
        ),
      },
      { name: 'school', groupOf: ifCounted((c) => c.schoolId ?? '') },
      { name: 'wijk', groupOf: ifCounted((c) => c.wijk ?? '') },
      { name: 'municipality', groupOf: ifCounted((c) => c.municipality) },
      { name: 'redLine', groupOf: (leaf) => (pastTheRedLine(at(leaf), on) ? 'all' : null) },
      {
        name: 'redLineNotCounted',
        groupOf: (leaf) => (pastTheRedLine(at(leaf), on) && !counted(leaf) ? 'all' : null),
      },
    ],
    [
      { parent: 'total', children: ['group'] },
      { parent: 'total', children: ['school'] },
      { parent: 'total', children: ['wijk'] },
      { parent: 'total', children: ['municipality'] },
      { parent: 'wijk', children: ['school'] },
      { parent: 'redLine', children: ['group', 'redLineNotCounted'] },
    ],
  );
  return suppressTable([dimension], new Map(cases.map((_, i) => [String(i), 1])));
}

export type AbsenceRefusal = Refusal<
  | 'date_in_future'
  | 'date_before_birth'
  | 'ends_before_start'
  | 'absence_cases_overlap'
  | 'exemption_needs_article'
  | 'absence_case_has_student'
>;

export type AbsenceCaseInput = {
  kind: AbsenceKind;
  startedOn: string;
  endedOn: string | null;
  exemptionArticle: ExemptionArticle | null;
};
export type AbsenceCaseContext = {
  today: string;
  birthDate: string;
  otherCases: readonly { startedOn: string; endedOn: string | null }[];
};

/** A new or changed case's dates and kind, against the child and the child's other cases. */
export function absenceCaseRefusal(
  input: AbsenceCaseInput,
  context: AbsenceCaseContext,
): AbsenceRefusal | null {
  for (const [field, date] of [
    ['startedOn', input.startedOn],
    ['endedOn', input.endedOn],
  ] as const) {
    if (date === null) continue;
    if (date > context.today)
      return refuse('date_in_future', 'A date of the case lies in the future', { field });
    if (date < context.birthDate)
      return refuse('date_before_birth', 'A date of the case lies before the birth', { field });
  }
  if (input.endedOn !== null && input.endedOn < input.startedOn)
    return refuse('ends_before_start', 'The case ends before it starts');
  if (input.kind === 'exemption' && input.exemptionArticle === null)
    return refuse('exemption_needs_article', 'An exemption names its article of the Leerplichtwet');
  const end = input.endedOn ?? '9999-12-31';
  const overlapping = context.otherCases.some(
    (other) => other.startedOn < end && (other.endedOn === null || other.endedOn > input.startedOn),
  );
  if (overlapping)
    return refuse('absence_cases_overlap', 'The child has another absence case in that period');
  return null;
}

/**
 * Linking a case of a child without a record to a student record, once: the case must then hold
 * against that child as registering it for the record would (the record's birth date, the
 * record's other cases), or the child would have two open cases and count twice.
 */
export function linkRefusal(
  current: AbsenceCaseInput & { studentId: string | null },
  child: AbsenceCaseContext,
): AbsenceRefusal | null {
  if (current.studentId !== null)
    return refuse('absence_case_has_student', 'The case is already linked to a student record');
  return absenceCaseRefusal(current, child);
}

/** Days a case has run on `on` (0 on its first day). */
export const daysAtHome = (startedOn: string, on: string): number => Math.max(0, daysBetween(startedOn, on));

// --- the case's work: offers, the return plan, the end, the watch before the 4 weeks, the ladder ---

/** Hours a week of education and of care an offer may hold together (a school week). */
export const maxOfferHours = 40;

export type AbsenceWorkRefusal = Refusal<
  | 'date_in_future'
  | 'offer_hours_out_of_range'
  | 'offer_before_case'
  | 'offer_before_previous'
  | 'absence_case_ended'
  | 'absence_case_already_ended'
  | 'ends_before_start'
  | 'watch_not_open'
>;

type CaseState = { startedOn: string; endedOn: string | null };

/**
 * A new offer, from `fromOn`: 0–40 hours of education and care together, within the open case,
 * not before the last one (the offer history is never rewritten, only added to).
 */
export function offerRefusal(
  input: { fromOn: string; educationHours: number; careHours: number },
  context: CaseState & { today: string; lastFromOn: string | null },
): AbsenceWorkRefusal | null {
  if (context.endedOn !== null) return refuse('absence_case_ended', 'The case has ended');
  const total = input.educationHours + input.careHours;
  if (input.educationHours < 0 || input.careHours < 0 || total > maxOfferHours)
    return refuse('offer_hours_out_of_range', `An offer holds 0 to ${maxOfferHours} hours a week`, {
      max: maxOfferHours,
    });
  if (input.fromOn > context.today)
    return refuse('date_in_future', 'A date of the case lies in the future', { field: 'fromOn' });
  if (input.fromOn < context.startedOn)
    return refuse('offer_before_case', 'An offer starts on or after the case’s start');
  if (context.lastFromOn !== null && input.fromOn < context.lastFromOn)
    return refuse('offer_before_previous', 'An offer starts on or after the previous offer', {
      previousFromOn: context.lastFromOn,
    });
  return null;
}

/** Ending a case: once, not in the future, not before its start. */
export function endRefusal(
  endedOn: string,
  context: CaseState & { today: string },
): AbsenceWorkRefusal | null {
  if (context.endedOn !== null)
    return refuse('absence_case_already_ended', 'The case has already ended', { endedOn: context.endedOn });
  if (endedOn > context.today)
    return refuse('date_in_future', 'A date of the case lies in the future', { field: 'endedOn' });
  if (endedOn < context.startedOn) return refuse('ends_before_start', 'The case ends before it starts');
  return null;
}

/** A change to the return plan or the people of an ended case is refused. */
export const openCaseRefusal = (context: CaseState): AbsenceWorkRefusal | null =>
  context.endedOn === null ? null : refuse('absence_case_ended', 'The case has ended');

/**
 * What a school reports before the 4 weeks (docs/domain.md, "Children at home"): an absence report
 * as made to the national absence desk (16 hours of unauthorised absence in 4 weeks), or a worry.
 */
export const watchKinds = ['absence_report', 'worry'] as const;
export type WatchKind = (typeof watchKinds)[number];
export const watchStates = ['open', 'converted', 'closed'] as const;
export type WatchState = (typeof watchStates)[number];

/** The day an open watch crosses the definition of long relative absence: 4 weeks of absence. */
export const watchDueOn = (absentSince: string): string => thresholdDate(absentSince, 'four_weeks');

/** A watch is converted or closed once, while open. */
export const watchOpenRefusal = (state: WatchState): AbsenceWorkRefusal | null =>
  state === 'open' ? null : refuse('watch_not_open', 'The watch is no longer open', { state });

/** What the case's timeline records; thresholds and escalations come from the daily job. */
export const absenceEventKinds = [
  'registered',
  'linked',
  'offer',
  'step',
  'step_done',
  'threshold',
  'escalated',
  'ended',
] as const;
export type AbsenceEventKind = (typeof absenceEventKinds)[number];

/** One rung of an escalation ladder: at a threshold, this user is added. '' is the whole SWV. */
export type LadderRung = { municipality: string; threshold: AbsenceThreshold; userId: string };

/**
 * Who is added at `threshold` for a child of `municipality`: the municipality's own ladder when it
 * has one, else the SWV's (municipality ''). Each rung is added once, at its own threshold.
 */
export function addedAt(
  ladder: readonly LadderRung[],
  municipality: string,
  threshold: AbsenceThreshold,
): string[] {
  const own = ladder.some((rung) => rung.municipality === municipality);
  const rungs = ladder.filter((rung) => rung.municipality === (own ? municipality : ''));
  return [...new Set(rungs.filter((rung) => rung.threshold === threshold).map((rung) => rung.userId))];
}
