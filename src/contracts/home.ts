// The home page's panels, one route each, per role (docs/domain.md): what needs the user today, from
// what exists now. Later features (requests, absence, transitions, the monitor) add their own.
import { z } from 'zod';
import { heldPlanStages, planStages } from '../domain/home.ts';
import { schoolKinds } from '../domain/organisation.ts';
import { Text } from './common.ts';

export const HomeSchoolParams = z.strictObject({ schoolId: z.uuid() });

/** A child as a home panel lists it: enough to recognise the child, nothing more. */
export const HomeChild = z.object({
  id: z.string(),
  givenName: z.string(),
  familyNamePrefix: z.string(),
  familyName: z.string(),
  groupName: z.string(),
  supportLevel: z.number().int(),
});

/** A plan whose evaluation is due within two weeks or overdue, with its child; oldest date first. */
export const DuePlan = z.object({
  planId: z.string(),
  version: z.number().int(),
  evaluationDueOn: z.string(),
  hasDevelopmentPerspective: z.boolean(),
  studentId: z.string(),
  givenName: z.string(),
  familyNamePrefix: z.string(),
  familyName: z.string(),
  groupName: z.string(),
  schoolId: z.string(),
  schoolName: z.string(),
});

export const LevelCount = z.object({ level: z.number().int(), count: z.number().int() });

/** IB'er and director: the own school's children per support level, and those at level 3 and 4. */
export const SchoolSupportPanel = z.object({
  school: z.object({ id: z.string(), name: z.string() }),
  levels: z.array(LevelCount),
  /** Level 4 first, then level 3; by name. */
  children: z.array(HomeChild),
  evaluationsDue: z.array(DuePlan),
});

/** Teacher: the children of the own groups at level 2 or higher. */
export const TeacherGroupsPanel = z.object({
  school: z.object({ id: z.string(), name: z.string() }),
  groups: z.array(z.string()),
  children: z.array(HomeChild),
  evaluationsDue: z.array(DuePlan),
});

/** The largest page a list sends: a screen of rows, never a school's whole register. */
export const maxPageSize = 50;

/** The paging and sort order every paged list takes (the column to sort by is the list's own). */
const paging = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(maxPageSize).default(20),
  order: z.enum(['asc', 'desc']).default('asc'),
};

/** A page of a list: its rows, and where they stand in the whole ("21–40 of 163"). */
const pageOf = <Row extends z.ZodType>(row: Row) =>
  z.object({
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
    rows: z.array(row),
  });

export const teamSchoolSorts = ['name', 'kind', 'wijk', 'pupils', 'level3', 'level4', 'plansDue'] as const;

/** Consultant: the team's schools, filtered by name or wijk and by kind, sorted by any column. */
export const TeamSchoolsQuery = z.strictObject({
  ...paging,
  sort: z.enum(teamSchoolSorts).default('name'),
  q: Text(100).optional(),
  kind: z.enum(schoolKinds).optional(),
});

/** Consultant: a school of the own teams, with its children at level 3 and 4 and plans due. */
export const TeamSchool = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(schoolKinds),
  wijk: z.string(),
  pupils: z.number().int(),
  level3: z.number().int(),
  level4: z.number().int(),
  /** Active plans whose evaluation is due within two weeks or overdue. */
  plansDue: z.number().int(),
});
export const TeamSchoolsPanel = pageOf(TeamSchool);

export const duePlanSorts = ['school', 'dueOn', 'name', 'group'] as const;
export const dueStatuses = ['overdue', 'soon'] as const;

/**
 * Consultant: the plans due in the team's schools, by school first (then date) unless sorted
 * otherwise; filtered by school, by overdue or due soon, and by the child's name.
 */
export const TeamEvaluationsDueQuery = z.strictObject({
  ...paging,
  sort: z.enum(duePlanSorts).default('school'),
  schoolId: z.uuid().optional(),
  status: z.enum(dueStatuses).optional(),
  q: Text(100).optional(),
});
export const TeamEvaluationsDuePanel = pageOf(DuePlan);

const ChildName = z.object({
  id: z.string(),
  givenName: z.string(),
  familyNamePrefix: z.string(),
  familyName: z.string(),
});

/** Parent: one thing that waits for them, with the child it is about (src/domain/home.ts). */
export const ParentWaitingItem = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('plan_answer'),
    child: ChildName,
    planId: z.string(),
    versionLabel: z.string(),
  }),
  z.object({ kind: z.literal('consent'), child: ChildName, partnerOrganisationName: z.string() }),
  z.object({ kind: z.literal('meeting'), child: ChildName, heldOn: z.string() }),
]);
export const ParentWaitingPanel = z.object({ items: z.array(ParentWaitingItem) });

/** Director: an active plan the IB'er has not finished or that waits for the parents. */
export const HeldPlan = z.object({
  planId: z.string(),
  version: z.number().int(),
  stage: z.enum(heldPlanStages),
  /** The last change, as a calendar day (Europe/Amsterdam): how long it has been waiting. */
  changedOn: z.string(),
  studentId: z.string(),
  givenName: z.string(),
  familyNamePrefix: z.string(),
  familyName: z.string(),
  groupName: z.string(),
});

/** Director: the school's figures, overdue evaluations and the plans on hold. */
export const DirectorPanel = z.object({
  school: z.object({ id: z.string(), name: z.string() }),
  levels: z.array(LevelCount),
  /** Active plans by stage, every stage listed (0 included); OPPs among them. */
  plans: z.array(z.object({ stage: z.enum(planStages), count: z.number().int() })),
  opps: z.number().int(),
  /** Evaluations past their date, oldest first. */
  overdue: z.array(DuePlan),
  /** Drafts first, then those awaiting the parents; the longest waiting first. */
  onHold: z.array(HeldPlan),
});

/** Committee: what exists now for the requests to come, as published counts (small cells hidden). */
export const CommitteePanel = z.object({
  schools: z.number().int(),
  /** Children with extra support (level 4) and the active OPPs: the files the requests will be about. */
  level4: z.number().int().nullable(),
  opps: z.number().int().nullable(),
});

const ChildAtSchool = z.object({
  id: z.string(),
  givenName: z.string(),
  familyNamePrefix: z.string(),
  familyName: z.string(),
  schoolName: z.string(),
  groupName: z.string(),
});

/** Partner: the cases the parents consented to share, and how many others wait for consent. */
export const PartnerCasesPanel = z.object({
  children: z.array(ChildAtSchool),
  awaitingConsent: z.number().int(),
});

/** Parent: the own children. */
export const ParentChildrenPanel = z.array(ChildAtSchool);

/** A published count of children; null when suppressed (fewer than five, or could give one away). */
export const Cell = z.object({ count: z.number().int().nullable(), share: z.number().nullable() });

/** Policy: the SWV's headline figures, small cells suppressed. */
export const SwvFiguresPanel = z.object({
  schoolsByKind: z.array(z.object({ kind: z.enum(schoolKinds), count: z.number().int() })),
  pupils: z.number().int().nullable(),
  levels: z.array(z.object({ level: z.number().int() }).extend(Cell.shape)),
  /** Pupils in special schools, as parts of all pupils: SBO and SO. */
  special: z.object({ sbo: Cell, so: Cell }),
});

/** SWV administrator: how much there is to manage. */
export const OrganisationPanel = z.object({
  schools: z.number().int(),
  boards: z.number().int(),
  teams: z.number().int(),
  partnerOrganisations: z.number().int(),
  users: z.number().int(),
});
