// Form pieces of the admin pages: fields with their error next to them, an error summary that takes
// focus and links to the fields, and the translation of zod issues and server errors into messages.
// The same contract schemas validate here and on the server, so both speak in the same paths.
import {
  Alert,
  Button,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading,
  Paragraph,
  Select,
  SelectOption,
  Textarea,
  Textbox,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import {
  type ChangeEvent,
  type InputHTMLAttributes,
  type ReactNode,
  useEffect,
  useRef,
  useState,
} from 'react';
import type { z } from 'zod';
import { ApiError } from '../../app/api.ts';
import { useI18n } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/nl.ts';

/** Errors by field path ("email", "memberships.0.schoolId"); "" is the form as a whole. */
export type FieldErrors = Record<string, MessageKey>;

/** The element id of the input for a field path. */
export function fieldId(path: string): string {
  return `field-${path.replace(/\./g, '-')}`;
}

/** The message of each field when its value is not valid; the last named segment decides. */
const invalidMessages: Record<string, MessageKey> = {
  email: 'admin.error.email',
  displayName: 'admin.error.displayName',
  memberships: 'admin.error.memberships',
  role: 'admin.error.role',
  schoolId: 'admin.error.schoolId',
  groups: 'admin.error.groups',
  partnerOrganisationId: 'admin.error.partnerOrganisationId',
  name: 'admin.error.name',
  locationCode: 'admin.error.locationCode',
  kind: 'admin.error.kind',
  wijk: 'admin.error.wijk',
  municipality: 'admin.error.municipality',
  pupilCount: 'admin.error.pupilCount',
  schoolIds: 'admin.error.schoolIds',
  memberIds: 'admin.error.memberIds',
};

/** "memberships.1.groups.0" → "memberships.1.groups": the field the user can change. */
function fieldPath(segments: readonly PropertyKey[]): string {
  const names = segments.map(String);
  let last = names.length - 1;
  while (last > 0 && /^\d+$/.test(names[last]!)) last -= 1;
  return names.slice(0, last + 1).join('.');
}

function addError(errors: FieldErrors, path: string, message: MessageKey | undefined) {
  if (!(path in errors)) errors[path] = message ?? 'admin.error.form';
}

/** Other pages' forms pass the messages of their own fields (`extra`), by field name. */
function messageFor(path: string, extra: Record<string, MessageKey> = {}): MessageKey | undefined {
  const name =
    path
      .split('.')
      .filter((segment) => !/^\d+$/.test(segment))
      .pop() ?? '';
  return extra[name] ?? invalidMessages[name];
}

/** Client-side validation with the contract schema; the parsed body, or the errors by field. */
export function validate<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  messages?: Record<string, MessageKey>,
): { data: z.infer<Schema>; errors: null } | { data: null; errors: FieldErrors } {
  const result = schema.safeParse(input);
  if (result.success) return { data: result.data, errors: null };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const path = fieldPath(issue.path);
    addError(errors, path, messageFor(path, messages));
  }
  return { data: null, errors };
}

/**
 * The errors of a failed request. Validation issues name `body.<path>`; some service errors name
 * `details.fields`; a conflict names the field the form says it is about.
 */
export function errorsFromResponse(
  caught: unknown,
  options: {
    conflict?: { path: string; message: MessageKey };
    fieldPaths?: Record<string, string>;
    messages?: Record<string, MessageKey>;
  } = {},
): FieldErrors {
  const errors: FieldErrors = {};
  if (!(caught instanceof ApiError)) return { '': 'admin.error.network' };
  const details = (caught.details ?? {}) as {
    issues?: Array<{ path?: string }>;
    fields?: Record<string, string>;
  };
  if (caught.code === 'validation_failed' && Array.isArray(details.issues)) {
    for (const issue of details.issues) {
      const path = fieldPath((issue.path ?? '').replace(/^body\.?/, '').split('.'));
      addError(errors, path, messageFor(path, options.messages));
    }
  }
  for (const [field, reason] of Object.entries(details.fields ?? {})) {
    const path = options.fieldPaths?.[field] ?? field;
    if (field === 'email' && reason === 'taken') addError(errors, path, 'admin.error.email.taken');
    else addError(errors, path, messageFor(path, options.messages));
  }
  if (Object.keys(errors).length > 0) return errors;
  if (caught.code === 'conflict' && options.conflict)
    return { [options.conflict.path]: options.conflict.message };
  if (caught.code === 'forbidden') return { '': 'admin.error.forbidden' };
  if (caught.code === 'not_found') return { '': 'admin.error.notFound' };
  return { '': 'admin.error.form' };
}

/** "There is a problem": takes focus when it appears, each error links to its field. */
export function ErrorSummary({ errors }: { errors: FieldErrors | null }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors && Object.keys(errors).length > 0) ref.current?.focus();
  }, [errors]);
  if (!errors || Object.keys(errors).length === 0) return null;
  // In the order the fields appear on the page, not the order the schema checks them.
  const position = (path: string) => {
    const element = path ? document.getElementById(fieldId(path)) : null;
    return element ? Array.from(document.querySelectorAll('[id]')).indexOf(element) : -1;
  };
  const entries = Object.entries(errors).sort(([a], [b]) => position(a) - position(b));
  return (
    <div ref={ref} tabIndex={-1} className="passend-admin-summary">
      <Alert type="error" role="alert">
        <Heading level={2} appearance="utrecht-heading-4">
          {t('admin.errorSummary')}
        </Heading>
        <UnorderedList>
          {entries.map(([path, message]) => (
            <UnorderedListItem key={path || 'form'}>
              {path ? (
                <a
                  className="utrecht-link"
                  href={`#${fieldId(path)}`}
                  onClick={(event) => {
                    const target = document.getElementById(fieldId(path));
                    if (!target) return;
                    event.preventDefault();
                    target.focus();
                    target.scrollIntoView({ block: 'center' });
                  }}
                >
                  {t(message)}
                </a>
              ) : (
                t(message)
              )}
            </UnorderedListItem>
          ))}
        </UnorderedList>
      </Alert>
    </div>
  );
}

type TextFieldProps = {
  path: string;
  label: string;
  description?: string;
  value: string;
  onChange: (value: string) => void;
  error?: MessageKey | undefined;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'id'>;

export function TextField({ path, label, description, value, onChange, error, ...input }: TextFieldProps) {
  const { t } = useI18n();
  const id = fieldId(path);
  const describedBy = [description && `${id}-description`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <FormField invalid={Boolean(error)}>
      <FormLabel htmlFor={id}>{label}</FormLabel>
      {description && <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription>}
      {error && <FormFieldErrorMessage id={`${id}-error`}>{t(error)}</FormFieldErrorMessage>}
      <Textbox
        id={id}
        invalid={Boolean(error)}
        aria-describedby={describedBy || undefined}
        value={value}
        onChange={(event: ChangeEvent<HTMLInputElement>) => onChange(event.target.value)}
        {...input}
      />
    </FormField>
  );
}

/** Longer text (a reason, a note): the same label, description and error as TextField. */
export function TextAreaField({
  path,
  label,
  description,
  value,
  onChange,
  error,
  rows = 4,
}: {
  path: string;
  label: string;
  description?: string;
  value: string;
  onChange: (value: string) => void;
  error?: MessageKey | undefined;
  rows?: number;
}) {
  const { t } = useI18n();
  const id = fieldId(path);
  const describedBy = [description && `${id}-description`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <FormField invalid={Boolean(error)}>
      <FormLabel htmlFor={id}>{label}</FormLabel>
      {description && <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription>}
      {error && <FormFieldErrorMessage id={`${id}-error`}>{t(error)}</FormFieldErrorMessage>}
      <Textarea
        id={id}
        rows={rows}
        invalid={Boolean(error)}
        aria-describedby={describedBy || undefined}
        value={value}
        onChange={(event: ChangeEvent<HTMLTextAreaElement>) => onChange(event.target.value)}
      />
    </FormField>
  );
}

export function SelectField({
  path,
  label,
  description,
  value,
  onChange,
  error,
  options,
  placeholder,
}: {
  path: string;
  label: string;
  description?: string;
  value: string;
  onChange: (value: string) => void;
  error?: MessageKey | undefined;
  options: ReadonlyArray<{ value: string; label: string }>;
  placeholder: string;
}) {
  const { t } = useI18n();
  const id = fieldId(path);
  const describedBy = [description && `${id}-description`, error && `${id}-error`].filter(Boolean).join(' ');
  return (
    <FormField invalid={Boolean(error)}>
      <FormLabel htmlFor={id}>{label}</FormLabel>
      {description && <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription>}
      {error && <FormFieldErrorMessage id={`${id}-error`}>{t(error)}</FormFieldErrorMessage>}
      <Select
        id={id}
        invalid={Boolean(error)}
        aria-describedby={describedBy || undefined}
        value={value}
        onChange={(event: ChangeEvent<HTMLSelectElement>) => onChange(event.target.value)}
      >
        <SelectOption value="">{placeholder}</SelectOption>
        {options.map((option) => (
          <SelectOption key={option.value} value={option.value}>
            {option.label}
          </SelectOption>
        ))}
      </Select>
    </FormField>
  );
}

/** A success or progress message read out by screen readers. */
export function StatusMessage({ children }: { children: ReactNode }) {
  return (
    <div role="status" className="passend-admin-status">
      {children && (
        <Alert type="ok">
          <Paragraph>{children}</Paragraph>
        </Alert>
      )}
    </div>
  );
}

/**
 * An action that asks first: the button opens a question with "yes" and "cancel"; focus moves to
 * the question and back to the button when cancelled.
 */
export function ConfirmAction({
  label,
  question,
  confirmLabel,
  onConfirm,
  disabled,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => Promise<void>;
  disabled?: boolean;
}) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const questionRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  useEffect(() => {
    if (asking) questionRef.current?.focus();
    else if (wasAsking.current) buttonRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);
  if (!asking) {
    return (
      <Button
        ref={buttonRef}
        appearance="secondary-action-button"
        disabled={disabled}
        onClick={() => setAsking(true)}
      >
        {label}
      </Button>
    );
  }
  return (
    <div ref={questionRef} tabIndex={-1} className="passend-admin-confirm">
      <Alert type="warning">
        <Paragraph>{question}</Paragraph>
        <div className="passend-admin-actions">
          <Button
            appearance="primary-action-button"
            disabled={busy}
            onClick={async () => {
              setBusy(true);
              try {
                await onConfirm();
              } finally {
                setBusy(false);
                setAsking(false);
              }
            }}
          >
            {confirmLabel}
          </Button>
          <Button appearance="secondary-action-button" onClick={() => setAsking(false)}>
            {t('admin.cancel')}
          </Button>
        </div>
      </Alert>
    </div>
  );
}
