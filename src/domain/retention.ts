// Retention of the child's data (docs/domain.md, "Retention"; docs/decisions/0045): per data kind a
// period in whole years that the SWV's administrator sets between a floor and a ceiling, and when a
// child's file, or an absence case without a file, is due for deletion. Pure: no I/O, no clock.
// The deletion itself and the report are the retention module's (src/server/modules/retention/).
import { type Refusal, refuse } from './refusal.ts';

export const retentionKinds = ['child_file', 'support_request', 'absence_case'] as const;
export type RetentionKind = (typeof retentionKinds)[number];

export type RetentionBounds = {
  readonly defaultYears: number;
  readonly minYears: number;
  readonly maxYears: number;
};

/**
 * The floor is one year for every kind: an objection (6 weeks), the national disputes committee
 * (6 weeks to file, 10 to rule) and the SWV's yearly report and accounts over the school year all
 * need the file for about a year after it closed. The ceiling is five years: the SWV's support
 * plan (ondersteuningsplan) covers at most four years (Wpo art. 18a lid 8, WVO art. 17a lid 8) and
 * the SWV accounts for it in the year after; keeping a child's file longer serves no task of the
 * SWV (AVG art. 5(1)(e), storage limitation).
 */
export const retentionBounds: Readonly<Record<RetentionKind, RetentionBounds>> = {
  // The model privacy regulations of SWVs keep the file two years after the child left.
  child_file: { defaultYears: 2, minYears: 1, maxYears: 5 },
  // A TLV's file is kept while the TLV runs (its end date), and three years after: the period
  // SWVs commonly keep the documents on which a TLV was issued, for an objection, a new request
  // or an extension that builds on it.
  support_request: { defaultYears: 3, minYears: 1, maxYears: 5 },
  // Leerplichtwet: the count of children at home is reported per school year; two years after the
  // case ended covers the report and a return to school that does not hold.
  absence_case: { defaultYears: 2, minYears: 1, maxYears: 5 },
};

export type RetentionSettings = Readonly<Record<RetentionKind, number>>;

export const defaultRetentionSettings: RetentionSettings = {
  child_file: retentionBounds.child_file.defaultYears,
  support_request: retentionBounds.support_request.defaultYears,
  absence_case: retentionBounds.absence_case.defaultYears,
};

export const retentionRules = ['retention_below_floor', 'retention_above_ceiling'] as const;
export type RetentionRule = (typeof retentionRules)[number];

/** Refuses a period outside the kind's bounds (whole years are the schema's). */
export function retentionYearsRefusal(kind: RetentionKind, years: number): Refusal<RetentionRule> | null {
  const bounds = retentionBounds[kind];
  if (years < bounds.minYears) {
    return refuse('retention_below_floor', `At least ${bounds.minYears} year(s)`, {
      kind,
      minYears: bounds.minYears,
    });
  }
  if (years > bounds.maxYears) {
    return refuse('retention_above_ceiling', `At most ${bounds.maxYears} years`, {
      kind,
      maxYears: bounds.maxYears,
    });
  }
  return null;
}

/** A date plus whole years; 29 February becomes 28 February in a year without it. */
export function addYears(date: string, years: number): string {
  const year = Number(date.slice(0, 4)) + years;
  const monthDay = date.slice(5);
  if (monthDay === '02-29') {
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    return leap ? `${year}-02-29` : `${year}-02-28`;
  }
  return `${String(year).padStart(4, '0')}-${monthDay}`;
}

/** A request as retention sees it: finished or not, and the last day it mattered. */
export type RequestRetentionFacts = {
  /** Closed, withdrawn or rejected, with no objection still running. */
  readonly finished: boolean;
  /** The latest of the decision's date, the end of its period and the request's last change. */
  readonly lastOn: string;
};

export type ChildRetentionFacts = {
  /** The day the child left its school of the SWV; null while the child is on a school's roster. */
  readonly leftOn: string | null;
  readonly requests: readonly RequestRetentionFacts[];
  /** The child's absence cases: null while a case is open. */
  readonly absenceCasesEndedOn: readonly (string | null)[];
  /** Whether a school's absence report (watch) on the child is still open. */
  readonly hasOpenAbsenceWatch: boolean;
};

export type ChildRetention =
  | { readonly due: false; readonly reason: 'in_swv' | 'open_request' | 'open_absence'; readonly dueOn: null }
  | { readonly due: boolean; readonly reason: 'period'; readonly dueOn: string };

/**
 * When a child's file may be deleted as a whole: never while the child is on a school's roster, a
 * request or objection runs or an absence case or report is open; otherwise on the latest of the
 * kinds' dates — left + the file's years, each request's last day + the requests' years, each
 * absence case's end + the absence years. Due on that day itself.
 */
export function childFileRetention(
  facts: ChildRetentionFacts,
  settings: RetentionSettings,
  today: string,
): ChildRetention {
  if (facts.leftOn === null) return { due: false, reason: 'in_swv', dueOn: null };
  if (facts.requests.some((request) => !request.finished)) {
    return { due: false, reason: 'open_request', dueOn: null };
  }
  if (facts.hasOpenAbsenceWatch || facts.absenceCasesEndedOn.some((endedOn) => endedOn === null)) {
    return { due: false, reason: 'open_absence', dueOn: null };
  }
  const dates = [
    addYears(facts.leftOn, settings.child_file),
    ...facts.requests.map((request) => addYears(request.lastOn, settings.support_request)),
    ...facts.absenceCasesEndedOn.map((endedOn) => addYears(endedOn!, settings.absence_case)),
  ];
  const dueOn = dates.reduce((latest, date) => (date > latest ? date : latest));
  return { due: dueOn <= today, reason: 'period', dueOn };
}

/**
 * An absence case of a child without a file in Passend (absolute absence: enrolled nowhere), whose
 * names are kept on the case itself: due the absence years after it ended; never while open.
 */
export function absenceCaseDueOn(endedOn: string | null, settings: RetentionSettings): string | null {
  return endedOn === null ? null : addYears(endedOn, settings.absence_case);
}

/** Whether a date from the rules above has come (the day itself counts). */
export function isDueOn(dueOn: string | null, today: string): boolean {
  return dueOn !== null && dueOn <= today;
}
