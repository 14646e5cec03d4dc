// The delivery log of a granted arrangement: hours delivered against hours granted, each session
// with its date, who delivered it and how the goals go; and the form for who may record one.
import { Button, Paragraph } from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import { DeliveryBody } from '../../../contracts/requests.ts';
import { amsterdamToday } from '../../../domain/calendar.ts';
import { DataTable } from '../../components/DataTable.tsx';
import {
  ErrorSummary,
  errorsFromResponse,
  type Feedback,
  TextAreaField,
  TextField,
  useFormSubmit,
  useFormToggle,
} from '../../components/forms.tsx';
import { EmptyState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { hoursOf } from './Decision.tsx';
import { type Request, requestErrors, useRequestChange } from './data.ts';
import { OpenFormButton, Part } from './parts.tsx';

type Props = { request: Request; onDone: (feedback: Feedback) => void };

export function Deliveries({ request, onDone }: Props) {
  const { t, formatDate, formatNumber } = useI18n();
  const granted = request.decision?.hoursGranted ?? null;
  if (request.deliveries.length === 0 && !request.permissions.recordDelivery) return null;
  return (
    <Part id="request-deliveries" title={t('requests.deliveries.title')}>
      <Paragraph>
        <strong>
          {granted === null
            ? t('requests.deliveries.total', { hours: formatNumber(request.hoursDelivered) })
            : t('requests.deliveries.against', {
                hours: formatNumber(request.hoursDelivered),
                granted: formatNumber(granted),
              })}
        </strong>
      </Paragraph>
      {request.deliveries.length === 0 ? (
        <EmptyState>{t('requests.deliveries.empty')}</EmptyState>
      ) : (
        <DataTable
          caption={t('requests.deliveries.caption')}
          rows={request.deliveries}
          rowKey={(row) => row.id}
          columns={[
            { header: t('requests.deliveries.on'), cell: (row) => formatDate(row.deliveredOn) },
            { header: t('requests.deliveries.hours'), numeric: true, cell: (row) => formatNumber(row.hours) },
            { header: t('requests.deliveries.by'), cell: (row) => row.deliveredBy },
            { header: t('requests.deliveries.progress'), cell: (row) => row.progress || '—' },
            { header: t('requests.deliveries.recordedBy'), cell: (row) => row.recordedByName },
          ]}
        />
      )}
      {request.permissions.recordDelivery && <NewDelivery request={request} onDone={onDone} />}
    </Part>
  );
}

function NewDelivery({ request, onDone }: Props) {
  const { t } = useI18n();
  const change = useRequestChange();
  const { isOpen, setOpen, openButton } = useFormToggle('deliveredOn');
  const initial = () => ({
    deliveredOn: amsterdamToday(new Date()),
    hours: '',
    deliveredBy: '',
    progress: '',
  });
  const [values, setValues] = useState(initial);
  const set = (key: keyof ReturnType<typeof initial>) => (value: string) =>
    setValues((current) => ({ ...current, [key]: value }));
  const { errors, busy, submit } = useFormSubmit({
    messages: {
      deliveredOn: 'requests.error.deliveredOn',
      hours: 'requests.error.deliveryHours',
      deliveredBy: 'requests.error.deliveredBy',
    },
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
        {t('requests.deliveries.add')}
      </OpenFormButton>
    );
  const save = (event: FormEvent) => {
    event.preventDefault();
    const input = { ...values, hours: hoursOf(values.hours) ?? undefined };
    void submit(DeliveryBody, input, async (body) => {
      await change('POST', request, '/deliveries', body);
      setValues(initial());
      setOpen(false);
      onDone({ ok: true, text: t('requests.done.delivery') });
    });
  };
  return (
    <form
      className="passend-form passend-request-form"
      noValidate
      onSubmit={save}
      aria-label={t('requests.deliveries.add')}
    >
      <ErrorSummary errors={errors} />
      <TextField
        path="deliveredOn"
        type="date"
        label={t('requests.deliveries.on')}
        value={values.deliveredOn}
        error={errors?.deliveredOn}
        onChange={set('deliveredOn')}
      />
      <TextField
        path="hours"
        inputMode="decimal"
        autoComplete="off"
        label={t('requests.deliveries.hours')}
        description={t('requests.deliveries.hoursHint')}
        value={values.hours}
        error={errors?.hours}
        onChange={set('hours')}
      />
      <TextField
        path="deliveredBy"
        autoComplete="off"
        label={t('requests.deliveries.by')}
        description={t('requests.deliveries.byHint')}
        value={values.deliveredBy}
        error={errors?.deliveredBy}
        onChange={set('deliveredBy')}
      />
      <TextAreaField
        path="progress"
        label={t('requests.deliveries.progress')}
        description={t('requests.deliveries.progressHint')}
        value={values.progress}
        error={errors?.progress}
        onChange={set('progress')}
      />
      <div className="passend-student-actions">
        <Button type="submit" appearance="primary-action-button" disabled={busy}>
          {t('requests.deliveries.submit')}
        </Button>
        <Button appearance="secondary-action-button" onClick={() => setOpen(false)}>
          {t('admin.cancel')}
        </Button>
      </div>
    </form>
  );
}
