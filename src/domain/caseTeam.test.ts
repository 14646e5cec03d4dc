import { describe, expect, it } from 'vitest';
import {
  type CaseMembership,
  type CaseTeamActor,
  caseMemberOverlapRefusal,
  caseMemberRef,
  caseMembershipStatus,
  caseTeamCoverage,
  coversActor,
  isCaseMembershipInForce,
  isCoveredByConsent,
  isOnCaseTeam,
  notOnCaseTeam,
  overlapsExisting,
  partnerReadsFile,
} from './caseTeam.ts';

const person = (overrides: Partial<CaseMembership> = {}): CaseMembership =>
  ({
    userId: 'anna',
    partnerOrganisationId: null,
    validFrom: '2026-09-01',
    validUntil: '2027-07-31',
    endedAt: null,
    ...overrides,
  }) as CaseMembership;
const organisation = (overrides: Partial<CaseMembership> = {}): CaseMembership =>
  person({ userId: null, partnerOrganisationId: 'buurtteam', ...overrides } as Partial<CaseMembership>);
const now = new Date('2026-11-23T10:00:00Z');
const anna = { userId: 'anna', partnerOrganisationIds: ['jgz'] };
const bram = { userId: 'bram', partnerOrganisationIds: ['buurtteam'] };

describe('a case membership in force', () => {
  it('holds from its first through its last day', () => {
    expect(isCaseMembershipInForce(person(), '2026-08-31', now)).toBe(false);
    expect(isCaseMembershipInForce(person(), '2026-09-01', now)).toBe(true);
    expect(isCaseMembershipInForce(person(), '2027-07-31', now)).toBe(true);
    expect(isCaseMembershipInForce(person(), '2027-08-01', now)).toBe(false);
    expect(isCaseMembershipInForce(person({ validUntil: null }), '2040-01-01', now)).toBe(true);
  });
  it('ends at the instant it is ended, whatever its last day', () => {
    const ended = person({ endedAt: new Date('2026-11-23T09:59:59Z') });
    expect(isCaseMembershipInForce(ended, '2026-11-23', now)).toBe(false);
    expect(isCaseMembershipInForce(ended, '2026-11-23', new Date('2026-11-23T09:59:58Z'))).toBe(true);
  });
  it('says why it does not hold: ended before past before not yet', () => {
    expect(caseMembershipStatus(person(), '2026-11-23', now)).toBe('in_force');
    expect(caseMembershipStatus(person(), '2026-08-31', now)).toBe('not_yet');
    expect(caseMembershipStatus(person(), '2027-08-01', now)).toBe('past');
    const ended = person({ endedAt: new Date('2026-11-01T09:00:00Z') });
    expect(caseMembershipStatus(ended, '2027-08-01', now)).toBe('ended');
    expect(caseMembershipStatus(ended, '2026-08-31', now)).toBe('ended');
  });
});

describe('whom a membership covers', () => {
  it('covers the person named, and no one else', () => {
    expect(coversActor(person(), anna)).toBe(true);
    expect(coversActor(person(), bram)).toBe(false);
  });
  it('covers every partner user of the organisation named', () => {
    expect(coversActor(organisation(), bram)).toBe(true);
    expect(coversActor(organisation(), anna)).toBe(false);
    expect(coversActor(organisation(), { userId: 'buurtteam', partnerOrganisationIds: [] })).toBe(false);
  });
  it('puts an actor on the team only through a membership in force today', () => {
    const team = [person({ validUntil: '2026-11-22' }), organisation({ validFrom: '2026-11-24' })];
    const onTeam = (actor: CaseTeamActor, today: string) =>
      isOnCaseTeam(caseTeamCoverage(team, actor, today, now));
    expect(onTeam(anna, '2026-11-23')).toBe(false);
    expect(onTeam(bram, '2026-11-23')).toBe(false);
    expect(onTeam(anna, '2026-11-22')).toBe(true);
    expect(onTeam(bram, '2026-11-24')).toBe(true);
    expect(isOnCaseTeam(caseTeamCoverage([], anna, '2026-11-23', now))).toBe(false);
  });
  it('tells apart the person and each of their organisations', () => {
    const twoJobs = { userId: 'bram', partnerOrganisationIds: ['buurtteam', 'ggd'] };
    expect(caseTeamCoverage([organisation()], twoJobs, '2026-11-23', now)).toEqual({
      inPerson: false,
      partnerOrganisationIds: ['buurtteam'],
    });
    expect(caseTeamCoverage([person({ userId: 'bram' })], twoJobs, '2026-11-23', now)).toEqual({
      inPerson: true,
      partnerOrganisationIds: [],
    });
  });
});

describe('a second membership of the same member', () => {
  it('may not overlap one that has not ended', () => {
    const existing = [person()];
    const next = {
      userId: 'anna',
      partnerOrganisationId: null,
      validFrom: '2027-07-31',
      validUntil: null,
    } as const;
    expect(overlapsExisting(existing, next, now)).toBe(true);
    expect(overlapsExisting(existing, { ...next, validFrom: '2027-08-01' }, now)).toBe(false);
    expect(
      overlapsExisting(existing, { ...next, validFrom: '2026-01-01', validUntil: '2026-08-31' }, now),
    ).toBe(false);
    expect(overlapsExisting([person({ validUntil: null })], { ...next, validFrom: '2030-01-01' }, now)).toBe(
      true,
    );
  });
  it('may follow an ended one, and another member never overlaps', () => {
    const next = {
      userId: 'anna',
      partnerOrganisationId: null,
      validFrom: '2026-11-23',
      validUntil: null,
    } as const;
    expect(overlapsExisting([person({ endedAt: new Date('2026-11-23T09:00:00Z') })], next, now)).toBe(false);
    expect(overlapsExisting([organisation({ validUntil: null })], next, now)).toBe(false);
  });
});

describe('a partner reading the file', () => {
  const buurtteamOnCase = { inPerson: false, partnerOrganisationIds: ['buurtteam'] };
  it('needs the team and the consent for the same organisation', () => {
    expect(partnerReadsFile(buurtteamOnCase, 'buurtteam', ['buurtteam'])).toBe(true);
    expect(partnerReadsFile(buurtteamOnCase, 'buurtteam', ['ggd'])).toBe(false);
    // Probe finding 04: the buurtteam's place on the case does not open the file with the GGD's consent.
    expect(partnerReadsFile(buurtteamOnCase, 'ggd', ['ggd'])).toBe(false);
    expect(partnerReadsFile(notOnCaseTeam, 'ggd', ['ggd'])).toBe(false);
  });
  it('counts a person on the team with the consent for the organisation they act for', () => {
    const inPerson = { inPerson: true, partnerOrganisationIds: [] };
    expect(partnerReadsFile(inPerson, 'ggd', ['ggd'])).toBe(true);
    expect(partnerReadsFile(inPerson, 'ggd', ['buurtteam'])).toBe(false);
  });
});

describe('a member covered by the parents’ consent', () => {
  it('needs consent to share with the member’s organisation', () => {
    expect(isCoveredByConsent('buurtteam', ['buurtteam', 'jgz'])).toBe(true);
    expect(isCoveredByConsent('leerplicht', ['buurtteam'])).toBe(false);
  });
  it('does not apply to a person without a partner organisation (a consultant)', () => {
    expect(isCoveredByConsent(null, ['buurtteam'])).toBeNull();
  });
});

describe('a case member', () => {
  it('is the person a row names, else its partner organisation', () => {
    expect(caseMemberRef({ userId: 'anna', partnerOrganisationId: null })).toEqual({
      userId: 'anna',
      partnerOrganisationId: null,
    });
    expect(caseMemberRef({ userId: null, partnerOrganisationId: 'jgz' })).toEqual({
      userId: null,
      partnerOrganisationId: 'jgz',
    });
  });

  it('is on the team once at a time', () => {
    const existing = [person({ validFrom: '2026-09-01', validUntil: '2026-12-31' })];
    const candidate = { userId: 'anna', partnerOrganisationId: null, validUntil: null };
    expect(caseMemberOverlapRefusal(existing, { ...candidate, validFrom: '2026-12-31' }, now)).toMatchObject({
      rule: 'case_member_overlap',
      message: 'This member is already on the case team for (part of) that period',
    });
    expect(caseMemberOverlapRefusal(existing, { ...candidate, validFrom: '2027-01-01' }, now)).toBeNull();
  });
});
