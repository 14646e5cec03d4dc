import { describe, expect, it } from 'vitest';
import { type Role, requiresSecondFactor, roles } from './roles.ts';

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
