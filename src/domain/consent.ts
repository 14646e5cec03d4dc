// Consent (toestemming) per child and purpose, given by a parent or the pupil of 16+.
// Pure rules: whether a consent is in force on a given day, and what a consent form must say. The
// policy module enforces the first.
import { type Refusal, refuse } from './refusal.ts';

export const consentPurposes = ['share_with_partner', 'request_arrangement', 'hand_over_to_school'] as const;
export type ConsentPurpose = (typeof consentPurposes)[number];

export type ConsentRecord = {
  purpose: ConsentPurpose;
  partnerOrganisationId: string | null;
  givenOn: string;
  expiresOn: string | null;
  withdrawnAt: Date | null;
};

/** In force on `today` (YYYY-MM-DD, Europe/Amsterdam) at instant `now`: given, not expired, not withdrawn. */
export function isConsentInForce(record: ConsentRecord, today: string, now: Date): boolean {
  if (record.givenOn > today) return false;
  if (record.expiresOn !== null && record.expiresOn < today) return false;
  return record.withdrawnAt === null || record.withdrawnAt > now;
}

export const consentStatuses = ['in_force', 'not_yet', 'expired', 'withdrawn'] as const;
export type ConsentStatus = (typeof consentStatuses)[number];

/** What a person reads: in force, or why not (withdrawal goes first: it is what the parent did). */
export function consentStatus(record: ConsentRecord, today: string, now: Date): ConsentStatus {
  if (isConsentInForce(record, today, now)) return 'in_force';
  if (record.withdrawnAt !== null && record.withdrawnAt <= now) return 'withdrawn';
  if (record.givenOn > today) return 'not_yet';
  return 'expired';
}

export function hasPartnerConsent(
  records: readonly ConsentRecord[],
  partnerOrganisationId: string,
  today: string,
  now: Date,
): boolean {
  return records.some(
    (record) =>
      record.purpose === 'share_with_partner' &&
      record.partnerOrganisationId === partnerOrganisationId &&
      isConsentInForce(record, today, now),
  );
}

// --- giving consent ---------------------------------------------------------------------------

/** What a consent form says; the paper fields only when recorded from a signed form. */
export type ConsentForm = {
  givenOn?: string;
  givenByName?: string;
  proof?: string;
  expiresOn: string | null;
};

/** Fields only a consent recorded from a signed form has: who gave it, on which day, and what proves it. */
export const paperConsentFields = ['givenOn', 'givenByName', 'proof'] as const;

const notValid = 'The consent is not valid';

/** Consent is given today or on an earlier day, never ahead. */
export function givenOnRefusal(
  givenOn: string | undefined,
  today: string,
): Refusal<'given_in_future'> | null {
  return givenOn !== undefined && givenOn > today
    ? refuse('given_in_future', notValid, { fields: { givenOn: 'future' } })
    : null;
}

/**
 * A parent in the portal gives consent as themselves, today: the paper fields are not theirs to fill
 * in. Anyone else records a consent given on paper and names all of them. A consent expires on or
 * after the day it was given (today for a parent in the portal).
 */
export function consentFormRefusal(
  form: ConsentForm,
  inPortal: boolean,
  today: string,
): Refusal<'paper_fields' | 'expires_before_given'> | null {
  const wrong = paperConsentFields.filter((field) => (form[field] === undefined) !== inPortal);
  if (wrong.length > 0) {
    const problem = inPortal ? 'not_allowed' : 'required';
    return refuse('paper_fields', notValid, {
      fields: Object.fromEntries(wrong.map((field) => [field, problem])),
    });
  }
  const givenOn = form.givenOn ?? today;
  if (form.expiresOn !== null && form.expiresOn < givenOn) {
    return refuse('expires_before_given', notValid, { fields: { expiresOn: 'before_given' } });
  }
  return null;
}
