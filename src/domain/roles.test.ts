import { describe, expect, it } from 'vitest';
import {
  childDataRoles,
  grantNeedsApproval,
  idChanges,
  mayDecideGrant,
  ownAccountRefusal,
  ownTeamRefusal,
  type Role,
  requiresSecondFactor,
  roles,
  ssoChangeNeedsApproval,
} from './roles.ts';

describe('grantNeedsApproval (the four-eyes principle on roles)', () => {
  it('asks a second approval for every role that opens a child’s file', () => {
    for (const role of [
      'school_ib',
      'school_director',
      'teacher',
      'consultant',
      'committee',
      'partner',
      'parent',
    ] as const) {
      expect(grantNeedsApproval(role, true), role).toBe(true);
    }
  });
  it('asks it for a new SWV administrator, who could otherwise approve their maker’s grants', () => {
    expect(grantNeedsApproval('swv_admin', true)).toBe(true);
  });
  it('lets roles without child data through at once', () => {
    expect(grantNeedsApproval('policy', true)).toBe(false);
    expect(childDataRoles.has('swv_admin')).toBe(false);
    expect(childDataRoles.has('operator')).toBe(false);
  });
  it('asks nothing when the SWV turned the approval off', () => {
    for (const role of roles) expect(grantNeedsApproval(role, false), role).toBe(false);
  });
});

describe('mayDecideGrant', () => {
  const grant = { requestedByUserId: 'admin-a', granteeUserId: 'new-ib' };
  it('lets a second administrator decide', () => {
    expect(
      mayDecideGrant({
        ...grant,
        deciderUserId: 'admin-b',
        deciderIsOperator: false,
        otherAdministratorIds: ['admin-b'],
      }),
    ).toBe(true);
  });
  it('never lets the administrator who asked decide their own grant', () => {
    expect(
      mayDecideGrant({
        ...grant,
        deciderUserId: 'admin-a',
        deciderIsOperator: false,
        otherAdministratorIds: ['admin-b'],
      }),
    ).toBe(false);
  });
  it('never lets the person who receives the role decide it', () => {
    expect(
      mayDecideGrant({
        requestedByUserId: 'admin-a',
        granteeUserId: 'admin-b',
        deciderUserId: 'admin-b',
        deciderIsOperator: false,
        otherAdministratorIds: ['admin-b'],
      }),
    ).toBe(false);
  });
  it('refuses someone who is not an administrator of the SWV', () => {
    expect(
      mayDecideGrant({
        ...grant,
        deciderUserId: 'teacher',
        deciderIsOperator: false,
        otherAdministratorIds: ['admin-b'],
      }),
    ).toBe(false);
  });
  it('lets the operator decide only where the SWV has no second administrator', () => {
    const operator = { ...grant, deciderUserId: 'operator', deciderIsOperator: true };
    expect(mayDecideGrant({ ...operator, otherAdministratorIds: [] })).toBe(true);
    expect(mayDecideGrant({ ...operator, otherAdministratorIds: ['admin-b'] })).toBe(false);
    // The only other administrator is the one to receive the role: they may not decide it.
    expect(
      mayDecideGrant({ ...operator, granteeUserId: 'admin-b', otherAdministratorIds: ['admin-b'] }),
    ).toBe(true);
  });
});

describe('ssoChangeNeedsApproval (finding 28)', () => {
  const current = { issuer: 'https://idp.example', clientId: 'passend', providerEnforcesMfa: false };
  it('waits for a second administrator on a new provider, client or trusted second factor', () => {
    expect(ssoChangeNeedsApproval(undefined, current, true)).toBe(true);
    expect(ssoChangeNeedsApproval(current, { ...current, issuer: 'https://mine.example' }, true)).toBe(true);
    expect(ssoChangeNeedsApproval(current, { ...current, clientId: 'other' }, true)).toBe(true);
    expect(ssoChangeNeedsApproval(current, { ...current, providerEnforcesMfa: true }, true)).toBe(true);
  });
  it('lets a change that lets no one else in take effect at once', () => {
    expect(ssoChangeNeedsApproval(current, current, true)).toBe(false);
    const trusting = { ...current, providerEnforcesMfa: true };
    expect(ssoChangeNeedsApproval(trusting, current, true)).toBe(false);
  });
  it('asks nothing when the SWV turned the approval off', () => {
    expect(ssoChangeNeedsApproval(undefined, current, false)).toBe(false);
  });
  it('lets a second administrator, or the operator alone, decide a change that names no one', () => {
    const change = { requestedByUserId: 'admin-a', granteeUserId: null };
    const second = { ...change, deciderIsOperator: false, otherAdministratorIds: ['admin-b'] };
    expect(mayDecideGrant({ ...second, deciderUserId: 'admin-b' })).toBe(true);
    expect(mayDecideGrant({ ...second, deciderUserId: 'admin-a' })).toBe(false);
    const operator = { ...change, deciderUserId: 'operator', deciderIsOperator: true };
    expect(mayDecideGrant({ ...operator, otherAdministratorIds: [] })).toBe(true);
    expect(mayDecideGrant({ ...operator, otherAdministratorIds: ['admin-b'] })).toBe(false);
  });
});

describe('requiresSecondFactor', () => {
  it('asks the SWV roles and partners for a second factor, and no other role', () => {
    const asked = roles.filter((role) => requiresSecondFactor([role]));
    expect(asked).toEqual(['operator', 'swv_admin', 'consultant', 'committee', 'policy', 'partner']);
  });

  it('asks a user with several roles when any one of them needs it', () => {
    const teacherAndPartner: Role[] = ['teacher', 'partner'];
    expect(requiresSecondFactor(teacherAndPartner)).toBe(true);
    expect(requiresSecondFactor(['teacher', 'parent'])).toBe(false);
    expect(requiresSecondFactor([])).toBe(false);
  });
});

describe('ownAccountRefusal (an administrator and their own account)', () => {
  it('refuses disabling oneself or changing one’s own roles', () => {
    for (const change of [
      { disabled: true, changesRoles: false },
      { changesRoles: true },
      { disabled: false, changesRoles: true },
    ]) {
      expect(ownAccountRefusal('me', 'me', change)).toMatchObject({
        rule: 'own_account',
        message: 'You cannot disable yourself or change your own roles',
      });
    }
  });

  it('lets one rename oneself, and do anything to another account', () => {
    expect(ownAccountRefusal('me', 'me', { changesRoles: false })).toBeNull();
    expect(ownAccountRefusal('me', 'me', { disabled: false, changesRoles: false })).toBeNull();
    expect(ownAccountRefusal('me', 'other', { disabled: true, changesRoles: true })).toBeNull();
  });
});

describe('ownTeamRefusal (an administrator and the teams they are in)', () => {
  const team = (schoolIds: string[], memberIds: string[]) => ({ schoolIds, memberIds });
  it('refuses joining a team, or adding a school to a team one is in', () => {
    expect(ownTeamRefusal('me', team(['a'], []), team(['a'], ['me']))).toMatchObject({
      rule: 'own_team',
      message: 'You cannot add yourself to a team; ask another administrator',
    });
    expect(ownTeamRefusal('me', team(['a'], ['me']), team(['a', 'b'], ['me']))).toMatchObject({
      rule: 'own_team',
      message: 'You cannot add a school to a team you are in; ask another administrator',
    });
    expect(ownTeamRefusal('me', team([], []), team(['a'], ['me', 'x']))?.rule).toBe('own_team');
  });

  it('lets one leave a team, take schools from one, and change teams one is not in', () => {
    expect(ownTeamRefusal('me', team(['a'], ['me']), team(['a'], []))).toBeNull();
    expect(ownTeamRefusal('me', team(['a', 'b'], ['me']), team(['a'], ['me', 'x']))).toBeNull();
    expect(ownTeamRefusal('me', team(['a'], ['x']), team(['a', 'b'], ['x', 'y']))).toBeNull();
    expect(ownTeamRefusal('me', team([], []), team(['a'], ['x']))).toBeNull();
  });
});

describe('idChanges', () => {
  it('says which ids a change adds and which it removes', () => {
    expect(idChanges(['a', 'b'], ['b', 'c', 'd'])).toEqual({ added: ['c', 'd'], removed: ['a'] });
    expect(idChanges([], [])).toEqual({ added: [], removed: [] });
  });
});
