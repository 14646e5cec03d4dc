// The satisfaction survey after a request or an arrangement closes (docs/domain.md,
// "Satisfaction"). Pure: no I/O.

import { type Refusal, refuse } from './refusal.ts';
import { isSmallCell, suppressSmallCells } from './smallCells.ts';

/** Who is asked: the parents, and the pupil from 12. */
export const surveyRespondents = ['parent', 'pupil'] as const;
export type SurveyRespondent = (typeof surveyRespondents)[number];

/** The fixed questions, each answered on a 1–5 scale. */
export const surveyQuestions = [
  'listened_to',
  'clear_information',
  'help_fits',
  'result',
  'overall',
] as const;
export type SurveyQuestion = (typeof surveyQuestions)[number];

/** What the survey is about: a request decided, or an arrangement ended. */
export const surveyOccasions = ['request_decided', 'arrangement_ended'] as const;
export type SurveyOccasion = (typeof surveyOccasions)[number];

/** From this age the pupil is asked too (issue 12; docs/domain.md, "Satisfaction"). */
export const pupilSurveyAge = 12;

/** Full years of age on a calendar date (YYYY-MM-DD); a birthday counts from its own day. */
export function ageOn(birthDate: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

export type SurveyInvitee = { userId: string; respondent: SurveyRespondent };

/**
 * Who is invited: every parent with an account, and the pupil from 12 when the pupil has an
 * account of their own. Today a pupil never has one (Passend has no pupil accounts; a pupil of
 * 16+ who signs in does so as their own guardian, a parent row), so the service passes null.
 */
export function surveyInvitees(input: {
  guardianUserIds: readonly string[];
  pupil: { userId: string | null; birthDate: string } | null;
  today: string;
}): SurveyInvitee[] {
  const parents = [...new Set(input.guardianUserIds)].map((userId) => ({
    userId,
    respondent: 'parent' as const,
  }));
  const pupil = input.pupil;
  const pupilAsked =
    pupil?.userId != null &&
    !parents.some((p) => p.userId === pupil.userId) &&
    ageOn(pupil.birthDate, input.today) >= pupilSurveyAge;
  return pupilAsked ? [...parents, { userId: pupil.userId!, respondent: 'pupil' }] : parents;
}

/** A survey is answered once: its answer is stored apart and can never be found again to change. */
export function surveyAnsweredRefusal(answeredAt: Date | null): Refusal<'survey_already_answered'> | null {
  return answeredAt === null
    ? null
    : refuse(
        'survey_already_answered',
        'This survey has been answered already; an answer cannot be changed',
        {},
      );
}

/** The month an answer is stored under ("2026-11"): no day or time, so it cannot tie to a person. */
export const surveyMonthOf = (today: string): string => today.slice(0, 7);

export type SurveyScores = Record<SurveyQuestion, number | null>;
export type SurveyAnswer = { schoolId: string; scores: SurveyScores; openAnswer: string };

export type QuestionResult = {
  question: SurveyQuestion;
  /** How many answered it (a question may be skipped); null when hidden. */
  answered: number | null;
  mean: number | null;
  /** How many gave 1, 2, 3, 4 and 5; null when hidden. */
  distribution: number[] | null;
};

export type SurveyResults = {
  /** The answers in the selection; null when the group is too small to show. */
  count: number | null;
  questions: QuestionResult[];
  /** All schools only: per school the answers and the mean of "overall", small groups hidden. */
  schools: { schoolId: string; count: number | null; overallMean: number | null }[];
  /** The open answers, in alphabetical order (never the order they came in); a school only where its group shows. */
  openAnswers: { text: string; schoolId: string | null }[];
};

const hidden = (question: SurveyQuestion): QuestionResult => ({
  question,
  answered: null,
  mean: null,
  distribution: null,
});

function questionOf(answers: readonly SurveyAnswer[], question: SurveyQuestion): QuestionResult {
  const scores = answers.flatMap((a) => (a.scores[question] === null ? [] : [a.scores[question]!]));
  if (scores.length === 0) return { question, answered: 0, mean: null, distribution: [0, 0, 0, 0, 0] };
  const distribution = [1, 2, 3, 4, 5].map((score) => scores.filter((s) => s === score).length);
  const mean = Math.round((scores.reduce((sum, s) => sum + s, 0) / scores.length) * 10) / 10;
  return { question, answered: scores.length, mean, distribution };
}

/**
 * The aggregates of one school year's answers of an SWV, for all schools (`schoolId` null) or one.
 * A group of one to four answers is hidden (src/domain/smallCells.ts), and so is any school a
 * total would give away: the schools' counts, and per question the schools' numbers of answers,
 * are suppressed together as parts of the SWV's total, and a school shows alone only as it shows
 * among all — so subtracting one selection from another never reveals a small group.
 */
export function surveyResults(answers: readonly SurveyAnswer[], schoolId: string | null): SurveyResults {
  const schoolIds = [...new Set(answers.map((a) => a.schoolId))].sort();
  const ofSchool = (id: string) => answers.filter((a) => a.schoolId === id);
  const schoolCells = suppressSmallCells(schoolIds.map((id) => ofSchool(id).length)).cells;
  const schoolShown = new Map(schoolIds.map((id, i) => [id, schoolCells[i]!.count !== null]));
  const questionShown = new Map(
    surveyQuestions.map((question) => {
      const answered = schoolIds.map((id) => ofSchool(id).filter((a) => a.scores[question] !== null).length);
      const cells = suppressSmallCells(answered).cells;
      return [question, new Map(schoolIds.map((id, i) => [id, cells[i]!.count !== null]))] as const;
    }),
  );
  const openAnswersOf = (group: readonly SurveyAnswer[]) =>
    group
      .filter((a) => a.openAnswer.trim() !== '')
      .map((a) => ({ text: a.openAnswer, schoolId: schoolShown.get(a.schoolId) ? a.schoolId : null }))
      .sort(
        (x, y) => x.text.localeCompare(y.text, 'nl') || (x.schoolId ?? '').localeCompare(y.schoolId ?? ''),
      );

  if (schoolId !== null) {
    const group = ofSchool(schoolId);
    if (!schoolShown.get(schoolId)) {
      return { count: null, questions: surveyQuestions.map(hidden), schools: [], openAnswers: [] };
    }
    return {
      count: group.length,
      questions: surveyQuestions.map((question) =>
        questionShown.get(question)!.get(schoolId) ? questionOf(group, question) : hidden(question),
      ),
      schools: [],
      openAnswers: openAnswersOf(group),
    };
  }
  if (isSmallCell(answers.length)) {
    return { count: null, questions: surveyQuestions.map(hidden), schools: [], openAnswers: [] };
  }
  return {
    count: answers.length,
    questions: surveyQuestions.map((question) => {
      const result = questionOf(answers, question);
      return isSmallCell(result.answered ?? 0) ? hidden(question) : result;
    }),
    schools: schoolIds.map((id, i) => ({
      schoolId: id,
      count: schoolCells[i]!.count,
      overallMean:
        schoolShown.get(id) && questionShown.get('overall')!.get(id)
          ? questionOf(ofSchool(id), 'overall').mean
          : null,
    })),
    openAnswers: openAnswersOf(answers),
  };
}
