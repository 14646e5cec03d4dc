import { describe, expect, it } from 'vitest';
import { actionInPlanChanged, noActivePlan } from './meetings.ts';
import { isRefusal } from './refusal.ts';

const taken = { id: 'a1', action: 'Aanmelden bij JGZ', owner: 'school' as const, planAgreementId: 'p1' };
const open = { id: 'a2', action: 'Gesprek met ouders', owner: 'school' as const, planAgreementId: null };

describe('a meeting’s actions', () => {
  it('may change and drop actions not taken into the plan', () => {
    expect(actionInPlanChanged([taken, open], [taken])).toBeNull();
    expect(actionInPlanChanged([taken, open], [{ ...open, action: 'Anders' }, taken])).toBeNull();
  });

  it('keeps an action taken into the plan as it was taken', () => {
    expect(actionInPlanChanged([taken], [])?.rule).toBe('action_in_plan');
    expect(actionInPlanChanged([taken], [{ ...taken, action: 'Anders' }])?.rule).toBe('action_in_plan');
    expect(actionInPlanChanged([taken], [{ ...taken, owner: 'parents' }])?.rule).toBe('action_in_plan');
  });

  it('refuses to take an action into a plan that is not there', () => {
    const refusal = noActivePlan();
    expect(isRefusal(refusal)).toBe(true);
    expect(refusal.rule).toBe('no_active_plan');
    expect(isRefusal({ rule: 'no_active_plan', message: 'x' })).toBe(false);
  });
});
