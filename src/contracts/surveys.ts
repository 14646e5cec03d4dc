// The satisfaction survey's API (docs/domain.md, "Satisfaction"): a parent's open invitations and
// their answer, and the aggregates for the SWV and the schools. Bodies are strict.
import { z } from 'zod';
import { surveyOccasions, surveyQuestions, surveyRespondents } from '../domain/surveys.ts';
import { Id, SchoolYear, Text } from './common.ts';

export const SurveyParams = z.strictObject({ invitationId: Id });

/** A score 1–5, or null for a question the respondent skipped. */
const Score = z.number().int().min(1).max(5).nullable();

export const SurveyAnswerBody = z.strictObject({
  scores: z.strictObject(
    Object.fromEntries(surveyQuestions.map((question) => [question, Score])) as Record<
      (typeof surveyQuestions)[number],
      typeof Score
    >,
  ),
  openAnswer: Text(2000).default(''),
});

export const SurveyInvitationView = z.object({
  id: z.string(),
  occasion: z.enum(surveyOccasions),
  respondent: z.enum(surveyRespondents),
  invitedAt: z.string(),
  /** What the survey is about: the request's number and type, and the child's first name. */
  requestNumber: z.string(),
  requestTypeName: z.string(),
  firstName: z.string(),
});
export const MySurveys = z.object({ surveys: z.array(SurveyInvitationView) });

export const SurveyAnswered = z.object({ answered: z.literal(true) });

export const SurveyResultsQuery = z.strictObject({
  schoolYear: SchoolYear.optional(),
  schoolId: Id.optional(),
});

export const SurveyResultsView = z.object({
  schoolYear: z.string(),
  /** The school shown, or null for all the SWV's schools. */
  schoolId: z.string().nullable(),
  /** The smallest group shown; smaller ones are hidden. */
  threshold: z.number().int(),
  /** Answers in the selection; null when the group is too small to show. */
  count: z.number().int().nullable(),
  questions: z.array(
    z.object({
      question: z.enum(surveyQuestions),
      answered: z.number().int().nullable(),
      mean: z.number().nullable(),
      distribution: z.array(z.number().int()).nullable(),
    }),
  ),
  schools: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      count: z.number().int().nullable(),
      overallMean: z.number().nullable(),
    }),
  ),
  /** Null when the reader may not see them (only the SWV's policy staff may). */
  openAnswers: z.array(z.object({ text: z.string(), school: z.string().nullable() })).nullable(),
  /** The schools the reader may choose, and the school years with answers. */
  choices: z.object({
    schools: z.array(z.object({ id: z.string(), name: z.string() })),
    allSchools: z.boolean(),
    schoolYears: z.array(z.string()),
  }),
});
