import { describe, expect, it } from 'vitest';
import { isEvaluationDue } from './childFile.ts';
import {
  defaultEvaluationDueOn,
  evaluationDateRefusal,
  evaluationDueCutoff,
  parentAgreementOf,
  parentKeyOf,
} from './plans.ts';

const at = (iso: string) => new Date(iso);

describe('the parents’ agreement with a version', () => {
  it('tells a parent with an account by their user and a paper form by the name on it', () => {
    expect(parentKeyOf({ parentUserId: 'u1', parentName: 'Fatima El Amrani' })).toBe('u1');
    expect(parentKeyOf({ parentUserId: null, parentName: 'Fatima El Amrani' })).toBe('Fatima El Amrani');
  });

  it('is "none" without responses, "agreed" when every parent’s latest response agrees', () => {
    expect(parentAgreementOf([])).toBe('none');
    const mother = { parentUserId: 'u1', parentName: 'Moeder' };
    const father = { parentUserId: null, parentName: 'Vader' };
    expect(
      parentAgreementOf([
        { ...mother, agrees: false, respondedAt: at('2026-10-01T10:00:00Z') },
        { ...mother, agrees: true, respondedAt: at('2026-10-02T10:00:00Z') },
      ]),
    ).toBe('agreed');
    expect(
      parentAgreementOf([
        { ...mother, agrees: true, respondedAt: at('2026-10-02T10:00:00Z') },
        { ...father, agrees: false, respondedAt: at('2026-10-01T10:00:00Z') },
      ]),
    ).toBe('not_agreed');
  });
});

describe('the evaluation date of a cycle', () => {
  it('is due from two weeks before, as a bound that agrees with isEvaluationDue', () => {
    const today = '2026-12-20';
    expect(evaluationDueCutoff(today)).toBe('2027-01-03');
    for (const due of ['2026-01-01', '2026-12-20', '2027-01-03', '2027-01-04', '2027-06-01']) {
      expect(due <= evaluationDueCutoff(today)).toBe(isEvaluationDue(due, today));
    }
  });

  it('defaults to six months after the start, on the last day of a shorter month', () => {
    expect(defaultEvaluationDueOn('2026-11-23')).toBe('2027-05-23');
    expect(defaultEvaluationDueOn('2026-08-31')).toBe('2027-02-28');
  });

  it('lies after the start', () => {
    expect(evaluationDateRefusal('2026-11-23', '2026-11-23', false)).toBe('due_before_start');
    expect(evaluationDateRefusal('2026-11-23', '2026-11-24', false)).toBeNull();
  });

  it('lets an OPP wait at most twelve months, to the day; an ordinary plan may wait longer', () => {
    expect(evaluationDateRefusal('2026-11-23', '2027-11-23', true)).toBeNull();
    expect(evaluationDateRefusal('2026-11-23', '2027-11-24', true)).toBe('opp_evaluated_yearly');
    expect(evaluationDateRefusal('2026-11-23', '2027-11-24', false)).toBeNull();
  });
});
