// The advices on a request: who advised, with what expertise, when and what; and the form for an
// SWV expert who may advise now. A TLV rests on two, one of an orthopedagoog or psycholoog. Who may
// not read an advice's text (docs/SECURITY.md C6: a director, a partner) reads who advised, and that
// the text stays with the IB'er and the SWV.
import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { AdviceBody } from '../../../contracts/requests.ts';
import { adviceExpertises } from '../../../domain/requestTypes.ts';
import {
  ErrorSummary,
  errorsFromResponse,
  type Feedback,
  SelectField,
  TextAreaField,
  useFormSubmit,
  useFormToggle,
} from '../../components/forms.tsx';
import { EmptyState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { type Request, requestErrors, useRequestChange } from './data.ts';
import { OpenFormButton, Part } from './parts.tsx';

type Props = { request: Request; onDone: (feedback: Feedback) => void };

export function Advices({ request, onDone }: Props) {
  const { t, formatDate } = useI18n();
  const needsTwo = request.type.required.includes('two_expert_advices');
  if (request.advices.length === 0 && !request.permissions.advise && !needsTwo) return null;
  return (
    <Part id="request-advices" title={t('requests.advices.title')}>
      {needsTwo && <Paragraph>{t('requests.advices.needsTwo')}</Paragraph>}
      {request.advices.length === 0 ? (
        <EmptyState>{t('requests.advices.empty')}</EmptyState>
      ) : (
        request.advices.map((advice) => (
          <article key={advice.id} aria-labelledby={`advice-${advice.id}`} className="passend-request-record">
            <Heading level={3} id={`advice-${advice.id}`}>
              {t('requests.advices.by', {
                name: advice.adviserName,
                expertise: t(`request.expertise.${advice.expertise}`),
              })}
            </Heading>
            <Paragraph className="passend-request-meta">{formatDate(advice.at)}</Paragraph>
            {advice.advice === null ? (
              <Paragraph>{t('requests.advices.withheld')}</Paragraph>
            ) : (
              <Paragraph className="passend-request-note">{advice.advice}</Paragraph>
            )}
          </article>
        ))
      )}
      {request.permissions.advise && <NewAdvice request={request} onDone={onDone} />}
    </Part>
  );
}

function NewAdvice({ request, onDone }: Props) {
  const { t } = useI18n();
  const change = useRequestChange();
  const { isOpen, setOpen, openButton } = useFormToggle('expertise');
  const [expertise, setExpertise] = useState('');
  const [advice, setAdvice] = useState('');
  const { errors, busy, submit } = useFormSubmit({
    messages: { expertise: 'requests.error.expertise', advice: 'requests.error.advice' },
    errorsOf: (caught) => requestErrors(caught, () => errorsFromResponse(caught)),
  });
  if (!isOpen)
    return (
      <OpenFormButton
        buttonRef={openButton}
        onOpen={() => {
          onDone(null);
          setOpen(true);
        }}
      >
        {t('requests.advices.add')}
      </OpenFormButton>
    );
  const save = (event: FormEvent) => {
    event.preventDefault();
    void submit(AdviceBody, { expertise: expertise || undefined, advice }, async (body) => {
      await change('POST', request, '/advices', body);
      setExpertise('');
      setAdvice('');
      setOpen(false);
      onDone({ ok: true, text: t('requests.done.advice') });
    });
  };
  return (
    <form
      className="passend-form passend-request-form"
      noValidate
      onSubmit={save}
      aria-label={t('requests.advices.add')}
    >
      <ErrorSummary errors={errors} />
      <SelectField
        path="expertise"
        label={t('requests.advices.expertise')}
        description={t('requests.advices.expertiseHint')}
        placeholder={t('requests.choose')}
        value={expertise}
        options={adviceExpertises.map((value) => ({ value, label: t(`request.expertise.${value}`) }))}
        error={errors?.expertise}
        onChange={setExpertise}
      />
      <TextAreaField
        path="advice"
        label={t('requests.advices.advice')}
        rows={6}
        value={advice}
        error={errors?.advice}
        onChange={setAdvice}
      />
      <div className="passend-student-actions">
        <Button type="submit" appearance="primary-action-button" disabled={busy}>
          {t('requests.advices.submit')}
        </Button>
        <Button appearance="secondary-action-button" onClick={() => setOpen(false)}>
          {t('admin.cancel')}
        </Button>
      </div>
    </form>
  );
}
