// The satisfaction survey after a request or an arrangement closes (docs/domain.md,
// "Satisfaction"). Pure: no I/O.

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
