import { describe, expect, it } from 'vitest';
import { type ConsentRecord, hasPartnerConsent, isConsentInForce } from './consent.ts';

const given = (overrides: Partial<ConsentRecord> = {}): ConsentRecord => ({
  purpose: 'share_with_partner',
  partnerOrganisationId: 'buurtteam',
  givenOn: '2026-09-01',
  expiresOn: '2027-08-31',
  withdrawnAt: null,
  ...overrides,
});
const now = new Date('2026-11-23T10:00:00Z');

describe('consent in force', () => {
  it('holds from the day it is given through the day it expires', () => {
    expect(isConsentInForce(given(), '2026-09-01', now)).toBe(true);
    expect(isConsentInForce(given(), '2026-08-31', now)).toBe(false);
    expect(isConsentInForce(given(), '2027-08-31', now)).toBe(true);
    expect(isConsentInForce(given(), '2027-09-01', now)).toBe(false);
    expect(isConsentInForce(given({ expiresOn: null }), '2040-01-01', now)).toBe(true);
  });
  it('ends at the instant it is withdrawn', () => {
    const withdrawn = given({ withdrawnAt: new Date('2026-11-23T09:59:59Z') });
    expect(isConsentInForce(withdrawn, '2026-11-23', now)).toBe(false);
    expect(isConsentInForce(withdrawn, '2026-11-23', new Date('2026-11-23T09:59:58Z'))).toBe(true);
  });
  it('is per partner organisation and purpose', () => {
    const records = [given(), given({ purpose: 'request_arrangement', partnerOrganisationId: null })];
    expect(hasPartnerConsent(records, 'buurtteam', '2026-11-23', now)).toBe(true);
    expect(hasPartnerConsent(records, 'jgz', '2026-11-23', now)).toBe(false);
    expect(
      hasPartnerConsent([given({ purpose: 'hand_over_to_school' })], 'buurtteam', '2026-11-23', now),
    ).toBe(false);
  });
});
