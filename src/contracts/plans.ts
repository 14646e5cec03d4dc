// The child's one plan (groeidocument / OPP, docs/domain.md, "Plan"): its versions, the whole of one
// version, and the changes school staff, partners and parents make to it. A change to the plan
// names the revision it was based on; a stale one answers 409 `conflict` with the current version
// in `details.current`; so does a parent's answer read before the action part last changed (the
// parents agree with a text: src/domain/plans.ts). A closed version answers 422 `rule_violated`
// with `details.rule`.
import { z } from 'zod';
import { agreementOwners } from '../domain/childFile.ts';
import { goalOutcomes, parentAgreementStatuses, planRefusals, planStatuses } from '../domain/plans.ts';
import { CalendarDate, Id, Name, Text } from './common.ts';

export const PlanParams = z.strictObject({ planId: Id });
export const PlanAgreementParams = z.strictObject({ planId: Id, agreementId: Id });

export const ParentAgreementStatus = z.enum(parentAgreementStatuses);

/** Why a change to a plan is refused (422 `rule_violated`, `details.rule`). */
export const PlanRefusal = z.enum(planRefusals);

/** One version in the list of versions, newest first. */
export const PlanSummary = z.object({
  id: z.string(),
  version: z.number().int(),
  /** The action part's amendment within the version (0 first): shown as "3.1" (versionLabel). */
  amendment: z.number().int(),
  status: z.enum(planStatuses),
  hasDevelopmentPerspective: z.boolean(),
  evaluationDueOn: z.string(),
  evaluatedOn: z.string().nullable(),
  parentAgreement: ParentAgreementStatus,
});

export const GoalView = z.object({
  id: z.string(),
  description: z.string(),
  baseline: z.string(),
  target: z.string(),
  targetDate: z.string(),
  progress: z.string(),
});

export const AgreementView = z.object({
  id: z.string(),
  action: z.string(),
  owner: z.enum(agreementOwners),
  partnerOrganisationId: z.string().nullable(),
  partnerOrganisationName: z.string().nullable(),
  dueOn: z.string().nullable(),
  done: z.boolean(),
  note: z.string(),
  /** Not done and its date passed, on the server's today (isAgreementOverdue); never in a closed version. */
  overdue: z.boolean(),
});

/** What the evaluation that opened a version decided about a goal whose target date had come. */
export const GoalOutcomeView = z.object({
  description: z.string(),
  targetDate: z.string(),
  outcome: z.enum(goalOutcomes),
  newTargetDate: z.string().nullable(),
});

export const ParentResponseView = z.object({
  id: z.string(),
  /** The amendment of the action part this answer was given on. */
  amendment: z.number().int(),
  parentName: z.string(),
  agrees: z.boolean(),
  view: z.string(),
  respondedAt: z.string(),
  /** True when school staff recorded it from a signed form. */
  fromPaper: z.boolean(),
  proof: z.string().nullable(),
  recordedByName: z.string().nullable(),
});

const ChangedGoal = z.object({
  id: z.string(),
  description: z.string(),
  baseline: z.string(),
  target: z.string(),
  targetDate: z.string(),
});
const ChangedAgreement = z.object({
  id: z.string(),
  action: z.string(),
  owner: z.enum(agreementOwners),
  partnerOrganisationId: z.string().nullable(),
  partnerOrganisationName: z.string().nullable(),
  dueOn: z.string().nullable(),
});

/** One change of the action part since the text the parents agreed with (actionPartChanges). */
export const ActionPartChangeView = z.discriminatedUnion('part', [
  z.object({ part: z.literal('development_perspective'), before: z.boolean(), after: z.boolean() }),
  z.object({ part: z.literal('programme_deviations'), before: z.string(), after: z.string() }),
  z.object({ part: z.literal('goal'), before: ChangedGoal.nullable(), after: ChangedGoal.nullable() }),
  z.object({
    part: z.literal('agreement'),
    before: ChangedAgreement.nullable(),
    after: ChangedAgreement.nullable(),
  }),
]);

/** GET /api/plans/:planId: one version whole, with what the asking user may do with it. */
export const PlanView = z.object({
  id: z.string(),
  studentId: z.string(),
  version: z.number().int(),
  /** The action part's amendment within the version: 0 first, the next after a change once answered. */
  amendment: z.number().int(),
  status: z.enum(planStatuses),
  revision: z.number().int(),
  strengths: z.string(),
  stimulatingFactors: z.string(),
  hinderingFactors: z.string(),
  needs: z.string(),
  teacherNeeds: z.string(),
  hasDevelopmentPerspective: z.boolean(),
  exitDestination: z.string(),
  exitGrounds: z.string(),
  programmeDeviations: z.string(),
  pupilView: z.string(),
  /** The pupil's view in the version before (empty in the first): kept in sight as the previous view. */
  previousPupilView: z.string(),
  /** What the evaluation that opened this version decided about the goals it ended or extended. */
  goalOutcomes: z.array(GoalOutcomeView),
  startedOn: z.string(),
  evaluationDueOn: z.string(),
  evaluatedOn: z.string().nullable(),
  evaluation: z.string().nullable(),
  evaluatedWithParents: z.boolean().nullable(),
  evaluatedByName: z.string().nullable(),
  updatedAt: z.string(),
  updatedByName: z.string().nullable(),
  goals: z.array(GoalView),
  agreements: z.array(AgreementView),
  responses: z.array(ParentResponseView),
  /** Where the current amendment stands with the parents. */
  parentAgreement: ParentAgreementStatus,
  /** The amendment in force: the latest the parents agreed with, and when; null while none. */
  inForce: z.object({ amendment: z.number().int(), agreedAt: z.string() }).nullable(),
  /** What changed since the amendment in force, when the current one awaits the parents. */
  changesSinceAgreement: z.array(ActionPartChangeView),
  /** The partner organisations working with the child's school, to choose from; empty for readers. */
  partnerOrganisations: z.array(z.object({ id: z.string(), name: z.string() })),
  /** What the policy lets the asking user do; the server checks again on every change. */
  permissions: z.object({
    edit: z.boolean(),
    respondAsParent: z.boolean(),
    recordPaperResponse: z.boolean(),
    /** The agreements the user may mark done or annotate. */
    agreementIds: z.array(z.string()),
  }),
});

/** The plan's text parts; every one optional in an update, none with a default. */
const textParts = {
  strengths: Text(5000),
  stimulatingFactors: Text(5000),
  hinderingFactors: Text(5000),
  needs: Text(5000),
  teacherNeeds: Text(5000),
  exitDestination: Text(500),
  exitGrounds: Text(5000),
  programmeDeviations: Text(5000),
  pupilView: Text(5000),
};

/** A goal as the form sends it: with its id when it exists, without for a new one. */
export const GoalInput = z.strictObject({
  id: Id.optional(),
  description: Text(1000).pipe(z.string().min(1)),
  baseline: Text(2000),
  target: Text(2000),
  targetDate: CalendarDate,
  progress: Text(2000),
});

export const AgreementInput = z.strictObject({
  id: Id.optional(),
  action: Text(1000).pipe(z.string().min(1)),
  owner: z.enum(agreementOwners),
  partnerOrganisationId: Id.nullable(),
  dueOn: CalendarDate.nullable(),
  done: z.boolean(),
  note: Text(2000),
});

/** POST /api/students/:id/plans: starts the child's first plan (409 when one is active). */
export const StartPlanBody = z.strictObject({
  hasDevelopmentPerspective: z.boolean().default(false),
  /** Default six months from today. */
  evaluationDueOn: CalendarDate.optional(),
});

/**
 * PATCH /api/plans/:planId: changes the text parts named, and replaces the goals or agreements
 * list when given (items with an id are kept and changed, items without are added, the rest removed).
 */
export const UpdatePlanBody = z
  .strictObject({
    ...textParts,
    hasDevelopmentPerspective: z.boolean(),
    evaluationDueOn: CalendarDate,
    goals: z.array(GoalInput).max(30),
    agreements: z.array(AgreementInput).max(50),
  })
  .partial()
  .extend({ revision: z.number().int().min(1) });

/** PATCH /api/plans/:planId/agreements/:agreementId: what a partner may change on their own agreement. */
export const UpdateAgreementBody = z.strictObject({ done: z.boolean(), note: Text(2000) }).partial();

/** What happens with a goal at an evaluation: reached, go on until a new date, or stop. */
export const GoalDecisionInput = z.discriminatedUnion('outcome', [
  z.strictObject({ goalId: Id, outcome: z.enum(['reached', 'stopped']) }),
  z.strictObject({ goalId: Id, outcome: z.literal('continued'), newTargetDate: CalendarDate }),
]);

/**
 * POST /api/plans/:planId/evaluation: closes this version and opens the next with its parts, the
 * goals that go on and the open agreements. Every goal whose target date has come by the
 * evaluation needs a decision (else 422 `goal_decision_missing`, `details.goalIds`). The next
 * evaluation defaults to six months after this one.
 */
export const EvaluatePlanBody = z.strictObject({
  revision: z.number().int().min(1),
  evaluatedOn: CalendarDate,
  evaluation: Text(5000).pipe(z.string().min(1)),
  evaluatedWithParents: z.boolean(),
  /** Each goal's progress at the evaluation, by goal id. */
  goalProgress: z.array(z.strictObject({ goalId: Id, progress: Text(2000) })).max(30),
  /** Needed for each goal due at the evaluation (isGoalDueAt); others go on unless decided. */
  goalDecisions: z.array(GoalDecisionInput).max(30).optional(),
  nextEvaluationDueOn: CalendarDate.optional(),
});

/** POST /api/plans/:planId/responses by a parent in the portal: agree or not, with a view. */
export const ParentResponseBody = z.strictObject({
  /** The revision the parent read: an answer to an action part changed since is refused (409). */
  revision: z.number().int().min(1),
  agrees: z.boolean(),
  view: Text(5000),
});

/** The same by school staff from a signed form: whose response, and where the form is. */
export const PaperResponseBody = z.strictObject({
  revision: z.number().int().min(1),
  parentName: Name,
  agrees: z.boolean(),
  view: Text(5000),
  proof: Text(500).pipe(z.string().min(1)),
});

export const PlanResponseBody = z.union([ParentResponseBody, PaperResponseBody]);
