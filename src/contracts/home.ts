// The home page's panels, one route each, per role (DESIGN §1): what needs the user today, from
// what exists now. Later features (requests, absence, transitions, the monitor) add their own.
import { z } from 'zod';
import { schoolKinds } from '../domain/organisation.ts';

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

/** Consultant: the schools of the own teams with how many children are at level 3 and 4. */
export const TeamSchoolsPanel = z.array(
  z.object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(schoolKinds),
    wijk: z.string(),
    pupils: z.number().int(),
    level3: z.number().int(),
    level4: z.number().int(),
  }),
);

/** Consultant: the plans in the team's schools whose evaluation is due. */
export const TeamEvaluationsDuePanel = z.array(DuePlan);

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
