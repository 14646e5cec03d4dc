// One survey's form: the five fixed questions on a 1–5 scale, each a group of radio buttons with
// the question as its legend (arrow keys move within it; "skip" is chosen until a score is), and
// an open answer. Sent once (POST /api/surveys/:invitationId/answer); then a thank-you.

import { useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Fieldset,
  FieldsetLegend,
  FormField,
  FormLabel,
  Heading,
  Paragraph,
  RadioButton,
} from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { SurveyAnswerBody } from '../../../contracts/surveys.ts';
import { type SurveyQuestion, surveyQuestions } from '../../../domain/surveys.ts';
import { ApiError } from '../../app/api.ts';
import { Link } from '../../app/router.tsx';
import {
  ErrorSummary,
  errorsFromResponse,
  fieldId,
  StatusMessage,
  TextAreaField,
  useFormSubmit,
} from '../../components/forms.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/nl.ts';
import { aboutOf } from './about.ts';
import { answerSurvey, type Invitation, surveyKeys, useMySurveys } from './data.ts';
import './surveys.css';

const scores = [1, 2, 3, 4, 5] as const;
type Scores = Record<SurveyQuestion, number | null>;
const messages: Record<string, MessageKey> = Object.fromEntries([
  ['openAnswer', 'survey.error.openAnswer'],
  ...surveyQuestions.map((q) => [`scores.${q}`, 'survey.error.score']),
]);

function ScoreQuestion({
  question,
  value,
  onChange,
}: {
  question: SurveyQuestion;
  value: number | null;
  onChange: (score: number | null) => void;
}) {
  const { t } = useI18n();
  const id = fieldId(`scores.${question}`);
  const options: ((typeof scores)[number] | null)[] = [...scores, null];
  return (
    <Fieldset className="passend-survey-question">
      <FieldsetLegend>{t(`survey.form.question.${question}`)}</FieldsetLegend>
      <div className="passend-survey-scale">
        {options.map((score) => {
          const optionId = score === null ? `${id}-skip` : score === 1 ? id : `${id}-${score}`;
          return (
            <FormField type="radio" key={String(score)}>
              <RadioButton
                id={optionId}
                name={question}
                checked={value === score}
                onChange={() => onChange(score)}
              />
              <FormLabel htmlFor={optionId} type="radio">
                {score === null ? t('survey.form.skip') : t(`survey.form.score.${score}`)}
              </FormLabel>
            </FormField>
          );
        })}
      </div>
    </Fieldset>
  );
}

function SurveyForm({ invitation }: { invitation: Invitation }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [values, setValues] = useState<Scores>(
    Object.fromEntries(surveyQuestions.map((q) => [q, null])) as Scores,
  );
  const [openAnswer, setOpenAnswer] = useState('');
  const [sent, setSent] = useState(false);
  const { errors, busy, submit } = useFormSubmit({
    messages,
    errorsOf: (caught) =>
      caught instanceof ApiError && caught.code === 'rule_violated'
        ? { '': 'survey.error.answered' }
        : errorsFromResponse(caught, { messages }),
  });
  const about = aboutOf(t, invitation);

  if (sent) {
    return (
      <>
        <Heading level={1}>{t('survey.form.title', { about })}</Heading>
        <StatusMessage>{t('survey.form.thanks')}</StatusMessage>
        <Paragraph>
          <Link href="/surveys" className="utrecht-link utrecht-link--html-a">
            {t('survey.form.back')}
          </Link>
        </Paragraph>
      </>
    );
  }

  const save = (event: FormEvent) => {
    event.preventDefault();
    void submit(SurveyAnswerBody, { scores: values, openAnswer }, async (body) => {
      await answerSurvey(invitation.id, body);
      setSent(true);
      // The list no longer holds it; the page's thank-you stays until the user moves on.
      void client.invalidateQueries({ queryKey: surveyKeys.mine });
    });
  };

  return (
    <form className="passend-form passend-survey-form" noValidate onSubmit={save}>
      <Heading level={1}>{t('survey.form.title', { about })}</Heading>
      <Paragraph>{t('survey.form.scale')}</Paragraph>
      <ErrorSummary errors={errors} />
      {surveyQuestions.map((question) => (
        <ScoreQuestion
          key={question}
          question={question}
          value={values[question]}
          onChange={(score) => setValues((current) => ({ ...current, [question]: score }))}
        />
      ))}
      <TextAreaField
        path="openAnswer"
        label={t('survey.form.open')}
        description={t('survey.form.openHint')}
        value={openAnswer}
        onChange={setOpenAnswer}
        error={errors?.openAnswer}
      />
      <div className="passend-admin-actions">
        <Button type="submit" appearance="primary-action-button" disabled={busy}>
          {busy ? t('survey.form.sending') : t('survey.form.submit')}
        </Button>
      </div>
    </form>
  );
}

export default function SurveyPage({ params }: { params: Record<string, string> }) {
  const { t } = useI18n();
  const mine = useMySurveys();
  // Kept once found: after the answer the list no longer holds it, and the thank-you must stay.
  const [invitation, setInvitation] = useState<Invitation | null>(null);
  const found = invitation ?? mine.data?.surveys.find((s) => s.id === params.invitationId) ?? null;
  if (found && !invitation) setInvitation(found);
  if (mine.isPending && !found) return <LoadingState />;
  if (mine.isError && !found) return <ErrorState onRetry={() => void mine.refetch()} />;
  if (!found) {
    return (
      <>
        <Heading level={1}>{t('survey.mine.title')}</Heading>
        <Paragraph>{t('survey.form.notFound')}</Paragraph>
        <Paragraph>
          <Link href="/surveys" className="utrecht-link utrecht-link--html-a">
            {t('survey.form.back')}
          </Link>
        </Paragraph>
      </>
    );
  }
  return <SurveyForm invitation={found} />;
}
