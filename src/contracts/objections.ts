// Objections against a decision, disputes at the national disputes committee, complaints and the
// signals of the parent and youth support point (docs/domain.md, "Objections, disputes,
// complaints"). The rules are src/domain/objections.ts; the server checks each step again.
import { z } from 'zod';
import {
  complaintStates,
  disputeOutcomes,
  disputeSubjects,
  objectionFilers,
  objectionOutcomes,
  objectionStates,
  objectionSteps,
  supportSignalKinds,
  supportSignalOutcomes,
} from '../domain/objections.ts';
import { CalendarDate, Id, Line, SchoolYear, Text } from './common.ts';

export const ObjectionParams = z.strictObject({ objectionId: Id });
export const RecordParams = z.strictObject({ id: Id });

const required = (max: number) => Text(max).pipe(z.string().min(1));

/** POST /api/requests/:requestId/objections: the parent's or the school's objection, in their words. */
export const FileObjectionBody = z.strictObject({
  grounds: required(4000),
  /** Why it comes after the 6 weeks; required then (rule `objection_late_without_reason`). */
  lateReason: Text(2000).default(''),
});

/** The steps the SWV takes; `receive` is the filing itself. */
export const takenObjectionSteps = objectionSteps.filter((step) => step !== 'receive') as Exclude<
  (typeof objectionSteps)[number],
  'receive'
>[];

/** POST /api/objections/:objectionId/steps. */
export const ObjectionStepBody = z
  .strictObject({
    step: z.enum(takenObjectionSteps),
    revision: z.number().int().min(1),
    /** The day it happened (the advice asked or received, the hearing, the decision); today if absent. */
    on: CalendarDate.optional(),
    note: Text(4000).default(''),
    outcome: z.enum(objectionOutcomes).optional(),
    reasons: Text(4000).default(''),
  })
  .superRefine((body, context) => {
    if (body.step !== 'decide' && (body.outcome || body.reasons))
      context.addIssue({ code: 'custom', path: ['outcome'], message: 'Only a decision has an outcome' });
  });

export const ObjectionClockView = z.object({
  /** Null: no TLV, no LBT advice. */
  adviceDueOn: z.string().nullable(),
  daysLeft: z.number().int().nullable(),
  overdue: z.boolean(),
  stopped: z.boolean(),
});

export const ObjectionEventView = z.object({
  id: z.string(),
  step: z.enum(objectionSteps),
  at: z.string(),
  on: z.string(),
  byName: z.string(),
  note: z.string(),
});

export const ObjectionRow = z.object({
  id: z.string(),
  requestId: z.string(),
  requestNumber: z.string(),
  requestTypeName: z.string(),
  isTlv: z.boolean(),
  /** The child's name; null for a team's request. */
  studentName: z.string().nullable(),
  schoolName: z.string(),
  filedBy: z.enum(objectionFilers),
  receivedOn: z.string(),
  late: z.boolean(),
  state: z.enum(objectionStates),
  outcome: z.enum(objectionOutcomes).nullable(),
  clock: ObjectionClockView,
});

export const ObjectionView = ObjectionRow.extend({
  revision: z.number().int(),
  decisionOn: z.string(),
  termEndsOn: z.string(),
  grounds: z.string(),
  lateReason: z.string(),
  filedByName: z.string().nullable(),
  adviceRequestedOn: z.string().nullable(),
  adviceReceivedOn: z.string().nullable(),
  adviceSummary: z.string(),
  hearingOn: z.string().nullable(),
  decidedOn: z.string().nullable(),
  decisionReasons: z.string(),
  events: z.array(ObjectionEventView),
  permissions: z.strictObject({ steps: z.array(z.enum(takenObjectionSteps)) }),
});

/** GET /api/requests/:requestId/objections: the objections on one request, and whether the user may file one. */
export const RequestObjections = z.object({
  objections: z.array(ObjectionView),
  /** The decision's date and the last day of the 6-week term; null while undecided. */
  decidedOn: z.string().nullable(),
  termEndsOn: z.string().nullable(),
  permissions: z.strictObject({ file: z.boolean() }),
});

export const ObjectionListQuery = z.strictObject({
  state: z.enum(['open', 'all']).default('open'),
});

/** GET /api/objections: the SWV's queue, the LBT clock's shortest time first. */
export const ObjectionList = z.object({ objections: z.array(ObjectionRow) });

// --- disputes ------------------------------------------------------------------------------------

export const CreateDisputeBody = z.strictObject({
  subject: z.enum(disputeSubjects),
  studentId: Id.nullable().default(null),
  schoolId: Id.nullable().default(null),
  filedOn: CalendarDate,
  /** The contested decision's date, when known: the dispute is filed within 6 weeks of it. */
  contestedOn: CalendarDate.nullable().default(null),
  summary: Text(4000).default(''),
});

/** PATCH /api/disputes/:id: the committee's ruling. */
export const RuleDisputeBody = z.strictObject({
  ruledOn: CalendarDate,
  outcome: z.enum(disputeOutcomes),
  summary: Text(4000).optional(),
});

export const DisputeView = z.object({
  id: z.string(),
  subject: z.enum(disputeSubjects),
  linkedToChild: z.boolean(),
  school: z.object({ id: z.string(), name: z.string() }).nullable(),
  filedOn: z.string(),
  rulingDueOn: z.string(),
  ruledOn: z.string().nullable(),
  outcome: z.enum(disputeOutcomes).nullable(),
  summary: z.string(),
  /** The ruling is due and not given. */
  overdue: z.boolean(),
});
export const DisputeList = z.object({ disputes: z.array(DisputeView) });

// --- complaints ----------------------------------------------------------------------------------

/** POST /api/complaints: a parent from the portal, or staff registering one received otherwise. */
export const CreateComplaintBody = z.strictObject({
  about: Line(200).pipe(z.string().min(1)),
  description: required(4000),
  studentId: Id.nullable().default(null),
  schoolId: Id.nullable().default(null),
  /** Staff: the day it came in; a parent's complaint comes in today. */
  receivedOn: CalendarDate.optional(),
});

/** PATCH /api/complaints/:id: staff handle it; closing names the outcome. */
export const UpdateComplaintBody = z.strictObject({
  state: z.enum(complaintStates),
  outcome: Text(4000).default(''),
});

export const ComplaintView = z.object({
  id: z.string(),
  receivedOn: z.string(),
  about: z.string(),
  description: z.string(),
  /** Filed by a parent in the portal (else registered by staff). */
  fromPortal: z.boolean(),
  /** The child's first name, for the parent who filed it; null for staff and when there is none. */
  childFirstName: z.string().nullable(),
  linkedToChild: z.boolean(),
  school: z.object({ id: z.string(), name: z.string() }).nullable(),
  state: z.enum(complaintStates),
  outcome: z.string(),
  closedOn: z.string().nullable(),
});
export const ComplaintList = z.object({
  complaints: z.array(ComplaintView),
  /** The parent's children, to name one in a new complaint. */
  children: z.array(z.object({ id: z.string(), firstName: z.string() })),
  permissions: z.strictObject({ handle: z.boolean() }),
});

// --- support-point signals -------------------------------------------------------------------------

export const CreateSupportSignalBody = z.strictObject({
  receivedOn: CalendarDate,
  kind: z.enum(supportSignalKinds),
  schoolId: Id.nullable().default(null),
  /** Without names: what was asked, in general terms. */
  summary: required(2000),
  outcome: z.enum(supportSignalOutcomes).default('open'),
});

export const UpdateSupportSignalBody = z.strictObject({
  outcome: z.enum(supportSignalOutcomes),
  closedOn: CalendarDate.nullable().default(null),
});

export const SupportSignalView = z.object({
  id: z.string(),
  receivedOn: z.string(),
  kind: z.enum(supportSignalKinds),
  school: z.object({ id: z.string(), name: z.string() }).nullable(),
  summary: z.string(),
  outcome: z.enum(supportSignalOutcomes),
  closedOn: z.string().nullable(),
});
export const SupportSignalList = z.object({ signals: z.array(SupportSignalView) });

// --- the board's counts ----------------------------------------------------------------------------

export const SummaryQuery = z.strictObject({ schoolYear: SchoolYear.optional() });

const count = z.object({ key: z.string(), count: z.number().int() });

/** GET /api/objection-summary: counts per kind and outcome in a school year, no names. */
export const ObjectionSummary = z.object({
  schoolYear: z.string(),
  objections: z.array(count),
  disputes: z.array(count),
  complaints: z.array(count),
  signals: z.array(count),
});
