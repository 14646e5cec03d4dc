// Consent (toestemming) per child and purpose: given by a parent in the portal, or recorded by the
// school from a signed form (with proof), and withdrawn at once. The policy enforces it.
import { z } from 'zod';
import { consentPurposes, consentStatuses } from '../domain/consent.ts';
import { partnerKinds } from '../domain/organisation.ts';
import { CalendarDate, Id, Name, Text } from './common.ts';

/**
 * POST /api/students/:id/consents. A parent gives consent today as themselves: givenOn,
 * givenByName and proof are for the school only. The school records a consent given on paper:
 * givenOn, givenByName and proof are required. Sharing names a partner organisation of the SWV;
 * the other purposes name none.
 */
export const GiveConsentBody = z
  .strictObject({
    purpose: z.enum(consentPurposes),
    partnerOrganisationId: Id.nullable().default(null),
    /** What may be shared or asked, in the parent's words. */
    scope: Text(1000).default(''),
    expiresOn: CalendarDate.nullable().default(null),
    givenOn: CalendarDate.optional(),
    givenByName: Name.optional(),
    /** What proves it: the signed form, its date, where it is kept. */
    proof: Text(1000).pipe(z.string().min(1)).optional(),
  })
  .superRefine((body, context) => {
    if ((body.purpose === 'share_with_partner') !== (body.partnerOrganisationId !== null)) {
      context.addIssue({
        code: 'custom',
        path: ['partnerOrganisationId'],
        message:
          body.purpose === 'share_with_partner'
            ? 'Name the partner organisation to share with'
            : 'Only sharing names a partner organisation',
      });
    }
  });

export const ConsentParams = z.strictObject({ consentId: Id });

export const ConsentView = z.object({
  id: z.string(),
  purpose: z.enum(consentPurposes),
  partnerOrganisationId: z.string().nullable(),
  partnerOrganisationName: z.string().nullable(),
  scope: z.string(),
  givenOn: z.string(),
  expiresOn: z.string().nullable(),
  /** The parent with an account who gave it, or the name on the signed form. */
  givenByName: z.string(),
  /** Given by the parent in the portal (false: recorded by the school from paper). */
  givenInPortal: z.boolean(),
  recordedByName: z.string().nullable(),
  proof: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  withdrawnByName: z.string().nullable(),
  inForce: z.boolean(),
  status: z.enum(consentStatuses),
});

/** A partner organisation of the SWV the consent can name; those of the child's school first. */
export const ConsentPartnerView = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(partnerKinds),
  /** The organisation works with the child's school (a core partner there). */
  linkedToSchool: z.boolean(),
});

/** GET /api/students/:id/consents: newest first, and the partners to choose from. */
export const ConsentList = z.object({
  consents: z.array(ConsentView),
  partnerOrganisations: z.array(ConsentPartnerView),
});
