// The documents tab: the documents this user may read (the server filters per document), each a
// download link, and for those the policy lets upload (the list says which classifications) a form
// to add one. The size is checked here too, but the server decides: its refusal (type by content,
// too large, macros, a ZIP bomb) is shown in plain language next to the file field. Those who may
// change a document (the list says so per row) correct its title, sharing or classification;
// sharing with the parents asks first.
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Button,
  Checkbox,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading,
} from '@utrecht/component-library-react';
import { type FormEvent, useState } from 'react';
import type { z } from 'zod';
import {
  contentRefusals,
  type DocumentClassification,
  type DocumentList,
  type DocumentListItem,
  type DocumentView,
  documentMediaTypes,
  UpdateDocumentBody,
  UploadDocumentQuery,
} from '../../../../contracts/documents.ts';
import { ApiError, api } from '../../../app/api.ts';
import { DataTable } from '../../../components/DataTable.tsx';
import {
  ConfirmAction,
  ErrorSummary,
  errorsFromResponse,
  type FieldErrors,
  fieldId,
  SelectField,
  StatusMessage,
  TextField,
  validate,
} from '../../../components/forms.tsx';
import { EmptyState, ErrorState, LoadingState } from '../../../components/States.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import type { MessageKey } from '../../../i18n/nl.ts';
import { type Student, studentPath } from '../data.ts';
import type { StudentTabProps } from '../tabProps.ts';
import '../../../components/fileImport.css';

type Documents = z.infer<typeof DocumentList>;
type Document = z.infer<typeof DocumentView>;
type ListedDocument = z.infer<typeof DocumentListItem>;
type Classification = z.infer<typeof DocumentClassification>;

const documentsKey = (studentId: string) => ['student', studentId, 'documents'] as const;
const documentsPath = (studentId: string) => `${studentPath(studentId)}/documents`;

const useDocuments = (studentId: string) =>
  useQuery({
    queryKey: documentsKey(studentId),
    queryFn: () => api<typeof DocumentList>('GET', documentsPath(studentId)),
  });

const fieldMessages: Record<string, MessageKey> = {
  title: 'documents.error.title',
  fileName: 'documents.error.fileName',
  classification: 'documents.error.classification',
  sharedWithParents: 'documents.error.sharedWithParents',
};

const accept = Object.entries(documentMediaTypes)
  .flatMap(([mediaType, extensions]) => [mediaType, ...extensions.map((extension) => `.${extension}`)])
  .join(',');

const megabytes = (bytes: number) => Math.floor(bytes / (1024 * 1024));

function useFormatFile() {
  const { t, formatNumber } = useI18n();
  return (document: Document) => {
    const type = document.mediaType.startsWith('image/')
      ? t('documents.type.image')
      : document.mediaType === 'application/pdf'
        ? t('documents.type.pdf')
        : t('documents.type.word');
    const size =
      document.sizeBytes < 1024 * 1024
        ? t('documents.size.kB', { size: formatNumber(Math.max(1, Math.round(document.sizeBytes / 1024))) })
        : t('documents.size.MB', { size: formatNumber(Math.round(document.sizeBytes / 104_857.6) / 10) });
    return t('documents.fileDescription', { type, size });
  };
}

function DocumentTable({
  student,
  documents,
  onChange,
}: {
  student: Student;
  documents: ListedDocument[];
  onChange: (document: ListedDocument) => void;
}) {
  const { t, formatDate } = useI18n();
  const formatFile = useFormatFile();
  // Parents see only what was shared with them: for them these columns say nothing.
  const isStaff = !student.permissions.asParent;
  return (
    <DataTable
      caption={t('documents.list.caption', { name: student.givenName })}
      columns={[
        {
          header: t('documents.column.title'),
          cell: (document) => (
            <a
              className="utrecht-link"
              href={`/api/documents/${encodeURIComponent(document.id)}/content`}
              download={document.fileName}
              aria-label={t('documents.download', { title: document.title })}
            >
              {document.title}
            </a>
          ),
        },
        {
          header: t('documents.column.file'),
          cell: (document) => (
            <>
              {document.fileName}
              <br />
              {formatFile(document)}
            </>
          ),
        },
        ...(isStaff
          ? [
              {
                header: t('documents.column.kind'),
                cell: (document: Document) => t(`documents.classification.${document.classification}`),
              },
              {
                header: t('documents.column.shared'),
                cell: (document: Document) =>
                  document.sharedWithParents ? t('documents.shared.yes') : t('documents.shared.no'),
              },
            ]
          : []),
        {
          header: t('documents.column.uploaded'),
          cell: (document) =>
            t('documents.uploadedByOn', {
              name: document.uploadedByName ?? t('student.unknownPerson'),
              date: formatDate(document.uploadedAt),
            }),
        },
        ...(documents.some((document) => document.mayChange)
          ? [
              {
                header: t('documents.column.actions'),
                cell: (document: ListedDocument) =>
                  document.mayChange && (
                    <Button
                      appearance="subtle-button"
                      aria-label={t('documents.change.open', { title: document.title })}
                      onClick={() => onChange(document)}
                    >
                      {t('documents.change.button')}
                    </Button>
                  ),
              },
            ]
          : []),
      ]}
      rows={documents}
      rowKey={(document) => document.id}
    />
  );
}

/** The server's refusal as a message next to the field it is about. */
function errorsOf(caught: unknown): FieldErrors {
  if (caught instanceof ApiError) {
    if (caught.status === 413) return { file: 'documents.error.tooLarge' };
    const details = (caught.details ?? {}) as { reason?: string; issues?: Array<{ path?: string }> };
    const reason = contentRefusals.find((known) => known === details.reason);
    if (reason) return { file: `documents.error.${reason}` };
    if (caught.code === 'validation_failed' && Array.isArray(details.issues)) {
      const errors: FieldErrors = {};
      for (const issue of details.issues) {
        const field = (issue.path ?? '').replace(/^querystring\.?/, '');
        const path = field === 'fileName' ? 'file' : field;
        errors[path] ??= fieldMessages[field] ?? 'admin.error.form';
      }
      return errors;
    }
    if (caught.code === 'forbidden') return { '': 'documents.error.forbidden' };
  }
  return errorsFromResponse(caught);
}

function UploadForm({ student, list }: { student: Student; list: Documents }) {
  const { t } = useI18n();
  const client = useQueryClient();
  const choices = list.uploadClassifications;
  const [file, setFile] = useState<File | null>(null);
  // A new key empties the file input after an upload.
  const [fileInputKey, setFileInputKey] = useState(0);
  const [title, setTitle] = useState('');
  // Chosen each time when there is a choice: a medical report must not slip in as an ordinary one.
  const [classification, setClassification] = useState<Classification | ''>(
    choices.length === 1 ? choices[0]! : '',
  );
  const [shared, setShared] = useState(false);
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const [busy, setBusy] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const maxMegabytes = megabytes(list.maxUploadBytes);
  const mayShare = classification !== 'medical_psychological';

  function chooseFile(chosen: File | null) {
    setFile(chosen);
    // The title starts as the file's name without its extension; the user may change it.
    if (chosen && title.trim() === '') setTitle(chosen.name.replace(/\.[^.]+$/, ''));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    setAdded(null);
    const fileError: MessageKey | null =
      file === null
        ? 'documents.error.file'
        : file.size === 0
          ? 'documents.error.empty'
          : file.size > list.maxUploadBytes
            ? 'documents.error.tooLarge'
            : null;
    const query = {
      title,
      fileName: file?.name ?? 'x',
      classification: classification || undefined,
      sharedWithParents: mayShare && shared ? 'true' : 'false',
    };
    const checked = validate(UploadDocumentQuery, query, fieldMessages);
    const found: FieldErrors = { ...(fileError ? { file: fileError } : {}), ...(checked.errors ?? {}) };
    if (found.fileName) {
      found.file ??= found.fileName;
      delete found.fileName;
    }
    if (Object.keys(found).length > 0 || !file) {
      setErrors(found);
      return;
    }
    setBusy(true);
    try {
      const search = new URLSearchParams({
        title: query.title,
        fileName: file.name,
        classification: String(query.classification),
        sharedWithParents: query.sharedWithParents,
      });
      const document = await api<typeof DocumentView>('POST', `${documentsPath(student.id)}?${search}`, file);
      setErrors(null);
      setFile(null);
      setFileInputKey((key) => key + 1);
      setTitle('');
      setClassification(choices.length === 1 ? choices[0]! : '');
      setShared(false);
      setAdded(document.title);
      await client.invalidateQueries({ queryKey: documentsKey(student.id) });
    } catch (caught) {
      setErrors(errorsOf(caught));
    } finally {
      setBusy(false);
    }
  }

  const fileId = fieldId('file');
  const fileError = errors?.file;
  return (
    <form className="passend-form" onSubmit={submit} noValidate aria-label={t('documents.upload.label')}>
      <StatusMessage>{added ? t('documents.upload.done', { title: added }) : ''}</StatusMessage>
      <ErrorSummary errors={errors} />
      <FormField invalid={Boolean(fileError)}>
        <FormLabel htmlFor={fileId}>{t('documents.upload.file')}</FormLabel>
        <FormFieldDescription id={`${fileId}-description`}>
          {t('documents.upload.fileHint', { max: maxMegabytes })}
        </FormFieldDescription>
        {fileError && <FormFieldErrorMessage id={`${fileId}-error`}>{t(fileError)}</FormFieldErrorMessage>}
        <input
          key={fileInputKey}
          id={fileId}
          type="file"
          className="passend-file-input"
          accept={accept}
          aria-invalid={fileError ? true : undefined}
          aria-describedby={[`${fileId}-description`, fileError && `${fileId}-error`]
            .filter(Boolean)
            .join(' ')}
          onChange={(event) => chooseFile(event.target.files?.[0] ?? null)}
        />
      </FormField>
      <TextField
        path="title"
        label={t('documents.upload.docTitle')}
        description={t('documents.upload.docTitleHint')}
        autoComplete="off"
        value={title}
        error={errors?.title}
        onChange={setTitle}
      />
      {choices.length > 1 && (
        <SelectField
          path="classification"
          label={t('documents.upload.classification')}
          description={t('documents.upload.classificationHint')}
          placeholder={t('documents.upload.choose')}
          value={classification}
          options={choices.map((choice) => ({
            value: choice,
            label: t(`documents.classification.${choice}`),
          }))}
          error={errors?.classification}
          onChange={(value) => setClassification(value as Classification | '')}
        />
      )}
      {mayShare && (
        <FormField type="checkbox" invalid={Boolean(errors?.sharedWithParents)}>
          <Checkbox
            id={fieldId('sharedWithParents')}
            checked={shared}
            aria-describedby={`${fieldId('sharedWithParents')}-description`}
            onChange={(event) => setShared(event.target.checked)}
          />
          <FormLabel htmlFor={fieldId('sharedWithParents')} type="checkbox">
            {t('documents.upload.shared')}
          </FormLabel>
          <FormFieldDescription id={`${fieldId('sharedWithParents')}-description`}>
            {t('documents.upload.sharedHint')}
          </FormFieldDescription>
        </FormField>
      )}
      <div className="passend-student-actions">
        <Button type="submit" appearance="primary-action-button" disabled={busy}>
          {busy ? t('documents.upload.busy') : t('documents.upload.submit')}
        </Button>
      </div>
    </form>
  );
}

/**
 * Corrects one document: only the fields that differ are sent. Sharing with the parents asks
 * first; a medical-psychological report offers no sharing (and is unshared when it becomes one).
 */
function ChangeForm({
  student,
  list,
  document,
  onDone,
}: {
  student: Student;
  list: Documents;
  document: ListedDocument;
  onDone: (title: string | null) => void;
}) {
  const { t } = useI18n();
  const client = useQueryClient();
  const [title, setTitle] = useState(document.title);
  const [classification, setClassification] = useState<Classification>(document.classification);
  const [shared, setShared] = useState(document.sharedWithParents);
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const [busy, setBusy] = useState(false);
  const choices = [...new Set([document.classification, ...list.uploadClassifications])];
  const mayShare = classification !== 'medical_psychological';
  const sharing = mayShare && shared;
  const body = {
    ...(title !== document.title ? { title } : {}),
    ...(classification !== document.classification ? { classification } : {}),
    ...(sharing !== document.sharedWithParents ? { sharedWithParents: sharing } : {}),
  };

  async function save() {
    const checked = validate(UpdateDocumentBody, body, fieldMessages);
    if (checked.errors) {
      setErrors(checked.errors);
      return;
    }
    if (Object.keys(body).length === 0) {
      onDone(null);
      return;
    }
    setBusy(true);
    try {
      const saved = await api<typeof DocumentView>(
        'PATCH',
        `/api/documents/${encodeURIComponent(document.id)}`,
        checked.data,
      );
      await client.invalidateQueries({ queryKey: documentsKey(student.id) });
      onDone(saved.title);
    } catch (caught) {
      setErrors(errorsFromResponse(caught, { messages: fieldMessages }));
      setBusy(false);
    }
  }

  return (
    <form
      className="passend-form"
      noValidate
      aria-label={t('documents.change.label', { title: document.title })}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <ErrorSummary errors={errors} />
      <TextField
        path="title"
        label={t('documents.upload.docTitle')}
        autoComplete="off"
        value={title}
        error={errors?.title}
        onChange={setTitle}
      />
      {choices.length > 1 && (
        <SelectField
          path="classification"
          label={t('documents.upload.classification')}
          description={t('documents.upload.classificationHint')}
          placeholder={t('documents.upload.choose')}
          value={classification}
          options={choices.map((choice) => ({
            value: choice,
            label: t(`documents.classification.${choice}`),
          }))}
          error={errors?.classification}
          onChange={(value) => setClassification(value as Classification)}
        />
      )}
      {mayShare && (
        <FormField type="checkbox" invalid={Boolean(errors?.sharedWithParents)}>
          {errors?.sharedWithParents && (
            <FormFieldErrorMessage id={`${fieldId('sharedWithParents')}-error`}>
              {t(errors.sharedWithParents)}
            </FormFieldErrorMessage>
          )}
          <Checkbox
            id={fieldId('sharedWithParents')}
            checked={shared}
            aria-describedby={`${fieldId('sharedWithParents')}-description`}
            onChange={(event) => setShared(event.target.checked)}
          />
          <FormLabel htmlFor={fieldId('sharedWithParents')} type="checkbox">
            {t('documents.upload.shared')}
          </FormLabel>
          <FormFieldDescription id={`${fieldId('sharedWithParents')}-description`}>
            {t('documents.upload.sharedHint')}
          </FormFieldDescription>
        </FormField>
      )}
      <div className="passend-student-actions">
        {sharing && !document.sharedWithParents ? (
          <ConfirmAction
            label={t('documents.change.submit')}
            question={t('documents.change.shareQuestion')}
            confirmLabel={t('documents.change.shareConfirm')}
            onConfirm={save}
            disabled={busy}
          />
        ) : (
          <Button type="submit" appearance="primary-action-button" disabled={busy}>
            {busy ? t('documents.change.busy') : t('documents.change.submit')}
          </Button>
        )}
        <Button appearance="secondary-action-button" onClick={() => onDone(null)}>
          {t('admin.cancel')}
        </Button>
      </div>
    </form>
  );
}

export default function DocumentsTab({ student }: StudentTabProps) {
  const { t } = useI18n();
  const query = useDocuments(student.id);
  const [changingId, setChangingId] = useState<string | null>(null);
  const [changed, setChanged] = useState<string | null>(null);
  if (query.isPending) return <LoadingState />;
  if (query.isError) {
    if (query.error instanceof ApiError && query.error.status === 403)
      return <EmptyState>{t('documents.list.forbidden')}</EmptyState>;
    return <ErrorState onRetry={() => void query.refetch()} />;
  }
  const list = query.data;
  const mayUpload = list.uploadClassifications.length > 0;
  const changing = list.documents.find((document) => document.id === changingId);
  return (
    <>
      {/* The tab's own heading (h2) names the list; the table's caption names it again for its rows. */}
      <div className="passend-student-section">
        <StatusMessage>{changed ? t('documents.change.done', { title: changed }) : ''}</StatusMessage>
        {list.documents.length > 0 ? (
          <DocumentTable
            student={student}
            documents={list.documents}
            onChange={(document) => {
              setChanged(null);
              setChangingId(document.id);
            }}
          />
        ) : (
          <EmptyState>
            {student.permissions.asParent ? t('documents.list.emptyParent') : t('documents.list.empty')}
          </EmptyState>
        )}
      </div>
      {changing && (
        <section aria-labelledby="documents-change" className="passend-student-section">
          <Heading level={3} id="documents-change">
            {t('documents.change.title', { title: changing.title })}
          </Heading>
          <ChangeForm
            key={changing.id}
            student={student}
            list={list}
            document={changing}
            onDone={(title) => {
              setChangingId(null);
              setChanged(title);
            }}
          />
        </section>
      )}
      {mayUpload && (
        <section aria-labelledby="documents-upload" className="passend-student-section">
          <Heading level={3} id="documents-upload">
            {t('documents.upload.title')}
          </Heading>
          <UploadForm student={student} list={list} />
        </section>
      )}
    </>
  );
}
