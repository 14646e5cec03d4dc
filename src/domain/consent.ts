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
