// The surveys' aggregates (/surveys/results): per question the average, the number of answers and
// the distribution, with a bar for the average; per school the answers and the overall average (for
// the SWV's staff); the open answers for the SWV's policy staff. Small groups are hidden by the
// server (src/domain/surveys.ts); the page says so where they are.
import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useId, useState } from 'react';
import { navigate, useLocation } from '../../app/router.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import { SelectField } from '../../components/forms.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { type Results, useSurveyResults } from './data.ts';
import './surveys.css';

const yearPattern = /^\d{4}-\d{4}$/;
const idPattern = /^[0-9a-f-]{36}$/;

export default function ResultsPage() {
  const { t } = useI18n();
  const { search } = useLocation();
  const asked = new URLSearchParams(search);
  const filter = {
    schoolYear: yearPattern.test(asked.get('schoolYear') ?? '') ? asked.get('schoolYear')! : '',
    schoolId: idPattern.test(asked.get('schoolId') ?? '') ? asked.get('schoolId')! : '',
  };
  const results = useSurveyResults(filter);
  return (
    <>
      <Heading level={1}>{t('survey.results.title')}</Heading>
      {results.isPending ? (
        <LoadingState />
      ) : results.isError ? (
        <ErrorState onRetry={() => void results.refetch()} />
      ) : (
        <div aria-busy={results.isPlaceholderData}>
          <Paragraph>{t('survey.results.intro', { threshold: results.data.threshold })}</Paragraph>
          <Filter results={results.data} key={`${results.data.schoolYear}-${results.data.schoolId}`} />
          <Figures results={results.data} />
        </div>
      )}
    </>
  );
}

function Filter({ results }: { results: Results }) {
  const { t } = useI18n();
  const [schoolYear, setSchoolYear] = useState(results.schoolYear);
  const [schoolId, setSchoolId] = useState(results.schoolId ?? '');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const search = new URLSearchParams({ schoolYear });
    if (schoolId) search.set('schoolId', schoolId);
    navigate(`/surveys/results?${search}`);
  };
  const { choices } = results;
  return (
    <search>
      <form
        className="passend-work-filter"
        onSubmit={submit}
        noValidate
        aria-label={t('survey.results.filter')}
      >
        <div className="passend-work-filter__fields">
          <SelectField
            path="schoolYear"
            label={t('survey.results.schoolYear')}
            placeholder={results.schoolYear}
            value={schoolYear === results.schoolYear ? '' : schoolYear}
            options={choices.schoolYears
              .filter((year) => year !== results.schoolYear)
              .map((year) => ({ value: year, label: year }))}
            onChange={(value) => setSchoolYear(value || results.schoolYear)}
          />
          {(choices.allSchools || choices.schools.length > 1) && (
            <SelectField
              path="schoolId"
              label={t('survey.results.school')}
              placeholder={t('survey.results.allSchools')}
              value={schoolId}
              options={choices.schools.map((school) => ({ value: school.id, label: school.name }))}
              onChange={setSchoolId}
            />
          )}
          <Button type="submit" appearance="primary-action-button">
            {t('survey.results.show')}
          </Button>
        </div>
      </form>
    </search>
  );
}

function Figures({ results }: { results: Results }) {
  const { t, formatNumber } = useI18n();
  const openId = useId();
  const schoolName = results.choices.schools.find((s) => s.id === results.schoolId)?.name;
  const year = results.schoolYear;
  const number = (value: number | null) =>
    value === null ? t('survey.results.hiddenCell') : formatNumber(value);
  if (results.count === 0) return <Paragraph>{t('survey.results.empty')}</Paragraph>;
  if (results.count === null)
    return <Paragraph className="passend-survey-hidden">{t('survey.results.hidden')}</Paragraph>;
  return (
    <>
      <Paragraph>
        {schoolName ? `${schoolName}: ` : ''}
        {t('survey.results.count', { count: formatNumber(results.count) })}
      </Paragraph>
      <DataTable
        caption={t('survey.results.questionsCaption', { schoolYear: year })}
        columns={[
          { header: t('survey.results.col.question'), cell: (q) => t(`survey.form.question.${q.question}`) },
          {
            header: t('survey.results.col.mean'),
            cell: (q) =>
              q.mean === null ? (
                t('survey.results.hiddenCell')
              ) : (
                <span className="passend-survey-mean">
                  <span className="passend-survey-bar" aria-hidden="true">
                    <span style={{ inlineSize: `${(q.mean / 5) * 100}%` }} />
                  </span>
                  {formatNumber(q.mean)}
                </span>
              ),
          },
          { header: t('survey.results.col.answered'), cell: (q) => number(q.answered), numeric: true },
          {
            header: t('survey.results.col.distribution'),
            cell: (q) =>
              q.distribution === null
                ? t('survey.results.hiddenCell')
                : t('survey.results.distribution', {
                    s1: q.distribution[0]!,
                    s2: q.distribution[1]!,
                    s3: q.distribution[2]!,
                    s4: q.distribution[3]!,
                    s5: q.distribution[4]!,
                  }),
          },
        ]}
        rows={results.questions}
        rowKey={(q) => q.question}
      />
      {results.schools.length > 0 && (
        <DataTable
          caption={t('survey.results.schoolsCaption', { schoolYear: year })}
          columns={[
            { header: t('survey.results.col.school'), cell: (s) => s.name },
            { header: t('survey.results.col.count'), cell: (s) => number(s.count), numeric: true },
            { header: t('survey.results.col.overall'), cell: (s) => number(s.overallMean), numeric: true },
          ]}
          rows={results.schools}
          rowKey={(s) => s.id}
        />
      )}
      {results.openAnswers !== null && (
        <section aria-labelledby={openId}>
          <Heading level={2} id={openId}>
            {t('survey.results.open')}
          </Heading>
          <Paragraph>{t('survey.results.openIntro')}</Paragraph>
          {results.openAnswers.length === 0 ? (
            <Paragraph>{t('survey.results.openEmpty')}</Paragraph>
          ) : (
            <ul className="passend-survey-open">
              {results.openAnswers.map((answer, index) => (
                // Answers may repeat word for word; their place in the sorted list is their key.
                // biome-ignore lint/suspicious/noArrayIndexKey: sorted, never reordered
                <li key={index}>
                  {answer.text}
                  {answer.school && (
                    <span className="passend-survey-meta">
                      {' '}
                      {t('survey.results.openSchool', { school: answer.school })}
                    </span>
                  )}
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}
