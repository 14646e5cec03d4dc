// Consent (toestemming) per child and purpose, given by a parent or the pupil of 16+.
// Pure rules: whether a consent is in force on a given day. The policy module enforces it.

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
