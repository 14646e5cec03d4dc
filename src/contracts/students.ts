// The child: the minimal personal data the file needs (docs/domain.md, "Student"), and the access log
// view that parents and staff read.
import { z } from 'zod';
import { supportLevelRefusals, supportLevels } from '../domain/childFile.ts';
import { CalendarDate, Line, Name, Text } from './common.ts';

export const SupportLevel = z.literal(supportLevels);

export const StudentView = z.object({
  id: z.string(),
  schoolId: z.string(),
  /** The current school's name, for the file's header and breadcrumbs. */
  schoolName: z.string(),
  givenName: z.string(),
  familyNamePrefix: z.string(),
  familyName: z.string(),
  birthDate: z.string(),
  schoolKey: z.string().nullable(),
  groupName: z.string(),
  supportLevel: z.number().int(),
  /** The day the child left the school (the school's roster no longer has the child); null while there. */
  leftOn: z.string().nullable(),
});

/**
 * What the asking user may see and do in the child's file, from the policy and the domain rules
 * (docs/decisions/0017-server-says-what-the-user-may-do.md). The page offers what this says and
 * nothing else; the server checks again on every request.
 */
export const StudentPermissions = z.strictObject({
  /** The parts of the file beside the overview, each a tab, that the user may open. */
  parts: z.strictObject({
    plan: z.boolean(),
    meetings: z.boolean(),
    documents: z.boolean(),
    consent: z.boolean(),
    caseTeam: z.boolean(),
    /** Requests for support for the child (docs/domain.md, "Requests and decisions"). */
    requests: z.boolean(),
    /** Moves to another school (docs/domain.md, "Transitions"). */
    transitions: z.boolean(),
    accessLog: z.boolean(),
    /** What OSO hand-over dossiers brought (docs/domain.md, "Hand-over dossiers (OSO)"). */
    osoDossier: z.boolean(),
  }),
  /** The user is a parent of the child: the file speaks to them as one, and their consent is their own. */
  asParent: z.boolean(),
  /** The list of the child's school, the way back from the file. */
  openSchoolList: z.boolean(),
  /** Change the child's data. */
  edit: z.boolean(),
  changeSupportLevel: z.boolean(),
  /** Start the child's first plan. */
  startPlan: z.boolean(),
  addMeeting: z.boolean(),
  /** Take a meeting's action into the child's active plan. */
  takeActionIntoPlan: z.boolean(),
  /** Give consent (a parent) or record one given on paper (the school). */
  giveConsent: z.boolean(),
  withdrawConsent: z.boolean(),
  /** Download everything about the child and its access log (docs/SECURITY.md E1): parents, the IB'er, the consultant. */
  exportFile: z.boolean(),
  /** Report the child's absence or a worry: a watch before the 4 weeks (docs/domain.md, "Children at home"). */
  reportAbsence: z.boolean(),
});

/** GET /api/students/:id: the child, with what the asking user may see and do in the file. */
export const StudentFileView = StudentView.extend({ permissions: StudentPermissions });

export const StudentListQuery = z.strictObject({
  q: Text(100).optional(),
  group: Text(20).optional(),
  supportLevel: z.preprocess(Number, SupportLevel).optional(),
  /** "true": only children with an active plan; "false": only those without. */
  hasActivePlan: z.stringbool().optional(),
  /** "true": also the children who left the school (a roster import marked them); default only current. */
  includeLeft: z.stringbool().default(false),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
});

/** What the list shows at a glance; requests, absence and transitions add theirs when they exist. */
export const StudentFlags = z.object({
  activePlan: z.boolean(),
  /** The active plan's evaluation date; null without an active plan. */
  evaluationDueOn: z.string().nullable(),
});

export const StudentListRow = StudentView.extend({ flags: StudentFlags });

export const StudentList = z.object({
  /** The school whose children these are, for the list's heading. */
  school: z.object({ id: z.string(), name: z.string() }),
  /** The groups the list is limited to, as the actor may open only those (a teacher's); null: all. */
  onlyGroups: z.array(z.string()).nullable(),
  total: z.number().int(),
  students: z.array(StudentListRow),
  /** What the asking user may do with the school's list; the server checks again. */
  permissions: z.strictObject({
    addStudent: z.boolean(),
    /** Take in the school's roster from its administration system (EDEXML). */
    importRoster: z.boolean(),
    /** Take in a child's OSO hand-over dossier at the school (the IB'er, the team's consultant). */
    importDossier: z.boolean(),
  }),
});

export const SchoolParams = z.strictObject({ schoolId: z.uuid() });

const studentFields = {
  givenName: Name,
  familyNamePrefix: Line(30),
  familyName: Name,
  birthDate: CalendarDate,
  schoolKey: Text(64).nullable(),
  groupName: Line(20),
};

export const CreateStudentBody = z.strictObject({
  ...studentFields,
  familyNamePrefix: studentFields.familyNamePrefix.default(''),
  schoolKey: studentFields.schoolKey.default(null),
  groupName: studentFields.groupName.default(''),
});

// Updates change only what they name: no defaults here (a default would overwrite).
export const UpdateStudentBody = z.strictObject(studentFields).partial();

/**
 * GET /api/students/:id/access-log. A page holds whole days in Europe/Amsterdam, newest first, so a
 * grouped line is never split; the next page asks for the days before the oldest one shown.
 */
export const AccessLogQuery = z
  .strictObject({
    from: CalendarDate.optional(),
    to: CalendarDate.optional(),
    /** Paging: only days before this one (the previous page's `olderBefore`). */
    before: CalendarDate.optional(),
    /** The viewer's own actions too; left out by default, so other people's access comes first. */
    own: z
      .enum(['true', 'false'])
      .default('false')
      .transform((value) => value === 'true'),
  })
  .refine((query) => !(query.from && query.to && query.from > query.to), {
    path: ['to'],
    message: 'the end of the period is before its start',
  });

/** One line of the view: a single row, or one person's reads of one day (src/domain/accessLogView.ts). */
export const AccessLogLineView = z.object({
  /** The calendar day in Europe/Amsterdam. */
  day: z.string(),
  firstAt: z.string(),
  lastAt: z.string(),
  /** How many stored rows the line stands for. */
  count: z.number().int(),
  actorName: z.string().nullable(),
  actorRole: z.string(),
  /**
   * On whose behalf: "school:<id>", "partner:<id>", "swv:<id>", "parent", "operator", or
   * "other_swv" for someone of another SWV (not named: docs/SECURITY.md C3).
   */
  organisation: z.string(),
  /** That organisation's name, so a parent can read it; null for a parent or the operator. */
  organisationName: z.string().nullable(),
  /** The viewer did this themselves. */
  isOwn: z.boolean(),
  action: z.string(),
  outcome: z.string(),
  breakGlass: z.boolean(),
  /** What was touched: the parts read on a grouped line, the one part otherwise. */
  objects: z.array(
    z.object({ objectType: z.string(), part: z.string().nullable(), count: z.number().int() }),
  ),
});

export const AccessLogPage = z.object({
  lines: z.array(AccessLogLineView),
  /** The `before` of the next page; null when the period holds no older days. */
  olderBefore: z.string().nullable(),
});

/** One period at one school and group; endedOn null while the child is there. */
export const EnrolmentView = z.object({
  schoolId: z.string(),
  schoolName: z.string(),
  groupName: z.string(),
  startedOn: z.string(),
  endedOn: z.string().nullable(),
});

export const SupportLevelChangeView = z.object({
  level: z.number().int(),
  previousLevel: z.number().int().nullable(),
  reason: z.string(),
  effectiveOn: z.string(),
  setAt: z.string(),
  setByName: z.string().nullable(),
});

/** GET /api/students/:id/history: where the child went to school and the support route, newest first. */
export const StudentHistory = z.object({
  enrolments: z.array(EnrolmentView),
  supportLevels: z.array(SupportLevelChangeView),
});

/**
 * POST /api/students/:id/support-level. Level 4 without an active OPP that the parents agreed to
 * answers 422 `rule_violated` with `details: { rule: one of SupportLevelRefusal }`.
 */
export const SetSupportLevelBody = z.strictObject({
  level: SupportLevel,
  reason: Text(2000).pipe(z.string().min(1)),
  effectiveOn: CalendarDate,
});

export const SupportLevelRefusal = z.enum(supportLevelRefusals);
