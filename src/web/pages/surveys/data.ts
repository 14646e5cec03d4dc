// The reads and writes of the satisfaction survey, typed by the shared contracts
// (src/contracts/surveys.ts).
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import type { MySurveys, SurveyAnswered, SurveyResultsView } from '../../../contracts/surveys.ts';
import { api } from '../../app/api.ts';

export type Invitation = z.infer<typeof MySurveys>['surveys'][number];
export type Results = z.infer<typeof SurveyResultsView>;

export const surveyKeys = { mine: ['surveys', 'mine'] as const, results: ['surveys', 'results'] as const };

export const useMySurveys = () =>
  useQuery({ queryKey: surveyKeys.mine, queryFn: () => api<typeof MySurveys>('GET', '/api/surveys/mine') });

export const useSurveyResults = (filter: { schoolYear: string; schoolId: string }) =>
  useQuery({
    queryKey: [...surveyKeys.results, filter],
    queryFn: () => {
      const search = new URLSearchParams();
      if (filter.schoolYear) search.set('schoolYear', filter.schoolYear);
      if (filter.schoolId) search.set('schoolId', filter.schoolId);
      return api<typeof SurveyResultsView>('GET', `/api/surveys/results${search.size ? `?${search}` : ''}`);
    },
    placeholderData: keepPreviousData,
  });

export const answerSurvey = (invitationId: string, body: unknown) =>
  api<typeof SurveyAnswered>('POST', `/api/surveys/${encodeURIComponent(invitationId)}/answer`, body);

export const surveyPage = (invitationId: string) => `/surveys/${encodeURIComponent(invitationId)}`;
