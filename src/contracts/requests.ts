// Requests for support and their decisions (docs/domain.md, "Requests and decisions"): the SWV's
// catalogue, a child's requests, the queues, one request with its timeline, and the steps taken on
// it. The state machine and completeness are domain rules (src/domain/requests.ts, requestTypes.ts);
// the server checks every step again, whatever the page offered.
import { z } from 'zod';
import { decisionOutcomes, requestStates, requestSteps } from '../domain/requests.ts';
import {
  adviceExpertises,
  deciders,
  evaluationOutcomes,
  incompleteReasons,
  requestSubjects,
  requiredItems,
  tlvCategories,
} from '../domain/requestTypes.ts';
import { CalendarDate, Id, Line, Name, SchoolYear, Text } from './common.ts';
import { SupportLevel } from './students.ts';

export const RequestParams = z.strictObject({ requestId: Id });
export const RequestTypeParams = z.strictObject({ typeId: Id });

export const RequestTypeView = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  subject: z.enum(requestSubjects),
  required: z.array(z.enum(requiredItems)),
  /** Its own period in working days; null: the SWV's (ordinary or crisis) period. */
  deadlineDays: z.number().int().nullable(),
  /** The period that applies now: its own, or the SWV's. */
  effectiveDeadlineDays: z.number().int(),
  crisis: z.boolean(),
  hasCategory: z.boolean(),
  isTlv: z.boolean(),
  decidedBy: z.enum(deciders),
  active: z.boolean(),
});

/** GET /api/request-types: the SWV's catalogue, in its order. */
export const RequestTypeList = z.object({ types: z.array(RequestTypeView) });

/** PATCH /api/request-types/:typeId (the SWV administrator). A TLV is always the committee's. */
export const UpdateRequestTypeBody = z
  .strictObject({
    name: Name,
    required: z.array(z.enum(requiredItems)).max(requiredItems.length),
    deadlineDays: z.number().int().min(0).max(60).nullable(),
    decidedBy: z.enum(deciders),
    active: z.boolean(),
  })
  .partial();

/** POST /api/students/:id/requests: a draft, filled from the child's plan where the body is silent. */
export const CreateRequestBody = z.strictObject({
  typeId: Id,
  /** The arrangement this one extends (an extension needs its evaluation). */
  extendsRequestId: Id.nullable().default(null),
});

/** PATCH /api/requests/:requestId: the school's part, while the request is a draft or sent back. */
export const UpdateRequestBody = z
  .strictObject({
    revision: z.number().int().min(1),
    question: Text(4000),
    triedSoFar: Text(4000),
    parentsView: Text(4000),
    teamQuestion: Text(4000),
    category: z.enum(tlvCategories).nullable(),
    plannedReturnOn: CalendarDate.nullable(),
  })
  .partial()
  .required({ revision: true });

/** The steps taken with this body; deciding has its own (DecisionBody). */
export const plainSteps = requestSteps.filter((step) => step !== 'decide') as Exclude<
  (typeof requestSteps)[number],
  'decide'
>[];

/** POST /api/requests/:requestId/steps. Sending back names a reason; an evaluation its outcome. */
export const StepBody = z
  .strictObject({
    step: z.enum(plainSteps),
    revision: z.number().int().min(1),
    reasonCode: z.enum(incompleteReasons).optional(),
    note: Text(2000).default(''),
    evaluationOutcome: z.enum(evaluationOutcomes).optional(),
  })
  .superRefine((body, context) => {
    if (body.step === 'send_back_incomplete' && !body.reasonCode)
      context.addIssue({
        code: 'custom',
        path: ['reasonCode'],
        message: 'Say why the request is incomplete',
      });
    if (body.step !== 'send_back_incomplete' && body.reasonCode)
      context.addIssue({ code: 'custom', path: ['reasonCode'], message: 'Only sending back names a reason' });
    if (body.step === 'evaluate' && !body.evaluationOutcome)
      context.addIssue({ code: 'custom', path: ['evaluationOutcome'], message: 'Say how the goals went' });
    if (body.step !== 'evaluate' && body.evaluationOutcome)
      context.addIssue({
        code: 'custom',
        path: ['evaluationOutcome'],
        message: 'Only an evaluation has an outcome',
      });
  });

/** POST /api/requests/:requestId/decision. A grant names its period; reasons are always given. */
export const DecisionBody = z
  .strictObject({
    revision: z.number().int().min(1),
    outcome: z.enum(decisionOutcomes),
    reasons: Text(4000).pipe(z.string().min(1)),
    periodFrom: CalendarDate.nullable().default(null),
    periodUntil: CalendarDate.nullable().default(null),
    category: z.enum(tlvCategories).nullable().default(null),
    /** Euro cents; at most € 10 million for one request. */
    budgetCents: z.number().int().min(0).max(1_000_000_000).nullable().default(null),
    hoursGranted: z.number().min(0).max(10_000).multipleOf(0.25).nullable().default(null),
    provider: Line(200).default(''),
    /**
     * A TLV for the whole school career, for a child with severe multiple disabilities: category
     * high, from periodFrom, with no end date.
     */
    wholeSchoolCareer: z.boolean().default(false),
    /** The child's support level from the period's start, when the decision changes it. */
    supportLevel: SupportLevel.nullable().default(null),
    /** The decision goes over the SWV's budget for the year, and the decider knows it. */
    overBudgetConfirmed: z.boolean().default(false),
  })
  .superRefine((body, context) => {
    if (body.outcome !== 'rejected' && body.periodFrom === null)
      context.addIssue({ code: 'custom', path: ['periodFrom'], message: 'A grant names its period' });
    if (body.outcome !== 'rejected' && !body.wholeSchoolCareer && body.periodUntil === null)
      context.addIssue({ code: 'custom', path: ['periodUntil'], message: 'A grant names its period' });
    if (body.wholeSchoolCareer && body.periodUntil !== null)
      context.addIssue({
        code: 'custom',
        path: ['periodUntil'],
        message: 'A TLV for the whole school career has no end date',
      });
    if (body.periodFrom && body.periodUntil && body.periodUntil < body.periodFrom)
      context.addIssue({
        code: 'custom',
        path: ['periodUntil'],
        message: 'The period ends before it starts',
      });
  });

/** POST /api/requests/:requestId/advices: a consultant's or expert's advice. */
export const AdviceBody = z.strictObject({
  expertise: z.enum(adviceExpertises),
  advice: Text(4000).pipe(z.string().min(1)),
});

/** POST /api/requests/:requestId/parents-view: the parent's own view, in their words. */
export const ParentsViewBody = z.strictObject({ view: Text(4000).pipe(z.string().min(1)) });

/** POST /api/requests/:requestId/deliveries: hours delivered on a granted arrangement. */
export const DeliveryBody = z.strictObject({
  deliveredOn: CalendarDate,
  hours: z.number().positive().max(100).multipleOf(0.25),
  deliveredBy: Name,
  progress: Text(2000).default(''),
});

/** PUT /api/requests/:requestId/assignee: who at the SWV handles it; null: nobody yet. */
export const AssignBody = z.strictObject({ userId: Id.nullable() });

export const RequestListQuery = z.strictObject({
  /** open: not yet decided; done: decided, closed or withdrawn. */
  state: z.union([z.enum(requestStates), z.enum(['open', 'all'])]).default('open'),
  typeId: Id.optional(),
  schoolId: Id.optional(),
  mine: z.stringbool().optional(),
  overdue: z.stringbool().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

const person = z.object({ id: z.string(), name: z.string() });

/** Where a request's clock stands: its deadline and the working days left (negative: overdue). */
export const ClockView = z.object({
  completeOn: z.string().nullable(),
  deadlineOn: z.string().nullable(),
  daysLeft: z.number().int().nullable(),
  overdue: z.boolean(),
  /** The clock has stopped: decided (or withdrawn). */
  stopped: z.boolean(),
});

export const RequestRow = z.object({
  id: z.string(),
  number: z.string(),
  type: z.object({ id: z.string(), name: z.string(), crisis: z.boolean(), isTlv: z.boolean() }),
  school: z.object({ id: z.string(), name: z.string() }),
  /** The child's name; null for a team's request. */
  student: person.nullable(),
  state: z.enum(requestStates),
  outcome: z.enum(decisionOutcomes).nullable(),
  assignedTo: person.nullable(),
  clock: ClockView,
  updatedAt: z.string(),
});

/** GET /api/requests (the queues) and GET /api/students/:id/requests. */
export const RequestList = z.object({
  total: z.number().int(),
  requests: z.array(RequestRow),
  permissions: z.strictObject({
    /** May this user start a request for this child (the child's school's IB'er)? */
    create: z.boolean(),
    /** On the queue: the schools where this user may start a request for a team. */
    createTeamAt: z.array(z.object({ id: Id, name: z.string() })),
  }),
});

export const RequestEventView = z.object({
  id: z.string(),
  step: z.enum([...requestSteps, 'create', 'assign']),
  at: z.string(),
  on: z.string(),
  byName: z.string(),
  reasonCode: z.enum(incompleteReasons).nullable(),
  /** The staff's note; null for who may not read it (docs/SECURITY.md C6: parents, partners, director). */
  note: z.string().nullable(),
});

export const AdviceView = z.object({
  id: z.string(),
  adviserName: z.string(),
  expertise: z.enum(adviceExpertises),
  /** The advice's text; null for who may not read it (C6: like a medical-psychological report). */
  advice: z.string().nullable(),
  at: z.string(),
});

export const DeliveryView = z.object({
  id: z.string(),
  deliveredOn: z.string(),
  hours: z.number(),
  deliveredBy: z.string(),
  progress: z.string(),
  recordedByName: z.string(),
});

/** What the asking user may do now; the server checks each again. */
export const RequestPermissions = z.strictObject({
  /** The user is a parent of the child: the page speaks to them as one, in plain words. */
  asParent: z.boolean(),
  steps: z.array(z.enum(plainSteps)),
  edit: z.boolean(),
  decide: z.boolean(),
  advise: z.boolean(),
  assign: z.boolean(),
  giveParentsView: z.boolean(),
  recordDelivery: z.boolean(),
});

export const RequestView = RequestRow.extend({
  type: RequestTypeView,
  revision: z.number().int(),
  question: z.string(),
  triedSoFar: z.string(),
  parentsView: z.string(),
  teamQuestion: z.string(),
  category: z.enum(tlvCategories).nullable(),
  plannedReturnOn: z.string().nullable(),
  extendsRequestId: z.string().nullable(),
  requestedBy: person,
  /** What completeness still lacks (src/domain/requestTypes.ts); empty: complete. */
  missing: z.array(z.enum(requiredItems)),
  decision: z
    .object({
      outcome: z.enum(decisionOutcomes),
      decidedOn: z.string(),
      decidedBy: z.string(),
      reasons: z.string(),
      periodFrom: z.string().nullable(),
      periodUntil: z.string().nullable(),
      /** A TLV for the whole school career (no end date). */
      wholeSchoolCareer: z.boolean(),
      budgetCents: z.number().int().nullable(),
      hoursGranted: z.number().nullable(),
      provider: z.string(),
    })
    .nullable(),
  /** The evaluation's note is a staff note, null as the events' notes are. */
  evaluation: z
    .object({ outcome: z.enum(evaluationOutcomes).nullable(), note: z.string().nullable() })
    .nullable(),
  hoursDelivered: z.number(),
  events: z.array(RequestEventView),
  advices: z.array(AdviceView),
  deliveries: z.array(DeliveryView),
  /** SWV staff who may be assigned (consultants and committee members); empty for the school. */
  assignable: z.array(person),
  permissions: RequestPermissions,
});

/** GET/PUT /api/request-budget: the SWV's budget for arrangements in a school year. */
export const BudgetQuery = z.strictObject({ schoolYear: SchoolYear.optional() });
export const BudgetBody = z.strictObject({
  schoolYear: SchoolYear,
  amountCents: z.number().int().min(0).max(100_000_000_000),
});
export const BudgetView = z.object({
  schoolYear: z.string(),
  /** Null until the administrator sets it. */
  amountCents: z.number().int().nullable(),
  /** What granted decisions of the year commit, in total and per school. */
  committedCents: z.number().int(),
  schools: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      committedCents: z.number().int(),
      requests: z.number().int(),
    }),
  ),
});
