// Form pieces shared by the admin pages and the child's file: hooks for a form's errors, progress
// and outcome; the form's frame; fields with their error next to them; an error summary that takes
// focus and links to the fields; and the translation of zod issues and server errors into
// messages. The same contract schemas validate here and on the server, so both speak in the same
// paths. A field's message says what to do: an empty field asks for it, a too-long one for less
// (messageFor).

import {
  Alert,
  Button,
  Checkbox,
  Fieldset,
  FieldsetLegend,
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
import { ApiError } from '../app/api.ts';
import { useI18n } from '../i18n/index.tsx';
import { type MessageKey, nl } from '../i18n/nl.ts';

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
  boardId: 'admin.error.boardId',
  schoolIds: 'admin.error.schoolIds',
  memberIds: 'admin.error.memberIds',
  code: 'admin.error.boardCode',
  municipalities: 'admin.error.municipalities',
  holidayRegion: 'admin.error.holidayRegion',
};

/** A form's own words for a field whose general message does not fit it (a partner's "kind"). */
export type FieldMessages = Record<string, MessageKey>;

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

/** What is wrong with a value, as far as the words for it differ. */
type Problem = 'empty' | 'tooLong' | 'tooMany' | 'invalid';

const isEmpty = (value: unknown) =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

function problemOf(issue: z.core.$ZodIssue, value: unknown): Problem {
  if (isEmpty(value)) return 'empty';
  if (issue.code === 'too_big') return issue.origin === 'array' ? 'tooMany' : 'tooLong';
  return 'invalid';
}

/** The value a path names in the input (["goals", 0, "description"]). */
function valueAt(input: unknown, segments: readonly PropertyKey[]): unknown {
  let value = input;
  for (const segment of segments) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[segment];
  }
  return value;
}

const hasMessage = (key: string): key is MessageKey => key in nl;

/**
 * A field's message, by field name: the form's own words, else the shared ones. A message key may
 * have a more exact variant for an empty value (`key.empty`), a text that is too long
 * (`key.tooLong`) or a list with too many items (`key.tooMany`); without one, the key itself.
 */
function messageFor(
  path: string,
  messages: FieldMessages = {},
  problem: Problem = 'invalid',
): MessageKey | undefined {
  const name =
    path
      .split('.')
      .filter((segment) => !/^\d+$/.test(segment))
      .pop() ?? '';
  const key = messages[name] ?? invalidMessages[name];
  if (!key)
    return problem === 'empty'
      ? 'form.error.empty'
      : problem === 'tooLong'
        ? 'form.error.tooLong'
        : undefined;
  const exact = `${key}.${problem}`;
  return problem !== 'invalid' && hasMessage(exact) ? exact : key;
}

/** The number as typed (Dutch "1.250" too); empty is "not given", the rest the schema judges. */
export function numberOf(typed: string): number | undefined {
  const value = typed.trim();
  if (value === '') return undefined;
  return Number(/^\d{1,3}(\.\d{3})+$/.test(value) ? value.replace(/\./g, '') : value);
}

/** Client-side validation with the contract schema; the parsed body, or the errors by field. */
export function validate<Schema extends z.ZodType>(
  schema: Schema,
  input: unknown,
  messages?: FieldMessages,
): { data: z.infer<Schema>; errors: null } | { data: null; errors: FieldErrors } {
  const result = schema.safeParse(input);
  if (result.success) return { data: result.data, errors: null };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const path = fieldPath(issue.path);
    addError(errors, path, messageFor(path, messages, problemOf(issue, valueAt(input, issue.path))));
  }
  return { data: null, errors };
}

export type ResponseErrorOptions = {
  /** The field a 409 is about, and what to say there. */
  conflict?: { path: string; message: MessageKey };
  /** The field a refused rule (422 `rule_violated`, `details.rule`) is about, and what to say there. */
  rules?: Record<string, { path: string; message: MessageKey }>;
  /** Where a field the server names (`details.fields`) shows in this form. */
  fieldPaths?: Record<string, string>;
  messages?: FieldMessages;
};

/**
 * The errors of a failed request. Validation issues name `body.<path>`; some service errors name
 * `details.fields`; a conflict names the field the form says it is about.
 */
export function errorsFromResponse(caught: unknown, options: ResponseErrorOptions = {}): FieldErrors {
  const errors: FieldErrors = {};
  if (!(caught instanceof ApiError)) return { '': 'admin.error.network' };
  const details = (caught.details ?? {}) as {
    issues?: Array<{ path?: string }>;
    fields?: Record<string, string>;
    rule?: string;
  };
  const rule = caught.code === 'rule_violated' && details.rule ? options.rules?.[details.rule] : undefined;
  if (rule) return { [rule.path]: rule.message };
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

type SubmitOptions = ResponseErrorOptions & {
  /** A form's own reading of a failed request (a rule the server names, a conflict to show). */
  errorsOf?: (caught: unknown) => FieldErrors | Promise<FieldErrors>;
};

/**
 * A form's errors and progress. `submit` checks the input with the contract schema and, when it
 * holds, sends it; on failure the server's errors go next to the fields. The form keeps its own
 * values, so what was typed stays.
 */
export function useFormSubmit(options: SubmitOptions = {}) {
  const [errors, setErrors] = useState<FieldErrors | null>(null);
  const [busy, setBusy] = useState(false);

  /** `send` does all that a save is (the request and what follows it); its failure is shown. */
  async function submit<Schema extends z.ZodType>(
    schema: Schema,
    input: unknown,
    send: (body: z.infer<Schema>) => Promise<unknown>,
  ): Promise<void> {
    const checked = validate(schema, input, options.messages);
    if (checked.errors) {
      setErrors(checked.errors);
      return;
    }
    setBusy(true);
    try {
      await send(checked.data);
    } catch (caught) {
      setErrors(await (options.errorsOf?.(caught) ?? errorsFromResponse(caught, options)));
    } finally {
      setBusy(false);
    }
  }

  return { errors, setErrors, busy, submit };
}

/**
 * A form's values, errors, progress and outcome. `field(key)` binds a field to its value and its
 * error; `submit` is that of useFormSubmit, and remembers what the server answered.
 */
export function useAdminForm<Response extends z.ZodType, Values extends Record<string, unknown>>(
  options: SubmitOptions & {
    /** The contract of what the server answers to a save. */
    response: Response;
    initial: Values;
    onSaved?: (result: z.infer<Response>) => unknown;
  },
) {
  type Result = z.infer<Response>;
  const [values, setValues] = useState(options.initial);
  const [saved, setSaved] = useState<Result | null>(null);
  const { errors, setErrors, busy, submit: check } = useFormSubmit(options);
  const fieldErrors = errors ?? ({} as FieldErrors);

  function submit<Schema extends z.ZodType>(
    schema: Schema,
    input: unknown,
    send: (body: z.infer<Schema>) => Promise<Result>,
  ): Promise<void> {
    setSaved(null);
    return check(schema, input, async (body) => {
      const result = await send(body);
      setErrors(null);
      setSaved(() => result);
      await options.onSaved?.(result);
    });
  }

  return {
    values,
    /** What a field needs: its path, value, change handler and error. */
    field: <Key extends keyof Values & string>(key: Key) => ({
      path: key,
      value: values[key],
      onChange: (value: Values[Key]) => setValues((current) => ({ ...current, [key]: value })),
      error: fieldErrors[key],
    }),
    errors,
    /** The error of each field, by path. */
    fieldErrors,
    busy,
    /** What the server answered to the last save that worked; cleared when the next one starts. */
    saved,
    submit,
    /** Starts over: the first values, no errors, nothing saved. */
    reset: () => {
      setValues(options.initial);
      setErrors(null);
      setSaved(null);
    },
  };
}

export type AdminFormState = { errors: FieldErrors | null; busy: boolean };

/**
 * The frame of every admin form: heading, the success message (when the form has one), the error
 * summary, the fields, and the submit button that says when it is busy.
 */
export function AdminForm({
  form,
  title,
  headingLevel = 1,
  status,
  submitLabel,
  onSubmit,
  children,
}: {
  form: AdminFormState;
  title: ReactNode;
  headingLevel?: 1 | 2;
  /** The live success message; leave out when the page shows it elsewhere. */
  status?: string;
  submitLabel: string;
  onSubmit: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <form
      className="passend-form passend-admin-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <Heading level={headingLevel}>{title}</Heading>
      {status !== undefined && <StatusMessage>{status}</StatusMessage>}
      <ErrorSummary errors={form.errors} />
      {children}
      <div className="passend-admin-actions">
        <Button type="submit" appearance="primary-action-button" disabled={form.busy}>
          {form.busy ? t('admin.saving') : submitLabel}
        </Button>
      </div>
    </form>
  );
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

/** One yes-or-no question, as a checkbox with its label after it. */
export function CheckboxField({
  path,
  label,
  description,
  value,
  onChange,
}: {
  path: string;
  label: string;
  description?: string;
  value: boolean;
  onChange: (value: boolean) => void;
}) {
  const id = fieldId(path);
  return (
    <FormField type="checkbox">
      <Checkbox
        id={id}
        checked={value}
        aria-describedby={description ? `${id}-description` : undefined}
        onChange={(event: ChangeEvent<HTMLInputElement>) => onChange(event.target.checked)}
      />
      <FormLabel htmlFor={id} type="checkbox">
        {label}
      </FormLabel>
      {description && <FormFieldDescription id={`${id}-description`}>{description}</FormFieldDescription>}
    </FormField>
  );
}

export type Choice = { id: string; label: string };

/** A multi-select as checkboxes; chosen items stay visible whatever the filter says. */
export function ChoiceList({
  path,
  legend,
  choices,
  value: chosen,
  onChange,
  error,
  filterLabel,
  empty,
}: {
  path: string;
  legend: string;
  choices: readonly Choice[];
  value: readonly string[];
  onChange: (chosen: string[]) => void;
  error?: MessageKey | undefined;
  filterLabel?: string;
  empty: string;
}) {
  const { t } = useI18n();
  const [filter, setFilter] = useState('');
  // What was chosen when the form opened comes first; the order then stays put while choosing.
  const [chosenFirst] = useState(() => new Set(chosen));
  const ordered = [
    ...choices.filter((choice) => chosenFirst.has(choice.id)),
    ...choices.filter((choice) => !chosenFirst.has(choice.id)),
  ];
  const needle = filter.trim().toLocaleLowerCase();
  const shown = needle
    ? ordered.filter(
        (choice) => chosen.includes(choice.id) || choice.label.toLocaleLowerCase().includes(needle),
      )
    : ordered;
  const toggle = (id: string, checked: boolean) =>
    onChange(checked ? [...chosen, id] : chosen.filter((other) => other !== id));
  return (
    <Fieldset invalid={Boolean(error)} aria-describedby={error ? `${fieldId(path)}-error` : undefined}>
      <FieldsetLegend>{legend}</FieldsetLegend>
      {error && <FormFieldErrorMessage id={`${fieldId(path)}-error`}>{t(error)}</FormFieldErrorMessage>}
      <Paragraph role="status">{t('admin.chosen', { count: chosen.length })}</Paragraph>
      {choices.length === 0 ? (
        <Paragraph>{empty}</Paragraph>
      ) : (
        <>
          {filterLabel && (
            <TextField
              path={`${path}-filter`}
              type="search"
              label={filterLabel}
              value={filter}
              onChange={setFilter}
            />
          )}
          <ul className="passend-admin-choices">
            {shown.map((choice, index) => (
              <li key={choice.id}>
                <CheckboxField
                  // The first box is the fieldset's target for the error summary's link.
                  path={index === 0 ? path : `${path}-${choice.id}`}
                  label={choice.label}
                  value={chosen.includes(choice.id)}
                  onChange={(checked) => toggle(choice.id, checked)}
                />
              </li>
            ))}
          </ul>
        </>
      )}
    </Fieldset>
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

/** The outcome of an action on a page: `ok` is announced politely, otherwise as an alert. */
export type Feedback = { ok: boolean; text: string } | null;

/**
 * Success is announced politely, a failure as an alert; either takes focus (the button that was
 * pressed may be gone). Styled by .passend-casefile-feedback in the child's file (casefile.css).
 */
export function FeedbackMessage({ feedback }: { feedback: Feedback }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (feedback) ref.current?.focus();
  }, [feedback]);
  return (
    <div ref={ref} tabIndex={-1} className="passend-casefile-feedback">
      {feedback && !feedback.ok ? (
        <Alert type="error" role="alert">
          <Paragraph>{feedback.text}</Paragraph>
        </Alert>
      ) : (
        <StatusMessage>{feedback?.text ?? ''}</StatusMessage>
      )}
    </div>
  );
}

/**
 * A form behind a button: opening it puts focus in the form's first field (`firstField`, a field
 * path), closing it puts focus back on the button (`openButton`, which the caller renders).
 */
export function useFormToggle(firstField: string) {
  const [isOpen, setOpen] = useState(false);
  const openButton = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (isOpen) document.getElementById(fieldId(firstField))?.focus();
    else if (wasOpen.current) openButton.current?.focus();
    wasOpen.current = isOpen;
  }, [isOpen, firstField]);
  return { isOpen, setOpen, openButton };
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
