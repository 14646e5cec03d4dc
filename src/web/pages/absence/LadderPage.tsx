// The escalation ladder (/admin/absence-ladder), the SWV administrator's: per threshold (4 weeks,
// 3 and 6 months) who is added to a child's case, for the whole SWV or for one municipality, whose
// own ladder then replaces the SWV's (docs/domain.md, "Children at home").
import { Heading, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { AbsenceLadderBody } from '../../../contracts/absence.ts';
import { absenceThresholds } from '../../../domain/absence.ts';
import {
  CheckboxField,
  errorsFromResponse,
  type Feedback,
  FeedbackMessage,
  SelectField,
  useFormSubmit,
} from '../../components/forms.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { RegisterForm } from '../objections/Register.tsx';
import { absenceErrors, useAbsenceChange, useAbsenceLadder } from './data.ts';
import '../requests/requests.css';
import './absence.css';

export default function LadderPage() {
  const { t } = useI18n();
  const ladder = useAbsenceLadder();
  const [municipality, setMunicipality] = useState('');
  if (ladder.isPending) return <LoadingState />;
  if (ladder.isError) return <ErrorState onRetry={() => void ladder.refetch()} />;
  return (
    <>
      <Heading level={1}>{t('abs.ladder.title')}</Heading>
      <Paragraph>{t('abs.ladder.intro')}</Paragraph>
      <SelectField
        path="ladderMunicipality"
        label={t('abs.ladder.for')}
        placeholder={t('abs.ladder.wholeSwv')}
        value={municipality}
        options={ladder.data.municipalities.map((m) => ({ value: m, label: m }))}
        onChange={setMunicipality}
      />
      <LadderForm key={municipality} municipality={municipality} data={ladder.data} />
    </>
  );
}

type Ladder = NonNullable<ReturnType<typeof useAbsenceLadder>['data']>;

function LadderForm({ municipality, data }: { municipality: string; data: Ladder }) {
  const { t } = useI18n();
  const change = useAbsenceChange();
  const [feedback, setFeedback] = useState<Feedback>(null);
  const initial = new Set(
    data.rungs.filter((r) => r.municipality === municipality).map((r) => `${r.threshold}|${r.userId}`),
  );
  const [chosen, setChosen] = useState(initial);
  const { errors, busy, submit } = useFormSubmit({
    errorsOf: (caught) => absenceErrors(caught, () => errorsFromResponse(caught)),
  });
  const save = () =>
    void submit(
      AbsenceLadderBody,
      {
        municipality,
        rungs: [...chosen].map((key) => {
          const [threshold, userId] = key.split('|');
          return { threshold, userId };
        }),
      },
      async (body) => {
        await change('PUT', '/api/absence/ladder', body);
        setFeedback({ ok: true, text: t('abs.ladder.saved') });
      },
    );
  return (
    <>
      <FeedbackMessage feedback={feedback} />
      <RegisterForm
        title={municipality ? t('abs.ladder.ofMunicipality', { municipality }) : t('abs.ladder.ofSwv')}
        errors={errors}
        busy={busy}
        submitLabel={t('abs.save')}
        onSubmit={save}
      >
        {absenceThresholds.map((threshold) => (
          <fieldset key={threshold} className="passend-absence-rung">
            <legend>{t('abs.ladder.at', { threshold: t(`abs.threshold.${threshold}`) })}</legend>
            {data.candidates.map((person) => {
              const key = `${threshold}|${person.id}`;
              return (
                <CheckboxField
                  key={key}
                  path={`rung-${threshold}-${person.id}`}
                  label={person.name}
                  value={chosen.has(key)}
                  onChange={(on) =>
                    setChosen((current) => {
                      const next = new Set(current);
                      if (on) next.add(key);
                      else next.delete(key);
                      return next;
                    })
                  }
                />
              );
            })}
          </fieldset>
        ))}
      </RegisterForm>
    </>
  );
}
