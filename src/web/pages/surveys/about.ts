// What a survey is about, in words: the request's type, the child's first name and its number.
import type { useI18n } from '../../i18n/index.tsx';
import type { Invitation } from './data.ts';

export function aboutOf(t: ReturnType<typeof useI18n>['t'], invitation: Invitation): string {
  const values = { type: invitation.requestTypeName, number: invitation.requestNumber };
  return invitation.firstName
    ? t('survey.mine.about', { ...values, name: invitation.firstName })
    : t('survey.mine.aboutTeam', values);
}
