// The two steps of every file import page (a roster, DUO's register, …): choose the file and see
// what it would change, then send the same file again to apply it. The server keeps nothing between
// the two steps, and applying twice changes nothing more. The page says what a preview means and
// how a refusal reads; this file owns the steps, the file field and where the focus goes.
import {
  Alert,
  Button,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading,
} from '@utrecht/component-library-react';
import { type FormEvent, type ReactNode, type RefObject, useEffect, useRef, useState } from 'react';
import { fieldId } from './forms.tsx';
import './fileImport.css';

export type FileImport<Result, Failure> = ReturnType<typeof useFileImport<Result, Failure>>;

/**
 * The state of an import page. `send` posts the file (preview or apply); `failureOf` turns what it
 * threw into what the page shows; `tooLarge` is shown without sending a file above `maxBytes`.
 */
export function useFileImport<Result, Failure>({
  send,
  failureOf,
  tooLarge,
  maxBytes,
  onApplied,
}: {
  send: (file: File, apply: boolean) => Promise<Result>;
  failureOf: (error: unknown) => Failure;
  tooLarge: Failure;
  maxBytes: number;
  onApplied?: () => Promise<unknown>;
}) {
  const [file, setFile] = useState<File | null>(null);
  const [fileMissing, setFileMissing] = useState(false);
  const [busy, setBusy] = useState<'preview' | 'apply' | null>(null);
  const [result, setResult] = useState<Result | null>(null);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [inputKey, setInputKey] = useState(0);
  // Focus goes to what answered: the preview or result's heading, or the refusal.
  const answer = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (result || failure) answer.current?.focus();
  }, [result, failure]);

  async function sendFile(apply: boolean) {
    if (!file) return;
    setBusy(apply ? 'apply' : 'preview');
    setFailure(null);
    try {
      setResult(await send(file, apply));
      if (apply) await onApplied?.();
    } catch (error) {
      setResult(null);
      setFailure(failureOf(error));
    } finally {
      setBusy(null);
    }
  }

  return {
    file,
    fileMissing,
    busy,
    result,
    failure,
    inputKey,
    answer,
    choose(chosen: File | null) {
      setFile(chosen);
      setFileMissing(false);
      setResult(null);
      setFailure(null);
    },
    preview(event: FormEvent) {
      event.preventDefault();
      if (!file) {
        setFileMissing(true);
        return;
      }
      if (file.size > maxBytes) {
        setResult(null);
        setFailure(tooLarge);
        return;
      }
      void sendFile(false);
    },
    apply() {
      void sendFile(true);
    },
    /** The preview again with the same file, after the page asked for more (e.g. which child). */
    again() {
      void sendFile(false);
    },
    startOver() {
      setFile(null);
      setResult(null);
      setFailure(null);
      setInputKey((key) => key + 1);
    },
  };
}

/** The file field and the preview button; hidden once the file is applied. */
export function FileChoiceForm({
  state,
  name,
  accept,
  texts,
  onPreview,
  children,
}: {
  state: FileImport<unknown, unknown>;
  /** Before the preview is sent (e.g. forget what was chosen for the last file). */
  onPreview?: () => void;
  name: string;
  accept: string;
  texts: { label: string; hint: string; missing: string; preview: string };
  /** More fields of the import, before the file (e.g. the kind of the file's schools). */
  children?: React.ReactNode;
}) {
  const id = fieldId(name);
  return (
    <form
      className="passend-form passend-import-form"
      onSubmit={(event) => {
        onPreview?.();
        state.preview(event);
      }}
      noValidate
    >
      {children}
      <FormField invalid={state.fileMissing}>
        <FormLabel htmlFor={id}>{texts.label}</FormLabel>
        <FormFieldDescription id={`${id}-description`}>{texts.hint}</FormFieldDescription>
        {state.fileMissing && (
          <FormFieldErrorMessage id={`${id}-error`}>{texts.missing}</FormFieldErrorMessage>
        )}
        <input
          key={state.inputKey}
          id={id}
          type="file"
          className="passend-file-input"
          accept={accept}
          aria-invalid={state.fileMissing ? true : undefined}
          aria-describedby={[`${id}-description`, state.fileMissing && `${id}-error`]
            .filter(Boolean)
            .join(' ')}
          onChange={(event) => state.choose(event.target.files?.[0] ?? null)}
        />
      </FormField>
      <Button type="submit" appearance="secondary-action-button" disabled={state.busy !== null}>
        {texts.preview}
      </Button>
    </form>
  );
}

/** The refusal of a file: an alert whose heading takes the focus. */
export function ImportRefusal({
  heading,
  title,
  children,
}: {
  heading: RefObject<HTMLHeadingElement | null>;
  title: string;
  children: ReactNode;
}) {
  return (
    <div className="passend-import-refusal">
      <Alert type="error" role="alert">
        <Heading level={2} ref={heading} tabIndex={-1}>
          {title}
        </Heading>
        {children}
      </Alert>
    </div>
  );
}

export type XmlProblem = {
  line: number | null;
  element: string | null;
  record?: string | null;
  message: string;
};

/** The problems the XSD found, each with its line and the record or element it is about. */
export function XmlProblemList({
  problems,
  lineLabel,
}: {
  problems: readonly XmlProblem[];
  lineLabel: (line: number) => string;
}) {
  return (
    <ul className="passend-import-problems">
      {problems.map((problem, index) => {
        const where = [
          problem.line === null ? null : lineLabel(problem.line),
          problem.record ?? problem.element,
        ]
          .filter(Boolean)
          .join(', ');
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: the problems are a fixed list, in order.
          <li key={index}>
            {where && `${where}: `}
            {/* The XSD's own message: libxml2 writes it in English. */}
            <span lang="en">{problem.message}</span>
          </li>
        );
      })}
    </ul>
  );
}
