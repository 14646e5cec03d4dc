// The monitor (docs/domain.md, "The monitor"): the SWV's figures for one school year under the
// page's filters, and the trend over the years before it. Counts only, small cells hidden.
import { z } from 'zod';
import { schoolKinds } from '../domain/organisation.ts';
import { Line, SchoolYear } from './common.ts';

/** The monitor's years: the common school year, narrowed to the years its figures can cover. */
export const MonitorYear = SchoolYear.refine(
  (year) => Number(year.slice(0, 4)) >= 2000 && Number(year.slice(0, 4)) <= 2100,
  'out of range',
);

export const MonitorQuery = z.strictObject({
  year: MonitorYear.optional(),
  wijk: Line(100).pipe(z.string().min(1)).optional(),
  /** The gemeente of the schools. */
  municipality: Line(100).pipe(z.string().min(1)).optional(),
  kind: z.enum(schoolKinds).optional(),
  requestType: z
    .string()
    .regex(/^[a-z0-9_]{1,60}$/, 'a request type code')
    .optional(),
});
export type MonitorQuery = z.infer<typeof MonitorQuery>;

/** Every table of the monitor as a file: CSV or a real XLSX workbook. */
export const MonitorExportQuery = MonitorQuery.extend({ format: z.enum(['csv', 'xlsx']) });

/** The yearly report (PDF) of a school year, for the whole SWV. */
export const MonitorReportQuery = z.strictObject({ year: MonitorYear.optional() });

/** The public-accountability dataset of a school year, for the whole SWV: CSV or XLSX. */
export const MonitorDatasetQuery = MonitorReportQuery.extend({ format: z.enum(['csv', 'xlsx']) });

const Count = z.number().int().nullable();

export const FigureView = z.object({
  dimensions: z.array(z.string()),
  values: z.array(z.array(z.string())),
  total: Count,
  cells: z.array(z.object({ nodes: z.array(z.string()), count: Count })),
  byWijk: z.array(z.object({ wijk: z.string(), count: Count })),
  bySchool: z.array(z.object({ schoolId: z.string(), count: Count })),
});
export type FigureView = z.infer<typeof FigureView>;

const LeadTimeView = z.object({
  decided: Count,
  medianDays: z.number().nullable(),
  p90Days: z.number().nullable(),
  withinDeadline: z.number().nullable(),
});

export const TrendPoint = z.object({
  year: z.string(),
  /** Participation in SBO, SO and VSO on 1 October, percent. */
  participation: z.number().nullable(),
  requests: Count,
  tlvs: Count,
  thuiszitters: Count,
  objections: Count,
  medianLeadDays: z.number().nullable(),
  /** Children on a waiting list on 1 October. */
  waiting: Count,
  /** Returns from special education or an OPDC to a regular school. */
  returns: Count,
  /** Moves of the year handed over with risk flags and still open on 31 July (or today). */
  openRisks: Count,
});
export type TrendPoint = z.infer<typeof TrendPoint>;

export const MonitorView = z.object({
  year: z.string(),
  filter: z.object({
    wijk: z.string().nullable(),
    kind: z.string().nullable(),
    requestType: z.string().nullable(),
    municipality: z.string().nullable(),
  }),
  /** What the filters offer. */
  options: z.object({
    years: z.array(z.string()),
    wijken: z.array(z.string()),
    municipalities: z.array(z.string()),
    kinds: z.array(z.string()),
    requestTypes: z.array(z.object({ code: z.string(), name: z.string() })),
  }),
  schools: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      wijk: z.string(),
      kind: z.string(),
      municipality: z.string(),
    }),
  ),
  threshold: z.number().int(),
  participation: z.object({
    countDate: z.string(),
    pupils: Count,
    special: Count,
    share: z.number().nullable(),
    reference: z.number(),
    perKind: z.array(z.object({ kind: z.string(), count: Count })),
  }),
  requests: FigureView,
  leadTime: z.object({ ordinary: LeadTimeView, crisis: LeadTimeView }),
  incomplete: FigureView,
  tlvs: FigureView,
  arrangements: FigureView,
  arrangementCost: z.object({
    /** Euro cents granted to the arrangements starting in the year, in the scope; null when hidden. */
    grantedCents: z.number().nullable(),
    /** The SWV's budget for the year (the whole SWV), null when not set. */
    budgetCents: z.number().nullable(),
  }),
  thuiszitters: FigureView,
  daysToOffer: z.object({ count: Count, medianDays: z.number().nullable() }),
  absenceEndings: FigureView,
  national: z
    .object({ source: z.string(), absolute: z.number(), relativeLong: z.number(), exemption5a: z.number() })
    .nullable(),
  objections: FigureView,
  disputes: FigureView,
  complaints: FigureView,
  signals: FigureView,
  satisfaction: z.object({ answers: Count, overallMean: z.number().nullable() }),
  /** The answers (a table by respondent, parents and pupils) and each group's mean of five or more. */
  satisfactionByRespondent: z.object({
    answers: FigureView,
    means: z.array(z.object({ respondent: z.string(), overallMean: z.number().nullable() })),
  }),
  levels: FigureView,
  /** OPDC placements starting in the year by where they stood on 31 July; offered when the SWV has an OPDC. */
  opdc: z.object({ offered: z.boolean(), placements: FigureView }),
  /** Returns to a regular school in the year, by where the child came from. */
  returns: FigureView,
  /** The moves planned in the year by the hand-over's risks and where they stood on 31 July. */
  transitions: FigureView,
  waiting: z.object({
    countDate: z.string(),
    /** Children waiting on the count date by what for and how long. */
    onCountDate: FigureView,
    /** Children placed from the list in the year: how many, and the median days they waited. */
    placed: z.object({ count: Count, medianDays: z.number().nullable() }),
  }),
  trend: z.array(TrendPoint),
});
export type MonitorView = z.infer<typeof MonitorView>;
