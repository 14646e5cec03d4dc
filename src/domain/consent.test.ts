import { describe, expect, it } from 'vitest';
import {
  type ConsentRecord,
  consentFormRefusal,
  consentStatus,
  givenOnRefusal,
  hasPartnerConsent,
  isConsentInForce,
} from './consent.ts';

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

describe('consent status', () => {
  it('says in force, or why not: withdrawn before expired before not yet given', () => {
    expect(consentStatus(given(), '2026-11-23', now)).toBe('in_force');
    expect(consentStatus(given(), '2026-08-31', now)).toBe('not_yet');
    expect(consentStatus(given(), '2027-09-01', now)).toBe('expired');
    const withdrawn = given({ withdrawnAt: new Date('2026-11-23T09:00:00Z') });
    expect(consentStatus(withdrawn, '2026-11-23', now)).toBe('withdrawn');
    expect(consentStatus(withdrawn, '2027-09-01', now)).toBe('withdrawn');
    // Withdrawn at an instant still to come (a clock between servers): in force until then.
    expect(consentStatus(withdrawn, '2026-11-23', new Date('2026-11-23T08:00:00Z'))).toBe('in_force');
  });
});

describe('a consent form', () => {
  const today = '2026-11-23';
  const paper = { givenOn: '2026-11-20', givenByName: 'Fatima El Amrani', proof: 'Formulier, map 3' };

  it('is given today or earlier', () => {
    expect(givenOnRefusal(undefined, today)).toBeNull();
    expect(givenOnRefusal(today, today)).toBeNull();
    expect(givenOnRefusal('2026-11-24', today)).toMatchObject({
      rule: 'given_in_future',
      details: { fields: { givenOn: 'future' } },
    });
  });

  it('from a parent in the portal names no paper fields', () => {
    expect(consentFormRefusal({ expiresOn: null }, true, today)).toBeNull();
    expect(consentFormRefusal({ ...paper, expiresOn: null }, true, today)).toMatchObject({
      rule: 'paper_fields',
      message: 'The consent is not valid',
      details: { fields: { givenOn: 'not_allowed', givenByName: 'not_allowed', proof: 'not_allowed' } },
    });
  });

  it('recorded from paper names who gave it, on which day, and the proof', () => {
    expect(consentFormRefusal({ ...paper, expiresOn: null }, false, today)).toBeNull();
    expect(consentFormRefusal({ givenByName: 'F', expiresOn: null }, false, today)).toMatchObject({
      rule: 'paper_fields',
      details: { fields: { givenOn: 'required', proof: 'required' } },
    });
  });

  it('expires on or after the day it was given', () => {
    expect(consentFormRefusal({ ...paper, expiresOn: '2026-11-20' }, false, today)).toBeNull();
    expect(consentFormRefusal({ ...paper, expiresOn: '2026-11-19' }, false, today)).toMatchObject({
      rule: 'expires_before_given',
      details: { fields: { expiresOn: 'before_given' } },
    });
    // In the portal the consent is given today.
    expect(consentFormRefusal({ expiresOn: '2026-11-22' }, true, today)).toMatchObject({
      rule: 'expires_before_given',
    });
  });
});
