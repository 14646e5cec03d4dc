import { describe, expect, it } from 'vitest';
import { isEvaluationDue } from './childFile.ts';
import {
  type ActionPart,
  actionPartChanges,
  actionPartOf,
  amendmentAfterChange,
  amendmentInForce,
  answersCurrentText,
  applyGoalDecisions,
  defaultEvaluationDueOn,
  evaluatedOnNotAllowed,
  evaluationDateNotAllowed,
  evaluationDateRefusal,
  evaluationDueCutoff,
  goalDecisionProblems,
  goalDecisionsMissing,
  isActionPartChanged,
  isAgreementOverdue,
  isGoalDueAt,
  parentAgreementOf,
  parentAgreementWith,
  parentKeyOf,
  planNotActive,
  planPdfFileName,
  versionLabel,
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

const goal = {
  id: 'g1',
  description: 'Leest AVI E4',
  baseline: 'AVI M4',
  target: 'AVI E4',
  targetDate: '2027-02-01',
};
const agreement = {
  id: 'a1',
  action: 'Dagelijks duo-lezen',
  owner: 'school' as const,
  partnerOrganisationId: null,
  dueOn: '2027-01-15',
};
const agreedPart: ActionPart = {
  hasDevelopmentPerspective: true,
  programmeDeviations: 'Eigen leerlijn rekenen',
  goals: [goal],
  agreements: [agreement],
};

describe('the action part the parents agree with', () => {
  it('leaves out progress, done and notes, and hidden programme deviations of a plan that is no OPP', () => {
    const plan = {
      hasDevelopmentPerspective: false,
      programmeDeviations: 'Oude tekst',
      goals: [{ ...goal, progress: 'Gaat vooruit' }],
      agreements: [{ ...agreement, done: true, note: 'Gedaan', partnerOrganisationName: null }],
    };
    expect(actionPartOf(plan)).toEqual({
      hasDevelopmentPerspective: false,
      programmeDeviations: '',
      goals: [goal],
      agreements: [agreement],
    });
    // Ticking an agreement off or writing progress is carrying the plan out, not changing it.
    const carriedOut = { ...plan, goals: [{ ...goal, progress: 'Doel gehaald' }] };
    expect(isActionPartChanged(actionPartOf(plan), actionPartOf(carriedOut))).toBe(false);
  });

  it('lists what changed since the agreed text: added, changed and removed items, and the parts', () => {
    const added = { ...agreement, id: 'a2', action: 'Gesprek met de jeugdarts', owner: 'jgz' as const };
    const current: ActionPart = {
      hasDevelopmentPerspective: true,
      programmeDeviations: 'Eigen leerlijn rekenen en lezen',
      goals: [],
      agreements: [added, { ...agreement, dueOn: '2027-03-01' }],
    };
    expect(actionPartChanges(agreedPart, current)).toEqual([
      {
        part: 'programme_deviations',
        before: 'Eigen leerlijn rekenen',
        after: 'Eigen leerlijn rekenen en lezen',
      },
      { part: 'goal', before: goal, after: null },
      { part: 'agreement', before: null, after: added },
      { part: 'agreement', before: agreement, after: { ...agreement, dueOn: '2027-03-01' } },
    ]);
    expect(
      actionPartChanges(agreedPart, {
        ...agreedPart,
        hasDevelopmentPerspective: false,
        programmeDeviations: '',
      }),
    ).toEqual([
      { part: 'development_perspective', before: true, after: false },
      { part: 'programme_deviations', before: 'Eigen leerlijn rekenen', after: '' },
    ]);
  });

  it('sees no change in the same items in another order', () => {
    const second = { ...agreement, id: 'a2', action: 'Thuis samen lezen', owner: 'parents' as const };
    const before = { ...agreedPart, agreements: [agreement, second] };
    const after = { ...agreedPart, agreements: [second, agreement] };
    expect(actionPartChanges(before, after)).toEqual([]);
    // A different partner organisation for the same agreement is a change.
    const other = { ...agreedPart, agreements: [{ ...agreement, partnerOrganisationId: 'p1' }] };
    expect(isActionPartChanged(agreedPart, other)).toBe(true);
  });
});

describe('the versions of the action part', () => {
  const mother = { parentUserId: 'u1', parentName: 'Moeder' };
  const father = { parentUserId: null, parentName: 'Vader' };

  it('keeps the text being put to the parents until one answered; a change after that is the next', () => {
    expect(amendmentAfterChange(0, false)).toBe(0);
    expect(amendmentAfterChange(0, true)).toBe(1);
    expect(amendmentAfterChange(2, true)).toBe(3);
  });

  it('names a version "3" for its first text and "3.1" for the first change after an answer', () => {
    expect(versionLabel(3, 0)).toBe('3');
    expect(versionLabel(3, 1)).toBe('3.1');
    expect(versionLabel(1, 12)).toBe('1.12');
  });

  it('keeps the agreed text in force until the parents agree with a newer one; a "no" leaves it', () => {
    expect(amendmentInForce([])).toBeNull();
    const agreed = [
      { ...mother, agrees: true, respondedAt: at('2026-10-01T10:00:00Z'), amendment: 0 },
      { ...father, agrees: true, respondedAt: at('2026-10-03T10:00:00Z'), amendment: 0 },
    ];
    expect(amendmentInForce(agreed)).toEqual({ amendment: 0, agreedAt: at('2026-10-03T10:00:00Z') });
    // The school changed the action part: amendment 1 awaits the parents, 0 stays in force.
    expect(parentAgreementWith(agreed, 1)).toBe('none');
    const refused = [
      ...agreed,
      { ...mother, agrees: false, respondedAt: at('2026-11-01T10:00:00Z'), amendment: 1 },
    ];
    expect(amendmentInForce(refused)).toEqual({ amendment: 0, agreedAt: at('2026-10-03T10:00:00Z') });
    expect(parentAgreementWith(refused, 1)).toBe('not_agreed');
    // An answer on an older text says nothing about the newer one.
    expect(parentAgreementWith(refused, 0)).toBe('agreed');
    const accepted = [
      ...refused,
      { ...mother, agrees: true, respondedAt: at('2026-11-02T10:00:00Z'), amendment: 1 },
    ];
    expect(amendmentInForce(accepted)).toEqual({ amendment: 1, agreedAt: at('2026-11-02T10:00:00Z') });
  });

  it('counts an answer only for the action part its writer read', () => {
    const plan = { revision: 7, actionPartRevision: 5 };
    expect(answersCurrentText(5, plan)).toBe(true);
    expect(answersCurrentText(7, plan)).toBe(true);
    // Read before the action part last changed: they would agree with text they never saw.
    expect(answersCurrentText(4, plan)).toBe(false);
    expect(answersCurrentText(8, plan)).toBe(false);
  });
});

describe('an agreement past its date', () => {
  it('is overdue from the day after its date while it is not done', () => {
    const open = { dueOn: '2026-11-01', done: false };
    expect(isAgreementOverdue(open, '2026-10-31')).toBe(false);
    expect(isAgreementOverdue(open, '2026-11-01')).toBe(false);
    expect(isAgreementOverdue(open, '2026-11-02')).toBe(true);
    expect(isAgreementOverdue({ ...open, done: true }, '2026-12-01')).toBe(false);
    expect(isAgreementOverdue({ dueOn: null, done: false }, '2026-12-01')).toBe(false);
  });
});

describe('the goals at an evaluation', () => {
  const goals = [
    { id: 'read', description: 'Leest AVI E5', targetDate: '2026-11-01' },
    { id: 'sums', description: 'Rekent tot 100', targetDate: '2026-12-01' },
    { id: 'calm', description: 'Vraagt hulp', targetDate: '2027-03-01' },
  ];

  it('must decide on every goal whose target date has come by the day of the evaluation', () => {
    expect(isGoalDueAt(goals[1]!, '2026-11-30')).toBe(false);
    expect(isGoalDueAt(goals[1]!, '2026-12-01')).toBe(true);
    expect(goalDecisionProblems(goals, [], '2026-12-01')).toEqual([
      { problem: 'missing', goalId: 'read' },
      { problem: 'missing', goalId: 'sums' },
    ]);
    expect(
      goalDecisionProblems(
        goals,
        [
          { goalId: 'read', outcome: 'reached' },
          { goalId: 'sums', outcome: 'continued', newTargetDate: '2027-03-01' },
        ],
        '2026-12-01',
      ),
    ).toEqual([]);
  });

  it('refuses a new date on or before the evaluation, another version’s goal, and one goal twice', () => {
    expect(
      goalDecisionProblems(
        goals,
        [
          { goalId: 'read', outcome: 'continued', newTargetDate: '2026-12-01' },
          { goalId: 'elsewhere', outcome: 'stopped' },
          { goalId: 'read', outcome: 'stopped' },
        ],
        '2026-12-01',
      ),
    ).toEqual([
      { problem: 'new_date_not_after_evaluation', index: 0 },
      { problem: 'not_a_goal', index: 1 },
      { problem: 'twice', index: 2 },
      { problem: 'missing', goalId: 'sums' },
    ]);
  });

  it('lets a goal not yet due be decided on too, and asks nothing about it otherwise', () => {
    expect(goalDecisionProblems(goals, [{ goalId: 'calm', outcome: 'reached' }], '2026-10-01')).toEqual([]);
    expect(goalDecisionProblems(goals, [], '2026-10-01')).toEqual([]);
  });

  it('ends reached and stopped goals, carries on with the new date, and records what became of each', () => {
    const { carried, outcomes } = applyGoalDecisions(goals, [
      { goalId: 'sums', outcome: 'continued', newTargetDate: '2027-03-01' },
      { goalId: 'read', outcome: 'reached' },
    ]);
    expect(carried.map((g) => [g.id, g.targetDate])).toEqual([
      ['sums', '2027-03-01'],
      ['calm', '2027-03-01'],
    ]);
    expect(outcomes).toEqual([
      { description: 'Leest AVI E5', targetDate: '2026-11-01', outcome: 'reached', newTargetDate: null },
      {
        description: 'Rekent tot 100',
        targetDate: '2026-12-01',
        outcome: 'continued',
        newTargetDate: '2027-03-01',
      },
    ]);
    const stopped = applyGoalDecisions(goals, [{ goalId: 'calm', outcome: 'stopped' }]);
    expect(stopped.carried.map((g) => g.id)).toEqual(['read', 'sums']);
    expect(stopped.outcomes[0]).toMatchObject({ outcome: 'stopped', newTargetDate: null });
  });
});

describe('the file name of a printed plan', () => {
  const name = (givenName: string, familyNamePrefix: string, familyName: string, opp = true, label = '2') =>
    planPdfFileName({
      hasDevelopmentPerspective: opp,
      givenName,
      familyNamePrefix,
      familyName,
      versionLabel: label,
    });

  it('names the kind, the child and the version', () => {
    expect(name('Hugo', '', 'Brouwer')).toEqual({
      ascii: 'OPP-Hugo-Brouwer-versie-2.pdf',
      utf8: 'OPP-Hugo-Brouwer-versie-2.pdf',
    });
    expect(name('Sanne', 'van den', 'Berg', false, '3.1')).toEqual({
      ascii: 'Groeidocument-Sanne-van-den-Berg-versie-3.1.pdf',
      utf8: 'Groeidocument-Sanne-van-den-Berg-versie-3.1.pdf',
    });
  });

  it('keeps diacritics in the UTF-8 name and spells them plainly in the ASCII one', () => {
    expect(name('Elif', '', 'Şahin')).toEqual({
      ascii: 'OPP-Elif-Sahin-versie-2.pdf',
      utf8: 'OPP-Elif-Şahin-versie-2.pdf',
    });
    expect(name('Łukasz', '', 'Wójcik').ascii).toBe('OPP-Lukasz-Wojcik-versie-2.pdf');
    expect(name('Thị Ánh', '', 'Nguyễn')).toEqual({
      ascii: 'OPP-Thi-Anh-Nguyen-versie-2.pdf',
      utf8: 'OPP-Thị-Ánh-Nguyễn-versie-2.pdf',
    });
    expect(name('Søren', '', 'Straße').ascii).toBe('OPP-Soren-Strasse-versie-2.pdf');
    // The same letter typed decomposed (e + combining accent) gives the same name.
    expect(name('Zoe\u0308', '', 'Dubois').utf8).toBe('OPP-Zoë-Dubois-versie-2.pdf');
  });

  it('turns quotes, slashes, control characters and spaces into single hyphens', () => {
    const odd = name(' Mo\'ham"med ', "d'", 'Al/Rashid\\..\r\n;x');
    expect(odd.ascii).toBe('OPP-Mo-ham-med-d-Al-Rashid-x-versie-2.pdf');
    expect(odd.utf8).toBe(odd.ascii);
    for (const fileName of [odd.ascii, odd.utf8]) expect(fileName).not.toMatch(/["\\/;\r\n\s]/);
  });

  it('leaves out a name with no letters, and cuts a very long one at a whole word', () => {
    expect(name('', '', '—', false, '1').ascii).toBe('Groeidocument-versie-1.pdf');
    const long = name('Maximiliaan', '', 'Van Oranje Nassau '.repeat(10));
    expect([...long.utf8.replace(/^OPP-|-versie-2\.pdf$/g, '')].length).toBeLessThanOrEqual(80);
    expect(long.utf8).toMatch(/^OPP-Maximiliaan-Van-Oranje-Nassau-.*-(Van|Oranje|Nassau)-versie-2\.pdf$/);
  });

  it('spells a name in a script without Latin letters only in the UTF-8 name', () => {
    expect(name('Алина', '', 'Петрова')).toEqual({
      ascii: 'OPP-versie-2.pdf',
      utf8: 'OPP-Алина-Петрова-versie-2.pdf',
    });
  });
});

describe('the rules a change to the plan must keep', () => {
  it('changes only the active version', () => {
    expect(planNotActive({ status: 'active' })).toBeNull();
    expect(planNotActive({ status: 'closed' })).toMatchObject({ rule: 'plan_closed' });
  });

  it('refuses an evaluation date the cycle does not allow, with the message asked for', () => {
    expect(evaluationDateNotAllowed('2026-11-23', '2026-11-24', false)).toBeNull();
    expect(evaluationDateNotAllowed('2026-11-23', '2026-11-23', false)).toMatchObject({
      rule: 'due_before_start',
      message: 'The evaluation date is not allowed',
    });
    expect(evaluationDateNotAllowed('2026-11-23', '2027-11-24', true, 'Next')).toMatchObject({
      rule: 'opp_evaluated_yearly',
      message: 'Next',
    });
  });

  it('dates an evaluation between the start of the version and today, both included', () => {
    expect(evaluatedOnNotAllowed('2026-11-23', '2026-05-01', '2026-11-23')).toBeNull();
    expect(evaluatedOnNotAllowed('2026-05-01', '2026-05-01', '2026-11-23')).toBeNull();
    expect(evaluatedOnNotAllowed('2026-11-24', '2026-05-01', '2026-11-23')?.rule).toBe('evaluated_in_future');
    expect(evaluatedOnNotAllowed('2026-04-30', '2026-05-01', '2026-11-23')?.rule).toBe(
      'evaluated_before_start',
    );
  });

  it('names every goal due at the evaluation that has no decision', () => {
    expect(goalDecisionsMissing([{ problem: 'twice', index: 0 }])).toBeNull();
    expect(
      goalDecisionsMissing([
        { problem: 'missing', goalId: 'g1' },
        { problem: 'not_a_goal', index: 1 },
        { problem: 'missing', goalId: 'g2' },
      ]),
    ).toMatchObject({ rule: 'goal_decision_missing', details: { goalIds: ['g1', 'g2'] } });
  });
});
