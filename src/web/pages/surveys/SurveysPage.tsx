// The parent's open surveys ("Wat vond u van de hulp?"): one link per survey to its form. Also the
// home's panel for parents, which says how many wait.
import { Heading, Paragraph } from '@utrecht/component-library-react';
import { useId } from 'react';
import { Link } from '../../app/router.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { aboutOf } from './about.ts';
import { type Invitation, surveyPage, useMySurveys } from './data.ts';
import './surveys.css';

function SurveyList({ surveys }: { surveys: Invitation[] }) {
  const { t, formatDate } = useI18n();
  return (
    <ul className="passend-survey-list">
      {surveys.map((survey) => (
        <li key={survey.id}>
          <Link href={surveyPage(survey.id)} className="utrecht-link utrecht-link--html-a">
            {t('survey.mine.link', { about: aboutOf(t, survey) })}
          </Link>
          <br />
          <span className="passend-survey-meta">
            {t('survey.mine.invited', {
              date: formatDate(survey.invitedAt),
              occasion: t(`survey.occasion.${survey.occasion}`),
            })}
          </span>
        </li>
      ))}
    </ul>
  );
}

export default function SurveysPage() {
  const { t } = useI18n();
  const mine = useMySurveys();
  return (
    <>
      <Heading level={1}>{t('survey.mine.title')}</Heading>
      <Paragraph>{t('survey.mine.intro')}</Paragraph>
      {mine.isPending ? (
        <LoadingState />
      ) : mine.isError ? (
        <ErrorState onRetry={() => void mine.refetch()} />
      ) : mine.data.surveys.length === 0 ? (
        <EmptyState>{t('survey.mine.empty')}</EmptyState>
      ) : (
        <SurveyList surveys={mine.data.surveys} />
      )}
    </>
  );
}

/** On the parent's home: the open surveys, shown only when some wait. */
export function SurveysPanel() {
  const { t } = useI18n();
  const mine = useMySurveys();
  const headingId = useId();
  const surveys = mine.data?.surveys ?? [];
  if (surveys.length === 0) return null;
  return (
    <section aria-labelledby={headingId} className="passend-home-panel">
      <Heading level={2} id={headingId}>
        {t('survey.mine.title')}
      </Heading>
      <Paragraph>
        {surveys.length === 1 ? t('survey.panel.one') : t('survey.panel.some', { count: surveys.length })}
      </Paragraph>
      <SurveyList surveys={surveys} />
    </section>
  );
}
