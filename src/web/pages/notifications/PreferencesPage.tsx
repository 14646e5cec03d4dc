// How one hears of each kind of notification by e-mail (/settings/notifications): at once, in one
// e-mail a day, or not; the inbox always has them. One group of three choices per kind, saved
// together; a kind not chosen says it follows the default.
import {
  Button,
  Fieldset,
  FieldsetLegend,
  FormLabel,
  Heading,
  Paragraph,
  RadioButton,
} from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { type EmailChoice, emailChoices, type NotificationKind } from '../../../domain/notifications.ts';
import { type Feedback, FeedbackMessage } from '../../components/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { Loaded } from '../admin/frames.tsx';
import { usePreferences, useSavePreferences } from './data.ts';
import './notifications.css';

function PreferencesForm({
  initial,
}: {
  initial: { kind: NotificationKind; email: EmailChoice; isDefault: boolean }[];
}) {
  const { t } = useI18n();
  const save = useSavePreferences();
  const [choices, setChoices] = useState(() => new Map(initial.map((p) => [p.kind, p.email])));
  const [feedback, setFeedback] = useState<Feedback>(null);

  function submit(event: FormEvent) {
    event.preventDefault();
    const preferences = initial.map((p) => ({ kind: p.kind, email: choices.get(p.kind)! }));
    save.mutate(
      { preferences },
      {
        onSuccess: () => setFeedback({ ok: true, text: t('notif.prefs.saved') }),
        onError: () => setFeedback({ ok: false, text: t('notif.prefs.failed') }),
      },
    );
  }

  return (
    <form className="passend-preferences" onSubmit={submit} noValidate>
      {initial.map((preference) => (
        <Fieldset key={preference.kind}>
          <FieldsetLegend>
            {t(`notif.prefs.kind.${preference.kind}`)}
            {preference.isDefault ? ` ${t('notif.prefs.default')}` : ''}
          </FieldsetLegend>
          <div className="passend-preferences__choices">
            {emailChoices.map((choice) => {
              const id = `pref-${preference.kind}-${choice}`;
              return (
                <span key={choice} className="passend-preferences__choice">
                  <RadioButton
                    id={id}
                    name={`pref-${preference.kind}`}
                    value={choice}
                    checked={choices.get(preference.kind) === choice}
                    onChange={() => setChoices(new Map(choices).set(preference.kind, choice))}
                  />
                  <FormLabel htmlFor={id} type="radio">
                    {t(`notif.prefs.${choice}`)}
                  </FormLabel>
                </span>
              );
            })}
          </div>
        </Fieldset>
      ))}
      <FeedbackMessage feedback={feedback} />
      <Button type="submit" appearance="primary-action-button" disabled={save.isPending}>
        {t('notif.prefs.save')}
      </Button>
    </form>
  );
}

export default function PreferencesPage() {
  const { t } = useI18n();
  const preferences = usePreferences();
  return (
    <>
      <Heading level={1}>{t('notif.prefs.title')}</Heading>
      <Paragraph>{t('notif.prefs.intro')}</Paragraph>
      <Loaded queries={[preferences]}>
        {() => <PreferencesForm initial={preferences.data!.preferences} />}
      </Loaded>
    </>
  );
}
