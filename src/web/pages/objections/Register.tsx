// What the register pages share: the page's frame (title, intro, loading and error states), the
// form that opens from a button, and today's date for a date field's default.
import { Button, Heading, Paragraph } from '@utrecht/component-library-react';
import type { FormEvent, ReactNode } from 'react';
import { ErrorSummary, type FieldErrors } from '../../components/forms.tsx';
import { ErrorState, LoadingState } from '../../components/States.tsx';
import { useI18n } from '../../i18n/index.tsx';

export const today = () => new Date().toISOString().slice(0, 10);

export function RegisterFrame({
  title,
  intro,
  query,
  children,
}: {
  title: string;
  intro: string;
  query: { isPending: boolean; isError: boolean; refetch: () => unknown };
  children: ReactNode;
}) {
  return (
    <>
      <Heading level={1}>{title}</Heading>
      <Paragraph>{intro}</Paragraph>
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <ErrorState onRetry={() => void query.refetch()} />
      ) : (
        children
      )}
    </>
  );
}

/** A form of a register page: its heading, the errors, the fields, save and cancel. */
export function RegisterForm({
  title,
  errors,
  busy,
  submitLabel,
  onSubmit,
  onCancel,
  children,
}: {
  title: string;
  errors: FieldErrors | null;
  busy: boolean;
  submitLabel: string;
  onSubmit: () => void;
  onCancel?: () => void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <form
      className="passend-form passend-request-form"
      noValidate
      aria-label={title}
      onSubmit={(event: FormEvent) => {
        event.preventDefault();
        onSubmit();
      }}
    >
      <Heading level={2}>{title}</Heading>
      <ErrorSummary errors={errors} />
      {children}
      <div className="passend-student-actions">
        <Button type="submit" appearance="primary-action-button" disabled={busy}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button appearance="secondary-action-button" onClick={onCancel}>
            {t('obj.cancel')}
          </Button>
        )}
      </div>
    </form>
  );
}
