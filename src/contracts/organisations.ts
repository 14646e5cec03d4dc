// The SWV's organisation: the tenant itself, schools, teams, partner organisations and users.
import { z } from 'zod';
import {
  holidayRegions,
  locationCodePattern,
  locationCodeRefusal,
  partnerKinds,
  schoolKinds,
  sectors,
} from '../domain/organisation.ts';
import { roles } from '../domain/roles.ts';
import { maxSchoolHolidays } from '../domain/schoolHolidays.ts';
import { CalendarDate, Email, Id, Line, Name, SchoolYear, Text } from './common.ts';

export const SwvView = z.object({
  id: z.string(),
  name: z.string(),
  registerCode: z.string(),
  sector: z.enum(sectors),
  municipalities: z.array(z.string()),
  holidayRegion: z.enum(holidayRegions),
  decisionWorkingDays: z.number().int(),
  crisisWorkingDays: z.number().int(),
  skipSchoolHolidays: z.boolean(),
  /** Consultants decide the request types marked so (arrangements); the committee decides the rest. */
  consultantsDecide: z.boolean(),
  grantApprovalRequired: z.boolean(),
  /** The monitor's reference for participation in SBO, SO and VSO, percent (3.5 unless the administrator set another). */
  participationReference: z.number(),
});

export const CreateSwvBody = z.strictObject({
  name: Name,
  registerCode: z
    .string()
    .trim()
    .regex(/^(PO|VO) \d{2}[.-]\d{2}$/, 'like "PO 26.04"'),
  sector: z.enum(sectors),
  municipalities: z.array(Name).max(50).default([]),
  holidayRegion: z.enum(holidayRegions),
  admin: z.strictObject({ email: Email, displayName: Name }),
});

/**
 * A new account's activation: the token of the link with which the person sets their own
 * password, shown once to the one who made the account. Never a password.
 */
export const ActivationView = z.object({ token: z.string(), expiresAt: z.string() });

export const CreateSwvResponse = z.object({
  swv: SwvView,
  admin: z.object({ id: z.string(), email: z.string(), activation: ActivationView }),
});

export const UpdateSwvBody = z
  .strictObject({
    name: Name,
    municipalities: z.array(Name).max(50),
    holidayRegion: z.enum(holidayRegions),
    decisionWorkingDays: z.number().int().min(1).max(60),
    crisisWorkingDays: z.number().int().min(1).max(10),
    skipSchoolHolidays: z.boolean(),
    consultantsDecide: z.boolean(),
    /** Only `true` here: turning the approval off is the operator's (passend swv grant-approval). */
    grantApprovalRequired: z.literal(true),
  })
  .partial();

/**
 * PUT /api/swv/participation-reference: the administrator sets the monitor's reference for
 * participation in special education, a percentage from 0 to 100 with at most one decimal.
 */
export const PutParticipationReferenceBody = z.strictObject({
  participationReference: z
    .number()
    .min(0)
    .max(100)
    .refine((n) => Math.abs(n * 10 - Math.round(n * 10)) < 1e-9, 'at most one decimal, like 3.5'),
});
export const ParticipationReferenceView = z.object({ participationReference: z.number() });

/** GET /api/swv/school-holidays: one school year's (default the current one). */
export const SchoolHolidaysQuery = z.strictObject({ schoolYear: SchoolYear.optional() });

export const SchoolHolidayView = z.object({
  id: z.string(),
  name: z.string(),
  firstDay: z.string(),
  lastDay: z.string(),
});

export const SchoolHolidaysView = z.object({
  schoolYear: z.string(),
  holidays: z.array(SchoolHolidayView),
  /** Every school year that has holidays, oldest first. */
  schoolYears: z.array(z.string()),
});

/**
 * PUT /api/swv/school-holidays: a school year's holidays, replaced whole (an empty list removes
 * them). The rules of src/domain/schoolHolidays.ts answer 422.
 */
export const PutSchoolHolidaysBody = z.strictObject({
  schoolYear: SchoolYear,
  holidays: z
    .array(
      z.strictObject({
        name: Line(100).pipe(z.string().min(1)),
        firstDay: CalendarDate,
        lastDay: CalendarDate,
      }),
    )
    .max(maxSchoolHolidays),
});

/** A school board (schoolbestuur), known by its DUO "bevoegd gezag" number. */
export const BoardView = z.object({ id: z.string(), code: z.string(), name: z.string() });

const boardFields = {
  code: z
    .string()
    .trim()
    .regex(/^[0-9]{5}$/, 'five digits, like 41534'),
  name: Name,
};

export const CreateBoardBody = z.strictObject(boardFields);
export const UpdateBoardBody = z.strictObject(boardFields).partial();

export const SchoolView = z.object({
  id: z.string(),
  brin: z.string(),
  locationCode: z.string(),
  name: z.string(),
  kind: z.enum(schoolKinds),
  wijk: z.string(),
  municipality: z.string(),
  pupilCount: z.number().int(),
  boardId: z.string().nullable(),
});

/** BRIN + vestiging, e.g. "12AB00": the rule in src/domain/organisation.ts; the pattern for the API documentation. */
const LocationCode = z
  .string()
  .trim()
  .toUpperCase()
  .superRefine((code, check) => {
    const refusal = locationCodeRefusal(code);
    if (refusal) check.addIssue({ code: 'custom', message: refusal.message });
  })
  .meta({ pattern: locationCodePattern.source });

const schoolFields = {
  name: Name,
  kind: z.enum(schoolKinds),
  wijk: Text(100),
  municipality: Name,
  pupilCount: z.number().int().min(0).max(10_000),
  boardId: Id.nullable(),
};

export const CreateSchoolBody = z.strictObject({
  ...schoolFields,
  locationCode: LocationCode,
  pupilCount: schoolFields.pupilCount.default(0),
  boardId: schoolFields.boardId.default(null),
});

// Updates change only what they name: no defaults here (a default would overwrite).
export const UpdateSchoolBody = z.strictObject(schoolFields).partial();

export const TeamView = z.object({
  id: z.string(),
  name: z.string(),
  wijk: z.string(),
  schoolIds: z.array(z.string()),
  memberIds: z.array(z.string()),
});

const teamFields = {
  name: Name,
  wijk: Text(100),
  schoolIds: z.array(Id).max(500),
  memberIds: z.array(Id).max(200),
};

export const CreateTeamBody = z.strictObject({
  ...teamFields,
  schoolIds: teamFields.schoolIds.default([]),
  memberIds: teamFields.memberIds.default([]),
});
export const UpdateTeamBody = z.strictObject(teamFields).partial();

export const PartnerOrganisationView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(partnerKinds),
  schoolIds: z.array(z.string()),
  /** Leerplicht: the municipality whose resident children it serves (docs/domain.md). */
  municipality: z.string().nullable(),
});

const partnerFields = {
  name: Name,
  kind: z.enum(partnerKinds),
  schoolIds: z.array(Id).max(500),
  /** Leerplicht: the municipality it serves; empty for none. */
  municipality: Line(100),
};

export const CreatePartnerOrganisationBody = z.strictObject({
  ...partnerFields,
  schoolIds: partnerFields.schoolIds.default([]),
  municipality: partnerFields.municipality.default(''),
});
export const UpdatePartnerOrganisationBody = z.strictObject(partnerFields).partial();

const swvMembershipRoles = roles.filter((role) => role !== 'operator');

export const MembershipInput = z.discriminatedUnion('role', [
  z.strictObject({ role: z.enum(['swv_admin', 'consultant', 'committee', 'policy', 'parent']) }),
  z.strictObject({ role: z.enum(['school_ib', 'school_director']), schoolId: Id }),
  z.strictObject({
    role: z.literal('teacher'),
    schoolId: Id,
    groups: z
      .array(Text(20).pipe(z.string().min(1)))
      .max(30)
      .default([]),
  }),
  z.strictObject({ role: z.literal('partner'), partnerOrganisationId: Id }),
]);

const MembershipView = z.object({
  role: z.enum(swvMembershipRoles as [string, ...string[]]),
  schoolId: z.string().nullable(),
  groups: z.array(z.string()),
  partnerOrganisationId: z.string().nullable(),
});

export const UserView = z.object({
  id: z.string(),
  email: z.string(),
  displayName: z.string(),
  disabled: z.boolean(),
  /** False until the person has set a password with the activation link. */
  activated: z.boolean(),
  hasSecondFactor: z.boolean(),
  memberships: z.array(MembershipView),
  /** Roles asked for that wait for a second administrator's approval. */
  pendingMemberships: z.array(MembershipView),
});

export const CreateUserBody = z.strictObject({
  email: Email,
  displayName: Name,
  memberships: z.array(MembershipInput).min(1).max(20),
});

export const CreateUserResponse = z.object({ user: UserView, activation: ActivationView });

export const UpdateUserBody = z
  .strictObject({
    displayName: Name,
    disabled: z.boolean(),
    memberships: z.array(MembershipInput).min(1).max(20),
  })
  .partial();

/**
 * The staff-side view of the access log (docs/SECURITY.md A3): an employee's days. The range's
 * rules (at most 92 days, defaults) are `employeeAccessRange` in src/domain/employeeAccess.ts.
 */
export const EmployeeAccessQuery = z.strictObject({
  from: CalendarDate.optional(),
  to: CalendarDate.optional(),
});

export const EmployeeAccessView = z.object({
  from: z.string(),
  to: z.string(),
  /** Per day with access, the newest first; counts only, no child named. */
  days: z.array(
    z.object({
      day: z.string(),
      children: z.number(),
      reads: z.number(),
      changes: z.number(),
      exports: z.number(),
      denied: z.number(),
      firstAt: z.string(),
      lastAt: z.string(),
    }),
  ),
});
