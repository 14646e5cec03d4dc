import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GoalInput } from '../../contracts/plans.ts';
import { CreateStudentBody } from '../../contracts/students.ts';
import { validate } from './forms.tsx';

const planMessages = { description: 'plan.error.goalDescription' } as const;
const aGoal = { description: '', baseline: '', target: '', targetDate: '2027-06-01', progress: '' };

describe('the messages of a form’s fields', () => {
  it('asks for an empty required field, and for less when its text is too long', () => {
    expect(validate(GoalInput, aGoal, planMessages).errors).toEqual({
      description: 'plan.error.goalDescription',
    });
    expect(validate(GoalInput, { ...aGoal, description: '   ' }, planMessages).errors).toEqual({
      description: 'plan.error.goalDescription',
    });
    expect(validate(GoalInput, { ...aGoal, description: 'x'.repeat(1001) }, planMessages).errors).toEqual({
      description: 'plan.error.goalDescription.tooLong',
    });
  });

  it('names each field of a nested list by its own path', () => {
    const Goals = z.strictObject({ goals: z.array(GoalInput).max(30) });
    const goals = [{ ...aGoal, description: 'Leest groep-5-niveau' }, aGoal];
    expect(validate(Goals, { goals }, planMessages).errors).toEqual({
      'goals.1.description': 'plan.error.goalDescription',
    });
  });

  it('uses the shared words of a field, an empty variant where a value is missing', () => {
    const student = { givenName: '', familyName: 'de Vries', birthDate: '' };
    expect(validate(CreateStudentBody, student, {}).errors).toEqual({
      givenName: 'form.error.empty',
      birthDate: 'form.error.empty',
    });
    const messages = { givenName: 'student.error.givenName', birthDate: 'student.error.birthDate' } as const;
    expect(validate(CreateStudentBody, student, messages).errors).toEqual({
      givenName: 'student.error.givenName',
      birthDate: 'student.error.birthDate.empty',
    });
    expect(validate(CreateStudentBody, { ...student, birthDate: '2016-02-30' }, messages).errors).toEqual({
      givenName: 'student.error.givenName',
      birthDate: 'student.error.birthDate',
    });
  });

  it('says a list has too many items in its own words', () => {
    const Roles = z.strictObject({ memberships: z.array(z.string()).min(1).max(20) });
    expect(validate(Roles, { memberships: [] }).errors).toEqual({ memberships: 'admin.error.memberships' });
    expect(validate(Roles, { memberships: Array(21).fill('teacher') }).errors).toEqual({
      memberships: 'admin.error.memberships.tooMany',
    });
  });
});
