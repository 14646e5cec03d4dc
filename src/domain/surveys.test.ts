import { describe, expect, it } from 'vitest';
import { isRefusal } from './refusal.ts';
import {
  ageOn,
  type SurveyAnswer,
  surveyAnsweredRefusal,
  surveyInvitees,
  surveyMonthOf,
  surveyResults,
} from './surveys.ts';

const scores = (overall: number | null, rest: number | null = overall) => ({
  listened_to: rest,
  clear_information: rest,
  help_fits: rest,
  result: rest,
  overall,
});
const answers = (schoolId: string, n: number, overall: number | null = 4, open = ''): SurveyAnswer[] =>
  Array.from({ length: n }, () => ({ schoolId, scores: scores(overall), openAnswer: open }));

describe('who is invited to the survey', () => {
  it('invites every parent with an account, once each', () => {
    expect(surveyInvitees({ guardianUserIds: ['a', 'b', 'a'], pupil: null, today: '2026-11-23' })).toEqual([
      { userId: 'a', respondent: 'parent' },
      { userId: 'b', respondent: 'parent' },
    ]);
    expect(surveyInvitees({ guardianUserIds: [], pupil: null, today: '2026-11-23' })).toEqual([]);
  });

  it('invites the pupil from the day they turn 12, and only with an account of their own', () => {
    const on = (birthDate: string, userId: string | null = 'p') =>
      surveyInvitees({ guardianUserIds: ['a'], pupil: { userId, birthDate }, today: '2026-11-23' }).map(
        (i) => i.respondent,
      );
    expect(on('2014-11-23')).toEqual(['parent', 'pupil']);
    expect(on('2014-11-24')).toEqual(['parent']);
    expect(on('2010-01-01', null)).toEqual(['parent']);
    // A pupil who signs in as their own guardian (16+) is asked once, as the parent row.
    expect(
      surveyInvitees({
        guardianUserIds: ['p'],
        pupil: { userId: 'p', birthDate: '2008-01-01' },
        today: '2026-11-23',
      }),
    ).toEqual([{ userId: 'p', respondent: 'parent' }]);
  });

  it('counts age in full years, a birthday from its own day (29 February on 1 March)', () => {
    expect(ageOn('2014-11-23', '2026-11-22')).toBe(11);
    expect(ageOn('2014-11-23', '2026-11-23')).toBe(12);
    expect(ageOn('2012-02-29', '2024-02-28')).toBe(11);
    expect(ageOn('2012-02-29', '2024-02-29')).toBe(12);
    expect(ageOn('2012-02-29', '2025-03-01')).toBe(13);
  });
});

describe('answering', () => {
  it('refuses a second answer', () => {
    expect(surveyAnsweredRefusal(null)).toBeNull();
    const refusal = surveyAnsweredRefusal(new Date('2026-11-23T10:00:00Z'));
    expect(isRefusal(refusal) && refusal.rule).toBe('survey_already_answered');
  });

  it('stores the month only', () => {
    expect(surveyMonthOf('2026-11-23')).toBe('2026-11');
  });
});

describe('the aggregates', () => {
  it('gives per question the mean, the distribution and the number who answered, skips left out', () => {
    const given = [
      ...answers('s1', 3, 5),
      ...answers('s1', 2, 2),
      { schoolId: 's1', scores: scores(null, 3), openAnswer: '' },
    ];
    const results = surveyResults(given, null);
    expect(results.count).toBe(6);
    expect(results.questions.find((q) => q.question === 'overall')).toEqual({
      question: 'overall',
      answered: 5,
      mean: 3.8,
      distribution: [0, 2, 0, 0, 3],
    });
    expect(results.questions.find((q) => q.question === 'help_fits')?.answered).toBe(6);
  });

  it('hides a group of fewer than five answers, with its open answers', () => {
    const results = surveyResults(answers('s1', 4, 5, 'Fijn geholpen'), null);
    expect(results).toEqual({
      count: null,
      questions: expect.arrayContaining([
        { question: 'overall', answered: null, mean: null, distribution: null },
      ]),
      schools: [],
      openAnswers: [],
    });
    expect(surveyResults(answers('s1', 4), 's1').count).toBeNull();
  });

  it('hides a question that fewer than five answered, while the group shows', () => {
    const given = [...answers('s1', 4, 4), ...answers('s1', 2, null)];
    const overall = surveyResults(given, null).questions.find((q) => q.question === 'overall');
    expect(overall).toMatchObject({ answered: null, mean: null, distribution: null });
  });

  it('hides a small school among all, and the next smallest too, so the total gives neither away', () => {
    const given = [...answers('big', 20), ...answers('mid', 6), ...answers('small', 3)];
    const results = surveyResults(given, null);
    expect(results.count).toBe(29);
    expect(results.schools).toEqual([
      { schoolId: 'big', count: 20, overallMean: 4 },
      { schoolId: 'mid', count: null, overallMean: null },
      { schoolId: 'small', count: null, overallMean: null },
    ]);
    // Asked alone, a school hidden among all stays hidden: all minus one never reveals the other.
    expect(surveyResults(given, 'mid').count).toBeNull();
    expect(surveyResults(given, 'small').count).toBeNull();
    expect(surveyResults(given, 'big').count).toBe(20);
  });

  it('hides a school question that a subtraction from the total would reveal', () => {
    // Both schools show, but at school b only three answered "overall": their mean is hidden, and
    // so is a's, or the total minus a's would give b's three.
    const skipped = Array.from({ length: 3 }, () => ({
      schoolId: 'b',
      scores: scores(null, 4),
      openAnswer: '',
    }));
    const given = [...answers('a', 10, 4), ...answers('b', 3, 1), ...skipped];
    const a = surveyResults(given, 'a').questions.find((q) => q.question === 'overall');
    const b = surveyResults(given, 'b').questions.find((q) => q.question === 'overall');
    expect(b?.mean).toBeNull();
    expect(a?.mean).toBeNull();
    expect(surveyResults(given, 'a').questions.find((q) => q.question === 'result')?.mean).toBe(4);
  });

  it('lists open answers alphabetically, naming the school only where its group shows', () => {
    const given = [
      ...answers('big', 9, 4, 'Zeer tevreden'),
      ...answers('big', 1, 4, 'Aardig'),
      ...answers('mid', 6),
      ...answers('small', 2, 3, 'Te laat'),
    ];
    const results = surveyResults(given, null);
    expect(results.openAnswers.map((a) => a.text)).toEqual([
      'Aardig',
      'Te laat',
      'Te laat',
      ...Array(9).fill('Zeer tevreden'),
    ]);
    expect(results.openAnswers.find((a) => a.text === 'Te laat')?.schoolId).toBeNull();
    expect(results.openAnswers.find((a) => a.text === 'Aardig')?.schoolId).toBe('big');
  });

  it('shows nothing of an empty year but the zero', () => {
    expect(surveyResults([], null)).toMatchObject({ count: 0, schools: [], openAnswers: [] });
  });
});
