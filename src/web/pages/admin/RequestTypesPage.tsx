// The SWV's catalogue of request types (/admin/request-types) and one type's form
// (/admin/request-types/:typeId): its name, the items a complete request needs, its own deadline
// or the SWV's, who decides (a TLV always the committee) and whether schools can ask for it.
// PATCH /api/request-types/:typeId; the server checks every rule again.
import { useQueryClient } from '@tanstack/react-query';
import {
  Fieldset,
  FieldsetLegend,
  FormField,
  FormLabel,
  Heading,
  Paragraph,
  RadioButton,
} from '@utrecht/component-library-react';
import type { ChangeEvent } from 'react';
import type { z } from 'zod';
import { RequestTypeView, UpdateRequestTypeBody } from '../../../contracts/requests.ts';
import { deciders, requiredItems } from '../../../domain/requestTypes.ts';
import { api } from '../../app/api.ts';
import { Link } from '../../app/router.tsx';
import { DataTable } from '../../components/DataTable.tsx';
import {
  AdminForm,
  CheckboxField,
  ChoiceList,
  fieldId,
  TextField,
  useAdminForm,
} from '../../components/forms.tsx';
import { EmptyState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';
import { useRequestTypes, workKeys } from '../requests/queue.ts';
import { type Swv, useSwv } from './data.ts';
import { BackLink, Loaded } from './frames.tsx';
import './admin.css';
import '../requests/work.css';

type RequestType = z.infer<typeof RequestTypeView>;

/** The SWV's own period for a type: the crisis period for a crisis placement, else the ordinary. */
const swvDaysOf = (type: RequestType, swv: Swv) =>
  type.crisis ? swv.crisisWorkingDays : swv.decisionWorkingDays;

export default function RequestTypesPage({ params }: { params: Record<string, string> }) {
  const types = useRequestTypes();
  const swv = useSwv();
  const typeId = params.typeId;
  return (
    <Loaded queries={[types, swv]}>
      {() =>
        types.data &&
        swv.data &&
        (typeId === undefined ? (
          <TypeList types={types.data.types} swv={swv.data} />
        ) : (
          <TypePage type={types.data.types.find((type) => type.id === typeId)} swv={swv.data} />
        ))
      }
    </Loaded>
  );
}

function useDays() {
  const { t } = useI18n();
  return (type: RequestType, swv: Swv) => {
    if (type.deadlineDays !== null)
      return type.deadlineDays === 1
        ? t('work.types.daysOne')
        : t('work.types.days', { days: type.deadlineDays });
    const days = swvDaysOf(type, swv);
    return days === 1 ? t('work.types.daysSwvOne') : t('work.types.daysSwv', { days });
  };
}

function TypeList({ types, swv }: { types: readonly RequestType[]; swv: Swv }) {
  const { t } = useI18n();
  const days = useDays();
  return (
    <>
      <Heading level={1}>{t('work.types.title')}</Heading>
      <Paragraph>{t('work.types.intro')}</Paragraph>
      <DataTable
        caption={t('work.types.caption')}
        columns={[
          {
            header: t('work.types.col.name'),
            cell: (type) => (
              <Link
                href={`/admin/request-types/${encodeURIComponent(type.id)}`}
                className="utrecht-link utrecht-link--html-a"
                aria-label={t('work.types.edit', { name: type.name })}
              >
                {type.name}
              </Link>
            ),
          },
          {
            header: t('work.types.col.required'),
            cell: (type) =>
              type.required.length === 0 ? (
                t('work.types.requiredNone')
              ) : (
                <ul className="passend-work-items">
                  {type.required.map((item) => (
                    <li key={item}>{t(`request.item.${item}`)}</li>
                  ))}
                </ul>
              ),
          },
          { header: t('work.types.col.deadline'), cell: (type) => days(type, swv) },
          {
            header: t('work.types.col.decidedBy'),
            cell: (type) => t(`work.types.decidedBy.${type.decidedBy}`),
          },
          {
            header: t('work.types.col.active'),
            cell: (type) => t(type.active ? 'work.types.active.yes' : 'work.types.active.no'),
          },
        ]}
        rows={types}
        rowKey={(type) => type.id}
      />
    </>
  );
}

function TypePage({ type, swv }: { type: RequestType | undefined; swv: Swv }) {
  const { t } = useI18n();
  return (
    <>
      <BackLink href="/admin/request-types" label={t('work.types.back')} />
      {type ? (
        <TypeForm type={type} swv={swv} />
      ) : (
        <>
          <Heading level={1}>{t('work.types.notFoundTitle')}</Heading>
          <EmptyState>{t('work.types.notFound')}</EmptyState>
        </>
      )}
    </>
  );
}

function TypeForm({ type, swv }: { type: RequestType; swv: Swv }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const form = useAdminForm({
    response: RequestTypeView,
    initial: {
      name: type.name,
      required: [...type.required] as string[],
      ownDeadline: type.deadlineDays !== null,
      deadlineDays: type.deadlineDays === null ? '' : String(type.deadlineDays),
      decidedBy: type.decidedBy as string,
      active: type.active,
    },
    messages: { deadlineDays: 'work.types.error.deadlineDays' },
    onSaved: () => client.invalidateQueries({ queryKey: workKeys.types }),
  });
  const { values } = form;
  const save = () =>
    form.submit(
      UpdateRequestTypeBody,
      {
        name: values.name,
        required: values.required,
        deadlineDays: values.ownDeadline
          ? values.deadlineDays.trim() === ''
            ? undefined
            : Number(values.deadlineDays)
          : null,
        // A TLV is always the committee's: the form does not offer to change it.
        ...(type.isTlv ? {} : { decidedBy: values.decidedBy }),
        active: values.active,
      },
      (body) =>
        api<typeof RequestTypeView>('PATCH', `/api/request-types/${encodeURIComponent(type.id)}`, body),
    );
  const deadline = form.field('deadlineDays');
  const ownDeadline = form.field('ownDeadline');
  const decidedBy = form.field('decidedBy');
  return (
    <AdminForm
      form={form}
      title={t('work.types.edit', { name: type.name })}
      status={form.saved ? t('work.types.saved', { name: form.saved.name }) : ''}
      submitLabel={t('work.types.save')}
      onSubmit={save}
    >
      <TextField label={t('work.types.name')} autoComplete="off" {...form.field('name')} />
      <ChoiceList
        legend={t('work.types.required')}
        choices={requiredItems.map((item) => ({ id: item, label: t(`request.item.${item}`) }))}
        empty=""
        {...form.field('required')}
      />
      <Fieldset>
        <FieldsetLegend>{t('work.types.deadline')}</FieldsetLegend>
        <Radio
          path="deadline-swv"
          name="deadline"
          label={t('work.types.deadline.swv', { days: swvDaysOf(type, swv) })}
          checked={!ownDeadline.value}
          onChange={() => ownDeadline.onChange(false)}
        />
        <Radio
          path="deadline-own"
          name="deadline"
          label={t('work.types.deadline.own')}
          checked={ownDeadline.value}
          onChange={() => ownDeadline.onChange(true)}
        />
        {ownDeadline.value && (
          <TextField
            label={t('work.types.deadlineDays')}
            description={t('work.types.deadlineDaysHint')}
            inputMode="numeric"
            autoComplete="off"
            size={4}
            {...deadline}
          />
        )}
      </Fieldset>
      <Fieldset>
        <FieldsetLegend>{t('work.types.decidedBy')}</FieldsetLegend>
        {type.isTlv ? (
          <Paragraph>{t('work.types.decidedByTlv')}</Paragraph>
        ) : (
          <>
            <Paragraph>{t('work.types.decidedByHint')}</Paragraph>
            {deciders.map((decider, index) => (
              <Radio
                key={decider}
                // The first choice is where the error summary's link for the question goes.
                path={index === 0 ? 'decidedBy' : `decidedBy-${decider}`}
                name="decidedBy"
                label={t(`work.types.decidedBy.${decider}`)}
                checked={decidedBy.value === decider}
                onChange={() => decidedBy.onChange(decider)}
              />
            ))}
          </>
        )}
      </Fieldset>
      <CheckboxField label={t('work.types.active')} {...form.field('active')} />
    </AdminForm>
  );
}

function Radio({
  path,
  name,
  label,
  checked,
  onChange,
}: {
  path: string;
  name: string;
  label: string;
  checked: boolean;
  onChange: () => void;
}) {
  const id = fieldId(path);
  return (
    <FormField type="radio">
      <RadioButton
        id={id}
        name={name}
        checked={checked}
        onChange={(event: ChangeEvent<HTMLInputElement>) => event.target.checked && onChange()}
      />
      <FormLabel htmlFor={id} type="radio">
        {label}
      </FormLabel>
    </FormField>
  );
}
