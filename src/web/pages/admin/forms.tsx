// Form pieces of the admin pages alone: the form of a record in one of the admin lists, and the
// choice of schools. The general pieces live in components/forms.tsx.

import { useQueryClient } from '@tanstack/react-query';
import { Heading } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import type { z } from 'zod';
import { api } from '../../app/api.ts';
import { Link } from '../../app/router.tsx';
import {
  AdminForm,
  type AdminFormState,
  ChoiceList,
  type ResponseErrorOptions,
  StatusMessage,
  useAdminForm,
} from '../../components/forms.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/nl.ts';
import { listHrefs, type RecordKind, type School, schoolChoices } from './data.ts';

/**
 * A form that adds a record (POST to the collection) or edits one (PATCH to `collection/id`),
 * checked with the contract's create or update schema; the list is read again after a save.
 */
export function useRecordForm<
  Response extends z.ZodType<{ id: string }>,
  Values extends Record<string, unknown>,
>(
  options: ResponseErrorOptions & {
    response: Response;
    initial: Values;
    record: { id: string } | null;
    collection: string;
    create: z.ZodType;
    update: z.ZodType;
    list: readonly string[];
  },
) {
  const client = useQueryClient();
  const form = useAdminForm({
    ...options,
    onSaved: () => client.invalidateQueries({ queryKey: options.list }),
  });
  const { record, collection } = options;
  /** `createOnly`: fields that are given once, when the record is made. */
  const save = (input: Record<string, unknown>, createOnly: Record<string, unknown> = {}) =>
    record
      ? form.submit(options.update, input, (body) =>
          api<Response>('PATCH', `${collection}/${record.id}`, body),
        )
      : form.submit(options.create, { ...input, ...createOnly }, (body) =>
          api<Response>('POST', collection, body),
        );
  return { ...form, save };
}

/**
 * The frame of a record's form: "new …" or the record's name above the fields; once a new record
 * is made, what was made and the way to its page. Texts: `admin.<kind>New.title`,
 * `admin.<kind>New.submit` and `admin.<kind>.created`.
 */
export function RecordForm({
  form,
  kind,
  name,
  onSubmit,
  children,
}: {
  form: AdminFormState & { saved: { id: string; name: string } | null };
  kind: Exclude<RecordKind, 'user'>;
  /** The name of the record being edited; none for a new one. */
  name: string | undefined;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const { saved } = form;
  if (saved && name === undefined) {
    return (
      <>
        <Heading level={1}>{t(`admin.${kind}New.title`)}</Heading>
        <StatusMessage>{t(`admin.${kind}.created`, { name: saved.name })}</StatusMessage>
        <div className="passend-admin-actions">
          <Link href={`${listHrefs[kind]}/${saved.id}`} className="utrecht-link">
            {t('admin.view', { name: saved.name })}
          </Link>
        </div>
      </>
    );
  }
  return (
    <AdminForm
      form={form}
      title={name ?? t(`admin.${kind}New.title`)}
      status={saved ? t('admin.saved') : ''}
      submitLabel={name === undefined ? t(`admin.${kind}New.submit`) : t('admin.save')}
      onSubmit={onSubmit}
    >
      {children}
    </AdminForm>
  );
}

/** The schools a team or partner organisation works at, as a filterable list of checkboxes. */
export function SchoolsChoice({
  path,
  legend,
  schools,
  value,
  onChange,
  error,
}: {
  path: string;
  legend: string;
  schools: readonly School[];
  value: readonly string[];
  onChange: (chosen: string[]) => void;
  error?: MessageKey | undefined;
}) {
  const { t } = useI18n();
  return (
    <ChoiceList
      path={path}
      legend={legend}
      choices={schoolChoices(schools)}
      value={value}
      onChange={onChange}
      error={error}
      filterLabel={t('admin.team.filterSchools')}
      empty={t('admin.team.noSchoolsYet')}
    />
  );
}
