// Who at the SWV handles the request: chosen from the consultants and committee members the server
// offers (`assignable`), or nobody yet.
import { Button } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { type Feedback, SelectField } from '../../components/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { type Request, refusalOf, useRequestChange } from './data.ts';
import { Part } from './parts.tsx';

/** The select's value for "nobody". */
const nobody = '';

export function Assignment({ request, onDone }: { request: Request; onDone: (feedback: Feedback) => void }) {
  const { t } = useI18n();
  const change = useRequestChange();
  const [userId, setUserId] = useState(request.assignedTo?.id ?? nobody);
  const [busy, setBusy] = useState(false);
  if (!request.permissions.assign) return null;
  const save = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const saved = await change('PUT', request, '/assignee', { userId: userId || null });
      onDone({
        ok: true,
        text: saved.assignedTo
          ? t('requests.done.assign', { name: saved.assignedTo.name })
          : t('requests.done.unassign'),
      });
    } catch (caught) {
      onDone({ ok: false, text: t(refusalOf(caught)) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Part id="request-assignment" title={t('requests.assign.title')}>
      <form
        className="passend-form"
        noValidate
        onSubmit={(event) => void save(event)}
        aria-label={t('requests.assign.title')}
      >
        <SelectField
          path="assignee"
          label={t('requests.assign.label')}
          placeholder={t('requests.assign.nobody')}
          value={userId}
          options={request.assignable.map((person) => ({ value: person.id, label: person.name }))}
          onChange={setUserId}
        />
        <Button type="submit" appearance="secondary-action-button" disabled={busy}>
          {t('requests.assign.submit')}
        </Button>
      </form>
    </Part>
  );
}
