// The case team (de mensen rond het kind): people and partner organisations on a child's case,
// with their role, the reason and a period. The IB'er and the consultant manage it; parents see it.
import { z } from 'zod';
import { caseMemberKinds, caseMembershipStatuses, caseTeamPersonRoles } from '../domain/caseTeam.ts';
import { partnerKinds } from '../domain/organisation.ts';
import { CalendarDate, Id, Text } from './common.ts';

export const CaseMemberParams = z.strictObject({ id: Id, memberId: Id });

/**
 * POST /api/students/:id/case-team. Names either a person (a partner's or consultant's account
 * in the SWV) or a partner organisation, whose partner users then all count as members.
 */
export const AddCaseMemberBody = z
  .strictObject({
    userId: Id.nullable().default(null),
    partnerOrganisationId: Id.nullable().default(null),
    /** The member's role on this case, e.g. "jeugdverpleegkundige" or "casusregisseur". */
    role: Text(100).pipe(z.string().min(1)),
    /** Why the member works on the case, in words the parents may read. */
    reason: Text(1000).pipe(z.string().min(1)),
    validFrom: CalendarDate,
    /** The last day, inclusive; null until someone ends the membership. */
    validUntil: CalendarDate.nullable().default(null),
  })
  .superRefine((body, context) => {
    if ((body.userId === null) === (body.partnerOrganisationId === null)) {
      context.addIssue({
        code: 'custom',
        path: ['userId'],
        message: 'Name either a person or a partner organisation',
      });
    }
    if (body.validUntil !== null && body.validUntil < body.validFrom) {
      context.addIssue({ code: 'custom', path: ['validUntil'], message: 'Ends before it begins' });
    }
  });

export const CaseMemberView = z.object({
  id: z.string(),
  kind: z.enum(caseMemberKinds),
  userId: z.string().nullable(),
  partnerOrganisationId: z.string().nullable(),
  /** The person's name, or the organisation's. */
  name: z.string(),
  /** The partner organisation the person works for, or the organisation itself; null for a consultant. */
  organisationName: z.string().nullable(),
  partnerKind: z.enum(partnerKinds).nullable(),
  role: z.string(),
  reason: z.string(),
  validFrom: z.string(),
  validUntil: z.string().nullable(),
  status: z.enum(caseMembershipStatuses),
  /**
   * Whether the parents' consent lets this member read the file now: null for a member who
   * reads by their own role (a consultant); false when the membership is not in force.
   */
  readsFile: z.boolean().nullable(),
  addedByName: z.string().nullable(),
  addedAt: z.string(),
  endedAt: z.string().nullable(),
  endedByName: z.string().nullable(),
});

/** Someone who can be put on the case: a partner's or a consultant's account. */
export const CaseTeamPersonChoice = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(caseTeamPersonRoles),
  organisationName: z.string().nullable(),
});

export const CaseTeamOrganisationChoice = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(partnerKinds),
  /** The organisation works with the child's school (a core partner there). */
  linkedToSchool: z.boolean(),
});

/** GET /api/students/:id/case-team: in force first, then planned, then history. */
export const CaseTeamView = z.object({
  members: z.array(CaseMemberView),
  /** Whom the actor may add; null for who may only read the team. */
  choices: z
    .object({
      people: z.array(CaseTeamPersonChoice),
      organisations: z.array(CaseTeamOrganisationChoice),
    })
    .nullable(),
});
